/**
 * The official contract an emulator enforces: an OpenAPI 3.1 description (see
 * `__tests__/fixtures/openapi/README.md` for where each one comes from) turned into a request checker
 * and a response checker.
 *
 * Hand-written on top of `ajv` rather than a routing framework because the point is strictness in
 * the places frameworks are lenient: a query parameter counts only under the name and serialisation
 * its description declares (`style: form, explode: true` arrays are `name=a&name=b`; `name[]=a` is an
 * unknown parameter and is refused), every query name must be declared, scalars may not repeat.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under ESM its default export may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

export const OPENAPI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'openapi');

export type ContractName =
  | 'openai-admin-subset'
  | 'openrouter-keys-subset'
  | 'anthropic-admin-transcribed'
  | 'litellm-proxy-transcribed'
  /** Built at run time from `@octokit/openapi` (see ./github-contract.ts), not a fixture file. */
  | 'github-rest-subset';

/** Where a request went wrong; a provider answers each kind with its own status (see `ContractOptions`). */
export type ProblemKind = 'header' | 'path' | 'query' | 'content-type' | 'json' | 'body';

export interface ContractOptions {
  /** The description itself, when it is not a fixture file (GitHub's is derived from an npm package). */
  doc?: Json;
  /** Status per kind of problem (default 400 for all); the first problem's kind decides, `json` first. */
  statuses?: Partial<Record<ProblemKind, number>>;
  /** Status for a method the path does not allow (default 405; GitHub answers 404). */
  methodStatus?: number;
  /** ajv's `inlineRefs` (default true); false compiles each referenced component once. */
  inlineRefs?: boolean;
}

type Json = any;

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  style?: string;
  explode?: boolean;
  schema?: Json;
  /** JSON pointer of the schema inside the document. */
  pointer: string;
}

export interface Operation {
  method: string;
  /** The templated path as the description writes it, e.g. `/organization/projects/{project_id}`. */
  template: string;
  operationId?: string;
  parameters: Parameter[];
  body?: { required: boolean; pointer?: string };
  responses: Record<string, { pointer?: string }>;
  regex: RegExp;
  pathNames: string[];
  literalSegments: number;
}

export type RequestVerdict =
  | { ok: true; op: Operation; params: Record<string, string> }
  | { ok: false; status: number; reason: string };

export interface ContractRequest {
  method: string;
  /** Path without the query string, including the server's base path (e.g. `/v1/models`). */
  path: string;
  /** The raw query string, with or without the leading `?`. */
  search: string;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Required headers a transcription lists (`x-required-headers`): `Bearer`, `any`, or allowed values. */
type HeaderRule = 'Bearer' | 'any' | string[];

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export class Contract {
  readonly doc: Json;
  readonly operations: Operation[] = [];
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #headers: Record<string, HeaderRule>;
  readonly #options: ContractOptions;

  /**
   * @param basePath the path of the description's server URL (`/v1` for OpenAI, `/api/v1` for
   *   OpenRouter; transcriptions write full paths).
   * @param requiredHeaders header rules on top of the document's `x-required-headers` (the official
   *   subsets carry no security section; the providers document `Authorization: Bearer`).
   */
  constructor(
    readonly name: ContractName,
    readonly basePath = '',
    requiredHeaders: Record<string, HeaderRule> = {},
    options: ContractOptions = {},
  ) {
    this.#options = options;
    this.doc = options.doc ?? Contract.#load(name);
    this.#headers = { ...(this.doc['x-required-headers'] ?? {}), ...requiredHeaders };
    this.#ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      validateSchema: false,
      discriminator: true,
      logger: false,
      // Large descriptions (GitHub's) reuse components everywhere: compiled once each, not inlined.
      inlineRefs: options.inlineRefs ?? true,
    });
    addFormats(this.#ajv);
    this.#ajv.addFormat('unixtime', true);
    this.#ajv.addSchema(this.doc, name);
    this.#index();
  }

  // ------------------------------------------------------------------ the document

