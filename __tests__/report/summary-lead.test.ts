import { renderSummary, type SummaryRotation } from '../../src/report/summary.js';
import { KeyGen } from '../helpers/keygen.js';
import { makeFinding } from './fixtures.js';

const repo = {
  owner: 'acme',
  repo: 'shop',
  serverUrl: 'https://github.com',
  sha: 'fedcba9876543210fedcba9876543210fedcba98',
};
const INTRODUCED = '0123456789abcdef0123456789abcdef01234567';
const commit = { sha: INTRODUCED, author: 'Ann', email: 'ann@example.com', date: '2026-11-01T10:00:00Z' };

describe('links in the summary', () => {
  it.each([
    ['range', INTRODUCED],
    ['history', INTRODUCED],
    ['tree', repo.sha],
  ] as const)('links a %s finding at commit %s', (source, sha) => {
    const f = makeFinding(new KeyGen(4).openaiProject(), { source, commit, file: 'tmp/added.env', line: 2 });
    expect(renderSummary({ findings: [f] }, { repo })).toContain(
      `](https://github.com/acme/shop/blob/${sha}/tmp/added.env#L2)`,
    );
  });
});

function rotation(over: Partial<SummaryRotation>, fp: string): SummaryRotation {
  return {
    replaced: 0,
    contained: 0,
    stillLive: 0,
    failed: 0,
    handled: new Set([fp]),
    table: '### Rotation: the table',
    ...over,
  };
}

describe('the summary after a rotation', () => {
  const f = makeFinding(new KeyGen(5).openaiProject(), {
    verification: {
      provider: 'openai',
      status: 'revoked',
      endpoint: 'GET /v1/models',
      detail: 'disabled by keyguard in this run',
      checkedAt: '2026-11-01T10:00:00Z',
    },
  });

  it.each([
    [{ replaced: 1 }, '## 🛡️ keyguard: leak contained: 1 replaced, none still live'],
    [{ contained: 1 }, '## 🛡️ keyguard: leak contained: 1 disabled with no replacement, none still live'],
    [{ stillLive: 1 }, '## ❌ keyguard: 1 key STILL LIVE (none contained)'],
    [
      { replaced: 1, failed: 1, stillLive: 1 },
      '## ❌ keyguard: 1 key STILL LIVE, 1 rotation failed (1 replaced)',
    ],
  ])('leads with what happened: %j', (over, heading) => {
    expect(renderSummary({ findings: [f] }, { rotation: rotation(over, f.fingerprint) }).split('\n')[0]).toBe(
      heading,
    );
  });

  it('puts the rotation table before the findings', () => {
    const md = renderSummary({ findings: [f] }, { rotation: rotation({ replaced: 1 }, f.fingerprint) });
    expect(md.indexOf('### Rotation: the table')).toBeLessThan(md.indexOf('| Location |'));
  });

  it('does not ask to rotate a key keyguard replaced', () => {
    const md = renderSummary({ findings: [f] }, { rotation: rotation({ replaced: 1 }, f.fingerprint) });
    expect([md.includes('Rotate each key'), md.includes('**Done by keyguard:**')]).toEqual([false, true]);
  });

  it('still asks to rotate the keys the rotation did not handle', () => {
    const other = makeFinding(new KeyGen(6).deepseek(), { file: 'b.env' });
    const md = renderSummary(
      { findings: [f, other] },
      { rotation: rotation({ replaced: 1 }, f.fingerprint) },
    );
    expect(md).toContain('rotate the other 1 key at the provider');
  });
});
