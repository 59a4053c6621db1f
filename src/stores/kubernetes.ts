/**
 * Kubernetes Secrets as a place a key lives (issue 16), through the official client
 * (@kubernetes/client-node, loaded only when a `kubernetes` store is configured).
 *
 * One store is one data key (`field`) of one Secret (`name`) in one namespace:
 * - holds: GET the Secret and compare the entry's decoded value by fingerprint; 403 is `unknown`.
 * - preflight: the Secret and its entry exist, it is not `immutable`, and a SelfSubjectAccessReview says
 *   this identity may `get` and `patch` it. It also lists the workloads that read it (kept in the
 *   incident, shown by dry-run) and, with `restart: true`, proves `patch` on each one it will restart.
 *   Anything else stops the disable (production keeps its key).
 * - put: a JSON merge patch of that one entry carrying the resourceVersion read, so every other entry
 *   and a concurrent writer are kept: on 409 Conflict it reads again once (the wait paid from the run's
 *   budget), then gives up with a precise error. A re-run after a lost answer finds the value and stops.
 * - retire: not applicable: a Secret has no versions, the patch replaced the value (said in the result).
 * - followUps: the Deployments, StatefulSets, DaemonSets and CronJobs of the namespace that use the
 *   Secret, each with its rollout command. With `restart: true` keyguard patches their pod template's
 *   `kubectl.kubernetes.io/restartedAt` annotation as `kubectl rollout restart` does (CronJobs excepted)
 *   right after the write, while the leaked key still works, so no pod is left on a disabled key.
 *
 * Errors are keyguard's own text: the API server's Status message can quote the patched object (a 422
 * quotes it whole, data included), so only its code and reason are kept. Transient failures (429, 5xx,
 * no answer) are retried here, each wait paid from the run's RetryBudget.
 */
import type * as K8s from '@kubernetes/client-node';

type KubeClient = typeof import('./kubernetes-client.js');

import { RetryBudget } from '../http/budget.js';
import type { Secret } from '../scan/secret.js';
import { forLog } from '../text/inert.js';
import { checkOptionNames, conflictBackoffMs, type StoreDeps } from './common.js';
import { loadKubeConfig } from './kubernetes-auth.js';
import { boundedHttpLibrary, KubeTransportError } from './kubernetes-transport.js';
import {
  isKubeName,
  podSpecOf,
  RESTARTABLE,
  rolloutAdvice,
  type SecretUse,
  secretUses,
  type WorkloadKind,
} from './kubernetes-workloads.js';
import { type Holding, type SecretStore, type StoreConfig, StoreError, type StoreWrite } from './types.js';

export const KUBERNETES_STORE_OPTIONS = ['namespace', 'context', 'restart'] as const;

export interface KubernetesStoreDeps extends StoreDeps {
  /** Per-request time limit (default 15 s). */
  requestTimeoutMs?: number;
  /** Attempts per call on transient failures, the first included (default 3). */
  attempts?: number;
  /** First wait before a retry (default 400 ms, doubled each time). */
  baseDelayMs?: number;
  /** Largest answer accepted (default 4 MiB). */
  maxAnswerBytes?: number;
  /** Root of the in-cluster service-account files (tests). */
  inClusterRoot?: string;
  now?: () => Date;
}

/** RFC 1123 label (namespaces), subdomain (Secret names), and the Secret data key alphabet. */
const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DATA_KEY = /^[-._a-zA-Z0-9]{1,253}$/;
const REASON = /^[A-Za-z]{1,64}$/;
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** Every workload kind whose pod template can read a Secret: its resource and apiVersion. */
const WORKLOAD_KINDS = new Map<WorkloadKind, { resource: string; apiVersion: string }>([
  ['Deployment', { resource: 'deployments', apiVersion: 'apps/v1' }],
  ['StatefulSet', { resource: 'statefulsets', apiVersion: 'apps/v1' }],
  ['DaemonSet', { resource: 'daemonsets', apiVersion: 'apps/v1' }],
  ['CronJob', { resource: 'cronjobs', apiVersion: 'batch/v1' }],
]);
/** Workload list pages read at most (each `limit` items). */
const MAX_PAGES = 20;
const PAGE = 250;

