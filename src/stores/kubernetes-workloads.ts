/**
 * Which workloads use a Secret, read from their pod templates the way the kubelet resolves them:
 * a `secret` volume, a `projected` volume's secret source, a container's `env[].valueFrom.secretKeyRef`
 * or `envFrom[].secretRef`, in containers and initContainers alike. Pods read env at start and the
 * kubelet refreshes mounted files only eventually (never for `subPath` mounts), so every user of the
 * Secret keeps the leaked key until it restarts: each is named in the incident with its rollout command.
 *
 * The objects come from the API server: every name is checked before it is shown (a name that is not a
 * Kubernetes name is withheld, not printed).
 */

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'CronJob';

/** Kinds `kubectl rollout restart` can restart (a CronJob's next Job starts with the new value). */
export const RESTARTABLE: ReadonlySet<WorkloadKind> = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export interface SecretUse {
  kind: WorkloadKind;
  name: string;
  /** How it uses the Secret: `env OPENAI_API_KEY (container api)`, `volume creds`, `envFrom (container api)`. */
  how: string[];
  /** Whether it reads the configured data key (false: it uses other keys of the Secret only). */
  readsField: boolean;
}

/** DNS-1123 subdomain (object names) / label (containers, volumes). */
const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]{0,254}$/;

export function isKubeName(v: unknown): v is string {
  return typeof v === 'string' && NAME.test(v);
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);
const shown = (v: unknown, re: RegExp = NAME) => (typeof v === 'string' && re.test(v) ? v : '(unprintable)');

/** The pod spec of a workload: `spec.template.spec`, or `spec.jobTemplate.spec.template.spec` for a CronJob. */
export function podSpecOf(kind: WorkloadKind, workload: unknown): Obj {
  const spec = obj(obj(workload).spec);
  const template = kind === 'CronJob' ? obj(obj(obj(spec.jobTemplate).spec).template) : obj(spec.template);
  return obj(template.spec);
}

/** How a pod spec uses Secret `secret` (empty: not at all). `field` marks uses of the configured key. */
export function secretUses(
  podSpec: Obj,
  secret: string,
  field: string,
): { how: string[]; readsField: boolean } {
  const how: string[] = [];
  let readsField = false;
  // A volume that lists `items` projects only those keys; without items, every key is a file.
  const projects = (items: unknown) => !Array.isArray(items) || list(items).some((i) => i.key === field);
  for (const v of list(podSpec.volumes)) {
    const s = obj(v.secret);
    if (s.secretName === secret) {
      how.push(`volume ${shown(v.name)}`);
      if (projects(s.items)) readsField = true;
    }
    for (const src of list(obj(v.projected).sources)) {
      const p = obj(src.secret);
      if (p.name === secret) {
        how.push(`projected volume ${shown(v.name)}`);
        if (projects(p.items)) readsField = true;
      }
    }
  }
  for (const [group, label] of [
    [podSpec.initContainers, 'init container'],
    [podSpec.containers, 'container'],
  ] as const) {
    for (const c of list(group)) {
      const where = `${label} ${shown(c.name)}`;
      for (const e of list(c.env)) {
        const ref = obj(obj(e.valueFrom).secretKeyRef);
        if (ref.name !== secret) continue;
        how.push(`env ${shown(e.name, ENV_NAME)} (${where})`);
        if (ref.key === field) readsField = true;
      }
      for (const f of list(c.envFrom)) {
        if (obj(f.secretRef).name !== secret) continue;
        how.push(`envFrom (${where})`);
        readsField = true;
      }
    }
  }
  return { how, readsField };
}

/** `kubectl -n prod rollout restart deployment/api`, or what to do for a CronJob. */
export function rolloutAdvice(namespace: string, use: SecretUse): string {
  if (!RESTARTABLE.has(use.kind))
    return 'its next Job starts with the new value; running Jobs keep the old one until they end';
  return `needs a rollout: \`kubectl -n ${namespace} rollout restart ${use.kind.toLowerCase()}/${use.name}\``;
}
