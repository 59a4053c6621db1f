import { GitHubPermissionError, IssuesDisabledError } from '../../src/github/errors.js';
import {
  createIncidentStore,
  fingerprintsIn,
  incidentMarker,
  redactKeyShapes,
  withMarker,
} from '../../src/github/incidents.js';
import { Secret } from '../../src/scan/secret.js';
import { FULL_PERMISSIONS, GITHUB_TOKEN_PERMISSIONS, type GitHubEmulator } from '../emulators/github.js';
import { KeyGen } from '../helpers/keygen.js';
import { rejection, setup } from './helpers.js';

const TOKEN = 'tok-actions';
const NO_ISSUES = 'tok-no-issues';
const gen = new KeyGen(99);
const fp = () => new Secret(gen.openaiProject()).fingerprint;

let ctx: Awaited<ReturnType<typeof setup>>;
let emulator: GitHubEmulator;
beforeEach(async () => {
  ctx = await setup({
    tokens: { [TOKEN]: GITHUB_TOKEN_PERMISSIONS, [NO_ISSUES]: { secrets: 'write' }, admin: FULL_PERMISSIONS },
  });
  emulator = ctx.emulator;
});
afterEach(() => emulator.stop());

const store = (token = TOKEN) => createIncidentStore(ctx.client(token), ctx.repo);

describe('markers', () => {
  it('appends the fingerprint marker once', () => {
    const once = withMarker('body', 'abc123');
    expect(withMarker(once, 'abc123')).toBe(once);
    expect(fingerprintsIn(once)).toEqual(['abc123']);
  });

  it('refuses a fingerprint that could break out of the HTML comment', () => {
    expect(() => incidentMarker('x --> <b>')).toThrow();
  });

  it('redacts whole keys in text but leaves their redacted form', () => {
    const key = gen.anthropic();
    const out = redactKeyShapes(`leaked: ${key} here`);
    expect(out).not.toContain(key);
    expect(out).toContain(new Secret(key).redacted);
  });
});