export interface KubernetesSettings {
  namespace: string;
  name: string;
  field: string;
  context?: string;
  restart: boolean;
}

/** Reads and checks a `rotation.<provider>.stores:` entry of kind `kubernetes`. */
export function kubernetesSettings(config: StoreConfig): KubernetesSettings {
  const o = config.options;
  const provisional = `k8s:${forLog(String(o.namespace ?? '?'))}/${forLog(config.name)}`;
  checkOptionNames(provisional, o, KUBERNETES_STORE_OPTIONS);
  const namespace = o.namespace;
  if (typeof namespace !== 'string' || !LABEL.test(namespace))
    throw new StoreError(provisional, '`namespace` is required: a Kubernetes namespace name (like prod)');
  if (!SUBDOMAIN.test(config.name))
    throw new StoreError(
      provisional,
      '`name` must be a Secret name (lower-case letters, digits, `-` and `.`)',
    );
  if (!config.field || !DATA_KEY.test(config.field))
    throw new StoreError(
      provisional,
      '`field` is required: the Secret data key that holds the API key (letters, digits, `-`, `_`, `.`)',
    );
  const context = o.context;
  if (context !== undefined && (typeof context !== 'string' || !context))
    throw new StoreError(provisional, '`context` must be the name of a kubeconfig context');
  if (o.restart !== undefined && typeof o.restart !== 'boolean')
    throw new StoreError(provisional, '`restart` must be true or false');
  return { namespace, name: config.name, field: config.field, context, restart: o.restart === true };
}

export async function createKubernetesStore(
  config: StoreConfig,
  deps: KubernetesStoreDeps = {},
): Promise<SecretStore> {
  const s = kubernetesSettings(config);
  const k8s = await import('./kubernetes-client.js');
  return new KubernetesSecretStore(s, k8s, deps);
}

type Read =
  | { kind: 'present'; secret: K8s.V1Secret; value?: string; resourceVersion: string }
  | { kind: 'absent' }
  | { kind: 'denied' };

/** A failed call: our text, plus the HTTP status and Status reason for the caller to branch on. */
class KubeStoreError extends StoreError {
  constructor(
    id: string,
    message: string,
    transient: boolean,
    readonly status?: number,
  ) {
    super(id, message, transient);
  }
}

class KubernetesSecretStore implements SecretStore {
  readonly kind = 'kubernetes' as const;
  readonly id: string;
  readonly label: string;
  readonly #s: KubernetesSettings;
  readonly #k8s: KubeClient;
  readonly #api: K8s.KubernetesObjectApi;
  readonly #budget: RetryBudget;
  readonly #log: (line: string) => void;
  readonly #now: () => Date;
  readonly #attempts: number;
  readonly #baseDelayMs: number;
  readonly #where: string;
  /** Every secret this store has seen (keys, tokens): scrubbed from any text it makes. */
  readonly #secrets = new Set<string>();
  #wrote = false;
  /** `Kind/name` → what the restart after the write did (restart: true). */
  readonly #restarted = new Map<string, string>();
  /** What the last preflight found: the workloads that read the Secret and what happens to them. */
  #preflightNotes: string[] = [];

