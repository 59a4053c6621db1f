/**
 * Issue 16 end to end through dist/index.js with the three places the issue names: a leaked OpenAI key
 * that lives in a GitHub secret, AWS Secrets Manager (JSON secret, one field) and a Kubernetes Secret
 * (one data entry among others, read by a Deployment) at once is replaced in all three before the leaked
 * key is disabled; a Kubernetes failure (a 500 on the patch, or an identity that may not patch) leaves
 * the leaked key live and a re-run finishes the job; no whole key reaches any output.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessKey, SecretsManagerEmulator } from '../emulators/aws-secrets-manager.js';
import type { GitHubEmulator } from '../emulators/github.js';
import { type KubernetesEmulator, type Rule, startKubernetesEmulator } from '../emulators/kubernetes.js';
import type { OpenAIEmulator } from '../emulators/openai.js';
import { KeyGen } from '../helpers/keygen.js';
import { kubernetesStoreRole } from '../helpers/kubernetes-role.js';
import type { RunResult, TestRepo } from './harness.js';
import {
  AWS_STORE_NO_PROBE,
  awsKeyEnv,
  expectJournalRotated,
  expectLeakedKeptLive,
  expectNeverSent,
  expectReplacedInGitHubAndAws,
  expectWrittenBeforeDisable,
  leakIntoGitHubAndAws,
  logRequests,
  openaiStoresConfig,
  type PlaceEvent,
  startGitHubOpenAIAndAws,
} from './helpers/stores-world.js';
import {
  expectNoWholeKey,
  knownSecrets,
  leakRepo,
  liveReplacements,
  openaiInputs,
  runOver,
  type SweepOptions,
} from './helpers/world.js';

const NS = 'prod';
const SECRET = 'openai';
const FIELD = 'OPENAI_API_KEY';
const SECRET_PATH = `/api/v1/namespaces/${NS}/secrets/${SECRET}`;
const USER = 'system:serviceaccount:ci:keyguard';
/** The Role of docs/stores-kubernetes.md. */
const ROLE: Rule[] = kubernetesStoreRole(NS, SECRET);
const CONFIG = openaiStoresConfig(
  AWS_STORE_NO_PROBE,
  `{ kind: kubernetes, namespace: ${NS}, name: ${SECRET}, field: ${FIELD} }`,
);

const gen = new KeyGen(1618);

let github: GitHubEmulator;
let openai: OpenAIEmulator;
let aws: SecretsManagerEmulator;
let k8s: KubernetesEmulator;
let awsKey: AccessKey;
let kubeToken: string;
let kubeDir: string;
let repo: TestRepo | undefined;
/** Every write to a place, and the leaked key's disable, in the order the emulators saw them. */
let events: PlaceEvent[];

beforeEach(async () => {
  ({ github, openai, aws, awsKey, events } = await startGitHubOpenAIAndAws(gen));
  k8s = await startKubernetesEmulator();
  kubeToken = k8s.token(USER, ROLE);
  kubeDir = mkdtempSync(join(tmpdir(), 'kg-e2e-kube-'));
  writeFileSync(join(kubeDir, 'config'), k8s.kubeconfig(kubeToken));
  logRequests(events, k8s.server, (r) =>
    r.method === 'PATCH' && r.path === SECRET_PATH
      ? 'put:k8s'
      : r.method === 'PATCH' && r.path.startsWith('/apis/apps/')
        ? 'restart:k8s'
        : undefined,
  );
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  rmSync(kubeDir, { recursive: true, force: true });
  await Promise.all([github.stop(), openai.stop(), aws.stop(), k8s.stop()]);
});

function leak(config = CONFIG) {
  const w = leakIntoGitHubAndAws({ github, openai, aws, events });
  k8s.seedSecret(NS, SECRET, { [FIELD]: w.leaked.value, OPENAI_ORG: 'acme' });
  k8s.addWorkload('deployments', NS, {
    metadata: { name: 'api' },
    spec: {
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: {
          containers: [
            {
              name: 'api',
              image: 'api:1',
              env: [{ name: FIELD, valueFrom: { secretKeyRef: { name: SECRET, key: FIELD } } }],
            },
          ],
        },
      },
    },
  });
  repo = leakRepo(w.leaked.value, { config });
  return w;
}

function sweep(w: ReturnType<typeof leak>, over: Partial<SweepOptions> = {}): Promise<RunResult> {
  const base: SweepOptions = {
    repo: repo!,
    github,
    inputs: openaiInputs(openai, w.admin.value),
    env: { OPENAI_API_KEY: w.leaked.value, ...awsKeyEnv(aws, awsKey), KUBECONFIG: join(kubeDir, 'config') },
  };
  return runOver(base, over);
}

