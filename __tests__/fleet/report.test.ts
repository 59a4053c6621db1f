/** `fleet report`: validated inputs, one finding per key per repository, ranking, state, exit codes, inert text. */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { MAX_STATE_FINDINGS } from '../../src/fleet/carried.js';
import { buildReport, dedupe, exitCodeOf, loadResults, nextState } from '../../src/fleet/report.js';
import { renderMarkdownReport, sarifByRepository } from '../../src/fleet/report-render.js';
import type { FleetFinding, FleetRepoResult } from '../../src/fleet/types.js';
import { KeyGen } from '../helpers/keygen.js';
import {
  COVERED_SHA,
  cleanTempDirs,
  finding,
  repo as listed,
  RULES,
  result,
  runCli,
  stateOf,
  tempDir,
} from './helpers.js';

afterEach(() => cleanTempDirs());

function writeResults(results: (FleetRepoResult | string)[], dir = tempDir()): string {
  results.forEach((r, i) => {
    const name = typeof r === 'string' ? `raw-${i}.json` : `${r.repository.replace('/', '__')}.json`;
    writeFileSync(join(dir, name), typeof r === 'string' ? r : JSON.stringify(r));
  });
  return dir;
}

/** A plan file of one shard listing `repos` under RULES, as `fleet plan` writes it, `fields` over it. */
function planFile(repos: string[], fields: Record<string, unknown> = {}): string {
  const file = join(tempDir(), 'plan.json');
  const plan = {
    include: [{ format: 1, shard: 1, repos, rulesKey: RULES }],
    unchanged: [],
    skipped: [],
    deferred: [],
  };
  writeFileSync(file, JSON.stringify({ ...plan, ...fields }));
  return file;
}

/** `fleet report` of `dir` under `plan` with `--state-out` a new state.json, and `extra` flags. */
async function reportWithStateOut(dir: string, plan: string, extra: string[] = []) {
  const stateOut = join(tempDir(), 'state.json');
  const run = await runCli([
    'fleet',
    'report',
    '--input',
    dir,
    '--plan',
    plan,
    '--state-out',
    stateOut,
    ...extra,
  ]);
  return { ...run, stateOut };
}

describe('one finding per key per repository', () => {
  it('merges the tree and history sightings of one key into one finding', () => {
    const out = dedupe([
      finding('acme/a', 'f1', { seenIn: ['history'], commit: COVERED_SHA, file: 'old.env', line: 9 }),
      finding('acme/a', 'f1', { seenIn: ['tree'] }),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      seenIn: ['history', 'tree'],
      commit: COVERED_SHA,
      file: 'config/.env',
      line: 3,
    });
  });

  it('keeps the same key in two repositories as two findings', () => {
    expect(dedupe([finding('acme/a', 'f1'), finding('acme/b', 'f1')])).toHaveLength(2);
  });

  it('keeps the most urgent verdict of the sightings', () => {
    const out = dedupe([
      finding('acme/a', 'f1', { verification: { status: 'revoked' } }),
      finding('acme/a', 'f1', { seenIn: ['history'], verification: { status: 'live' } }),
    ]);
    expect(out[0]!.verification!.status).toBe('live');
  });
});

describe('ranking', () => {
  it('ranks repositories live first, then unknown, then revoked, then by count', async () => {
    const dir = writeResults([
      result('acme/revoked', [finding('acme/revoked', 'r1', { verification: { status: 'revoked' } })]),
      result('acme/many-unknown', [finding('acme/many-unknown', 'u1'), finding('acme/many-unknown', 'u2')]),
      result('acme/one-unknown', [
        finding('acme/one-unknown', 'u3', { verification: { status: 'unknown' } }),
      ]),
      result('acme/live', [finding('acme/live', 'l1', { verification: { status: 'live' } })]),
      result('acme/clean'),
    ]);
    const r = buildReport(await loadResults([dir]));
    expect(r.repositories.map((x) => x.repository)).toEqual([
      'acme/live',
      'acme/many-unknown',
      'acme/one-unknown',
      'acme/revoked',
      'acme/clean',
    ]);
    expect(r.findings[0]!.repository).toBe('acme/live');
  });
});

