/**
 * A tiny stand-in with the Detector's shape, so the sources can be tested on their own: it finds
 * `sk-` keys of 20+ body characters and honours a `keyguard:allow` marker on the same line.
 */
import type { KeyDetector, RawKey } from '../../src/sources/types.js';

const KEY = /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}/g;

export class StandInDetector implements KeyDetector {
  calls = 0;
  mightMatch(chunk: Buffer | string): boolean {
    return typeof chunk === 'string' ? chunk.includes('sk-') : chunk.includes('sk-');
  }
  scan(text: string, firstLine = 1): RawKey[] {
    this.calls++;
    const out: RawKey[] = [];
    const lines = text.split('\n');
    lines.forEach((l, i) => {
      for (const m of l.matchAll(KEY)) {
        out.push({
          ruleId: 'standin',
          provider: 'openai',
          candidates: ['openai'],
          description: 'stand-in key',
          key: m[0],
          line: firstLine + i,
          column: (m.index ?? 0) + 1,
          inlineAllowed: l.includes('keyguard:allow'),
        });
      }
    });
    return out;
  }
}
