/**
 * The Kubernetes Secrets store through @kubernetes/client-node against the API-server emulator over
 * HTTPS: reads and fingerprint proof, one-entry patches with resourceVersion, conflicts, RBAC (both the
 * SelfSubjectAccessReview and the 403s), the workloads that use the Secret, restarts only when asked,
 * hostile answers, and no token or key in any error.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { RetryBudget } from '../../src/http/budget.js';
import { Secret } from '../../src/scan/secret.js';
import { createStores } from '../../src/stores/index.js';
import { createKubernetesStore, type KubernetesStoreDeps } from '../../src/stores/kubernetes.js';
import type { SecretStore, StoreConfig } from '../../src/stores/types.js';
import {
  type KubernetesEmulator,
  k8sStatus,
  type Rule,
  startKubernetesEmulator,
} from '../emulators/kubernetes.js';
import { KeyGen } from '../helpers/keygen.js';
import { kubernetesStoreRole } from '../helpers/kubernetes-role.js';
import { storeErrorOf } from './store-error.js';

const gen = new KeyGen(1617);
const NS = 'prod';
const NAME = 'openai';
const FIELD = 'OPENAI_API_KEY';
const USER = 'system:serviceaccount:prod:keyguard';
/** The Role docs/stores-kubernetes.md documents (restart needs `patch` on the apps kinds too). */
const MINIMAL: Rule[] = kubernetesStoreRole(NS, NAME);
/** The Secret the store reads and patches. */
const SECRET_PATH = `/api/v1/namespaces/${NS}/secrets/${NAME}`;
const RESTARTER: Rule[] = [
  ...MINIMAL,
  {
    verbs: ['patch'],
    apiGroups: ['apps'],
    resources: ['deployments', 'statefulsets', 'daemonsets'],
    namespaces: [NS],
  },
];

let k8s: KubernetesEmulator;
let leaked: Secret;
let replacement: Secret;
let masked: string[];
let logs: string[];

beforeEach(async () => {
  k8s = await startKubernetesEmulator();
  leaked = new Secret(gen.openaiProject());
  replacement = new Secret(gen.openaiProject());
  masked = [];
  logs = [];
  k8s.seedSecret(NS, NAME, { [FIELD]: leaked.reveal(), ORG: 'acme', TIMEOUT: '30' });
});
afterEach(() => k8s.stop());

function config(options: Record<string, unknown> = {}, over: Partial<StoreConfig> = {}): StoreConfig {
  return { kind: 'kubernetes', name: NAME, field: FIELD, options: { namespace: NS, ...options }, ...over };
}

function store(token: string, options: Record<string, unknown> = {}, deps: KubernetesStoreDeps = {}) {
  return createKubernetesStore(config(options), {
    kubeconfig: k8s.kubeconfig(token),
    env: {},
    mask: (v) => masked.push(v),
    budget: new RetryBudget({ totalMs: 5_000 }),
    log: (l) => logs.push(l),
    baseDelayMs: 5,
    ...deps,
  });
}

/** No token and no key, whole or base64, in a text. */
function expectClean(text: string, token: string): void {
  for (const v of [token, leaked.reveal(), replacement.reveal()]) {
    expect(text).not.toContain(v);
    expect(text).not.toContain(Buffer.from(v).toString('base64'));
  }
}

function deployment(name: string, podSpec: Record<string, unknown>) {
  return {
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: podSpec },
    },
  };
}

describe('holds', () => {
  it('proves by fingerprint that the entry holds the leaked key', async () => {
    const s = await store(k8s.token(USER, MINIMAL));
    await expect(s.holds(leaked)).resolves.toEqual({ state: 'holds' });
  });

  it('says other when the entry holds another key', async () => {
    k8s.seedSecret(NS, NAME, { [FIELD]: replacement.reveal() });
    const s = await store(k8s.token(USER, MINIMAL));
    await expect(s.holds(leaked)).resolves.toEqual({ state: 'other' });
  });

  it('counts the leaked key with a trailing newline (kubectl --from-file) as held', async () => {
    k8s.seedSecret(NS, NAME, { [FIELD]: `${leaked.reveal()}\n` });
    const s = await store(k8s.token(USER, MINIMAL));
    await expect(s.holds(leaked)).resolves.toEqual({ state: 'holds' });
  });

  it.each([
    ['the Secret does not exist', () => k8s.seedSecret(NS, 'other', { x: 'y' }), 'missing'],
    ['the Secret has no such entry', () => k8s.seedSecret(NS, 'missing', { ORG: 'acme' }), 'missing'],
  ])('says absent when %s', async (_what, seed, name) => {
    seed();
    const s = await createKubernetesStore(config({}, { name }), {
      kubeconfig: k8s.kubeconfig(k8s.token(USER, [{ verbs: ['get'], resources: ['secrets'] }])),
      env: {},
    });
    await expect(s.holds(leaked)).resolves.toEqual({ state: 'absent' });
  });

  it('says unknown, not absent, when the identity may not get the Secret (403)', async () => {
    const s = await store(k8s.token(USER, [{ verbs: ['patch'], resources: ['secrets'] }]));
    const h = await s.holds(leaked);
    expect(h.state).toBe('unknown');
  });

  it('masks the token before the first request', async () => {
    const token = k8s.token(USER, MINIMAL);
    await (await store(token)).holds(leaked);
    expect(masked).toContain(token);
  });
});