  static #load(name: string): Json {
    const file = join(OPENAPI_DIR, `${name}.json`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(
        `API description ${file} is missing (${(e as Error).message}); the strict emulators need it: ` +
          'restore __tests__/fixtures/openapi/ from the repository.',
      );
    }
    return JSON.parse(text);
  }

  #resolve(node: Json, pointer: string): { node: Json; pointer: string } {
    let seen = 0;
    while (node && typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
      if (++seen > 20) throw new Error(`${this.name}: $ref loop at ${pointer}`);
      pointer = node.$ref.slice(1);
      node = pointer
        .split('/')
        .slice(1)
        .reduce((a: Json, k: string) => a?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc);
    }
    return { node, pointer };
  }

  #index(): void {
    for (const [template, item] of Object.entries<Json>(this.doc.paths ?? {})) {
      const itemPtr = `/paths/${escapePointer(template)}`;
      for (const method of METHODS) {
        const raw = item[method];
        if (!raw) continue;
        const opPtr = `${itemPtr}/${method}`;
        const params = new Map<string, Parameter>();
        const collect = (list: Json[] | undefined, base: string) =>
          (list ?? []).forEach((p, i) => {
            const r = this.#resolve(p, `${base}/parameters/${i}`);
            const schema = this.#resolve(r.node.schema, `${r.pointer}/schema`);
            params.set(`${r.node.in}:${r.node.name}`, {
              ...r.node,
              schema: schema.node,
              pointer: `${r.pointer}/schema`,
            });
          });
        collect(item.parameters, itemPtr);
        collect(raw.parameters, opPtr);
        let body: Operation['body'];
        if (raw.requestBody) {
          const rb = this.#resolve(raw.requestBody, `${opPtr}/requestBody`);
          const json = rb.node.content?.['application/json'];
          body = {
            required: rb.node.required === true,
            pointer: json?.schema ? `${rb.pointer}/content/application~1json/schema` : undefined,
          };
        }
        const responses: Operation['responses'] = {};
        for (const [status, resp] of Object.entries<Json>(raw.responses ?? {})) {
          const r = this.#resolve(resp, `${opPtr}/responses/${status}`);
          const json = r.node.content?.['application/json'];
          responses[status] = {
            pointer: json?.schema ? `${r.pointer}/content/application~1json/schema` : undefined,
          };
        }
        const pathNames: string[] = [];
        const full = `${this.basePath}${template}`;
        const source = full
          .split('/')
          .map((seg) => {
            const m = /^\{(.+)\}$/.exec(seg);
            if (m) {
              pathNames.push(m[1]!);
              return '([^/]+)';
            }
            return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          })
          .join('/');
        this.operations.push({
          method: method.toUpperCase(),
          template,
          operationId: raw.operationId,
          parameters: [...params.values()],
          body,
          responses,
          regex: new RegExp(`^${source}$`),
          pathNames,
          literalSegments: full.split('/').length - pathNames.length,
        });
      }
    }
    // Literal segments win over templates: `/models/count` before `/models/{author}/…`.
    this.operations.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  #validator(pointer: string): ValidateFunction {
    let v = this.#validators.get(pointer);
    if (!v) {
      v = this.#ajv.compile({ $ref: `${this.name}#${pointer}` });
      this.#validators.set(pointer, v);
    }
    return v;
  }

  /**
   * Compiles every request and response validator now, so the first request of a test does not pay
   * for it (a large schema compiles in a fraction of a second: enough to trip a client's short timeout).
   */
  compileAll(): this {
    for (const op of this.operations) {
      for (const p of op.parameters) this.#validator(p.pointer);
      if (op.body?.pointer) this.#validator(op.body.pointer);
      for (const r of Object.values(op.responses)) if (r.pointer) this.#validator(r.pointer);
    }
    return this;
  }

  /** Errors of `value` against the schema at `pointer`, as short sentences. */
  validate(pointer: string, value: unknown, what: string): string[] {
    const v = this.#validator(pointer);
    if (v(value)) return [];
    return (v.errors ?? []).slice(0, 5).map((e) => describe(what, e));
  }

  // ------------------------------------------------------------------ requests

  checkRequest(req: ContractRequest): RequestVerdict {
    const verdict = this.#checkRequest(req);
    const ua = String(req.headers['user-agent'] ?? '');
    stats.requests++;
    const mine = countsOf(this.name);
    mine.requests++;
    if (!verdict.ok) {
      stats.refused++;
      mine.refused++;
      if (/keyguard/i.test(ua))
        stats.keyguardRefusals.add(`${this.name} ${verdict.status} ${verdict.reason}`);
    } else
      stats.operations.add(
        `${this.name} ${verdict.op.method} ${verdict.op.template}${/keyguard/i.test(ua) ? ' (keyguard)' : ''}`,
      );
    return verdict;
  }

  #checkRequest(req: ContractRequest): RequestVerdict {
    const method = req.method.toUpperCase();
    const candidates = this.operations.filter((o) => o.regex.test(req.path));
    if (!candidates.length) {
      return { ok: false, status: 404, reason: `${req.path} is not in the ${this.name} description` };
    }
    const op = candidates.find((o) => o.method === method);
    if (!op) {
      const allowed = [...new Set(candidates.map((o) => o.method))].join(', ');
      return {
        ok: false,
        status: this.#options.methodStatus ?? 405,
        reason: `${method} ${req.path}: the description allows ${allowed}`,
      };
    }
    const m = op.regex.exec(req.path)!;
    const params: Record<string, string> = {};
    op.pathNames.forEach((n, i) => {
      params[n] = decodeURIComponent(m[i + 1]!);
    });
    const problems: { kind: ProblemKind; text: string }[] = [];
    const add = (kind: ProblemKind, texts: string[]) => {
      for (const text of texts) problems.push({ kind, text });
    };
    const where = `${method} ${op.template}`;

    // Headers (auth first: a missing key is a 401 on every provider).
    for (const [name, rule] of Object.entries(this.#headers)) {
      const value = req.headers[name.toLowerCase()];
      const one = Array.isArray(value) ? value[0] : value;
      if (rule === 'Bearer') {
        if (!one || !/^Bearer\s+\S/i.test(one)) {
          return { ok: false, status: 401, reason: `${where}: header ${name}: Bearer <key> is required` };
        }
      } else if (one === undefined || one === '') {
        if (name.toLowerCase() === 'x-api-key' || name.toLowerCase() === 'authorization') {
          return { ok: false, status: 401, reason: `${where}: header ${name} is required` };
        }
        add('header', [`header ${name} is required`]);
      } else if (Array.isArray(rule) && !rule.includes(one)) {
        add('header', [`header ${name}: ${JSON.stringify(one)} is not one of ${rule.join(', ')}`]);
      }
    }

    // Header parameters the operation declares.
    for (const p of op.parameters.filter((x) => x.in === 'header')) {
      const value = req.headers[p.name.toLowerCase()];
      const one = Array.isArray(value) ? value[0] : value;
      if (one === undefined) {
        if (p.required) add('header', [`header ${p.name} is required`]);
        continue;
      }
      add('header', this.#checkValue(p, coerce(one, p.schema)));
    }

    // Path parameters.
    for (const p of op.parameters.filter((x) => x.in === 'path')) {
      const value = params[p.name];
      if (value === undefined) continue;
      add('path', this.#checkValue(p, coerce(value, p.schema)));
    }

    // Query parameters, each in its declared serialisation; anything left over is not declared.
    const pairs = parseQuery(req.search);
    const used = new Set<number>();
    for (const p of op.parameters.filter((x) => x.in === 'query')) {
      const type = typeOf(p.schema);
      const style = p.style ?? (type === 'object' ? 'deepObject' : 'form');
      const explode = p.explode ?? style === 'form';
      if (type === 'object' && style === 'deepObject') {
        const obj: Record<string, unknown> = {};
        const prefix = `${p.name}[`;
        pairs.forEach(([k, v], i) => {
          if (k.startsWith(prefix) && k.endsWith(']')) {
            const prop = k.slice(prefix.length, -1);
            obj[prop] = coerce(v, this.#resolve(p.schema?.properties?.[prop], '').node);
            used.add(i);
          }
        });
        if (Object.keys(obj).length) add('query', this.#checkValue(p, obj));
        else if (p.required) add('query', [`query parameter ${p.name} is required`]);
        continue;
      }
      const mine = pairs.map((kv, i) => ({ kv, i })).filter(({ kv }) => kv[0] === p.name);
      for (const { i } of mine) used.add(i);
      if (!mine.length) {
        if (p.required) add('query', [`query parameter ${p.name} is required`]);
        continue;
      }
      if (type === 'array') {
        const items = this.#resolve(p.schema?.items, '').node;
        const raw =
          style === 'form' && !explode
            ? mine.length > 1
              ? undefined
              : mine[0]!.kv[1].split(',')
            : mine.map(({ kv }) => kv[1]);
        if (!raw) {
          add('query', [
            `query parameter ${p.name}: style form without explode takes one comma-separated value`,
          ]);
          continue;
        }
        add(
          'query',
          this.#checkValue(
            p,
            raw.map((v) => coerce(v, items)),
          ),
        );
        continue;
      }
      if (mine.length > 1) {
        add('query', [`query parameter ${p.name} is given ${mine.length} times; it takes one value`]);
        continue;
      }
      add('query', this.#checkValue(p, coerce(mine[0]!.kv[1], p.schema)));
    }
    const unknown = [...new Set(pairs.filter((_, i) => !used.has(i)).map(([k]) => k))];
    for (const k of unknown) {
      const hint = k.endsWith('[]')
        ? ` (the description has no "${k}"; arrays are declared by their own name)`
        : '';
      add('query', [`unknown query parameter ${JSON.stringify(k)}${hint}`]);
    }

    // Body.
    if (op.body) {
      if (!req.text) {
        if (op.body.required) add('body', ['a JSON request body is required']);
      } else if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? ''))) {
        add('content-type', [
          `the body must be sent as application/json (content-type ${JSON.stringify(req.headers['content-type'] ?? '')})`,
        ]);
      } else {
        let parsed: unknown;
        try {
          parsed = JSON.parse(req.text);
        } catch {
          add('json', ['the request body is not valid JSON']);
        }
        if (parsed !== undefined && op.body.pointer) {
          add('body', this.validate(op.body.pointer, parsed, 'body'));
        }
      }
    } else if (req.text && method !== 'GET') {
      add('body', ['this operation takes no request body']);
    }

    if (problems.length) {
      const decisive = problems.find((p) => p.kind === 'json') ?? problems[0]!;
      return {
        ok: false,
        status: this.#options.statuses?.[decisive.kind] ?? 400,
        reason: `${where}: ${problems.map((p) => p.text).join('; ')}`,
      };
    }
    return { ok: true, op, params };
  }

  #checkValue(p: Parameter, value: unknown): string[] {
    return this.validate(p.pointer, value, `${p.in} parameter ${p.name}`);
  }

  // ------------------------------------------------------------------ responses

  /** Why a response does not conform to the operation's declared responses (empty when it does). */
  checkResponse(op: Operation, status: number, body: unknown): string[] {
    const declared =
      op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
    const where = `${op.method} ${op.template} → ${status}`;
    stats.responses++;
    countsOf(this.name).responses++;
    if (!declared) {
      // The subsets declare the success answers; error answers a description leaves out are not checked.
      return status >= 200 && status < 300 ? [`${where}: status not declared by the description`] : [];
    }
    if (!declared.pointer) return [];
    if (body === undefined) return [`${where}: a JSON body is declared but none was sent`];
    return this.validate(declared.pointer, body, 'response').map((e) => `${where}: ${e}`);
  }
}

