/**
 * Which kind of file a path names, from its name alone: the first, free step of context advice. Only a
 * finding in a file of a known kind is ever looked at again, so advice costs nothing anywhere else.
 *
 * Names are matched on the last path segment, case-insensitively where the tools themselves are
 * (`dockerfile`, `Containerfile`), and a document about one of them (`Dockerfile.md`,
 * `docker-compose.yml.txt`) is not one.
 */
import { isWorkflowFile } from '../sources/workflows.js';

export type FileKind =
  | 'dockerfile'
  | 'compose'
  | 'helm-values'
  | 'kustomization'
  | 'terraform'
  | 'tfvars'
  | 'dotenv'
  | 'workflow'
  /** Any other YAML file: Kubernetes manifests (and Compose files under other names) are told by content. */
  | 'yaml';

/** Suffixes that make `Dockerfile.<suffix>` a document or program about a Dockerfile, not one. */
const NOT_A_DOCKERFILE = new Set([
  'md',
  'markdown',
  'mdx',
  'txt',
  'rst',
  'adoc',
  'asciidoc',
  'html',
  'htm',
  'pdf',
  'json',
  'yml',
  'yaml',
  'toml',
  'xml',
  'js',
  'mjs',
  'cjs',
  'ts',
  'py',
  'go',
  'rb',
  'java',
  'rs',
  'php',
  'cs',
  'dockerignore',
  'orig',
  'rej',
  'patch',
  'diff',
  'png',
  'svg',
]);

function dockerfileName(base: string): boolean {
  const lower = base.toLowerCase();
  // `Dockerfile`, `Dockerfile.prod`, `Dockerfile-dev`, `api.Dockerfile`, `Containerfile`.
  const m = /^(?:[\w.-]+\.)?(?:docker|container)file(?:[.-]([\w.-]+))?$/.exec(lower);
  if (!m) return false;
  const suffix = m[1];
  if (suffix === undefined) return true;
  const last = suffix.split('.').pop() ?? '';
  return !NOT_A_DOCKERFILE.has(last);
}

/** The kind of file at `path` (relative, forward slashes), or undefined: no advice is looked for. */
export function fileKind(path: string): FileKind | undefined {
  // A path is written by whoever wrote the tree: bound the work on it.
  if (path.length > 4096) return undefined;
  const base = path.slice(path.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (isWorkflowFile(path)) return 'workflow';
  if (dockerfileName(base)) return 'dockerfile';
  if (/^(?:docker-)?compose(?:[-._][\w.-]+)?\.ya?ml$/.test(lower) || /^docker-stack\.ya?ml$/.test(lower))
    return 'compose';
  if (/^(?:[\w-]+[.-])?values(?:[-._][\w.-]+)?\.ya?ml$/.test(lower)) return 'helm-values';
  if (/^kustomization\.ya?ml$/.test(lower)) return 'kustomization';
  if (/\.tfvars(?:\.json)?$/.test(lower)) return 'tfvars';
  if (/\.tf$/.test(lower) || lower === 'terragrunt.hcl') return 'terraform';
  if (
    lower === '.env' ||
    lower === '.envrc' ||
    /^\.env[.-][\w.-]+$/.test(lower) ||
    /^[\w.-]+\.env$/.test(lower)
  )
    return 'dotenv';
  if (/\.ya?ml$/.test(lower)) return 'yaml';
  return undefined;
}

/** `.env.example`, `.env.sample`, `.env.template`: a file meant to be committed, with placeholders. */
export function isExampleEnv(path: string): boolean {
  return /(?:^|[.-])(?:example|sample|template|dist|defaults?|tpl)(?:$|[.-])/i.test(
    path.slice(path.lastIndexOf('/') + 1).replace(/^\.env/i, ''),
  );
}
