/** The emulator's own contract: what it refuses, so product tests against it mean something. */
import { sealSecret } from '../../src/github/sealed-box.js';
import { FULL_PERMISSIONS, type GitHubEmulator, startGitHubEmulator } from '../emulators/github.js';

let emulator: GitHubEmulator;
beforeEach(async () => {
  emulator = await startGitHubEmulator({ tokens: { t: FULL_PERMISSIONS } });
});
afterEach(() => emulator.stop());

async function call(method: string, path: string, body?: unknown, auth = 'Bearer t') {
  const res = await fetch(`${emulator.baseUrl}${path}`, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

async function sealedFor(path: string, value: string) {
  const key = (await call('GET', `${path}/public-key`)).json;
  return { key_id: key.key_id as string, encrypted_value: await sealSecret(value, key.key) };
}

const REPO = '/repos/acme/app/actions/secrets';
const ORG = '/orgs/acme/actions/secrets';

describe('GitHub emulator', () => {
  it('accepts the `token` scheme as well as Bearer', async () => {
    expect((await call('GET', '/repos/acme/app', undefined, 'token t')).status).toBe(200);
  });

  it('answers 401 Bad credentials for an unknown token, in GitHub shape', async () => {
    const r = await call('GET', REPO, undefined, 'Bearer nope');
    expect(r.status).toBe(401);
    expect(r.json).toEqual({
      message: 'Bad credentials',
      documentation_url: expect.any(String),
      status: '401',
    });
  });

  it('answers 401 Requires authentication without a token', async () => {
    expect((await call('GET', REPO, undefined, '')).json.message).toBe('Requires authentication');
  });

  it('keeps one keypair per scope with its own key id', async () => {
    const repo = (await call('GET', `${REPO}/public-key`)).json;
    const org = (await call('GET', `${ORG}/public-key`)).json;
    expect(repo.key_id).not.toBe(org.key_id);
    expect(Buffer.from(repo.key, 'base64')).toHaveLength(32);
  });

  it('answers 201 on create and 204 on update', async () => {
    expect((await call('PUT', `${REPO}/A`, await sealedFor(REPO, 'one-value'))).status).toBe(201);
    expect((await call('PUT', `${REPO}/a`, await sealedFor(REPO, 'two-value'))).status).toBe(204);
    expect(emulator.secretValue({ kind: 'repo' }, 'A')).toBe('two-value');
  });

  it.each([
    ['a wrong key id', async () => ({ ...(await sealedFor(REPO, 'v')), key_id: '1' })],
    [
      'a value that is not base64',
      async () => ({ ...(await sealedFor(REPO, 'v')), encrypted_value: 'not base64!' }),
    ],
    [
      'a value sealed to another key',
      async () => ({ ...(await sealedFor(ORG, 'v')), key_id: (await sealedFor(REPO, 'v')).key_id }),
    ],
    ['a missing key id', async () => ({ encrypted_value: 'AAAA' })],
  ])('refuses %s with 422', async (_name, body) => {
    expect((await call('PUT', `${REPO}/X`, await body())).status).toBe(422);
    expect(emulator.secretValue({ kind: 'repo' }, 'X')).toBeUndefined();
  });

  it.each(['GITHUB_X', '1ABC', 'A-B'])('refuses the secret name %s with 422', async (name) => {
    expect((await call('PUT', `${REPO}/${name}`, await sealedFor(REPO, 'v'))).status).toBe(422);
  });

  it('requires a visibility on org PUT', async () => {
    expect((await call('PUT', `${ORG}/X`, await sealedFor(ORG, 'v'))).status).toBe(422);
  });

  it('allows selected repository ids only with the selected visibility', async () => {
    const body = { ...(await sealedFor(ORG, 'v')), visibility: 'all', selected_repository_ids: [1] };
    expect((await call('PUT', `${ORG}/X`, body)).status).toBe(422);
  });

  it('pages secret lists with total_count and Link headers', async () => {
    for (let i = 0; i < 5; i++) emulator.setSecret({ kind: 'repo' }, `S${i}`, 'v');
    const r = await call('GET', `${REPO}?per_page=2&page=2`);
    expect(r.json.total_count).toBe(5);
    expect(r.json.secrets.map((s: { name: string }) => s.name)).toEqual(['S2', 'S3']);
    expect(r.headers.get('link')).toContain('rel="next"');
    expect(r.headers.get('link')).toContain('rel="prev"');
  });

  it('answers 404 in GitHub shape for a missing secret', async () => {
    expect((await call('GET', `${REPO}/NOPE`)).json).toMatchObject({ message: 'Not Found', status: '404' });
  });

  it('filters issues by label and state', async () => {
    emulator.addIssue({ title: 'a', labels: ['keyguard'] });
    emulator.addIssue({ title: 'b', labels: ['keyguard'], state: 'closed' });
    emulator.addIssue({ title: 'c' });
    const titles = async (q: string) =>
      (await call('GET', `/repos/acme/app/issues?${q}`)).json.map((i: { title: string }) => i.title);
    expect(await titles('labels=keyguard')).toEqual(['a']);
    expect(await titles('labels=keyguard&state=all')).toEqual(['b', 'a']);
    expect(await titles('state=closed')).toEqual(['b']);
  });

  it('answers 410 on issues when they are disabled', async () => {
    emulator.issuesEnabled = false;
    expect((await call('GET', '/repos/acme/app/issues')).status).toBe(410);
  });

  it('counts requests in the rate-limit headers', async () => {
    await call('GET', '/repos/acme/app');
    const r = await call('GET', '/repos/acme/app');
    expect(r.headers.get('x-ratelimit-used')).toBe('2');
    expect(r.headers.get('x-ratelimit-remaining')).toBe('4998');
  });

  it('answers the exhausted primary limit with remaining 0 and the reset time', async () => {
    emulator.exhaustRateLimit({ status: 429, resetInSeconds: 60 });
    const r = await call('GET', '/repos/acme/app');
    expect(r.status).toBe(429);
    expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(r.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });
});

describe("the organisation's other repositories (the fleet's swept ones)", () => {
  beforeEach(() => {
    emulator.addOrgRepos('acme', [
      { name: 'web', private: true },
      { name: 'site', private: false },
    ]);
  });

  it('keeps their own Actions secrets apart from this repository and from each other', async () => {
    const web = '/repos/acme/web/actions/secrets';
    expect((await call('PUT', `${web}/K`, await sealedFor(web, 'web-value'))).status).toBe(201);
    expect(emulator.secretValue('repo:acme/web', 'K')).toBe('web-value');
    expect(emulator.secretValue({ kind: 'repo' }, 'K')).toBeUndefined();
    expect((await call('GET', '/repos/acme/site/actions/secrets/K')).status).toBe(404);
  });

  it('gives each its own public key', async () => {
    const a = (await call('GET', '/repos/acme/web/actions/secrets/public-key')).json.key_id;
    const b = (await call('GET', `${REPO}/public-key`)).json.key_id;
    expect(a).not.toBe(b);
  });

  it('shares an organisation secret with one of them as its visibility says', async () => {
    const webId = emulator.orgRepoId('acme', 'web');
    emulator.setSecret('org:acme', 'SELECTED', 'v', {
      visibility: 'selected',
      selected_repository_ids: [webId],
    });
    emulator.setSecret('org:acme', 'PRIVATE', 'v', { visibility: 'private' });
    emulator.setSecret('org:acme', 'ALL', 'v', { visibility: 'all' });
    const names = async (repo: string) =>
      (await call('GET', `/repos/acme/${repo}/actions/organization-secrets`)).json.secrets.map(
        (x: { name: string }) => x.name,
      );
    expect(await names('web')).toEqual(['ALL', 'PRIVATE', 'SELECTED']);
    expect(await names('site')).toEqual(['ALL']);
  });

  it('names a selected repository by its listing id and name', async () => {
    const webId = emulator.orgRepoId('acme', 'web');
    emulator.setSecret('org:acme', 'SELECTED', 'v', {
      visibility: 'selected',
      selected_repository_ids: [webId],
    });
    const r = await call('GET', `${ORG}/SELECTED/repositories`);
    expect(r.json.repositories.map((x: { id: number; name: string }) => [x.id, x.name])).toEqual([
      [webId, 'web'],
    ]);
  });

  it('lists no environments for them and answers 404 for a repository the organisation does not have', async () => {
    expect((await call('GET', '/repos/acme/web/environments')).json.environments).toEqual([]);
    expect((await call('GET', '/repos/acme/nowhere/actions/secrets/public-key')).status).toBe(404);
  });
});
