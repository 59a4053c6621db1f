/**
 * GitHub's official REST description (`@octokit/openapi`, `generated/api.github.com.json`) turned into
 * the contract the GitHub emulator enforces (./contract.ts does the checking).
 *
 * The description is 13 MB of OpenAPI 3.0. The emulator serves a few dozen operations, so only those
 * are kept: their path items, and the components they reach through `$ref`. That subset is converted
 * to what the 3.1 checker expects (`nullable: true` becomes a `null` type; `discriminator`, `example`
 * and `examples` are dropped) and cached on disk (node_modules/.cache), keyed by the package version,
 * the operations and this file's source, so a jest worker parses the big file once at most (in practice
 * once per checkout and package version: jest gives every test file its own module registry, so an
 * in-memory cache would not outlive one file).
 *
 * `x-github` extensions are ignored: they carry documentation metadata, not wire rules.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Contract } from './contract.js';

type Json = any;

/** An emulator route: `GET /repos/:owner/:repo/issues/:number`, in the framework's pattern syntax. */
export interface ServedRoute {
  method: string;
  pattern: string;
}

/** The conversion is this file: a cache built by another version of it is not reused. */
const CONVERSION = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .digest('hex');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'keyguard-github-openapi');

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@octokit/openapi/package.json'));
}

/** The version of `@octokit/openapi` the subset comes from. */
export function githubDescriptionVersion(): string {
  return JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8')).version;
}

export function githubDescriptionFile(): string {
  return join(packageDir(), 'generated', 'api.github.com.json');
}

/** `/repos/:owner/:repo/issues/:number` and `/repos/{owner}/{repo}/issues/{issue_number}` share a shape. */
const shapeOfPattern = (p: string) => p.replace(/\/:[^/]+/g, '/*');
const shapeOfTemplate = (t: string) => t.replace(/\{[^}]+\}/g, '*');

export interface GitHubSubset {
  doc: Json;
  /** `METHOD pattern` → the description's path template. */
  templates: Record<string, string>;
}

/** Builds the subset from the full description (exported for the test that checks the conversion). */
export function buildGitHubSubset(full: Json, routes: ServedRoute[], version: string): GitHubSubset {
  const byShape = new Map<string, string>();
  for (const t of Object.keys(full.paths)) byShape.set(`${shapeOfTemplate(t)}`, t);
  const paths: Record<string, Json> = {};
  const templates: Record<string, string> = {};
  const missing: string[] = [];
  for (const r of routes) {
    const method = r.method.toLowerCase();
    // Two templates may share a shape (attestations by digest or by id); pick the one with the method.
    const template = Object.keys(full.paths).find(
      (t) => shapeOfTemplate(t) === shapeOfPattern(r.pattern) && full.paths[t][method],
    );
    if (!template) {
      missing.push(`${r.method} ${r.pattern}`);
      continue;
    }
    templates[`${r.method.toUpperCase()} ${r.pattern}`] = template;
    const item = full.paths[template];
    paths[template] ??= item.parameters ? { parameters: item.parameters } : {};
    paths[template][method] = item[method];
  }
  if (missing.length) {
    throw new Error(
      `the GitHub emulator serves routes GitHub's description does not have: ${missing.join(', ')} ` +
        '(list them as undescribed, with why, or fix the route)',
    );
  }

  // Components reached through $ref, transitively (examples are documentation: not kept).
  const components: Record<string, Record<string, Json>> = {};
  const queue: Json[] = [paths];
  while (queue.length) {
    const node = queue.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      queue.push(...node);
      continue;
    }
    for (const [k, v] of Object.entries<Json>(node)) {
      if (k === 'examples' || k === 'example') continue;
      if (k === '$ref' && typeof v === 'string') {
        const m = /^#\/components\/([^/]+)\/([^/]+)$/.exec(v);
        if (!m) throw new Error(`unexpected $ref ${v} in GitHub's description`);
        const [, kind, name] = m as unknown as [string, string, string];
        components[kind] ??= {};
        if (!(name in components[kind]!)) {
          const target = full.components[kind]?.[name];
          if (target === undefined) throw new Error(`dangling $ref ${v} in GitHub's description`);
          components[kind]![name] = target;
          queue.push(target);
        }
      } else queue.push(v);
    }
  }
  const doc = to31({
    openapi: '3.1.0',
    info: {
      title: full.info?.title,
      version: full.info?.version,
      'x-subset-of': `@octokit/openapi ${version} generated/api.github.com.json (official, ${full.openapi}; subset converted to 3.1)`,
    },
    paths,
    components,
  });
  return { doc, templates };
}

