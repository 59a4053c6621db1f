/**
 * The GitHub emulator enforces GitHub's official REST description (`@octokit/openapi`): a request in
 * the wrong shape gets the answer GitHub gives it (422 for a body or parameter, 400 for unparseable
 * JSON, 404 for an unknown route or method) with the reason, and every answer it sends conforms to the
 * declared response schema (__tests__/helpers/contract-setup.ts fails any test that saw one that
 * does not).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GitHubApiError } from '../../src/github/errors.js';
import { takeViolations } from '../emulators/contract.js';
import { FULL_PERMISSIONS, type GitHubEmulator, startGitHubEmulator } from '../emulators/github.js';
import {
  buildGitHubSubset,
  githubContract,
  githubDescriptionFile,
  githubDescriptionVersion,
} from '../emulators/github-contract.js';
import { EmulatorServer } from '../emulators/server.js';
import { rejection, setup } from './helpers.js';

const TOKEN = 'test-token-full';
const USER_TOKEN = 'test-token-user';
let gh: GitHubEmulator;
beforeAll(async () => {
  gh = await startGitHubEmulator({
    tokens: { [TOKEN]: FULL_PERMISSIONS, [USER_TOKEN]: FULL_PERMISSIONS },
    identities: { [USER_TOKEN]: { login: 'octocat', id: 583231, type: 'User' } },
  });
  gh.addIssue({ title: 'first' });
  gh.setSecret({ kind: 'org', org: 'acme' }, 'SHARED', 'v', {
    visibility: 'selected',
    selected_repository_ids: [gh.repoId],
  });
});
afterAll(() => gh.stop());

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(`${gh.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

const KEY_ID = '568250167242549743';
const SEALED = Buffer.alloc(48).toString('base64');

describe('the GitHub emulator refuses requests outside GitHub’s description', () => {
  it.each([
    [
      'an issue without its required title',
      'POST',
      '/repos/acme/app/issues',
      { body: 'b' },
      422,
      /body: missing required field "title"/,
    ],
    [
      'issue labels given as one string',
      'POST',
      '/repos/acme/app/issues',
      { title: 't', labels: 'a,b' },
      422,
      /body \/labels: must be array/,
    ],
    [
      'a closing reason GitHub does not know',
      'PATCH',
      '/repos/acme/app/issues/1',
      { state: 'closed', state_reason: 'fixed' },
      422,
      /body \/state_reason: must be one of/,
    ],
    [
      'a secret without its key id',
      'PUT',
      '/repos/acme/app/actions/secrets/TOKEN',
      { encrypted_value: SEALED },
      422,
      /missing required field "key_id"/,
    ],
    [
      'an encrypted value that is not base64',
      'PUT',
      '/repos/acme/app/actions/secrets/TOKEN',
      { encrypted_value: 'not base64!', key_id: KEY_ID },
      422,
      /body \/encrypted_value: must match pattern/,
    ],
    [
      'an organisation secret without visibility',
      'PUT',
      '/orgs/acme/actions/secrets/TOKEN',
      { encrypted_value: SEALED, key_id: KEY_ID },
      422,
      /missing required field "visibility"/,
    ],
    [
      'an organisation secret with a visibility GitHub does not know',
      'PUT',
      '/orgs/acme/actions/secrets/TOKEN',
      { encrypted_value: SEALED, key_id: KEY_ID, visibility: 'public' },
      422,
      /body \/visibility: must be one of/,
    ],
    [
      'a label with an unknown field type',
      'POST',
      '/repos/acme/app/labels',
      { name: 7 },
      422,
      /body \/name: must be string/,
    ],
    [
      'an issue state outside the enum',
      'GET',
      '/repos/acme/app/issues?state=everything',
      undefined,
      422,
      /query parameter state: must be one of/,
    ],
    [
      'a page size that is not a number',
      'GET',
      '/repos/acme/app/issues?per_page=lots',
      undefined,
      422,
      /query parameter per_page: must be integer/,
    ],
    [
      'a since that is not a date-time',
      'GET',
      '/repos/acme/app/issues?since=yesterday',
      undefined,
      422,
      /query parameter since: must match format "date-time"/,
    ],
    [
      'an array in bracket form',
      'GET',
      '/repos/acme/app/issues?labels[]=a',
      undefined,
      422,
      /unknown query parameter "labels\[\]"/,
    ],
    [
      'a scalar given twice',
      'GET',
      '/repos/acme/app/issues?state=open&state=all',
      undefined,
      422,
      /state is given 2 times/,
    ],
    [
      'an issue number that is not a number',
      'GET',
      '/repos/acme/app/issues/abc',
      undefined,
      404,
      /path parameter issue_number: must be integer/,
    ],
    [
      'a route GitHub does not have',
      'GET',
      '/repos/acme/app/secrets',
      undefined,
      404,
      /not in the github-rest-subset description/,
    ],
    [
      'a method the route does not allow',
      'DELETE',
      '/repos/acme/app/issues',
      undefined,
      404,
      /the description allows GET, POST/,
    ],
    [
      'a body that is not JSON',
      'POST',
      '/repos/acme/app/issues',
      '{"title": ',
      400,
      /Problems parsing JSON[\s\S]*not valid JSON/,
    ],
    [
      'a body on an operation that takes none',
      'DELETE',
      '/repos/acme/app/actions/secrets/TOKEN',
      { x: 1 },
      422,
      /takes no request body/,
    ],
  ] as const)(
    'answers %s with the status GitHub gives and the reason',
    async (_name, method, path, body, status, reason) => {
      const r = await send(method, path, body);
      expect(r.status).toBe(status);
      expect(r.body.message).toMatch(reason);
      expect(r.body.documentation_url).toMatch(/^https:\/\/docs\.github\.com\//);
    },
  );

  it('answers 415 when a JSON body is not sent as application/json', async () => {
    const r = await send('POST', '/repos/acme/app/issues', { title: 't' }, { 'content-type': 'text/plain' });
    expect(r.status).toBe(415);
    expect(r.body.message).toMatch(/must be sent as application\/json/);
  });

  it('accepts what the description declares: comma-separated labels, a date-time since, pages', async () => {
    const since = new Date(Date.now() - 3600_000).toISOString();
    const r = await send(
      'GET',
      `/repos/acme/app/issues?state=all&labels=a,b&since=${since}&per_page=100&page=1`,
    );
    expect(r.status).toBe(200);
  });

  it('surfaces the refusal through the real Octokit as a clear GitHub API error', async () => {
    const { emulator, client } = await setup({ tokens: { [TOKEN]: FULL_PERMISSIONS } });
    try {
      const err = await rejection(
        client(TOKEN).request('POST', '/repos/acme/app/issues', { body: { body: 'no title' } }),
      );
      expect(err).toBeInstanceOf(GitHubApiError);
      expect((err as GitHubApiError).status).toBe(422);
      expect(emulator.requestsTo('POST', '/repos/acme/app/issues')[0]!.headers['user-agent']).toMatch(
        /^keyguard octokit/,
      );
    } finally {
      await emulator.stop();
    }
  });
});

describe('every answer of the GitHub emulator conforms to the declared response schema', () => {
  it.each([
    ['GET', '/repos/acme/app', undefined, 200],
    ['GET', '/repos/acme/app/actions/secrets/public-key', undefined, 200],
    ['GET', '/repos/acme/app/actions/secrets', undefined, 200],
    ['GET', '/repos/acme/app/environments/production/secrets', undefined, 200],
    ['GET', '/orgs/acme/actions/secrets', undefined, 200],
    ['GET', '/orgs/acme/actions/secrets/SHARED', undefined, 200],
    ['GET', '/orgs/acme/actions/secrets/SHARED/repositories', undefined, 200],
    ['GET', '/repos/acme/app/actions/organization-secrets', undefined, 200],
    ['GET', '/repos/acme/app/environments', undefined, 200],
    ['POST', '/repos/acme/app/labels', { name: 'leak', color: 'b60205', description: 'd' }, 201],
    ['GET', '/repos/acme/app/labels/leak', undefined, 200],
    ['POST', '/repos/acme/app/issues', { title: 't', body: 'b', labels: ['leak'] }, 201],
    ['GET', '/repos/acme/app/issues/1', undefined, 200],
    ['PATCH', '/repos/acme/app/issues/1', { state: 'closed', state_reason: 'completed' }, 200],
    ['GET', '/repos/acme/app/issues?state=all', undefined, 200],
    ['POST', '/repos/acme/app/issues/1/comments', { body: 'c' }, 201],
    ['GET', '/repos/acme/app/issues/1/comments', undefined, 200],
    ['GET', '/repos/acme/app/pulls', undefined, 200],
    ['GET', '/repos/acme/app/issues/999', undefined, 404],
  ] as const)('%s %s answers in the declared shape', async (method, path, body, status) => {
    if (path.endsWith('/pulls')) gh.addPull('a pull');
    const r = await send(method, path, body);
    expect(r.status).toBe(status);
    expect(takeViolations()).toEqual([]);
  });

  it('answers GET /user for a user token as a public user', async () => {
    const r = await fetch(`${gh.baseUrl}/user`, { headers: { authorization: `Bearer ${USER_TOKEN}` } });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { login: string }).login).toBe('octocat');
    expect(takeViolations()).toEqual([]);
  });

  it('answers GraphQL viewer outside the REST description, minimally', async () => {
    const r = await send('POST', '/graphql', { query: '{ viewer { login databaseId } }' });
    expect(r.body).toEqual({ data: { viewer: { login: 'github-actions[bot]', databaseId: 41898282 } } });
  });

  it('records an answer that leaves out required fields, so the test that caused it fails', async () => {
    const s = new EmulatorServer('github-probe');
    s.route('GET', '/repos/:owner/:repo/issues/:number', () => ({
      status: 200,
      body: { number: 1, title: 't' },
    }));
    s.enforce({ contract: githubContract(s.routeList).contract, errorBody: (_s, message) => ({ message }) });
    await s.start();
    try {
      await fetch(`${s.baseUrl}/repos/acme/app/issues/1`);
      expect(takeViolations()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /GET \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\} → 200: response: missing required field "comments_url"/,
          ),
        ]),
      );
    } finally {
      await s.stop();
    }
  });
});

describe('the subset of GitHub’s description', () => {
  const full = JSON.parse(readFileSync(githubDescriptionFile(), 'utf8'));
  const version = githubDescriptionVersion();

  it('keeps only the operations served and the components they reach', () => {
    const { doc, templates } = buildGitHubSubset(
      full,
      [{ method: 'GET', pattern: '/repos/:owner/:repo/labels/:name' }],
      version,
    );
    expect(Object.keys(doc.paths)).toEqual(['/repos/{owner}/{repo}/labels/{name}']);
    expect(Object.keys(doc.paths['/repos/{owner}/{repo}/labels/{name}'])).toEqual(['get']);
    expect(templates).toEqual({
      'GET /repos/:owner/:repo/labels/:name': '/repos/{owner}/{repo}/labels/{name}',
    });
    expect(doc.components.schemas.label).toBeDefined();
    expect(doc.components.schemas.issue).toBeUndefined();
    expect(doc.info['x-subset-of']).toContain(`@octokit/openapi ${version}`);
  });

  it('turns OpenAPI 3.0 nullable into a null type, beside a type or around a reference', () => {
    const { doc } = buildGitHubSubset(
      full,
      [{ method: 'GET', pattern: '/repos/:owner/:repo/issues/:number' }],
      version,
    );
    const issue = doc.components.schemas.issue;
    expect(issue.properties.closed_at.type).toEqual(['string', 'null']);
    expect(JSON.stringify(doc)).not.toContain('"nullable"');
    expect(JSON.stringify(doc)).not.toContain('"discriminator"');
  });

  it('refuses a route GitHub’s description does not have, naming it', () => {
    expect(() =>
      buildGitHubSubset(full, [{ method: 'GET', pattern: '/repos/:owner/:repo/nothing' }], version),
    ).toThrow(/GET \/repos\/:owner\/:repo\/nothing/);
  });
});

describe('docs/github-api.md', () => {
  const doc = readFileSync(new URL('../../docs/github-api.md', import.meta.url), 'utf8');
  const rows = [
    ...doc.matchAll(
      /^\| `(GET|POST|PUT|PATCH|DELETE) ([^`]+)` \| ([^|]+) \| (matches|not in the REST description) \|/gm,
    ),
  ].map((m) => ({ method: m[1]!, path: m[2]!, status: m[4]! }));
  const served = () =>
    new Set(
      Object.entries(
        githubContract(gh.server.routeList.filter((r) => r.pattern !== '/graphql')).templates,
      ).map(([k, t]) => `${k.split(' ')[0]} ${t}`),
    );

  it('lists the endpoints keyguard calls', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
  });

  it.each(rows.filter((r) => r.status === 'matches').map((r) => [r.method, r.path] as const))(
    'lists %s %s, which GitHub’s description has and the strict emulator serves',
    (method, path) => {
      expect(served().has(`${method} ${path}`)).toBe(true);
    },
  );
});