  constructor(s: KubernetesSettings, k8s: KubeClient, deps: KubernetesStoreDeps) {
    this.#s = s;
    this.#k8s = k8s;
    const provisional = `k8s:${s.namespace}/${s.name}#${s.field}`;
    const mask = (v: string) => {
      if (this.#secrets.has(v)) return;
      this.#secrets.add(v);
      deps.mask?.(v);
    };
    const { kc } = loadKubeConfig(
      k8s.KubeConfig,
      {
        env: deps.env ?? process.env,
        kubeconfig: deps.kubeconfig,
        context: s.context,
        inClusterRoot: deps.inClusterRoot,
      },
      provisional,
      mask,
    );
    const cluster = kc.getCurrentCluster()!;
    const server = new URL(cluster.server);
    this.#where = `${s.namespace}/${s.name}`;
    this.id = `k8s:${server.host}:${this.#where}#${s.field}`;
    this.label = `Kubernetes Secret ${this.#where} (key ${s.field})`;
    this.#budget = deps.budget ?? new RetryBudget();
    this.#log = deps.log ?? (() => {});
    this.#now = deps.now ?? (() => new Date());
    this.#attempts = Math.max(1, deps.attempts ?? 3);
    this.#baseDelayMs = deps.baseDelayMs ?? 400;
    const configuration = k8s.createConfiguration({
      baseServer: new k8s.ServerConfiguration(cluster.server.replace(/\/+$/, ''), {}),
      authMethods: { default: kc },
      httpApi: k8s.wrapHttpLibrary(
        boundedHttpLibrary({
          timeoutMs: deps.requestTimeoutMs ?? 15_000,
          maxBytes: deps.maxAnswerBytes,
          onCredential: mask,
          ResponseContext: k8s.ResponseContext,
        }),
      ),
    });
    this.#api = new k8s.KubernetesObjectApi(configuration);
  }

  plan(): string {
    const after = this.#s.restart
      ? 'the Deployments, StatefulSets and DaemonSets that read it restarted right after (rollout restart)'
      : 'the workloads that use it listed for a rollout (none restarted)';
    return `${this.label}: the entry \`${this.#s.field}\` patched (resourceVersion checked), every other entry kept; ${after}`;
  }

  // ── calls ─────────────────────────────────────────────────────────────────────────────────

  #fail(message: string, transient = false, status?: number): KubeStoreError {
    return new KubeStoreError(this.id, this.#scrub(message), transient, status);
  }

  #scrub(text: string): string {
    let out = text;
    for (const v of this.#secrets) {
      if (v.length < 8) continue;
      out = out.split(v).join('[REDACTED]').split(Buffer.from(v).toString('base64')).join('[REDACTED]');
    }
    return out;
  }