describe('exit codes', () => {
  it.each([
    ['clean', [result('acme/a')], 0],
    ['leaks', [result('acme/a', [finding('acme/a', 'x')])], 1],
    [
      'a failed repository',
      [result('acme/a'), result('acme/b', [], { status: 'failed', reason: 'clone refused (403)' })],
      2,
    ],
    ['a malformed file', [result('acme/a', [finding('acme/a', 'x')]), '{"format":1,'], 2],
  ] as const)('%s → exit %p', async (_, results, code) => {
    const dir = writeResults([...results]);
    expect(exitCodeOf(buildReport(await loadResults([dir])))).toBe(code);
    const r = await runCli(['fleet', 'report', '--input', dir, '--format', 'json']);
    expect(r.code).toBe(code);
  });
});

describe('hostile input files', () => {
  const cases: [string, string][] = [
    ['not JSON', '{"format":1,'],
    ['another format', JSON.stringify({ ...result('acme/x'), format: 2 })],
    ['a repository name that climbs out', JSON.stringify(result('acme/../../etc'))],
    ['a finding of another repository', JSON.stringify(result('acme/x', [finding('acme/y', 'f')]))],
    [
      'a line that is not a number',
      JSON.stringify(result('acme/x', [finding('acme/x', 'f', { line: '3' as never })])),
    ],
    [
      'a ref name with a control character',
      JSON.stringify(result('acme/x', [], { covered: { 'refs/heads/a\u001b': COVERED_SHA } })),
    ],
  ];
  it.each(cases)('names a file that is %s, and loses nothing else', async (_, text) => {
    const dir = writeResults([result('acme/good', [finding('acme/good', 'g')]), text]);
    const loaded = await loadResults([dir]);
    expect(loaded.results.map((r) => r.repository)).toEqual(['acme/good']);
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0]!.file).toBe(join(dir, 'raw-1.json'));
  });

  it('refuses a result holding a whole key, without repeating the key', async () => {
    const key = new KeyGen(15).openaiProject();
    const dir = writeResults([result('acme/x', [finding('acme/x', 'f', { redacted: key })])]);
    const r = await runCli(['fleet', 'report', '--input', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/holds a whole key/);
    expect(r.stdout + r.stderr).not.toContain(key);
  });

  it('never quotes the text of a file that is not JSON', async () => {
    const key = new KeyGen(16).openaiProject();
    const dir = writeResults([`${key} is not JSON`]);
    const loaded = await loadResults([dir]);
    expect(loaded.errors[0]!.reason).toMatch(/^not JSON/);
    expect(JSON.stringify(loaded.errors)).not.toContain(key.slice(0, 12));
  });

  it('refuses a result that is a symbolic link, naming it, and keeps the rest', async () => {
    const dir = writeResults([result('acme/good')]);
    symlinkSync('/etc/passwd', join(dir, 'evil.json'));
    const loaded = await loadResults([dir]);
    expect(loaded.results.map((r) => r.repository)).toEqual(['acme/good']);
    expect(loaded.errors).toEqual([
      { file: join(dir, 'evil.json'), reason: expect.stringMatching(/symbolic link/) },
    ]);
  });

  it('keeps outside text inert in the Markdown summary', async () => {
    const evil = finding('acme/x', 'f', {
      file: '[click](https://evil.example)<img src=x>@admin | x\n# injected',
      ruleId: '<script>',
    });
    const dir = writeResults([
      result('acme/x', [evil]),
      result('acme/y', [], {
        status: 'failed',
        reason: 'clone refused: see https://evil.example @team #1 <b>x</b>',
      }),
    ]);
    const md = renderMarkdownReport(buildReport(await loadResults([dir])));
    // The file and rule are code spans (nothing inside one is HTML, a link or a mention)…
    expect(md).toContain('`[click](https://evil.example)<img src=x>@admin \\| x # injected:3`');
    expect(md).toContain('`<script>`');
    // …and the failure reason is plain text: no tag, no autolinked URL, no mention.
    expect(md).not.toContain('<b>');
    expect(md).not.toContain('https://evil.example @team');
    expect(md).not.toMatch(/(^|[^\u200b])@team/);
    expect(md).not.toMatch(/\n# injected/);
  });
});

