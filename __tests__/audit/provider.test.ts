import { auditProvider } from '../../src/audit/provider.js';
import type { KeyRef, Provider, TimeWindow, UsageEvent } from '../../src/providers/types.js';

const H = 3_600_000;
const END = Date.UTC(2026, 10, 20);
const iso = (ms: number) => new Date(ms).toISOString();
const ref: KeyRef = { provider: 'fake', id: 'key_1' };

function fake(usage?: (ref: KeyRef, w: TimeWindow) => Promise<UsageEvent[]>): Provider {
  return {
    id: 'fake',
    displayName: 'Fake',
    capabilities: { verify: true, locate: true, create: false, disable: true, usage: usage !== undefined },
    limitations: [],
    verify: async () => {
      throw new Error('not used');
    },
    ...(usage && { usage }),
  };
}

describe('auditProvider', () => {
  it('asks the provider for the 168 hours before the end', async () => {
    const seen: TimeWindow[] = [];
    await auditProvider(
      fake(async (_r, w) => {
        seen.push(w);
        return [];
      }),
      ref,
      { end: iso(END) },
    );
    expect(seen).toEqual([{ start: iso(END - 168 * H), end: iso(END) }]);
  });

  it('analyses the events of the key and ignores other keys', async () => {
    const r = await auditProvider(
      fake(async () => [
        { time: iso(END - H), bucketSeconds: 3600, requests: 5, keyId: 'key_1', source: 'fake-usage' },
        { time: iso(END - H), bucketSeconds: 3600, requests: 7, keyId: 'key_2', source: 'fake-usage' },
      ]),
      ref,
      { end: iso(END) },
    );
    expect([r.totals.requests, r.totals.ignoredOtherKeys]).toEqual([5, 1]);
  });

  it('reports a provider without a usage API as a gap', async () => {
    const r = await auditProvider(fake(), ref, { end: iso(END) });
    expect(r.gaps).toContain("Fake: no usage API, so the key's use cannot be audited from the provider.");
  });

  it('reports a failing usage API as a gap instead of throwing', async () => {
    const r = await auditProvider(
      fake(async () => {
        throw new Error('HTTP 403 insufficient permissions\nmore');
      }),
      ref,
      { end: iso(END) },
    );
    expect(r.gaps).toContain('Fake usage API failed: HTTP 403 insufficient permissions');
  });
});