describe('preflight', () => {
  it('passes with the minimal Role, asking a SelfSubjectAccessReview for get and patch on the Secret', async () => {
    const s = await store(k8s.token(USER, MINIMAL));
    await s.preflight();
    expect(k8s.reviews.slice(-2)).toEqual([
      { verb: 'get', group: '', resource: 'secrets', namespace: NS, name: NAME, allowed: true, user: USER },
      { verb: 'patch', group: '', resource: 'secrets', namespace: NS, name: NAME, allowed: true, user: USER },
    ]);
  });

  it('stops when the identity may read but not patch the Secret', async () => {
    const s = await store(k8s.token(USER, [{ verbs: ['get'], resources: ['secrets'] }]));
    const err = await storeErrorOf(s.preflight());
    expect(err.message).toContain('may not `patch` secrets/openai in prod');
    expect(err.transient).toBe(false);
  });

  it('stops when a Role for another Secret name is all it has', async () => {
    const s = await store(
      k8s.token(USER, [{ verbs: ['get', 'patch'], resources: ['secrets'], resourceNames: ['other'] }]),
    );
    expect((await storeErrorOf(s.preflight())).message).toContain('may not `get`');
  });

  it('stops when the identity may not ask what it may do', async () => {
    const s = await store(k8s.token(USER, MINIMAL, { selfReview: false }));
    expect((await storeErrorOf(s.preflight())).message).toContain(
      'create selfsubjectaccessreviews is denied',
    );
  });

  it('stops on an immutable Secret, which no patch can change', async () => {
    k8s.seedSecret(NS, NAME, { [FIELD]: leaked.reveal() }, { immutable: true });
    const s = await store(k8s.token(USER, MINIMAL));
    expect((await storeErrorOf(s.preflight())).message).toContain('is immutable');
  });

  it('stops when the Secret has no entry to replace', async () => {
    k8s.seedSecret(NS, NAME, { ORG: 'acme' });
    const s = await store(k8s.token(USER, MINIMAL));
    expect((await storeErrorOf(s.preflight())).message).toContain('has no entry OPENAI_API_KEY');
  });

  it('stops with a clear error when the token is refused (401)', async () => {
    const s = await store('kgtok.not-a-known-token');
    const err = await storeErrorOf(s.preflight());
    expect(err.message).toContain('answered 401 Unauthorized: the credentials were refused');
    expectClean(err.message, 'kgtok.not-a-known-token');
  });
});

