/** The emulators themselves speak the wire formats the adapters rely on (raw HTTP, no adapter). */
import { type AnthropicEmulator, startAnthropicEmulator } from '../emulators/anthropic.js';
import { type OpenAIEmulator, startOpenAIEmulator } from '../emulators/openai.js';

const HOUR = 3600;
let oa: OpenAIEmulator;
let an: AnthropicEmulator;
let oaAdmin: string;
let anAdmin: string;

beforeEach(async () => {
  [oa, an] = await Promise.all([startOpenAIEmulator(), startAnthropicEmulator()]);
  oaAdmin = oa.addAdminKey().value;
  anAdmin = an.addAdminKey();
});
afterEach(() => Promise.all([oa.stop(), an.stop()]));

const getOA = async (path: string, key = oaAdmin) => {
  const res = await fetch(`${oa.apiBase}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};
const getAN = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${an.baseUrl}${path}`, {
    headers: { 'x-api-key': anAdmin, 'anthropic-version': '2023-06-01', ...headers },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};

describe('OpenAI emulator', () => {
  it('redacts a wrong key in its 401 message as OpenAI does', async () => {
    const wrong = oa.gen.openaiProject();
    const r = await getOA('/models', wrong);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('invalid_api_key');
    expect(r.body.error.message).toContain(`****${wrong.slice(-4)}`);
    expect(r.body.error.message).not.toContain(wrong);
    expect(r.headers.get('x-request-id')).toMatch(/^req_/);
    expect(r.headers.get('x-ratelimit-remaining-requests')).toBeTruthy();
  });

  it('pages projects with first_id, last_id and has_more, hiding archived ones unless asked', async () => {
    for (let i = 0; i < 3; i++) oa.addProject();
    oa.addProject('old', true);
    const p1 = await getOA('/organization/projects?limit=2');
    expect(p1.body).toMatchObject({ object: 'list', has_more: true, first_id: p1.body.data[0].id });
    const p2 = await getOA(`/organization/projects?limit=2&after=${p1.body.last_id}`);
    expect(p2.body).toMatchObject({ has_more: false });
    expect(p2.body.data).toHaveLength(1);
    expect((await getOA('/organization/projects?include_archived=true')).body.data).toHaveLength(4);
  });

  it('refuses admin endpoints to a project key', async () => {
    const k = oa.addKey();
    expect((await getOA('/organization/projects', k.value)).status).toBe(403);
  });

  it('filters usage by api_key_ids given in plain repeated form, as the description declares', async () => {
    const h = Math.floor(Date.now() / 1000 / HOUR) * HOUR;
    const a = oa.addKey();
    const b = oa.addKey();
    const c = oa.addKey();
    for (const k of [a, b, c]) oa.seedUsage({ apiKeyId: k.id, time: h - HOUR, requests: 2 });
    const q = `start_time=${h - 2 * HOUR}&end_time=${h}&bucket_width=1h&group_by=api_key_id&api_key_ids=${a.id}&api_key_ids=${b.id}`;
    const r = await getOA(`/organization/usage/completions?${q}`);
    const results = r.body.data.flatMap((bk: any) => bk.results);
    expect(results.map((x: any) => x.api_key_id).sort()).toEqual([a.id, b.id].sort());
    expect(results[0].num_model_requests).toBe(2);
  });

  it('pages usage buckets with next_page', async () => {
    const h = Math.floor(Date.now() / 1000 / HOUR) * HOUR;
    const r1 = await getOA(
      `/organization/usage/completions?start_time=${h - 30 * HOUR}&end_time=${h}&bucket_width=1h`,
    );
    expect(r1.body.data).toHaveLength(24);
    expect(r1.body.has_more).toBe(true);
    const r2 = await getOA(
      `/organization/usage/completions?start_time=${h - 30 * HOUR}&end_time=${h}&bucket_width=1h&page=${r1.body.next_page}`,
    );
    expect(r2.body.data).toHaveLength(6);
    expect(r2.body.next_page).toBeNull();
  });

  it('records key deletion in the audit log as an API-key actor, without IP or user agent as the schema declares', async () => {
    const k = oa.addKey();
    await fetch(`${oa.apiBase}/organization/projects/${k.projectId}/api_keys/${k.id}`, {
      method: 'DELETE',
      headers: {
        authorization: `Bearer ${oaAdmin}`,
        'user-agent': 'curl/8',
        'x-forwarded-for': '198.51.100.4',
      },
    });
    const r = await getOA('/organization/audit_logs?event_types[]=api_key.deleted');
    expect(r.body.data).toEqual([
      expect.objectContaining({
        type: 'api_key.deleted',
        'api_key.deleted': { id: k.id },
        actor: { type: 'api_key', api_key: expect.objectContaining({ type: 'user' }) },
      }),
    ]);
  });
});

describe('Anthropic emulator', () => {
  it('requires the anthropic-version header', async () => {
    const r = await getAN('/v1/organizations/api_keys', { 'anthropic-version': '' });
    expect(r.status).toBe(400);
    expect(r.body.error.type).toBe('invalid_request_error');
  });

  it('answers a bad key with authentication_error and a request id', async () => {
    const r = await getAN('/v1/models', { 'x-api-key': an.gen.anthropic() });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    expect(r.body.request_id).toBe(r.headers.get('request-id'));
  });

  it('pages keys with after_id and filters by status, showing partial_key_hint', async () => {
    const keys = [an.addKey(), an.addKey(), an.addKey({ status: 'inactive' })];
    const p1 = await getAN('/v1/organizations/api_keys?limit=2');
    expect(p1.body).toMatchObject({ has_more: true, last_id: keys[1]!.id });
    expect(p1.body.data[0].partial_key_hint).toBe(
      `${keys[0]!.value.slice(0, 16)}...${keys[0]!.value.slice(-4)}`,
    );
    const p2 = await getAN(`/v1/organizations/api_keys?limit=2&after_id=${p1.body.last_id}`);
    expect(p2.body.data.map((k: any) => k.id)).toEqual([keys[2]!.id]);
    const inactive = await getAN('/v1/organizations/api_keys?status=inactive');
    expect(inactive.body.data).toHaveLength(1);
  });

  it('answers 429 with retry-after and 529 overloaded when told to', async () => {
    an.rateLimit('/v1/models', 1, 3).overload('/v1/models', 1);
    const k = an.addKey();
    const r1 = await getAN('/v1/models', { 'x-api-key': k.value });
    expect(r1.status).toBe(429);
    expect(r1.headers.get('retry-after')).toBe('3');
    const r2 = await getAN('/v1/models', { 'x-api-key': k.value });
    expect(r2).toMatchObject({ status: 529, body: { error: { type: 'overloaded_error' } } });
  });
});
