/**
 * keyguard's own identity and the incident store's trust in authors, against the GitHub emulator
 * (which answers GraphQL `viewer` for every token and refuses `GET /user` to installation tokens, as
 * GitHub does).
 */
import { GitHubClient } from '../../src/github/client.js';
import {
  GitHubIdentityError,
  graphqlBaseUrl,
  isAuthoredBy,
  viewerIdentity,
} from '../../src/github/identity.js';
import { createIncidentStore, withMarker } from '../../src/github/incidents.js';
import { Secret } from '../../src/scan/secret.js';
import {
  GITHUB_ACTIONS_BOT,
  GITHUB_TOKEN_PERMISSIONS,
  type GitHubEmulator,
  type TokenIdentity,
} from '../emulators/github.js';
import { KeyGen } from '../helpers/keygen.js';
import { rejection, setup } from './helpers.js';

const ACTIONS = 'tok-actions';
const PAT = 'tok-pat';
const APP = 'tok-app';
const OCTOCAT: TokenIdentity = { login: 'octocat', id: 583231, type: 'User' };
const APP_BOT: TokenIdentity = { login: 'keyguard-acme[bot]', id: 170001, type: 'Bot' };
const MALLORY: TokenIdentity = { login: 'mallory', id: 6_660_666, type: 'User' };
const gen = new KeyGen(1010);
const fp = () => new Secret(gen.openaiProject()).fingerprint;

let ctx: Awaited<ReturnType<typeof setup>>;
let emulator: GitHubEmulator;
beforeEach(async () => {
  ctx = await setup({
    tokens: {
      [ACTIONS]: GITHUB_TOKEN_PERMISSIONS,
      [PAT]: GITHUB_TOKEN_PERMISSIONS,
      [APP]: GITHUB_TOKEN_PERMISSIONS,
    },
    identities: { [PAT]: OCTOCAT, [APP]: APP_BOT },
  });
  emulator = ctx.emulator;
});
afterEach(() => emulator.stop());

describe("keyguard's own identity", () => {
  it.each([
    ['the workflow GITHUB_TOKEN', ACTIONS, GITHUB_ACTIONS_BOT],
    ['a personal access token', PAT, OCTOCAT],
    ['a GitHub App installation token', APP, APP_BOT],
  ])('is learned from GraphQL viewer for %s', async (_kind, token, who) => {
    expect(await viewerIdentity(ctx.client(token))).toEqual({ login: who.login, id: who.id });
  });

  it('cannot be learned from GET /user with an installation token (the emulator refuses it as GitHub does)', async () => {
    const err = await rejection(ctx.client(ACTIONS).request('GET', '/user'));
    expect(err.message).toContain('403');
    expect((await ctx.client(PAT).request('GET', '/user')).data).toMatchObject({ login: 'octocat' });
  });

  it('fails with a clear error, changing nothing, when GitHub does not answer who the token is', async () => {
    const err = await rejection(
      viewerIdentity(new GitHubClient({ token: 'unknown', baseUrl: emulator.baseUrl })),
    );
    expect(err).toBeInstanceOf(GitHubIdentityError);
    expect(err.message).toMatch(/cannot learn which account .* nothing was changed/);
  });

  it.each([
    ['https://api.github.com', 'https://api.github.com'],
    ['https://ghe.example.com/api/v3', 'https://ghe.example.com/api'],
    ['https://ghe.example.com/api/v3/', 'https://ghe.example.com/api'],
  ])('finds GraphQL for the REST base %s at %s', (rest, graphql) => {
    expect(graphqlBaseUrl(rest)).toBe(graphql);
  });

  it.each([
    { what: 'the same account id', user: { login: 'github-actions[bot]', id: 41898282 }, ours: true },
    {
      what: 'the login but another id (a renamed account)',
      user: { login: 'github-actions[bot]', id: 1 },
      ours: false,
    },
    { what: 'no author at all', user: null, ours: false },
    { what: 'the id as text', user: { login: 'github-actions[bot]', id: '41898282' }, ours: false },
  ])('counts an author with $what as keyguard: $ours', ({ user, ours }) => {
    expect(isAuthoredBy(user, { login: 'github-actions[bot]', id: 41898282 })).toBe(ours);
  });
});

describe('incident issues by other authors', () => {
  it('ignores an issue another user opened with the marker, and says so in the log', async () => {
    const f = fp();
    const forged = emulator.addIssue({
      title: 'Leaked OpenAI key',
      body: withMarker('<!-- keyguard-journal\n{"version":1}\n-->', f),
      labels: ['keyguard'],
      user: MALLORY,
    });
    const logs: string[] = [];
    const store = createIncidentStore(ctx.client(ACTIONS), ctx.repo, { log: (l) => logs.push(l) });
    expect(await store.find(f)).toBeNull();
    expect(logs).toEqual([
      `issue #${forged.number} carries keyguard's marker but was opened by another account (mallory): ignored (keyguard trusts only issues its own identity opened)`,
    ]);
  });

  it('finds the issue its own identity opened next to a forged one', async () => {
    const f = fp();
    emulator.addIssue({ title: 'forged', body: withMarker('x', f), labels: ['keyguard'], user: MALLORY });
    const store = createIncidentStore(ctx.client(ACTIONS), ctx.repo);
    const ours = await store.create(f, 'Leaked OpenAI key', 'ours');
    expect(emulator.issue(ours.number)?.user).toEqual(GITHUB_ACTIONS_BOT);
    expect((await createIncidentStore(ctx.client(ACTIONS), ctx.repo).find(f))?.number).toBe(ours.number);
  });

  it('trusts issues of the identity its token acts as, not those of the workflow bot, when given a PAT', async () => {
    const f = fp();
    emulator.addIssue({ title: 'by the bot', body: withMarker('x', f), labels: ['keyguard'] });
    expect(await createIncidentStore(ctx.client(PAT), ctx.repo).find(f)).toBeNull();
    expect(await createIncidentStore(ctx.client(ACTIONS), ctx.repo).find(f)).not.toBeNull();
  });

  it('refuses to go on when GitHub attributes the issue it just opened to someone else', async () => {
    const store = createIncidentStore(ctx.client(ACTIONS), ctx.repo, {
      identity: async () => ({ login: 'someone-else', id: 12 }),
    });
    const err = await rejection(store.create(fp(), 'Leaked OpenAI key', 'body'));
    expect(err).toBeInstanceOf(GitHubIdentityError);
    expect(err.message).toContain('github-actions[bot]');
  });

  it('records the author of comments as GitHub does', async () => {
    const store = createIncidentStore(ctx.client(APP), ctx.repo);
    const rec = await store.create(fp(), 'Leaked OpenAI key', 'body');
    await store.comment(rec.number, 'hello');
    expect(emulator.issue(rec.number)?.comments[0]?.user).toEqual(APP_BOT);
  });
});
