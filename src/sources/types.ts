/**
 * What the sources need from the detector, structurally: the real `Detector` (src/scan/detector.ts)
 * satisfies it, and tests can pass a small stand-in. Keeping the sources on this narrow port means
 * they never depend on how rules are compiled.
 */
import type { DetectedKey } from '../scan/detector.js';
import type { CommitInfo, FindingAdvice, FindingSource, ScanWarning } from '../types.js';

/** A key as the detector reports it (a type-only import: the sources never build rules). */
export type RawKey = DetectedKey;

export interface KeyDetector {
  /** Cheap keyword pre-filter on raw bytes: false means "no rule can match here". */
  mightMatch(chunk: Buffer | string): boolean;
  /**
   * Optional: true when the bytes certainly hold no base64 run that could hide a key, so `scan` of
   * their text may be told `base64Clear` and skip looking.
   */
  base64Clear?(chunk: Buffer): boolean;
  /**
   * `binary`: the text is printable runs taken from binary data (keys may carry a glued length byte).
   * `base64Clear`: `base64Clear` returned true for the bytes of this text.
   * `utf8Bytes`: the bytes the text was decoded from (a detector may search them instead of the text).
   */
  scan(
    text: string,
    firstLine?: number,
    opts?: { binary?: boolean; base64Clear?: boolean; utf8Bytes?: Buffer },
  ): RawKey[];
}

/** A key seen by a source, placed in a file (relative, forward slashes), before it becomes a Finding. */
export interface Hit {
  key: RawKey;
  file: string;
  source: FindingSource;
  commit?: CommitInfo;
  /** Overrides `key.ruleId` (the workflow guard reports as its own rule). */
  ruleId?: string;
  description?: string;
  message?: string;
  /** The context-specific fix (src/advice/), set after the scan for hits in recognised files only. */
  advice?: FindingAdvice;
}

export interface SourceResult {
  hits: Hit[];
  warnings: ScanWarning[];
  /** Keys the detector marked as inline-allowed: dropped, but counted. */
  suppressed: number;
  files: number;
  bytes: number;
  commits?: number;
}