/** One live replacement, in every place; the leaked key deleted; the other fields and entries kept. */
function expectRotated(w: ReturnType<typeof leak>): void {
  const replacement = expectReplacedInGitHubAndAws({ github, openai, aws }, w.leaked);
  expect(k8s.secretValues(NS, SECRET)).toEqual({ [FIELD]: replacement.value, OPENAI_ORG: 'acme' });
}

const allKeys = () => knownSecrets(openai, awsKey.secretAccessKey, kubeToken);

/** The leaked key never travels to a store, whole or base64 (what a Secret's data holds). */
function expectLeakedNeverSent(w: ReturnType<typeof leak>): void {
  const forms = [w.leaked.value, Buffer.from(w.leaked.value).toString('base64')];
  expectNeverSent([aws.server, k8s.server, github.server], forms);
}

describe('a key in GitHub, AWS Secrets Manager and Kubernetes at once', () => {
  it('is replaced in all three before the leaked key is disabled', async () => {
    const w = leak();
    const started = Date.now();
    // Production waits (no KEYGUARD_RETRY_SCALE): the time measured is what a runner would see.
    const run = await sweep(w, { env: { KEYGUARD_RETRY_SCALE: '' } });

    expectRotated(w);
    const disabled = expectWrittenBeforeDisable(events, ['put:github', 'put:aws', 'put:k8s']);
    expect(run.outputs).toMatchObject({ rotated: '1', disabled: '1', live: '0' });
    expectJournalRotated(
      github,
      w.leaked,
      expect.stringMatching(/^k8s:127\.0\.0\.1:\d+:prod\/openai#OPENAI_API_KEY$/),
    );
    // Proven by fingerprint before anything changed, and asked whether it may patch the Secret.
    expect(k8s.reviews.map((r) => `${r.verb}:${r.allowed}`)).toEqual(['get:true', 'patch:true']);
    const issue = github.issues[0]!.body ?? '';
    expect(issue).toContain('Kubernetes Secret prod/openai (key OPENAI_API_KEY) held the leaked key');
    expect(issue).toContain('kubectl -n prod rollout restart deployment/api');
    expect(issue).toContain('nothing to retire: a Secret keeps no older versions');
    // Nothing restarted: the store was not asked to.
    expect(k8s.restartedAt('deployments', NS, 'api')).toBeUndefined();
    expectNoWholeKey(run, github, allKeys());
    expectLeakedNeverSent(w);
    process.stdout.write(
      `e2e: three stores, process start to leaked key disabled: ${disabled.at - started} ms\n`,
    );
  });

  it('with restart: true, rolls the Deployment onto the replacement before the leaked key is disabled', async () => {
    kubeToken = k8s.token(
      USER,
      [...ROLE, { verbs: ['patch'], apiGroups: ['apps'], resources: ['deployments'], namespaces: [NS] }],
      {
        token: kubeToken,
      },
    );
    const w = leak(CONFIG.replace(`field: ${FIELD} }`, `field: ${FIELD}, restart: true }`));
    const run = await sweep(w);
    expectRotated(w);
    const order = events.map((e) => e.what);
    expect(order.indexOf('restart:k8s')).toBeGreaterThan(order.indexOf('put:k8s'));
    expect(order.indexOf('restart:k8s')).toBeLessThan(order.indexOf('disable'));
    expect(k8s.restartedAt('deployments', NS, 'api')).toBeDefined();
    expect(github.issues[0]!.body ?? '').toContain('restarted by keyguard after the write');
    expectNoWholeKey(run, github, allKeys());
  });

  it('with restart: true but no right to patch the Deployment, stops before anything is made', async () => {
    const w = leak(CONFIG.replace(`field: ${FIELD} }`, `field: ${FIELD}, restart: true }`));
    const first = await sweep(w);
    expect(first.stdout).toContain(
      'restart: true, but the identity may not `patch` deployments/api in prod (SelfSubjectAccessReview)',
    );
    expect(liveReplacements(openai, w.leaked)).toEqual([]);
    expect(openai.keyState(w.leaked.id)).toBe('active');
    expect(events).toEqual([]);
    expect(k8s.reviews.filter((r) => r.verb === 'patch' && r.resource === 'deployments')).toEqual([
      expect.objectContaining({ name: 'api', allowed: false }),
    ]);

    k8s.token(
      USER,
      [...ROLE, { verbs: ['patch'], apiGroups: ['apps'], resources: ['deployments'], namespaces: [NS] }],
      { token: kubeToken },
    );
    const second = await sweep(w, { env: { GITHUB_RUN_ID: '4243' } });
    expect(second.outputs.rotated).toBe('1');
    expectRotated(w);
    expect(k8s.restartedAt('deployments', NS, 'api')).toBeDefined();
    expectNoWholeKey(first, github, allKeys());
    expectNoWholeKey(second, github, allKeys());
  });

  it('names the Deployments that read the Secret in the plan, before anything changes', async () => {
    const w = leak();
    k8s.failNext('PATCH', SECRET_PATH, 500, 100);
    const run = await sweep(w);
    expect(openai.keyState(w.leaked.id)).toBe('active');
    expect(run.stdout).toContain(
      'stores: Kubernetes Secret prod/openai (key OPENAI_API_KEY): Deployment prod/api uses it (env OPENAI_API_KEY (container api)): after the write, needs a rollout: `kubectl -n prod rollout restart deployment/api`',
    );
    expect(github.issues[0]!.body ?? '').toContain('Deployment prod/api uses it');
    expectNoWholeKey(run, github, allKeys());
  });

  it('shows the Kubernetes Secret among the stores a dry run would change, and changes nothing', async () => {
    const w = leak();
    const run = await sweep(w, { inputs: { 'dry-run': 'true' } });
    expect(run.stdout).toMatch(
      /dry run: Kubernetes Secret prod\/openai \(key OPENAI_API_KEY\) \(holds\) would change: .*entry `OPENAI_API_KEY` patched/,
    );
    expect(run.stdout).toContain(
      'dry run: Kubernetes Secret prod/openai (key OPENAI_API_KEY): Deployment prod/api uses it (env OPENAI_API_KEY (container api))',
    );
    expect(events).toEqual([]);
    expect(openai.keyState(w.leaked.id)).toBe('active');
    expectNoWholeKey(run, github, allKeys());
  });
});

describe('a Kubernetes failure leaves the leaked key live, and a re-run finishes', () => {
  it('says in a dry run that an identity that may not patch the Secret would stop the run', async () => {
    const w = leak();
    k8s.token(USER, [{ ...ROLE[0]!, verbs: ['get'] }, ROLE[1]!], { token: kubeToken });
    const run = await sweep(w, { inputs: { 'dry-run': 'true' } });
    expect(run.stdout).toContain(
      'dry run: Kubernetes Secret prod/openai (key OPENAI_API_KEY) (holds) would stop: the identity may not `patch` secrets/openai in prod',
    );
    expect(run.stdout).not.toMatch(
      /Kubernetes Secret prod\/openai \(key OPENAI_API_KEY\) \(holds\) would change/,
    );
    expect(events).toEqual([]);
    expectNoWholeKey(run, github, allKeys());
  });

  it('when the patch of the Secret fails with 500', async () => {
    const w = leak();
    k8s.failNext('PATCH', SECRET_PATH, 500, 100);
    const first = await sweep(w);
    expectLeakedKeptLive(first, { github, openai, events }, w.leaked);
    expect(k8s.secretValues(NS, SECRET)![FIELD]).toBe(w.leaked.value);

    k8s.server.clearFaults();
    const second = await sweep(w, { env: { GITHUB_RUN_ID: '4243' } });
    expect(second.outputs.rotated).toBe('1');
    expectRotated(w);
    expectNoWholeKey(first, github, allKeys());
    expectNoWholeKey(second, github, allKeys());
    expectLeakedNeverSent(w);
  });

  it('when the identity may read but not patch the Secret, before anything is made', async () => {
    const w = leak();
    k8s.token(USER, [{ ...ROLE[0]!, verbs: ['get'] }, ROLE[1]!], { token: kubeToken });
    const first = await sweep(w);
    expect(liveReplacements(openai, w.leaked)).toEqual([]);
    expect(openai.keyState(w.leaked.id)).toBe('active');
    expect(events).toEqual([]);
    expect(first.stdout).toContain(
      'Kubernetes Secret prod/openai (key OPENAI_API_KEY) holds the leaked key but cannot be written',
    );
    expect(first.stdout).toContain('may not `patch` secrets/openai in prod');

    k8s.token(USER, ROLE, { token: kubeToken });
    const second = await sweep(w, { env: { GITHUB_RUN_ID: '4243' } });
    expect(second.outputs.rotated).toBe('1');
    expectRotated(w);
    expectNoWholeKey(first, github, allKeys());
    expectNoWholeKey(second, github, allKeys());
  });
});
