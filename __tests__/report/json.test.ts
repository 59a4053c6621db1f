import { buildJsonReport, renderJson } from '../../src/report/index.js';
import { sampleFindings } from './fixtures.js';
import { expectGolden } from './golden.js';

describe('renderJson', () => {
  const sample = sampleFindings();

  it('matches the golden report', () => {
    expectGolden('report.json.golden', renderJson({ ...sample, baselined: 1 }, { version: '0.1.0' }));
  });

  it('counts findings by verification verdict', () => {
    expect(buildJsonReport(sample, { version: '0.1.0' }).summary).toMatchObject({
      findings: 5,
      files: 4,
      live: 1,
      revoked: 1,
      unknown: 1,
      unverified: 2,
      suppressed: 2,
    });
  });

  it('gives each finding its redacted key and fingerprint and no secret field', () => {
    const [first] = buildJsonReport(sample, { version: '0.1.0' }).findings;
    expect(first.redacted).toMatch(/…/);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(first).not.toHaveProperty('secret');
  });

  it('leaves out fields a finding was never given, even when added by mistake', () => {
    const f = { ...sample.findings[4], extra: 'x' } as any;
    expect(Object.keys(buildJsonReport({ findings: [f] }, { version: '1' }).findings[0])).not.toContain(
      'extra',
    );
  });

  it('prints on one line when pretty is off', () => {
    expect(renderJson(sample, { version: '0.1.0', pretty: false }).trimEnd()).not.toContain('\n');
  });
});