describe('put', () => {
  it('patches only its entry and keeps every other entry of the Secret', async () => {
    const s = await store(k8s.token(USER, MINIMAL));
    const before = k8s.secret(NS, NAME)!.metadata.resourceVersion;
    const out = await s.put(replacement);
    expect(k8s.secretValues(NS, NAME)).toEqual({ [FIELD]: replacement.reveal(), ORG: 'acme', TIMEOUT: '30' });
    expect(out).toEqual({ outcome: 'updated', version: k8s.secret(NS, NAME)!.metadata.resourceVersion });
    expect(Number(out.version)).toBeGreaterThan(Number(before));
  });

  it('sends a merge patch of that one entry carrying the resourceVersion it read', async () => {
    const s = await store(k8s.token(USER, MINIMAL));
    const rv = k8s.secret(NS, NAME)!.metadata.resourceVersion;
    await s.put(replacement);
    const patch = k8s.server.requestsTo('PATCH', SECRET_PATH).at(-1)!;
    expect(patch.headers['content-type']).toBe('application/merge-patch+json');
    expect(JSON.parse(patch.body)).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: NAME, namespace: NS, resourceVersion: rv },
      data: { [FIELD]: Buffer.from(replacement.reveal()).toString('base64') },
    });
  });

  it('writes nothing when the entry already holds the value (a re-run)', async () => {
    k8s.seedSecret(NS, NAME, { [FIELD]: replacement.reveal() });
    const s = await store(k8s.token(USER, MINIMAL));
    await s.put(replacement);
    expect(k8s.server.requestsTo('PATCH', SECRET_PATH)).toHaveLength(0);
  });

  it('reads again after a 409 Conflict and keeps the concurrent writer’s change', async () => {
    const s = await store(k8s.token(USER, MINIMAL));
    await s.holds(leaked);
    // Someone else writes between keyguard's read and its patch: the patch's resourceVersion is stale.
    const path = SECRET_PATH;
    const req = k8s.server.requests;
    const push = req.push.bind(req);
    let raced = false;
    req.push = (...items) => {
      if (!raced && items[0]?.method === 'PATCH') {
        raced = true;
        k8s.seedSecret(NS, NAME, { [FIELD]: leaked.reveal(), ORG: 'acme', TIMEOUT: '30', EXTRA: 'theirs' });
      }
      return push(...items);
    };
    try {
      await s.put(replacement);
    } finally {
      req.push = push;
    }
    expect(
      k8s.server
        .requestsTo('PATCH', path)
        .map((r) => r.status)
        .slice(-2),
    ).toEqual([409, 200]);
    expect(k8s.secretValues(NS, NAME)).toEqual({
      [FIELD]: replacement.reveal(),
      ORG: 'acme',
      TIMEOUT: '30',
      EXTRA: 'theirs',
    });
    expect(logs.join('\n')).toContain('409 Conflict');
  });

  it('retries a 500 within the budget and then succeeds', async () => {
    k8s.failNext('PATCH', SECRET_PATH, 500, 1);
    const s = await store(k8s.token(USER, MINIMAL));
    await s.put(replacement);
    expect(k8s.secretValues(NS, NAME)![FIELD]).toBe(replacement.reveal());
  });

  /** Patches that keep failing end in a transient error that says why, the entry left as it was. */
  it.each([
    {
      name: 'gives up after a second conflict with a precise, transient error',
      status: 409,
      times: 2,
      says: 'two resourceVersion conflicts',
    },
    {
      name: 'fails with a transient error when every attempt meets a 500, and leaves the entry as it was',
      status: 500,
      times: 10,
      says: 'answered 500 InternalError: the API server failed',
    },
  ])('$name', async ({ status, times, says }) => {
    k8s.failNext('PATCH', SECRET_PATH, status, times);
    const s = await store(k8s.token(USER, MINIMAL));
    const err = await storeErrorOf(s.put(replacement));
    expect(err.message).toContain(says);
    expect(err.transient).toBe(true);
    expect(k8s.secretValues(NS, NAME)![FIELD]).toBe(leaked.reveal());
  });

  it('fails without a retry on 403', async () => {
    const s = await store(k8s.token(USER, [{ verbs: ['get'], resources: ['secrets'] }]));
    const err = await storeErrorOf(s.put(replacement));
    expect(err.message).toContain('answered 403 Forbidden');
    expect(err.transient).toBe(false);
    expect(k8s.server.requestsTo('PATCH', SECRET_PATH)).toHaveLength(1);
  });
});

