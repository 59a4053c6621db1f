/**
 * Where the Kubernetes store finds its cluster and credentials, as kubectl does, from the step's
 * environment only (never from .keyguard.yml): the kubeconfig files in KUBECONFIG (the first that sets a
 * value wins, as kubectl merges them), else the pod's service account when keyguard runs in a cluster
 * (KUBERNETES_SERVICE_HOST + the mounted token and CA), else ~/.kube/config. The store's `context`
 * option picks a context of that kubeconfig; without it the kubeconfig's current-context is used.
 *
 * Refused: a cluster without TLS verification or over plain http (the token would go to whoever answers).
 */
import { existsSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { delimiter, join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { forLog } from '../text/inert.js';
import { StoreError } from './types.js';

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
const SERVICE_ACCOUNT_TOKEN = `${SERVICE_ACCOUNT}/token`;

/**
 * The client's loadFromCluster() from the step env rather than process.env: the API server at
 * KUBERNETES_SERVICE_HOST:PORT, the mounted CA, and the token file (re-read by the client as it rotates).
 */
function loadInCluster(kc: KubeConfig, src: KubeSource): void {
  const host = src.env.KUBERNETES_SERVICE_HOST!;
  const port = src.env.KUBERNETES_SERVICE_PORT || '443';
  const root = `${src.inClusterRoot ?? ''}${SERVICE_ACCOUNT}`;
  kc.loadFromClusterAndUser(
    {
      name: 'inCluster',
      server: `https://${isIPv6(host) ? `[${host}]` : host}:${port}`,
      caFile: `${root}/ca.crt`,
      skipTLSVerify: false,
    },
    { name: 'inClusterUser', authProvider: { name: 'tokenFile', config: { tokenFile: `${root}/token` } } },
  );
}

export interface KubeSource {
  env: NodeJS.ProcessEnv;
  /** A kubeconfig as YAML text (tests, library use) instead of the environment's. */
  kubeconfig?: string;
  context?: string;
  /** Root of the in-cluster service-account files (tests). */
  inClusterRoot?: string;
}

/** Loads the kubeconfig, selects the context and returns it with a readable account of where it came from. */
export function loadKubeConfig(
  KubeConfigClass: new () => KubeConfig,
  src: KubeSource,
  id: string,
  mask: (value: string) => void,
): { kc: KubeConfig; from: string } {
  const kc = new KubeConfigClass();
  let from: string;
  try {
    if (src.kubeconfig !== undefined) {
      kc.loadFromString(src.kubeconfig);
      from = 'the given kubeconfig';
    } else if (src.env.KUBECONFIG) {
      const files = src.env.KUBECONFIG.split(delimiter).filter(Boolean);
      kc.loadFromFile(files[0]!);
      for (const f of files.slice(1)) {
        const more = new KubeConfigClass();
        more.loadFromFile(f);
        kc.mergeConfig(more);
      }
      from = 'KUBECONFIG';
    } else if (
      src.env.KUBERNETES_SERVICE_HOST &&
      existsSync(`${src.inClusterRoot ?? ''}${SERVICE_ACCOUNT_TOKEN}`)
    ) {
      loadInCluster(kc, src);
      from = "the pod's service account";
    } else if (src.env.HOME && existsSync(join(src.env.HOME, '.kube', 'config'))) {
      kc.loadFromFile(join(src.env.HOME, '.kube', 'config'));
      from = '~/.kube/config';
    } else {
      throw new StoreError(
        id,
        'no Kubernetes credentials: set KUBECONFIG (e.g. with azure/k8s-set-context) or run keyguard in the cluster with a service account',
      );
    }
  } catch (err) {
    if (err instanceof StoreError) throw err;
    // The loader's own text may quote the file; say only which source failed.
    throw new StoreError(
      id,
      `the kubeconfig from ${src.kubeconfig !== undefined ? 'the given text' : 'KUBECONFIG or the cluster'} could not be read or parsed`,
    );
  }
  if (src.context) {
    if (!kc.getContexts().some((c) => c.name === src.context)) {
      throw new StoreError(id, `the kubeconfig from ${from} has no context ${forLog(src.context)}`);
    }
    kc.setCurrentContext(src.context);
  }
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  if (!cluster || !user) {
    throw new StoreError(
      id,
      `the kubeconfig from ${from} has no ${src.context ? `complete context ${forLog(src.context)}` : 'current-context'}: set the store's \`context\``,
    );
  }
  // Static credentials are masked as soon as they are read; dynamic ones (token files, exec plugins)
  // are masked by the transport when the client applies them.
  for (const v of [user.token, user.password]) if (v) mask(v);
  let server: URL;
  try {
    server = new URL(cluster.server);
  } catch {
    throw new StoreError(id, `cluster ${forLog(cluster.name)} has no valid server URL`);
  }
  if (server.protocol !== 'https:') {
    throw new StoreError(
      id,
      `cluster ${forLog(cluster.name)} is not served over https: the token would travel in clear`,
    );
  }
  if (cluster.skipTLSVerify) {
    throw new StoreError(
      id,
      `cluster ${forLog(cluster.name)} sets insecure-skip-tls-verify: keyguard sends a credential and a new key only to a verified API server (give its CA)`,
    );
  }
  return { kc, from };
}