function describe(what: string, e: ErrorObject): string {
  const at = e.instancePath ? `${what} ${e.instancePath}` : what;
  if (e.keyword === 'required')
    return `${at}: missing required field ${JSON.stringify(e.params.missingProperty)}`;
  if (e.keyword === 'additionalProperties') {
    return `${at}: unknown field ${JSON.stringify(e.params.additionalProperty)}`;
  }
  if (e.keyword === 'enum') return `${at}: must be one of ${JSON.stringify(e.params.allowedValues)}`;
  return `${at}: ${e.message ?? e.keyword}`;
}

function parseQuery(search: string): [string, string][] {
  const s = search.startsWith('?') ? search.slice(1) : search;
  if (!s) return [];
  return s
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      const dec = (x: string) => {
        try {
          return decodeURIComponent(x.replace(/\+/g, ' '));
        } catch {
          return x;
        }
      };
      return eq < 0 ? [dec(part), ''] : [dec(part.slice(0, eq)), dec(part.slice(eq + 1))];
    });
}

function typeOf(schema: Json): string | undefined {
  if (!schema) return undefined;
  const t = schema.type;
  if (Array.isArray(t)) return t.find((x: string) => x !== 'null');
  if (t) return t;
  if (schema.items) return 'array';
  if (schema.properties) return 'object';
  return undefined;
}

