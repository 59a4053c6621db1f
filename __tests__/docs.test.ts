import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

describe('the README', () => {
  it('matches action.yml and the example workflows (run node scripts/gen-docs.mjs)', () => {
    expect(() =>
      execFileSync(process.execPath, ['scripts/gen-docs.mjs', '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync('action.yml', 'utf8'));

  it('runs the bundled entry point on the node24 runtime', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('documents every input and output', () => {
    for (const section of [action.inputs, action.outputs]) {
      for (const [name, spec] of Object.entries<any>(section)) {
        expect([name, typeof spec.description]).toEqual([name, 'string']);
      }
    }
  });
});

describe('the example workflows', () => {
  it.each(['pr-check', 'nightly-sweep', 'rotate-dispatch'])(
    '%s parses and declares minimal permissions',
    (name) => {
      const wf = parse(readFileSync(`examples/workflows/${name}.yml`, 'utf8'));
      expect(wf.permissions).toBeDefined();
      expect(wf.permissions.secrets).toBeUndefined();
      expect(Object.keys(wf.jobs).length).toBeGreaterThan(0);
    },
  );

  it.each(['nightly-sweep', 'rotate-dispatch'])(
    '%s serialises rotations with a concurrency group',
    (name) => {
      const wf = parse(readFileSync(`examples/workflows/${name}.yml`, 'utf8'));
      expect(wf.concurrency).toEqual({ group: 'keyguard-rotation', 'cancel-in-progress': false });
    },
  );
});

describe('the README configuration example', () => {
  it('is accepted by every section validator', async () => {
    const { parseConfig } = await import('../src/config/load.js');
    const { parseRotationConfig } = await import('../src/rotate/config.js');
    const { parseAuditConfig } = await import('../src/audit/config.js');
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'));
    const yaml = section.split('```yaml\n')[1]!.split('```')[0]!;
    const config = parseConfig(yaml, '.keyguard.yml');
    expect(() => parseRotationConfig(config.rotation, config.source.lineOf, '.keyguard.yml')).not.toThrow();
    expect(() => parseAuditConfig(config.audit, config.source.lineOf, '.keyguard.yml')).not.toThrow();
  });
});