describe('the next state', () => {
  it('records what tonight covered and keeps what tonight did not sweep', () => {
    const old = stateOf([listed('a'), listed('b')]);
    const s = nextState(old, [result('acme/a', [], { covered: { 'refs/heads/main': 'e'.repeat(40) } })])!;
    expect(s.repos['acme/a']!.covered).toEqual({ 'refs/heads/main': 'e'.repeat(40) });
    expect(s.repos['acme/a']!.pushedAt).toBe('2026-11-20T00:00:00Z');
    expect(s.repos['acme/b']).toEqual(old.repos['acme/b']);
  });

  it('does not count a failed repository as covered', () => {
    const s = nextState(
      undefined,
      [result('acme/a'), result('acme/b', [], { status: 'failed', reason: 'timeout' })],
      { org: 'acme' },
    )!;
    expect(Object.keys(s.repos)).toEqual(['acme/a']);
  });

  it('writes it with --state-out, and the report lists failed repositories with reasons', async () => {
    const dir = writeResults([
      result('acme/a'),
      result('acme/b', [], { status: 'failed', reason: 'clone refused (403)' }),
    ]);
    const r = await reportWithStateOut(dir, planFile(['acme/a', 'acme/b']), ['--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.failed).toEqual([{ repository: 'acme/b', reason: 'clone refused (403)' }]);
    expect(Object.keys(JSON.parse(readFileSync(r.stateOut, 'utf8')).repos)).toEqual(['acme/a']);
  });
});

describe('formats', () => {
  it('gives JSON findings repository, file, line, commit, ruleId and fingerprint', async () => {
    const dir = writeResults([
      result('acme/a', [finding('acme/a', 'f', { seenIn: ['history'], commit: COVERED_SHA })]),
    ]);
    const r = await runCli(['fleet', 'report', '--input', dir, '--format', 'json']);
    expect(JSON.parse(r.stdout).findings[0]).toMatchObject({
      repository: 'acme/a',
      file: 'config/.env',
      line: 3,
      commit: COVERED_SHA,
      ruleId: 'openai-project-key',
      fingerprint: 'f'.padEnd(32, '0'),
    });
  });

  it('writes one SARIF file per repository', async () => {
    const dir = writeResults([result('acme/a', [finding('acme/a', 'f')]), result('acme/b')]);
    const out = join(tempDir(), 'sarif');
    mkdirSync(out);
    await runCli(['fleet', 'report', '--input', dir, '--format', 'sarif', '--output', out]);
    expect(readdirSync(out).sort()).toEqual(['acme__a.sarif', 'acme__b.sarif']);
    const log = JSON.parse(readFileSync(join(out, 'acme__a.sarif'), 'utf8'));
    expect(log.runs[0].results[0].partialFingerprints['keyguard/v1']).toBe('f'.padEnd(32, '0'));
  });
});

describe('rotation outcomes in the results', () => {
  const live = (fp: string, rotation?: FleetFinding['rotation']) =>
    finding('acme/x', fp, { verification: { status: 'live' }, ...(rotation ? { rotation } : {}) });

  const hostile: [string, unknown][] = [
    ['a status keyguard never writes', { status: 'safe', detail: 'trust me' }],
    ['a detail that is not text', { status: 'rotated', detail: 42 }],
    [
      'an incident that is not a web address',
      { status: 'rotated', detail: 'x', incident: 'javascript:alert(1)' },
    ],
    ['a detail longer than 500 characters', { status: 'failed', detail: 'x'.repeat(501) }],
  ];
  it.each(hostile)('refuses a result whose rotation has %s', async (_, rotation) => {
    const bad = result('acme/x', [finding('acme/x', 'f', { rotation: rotation as never })]);
    const loaded = await loadResults([writeResults([result('acme/good'), bad])]);
    expect(loaded.results.map((r) => r.repository)).toEqual(['acme/good']);
    expect(loaded.errors[0]!.reason).toMatch(/rotation/);
  });

  it('refuses a rotation detail holding a whole key, without repeating it', async () => {
    const key = new KeyGen(17).openaiProject();
    const dir = writeResults([
      result('acme/x', [live('f', { status: 'failed', detail: `stopped: ${key}` })]),
    ]);
    const r = await runCli(['fleet', 'report', '--input', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain(key);
  });

  it('ranks a live key left live before one the sweep rotated, and counts both', () => {
    const report = buildReport({
      results: [
        result('acme/x', [live('a', { status: 'rotated', detail: 'replaced' })]),
        result('acme/y', [
          finding('acme/y', 'b', {
            verification: { status: 'live' },
            rotation: { status: 'skipped', detail: 'no config' },
          }),
        ]),
      ],
      errors: [],
      notes: [],
    });
    expect(report.findings.map((f) => f.repository)).toEqual(['acme/y', 'acme/x']);
    expect(report.repositories.map((r) => r.repository)).toEqual(['acme/y', 'acme/x']);
    expect(report.summary).toMatchObject({ live: 2, rotated: 1, leftLive: 1, rotationFailed: 0 });
  });

  it('exits 2 when a rotation stopped part-way', () => {
    const report = buildReport({
      results: [result('acme/x', [live('a', { status: 'failed', detail: 'store refused' })])],
      errors: [],
      notes: [],
    });
    expect(exitCodeOf(report)).toBe(2);
  });

  it('does not count a repository whose rotation stopped as covered, so the next night reads it again', () => {
    const old = stateOf([listed('x')]);
    const s = nextState(old, [result('acme/x', [live('a', { status: 'failed', detail: 'store refused' })])])!;
    expect(s.repos['acme/x']).toEqual(old.repos['acme/x']);
  });

  it('shows the outcome in a Rotation column of the Markdown summary, inert', () => {
    const md = renderMarkdownReport(
      buildReport({
        results: [
          result('acme/x', [
            live('a', {
              status: 'still-live',
              detail: 'not ours @team <b>x</b>',
              incident: 'https://github.com/acme/security/issues/7',
            }),
          ]),
        ],
        errors: [],
        notes: [],
      }),
    );
    expect(md).toMatch(/\| Rotation \|/);
    expect(md).toContain('([incident](https://github.com/acme/security/issues/7))');
    expect(md).not.toContain('<b>');
    expect(md).not.toMatch(/(^|[^\u200b])@team/);
  });
});

describe('findings carried from earlier nights', () => {
  const night1 = '2026-11-02T03:00:00.000Z';
  const night2 = new Date('2026-11-03T03:00:00Z');

  function stateAfterNight1(findings: FleetFinding[]) {
    return nextState(undefined, [result('acme/a', findings), result('acme/b')], {
      org: 'acme',
      now: new Date(night1),
    })!;
  }

  it('keeps each repository’s redacted findings and verdicts in the state', () => {
    const s = stateAfterNight1([finding('acme/a', 'k1', { verification: { status: 'live' } })]);
    expect(s.repos['acme/a']!.findings).toEqual([
      { ...finding('acme/a', 'k1', { verification: { status: 'live' } }), foundOn: night1 },
    ]);
    expect(s.repos['acme/b']!.findings).toBeUndefined();
  });

  it('reports the keys of an unchanged repository on a night that swept nothing, and exits 1', () => {
    const s = stateAfterNight1([finding('acme/a', 'k1')]);
    const report = buildReport({ results: [], errors: [], notes: [] }, { state: s, now: night2 });
    expect(report.findings.map((f) => [f.repository, f.fingerprint, f.foundOn])).toEqual([
      ['acme/a', 'k1'.padEnd(32, '0'), night1],
    ]);
    expect(report.repositories[0]).toMatchObject({ repository: 'acme/a', status: 'unchanged', findings: 1 });
    expect(report.summary.carried).toBe(1);
    expect(exitCodeOf(report)).toBe(1);
    expect(renderMarkdownReport(report)).not.toContain('No leaked key found.');
    expect(renderMarkdownReport(report)).toContain('earlier night: 2026-11-02');
  });

  it('keeps the old history keys of a re-swept repository and replaces its old tree ones', () => {
    const s = stateAfterNight1([
      finding('acme/a', 'hist', { seenIn: ['history'], commit: 'c'.repeat(40) }),
      finding('acme/a', 'gone', { seenIn: ['tree'] }),
    ]);
    const tonight = [result('acme/a', [finding('acme/a', 'new')])];
    const report = buildReport({ results: tonight, errors: [], notes: [] }, { state: s, now: night2 });
    expect(report.findings.map((f) => f.fingerprint.slice(0, 4)).sort()).toEqual(['hist', 'new0']);
    const next = nextState(s, tonight, { now: night2 })!;
    expect(next.repos['acme/a']!.findings!.map((f) => f.fingerprint.slice(0, 4)).sort()).toEqual([
      'hist',
      'new0',
    ]);
  });

  it('puts the older history keys into the SARIF of a changed repository', () => {
    const s = stateAfterNight1([finding('acme/a', 'hist', { seenIn: ['history'], commit: 'c'.repeat(40) })]);
    const report = buildReport(
      { results: [result('acme/a', [finding('acme/a', 'new')])], errors: [], notes: [] },
      { state: s, now: night2 },
    );
    const results = sarifByRepository(report).get('acme/a')!.runs[0]!.results;
    expect(results).toHaveLength(2);
    expect(results.map((r) => (r.properties as any).foundOn ?? null).sort()).toEqual([night1, null]);
  });

  it('carries nothing for a repository re-read under other rules', () => {
    const s = stateAfterNight1([finding('acme/a', 'hist', { seenIn: ['history'] })]);
    const tonight = [result('acme/a', [], { rulesKey: 'b'.repeat(64) })];
    expect(buildReport({ results: tonight, errors: [], notes: [] }, { state: s }).findings).toEqual([]);
  });

  it(`keeps at most ${MAX_STATE_FINDINGS} findings per repository, live first, and counts the rest`, () => {
    const many = Array.from({ length: MAX_STATE_FINDINGS + 5 }, (_, i) =>
      finding('acme/a', `k${i}`, i === MAX_STATE_FINDINGS + 4 ? { verification: { status: 'live' } } : {}),
    );
    const entry = stateAfterNight1(many).repos['acme/a']!;
    expect(entry.findings).toHaveLength(MAX_STATE_FINDINGS);
    expect(entry.findings![0]!.verification?.status).toBe('live');
    expect(entry.findingsDropped).toBe(5);
  });

  it('refuses a state whose carried finding is malformed, naming the field', async () => {
    const s = stateAfterNight1([finding('acme/a', 'k1')]) as any;
    s.repos['acme/a'].findings[0].foundOn = 'yesterday';
    const dir = tempDir();
    writeFileSync(join(dir, 'state.json'), JSON.stringify(s));
    const r = await runCli(['fleet', 'report', '--input', dir, '--state', join(dir, 'state.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/findings\[0\]\.foundOn is not a time/);
  });
});

describe('a hostile state', () => {
  function stateFile(mutate: (s: any) => void): string {
    const s = nextState(undefined, [result('acme/a', [finding('acme/a', 'k1')])], { org: 'acme' }) as any;
    mutate(s);
    const dir = tempDir();
    writeFileSync(join(dir, 'state.json'), JSON.stringify(s));
    return join(dir, 'state.json');
  }

  it('refuses a state whose carried finding holds a whole key, without repeating the key', async () => {
    const key = new KeyGen(16).openaiProject();
    const file = stateFile((s) => {
      s.repos['acme/a'].findings[0].redacted = key;
    });
    const r = await runCli(['fleet', 'report', '--input', tempDir(), '--state', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/state\.json: it holds a whole key/);
    expect(r.stderr + r.stdout).not.toContain(key);
  });

  it('writes a carried date into the Markdown summary only in its normalised form', async () => {
    const file = stateFile((s) => {
      s.repos['acme/a'].findings[0].foundOn = '2026-11-02 (<img src=x>)';
    });
    const r = await runCli([
      'fleet',
      'report',
      '--input',
      tempDir(),
      '--state',
      file,
      '--format',
      'markdown',
    ]);
    expect(r.stdout).not.toContain('<img');
    expect(r.stdout).toMatch(/earlier night: 2026-11-0[12]/);
  });
});

describe('fleet report --plan', () => {
  it('reports a planned repository without a result as failed ("no result") and exits 2', async () => {
    const dir = writeResults([result('acme/a')]);
    const r = await reportWithStateOut(dir, planFile(['acme/a', 'acme/b']), [
      '--org',
      'acme',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.failed).toEqual([
      { repository: 'acme/b', reason: expect.stringMatching(/^no result: shard 1/) },
    ]);
    expect(Object.keys(JSON.parse(readFileSync(r.stateOut, 'utf8')).repos)).toEqual(['acme/a']);
  });

  it('writes the first state of an organisation whose plan swept nothing, and exits 0', async () => {
    const plan = planFile([], { include: [], org: 'acme', rulesKey: RULES });
    const r = await reportWithStateOut(tempDir(), plan, ['--org', 'acme']);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(r.stateOut, 'utf8'))).toMatchObject({
      org: 'acme',
      rulesKey: RULES,
      repos: {},
    });
  });

  it('refuses a plan that is not one, naming the file', async () => {
    const plan = join(tempDir(), 'plan.json');
    writeFileSync(plan, JSON.stringify({ include: [{ shard: 1, repos: ['../x'] }] }));
    const r = await runCli(['fleet', 'report', '--input', writeResults([result('acme/a')]), '--plan', plan]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/plan\.json: not a keyguard fleet plan: include\[0\]/);
  });
});