describe('the emulator holds the apiserver’s contract', () => {
  const path = SECRET_PATH;
  async function send(token: string | undefined, method: string, body: string | undefined, type?: string) {
    const { request } = await import('node:https');
    const { testTls } = await import('../emulators/tls.js');
    return new Promise<{ status: number; json: any }>((resolve, reject) => {
      const r = request(
        `${k8s.baseUrl}${path}`,
        {
          method,
          ca: testTls().ca,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(type ? { 'content-type': type } : {}),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
        },
      );
      r.on('error', reject);
      if (body) r.write(body);
      r.end();
    });
  }

  it.each([
    ['no bearer token', undefined, 'GET', undefined, undefined, 401, 'Unauthorized'],
    ['an unknown content type', 'ok', 'PATCH', '{}', 'application/json', 415, 'UnsupportedMediaType'],
    [
      'a data value that is not base64',
      'ok',
      'PATCH',
      '{"data":{"X":"not base64!"}}',
      'application/merge-patch+json',
      422,
      'Invalid',
    ],
    [
      'a data key outside [-._a-zA-Z0-9]',
      'ok',
      'PATCH',
      '{"data":{"a b":"eA=="}}',
      'application/merge-patch+json',
      422,
      'Invalid',
    ],
    [
      'a stale resourceVersion',
      'ok',
      'PATCH',
      '{"metadata":{"resourceVersion":"1"}}',
      'application/strategic-merge-patch+json',
      409,
      'Conflict',
    ],
    [
      'a failed json-patch test',
      'ok',
      'PATCH',
      '[{"op":"test","path":"/metadata/resourceVersion","value":"1"}]',
      'application/json-patch+json',
      422,
      'Invalid',
    ],
    [
      'a json-patch that is not an array',
      'ok',
      'PATCH',
      '{"op":"replace","path":"/data/X","value":"eA=="}',
      'application/json-patch+json',
      400,
      'BadRequest',
    ],
    [
      'a strategic merge patch that is not an object',
      'ok',
      'PATCH',
      '[{"data":{"X":"eA=="}}]',
      'application/strategic-merge-patch+json',
      400,
      'BadRequest',
    ],
    [
      'a strategic merge patch with an unknown $patch directive',
      'ok',
      'PATCH',
      '{"data":{"$patch":"explode"}}',
      'application/strategic-merge-patch+json',
      400,
      'BadRequest',
    ],
    [
      'a change of the Secret type',
      'ok',
      'PATCH',
      '{"type":"kubernetes.io/basic-auth"}',
      'application/merge-patch+json',
      422,
      'Invalid',
    ],
    [
      'a renamed object',
      'ok',
      'PATCH',
      '{"metadata":{"name":"x"}}',
      'application/merge-patch+json',
      400,
      'BadRequest',
    ],
  ])('refuses %s with a Status object', async (_what, tok, method, body, type, code, reason) => {
    const token = tok && k8s.token(USER, MINIMAL);
    const res = await send(token, method, body, type);
    expect(res.status).toBe(code);
    expect(res.json).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code });
  });

  it.each([
    ['a merge patch', 'application/merge-patch+json', '{"immutable":false}'],
    ['a strategic merge patch', 'application/strategic-merge-patch+json', '{"immutable":null}'],
    ['a json-patch', 'application/json-patch+json', '[{"op":"replace","path":"/immutable","value":false}]'],
  ])('refuses %s that turns immutable off, as field is immutable (422)', async (_what, type, body) => {
    k8s.seedSecret(NS, NAME, { [FIELD]: 'x' }, { immutable: true });
    const res = await send(k8s.token(USER, MINIMAL), 'PATCH', body, type);
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      reason: 'Invalid',
      message: `Secret "${NAME}" is invalid: immutable: Forbidden: field is immutable when \`immutable\` is set`,
      details: { causes: [{ field: 'immutable', reason: 'FieldValueForbidden' }] },
    });
    expect(k8s.secret(NS, NAME)!.immutable).toBe(true);
  });

  it('names both fields when a patch turns immutable off and changes the data', async () => {
    k8s.seedSecret(NS, NAME, { [FIELD]: 'x' }, { immutable: true });
    const res = await send(
      k8s.token(USER, MINIMAL),
      'PATCH',
      JSON.stringify({ immutable: false, data: { [FIELD]: Buffer.from('y').toString('base64') } }),
      'application/merge-patch+json',
    );
    expect(res.json.message).toBe(
      `Secret "${NAME}" is invalid: [immutable: Forbidden: field is immutable when \`immutable\` is set, data: Forbidden: field is immutable when \`immutable\` is set]`,
    );
  });

  it('applies a strategic merge patch with $patch: replace as a replacement of that map', async () => {
    const value = Buffer.from('only').toString('base64');
    const res = await send(
      k8s.token(USER, MINIMAL),
      'PATCH',
      JSON.stringify({ data: { $patch: 'replace', [FIELD]: value } }),
      'application/strategic-merge-patch+json',
    );
    expect(res.status).toBe(200);
    expect(k8s.secretValues(NS, NAME)).toEqual({ [FIELD]: 'only' });
  });

  it('merges a strategic merge patch of data like a merge patch, keeping the other entries', async () => {
    const value = Buffer.from('x').toString('base64');
    const res = await send(
      k8s.token(USER, MINIMAL),
      'PATCH',
      JSON.stringify({ data: { [FIELD]: value, TIMEOUT: null } }),
      'application/strategic-merge-patch+json',
    );
    expect(res.status).toBe(200);
    expect(k8s.secretValues(NS, NAME)).toEqual({ [FIELD]: 'x', ORG: 'acme' });
  });

  it('accepts a json-patch that tests the current resourceVersion and replaces one entry', async () => {
    const rv = k8s.secret(NS, NAME)!.metadata.resourceVersion;
    const value = Buffer.from('x').toString('base64');
    const res = await send(
      k8s.token(USER, MINIMAL),
      'PATCH',
      JSON.stringify([
        { op: 'test', path: '/metadata/resourceVersion', value: rv },
        { op: 'replace', path: `/data/${FIELD}`, value },
      ]),
      'application/json-patch+json',
    );
    expect(res.status).toBe(200);
    expect(Number(res.json.metadata.resourceVersion)).toBeGreaterThan(Number(rv));
    expect(k8s.secretValues(NS, NAME)).toMatchObject({ [FIELD]: 'x', ORG: 'acme' });
  });
});

