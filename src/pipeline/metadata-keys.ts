/**
 * Keys that ride in the outside text keyguard echoes next to a finding: a file name
 * (`keys/<key>.txt`), a commit author's name or e-mail. They are no part of the file's content, so the
 * scan never reports them, yet every sink (annotations, summary, SARIF, JSON, incident) prints them.
 *
 * One detector pass over the distinct values (not per sink): every key found is masked (`mask`, the
 * action's `core.setSecret`) before anything is printed, and the value is rewritten in the finding with
 * the key's redacted form, so every report shows the same redacted text. An annotation's `file=` then
 * no longer points at the real file: the runner cannot place it, which is the price of not printing it.
 */
import { Detector, type DetectorOptions } from '../scan/detector.js';
import { Secret } from '../scan/secret.js';
import type { Finding } from '../types.js';

export interface MetadataKeys {
  /** Distinct keys found in file names and commit identities. */
  keys: Secret[];
}

/** Redacts (and masks first) keys in the paths and commit identities of `findings`, in place. */
export function redactMetadataKeys(
  findings: Finding[],
  detectorOptions: DetectorOptions | undefined,
  mask: (value: string) => void,
): MetadataKeys {
  const values = new Set<string>();
  for (const f of findings) {
    values.add(f.file);
    if (f.commit) {
      values.add(f.commit.author);
      values.add(f.commit.email);
    }
  }
  if (!values.size) return { keys: [] }; // no finding: no detector to compile
  const det = new Detector(detectorOptions);
  const rewritten = new Map<string, string>();
  const keys = new Map<string, Secret>();
  for (const value of values) {
    if (!value || !det.mightMatch(value)) continue;
    const found = det.scan(value, 1);
    if (!found.length) continue;
    let text = value;
    for (const k of found) {
      const secret = keys.get(k.key) ?? new Secret(k.key);
      if (!keys.has(k.key)) {
        keys.set(k.key, secret);
        mask(k.key);
      }
      text = text.split(k.key).join(secret.redacted);
    }
    rewritten.set(value, text);
  }
  if (rewritten.size) {
    const fix = (v: string) => rewritten.get(v) ?? v;
    for (const f of findings) {
      f.file = fix(f.file);
      if (f.commit) f.commit = { ...f.commit, author: fix(f.commit.author), email: fix(f.commit.email) };
    }
  }
  return { keys: [...keys.values()] };
}
