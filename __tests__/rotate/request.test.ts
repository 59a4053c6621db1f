import { parseRotationConfig } from '../../src/rotate/config.js';
import { rotationRequestFor, standbyFromEnv } from '../../src/rotate/request.js';
import { Secret } from '../../src/scan/secret.js';
import { KeyGen } from '../helpers/keygen.js';
import { FakeProvider } from './fakes.js';

const gen = new KeyGen(5);
const leaked = new Secret(gen.openaiProject());
const config = parseRotationConfig(
  {
    openai: {
      purpose: 'chat-api',
      'contain-first': true,
      secrets: [{ name: 'OPENAI_API_KEY', environment: 'prod' }, { name: 'OPENAI_API_KEY' }],
    },
  },
  () => undefined,
);

describe('rotationRequestFor', () => {
  it('takes targets, an expanded policy name and contain-first from the config', () => {
    const req = rotationRequestFor({
      config,
      provider: new FakeProvider([]),
      leaked,
      mode: 'rotate',
      runId: '9',
      now: () => new Date('2026-01-09T00:00:00Z'),
    });
    expect(req.targets).toHaveLength(2);
    expect(req.policy.name).toBe('prod-chat-api-20260109');
    expect(req.containFirst).toBe(true);
    expect(req.standby).toBeUndefined();
  });

  it.each([
    ['proves every configured secret whose env value is the leaked key', () => leaked.reveal(), 2],
    ['proves none when the env holds another key', () => gen.openaiProject(), 0],
    ['proves none when the env does not have the value', () => undefined, 0],
  ])('%s (heldBy)', (_what, value, proven) => {
    const req = rotationRequestFor({
      config,
      provider: new FakeProvider([]),
      leaked,
      mode: 'rotate',
      runId: '9',
      env: { OPENAI_API_KEY: value() },
    });
    expect(req.heldBy).toHaveLength(proven);
  });

  it('picks up a standby key from the env', () => {
    const next = gen.openaiProject();
    const req = rotationRequestFor({
      config,
      provider: new FakeProvider([]),
      leaked,
      mode: 'disable',
      runId: '9',
      env: { OPENAI_API_KEY_NEXT: next },
    });
    expect(req.standby?.equals(next)).toBe(true);
  });
});

describe('standbyFromEnv', () => {
  it('ignores a standby that is the leaked key itself or empty', () => {
    expect(standbyFromEnv(['A'], '_NEXT', { A_NEXT: leaked.reveal() }, leaked)).toBeUndefined();
    expect(standbyFromEnv(['A'], '_NEXT', { A_NEXT: ' ' }, leaked)).toBeUndefined();
  });
});

describe('rotationRequestFor an admin key', () => {
  const admin = new Secret(gen.openaiAdmin());
  const provider = Object.assign(new FakeProvider([]), {
    id: 'openai',
    kindOf: (k: Secret) => (k.reveal().startsWith('sk-admin-') ? ('admin' as const) : ('api' as const)),
  });
  const scoped = parseRotationConfig(
    {
      openai: {
        purpose: 'chat-api',
        scopes: ['api.model.request'],
        rpm: 60,
        'expires-in-days': 30,
        secrets: [{ name: 'OPENAI_API_KEY' }, { name: 'OPENAI_ADMIN_KEY', environment: 'prod' }],
      },
    },
    () => undefined,
  );
  const request = (env: Record<string, string>) =>
    rotationRequestFor({
      config: scoped,
      provider,
      leaked: admin,
      mode: 'rotate',
      runId: '9',
      env,
      now: () => new Date('2026-12-02T00:00:00Z'),
    });

  it('never targets a configured API-key secret on the config word alone', () => {
    expect(request({}).targets).toEqual([]);
  });

  it('targets a configured secret only when its env value is the leaked admin key', () => {
    const req = request({ OPENAI_ADMIN_KEY: admin.reveal(), OPENAI_API_KEY: gen.openaiProject() });
    expect(req.targets).toEqual([{ name: 'OPENAI_ADMIN_KEY', scope: { kind: 'env', environment: 'prod' } }]);
    expect(req.heldBy).toHaveLength(1);
  });

  it('asks for an admin key named by keyguard, with the expiry and nothing of the API-key policy', () => {
    expect(request({}).policy).toEqual({ name: 'keyguard-admin-20261202', kind: 'admin', expiresInDays: 30 });
  });
});
