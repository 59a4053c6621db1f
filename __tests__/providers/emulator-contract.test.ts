/**
 * The emulators enforce the providers' official descriptions (__tests__/fixtures/openapi/): a request
 * outside the description is refused with the reason, and an answer outside it fails the test that
 * caused it (__tests__/helpers/contract-setup.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROVIDER_CONTRACTS } from '../../src/providers/endpoints.js';
import { Contract, type ContractName, OPENAPI_DIR, takeViolations } from '../emulators/contract.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';
import { EmulatorServer } from '../emulators/server.js';

let oa: OpenAIEmulator;
let admin: string;
beforeAll(async () => {
  oa = await startOpenAIEmulator();
  admin = oa.addAdminKey().value;
});
afterAll(() => oa.stop());

const get = async (path: string) => {
  const r = await fetch(`${oa.apiBase}${path}`, { headers: { authorization: `Bearer ${admin}` } });
  return { status: r.status, body: (await r.json()) as any };
};
const now = Math.floor(Date.now() / 1000);

describe('the OpenAI emulator refuses requests outside the official description', () => {
  it.each([
    [
      'an array in bracket form where the description declares plain repeated form',
      `/organization/usage/completions?start_time=${now - 3600}&api_key_ids[]=key_a`,
      /unknown query parameter "api_key_ids\[\]"/,
    ],
    [
      'a missing required query parameter',
      '/organization/usage/completions?bucket_width=1h',
      /query parameter start_time is required/,
    ],
    [
      'a value outside the declared enum',
      `/organization/usage/completions?start_time=${now - 3600}&group_by=colour`,
      /query parameter group_by \/0: must be one of/,
    ],
    [
      'a string where an integer is declared',
      '/organization/usage/completions?start_time=yesterday',
      /query parameter start_time: must be integer/,
    ],
    [
      'a scalar given twice',
      `/organization/usage/completions?start_time=${now - 3600}&start_time=${now - 60}`,
      /start_time is given 2 times/,
    ],
    [
      'audit-log arrays without the brackets the description names them with',
      '/organization/audit_logs?resource_ids=key_a',
      /unknown query parameter "resource_ids"/,
    ],
  ])('answers 400 with the reason for %s', async (_name, path, reason) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(reason);
  });

  it('answers 400 naming the field when a required body field is missing', async () => {
    const p = oa.addProject();
    const r = await fetch(`${oa.apiBase}/organization/projects/${p.id}/model_permissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'allow_list' }),
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as any).error.message).toMatch(/body: missing required field "model_ids"/);
  });

  it('answers 400 when a JSON body is not sent as application/json', async () => {
    const p = oa.addProject();
    const r = await fetch(`${oa.apiBase}/organization/projects/${p.id}/model_permissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/plain' },
      body: JSON.stringify({ mode: 'allow_list', model_ids: ['gpt-4o'] }),
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as any).error.message).toMatch(/must be sent as application\/json/);
  });

  it('answers 404 for a path the description does not have', async () => {
    const r = await get('/organization/keys');
    expect(r.status).toBe(404);
    expect(r.body.error.message).toMatch(/not in the openai-admin-subset description/);
  });

  it('answers 405 for a method the description does not allow on a path', async () => {
    const r = await fetch(`${oa.apiBase}/organization/audit_logs`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(r.status).toBe(405);
  });

  it('answers 401 when the Bearer credential is missing', async () => {
    const r = await fetch(`${oa.apiBase}/organization/projects`);
    expect(r.status).toBe(401);
  });

  it('accepts the declared forms: repeated arrays, deepObject ranges and bracket-named arrays', async () => {
    const ok = [
      `/organization/usage/completions?start_time=${now - 3600}&api_key_ids=key_a&api_key_ids=key_b&group_by=api_key_id&group_by=model`,
      `/organization/audit_logs?effective_at[gte]=${now - 3600}&effective_at[lt]=${now}&resource_ids[]=key_a`,
    ];
    for (const path of ok) expect((await get(path)).status).toBe(200);
  });
});

describe('answers outside the description are caught', () => {
  const s = new EmulatorServer('probe');
  beforeAll(async () => {
    s.enforce({
      contract: new Contract('openai-admin-subset', '/v1', { authorization: 'Bearer' }),
      errorBody: (_status: number, message: string) => ({ error: { message } }),
    });
    // An answer that drops fields the schema requires (has_more, the project's object type…).
    s.route('GET', '/v1/organization/projects', () => ({
      status: 200,
      body: { object: 'list', data: [{ id: 'p' }] },
    }));
    await s.start();
  });
  afterAll(() => s.stop());

  it('records every schema violation of an answer so the test that caused it fails', async () => {
    await fetch(`${s.baseUrl}/v1/organization/projects`, { headers: { authorization: 'Bearer x' } });
    const found = takeViolations();
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /GET \/organization\/projects → 200: response: missing required field "has_more"/,
        ),
        expect.stringMatching(/response \/data\/0: missing required field "object"/),
      ]),
    );
  });
});

describe('every description the emulators enforce is in the repository', () => {
  // The team's originals sit beside the repository in CI (`<repo>/../shared/reference/openapi/`).
  const shared = join(
    fileURLToPath(new URL('../../', import.meta.url)),
    '..',
    'shared',
    'reference',
    'openapi',
  );
  (existsSync(shared) ? it : it.skip)('holds byte-for-byte copies of the shared originals', () => {
    for (const f of readdirSync(shared).filter((n) => n.endsWith('.json'))) {
      expect(readFileSync(join(OPENAPI_DIR, f), 'utf8')).toBe(readFileSync(join(shared, f), 'utf8'));
    }
  });

  it.each([
    'openai-admin-subset',
    'openrouter-keys-subset',
    'anthropic-admin-transcribed',
    'litellm-proxy-transcribed',
  ] as const)('loads %s and names its origin', (name) => {
    const c = new Contract(name);
    expect(c.operations.length).toBeGreaterThan(3);
    expect(c.doc.info['x-subset-of'] ?? c.doc.info['x-sources']).toBeTruthy();
  });
});

describe('the endpoint list in docs/providers.md', () => {
  const described = PROVIDER_CONTRACTS.filter((c) => c.description);
  it.each(
    described.flatMap((c) => c.endpoints.map((e) => [c.provider, e.method, e.path, c.description!] as const)),
  )('lists %s %s %s, which the description has', (_provider, method, path, description) => {
    const c = new Contract(description as ContractName);
    expect(c.operations.some((o) => o.method === method && o.template === path)).toBe(true);
  });

  it('marks an endpoint "matches" only where the description is the official one', () => {
    for (const c of PROVIDER_CONTRACTS) {
      const official = !!c.description && !c.description.endsWith('-transcribed');
      for (const e of c.endpoints) if (e.status === 'matches') expect(official).toBe(true);
    }
  });
});
