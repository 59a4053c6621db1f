import type { Rule } from '../emulators/kubernetes.js';

/**
 * The Role docs/stores-kubernetes.md gives the Kubernetes store in namespace `ns`: get and patch on the
 * one Secret `secret` (proof by fingerprint, then the write), list on the workload kinds that may read
 * it (the incident's rollout list). `restart: true` needs `patch` on the apps kinds on top.
 */
export function kubernetesStoreRole(ns: string, secret: string): Rule[] {
  return [
    {
      verbs: ['get', 'patch'],
      apiGroups: [''],
      resources: ['secrets'],
      resourceNames: [secret],
      namespaces: [ns],
    },
    {
      verbs: ['list'],
      apiGroups: ['apps', 'batch'],
      resources: ['deployments', 'statefulsets', 'daemonsets', 'cronjobs'],
      namespaces: [ns],
    },
  ];
}
