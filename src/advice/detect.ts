/**
 * The context a literal key was found in, and the advice for it: decided by the file's name (see
 * files.ts) and a bounded look at the key's line and the block around it (window.ts), never by parsing
 * the file. Pure: text in, advice out; a line it cannot place gives no advice rather than a wrong one.
 */
import type { AdviceContext, FindingAdvice } from '../types.js';
import { dockerfilePlace } from './dockerfile-place.js';
import { type FileKind, fileKind, isExampleEnv } from './files.js';
import { hclPlace } from './hcl-place.js';
import { type LineIndex, type LineWindow, windowAt } from './window.js';
import { envName, fixFor, safeName } from './wording.js';
import { type YamlPlace, yamlPlace } from './yaml-place.js';

export interface AdviceTarget {
  line: number;
  /** 1-based column of the key on its line. */
  column: number;
  encoding?: 'base64';
  /** The key's provider (`openai`, `deepseek|dashscope`): names the variable when the file does not. */
  provider: string;
}

interface Placed {
  context: AdviceContext;
  where: string;
  name?: string;
  example?: boolean;
}

/** `OPENAI_API_KEY` for an OpenAI key: the usual variable, when the file names none. */
function providerVariable(provider: string): string {
  return envName(`${provider.split('|')[0] || 'api'}_API_KEY`);
}

function quoted(label: string | undefined): string {
  const s = safeName(label);
  return s ? ` "${s}"` : '';
}

function dockerfile(win: LineWindow, t: AdviceTarget): Placed | undefined {
  const p = dockerfilePlace(win, t.column);
  if (!p.instruction) return undefined;
  const name = safeName(p.name);
  if (p.instruction === 'ARG')
    return { context: 'dockerfile-arg', where: `Dockerfile ARG${name ? ` ${name}` : ''}`, name };
  if (p.instruction === 'ENV')
    return { context: 'dockerfile-env', where: `Dockerfile ENV${name ? ` ${name}` : ''}`, name };
  if (p.instruction === 'RUN')
    return { context: 'dockerfile-run', where: 'Dockerfile RUN instruction', name: name && envName(name) };
  return {
    context: 'dockerfile',
    where: `Dockerfile ${p.instruction} instruction`,
    name: name && envName(name),
  };
}