  /** What an error from the client says, in keyguard's words (never the server's body or message). */
  #describe(op: string, err: unknown): KubeStoreError {
    if (err instanceof KubeStoreError) return err;
    if (err instanceof KubeTransportError)
      return this.#fail(`${op}: ${err.message}`, err.transient, err.status);
    if (err instanceof this.#k8s.ApiException) {
      const code = (err as K8s.ApiException<unknown>).code;
      // The client drops the body of a 401: its reason is the status's own.
      const reason =
        statusReason((err as K8s.ApiException<unknown>).body) ?? (code === 401 ? 'Unauthorized' : undefined);
      const transient = code === 429 || (code >= 500 && code !== 501);
      return this.#fail(
        `${op} answered ${code}${reason ? ` ${reason}` : ''}${explain(code, this.#s)}`,
        transient,
        code,
      );
    }
    // The client's own sentence, made of our apiVersion and kind only.
    if (err instanceof Error && err.message.startsWith('Unrecognized API version and kind'))
      return this.#fail(
        `${op}: the API server does not serve this kind (API discovery has no such resource)`,
      );
    // The deserialiser's own errors (and a body that is not the declared type) may quote the answer.
    return this.#fail(`${op}: the API server's answer is not a Kubernetes object keyguard can read`);
  }

  /** One API call, retried on transient failures while the run's budget pays the waits. */
  async #call<T>(op: string, run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.#budget.wallLeftMs() === 0)
        throw this.#fail(`${op} not sent: the stage's deadline has passed`, true);
      try {
        return await run();
      } catch (err) {
        const e = this.#describe(op, err);
        if (!e.transient || attempt + 1 >= this.#attempts) throw e;
        const wait = Math.round(
          Math.min(10_000, this.#baseDelayMs * 2 ** attempt) * (1 - 0.25 * Math.random()),
        );
        if (!(await this.#budget.wait(wait))) {
          throw this.#fail(`${e.message}; no retry: ${this.#budget.describe()}`, true, e.status);
        }
        this.#log(
          `${this.label}: ${e.message}; retry ${attempt + 1} of ${this.#attempts - 1} after ${wait} ms`,
        );
      }
    }
  }

  async #read(): Promise<Read> {
    const op = `GET secrets/${this.#s.name} in ${this.#s.namespace}`;
    let secret: K8s.V1Secret;
    try {
      secret = await this.#call(op, () =>
        this.#api.read<K8s.V1Secret>({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: this.#s.name, namespace: this.#s.namespace },
        }),
      );
    } catch (err) {
      const status = (err as KubeStoreError).status;
      if (status === 404) return { kind: 'absent' };
      if (status === 403) return { kind: 'denied' };
      throw err;
    }
    this.#checkSecret(op, secret);
    const raw = secret.data?.[this.#s.field];
    const value = raw === undefined ? undefined : decodeBase64(raw);
    if (raw !== undefined && value === undefined)
      throw this.#fail(`${op}: the entry ${this.#s.field} is not base64, as no API server sends it`);
    return { kind: 'present', secret, value, resourceVersion: secret.metadata!.resourceVersion! };
  }

  /** A hostile or confused server: the answer must be this Secret. */
  #checkSecret(op: string, secret: K8s.V1Secret): void {
    const kind = (secret as { kind?: unknown }).kind;
    if (kind !== 'Secret' || (secret.apiVersion !== undefined && secret.apiVersion !== 'v1'))
      throw this.#fail(
        `${op}: the answer is ${typeof kind === 'string' && REASON.test(kind) ? `a ${kind}` : 'not a Secret'}, not the Secret asked for`,
      );
    const m = secret.metadata;
    if (!m || m.name !== this.#s.name || (m.namespace !== undefined && m.namespace !== this.#s.namespace))
      throw this.#fail(`${op}: the answer is another object than secrets/${this.#s.name}`);
    if (typeof m.resourceVersion !== 'string' || !m.resourceVersion)
      throw this.#fail(`${op}: the answer has no resourceVersion`);
    const data = secret.data as unknown;
    if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data)))
      throw this.#fail(`${op}: the answer's data is not a map`);
  }

  // ── the store ─────────────────────────────────────────────────────────────────────────────

  async holds(leaked: Secret): Promise<Holding> {
    this.#secrets.add(leaked.reveal());
    const cur = await this.#read();
    if (cur.kind === 'denied')
      return {
        state: 'unknown',
        why: `the API server denied \`get\` on secrets/${this.#s.name} in ${this.#s.namespace}`,
      };
    if (cur.kind === 'absent' || cur.value === undefined) return { state: 'absent' };
    // `kubectl create secret --from-file` keeps a file's last newline: the key with it is still the key.
    return leaked.equals(cur.value) || leaked.equals(cur.value.replace(/\r?\n$/, ''))
      ? { state: 'holds' }
      : { state: 'other' };
  }

  preflightNotes(): string[] {
    return [...this.#preflightNotes];
  }

  async preflight(): Promise<void> {
    this.#preflightNotes = [];
    const cur = await this.#read();
    if (cur.kind === 'denied')
      throw this.#fail(
        `may not \`get\` secrets/${this.#s.name} in ${this.#s.namespace} (needs get and patch)`,
      );
    if (cur.kind === 'absent')
      throw this.#fail(
        `secrets/${this.#s.name} does not exist in ${this.#s.namespace}: keyguard replaces an entry of an existing Secret only`,
      );
    if (cur.value === undefined)
      throw this.#fail(
        `secrets/${this.#s.name} has no entry ${this.#s.field}: keyguard replaces an existing entry only`,
      );
    if (cur.secret.immutable === true)
      throw this.#fail(
        `secrets/${this.#s.name} is immutable (immutable: true): it cannot be patched; replace it with a new Secret by hand`,
      );
    const missing: string[] = [];
    for (const verb of ['get', 'patch'])
      if (!(await this.#may(verb, 'secrets', '', this.#s.name))) missing.push(verb);
    if (missing.length)
      throw this.#fail(
        `the identity may not ${missing.map((v) => `\`${v}\``).join(' or ')} secrets/${this.#s.name} in ${this.#s.namespace} (SelfSubjectAccessReview): grant it the Role in docs/stores-kubernetes.md`,
      );
    this.#preflightNotes = await this.#preflightWorkloads();
  }

  /** A SelfSubjectAccessReview: may this identity `verb` the resource in the namespace? */
  async #may(verb: string, resource: string, group: string, name?: string): Promise<boolean> {
    const op = `SelfSubjectAccessReview (${verb} ${resource})`;
    const review = await this.#call(op, () =>
      this.#api.create<K8s.V1SelfSubjectAccessReview>({
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        metadata: {},
        spec: {
          resourceAttributes: {
            namespace: this.#s.namespace,
            verb,
            group,
            resource,
            ...(name ? { name } : {}),
          },
        },
      }),
    ).catch((err: KubeStoreError) => {
      if (err.status === 403)
        throw this.#fail(
          `may not ask what it may do (create selfsubjectaccessreviews is denied): ${err.message}`,
        );
      throw err;
    });
    const allowed = review.status?.allowed;
    if ((review as { kind?: unknown }).kind !== 'SelfSubjectAccessReview' || typeof allowed !== 'boolean')
      throw this.#fail(`${op}: the answer is not a SelfSubjectAccessReview with a verdict`);
    return allowed && review.status?.denied !== true;
  }

  async put(value: Secret): Promise<StoreWrite> {
    this.#secrets.add(value.reveal());
    const op = `PATCH secrets/${this.#s.name} in ${this.#s.namespace}`;
    for (let attempt = 0; ; attempt++) {
      const cur = await this.#read();
      if (cur.kind !== 'present' || cur.value === undefined)
        throw this.#fail(
          cur.kind === 'denied'
            ? `may not \`get\` secrets/${this.#s.name} in ${this.#s.namespace}`
            : `secrets/${this.#s.name} or its entry ${this.#s.field} is gone from ${this.#s.namespace}`,
        );
      if (value.equals(cur.value)) {
        // An earlier run of this incident wrote it: its workloads still need their rollout.
        this.#wrote = true;
        await this.#restartUsers();
        return { outcome: 'updated', version: cur.resourceVersion };
      }
      try {
        const out = await this.#call(op, () =>
          this.#api.patch<K8s.V1Secret>(
            {
              apiVersion: 'v1',
              kind: 'Secret',
              // Only this entry; the resourceVersion makes the server refuse it if the Secret changed.
              metadata: {
                name: this.#s.name,
                namespace: this.#s.namespace,
                resourceVersion: cur.resourceVersion,
              },
              data: { [this.#s.field]: Buffer.from(value.reveal(), 'utf8').toString('base64') },
            },
            undefined,
            undefined,
            'keyguard',
            undefined,
            this.#k8s.PatchStrategy.MergePatch,
          ),
        );
        this.#checkSecret(op, out);
        const written = out.data?.[this.#s.field];
        if (
          written === undefined ||
          decodeBase64(written) === undefined ||
          !value.equals(decodeBase64(written)!)
        )
          throw this.#fail(`${op}: the answer does not hold the value written`);
        this.#wrote = true;
        const version = out.metadata!.resourceVersion!;
        this.#log(
          `Kubernetes: patched ${this.#where} (entry ${this.#s.field} replaced, other entries kept; resourceVersion ${forLog(version)})`,
        );
        await this.#restartUsers();
        return { outcome: 'updated', version };
      } catch (err) {
        if ((err as KubeStoreError).status !== 409) throw err;
        if (attempt >= 1)
          throw this.#fail(
            `${this.#where} changed again while keyguard wrote it (two resourceVersion conflicts): nothing was overwritten; re-run to finish`,
            true,
            409,
          );
        const wait = conflictBackoffMs(attempt);
        if (!(await this.#budget.wait(wait)))
          throw this.#fail(
            `${op}: resourceVersion conflict and no retry budget left (${this.#budget.describe()})`,
            true,
            409,
          );
        this.#log(`Kubernetes: ${this.#where} changed since it was read (409 Conflict); reading it again`);
      }
    }
  }

  async retire(leaked: Secret): Promise<string[]> {
    this.#secrets.add(leaked.reveal());
    const cur = await this.#read();
    if (cur.kind === 'present' && cur.value !== undefined && leaked.equals(cur.value))
      return [
        `${this.label}: still holds the leaked key (written again since keyguard replaced it?): check who writes it`,
      ];
    return [
      `${this.label}: nothing to retire: a Secret keeps no older versions, so the patch removed the leaked key from it (pods that read it before still hold it until they restart)`,
    ];
  }

  async followUps(): Promise<string[]> {
    const { uses, lines } = await this.#survey();
    if (!uses.length && !lines.length)
      lines.push(
        `${this.label}: no Deployment, StatefulSet, DaemonSet or CronJob in ${this.#s.namespace} uses it (bare Pods and other controllers are not checked)`,
      );
    for (const use of uses) {
      const head = `${this.label}: ${use.kind} ${this.#s.namespace}/${use.name} uses it (${use.how.join(', ')})`;
      if (!use.readsField) {
        lines.push(`${head}: only other entries of it, no rollout needed`);
        continue;
      }
      const done = this.#restarted.get(`${use.kind}/${use.name}`);
      if (done) lines.push(`${head}: ${done}`);
      // Not there when the Secret was written (or its list failed then): restarted now.
      else if (this.#s.restart && this.#wrote && RESTARTABLE.has(use.kind))
        lines.push(`${head}: ${await this.#restart(use)}`);
      else lines.push(`${head}: ${rolloutAdvice(this.#s.namespace, use)}`);
    }
    return lines;
  }

  /** The workloads of the namespace that use the Secret, and a line for each list that could not be read. */
  async #survey(): Promise<{ uses: SecretUse[]; lines: string[]; unlisted: string[] }> {
    const uses: SecretUse[] = [];
    const lines: string[] = [];
    const unlisted: string[] = [];
    for (const [kind, { resource, apiVersion }] of WORKLOAD_KINDS) {
      try {
        uses.push(...(await this.#usersOf(kind, resource, apiVersion)));
      } catch (err) {
        unlisted.push(`${resource} (${(err as Error).message})`);
        lines.push(
          `${this.label}: could not list ${resource} in ${this.#s.namespace} (${(err as Error).message}): check by hand which of them use Secret ${this.#s.name}`,
        );
      }
    }
    return { uses, lines, unlisted };
  }

  /**
   * Part of the preflight: which workloads read the Secret, known before anything changes. With
   * `restart: true`, every list must be readable and this identity must be allowed to `patch` each
   * workload it will restart (SelfSubjectAccessReview), or the run stops here: a restart refused
   * after the disable would leave those pods on a dead key.
   */
  async #preflightWorkloads(): Promise<string[]> {
    const { uses, lines, unlisted } = await this.#survey();
    if (this.#s.restart && unlisted.length)
      throw this.#fail(
        `restart: true, but the workloads that read secrets/${this.#s.name} cannot all be listed in ${this.#s.namespace} (${unlisted.join('; ')}): grant \`list\` on them (docs/stores-kubernetes.md) or set restart: false`,
      );
    const denied: string[] = [];
    for (const use of uses) {
      if (!this.#s.restart || !use.readsField || !RESTARTABLE.has(use.kind)) continue;
      const { resource } = WORKLOAD_KINDS.get(use.kind)!;
      if (!isKubeName(use.name)) denied.push(`${resource}/(unprintable name)`);
      else if (!(await this.#may('patch', resource, 'apps', use.name)))
        denied.push(`${resource}/${use.name}`);
    }
    if (denied.length)
      throw this.#fail(
        `restart: true, but the identity may not \`patch\` ${denied.join(', ')} in ${this.#s.namespace} (SelfSubjectAccessReview): their pods would keep the leaked key after the disable; grant patch on them (docs/stores-kubernetes.md) or set restart: false and roll them out by hand`,
      );
    if (!uses.length && !unlisted.length)
      lines.push(
        `${this.label}: no Deployment, StatefulSet, DaemonSet or CronJob in ${this.#s.namespace} uses it (bare Pods and other controllers are not checked)`,
      );
    for (const use of uses) {
      const head = `${this.label}: ${use.kind} ${this.#s.namespace}/${use.name} uses it (${use.how.join(', ')})`;
      if (!use.readsField) lines.push(`${head}: only other entries of it, no rollout needed`);
      else if (this.#s.restart && RESTARTABLE.has(use.kind))
        lines.push(`${head}: restarted by keyguard right after the write (patch permitted)`);
      else lines.push(`${head}: after the write, ${rolloutAdvice(this.#s.namespace, use)}`);
    }
    return lines;
  }

  /**
   * `restart: true`, right after the write: the workloads that read the key roll onto the replacement
   * (already verified live) while the leaked key still works, so none is left on a disabled key. Never
   * fails the write: what could not be restarted is said in followUps.
   */
  async #restartUsers(): Promise<void> {
    if (!this.#s.restart) return;
    const { uses } = await this.#survey();
    for (const use of uses) {
      if (!use.readsField || !RESTARTABLE.has(use.kind)) continue;
      this.#restarted.set(`${use.kind}/${use.name}`, await this.#restart(use));
    }
  }

  async #usersOf(kind: WorkloadKind, resource: string, apiVersion: string): Promise<SecretUse[]> {
    const op = `GET ${resource} in ${this.#s.namespace}`;
    const out: SecretUse[] = [];
    let cont: string | undefined;
    for (let n = 0; n < MAX_PAGES; n++) {
      const res = await this.#call(op, () =>
        this.#api.list(
          apiVersion,
          kind,
          this.#s.namespace,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          PAGE,
          cont,
        ),
      );
      const listKind = (res as { kind?: unknown }).kind;
      if ((listKind !== undefined && listKind !== `${kind}List`) || !Array.isArray(res.items))
        throw this.#fail(`${op}: the answer is not a ${kind}List`);
      for (const item of res.items) {
        const name = (item as { metadata?: { name?: unknown } }).metadata?.name;
        const { how, readsField } = secretUses(podSpecOf(kind, item), this.#s.name, this.#s.field);
        if (!how.length) continue;
        out.push({ kind, name: isKubeName(name) ? name : '(unprintable name)', how, readsField });
      }
      // `_continue` once the client maps it to V1ListMeta; `continue` when it could not tell the type.
      cont = res.metadata?._continue ?? (res.metadata as { continue?: string } | undefined)?.continue;
      if (!cont) return out;
    }
    throw this.#fail(`${op}: more than ${MAX_PAGES * PAGE} of them: not all were read`);
  }

  /** `kubectl rollout restart`: a new pod-template annotation makes the controller roll every pod. */
  async #restart(use: SecretUse): Promise<string> {
    if (!isKubeName(use.name)) return 'not restarted: its name is unprintable';
    const at = this.#now().toISOString();
    const spec = {
      apiVersion: 'apps/v1',
      kind: use.kind,
      metadata: { name: use.name, namespace: this.#s.namespace },
      spec: { template: { metadata: { annotations: { [RESTARTED_AT]: at } } } },
    };
    const op = `PATCH ${use.kind.toLowerCase()}s/${use.name} in ${this.#s.namespace}`;
    try {
      await this.#call(op, () =>
        this.#api.patch(
          spec,
          undefined,
          undefined,
          'keyguard',
          undefined,
          this.#k8s.PatchStrategy.StrategicMergePatch,
        ),
      );
      this.#log(
        `Kubernetes: restarted ${use.kind} ${this.#s.namespace}/${use.name} (rollout restart at ${at})`,
      );
      return `restarted by keyguard after the write (rollout restart at ${at})`;
    } catch (err) {
      return `could not restart it (${(err as Error).message}): ${rolloutAdvice(this.#s.namespace, use)}`;
    }
  }
}

