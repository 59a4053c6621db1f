/**
 * The parts of @kubernetes/client-node the Kubernetes store uses, by name: esbuild keeps only these
 * (the package's full namespace is ~14 MB of generated API groups), and kubernetes.ts imports this
 * module lazily, so a run without a `kubernetes` store never evaluates the client.
 */
export {
  ApiException,
  AppsV1Api,
  AuthorizationV1Api,
  BatchV1Api,
  CoreV1Api,
  createConfiguration,
  KubeConfig,
  PatchStrategy,
  ResponseContext,
  ServerConfiguration,
  setHeaderOptions,
  wrapHttpLibrary,
} from '@kubernetes/client-node';