/** `- NAME=value` (a Compose or kustomize list entry): the name. */
function itemName(item: string | undefined): string | undefined {
  if (item === undefined) return undefined;
  return safeName(/^["']?([A-Za-z_][A-Za-z0-9_.-]{0,79})=/.exec(item)?.[1]);
}

/** `- {name: X, value: sk-…}` on one line: the Kubernetes env entry's name. */
function flowEnvName(line: string, column: number): string | undefined {
  const before = line.slice(Math.max(0, column - 1 - 512), Math.max(0, column - 1));
  if (!/\bvalue["']?\s*:\s*["']?$/.test(before)) return undefined;
  const m = /\bname["']?\s*:\s*["']?([A-Za-z_][A-Za-z0-9_.-]{0,79})/.exec(line.slice(0, MAX_FLOW));
  return m ? m[1] : undefined;
}
const MAX_FLOW = 2048;

function composePlace(p: YamlPlace): Placed | undefined {
  const svc = p.path[0] === 'services' ? quoted(p.path[1]) : '';
  const of = svc ? ` of service${svc}` : '';
  const name = safeName(p.key) ?? itemName(p.item);
  // `x-env: &env` with `environment: *env` (or `<<: *env`) in the services: an env map by another name.
  if (p.path.length === 1 && p.path[0]!.startsWith('x-') && name && /^[A-Z_][A-Z0-9_]*$/.test(name))
    return {
      context: 'compose-environment',
      where: `Compose environment ${name} (extension ${p.path[0]})`,
      name,
    };
  const envAt = p.path.lastIndexOf('environment');
  if (envAt >= 0 && envAt >= p.path.length - 1 && !p.inBlockScalar)
    return {
      context: 'compose-environment',
      where: `Compose environment${name ? ` ${name}` : ''}${of}`,
      name,
    };
  if (p.path.includes('build') && p.path[p.path.length - 1] === 'args')
    return { context: 'compose-build-arg', where: `Compose build arg${name ? ` ${name}` : ''}${of}`, name };
  return { context: 'compose', where: `Compose file${of}`, name: undefined };
}

/**
 * `- name: X` / `value: sk-…` in a list named `env` (Kubernetes), or in a values file any list whose
 * name says env (`extraEnv`, `extraEnvVars`, `env_vars`): the entry's name ('' when it has none).
 */
function k8sEnvName(p: YamlPlace, loose = false): string | undefined {
  const list = p.path[p.path.length - 1];
  if (p.key !== 'value' || !p.inItem || list === undefined) return undefined;
  if (loose ? !/env/i.test(list) : list !== 'env') return undefined;
  return safeName(p.siblings.get('name')) ?? '';
}

/** A Flux HelmRelease's `spec.values`, or an Argo CD Application's `helm.values`/`valuesObject`. */
function inHelmValues(p: YamlPlace): boolean {
  if (p.kind === 'HelmRelease') return p.path[0] === 'spec' && p.path[1] === 'values';
  if (p.kind === 'Application' || p.kind === 'ApplicationSet') {
    const at = p.path.indexOf('helm');
    if (at < 0) return false;
    return (
      p.path[at + 1] === 'valuesObject' || (p.inBlockScalar && p.key === 'values' && p.path.length === at + 1)
    );
  }
  return false;
}

function helmValuesPlace(p: YamlPlace, skip: number): Placed {
  const env = k8sEnvName(p, true);
  const leaf = p.inBlockScalar ? undefined : safeName(p.key);
  const dotted = [...p.path.slice(skip), ...(leaf ? [leaf] : [])]
    .map((s) => safeName(s))
    .filter((s): s is string => s !== undefined)
    .slice(-4)
    .join('.');
  const name = env || dotted || undefined;
  return { context: 'helm-values', where: `Helm values${name ? ` ${name}` : ''}`, name };
}

function kubernetesPlace(p: YamlPlace, win: LineWindow, t: AdviceTarget): Placed | undefined {
  const kind = safeName(p.kind);
  const envName =
    k8sEnvName(p) ??
    (p.path[p.path.length - 1] === 'env' || p.key === 'env' ? flowEnvName(win.line, t.column) : undefined);
  if (envName !== undefined) {
    const name = envName || undefined;
    return {
      context: 'k8s-env',
      where: `env${name ? ` ${name}` : ''} of a Kubernetes container${kind ? ` (${kind})` : ''}`,
      name,
    };
  }
  const field = p.path[0];
  const name = safeName(p.key);
  if (kind === 'Secret' && (field === 'stringData' || field === 'data') && p.path.length === 1)
    return { context: 'k8s-secret', where: `Kubernetes Secret ${field}${name ? ` ${name}` : ''}`, name };
  if (kind === 'ConfigMap' && field === 'data' && p.path.length === 1)
    return { context: 'k8s-configmap', where: `Kubernetes ConfigMap data${name ? ` ${name}` : ''}`, name };
  if (p.apiVersion && kind)
    return {
      context: 'k8s-manifest',
      where: `Kubernetes ${kind}${name ? ` field ${name}` : ''}`,
      name: undefined,
    };
  return undefined;
}

function yaml(kind: FileKind, win: LineWindow, t: AdviceTarget): Placed | undefined {
  const p = yamlPlace(win);
  if (!p) return undefined;
  if (kind === 'workflow') {
    const name = safeName(p.key) ?? itemName(p.item);
    const env = p.path[p.path.length - 1] === 'env';
    return {
      context: 'github-workflow',
      where: env && name ? `env ${name} of the workflow` : 'workflow file',
      name: name && envName(name),
    };
  }
  if (kind === 'helm-values') return helmValuesPlace(p, 0);
  if (inHelmValues(p)) return helmValuesPlace(p, p.kind === 'HelmRelease' ? 2 : p.path.length);
  if (kind === 'kustomization') {
    if (p.path.includes('literals')) {
      const name = itemName(p.item);
      return {
        context: 'kustomize-secret',
        where: `kustomize generator literal${name ? ` ${name}` : ''}`,
        name,
      };
    }
    return undefined;
  }
  if (kind === 'compose' || (p.path[0] === 'services' && p.topKeys.has('services') && !p.apiVersion))
    return composePlace(p);
  return kubernetesPlace(p, win, t);
}

function terraform(kind: FileKind, win: LineWindow, t: AdviceTarget): Placed | undefined {
  const p = hclPlace(win, t.column);
  // `env { name = "X"  value = "sk-…" }`: the entry's name is the variable's.
  const attribute = safeName(p.attribute === 'value' ? (p.siblingName ?? p.attribute) : p.attribute);
  if (kind === 'tfvars') {
    // A map value (`keys = { openai = "sk-…" }`): the variable is the outermost map.
    const outer = p.blocks.length ? safeName(p.blocks[p.blocks.length - 1]!.type) : undefined;
    const name = outer ?? attribute;
    return {
      context: 'terraform-tfvars',
      where: `Terraform variable value${name ? ` ${name}` : ''} (.tfvars)`,
      name,
    };
  }
  const top = [...p.blocks].reverse().find((b) => !b.isMap);
  if (top?.type === 'variable') {
    const name = safeName(top.labels[0]);
    return { context: 'terraform-variable', where: `default of Terraform variable${quoted(name)}`, name };
  }
  const label = top ? `${top.type}${top.labels.map((l) => quoted(l)).join('')}` : '';
  const owner = top && safeName(top.type) ? ` of ${top.type === 'locals' ? 'locals' : label}` : '';
  return {
    context: 'terraform-attribute',
    where: `Terraform attribute${attribute ? ` ${attribute}` : ''}${owner}`,
    name: attribute,
  };
}

function dotenv(path: string, win: LineWindow): Placed {
  const name = safeName(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]{0,79})\s*[=:]/.exec(win.line)?.[1]);
  return {
    context: 'dotenv',
    where: `${name ? `${name} in ` : ''}an env file`,
    name,
    example: isExampleEnv(path),
  };
}

/** Advice for a key at `t` in the file `path` whose text `index` holds; undefined when none applies. */
export function adviseAt(path: string, index: LineIndex, t: AdviceTarget): FindingAdvice | undefined {
  const kind = fileKind(path);
  if (!kind) return undefined;
  const win = windowAt(index, t.line);
  // Binary content is no manifest, whatever its name says.
  if (!win || win.line.includes('\0')) return undefined;
  let placed: Placed | undefined;
  switch (kind) {
    case 'dockerfile':
      // A file named Dockerfile that holds YAML (a Compose file saved under the wrong name) is read as YAML.
      placed = dockerfile(win, t) ?? yaml('yaml', win, t);
      break;
    case 'terraform':
    case 'tfvars':
      placed = terraform(kind, win, t);
      break;
    case 'dotenv':
      placed = dotenv(path, win);
      break;
    default:
      placed = yaml(kind, win, t);
  }
  if (!placed) return undefined;
  const name = placed.name ?? providerVariable(t.provider);
  const advice: FindingAdvice = {
    context: placed.context,
    where: placed.where,
    fix: fixFor(placed.context, { name, example: placed.example, base64: t.encoding === 'base64' }),
  };
  if (placed.name) advice.name = placed.name;
  return advice;
}

/** Advice as one line: `Dockerfile ARG OPENAI_API_KEY: build arguments stay…`. */
export function adviceLine(a: Pick<FindingAdvice, 'where' | 'fix'>): string {
  return `${a.where}: ${a.fix}`;
}