/** Strict base64 (what the API server sends), decoded as UTF-8; undefined when it is not base64. */
function decodeBase64(v: string): string | undefined {
  if (typeof v !== 'string' || v.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return undefined;
  return Buffer.from(v, 'base64').toString('utf8');
}

/** The `reason` of a Status body (a plain word), or undefined. */
function statusReason(body: unknown): string | undefined {
  let b = body;
  if (typeof b === 'string') {
    try {
      b = JSON.parse(b);
    } catch {
      return undefined;
    }
  }
  const r = (b as { kind?: unknown; reason?: unknown } | undefined)?.reason;
  return (b as { kind?: unknown })?.kind === 'Status' && typeof r === 'string' && REASON.test(r)
    ? r
    : undefined;
}

/** What a status means for this store, in a sentence. */
function explain(code: number, s: KubernetesSettings): string {
  switch (code) {
    case 401:
      return ': the credentials were refused (missing, expired, or for another cluster)';
    case 403:
      return `: the identity is not allowed this on ${s.namespace} (see the Role in docs/stores-kubernetes.md)`;
    case 404:
      return ': not found';
    case 409:
      return ': the Secret changed since it was read';
    case 415:
      return ': the API server refused the patch format';
    case 422:
      return ': the API server refused the object as invalid';
    case 429:
      return ': throttled';
    default:
      return code >= 500 ? ': the API server failed' : '';
  }
}