/** OpenAPI 3.0 schema dialect → the JSON Schema 2020-12 the checker compiles. */
function to31(node: Json): Json {
  if (Array.isArray(node)) return node.map(to31);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries<Json>(node)) {
    if (k === 'example' || k === 'examples' || k === 'discriminator') continue;
    if (k.startsWith('x-') && k !== 'x-subset-of') continue;
    out[k] = to31(v);
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else if (out.type === undefined) {
      // `nullable` beside allOf/oneOf/$ref: "this, or null".
      return { anyOf: [out, { type: 'null' }] };
    }
  } else if (out.nullable === false) delete out.nullable;
  if (typeof out.exclusiveMinimum === 'boolean') {
    if (out.exclusiveMinimum) out.exclusiveMinimum = out.minimum;
    else delete out.exclusiveMinimum;
    if (out.exclusiveMinimum !== undefined) delete out.minimum;
  }
  if (typeof out.exclusiveMaximum === 'boolean') {
    if (out.exclusiveMaximum) out.exclusiveMaximum = out.maximum;
    else delete out.exclusiveMaximum;
    if (out.exclusiveMaximum !== undefined) delete out.maximum;
  }
  return out;
}

/** The subset for these routes: from the disk cache when it holds this version and route list. */
export function loadGitHubSubset(routes: ServedRoute[]): GitHubSubset {
  const version = githubDescriptionVersion();
  const list = routes.map((r) => `${r.method.toUpperCase()} ${r.pattern}`).sort();
  const key = createHash('sha256')
    .update(JSON.stringify({ version, list, CONVERSION }))
    .digest('hex')
    .slice(0, 16);
  const file = join(CACHE_DIR, `api.github.com-${version}-${key}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // Not cached yet (or unreadable): build it.
  }
  const full = JSON.parse(readFileSync(githubDescriptionFile(), 'utf8'));
  const subset = buildGitHubSubset(full, routes, version);
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Written aside and renamed: two jest workers building at once never read half a file.
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, JSON.stringify(subset));
    renameSync(tmp, file);
  } catch {
    // A read-only tree: the subset still works, just rebuilt next time.
  }
  return subset;
}

const contracts = new Map<string, { contract: Contract; templates: Record<string, string> }>();

/**
 * The contract for the routes the emulator serves (one per route list in this module registry).
 * GitHub answers a malformed body 400 ("Problems parsing JSON"), a body or parameter it refuses 422
 * ("Validation Failed"/"Invalid request"), and an unknown route or method 404.
 */
export function githubContract(routes: ServedRoute[]): {
  contract: Contract;
  templates: Record<string, string>;
} {
  const id = routes
    .map((r) => `${r.method} ${r.pattern}`)
    .sort()
    .join('\n');
  let c = contracts.get(id);
  if (!c) {
    const subset = loadGitHubSubset(routes);
    c = {
      contract: new Contract(
        'github-rest-subset',
        '',
        {},
        {
          doc: subset.doc,
          methodStatus: 404,
          inlineRefs: false,
          statuses: { json: 400, 'content-type': 415, body: 422, query: 422, path: 404, header: 400 },
        },
      ),
      templates: subset.templates,
    };
    contracts.set(id, c);
  }
  return c;
}

// ---------------------------------------------------------------------------------------------------
// Complete templates: the smallest value a schema accepts, every required field present, so an
// emulator answer starts complete and only the fields it models are its own.

const FIXED_TIME = '2026-01-01T00:00:00Z';

export function sampleOf(doc: Json, schema: Json, depth = 0): Json {
  if (depth > 40) throw new Error('sampleOf: schema too deep');
  while (schema?.$ref) {
    schema = schema.$ref
      .slice(2)
      .split('/')
      .reduce((a: Json, k: string) => a?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  if (!schema || typeof schema !== 'object') return null;
  if (schema.allOf) {
    const out = sampleOf(doc, { ...schema, allOf: undefined }, depth + 1) ?? {};
    for (const s of schema.allOf) Object.assign(out, sampleOf(doc, s, depth + 1));
    return out;
  }
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) {
    const first = alt.find((s: Json) => s.type !== 'null') ?? alt[0];
    return sampleOf(doc, first, depth + 1);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum.find((v: unknown) => v !== null) ?? schema.enum[0];
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const type =
    types.find((t) => t !== 'null') ?? (schema.properties ? 'object' : schema.items ? 'array' : 'null');
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const name of schema.required ?? [])
        out[name] = sampleOf(doc, schema.properties?.[name], depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(doc, schema.items, depth + 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      switch (schema.format) {
        case 'date-time':
          return FIXED_TIME;
        case 'date':
          return FIXED_TIME.slice(0, 10);
        case 'uri':
        case 'uri-reference':
        case 'url':
          return 'https://api.github.com/';
        case 'uri-template':
          return 'https://api.github.com/{id}';
        case 'email':
          return 'octocat@github.com';
        default:
          return 'x'.repeat(schema.minLength ?? 0);
      }
    default:
      return null;
  }
}