describe('incident issues', () => {
  it('creates a labelled issue carrying the fingerprint marker', async () => {
    const f = fp();
    const rec = await store().create(f, 'Leaked OpenAI key', 'found in src/a.ts');
    expect(rec).toMatchObject({ number: 1, state: 'open', title: 'Leaked OpenAI key' });
    expect(rec.url).toBe('https://github.com/acme/app/issues/1');
    const issue = emulator.issue(1)!;
    expect(issue.body).toContain(`<!-- keyguard:fingerprint=${f} -->`);
    expect(issue.labels).toEqual(['keyguard']);
    expect(emulator.labels.get('keyguard')?.description).toMatch(/keyguard/);
  });

  it('creates the label only once per run', async () => {
    const s = store();
    await s.create(fp(), 't1', 'b');
    await s.create(fp(), 't2', 'b');
    expect(emulator.requestsTo('POST', '/repos/acme/app/labels')).toHaveLength(1);
  });

  it('finds an issue by fingerprint across pages in a later run', async () => {
    const f = fp();
    emulator.addIssue({ title: 'target', body: withMarker('old', f), labels: ['keyguard'], state: 'closed' });
    for (let i = 0; i < 230; i++)
      emulator.addIssue({ title: `other ${i}`, body: withMarker('x', `fp${i}`), labels: ['keyguard'] });
    const rec = await store().find(f);
    expect(rec).toMatchObject({ number: 1, title: 'target', state: 'closed' });
    expect(emulator.requestsTo('GET', '/repos/acme/app/issues')).toHaveLength(3);
  });

  it('re-reads GitHub on every find, so a concurrent change is seen', async () => {
    const f = fp();
    const s = store();
    const rec = await s.create(f, 't', 'first');
    expect((await s.find(f))?.body).toContain('first');
    emulator.issue(rec.number)!.body = withMarker('changed by another run', f);
    expect((await s.find(f))?.body).toContain('changed by another run');
  });

  it('sees a duplicate opened by a concurrent run and keeps the oldest open one', async () => {
    const f = fp();
    const s = store();
    const mine = await s.create(f, 't', 'mine');
    emulator.addIssue({ title: 'theirs', body: withMarker('theirs', f), labels: ['keyguard'] });
    expect((await s.find(f))?.number).toBe(mine.number);
    await s.close(mine.number);
    expect((await s.find(f))?.title).toBe('theirs');
  });

  it('lists all issues only once per run, then only those updated since', async () => {
    const f = fp();
    const old = '2020-01-01T00:00:00Z';
    for (let i = 0; i < 150; i++)
      emulator.addIssue({ title: `unrelated ${i}`, created_at: old, updated_at: old });
    const s = store();
    expect(await s.find(f)).toBeNull();
    emulator.addIssue({ title: 'unlabelled', body: withMarker('x', f) });
    expect((await s.find(f))?.title).toBe('unlabelled');
    const lists = emulator
      .requestsTo('GET', '/repos/acme/app/issues')
      .map((r) => new URLSearchParams(r.query));
    expect(lists.filter((q) => !q.has('labels') && !q.has('since'))).toHaveLength(2); // two pages, once
    expect(lists.filter((q) => q.has('since'))).toHaveLength(1);
  });

  it('finds an issue that lost its label by listing all issues', async () => {
    const f = fp();
    emulator.addIssue({ title: 'unlabelled', body: withMarker('x', f) });
    expect((await store().find(f))?.title).toBe('unlabelled');
  });

  it('says null for an unknown fingerprint and skips pull requests', async () => {
    const f = fp();
    emulator.addPull('a pull with the marker', 'x');
    emulator.issue(1)!.body = withMarker('x', f);
    expect(await store().find(f)).toBeNull();
  });

  it('prefers the open issue when duplicates carry the same fingerprint', async () => {
    const f = fp();
    emulator.addIssue({ title: 'old', body: withMarker('x', f), labels: ['keyguard'], state: 'closed' });
    emulator.addIssue({ title: 'current', body: withMarker('x', f), labels: ['keyguard'] });
    expect((await store().find(f))?.title).toBe('current');
  });

  it('keeps the marker when updating an issue this run has not read yet', async () => {
    const f = fp();
    emulator.addIssue({ title: 't', body: withMarker('x', f), labels: ['keyguard'] });
    await store().update(1, 'new body without marker');
    expect(fingerprintsIn(emulator.issue(1)!.body)).toEqual([f]);
  });

  it('updates the body and keeps the marker when the new body omits it', async () => {
    const f = fp();
    const s = store();
    const rec = await s.create(f, 't', 'first');
    const updated = await s.update(rec.number, 'second journal');
    expect(updated.body).toContain('second journal');
    expect(fingerprintsIn(emulator.issue(rec.number)!.body)).toEqual([f]);
  });

  it('comments on an issue', async () => {
    const s = store();
    const rec = await s.create(fp(), 't', 'b');
    await s.comment(rec.number, 'rotated');
    expect(emulator.issue(rec.number)!.comments.map((c) => c.body)).toEqual(['rotated']);
  });

  it('closes an issue with a final comment', async () => {
    const s = store();
    const rec = await s.create(fp(), 't', 'b');
    await s.close(rec.number, 'all done');
    const issue = emulator.issue(rec.number)!;
    expect(issue.state).toBe('closed');
    expect(issue.state_reason).toBe('completed');
    expect(issue.comments.at(-1)?.body).toBe('all done');
  });

  it('reopens the closed issue of a re-leaked key, and find sees it open', async () => {
    const f = fp();
    const s = store();
    const rec = await s.create(f, 't', 'b');
    await s.close(rec.number);
    expect((await s.find(f))?.state).toBe('closed');
    await s.reopen(rec.number, 'leaked again');
    expect(emulator.issue(rec.number)!.state).toBe('open');
    expect((await s.find(f))?.state).toBe('open');
  });

  it('still works when labels are refused (no push access)', async () => {
    emulator.labelsRefused = true;
    const f = fp();
    const rec = await store().create(f, 't', 'b');
    expect(emulator.issue(rec.number)!.labels).toEqual([]);
    expect((await store().find(f))?.number).toBe(rec.number);
  });

  it('does not open a second issue when the create POST failed after being applied', async () => {
    const f = fp();
    // The first POST is applied but its answer is lost: simulate by creating it, then failing the POST.
    emulator.addIssue({ title: 't', body: withMarker('b', f) });
    emulator.injectFault({
      method: 'POST',
      path: '/repos/acme/app/issues',
      fault: { kind: 'status', status: 502 },
    });
    const rec = await store().create(f, 't', 'b');
    expect(rec.number).toBe(1);
    expect(emulator.issues).toHaveLength(1);
  });

  it('retries the create once when the failed POST was not applied', async () => {
    emulator.injectFault({ method: 'POST', path: '/repos/acme/app/issues', fault: { kind: 'drop' } });
    const rec = await store().create(fp(), 't', 'b');
    expect(emulator.issues).toHaveLength(1);
    expect(rec.number).toBe(1);
  });

  it('explains that Issues are disabled on a 410', async () => {
    emulator.issuesEnabled = false;
    const err = await rejection(store().create(fp(), 't', 'b'));
    expect(err).toBeInstanceOf(IssuesDisabledError);
    expect(err.message).toContain('Issues are disabled in acme/app');
  });

  it('names the missing issues permission', async () => {
    const err = await rejection(store(NO_ISSUES).find(fp()));
    expect(err).toBeInstanceOf(GitHubPermissionError);
    expect(err.message).toContain('issues: write');
  });

  it('never publishes a whole key in a title, body or comment', async () => {
    const key = gen.openaiProject();
    const live = gen.stripeLive();
    const s = store();
    const rec = await s.create(fp(), `key ${key}`, `body ${key} and ${live}`);
    await s.update(rec.number, `journal ${key}`);
    await s.comment(rec.number, `comment ${live}`);
    await s.close(rec.number, `closing ${key}`);
    for (const r of emulator.requests) {
      expect(r.body).not.toContain(key);
      expect(r.body).not.toContain(live);
    }
  });

  it('keeps the token out of error messages', async () => {
    const token = 'tok-not-registered-123';
    const err = await rejection(createIncidentStore(ctx.client(token), ctx.repo).find(fp()));
    expect(err.message).toContain('Bad credentials');
    expect(err.message).not.toContain(token);
  });
});

describe('redactKeyShapes', () => {
  it('leaves words that merely contain sk- alone', () => {
    const text = `task-${'a1'.repeat(20)} and disk-${'b2'.repeat(20)}`;
    expect(redactKeyShapes(text)).toBe(text);
  });

  it('redacts a key after an equals sign or a quote', () => {
    const key = gen.openaiProject();
    expect(redactKeyShapes(`OPENAI_API_KEY=${key}`)).not.toContain(key);
    expect(redactKeyShapes(`"${key}"`)).not.toContain(key);
  });
});
