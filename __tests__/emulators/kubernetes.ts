/**
 * A Kubernetes API server as far as keyguard's Kubernetes store uses it, over HTTPS with a throw-away
 * CA (./tls.ts) so @kubernetes/client-node talks to it through a real kubeconfig, from the API
 * reference (kubernetes.io/docs/reference/kubernetes-api/) and the apiserver's own handlers
 * (k8s.io/apiserver `endpoints/handlers/patch.go`, `rest.go`; k8s.io/apimachinery `api/errors`):
 *
 * - Authentication: `Authorization: Bearer <token>`, else 401 Unauthorized.
 * - Authorization: RBAC-like rules per token (verbs × apiGroups × resources × resourceNames ×
 *   namespaces), enforced on every request (403 Forbidden with the apiserver's sentence) and answered by
 *   `POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews` from the same rules.
 * - `GET`/`PATCH /api/v1/namespaces/{ns}/secrets/{name}`: patches as `application/merge-patch+json`,
 *   `application/strategic-merge-patch+json` or `application/json-patch+json` (RFC 6902); any other
 *   Content-Type is 415. A strategic merge patch shares the merge-patch code: on a Secret every field
 *   keyguard touches is a map (`data`, labels, annotations), and a strategic merge of maps
 *   is a merge patch, plus its `$patch: replace` / `$patch: delete` map directives, which are honoured;
 *   any other `$` directive (they only matter for lists) is refused with 400 rather than misapplied.
 *   A body of the wrong JSON shape is 400 BadRequest as in patch.go (a JSON patch that is not an array:
 *   `DecodePatch` fails; a strategic merge patch that is not an object: it is unmarshalled into a map);
 *   a JSON patch whose operation does not apply is 422. The patched object must keep
 *   the resourceVersion it carries (409 Conflict otherwise), its name and namespace (400), be a valid
 *   Secret (kubernetes-models' schema: base64 data values, else 422 Invalid quoting the whole patched
 *   object as the apiserver does), keys of `[-._a-zA-Z0-9]+`, at most 1 MiB, and pass
 *   ValidateSecretUpdate: `type` never changes, and an `immutable` Secret keeps `immutable: true` and
 *   its data (422 Invalid, one cause per field). Every write takes the next resourceVersion (one
 *   counter, as etcd's revision).
 * - API discovery (`GET /api/v1`, `/apis/<group>/<version>`: APIResourceList) for any authenticated identity.
 * - Lists of `apps/v1` deployments, statefulsets, daemonsets and `batch/v1` cronjobs with `limit` and
 *   `continue`; `PATCH` of the apps/v1 kinds (what `kubectl rollout restart` sends).
 * - Errors are `Status` objects (`kind: Status`, `apiVersion: v1`, `status: Failure`, message, reason,
 *   details, code); unknown paths are the apiserver's 404 Status. Fault injection comes from EmulatorServer.
 */

import { randomUUID } from 'node:crypto';
import { DaemonSet, Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { SelfSubjectAccessReview } from 'kubernetes-models/authorization.k8s.io/v1';
import { CronJob } from 'kubernetes-models/batch/v1';
import { Secret as SecretModel } from 'kubernetes-models/v1';
import { bearer, type EmulatorRequest, type EmulatorResponse, EmulatorServer } from './server.js';
import { testTls } from './tls.js';

type Obj = Record<string, any>;

/** One RBAC rule (a Role's or ClusterRole's), bound to a token. */
export interface Rule {
  verbs: string[];
  /** '' is the core group; default ['', 'apps', 'batch']. */
  apiGroups?: string[];
  resources: string[];
  resourceNames?: string[];
  /** A Role's namespace(s); undefined: cluster-wide (a ClusterRoleBinding). */
  namespaces?: string[];
}

export interface Identity {
  user: string;
  rules: Rule[];
  /** Every authenticated user may create SelfSubjectAccessReviews (system:basic-user); false takes it away. */
  selfReview?: boolean;
}

interface Attributes {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

const WORKLOADS = {
  deployments: { group: 'apps', kind: 'Deployment', model: Deployment },
  statefulsets: { group: 'apps', kind: 'StatefulSet', model: StatefulSet },
  daemonsets: { group: 'apps', kind: 'DaemonSet', model: DaemonSet },
  cronjobs: { group: 'batch', kind: 'CronJob', model: CronJob },
} as const;
export type WorkloadResource = keyof typeof WORKLOADS;

const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
] as const;
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;
const SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_SECRET_BYTES = 1024 * 1024;

/** A `Status` answer exactly as the apiserver writes it (k8s.io/apimachinery/pkg/api/errors). */
export function k8sStatus(code: number, reason: string, message: string, details?: Obj): EmulatorResponse {
  return {
    status: code,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details ? { details } : {}),
      code,
    },
  };
}

