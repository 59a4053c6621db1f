/**
 * The parts of @kubernetes/client-node the Kubernetes store uses, imported from their own modules: the
 * package's index re-exports ~14 MB of generated API groups (and ws, for exec/attach), which esbuild
 * cannot leave out of the action's bundle; these modules are ~1.5 MB. The client's generic
 * KubernetesObjectApi (the one kubectl-like tools use) reads API discovery for each group/version once,
 * then reads, patches, lists and creates any kind. kubernetes.ts imports this module lazily, so a run
 * without a `kubernetes` store never evaluates the client. The package is pinned (~1.4.0): these paths are
 * its published dist layout.
 */
export { KubeConfig } from '@kubernetes/client-node/dist/config.js';
export { ApiException } from '@kubernetes/client-node/dist/gen/apis/exception.js';
export { createConfiguration } from '@kubernetes/client-node/dist/gen/configuration.js';
export { ResponseContext, wrapHttpLibrary } from '@kubernetes/client-node/dist/gen/http/http.js';
export { ServerConfiguration } from '@kubernetes/client-node/dist/gen/servers.js';
export { KubernetesObjectApi } from '@kubernetes/client-node/dist/object.js';
export { PatchStrategy } from '@kubernetes/client-node/dist/patch.js';