describe('followUps: the workloads that use the Secret', () => {
  beforeEach(() => {
    k8s.addWorkload(
      'deployments',
      NS,
      deployment('api', {
        containers: [
          {
            name: 'api',
            image: 'api:1',
            env: [{ name: 'OPENAI_API_KEY', valueFrom: { secretKeyRef: { name: NAME, key: FIELD } } }],
          },
        ],
      }),
    );
    k8s.addWorkload('deployments', NS, deployment('web', { containers: [{ name: 'web', image: 'web:1' }] }));
    k8s.addWorkload(
      'deployments',
      NS,
      deployment('org-only', {
        containers: [
          {
            name: 'o',
            image: 'o:1',
            env: [{ name: 'ORG', valueFrom: { secretKeyRef: { name: NAME, key: 'ORG' } } }],
          },
        ],
      }),
    );
    k8s.addWorkload('statefulsets', NS, {
      metadata: { name: 'worker' },
      spec: {
        serviceName: 'worker',
        selector: { matchLabels: { app: 'worker' } },
        template: {
          metadata: { labels: { app: 'worker' } },
          spec: {
            initContainers: [{ name: 'init', image: 'i:1', envFrom: [{ secretRef: { name: NAME } }] }],
            containers: [{ name: 'w', image: 'w:1' }],
          },
        },
      },
    });
    k8s.addWorkload('daemonsets', NS, {
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: {
            containers: [{ name: 'a', image: 'a:1' }],
            volumes: [{ name: 'creds', projected: { sources: [{ secret: { name: NAME } }] } }],
          },
        },
      },
    });
    k8s.addWorkload('cronjobs', NS, {
      metadata: { name: 'nightly' },
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: {
                restartPolicy: 'Never',
                containers: [{ name: 'n', image: 'n:1' }],
                volumes: [
                  { name: 'key', secret: { secretName: NAME, items: [{ key: FIELD, path: 'key' }] } },
                ],
              },
            },
          },
        },
      },
    });
    k8s.addWorkload(
      'deployments',
      'staging',
      deployment('api', {
        containers: [{ name: 'api', image: 'api:1', envFrom: [{ secretRef: { name: NAME } }] }],
      }),
    );
  });

  it('lists every kind that uses the Secret, in containers, initContainers and volumes, in its namespace only', async () => {
    const s = await store(k8s.token(USER, MINIMAL));
    await s.put(replacement);
    const lines = await s.followUps!();
    const text = lines.join('\n');
    expect(text).toContain(
      'Deployment prod/api uses it (env OPENAI_API_KEY (container api)): needs a rollout: `kubectl -n prod rollout restart deployment/api`',
    );
    expect(text).toContain('StatefulSet prod/worker uses it (envFrom (init container init))');
    expect(text).toContain('DaemonSet prod/agent uses it (projected volume creds)');
    expect(text).toContain(
      'CronJob prod/nightly uses it (volume key): its next Job starts with the new value',
    );
    expect(text).toContain(
      'Deployment prod/org-only uses it (env ORG (container o)): only other entries of it, no rollout needed',
    );
    expect(text).not.toContain('web');
    expect(text).not.toContain('staging');
  });

  it('restarts nothing unless asked', async () => {
    const since = k8s.server.requests.length;
    const s = await store(k8s.token(USER, RESTARTER));
    await s.put(replacement);
    await s.followUps!();
    expect(k8s.restartedAt('deployments', NS, 'api')).toBeUndefined();
    expect(
      k8s.server.requests.slice(since).filter((r) => r.method === 'PATCH' && r.path.startsWith('/apis/')),
    ).toEqual([]);
  });

  it('with restart: true, patches restartedAt like kubectl rollout restart right after the write, on the kinds that read the key', async () => {
    const at = new Date('2026-12-03T08:00:00Z');
    const s = await store(k8s.token(USER, RESTARTER), { restart: true }, { now: () => at });
    await s.put(replacement);
    // Restarted by the write itself, while the leaked key still works (the saga disables it later).
    expect(k8s.restartedAt('deployments', NS, 'api')).toBe(at.toISOString());
    const lines = await s.followUps!();
    expect(k8s.server.requestsTo('PATCH', `/apis/apps/v1/namespaces/${NS}/deployments/api`)).toHaveLength(1);
    for (const [r, n] of [
      ['deployments', 'api'],
      ['statefulsets', 'worker'],
      ['daemonsets', 'agent'],
    ] as const)
      expect(k8s.restartedAt(r, NS, n)).toBe(at.toISOString());
    expect(k8s.restartedAt('deployments', NS, 'org-only')).toBeUndefined();
    const patch = k8s.server.requestsTo('PATCH', `/apis/apps/v1/namespaces/${NS}/deployments/api`)[0]!;
    expect(patch.headers['content-type']).toBe('application/strategic-merge-patch+json');
    expect(lines.join('\n')).toContain(
      'Deployment prod/api uses it (env OPENAI_API_KEY (container api)): restarted by keyguard after the write',
    );
  });

  it('restarts after a re-run that found the value already written by the earlier run', async () => {
    k8s.seedSecret(NS, NAME, { [FIELD]: replacement.reveal() });
    const s = await store(k8s.token(USER, RESTARTER), { restart: true });
    await s.put(replacement);
    expect(k8s.restartedAt('deployments', NS, 'api')).toBeDefined();
  });

  it('says a restart it may not do is left for a human, with the command', async () => {
    const s = await store(k8s.token(USER, MINIMAL), { restart: true });
    await s.put(replacement);
    const text = (await s.followUps!()).join('\n');
    expect(text).toContain('could not restart it');
    expect(text).toContain('kubectl -n prod rollout restart deployment/api');
  });

  it('reads every page of a long list', async () => {
    for (let i = 0; i < 260; i++)
      k8s.addWorkload(
        'deployments',
        NS,
        deployment(`bulk-${String(i).padStart(3, '0')}`, { containers: [{ name: 'c', image: 'c:1' }] }),
      );
    k8s.addWorkload(
      'deployments',
      NS,
      deployment('zz-last', {
        containers: [{ name: 'z', image: 'z:1', envFrom: [{ secretRef: { name: NAME } }] }],
      }),
    );
    const s = await store(k8s.token(USER, MINIMAL));
    const text = (await s.followUps!()).join('\n');
    expect(text).toContain('Deployment prod/zz-last uses it');
    expect(
      k8s.server.requestsTo('GET', `/apis/apps/v1/namespaces/${NS}/deployments`).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('names in its preflight every workload that reads the Secret, with what will happen to it', async () => {
    const s = await store(k8s.token(USER, MINIMAL));
    await s.preflight();
    const text = s.preflightNotes!().join('\n');
    expect(text).toContain(
      'Deployment prod/api uses it (env OPENAI_API_KEY (container api)): after the write, needs a rollout: `kubectl -n prod rollout restart deployment/api`',
    );
    expect(text).toContain('CronJob prod/nightly uses it (volume key): after the write, its next Job starts');
    expect(k8s.server.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('with restart: true, proves in its preflight that it may patch each workload it will restart', async () => {
    const s = await store(k8s.token(USER, RESTARTER), { restart: true });
    await s.preflight();
    const patches = k8s.reviews.filter((r) => r.verb === 'patch' && r.resource !== 'secrets');
    expect(patches.map((r) => `${r.group}/${r.resource}/${r.name}:${r.allowed}`).sort()).toEqual([
      'apps/daemonsets/agent:true',
      'apps/deployments/api:true',
      'apps/statefulsets/worker:true',
    ]);
    expect(s.preflightNotes!().join('\n')).toContain(
      'Deployment prod/api uses it (env OPENAI_API_KEY (container api)): restarted by keyguard right after the write',
    );
  });

  it('with restart: true, stops in its preflight when it may not patch a workload it would restart', async () => {
    const s = await store(k8s.token(USER, MINIMAL), { restart: true });
    const err = await storeErrorOf(s.preflight());
    expect(err.message).toContain(
      'restart: true, but the identity may not `patch` deployments/api, statefulsets/worker, daemonsets/agent in prod',
    );
    expect(k8s.server.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('with restart: true, stops in its preflight when it cannot list the workloads', async () => {
    const s = await store(k8s.token(USER, MINIMAL.slice(0, 1)), { restart: true });
    const err = await storeErrorOf(s.preflight());
    expect(err.message).toContain(
      'restart: true, but the workloads that read secrets/openai cannot all be listed',
    );
    expect(err.message).toContain('403 Forbidden');
  });

  it('says which lists it could not read instead of failing', async () => {
    const s = await store(k8s.token(USER, MINIMAL.slice(0, 1)));
    const text = (await s.followUps!()).join('\n');
    expect(text).toContain('could not list deployments in prod');
    expect(text).toContain('403 Forbidden');
  });
});

describe('retire', () => {
  it('says there is nothing to retire: a Secret has no older versions', async () => {
    const s = await store(k8s.token(USER, MINIMAL));
    await s.put(replacement);
    expect((await s.retire!(leaked)).join('\n')).toContain(
      'nothing to retire: a Secret keeps no older versions',
    );
  });
});

describe('hostile or broken answers', () => {
  const path = SECRET_PATH;
  it.each([
    [
      'a body larger than the cap',
      { status: 200, body: `{"kind":"Secret","data":{"x":"${'A'.repeat(5 * 1024 * 1024)}"}}` },
      'larger than 4 MiB',
    ],
    [
      'an object of another kind',
      {
        status: 200,
        body: {
          kind: 'ConfigMap',
          apiVersion: 'v1',
          metadata: { name: NAME, namespace: NS, resourceVersion: '1' },
        },
      },
      'the answer is a ConfigMap',
    ],
    [
      'a 200 that is not JSON',
      { status: 200, body: '<html>proxy login</html>', headers: { 'content-type': 'text/html' } },
      'not a JSON object (text/html)',
    ],
    ['a Status that quotes the key', { ...k8sStatus(422, 'Invalid', 'QUOTE') }, 'answered 422 Invalid'],
  ])('%s is a clear error that quotes nothing', async (_what, answer, expected) => {
    const token = k8s.token(USER, MINIMAL);
    const body =
      typeof answer.body === 'object' && (answer.body as { message?: string }).message === 'QUOTE'
        ? {
            ...(answer.body as object),
            message: `Secret is invalid: ${leaked.reveal()} ${Buffer.from(leaked.reveal()).toString('base64')} ${token}`,
          }
        : answer.body;
    k8s.server.injectFault({
      method: 'GET',
      path,
      times: 5,
      fault: {
        kind: 'status',
        status: answer.status,
        body,
        headers: (answer as { headers?: Record<string, string> }).headers,
      },
    });
    const s = await store(token);
    const err = await storeErrorOf(s.preflight());
    expect(err.message).toContain(expected);
    expectClean(err.message, token);
    expect(err.message).not.toContain('proxy login');
  });

  it('never echoes the 422 an invalid patch gets, which quotes the whole patched object', async () => {
    const token = k8s.token(USER, MINIMAL);
    const s = await store(token);
    // A real apiserver's 422 for this patch quotes the patched Secret, leaked key and replacement included.
    const rv = k8s.secret(NS, NAME)!.metadata.resourceVersion;
    const patched = JSON.stringify({
      ...k8s.secret(NS, NAME),
      data: {
        [FIELD]: Buffer.from(replacement.reveal()).toString('base64'),
        OLD: Buffer.from(leaked.reveal()).toString('base64'),
      },
    });
    k8s.server.injectFault({
      method: 'PATCH',
      path,
      fault: {
        kind: 'status',
        status: 422,
        body: k8sStatus(
          422,
          'Invalid',
          ` "" is invalid: patch: Invalid value: ${JSON.stringify(patched)}: illegal base64 data at input byte 3`,
        ).body,
      },
    });
    const err = await storeErrorOf(s.put(replacement));
    expect(err.message).toContain('answered 422 Invalid: the API server refused the object as invalid');
    expectClean(err.message, token);
    expect(k8s.secret(NS, NAME)!.metadata.resourceVersion).toBe(rv);
  });

  it('says so when the API server does not serve Secrets in its discovery', async () => {
    k8s.server.injectFault({
      method: 'GET',
      path: '/api/v1',
      fault: {
        kind: 'status',
        status: 200,
        body: { kind: 'APIResourceList', groupVersion: 'v1', resources: [] },
      },
    });
    const s = await store(k8s.token(USER, MINIMAL));
    expect((await storeErrorOf(s.preflight())).message).toContain('does not serve this kind');
  });

  it('refuses a Secret whose entry is not base64, as no API server sends it', async () => {
    const secret = { ...k8s.secret(NS, NAME)!, data: { [FIELD]: `${leaked.reveal()}!` } };
    k8s.server.injectFault({ method: 'GET', path, fault: { kind: 'status', status: 200, body: secret } });
    const s = await store(k8s.token(USER, MINIMAL));
    const err = await storeErrorOf(s.preflight());
    expect(err.message).toContain('is not base64');
    expectClean(err.message, 'none');
  });

  it('withholds workload and container names that are not Kubernetes names (log and Markdown injection)', async () => {
    const evil = '`x`\n::error::pwned <img src=x>';
    const list = {
      kind: 'DeploymentList',
      apiVersion: 'apps/v1',
      metadata: { resourceVersion: '1' },
      items: [
        deployment(evil, {
          containers: [
            {
              name: evil,
              image: 'a:1',
              env: [{ name: evil, valueFrom: { secretKeyRef: { name: NAME, key: FIELD } } }],
            },
          ],
        }),
      ],
    };
    k8s.server.injectFault({
      method: 'GET',
      path: `/apis/apps/v1/namespaces/${NS}/deployments`,
      // Read twice: by the restart after the write and by followUps.
      times: 2,
      fault: { kind: 'status', status: 200, body: list },
    });
    const s = await store(k8s.token(USER, RESTARTER), { restart: true });
    await s.put(replacement);
    const text = (await s.followUps!()).join('\n');
    expect(text).toContain(
      'Deployment prod/(unprintable name) uses it (env (unprintable) (container (unprintable)))',
    );
    expect(text).toContain('not restarted: its name is unprintable');
    expect(text).not.toContain('::error::');
    expect(text).not.toContain('<img');
  });

  it('gives up on an API server that never answers, within the time limit', async () => {
    k8s.server.injectFault({ method: 'GET', path, times: 5, fault: { kind: 'timeout' } });
    const s = await store(k8s.token(USER, MINIMAL), {}, { requestTimeoutMs: 200, attempts: 2 });
    const err = await storeErrorOf(s.preflight());
    expect(err.message).toContain('did not answer within 200 ms');
    expect(err.transient).toBe(true);
  });
});

describe('configuration and credentials', () => {
  it.each([
    ['no namespace', { namespace: undefined }, '`namespace` is required'],
    ['an unknown option', { restrat: true }, 'unknown option(s) `restrat`'],
    ['a restart that is not a boolean', { restart: 'yes' }, '`restart` must be true or false'],
  ])('refuses %s', async (_what, options, expected) => {
    const err = await storeErrorOf(
      createKubernetesStore(config(options), { kubeconfig: k8s.kubeconfig('x'), env: {} }),
    );
    expect(err.message).toContain(expected);
  });

  it('refuses a field that is not a Secret data key', async () => {
    const err = await storeErrorOf(
      createKubernetesStore(config({}, { field: 'a b' }), { kubeconfig: k8s.kubeconfig('x'), env: {} }),
    );
    expect(err.message).toContain('`field` is required');
  });

  it('says where to get credentials when there are none', async () => {
    const err = await storeErrorOf(createKubernetesStore(config(), { env: {} }));
    expect(err.message).toContain('no Kubernetes credentials: set KUBECONFIG');
  });

  it('refuses a cluster that skips TLS verification', async () => {
    const text = k8s
      .kubeconfig('x')
      .replace(/certificate-authority-data: .*/, 'insecure-skip-tls-verify: true');
    const err = await storeErrorOf(createKubernetesStore(config(), { kubeconfig: text, env: {} }));
    expect(err.message).toContain('insecure-skip-tls-verify');
  });

  it('reads KUBECONFIG from the step env and picks the configured context', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-kube-'));
    try {
      const token = k8s.token(USER, MINIMAL);
      const file = join(dir, 'config');
      writeFileSync(
        file,
        k8s
          .kubeconfig(token, { context: 'prod-admin', extraContexts: ['dev'] })
          .replace('current-context: prod-admin', 'current-context: dev'),
      );
      const [s] = await createStores([config({ context: 'prod-admin' })], {
        env: { KUBECONFIG: file },
        mask: (v) => masked.push(v),
      });
      await expect((s as SecretStore).holds(leaked)).resolves.toEqual({ state: 'holds' });
      expect(masked).toContain(token);
      const missing = await storeErrorOf(
        createStores([config({ context: 'nope' })], { env: { KUBECONFIG: file } }),
      );
      expect(missing.message).toContain('has no context nope');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the pod’s service account in a cluster', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kg-sa-'));
    try {
      const token = k8s.token(USER, MINIMAL);
      const dir = join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
      const { mkdirSync } = await import('node:fs');
      const { testTls } = await import('../emulators/tls.js');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'token'), token);
      writeFileSync(join(dir, 'ca.crt'), testTls().ca);
      const url = new URL(k8s.baseUrl);
      const s = await createKubernetesStore(config(), {
        env: { KUBERNETES_SERVICE_HOST: url.hostname, KUBERNETES_SERVICE_PORT: url.port },
        inClusterRoot: root,
        mask: (v) => masked.push(v),
      });
      await expect(s.holds(leaked)).resolves.toEqual({ state: 'holds' });
      expect(masked).toContain(token);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('docs/stores-kubernetes.md', () => {
  const doc = readFileSync('docs/stores-kubernetes.md', 'utf8');
  const fences = doc
    .split('```yaml\n')
    .slice(1)
    .map((f) => f.split('```')[0]!);

  it('has a configuration example every validator accepts, the same Secret in two contexts included', async () => {
    const { parseConfig } = await import('../../src/config/load.js');
    const { parseRotationConfig } = await import('../../src/rotate/config.js');
    const c = parseConfig(fences[0]!, '.keyguard.yml');
    const r = parseRotationConfig(c.rotation, c.source.lineOf, '.keyguard.yml');
    expect(r.providers.openai!.stores!.map((s) => s.options.context ?? '-')).toEqual(['-', 'eu-west']);
  });

  it('documents a Role that is enough to read, preflight, write and list the workloads', async () => {
    const [role] = parseAllDocuments(fences[1]!).map((d) => d.toJS());
    const rules: Rule[] = role.rules.map((r: Rule) => ({ ...r, namespaces: [role.metadata.namespace] }));
    k8s.addWorkload(
      'deployments',
      NS,
      deployment('api', {
        containers: [{ name: 'api', image: 'api:1', envFrom: [{ secretRef: { name: NAME } }] }],
      }),
    );
    const s = await store(k8s.token(USER, rules));
    await expect(s.holds(leaked)).resolves.toEqual({ state: 'holds' });
    await s.preflight();
    await s.put(replacement);
    const text = (await s.followUps!()).join('\n');
    expect(text).toContain('Deployment prod/api uses it');
    expect(text).not.toContain('could not');
  });
});