const clone = <T>(v: T): T => structuredClone(v);
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return clone(patch);
  const out: Obj = isObj(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

class PatchError extends Error {}

/** A patch body the apiserver cannot decode at all: 400 BadRequest, not 422. */
class PatchDecodeError extends Error {}

/**
 * A strategic merge patch on maps: a merge patch, with the map directives `$patch: replace` (the map
 * becomes the patch's other keys) and `$patch: delete` (the map goes). Other directives are for lists.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return clone(patch);
  const directive = patch.$patch;
  const rest: Obj = {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch') continue;
    if (k.startsWith('$'))
      throw new PatchDecodeError(
        `the emulator does not implement the list directive ${k} (Secrets have no patched lists)`,
      );
    rest[k] = v;
  }
  if (directive === 'delete') return undefined;
  if (directive !== undefined && directive !== 'replace' && directive !== 'merge')
    throw new PatchDecodeError(`Unknown patch type: ${String(directive)} in map`);
  const out: Obj = directive === 'replace' || !isObj(target) ? {} : clone(target);
  for (const [k, v] of Object.entries(rest)) {
    if (v === null) {
      delete out[k];
      continue;
    }
    const merged = strategicMergePatch(out[k], v);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out;
}

/** RFC 6902 JSON patch (add, remove, replace, test), enough for metadata and data entries. */
export function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops))
    throw new PatchDecodeError(
      `json: cannot unmarshal ${ops === null ? 'null' : typeof ops === 'object' ? 'object' : typeof ops} into Go value of type jsonpatch.Patch`,
    );
  let out = clone(doc);
  for (const op of ops) {
    if (!isObj(op) || typeof op.path !== 'string') throw new PatchError('invalid operation: missing path');
    const parts =
      op.path === ''
        ? []
        : op.path
            .split('/')
            .slice(1)
            .map((p: string) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop();
    let parent: any = out;
    for (const p of parts) {
      parent = parent?.[p];
      if (!isObj(parent) && !Array.isArray(parent))
        throw new PatchError(`${op.op} operation does not apply: doc is missing path: ${op.path}`);
    }
    if (last === undefined) {
      if (op.op === 'replace' || op.op === 'add') out = clone(op.value);
      else throw new PatchError(`${op.op} on the root is not supported`);
      continue;
    }
    switch (op.op) {
      case 'add':
      case 'replace':
        if (op.op === 'replace' && !(last in parent))
          throw new PatchError(`replace operation does not apply: doc is missing key: ${op.path}`);
        parent[last] = clone(op.value);
        break;
      case 'remove':
        if (!(last in parent))
          throw new PatchError(`remove operation does not apply: doc is missing key: ${op.path}`);
        delete parent[last];
        break;
      case 'test':
        if (JSON.stringify(parent[last]) !== JSON.stringify(op.value))
          throw new PatchError(`testing value ${op.path} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return out;
}

/** ValidateSecretUpdate (k8s.io/kubernetes pkg/apis/core/validation): what no update of a Secret may change. */
function updateProblems(old: Obj, next: Obj): { reason: string; message: string; field: string }[] {
  const out: { reason: string; message: string; field: string }[] = [];
  const oldType = old.type ?? 'Opaque';
  const newType = next.type ?? 'Opaque';
  if (newType !== oldType)
    out.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(newType)}: field is immutable`,
      field: 'type',
    });
  if (old.immutable === true) {
    const forbidden = 'Forbidden: field is immutable when `immutable` is set';
    if (next.immutable !== true)
      out.push({ reason: 'FieldValueForbidden', message: forbidden, field: 'immutable' });
    if (JSON.stringify(sorted(old.data)) !== JSON.stringify(sorted(next.data)))
      out.push({ reason: 'FieldValueForbidden', message: forbidden, field: 'data' });
  }
  return out;
}

const sorted = (m: unknown): [string, unknown][] =>
  Object.entries(isObj(m) ? m : {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Go's base64.StdEncoding: the first offending byte, or -1 when `v` decodes. */
function base64Error(v: string): number {
  const bad = v.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return bad;
  const pad = v.indexOf('=');
  if (pad >= 0 && (!/^=*$/.test(v.slice(pad)) || v.length % 4 !== 0 || v.length - pad > 2)) return pad;
  if (v.length % 4 !== 0) return v.length - (v.length % 4);
  return -1;
}

export class KubernetesEmulator {
  readonly server = new EmulatorServer('kubernetes');
  readonly #tokens = new Map<string, Identity>();
  readonly #secrets = new Map<string, Obj>();
  readonly #workloads = new Map<WorkloadResource, Map<string, Obj>>();
  #revision = 100;
  /** Every SelfSubjectAccessReview asked, in order (for assertions). */
  readonly reviews: (Attributes & { allowed: boolean; user: string })[] = [];

  constructor() {
    for (const r of Object.keys(WORKLOADS) as WorkloadResource[]) this.#workloads.set(r, new Map());
    const s = this.server;
    s.route('GET', '/api/v1/namespaces/:ns/secrets/:name', (req) => this.#getSecret(req));
    s.route('PATCH', '/api/v1/namespaces/:ns/secrets/:name', (req) => this.#patchSecret(req));
    s.route('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', (req) => this.#review(req));
    for (const [resource, w] of Object.entries(WORKLOADS)) {
      s.route('GET', `/apis/${w.group}/v1/namespaces/:ns/${resource}`, (req) =>
        this.#list(req, resource as WorkloadResource),
      );
      if (w.group === 'apps')
        s.route('PATCH', `/apis/${w.group}/v1/namespaces/:ns/${resource}/:name`, (req) =>
          this.#patchWorkload(req, resource as WorkloadResource),
        );
    }
    for (const [path, list] of Object.entries(DISCOVERY))
      s.route('GET', path, (req) => (this.#authn(req) ? { status: 200, body: list } : UNAUTHORIZED));
    for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
      s.route(m, '/*rest', (req) =>
        this.#authn(req)
          ? k8sStatus(404, 'NotFound', 'the server could not find the requested resource')
          : UNAUTHORIZED,
      );
  }

  /** Starts on 127.0.0.1 over HTTPS; returns the server URL. */
  async start(): Promise<string> {
    const tls = testTls();
    return this.server.start(0, { tls: { key: tls.key, cert: tls.cert } });
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  /** A bearer token for an identity with these rules. Returns the token. */
  token(user: string, rules: Rule[], opts: { selfReview?: boolean; token?: string } = {}): string {
    const t = opts.token ?? `kgtok.${randomUUID().replace(/-/g, '')}`;
    this.#tokens.set(t, { user, rules, selfReview: opts.selfReview });
    return t;
  }

  /** A kubeconfig (YAML) for `token`, trusting the emulator's CA, with one context (or `contexts`). */
  kubeconfig(
    token: string,
    opts: { context?: string; namespace?: string; extraContexts?: string[] } = {},
  ): string {
    const ctx = opts.context ?? 'emulator';
    const ca = Buffer.from(testTls().ca).toString('base64');
    const contexts = [ctx, ...(opts.extraContexts ?? [])];
    return [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      ...contexts.flatMap((c) => [
        `- name: ${c}-cluster`,
        '  cluster:',
        `    server: ${this.baseUrl}`,
        `    certificate-authority-data: ${ca}`,
      ]),
      'users:',
      `- name: ${ctx}-user`,
      '  user:',
      `    token: ${token}`,
      ...(opts.extraContexts ?? []).flatMap((c) => [
        `- name: ${c}-user`,
        '  user:',
        `    token: ${c}-not-a-token`,
      ]),
      'contexts:',
      ...contexts.flatMap((c) => [
        `- name: ${c}`,
        '  context:',
        `    cluster: ${c}-cluster`,
        `    user: ${c}-user`,
        ...(opts.namespace ? [`    namespace: ${opts.namespace}`] : []),
      ]),
      `current-context: ${ctx}`,
      '',
    ].join('\n');
  }

  /** Creates or replaces a Secret as an operator would (`kubectl apply`); values are plain strings. */
  seedSecret(namespace: string, name: string, values: Record<string, string>, extra: Obj = {}): Obj {
    const data = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    );
    const obj: Obj = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      ...extra,
      metadata: { name, namespace, ...extra.metadata },
      data,
    };
    const problem = this.#invalidSecret(obj, name);
    if (problem) throw new Error(`seedSecret: ${JSON.stringify(problem.body)}`);
    return this.#store(this.#secrets, `${namespace}/${name}`, obj);
  }

  /** The decoded data of a Secret (for assertions), or undefined. */
  secretValues(namespace: string, name: string): Record<string, string> | undefined {
    const s = this.#secrets.get(`${namespace}/${name}`);
    if (!s) return undefined;
    return Object.fromEntries(
      Object.entries((s.data ?? {}) as Record<string, string>).map(([k, v]) => [
        k,
        Buffer.from(v, 'base64').toString('utf8'),
      ]),
    );
  }

  secret(namespace: string, name: string): Obj | undefined {
    return clone(this.#secrets.get(`${namespace}/${name}`));
  }

  /** Adds a workload (validated against its kind's schema). */
  addWorkload(resource: WorkloadResource, namespace: string, obj: Obj): Obj {
    const w = WORKLOADS[resource];
    const full = {
      apiVersion: `${w.group}/v1`,
      kind: w.kind,
      ...obj,
      metadata: { ...obj.metadata, namespace },
    };
    new w.model(full as never).validate();
    full.metadata.generation = 1;
    return this.#store(this.#workloads.get(resource)!, `${namespace}/${full.metadata.name}`, full);
  }

  workload(resource: WorkloadResource, namespace: string, name: string): Obj | undefined {
    return clone(this.#workloads.get(resource)!.get(`${namespace}/${name}`));
  }

  /** The `kubectl.kubernetes.io/restartedAt` annotation of a workload's pod template, if any. */
  restartedAt(resource: WorkloadResource, namespace: string, name: string): string | undefined {
    return this.workload(resource, namespace, name)?.spec?.template?.metadata?.annotations?.[
      'kubectl.kubernetes.io/restartedAt'
    ];
  }

  /** The next `times` requests to `method path` answer `code` with an apiserver Status. */
  failNext(method: string, path: string | RegExp, code: number, times = 1): void {
    const reason =
      {
        403: 'Forbidden',
        409: 'Conflict',
        429: 'TooManyRequests',
        500: 'InternalError',
        503: 'ServiceUnavailable',
      }[code] ?? 'Unknown';
    const message =
      code === 500 ? 'Internal error occurred: etcdserver: request timed out' : `injected ${code}`;
    this.server.injectFault({
      method,
      path,
      times,
      fault: { kind: 'status', status: code, body: k8sStatus(code, reason, message).body },
    });
  }

  #store(map: Map<string, Obj>, key: string, obj: Obj): Obj {
    const prev = map.get(key);
    const meta = obj.metadata;
    meta.uid = prev?.metadata.uid ?? randomUUID();
    meta.creationTimestamp =
      prev?.metadata.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    meta.resourceVersion = String(++this.#revision);
    map.set(key, clone(obj));
    return clone(obj);
  }

  // ── authentication and authorization ────────────────────────────────────────────────────

  #authn(req: EmulatorRequest): Identity | undefined {
    const t = bearer(req);
    return t ? this.#tokens.get(t) : undefined;
  }

  #allowed(id: Identity, a: Attributes): boolean {
    return id.rules.some(
      (r) =>
        (r.verbs.includes('*') || r.verbs.includes(a.verb)) &&
        (r.apiGroups ?? ['', 'apps', 'batch']).some((g) => g === '*' || g === a.group) &&
        (r.resources.includes('*') || r.resources.includes(a.resource)) &&
        // resourceNames restrict only requests that name an object (never list or create).
        (!r.resourceNames?.length || (a.name !== undefined && r.resourceNames.includes(a.name))) &&
        (!r.namespaces || (a.namespace !== undefined && r.namespaces.includes(a.namespace))),
    );
  }

  /** 401, 403 or undefined (go on), as the apiserver's filters answer before any handler. */
  #gate(req: EmulatorRequest, a: Attributes): EmulatorResponse | undefined {
    const id = this.#authn(req);
    if (!id) return UNAUTHORIZED;
    if (this.#allowed(id, a)) return undefined;
    const res = `${a.resource}${a.group ? `.${a.group}` : ''}`;
    const subject = a.name ? `${res} "${a.name}"` : res;
    return k8sStatus(
      403,
      'Forbidden',
      `${subject} is forbidden: User "${id.user}" cannot ${a.verb} resource "${a.resource}" in API group "${a.group}"${a.namespace ? ` in the namespace "${a.namespace}"` : ' at the cluster scope'}`,
      { ...(a.name ? { name: a.name } : {}), ...(a.group ? { group: a.group } : {}), kind: a.resource },
    );
  }

  // ── handlers ────────────────────────────────────────────────────────────────────────────

  #getSecret(req: EmulatorRequest): EmulatorResponse {
    const { ns, name } = req.params as { ns: string; name: string };
    const denied = this.#gate(req, { verb: 'get', group: '', resource: 'secrets', namespace: ns, name });
    if (denied) return denied;
    const s = this.#secrets.get(`${ns}/${name}`);
    if (!s) return notFound('secrets', name);
    return { status: 200, body: s };
  }

  #patchSecret(req: EmulatorRequest): EmulatorResponse {
    const { ns, name } = req.params as { ns: string; name: string };
    const denied = this.#gate(req, { verb: 'patch', group: '', resource: 'secrets', namespace: ns, name });
    if (denied) return denied;
    const current = this.#secrets.get(`${ns}/${name}`);
    const patched = this.#applyPatch(req, current, 'secrets', name, ns);
    if ('status' in patched) return patched;
    const obj = patched.obj;
    const invalid = this.#invalidSecret(obj, name);
    if (invalid) return invalid;
    const refused = updateProblems(current!, obj);
    if (refused.length > 0) {
      const parts = refused.map((c) => `${c.field}: ${c.message}`);
      return k8sStatus(
        422,
        'Invalid',
        `Secret "${name}" is invalid: ${parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`}`,
        { name, kind: 'Secret', causes: refused },
      );
    }
    if (req.query.get('dryRun') === 'All') return { status: 200, body: obj };
    return { status: 200, body: this.#store(this.#secrets, `${ns}/${name}`, obj) };
  }

  #patchWorkload(req: EmulatorRequest, resource: WorkloadResource): EmulatorResponse {
    const { ns, name } = req.params as { ns: string; name: string };
    const w = WORKLOADS[resource];
    const denied = this.#gate(req, { verb: 'patch', group: w.group, resource, namespace: ns, name });
    if (denied) return denied;
    const map = this.#workloads.get(resource)!;
    const current = map.get(`${ns}/${name}`);
    const patched = this.#applyPatch(req, current, `${resource}.${w.group}`, name, ns);
    if ('status' in patched) return patched;
    try {
      new w.model(patched.obj as never).validate();
    } catch (err) {
      return k8sStatus(
        422,
        'Invalid',
        `${w.kind}.${w.group} "${name}" is invalid: ${(err as Error).message}`,
        { name, group: w.group, kind: w.kind },
      );
    }
    if (JSON.stringify(patched.obj.spec) !== JSON.stringify(current!.spec))
      patched.obj.metadata.generation = (current!.metadata.generation ?? 1) + 1;
    return { status: 200, body: this.#store(map, `${ns}/${name}`, patched.obj) };
  }

  /** The apiserver's patch handler: content type, decode, apply, then the object must keep its identity and resourceVersion. */
  #applyPatch(
    req: EmulatorRequest,
    current: Obj | undefined,
    resource: string,
    name: string,
    ns: string,
  ): { obj: Obj } | EmulatorResponse {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (!(PATCH_TYPES as readonly string[]).includes(type))
      return k8sStatus(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}, application/apply-patch+yaml`,
      );
    const manager = req.query.get('fieldManager');
    if (manager !== null && (manager.length === 0 || manager.length > 128))
      return k8sStatus(
        422,
        'Invalid',
        `PatchOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: "${manager}": must be between 1 and 128 characters`,
      );
    if (!current) return notFound(resource, name);
    let patch: unknown;
    try {
      patch = JSON.parse(req.text);
    } catch (err) {
      return k8sStatus(400, 'BadRequest', `error decoding patch: ${(err as Error).message}`);
    }
    let obj: unknown;
    try {
      if (type === 'application/json-patch+json') obj = jsonPatch(current, patch);
      else if (!isObj(patch)) {
        const what = Array.isArray(patch) ? 'array' : patch === null ? 'null' : typeof patch;
        const message = `json: cannot unmarshal ${what} into Go value of type map[string]interface {}`;
        // strategicPatchObject unmarshals the body into a map first (BadRequest); a merge patch
        // replaces the object with it and the decode into a Secret fails afterwards (Invalid).
        if (type === 'application/strategic-merge-patch+json') throw new PatchDecodeError(message);
        throw new PatchError(message);
      } else if (type === 'application/strategic-merge-patch+json') obj = strategicMergePatch(current, patch);
      else obj = mergePatch(current, patch);
    } catch (err) {
      if (err instanceof PatchDecodeError) return k8sStatus(400, 'BadRequest', err.message);
      if (!(err instanceof PatchError)) throw err;
      return k8sStatus(
        422,
        'Invalid',
        ` "" is invalid: patch: Invalid value: ${JSON.stringify(req.text)}: ${err.message}`,
        {
          causes: [
            {
              reason: 'FieldValueInvalid',
              message: `Invalid value: ${JSON.stringify(req.text)}: ${err.message}`,
              field: 'patch',
            },
          ],
        },
      );
    }
    if (!isObj(obj) || !isObj(obj.metadata)) return k8sStatus(400, 'BadRequest', 'Object has no metadata');
    const meta = obj.metadata;
    if (meta.name !== name)
      return k8sStatus(
        400,
        'BadRequest',
        `the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`,
      );
    if (meta.namespace !== ns)
      return k8sStatus(
        400,
        'BadRequest',
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    // A patch that carries a resourceVersion is a precondition (patch.go: "the object has been modified").
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== current.metadata.resourceVersion)
      return k8sStatus(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        {
          name,
          ...(resource.includes('.') ? { group: resource.split('.').slice(1).join('.') } : {}),
          kind: resource.split('.')[0],
        },
      );
    meta.uid = current.metadata.uid;
    meta.creationTimestamp = current.metadata.creationTimestamp;
    return { obj };
  }

  /** Why a Secret is refused (422), as the apiserver's decoding and validation say it; undefined if valid. */
  #invalidSecret(obj: Obj, name: string): EmulatorResponse | undefined {
    for (const v of Object.values((obj.data ?? {}) as Record<string, unknown>)) {
      const at = typeof v === 'string' ? base64Error(v) : 0;
      if (at >= 0)
        // patch.go decodes the patched JSON into the typed object and quotes all of it when that fails.
        return k8sStatus(
          422,
          'Invalid',
          ` "" is invalid: patch: Invalid value: ${JSON.stringify(JSON.stringify(obj))}: illegal base64 data at input byte ${at}`,
          {
            causes: [
              {
                reason: 'FieldValueInvalid',
                message: `Invalid value: ${JSON.stringify(JSON.stringify(obj))}: illegal base64 data at input byte ${at}`,
                field: 'patch',
              },
            ],
          },
        );
    }
    const invalid = (field: string, message: string) =>
      k8sStatus(422, 'Invalid', `Secret "${name}" is invalid: ${field}: ${message}`, {
        name,
        kind: 'Secret',
        causes: [{ reason: 'FieldValueInvalid', message, field }],
      });
    if (!SUBDOMAIN.test(String(obj.metadata?.name)))
      return invalid(
        'metadata.name',
        `Invalid value: "${obj.metadata?.name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'`,
      );
    try {
      new SecretModel(obj as never).validate();
    } catch (err) {
      return invalid('data', `Invalid value: ${(err as Error).message}`);
    }
    let size = 0;
    for (const [k, v] of Object.entries((obj.data ?? {}) as Record<string, string>)) {
      if (!DATA_KEY.test(k))
        return invalid(
          `data[${k}]`,
          `Invalid value: "${k}": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
        );
      size += k.length + Buffer.from(v, 'base64').length;
    }
    if (size > MAX_SECRET_BYTES)
      return invalid('data', `Too long: must have at most ${MAX_SECRET_BYTES} bytes`);
    return undefined;
  }

  #list(req: EmulatorRequest, resource: WorkloadResource): EmulatorResponse {
    const { ns } = req.params as { ns: string };
    const w = WORKLOADS[resource];
    const denied = this.#gate(req, { verb: 'list', group: w.group, resource, namespace: ns });
    if (denied) return denied;
    const limitText = req.query.get('limit');
    const limit = limitText === null ? 0 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 0)
      return k8sStatus(400, 'BadRequest', `unable to parse quantity's suffix: invalid limit ${limitText}`);
    let offset = 0;
    const cont = req.query.get('continue');
    if (cont) {
      try {
        offset = JSON.parse(Buffer.from(cont, 'base64').toString('utf8')).offset;
        if (!Number.isInteger(offset) || offset < 0) throw new Error('bad');
      } catch {
        return k8sStatus(400, 'BadRequest', 'continue key is not valid: illegal base64 data at input byte 0');
      }
    }
    const all = [...this.#workloads.get(resource)!.entries()]
      .filter(([k]) => k.startsWith(`${ns}/`))
      .sort(([a], [b]) => a.localeCompare(b))
      // Items of a typed list carry no kind or apiVersion.
      .map(([, v]) => {
        const { kind: _k, apiVersion: _a, ...rest } = v;
        return rest;
      });
    const items = limit ? all.slice(offset, offset + limit) : all.slice(offset);
    const next =
      limit && offset + limit < all.length
        ? Buffer.from(JSON.stringify({ offset: offset + limit })).toString('base64')
        : undefined;
    return {
      status: 200,
      body: {
        kind: `${w.kind}List`,
        apiVersion: `${w.group}/v1`,
        metadata: {
          resourceVersion: String(this.#revision),
          ...(next ? { continue: next, remainingItemCount: all.length - offset - limit } : {}),
        },
        items,
      },
    };
  }

  #review(req: EmulatorRequest): EmulatorResponse {
    const id = this.#authn(req);
    if (!id) return UNAUTHORIZED;
    if (id.selfReview === false)
      return k8sStatus(
        403,
        'Forbidden',
        `selfsubjectaccessreviews.authorization.k8s.io is forbidden: User "${id.user}" cannot create resource "selfsubjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope`,
        { group: 'authorization.k8s.io', kind: 'selfsubjectaccessreviews' },
      );
    const body = req.body as Obj | undefined;
    if (!isObj(body)) return k8sStatus(400, 'BadRequest', 'the request body is not a JSON object');
    if (
      (body.kind ?? 'SelfSubjectAccessReview') !== 'SelfSubjectAccessReview' ||
      (body.apiVersion ?? 'authorization.k8s.io/v1') !== 'authorization.k8s.io/v1'
    )
      return k8sStatus(
        400,
        'BadRequest',
        `the API version in the data (${body.apiVersion}) does not match the expected API version (authorization.k8s.io/v1)`,
      );
    try {
      new SelfSubjectAccessReview({
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        ...body,
      } as never).validate();
    } catch (err) {
      return k8sStatus(
        422,
        'Invalid',
        `SelfSubjectAccessReview.authorization.k8s.io "" is invalid: ${(err as Error).message}`,
      );
    }
    const ra = body.spec?.resourceAttributes;
    if (!isObj(ra) === !isObj(body.spec?.nonResourceAttributes))
      return k8sStatus(
        422,
        'Invalid',
        'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
      );
    const a: Attributes = {
      verb: String(ra?.verb ?? ''),
      group: String(ra?.group ?? ''),
      resource: String(ra?.resource ?? ''),
      namespace: ra?.namespace ? String(ra.namespace) : undefined,
      name: ra?.name ? String(ra.name) : undefined,
    };
    const allowed = isObj(ra) && this.#allowed(id, a);
    this.reviews.push({ ...a, allowed, user: id.user });
    return {
      status: 201,
      body: {
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: { creationTimestamp: null },
        spec: body.spec,
        status: allowed
          ? { allowed: true, reason: 'RBAC: allowed by RoleBinding "keyguard"' }
          : { allowed: false },
      },
    };
  }
}

const UNAUTHORIZED = k8sStatus(401, 'Unauthorized', 'Unauthorized');

const resource = (name: string, kind: string, namespaced: boolean, verbs: string[]) => ({
  name,
  singularName: name.includes('/') ? '' : kind.toLowerCase(),
  namespaced,
  kind,
  verbs,
});
const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/**
 * API discovery (`kubectl api-resources`), which every authenticated identity may read (system:discovery):
 * the client's KubernetesObjectApi reads it once per group/version to learn each kind's path.
 */
const DISCOVERY: Record<string, unknown> = {
  '/api/v1': {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      resource('configmaps', 'ConfigMap', true, CRUD),
      resource('pods', 'Pod', true, CRUD),
      resource('secrets', 'Secret', true, CRUD),
    ],
  },
  '/apis/apps/v1': {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: 'apps/v1',
    resources: [
      resource('daemonsets', 'DaemonSet', true, CRUD),
      resource('deployments', 'Deployment', true, CRUD),
      resource('deployments/scale', 'Scale', true, ['get', 'patch', 'update']),
      resource('statefulsets', 'StatefulSet', true, CRUD),
    ],
  },
  '/apis/batch/v1': {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: 'batch/v1',
    resources: [resource('cronjobs', 'CronJob', true, CRUD), resource('jobs', 'Job', true, CRUD)],
  },
  '/apis/authorization.k8s.io/v1': {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: 'authorization.k8s.io/v1',
    resources: [
      resource('selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, ['create']),
      resource('subjectaccessreviews', 'SubjectAccessReview', false, ['create']),
    ],
  },
};

function notFound(resource: string, name: string): EmulatorResponse {
  const [kind, group] = [resource.split('.')[0]!, resource.split('.').slice(1).join('.')];
  return k8sStatus(404, 'NotFound', `${resource} "${name}" not found`, {
    name,
    ...(group ? { group } : {}),
    kind,
  });
}

export async function startKubernetesEmulator(): Promise<KubernetesEmulator> {
  const k = new KubernetesEmulator();
  await k.start();
  return k;
}