/** A query/path string turned into the schema's type, so the schema can judge it (`abc` stays a string). */
function coerce(raw: string, schema: Json): unknown {
  const t = typeOf(schema);
  if (t === 'integer' && /^-?\d+$/.test(raw)) return Number(raw);
  if (t === 'number' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  if (t === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (!t && schema?.enum && !schema.enum.includes(raw)) {
    const asNum = Number(raw);
    if (schema.enum.includes(asNum)) return asNum;
  }
  return raw;
}

// ---------------------------------------------------------------------------------------------------
// Response violations: every emulator records them here; `__tests__/helpers/contract-setup.ts` fails
// the test that caused one.

const violations: string[] = [];

/** What the contracts checked in this module registry (one test file), for the suite's totals. */
export const stats = {
  requests: 0,
  refused: 0,
  responses: 0,
  operations: new Set<string>(),
  byContract: {} as Record<string, { requests: number; refused: number; responses: number }>,
  /** Requests keyguard itself sent (its user agent) that a description refused: each is a bug to fix. */
  keyguardRefusals: new Set<string>(),
};

function countsOf(name: string) {
  stats.byContract[name] ??= { requests: 0, refused: 0, responses: 0 };
  return stats.byContract[name];
}

/** The counts so far, and resets them (`__tests__/helpers/contract-setup.ts` appends them to a file). */
export function takeStats() {
  const out = { ...stats, operations: [...stats.operations], keyguardRefusals: [...stats.keyguardRefusals] };
  stats.requests = stats.refused = stats.responses = 0;
  stats.byContract = {};
  stats.operations.clear();
  stats.keyguardRefusals.clear();
  return out;
}

export function recordViolation(emulator: string, text: string): void {
  violations.push(`${emulator}: ${text}`);
}

/** The violations recorded since the last call (and forgets them). */
export function takeViolations(): string[] {
  return violations.splice(0, violations.length);
}
