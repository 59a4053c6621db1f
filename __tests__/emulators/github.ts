/**
 * An in-memory emulator of the parts of the GitHub REST API keyguard uses (reference §8–§11):
 * Actions secrets for repository, environment and organisation scopes (with real X25519 keypairs:
 * sealed boxes are really opened, so tests see the plaintext a run stored), issues, comments and
 * labels, open pulls, token permissions, and primary / secondary rate limits.
 *
 * Faults (500 during a PUT, timeouts, drops, 429 storms) come from the framework's `injectFault`.
 *
 * Strict like GitHub: every route is checked against GitHub's official REST description
 * (`@octokit/openapi`, see ./github-contract.ts): a request outside it is refused (422 for a body or
 * parameter, 400 for unparseable JSON, 404 for an unknown route or method) with the reason, and every
 * answer is validated against the declared response schema. Answers are built from complete templates
 * (every required field, derived from the schema) with the fields the emulator models laid over them.
 * `POST /graphql` is not in the REST description: it answers only `viewer { login databaseId }`.
 */
import { gunzipSync } from 'node:zlib';
import sodium from 'libsodium-wrappers';
import type { SecretScope } from '../../src/github/types.js';
import { githubContract, sampleOf } from './github-contract.js';
import { type EmulatorRequest, type EmulatorResponse, EmulatorServer, type FaultRule } from './server.js';

export type Permission = 'none' | 'read' | 'write';

export interface TokenPermissions {
  /** Repository and environment Actions secrets. */
  secrets?: Permission;
  /** Organisation Actions secrets. */
  orgSecrets?: Permission;
  issues?: Permission;
  environments?: Permission;
  pulls?: Permission;
  /** Code scanning alerts (`security_events`): uploading SARIF needs write. */
  securityEvents?: Permission;
}

/** What the workflow's GITHUB_TOKEN typically gets: issues, but never secrets. */
export const GITHUB_TOKEN_PERMISSIONS: TokenPermissions = {
  issues: 'write',
  pulls: 'read',
  secrets: 'none',
  orgSecrets: 'none',
};

/** A fine-grained PAT or App token able to do everything here. */
export const FULL_PERMISSIONS: TokenPermissions = {
  secrets: 'write',
  orgSecrets: 'write',
  issues: 'write',
  environments: 'read',
  pulls: 'read',
};

/**
 * The account a token acts as. GitHub attributes every issue and comment a token writes to it, and
 * answers GraphQL `viewer` with it for every kind of token; REST `GET /user` answers only for a user's
 * token (a PAT): an installation token (the workflow's GITHUB_TOKEN, a GitHub App) gets 403.
 */
export interface TokenIdentity {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

/** What the workflow's GITHUB_TOKEN acts as (the id is github-actions[bot]'s real one). */
export const GITHUB_ACTIONS_BOT: TokenIdentity = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

export interface GitHubEmulatorOptions {
  owner?: string;
  repo?: string;
  repoId?: number;
  /** Organisations whose secrets exist (default: the owner). */
  orgs?: string[];
  environments?: string[];
  /** Whether the repository is private (default true): `private` org secrets reach private repositories only. */
  repoPrivate?: boolean;
  tokens?: Record<string, TokenPermissions>;
  /** Who each token acts as (default: github-actions[bot]). */
  identities?: Record<string, TokenIdentity>;
  /** Primary limit per hour (default 5000). */
  rateLimit?: number;
  /** GitHub Enterprise Server's REST path (`/api/v3`): every route is served under it. */
  apiPrefix?: string;
}

/** A repository of an organisation's listing (`GET /orgs/{org}/repos`). */
export interface EmulatedOrgRepo {
  name: string;
  archived?: boolean;
  fork?: boolean;
  private?: boolean;
  /** KB; 0 for an empty repository. */
  size?: number;
  /** null for a repository never pushed to. */
  pushed_at?: string | null;
  default_branch?: string;
  /** Fields laid over the answer as they are (hostile listings): the answer is then off the contract. */
  raw?: Record<string, unknown>;
}

export interface StoredSecret {
  name: string;
  value: string;
  created_at: string;
  updated_at: string;
  visibility?: 'all' | 'private' | 'selected';
  selected_repository_ids?: number[];
}

export interface EmulatedComment {
  id: number;
  body: string;
  created_at: string;
  user?: { login: string; id: number; type: string };
}

export interface EmulatedIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  comments: EmulatedComment[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Set for pull requests (they share the issue numbering and show up in issue lists). */
  pull?: { head: string; base: string };
  /** The author (default: github-actions[bot], as if keyguard's GITHUB_TOKEN opened it). */
  user?: TokenIdentity;
}

interface KeyPair {
  keyId: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

const DOCS = 'https://docs.github.com/rest';

/** Routes GitHub's REST description does not cover (GraphQL has its own schema, not checked here). */
const UNDESCRIBED = [/^\/graphql$/];
const LEVEL: Record<Permission, number> = { none: 0, read: 1, write: 2 };

/** GitHub's timestamps have no milliseconds. */
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

function ghError(status: number, message: string, extra: Record<string, unknown> = {}): EmulatorResponse {
  return { status, body: { message, documentation_url: DOCS, status: String(status), ...extra } };
}

/** GitHub's wording for a request it refuses, with the contract's reason after it. */
function refusal(status: number, reason: string): unknown {
  const lead =
    status === 404
      ? 'Not Found'
      : status === 400
        ? 'Problems parsing JSON'
        : status === 415
          ? 'Unsupported Media Type'
          : 'Invalid request.';
  return { message: `${lead}\n\n${reason}`, documentation_url: DOCS, status: String(status) };
}

export function scopeKey(scope: SecretScope | string): string {
  if (typeof scope === 'string') return scope;
  if (scope.kind === 'repo') return 'repo';
  if (scope.kind === 'env') return `env:${scope.environment}`;
  return `org:${scope.org}`;
}

export class GitHubEmulator {
  readonly server = new EmulatorServer('github');
  readonly owner: string;
  readonly repo: string;
  readonly repoId: number;
  readonly tokens = new Map<string, TokenPermissions>();
  readonly identities = new Map<string, TokenIdentity>();
  readonly orgs: Set<string>;
  readonly environments: Set<string>;
  readonly repoPrivate: boolean;
  /** scope key → upper-case name → secret. */
  readonly secrets = new Map<string, Map<string, StoredSecret>>();
  readonly issues: EmulatedIssue[] = [];
  readonly labels = new Map<string, { name: string; color: string; description: string }>();
  issuesEnabled = true;
  /** SARIF uploads received (decoded), in order. */
  readonly sarifUploads: { repository: string; commit_sha: string; ref: string; sarif: unknown }[] = [];
  /** org (lower case) → its repositories, in creation order. */
  readonly orgRepos = new Map<string, EmulatedOrgRepo[]>();
  /** When set, label creation is refused (403) and labels on new issues are dropped, as without push access. */
  labelsRefused = false;

  readonly #keys = new Map<string, KeyPair>();
  #nextKeyId = 568250167242549743n;
  #nextComment = 1;
  readonly #rate: { limit: number; used: number; reset: number };
  #exhausted?: { status: number; until: number };
  #secondary?: { status: number; remaining: number; retryAfter?: number };

  constructor(opts: GitHubEmulatorOptions = {}) {
    this.owner = opts.owner ?? 'acme';
    this.repo = opts.repo ?? 'app';
    this.repoId = opts.repoId ?? 1296269;
    this.orgs = new Set(opts.orgs ?? [this.owner]);
    this.environments = new Set(opts.environments ?? ['production']);
    this.repoPrivate = opts.repoPrivate ?? true;
    for (const [t, p] of Object.entries(opts.tokens ?? {})) this.addToken(t, p, opts.identities?.[t]);
    this.#rate = { limit: opts.rateLimit ?? 5000, used: 0, reset: Math.floor(Date.now() / 1000) + 3600 };
    if (opts.apiPrefix) this.server.pathPrefix = opts.apiPrefix.replace(/\/+$/, '');
    this.#routes();
    const described = this.server.routeList.filter((r) => !UNDESCRIBED.some((re) => re.test(r.pattern)));
    const { contract } = githubContract(described);
    this.#doc = contract.doc;
    this.server.enforce({ contract, errorBody: refusal, undescribed: UNDESCRIBED });
  }

  readonly #doc: unknown;
  readonly #templates = new Map<string, unknown>();

  /** A complete `components/schemas/<name>` object (every required field) with `fields` laid over it. */
  template<T extends Record<string, unknown>>(name: string, fields: T): Record<string, unknown> & T {
    let base = this.#templates.get(name);
    if (base === undefined) {
      base = sampleOf(this.#doc, { $ref: `#/components/schemas/${name}` });
      this.#templates.set(name, base);
    }
    return { ...structuredClone(base as Record<string, unknown>), ...fields };
  }

  /** A user object as GitHub embeds it (`simple-user`). */
  #userJson(u: { login: string; id: number; type: string }) {
    const url = `${this.baseUrl}/users/${encodeURIComponent(u.login)}`;
    return this.template('simple-user', {
      login: u.login,
      id: u.id,
      type: u.type,
      node_id: `U_${u.id}`,
      url,
      html_url: `https://github.com/${encodeURIComponent(u.login)}`,
    });
  }

  /** The repository as `minimal-repository` (`repository` and `full-repository` add to it). */
  #repoJson(
    schema: string,
    id: number,
    name: string,
    ownerLogin: string,
    extra: Record<string, unknown> = {},
  ) {
    return this.template(schema, {
      id,
      node_id: `R_${id}`,
      name,
      full_name: `${ownerLogin}/${name}`,
      owner: this.#userJson({ login: ownerLogin, id: 9919, type: 'Organization' }),
      private: this.repoPrivate,
      url: `${this.baseUrl}/repos/${ownerLogin}/${name}`,
      html_url: `https://github.com/${ownerLogin}/${name}`,
      ...extra,
    });
  }

  #labelJson(name: string) {
    const l = this.labels.get(name);
    const id = 208045946 + [...this.labels.keys()].indexOf(name);
    return this.template('label', {
      id,
      node_id: `LA_${id}`,
      url: `${this.baseUrl}/repos/${this.owner}/${this.repo}/labels/${encodeURIComponent(name)}`,
      name,
      description: l?.description || null,
      color: l?.color ?? 'ededed',
      default: false,
    });
  }

  #commentJson(issue: EmulatedIssue, c: EmulatedComment) {
    const issueUrl = `${this.baseUrl}/repos/${this.owner}/${this.repo}/issues/${issue.number}`;
    return this.template('issue-comment', {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.baseUrl}/repos/${this.owner}/${this.repo}/issues/comments/${c.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${issue.number}#issuecomment-${c.id}`,
      issue_url: issueUrl,
      body: c.body,
      user: this.#userJson(c.user ?? GITHUB_ACTIONS_BOT),
      created_at: c.created_at,
      updated_at: c.created_at,
      author_association: 'NONE',
    });
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  get requests() {
    return this.server.requests;
  }

  requestsTo(method: string, path: string | RegExp) {
    return this.server.requestsTo(method, path);
  }

  injectFault(rule: FaultRule): this {
    this.server.injectFault(rule);
    return this;
  }

  async start(): Promise<this> {
    await sodium.ready;
    this.server.contract?.compileAll();
    await this.server.start();
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  // ---------- state helpers for tests ----------

  addToken(token: string, permissions: TokenPermissions, identity?: TokenIdentity): this {
    this.tokens.set(token, permissions);
    if (identity) this.identities.set(token, identity);
    return this;
  }

  identityOf(token: string): TokenIdentity {
    return this.identities.get(token) ?? GITHUB_ACTIONS_BOT;
  }

  addEnvironment(name: string): this {
    this.environments.add(name);
    return this;
  }

  /** Adds repositories to an organisation's listing (the organisation is created). */
  addOrgRepos(org: string, repos: EmulatedOrgRepo[]): this {
    this.orgs.add(org);
    const list = this.orgRepos.get(org.toLowerCase()) ?? [];
    list.push(...repos);
    this.orgRepos.set(org.toLowerCase(), list);
    return this;
  }

  /** A push: the repository's `pushed_at` becomes now (or `at`), its size grows by `kb`. */
  pushTo(org: string, name: string, at = now(), kb = 1): this {
    const r = this.orgRepos.get(org.toLowerCase())?.find((x) => x.name === name);
    if (!r) throw new Error(`no repository ${org}/${name}`);
    r.pushed_at = at;
    r.size = (r.size ?? 0) + kb;
    return this;
  }

  addOrg(name: string): this {
    this.orgs.add(name);
    return this;
  }

  /** The plaintext a sealed box carried, as decrypted on PUT (undefined when absent). */
  secretValue(scope: SecretScope | string, name: string): string | undefined {
    return this.secrets.get(scopeKey(scope))?.get(name.toUpperCase())?.value;
  }

  secret(scope: SecretScope | string, name: string): StoredSecret | undefined {
    return this.secrets.get(scopeKey(scope))?.get(name.toUpperCase());
  }

  /** Seeds a secret directly (no encryption), e.g. an old org secret with selected repositories. */
  setSecret(
    scope: SecretScope | string,
    name: string,
    value: string,
    extra: Partial<StoredSecret> = {},
  ): this {
    const t = now();
    this.#scopeSecrets(scopeKey(scope)).set(name.toUpperCase(), {
      name: name.toUpperCase(),
      value,
      created_at: t,
      updated_at: t,
      ...extra,
    });
    return this;
  }

  /** Makes a secret look old (rotation age checks). */
  setSecretUpdatedAt(scope: SecretScope | string, name: string, updatedAt: string): this {
    const s = this.secret(scope, name);
    if (!s) throw new Error(`no secret ${name} in ${scopeKey(scope)}`);
    s.updated_at = updatedAt;
    return this;
  }

  /** The scope's current public key id (creates the keypair on first use). */
  publicKeyId(scope: SecretScope | string): string {
    return this.#keyPair(scopeKey(scope)).keyId;
  }

  /** Replaces a scope's keypair: PUTs sealed to the old key then fail with 422, as after GitHub rotates it. */
  rotatePublicKey(scope: SecretScope | string): string {
    this.#keys.delete(scopeKey(scope));
    return this.publicKeyId(scope);
  }

  /** Primary limit exhausted: every request answers `status` with remaining 0 until the reset. */
  exhaustRateLimit(opts: { status?: 403 | 429; resetInSeconds?: number } = {}): this {
    // Exhausted for the whole time asked (a floor here could leave a few milliseconds near the end of a
    // second); the reset header, in whole epoch seconds as GitHub sends it, is the first second after.
    const until = Math.ceil((Date.now() + (opts.resetInSeconds ?? 3600) * 1000) / 1000);
    this.#exhausted = { status: opts.status ?? 403, until };
    return this;
  }

  /** The next `times` requests hit a secondary limit (403 + message, `retry-after` when given). */
  triggerSecondaryRateLimit(
    opts: { times?: number; retryAfterSeconds?: number; status?: 403 | 429 } = {},
  ): this {
    this.#secondary = {
      status: opts.status ?? 403,
      remaining: opts.times ?? 1,
      retryAfter: opts.retryAfterSeconds,
    };
    return this;
  }

  resetRateLimit(): this {
    this.#exhausted = undefined;
    this.#secondary = undefined;
    this.#rate.used = 0;
    return this;
  }

  addIssue(fields: Partial<EmulatedIssue> & { title: string }): EmulatedIssue {
    const t = now();
    const issue: EmulatedIssue = {
      number: this.issues.length + 1,
      body: null,
      state: 'open',
      state_reason: null,
      labels: [],
      comments: [],
      created_at: t,
      updated_at: t,
      closed_at: null,
      user: GITHUB_ACTIONS_BOT,
      ...fields,
    };
    this.issues.push(issue);
    return issue;
  }

  addPull(title: string, head = 'feature', base = 'main'): EmulatedIssue {
    return this.addIssue({ title, pull: { head, base } });
  }

  issue(number: number): EmulatedIssue | undefined {
    return this.issues.find((i) => i.number === number);
  }

  // ---------- internals ----------

  #scopeSecrets(key: string): Map<string, StoredSecret> {
    let m = this.secrets.get(key);
    if (!m) {
      m = new Map();
      this.secrets.set(key, m);
    }
    return m;
  }

  #keyPair(key: string): KeyPair {
    let kp = this.#keys.get(key);
    if (!kp) {
      const pair = sodium.crypto_box_keypair();
      kp = { keyId: String(this.#nextKeyId++), publicKey: pair.publicKey, privateKey: pair.privateKey };
      this.#keys.set(key, kp);
    }
    return kp;
  }

  #rateHeaders(resource = 'core'): Record<string, string> {
    const exhausted = this.#exhausted && this.#exhausted.until > Date.now() / 1000;
    const remaining = exhausted ? 0 : Math.max(0, this.#rate.limit - this.#rate.used);
    return {
      'x-ratelimit-limit': String(this.#rate.limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-used': String(exhausted ? this.#rate.limit : this.#rate.used),
      'x-ratelimit-reset': String(exhausted ? this.#exhausted!.until : this.#rate.reset),
      'x-ratelimit-resource': resource,
    };
  }

  /** Wraps a handler with auth, permission checks, rate limits and the rate headers. */
  #guard(
    need: { perm: keyof TokenPermissions; level: Exclude<Permission, 'none'> } | undefined,
    handler: (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>,
  ) {
    return async (req: EmulatorRequest): Promise<EmulatorResponse> => {
      const withHeaders = (r: EmulatorResponse): EmulatorResponse => ({
        ...r,
        headers: { ...this.#rateHeaders(), ...r.headers },
      });
      const auth = req.headers.authorization;
      const m = typeof auth === 'string' ? /^(?:Bearer|token)\s+(.+)$/i.exec(auth) : null;
      if (!m) return withHeaders(ghError(401, 'Requires authentication'));
      const perms = this.tokens.get(m[1]!.trim());
      if (!perms) return withHeaders(ghError(401, 'Bad credentials'));

      if (this.#exhausted && this.#exhausted.until <= Date.now() / 1000) this.#exhausted = undefined;
      if (this.#exhausted) {
        return withHeaders(
          ghError(
            this.#exhausted.status,
            'API rate limit exceeded for installation. Please wait until reset.',
          ),
        );
      }
      if (this.#secondary && this.#secondary.remaining > 0) {
        this.#secondary.remaining--;
        const r = ghError(
          this.#secondary.status,
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        );
        if (this.#secondary.retryAfter !== undefined) {
          r.headers = { 'retry-after': String(this.#secondary.retryAfter) };
        }
        return withHeaders(r);
      }
      this.#rate.used++;

      if (need && LEVEL[perms[need.perm] ?? 'none'] < LEVEL[need.level]) {
        return withHeaders(ghError(403, 'Resource not accessible by integration'));
      }
      return withHeaders(await handler(req));
    };
  }

  #caller(req: EmulatorRequest): TokenIdentity {
    const m = /^(?:Bearer|token)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    return this.identityOf(m?.[1]?.trim() ?? '');
  }

  #isRepo(req: EmulatorRequest): boolean {
    return req.params.owner === this.owner && req.params.repo === this.repo;
  }

  /**
   * Another repository of an organisation's listing (a swept repository of the fleet): it has its own
   * Actions secrets (scope key `repo:<owner>/<name>`, lower case) and no environments; its id is the
   * one the listing gives it.
   */
  #orgRepo(
    owner: string | undefined,
    name: string | undefined,
  ): { id: number; private: boolean; name: string } | undefined {
    if (owner === undefined || name === undefined) return undefined;
    const list = this.orgRepos.get(owner.toLowerCase()) ?? [];
    const i = list.findIndex((r) => r.name.toLowerCase() === name.toLowerCase());
    return i < 0 ? undefined : { id: 500_000 + i, private: list[i]!.private ?? true, name: list[i]!.name };
  }

  /** The repository a request names, as secrets see it: this one or one of the organisation's. */
  #secretsRepo(req: EmulatorRequest): { id: number; private: boolean; key: string } | undefined {
    if (this.#isRepo(req)) return { id: this.repoId, private: this.repoPrivate, key: 'repo' };
    const other = this.#orgRepo(req.params.owner, req.params.repo);
    return (
      other && {
        id: other.id,
        private: other.private,
        key: `repo:${req.params.owner!.toLowerCase()}/${other.name.toLowerCase()}`,
      }
    );
  }

  /** Resolves the secret scope of a request, or a GitHub-shaped 404. */
  #scope(req: EmulatorRequest): { key: string; org: boolean } | EmulatorResponse {
    if (req.params.org !== undefined) {
      if (!this.orgs.has(req.params.org)) return ghError(404, 'Not Found');
      return { key: `org:${req.params.org}`, org: true };
    }
    const repo = this.#secretsRepo(req);
    if (!repo) return ghError(404, 'Not Found');
    if (req.params.env !== undefined) {
      if (repo.key !== 'repo' || !this.environments.has(req.params.env)) return ghError(404, 'Not Found');
      return { key: `env:${req.params.env}`, org: false };
    }
    return { key: repo.key, org: false };
  }

  #page(req: EmulatorRequest, total: number): { start: number; end: number; link?: string } {
    const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(total / perPage));
    const link = (p: number, rel: string) => {
      const q = new URLSearchParams(req.query);
      q.set('page', String(p));
      q.set('per_page', String(perPage));
      return `<${this.baseUrl}${req.path}?${q}>; rel="${rel}"`;
    };
    const parts: string[] = [];
    if (page > 1) parts.push(link(page - 1, 'prev'), link(1, 'first'));
    if (page < last) parts.push(link(page + 1, 'next'), link(last, 'last'));
    return {
      start: (page - 1) * perPage,
      end: page * perPage,
      link: parts.length ? parts.join(', ') : undefined,
    };
  }

  #secretJson(s: StoredSecret, scope: string, org: string | undefined) {
    const out: Record<string, unknown> = { name: s.name, created_at: s.created_at, updated_at: s.updated_at };
    if (scope.startsWith('org:')) {
      out.visibility = s.visibility ?? 'private';
      if (s.visibility === 'selected') {
        out.selected_repositories_url = `${this.baseUrl}/orgs/${org}/actions/secrets/${s.name}/repositories`;
      }
    }
    return out;
  }

  #issueJson(i: EmulatedIssue) {
    const url = `${this.baseUrl}/repos/${this.owner}/${this.repo}/issues/${i.number}`;
    const repoUrl = `${this.baseUrl}/repos/${this.owner}/${this.repo}`;
    const out: Record<string, unknown> = this.template('issue', {
      id: 1_000_000 + i.number,
      node_id: `I_${1_000_000 + i.number}`,
      number: i.number,
      url,
      repository_url: repoUrl,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: `https://github.com/${this.owner}/${this.repo}/${i.pull ? 'pull' : 'issues'}/${i.number}`,
      title: i.title,
      body: i.body,
      state: i.state,
      state_reason: i.state_reason,
      locked: false,
      assignee: null,
      milestone: null,
      labels: i.labels.map((name) => this.#labelJson(name)),
      comments: i.comments.length,
      created_at: i.created_at,
      updated_at: i.updated_at,
      closed_at: i.closed_at,
      author_association: 'NONE',
      user: this.#userJson(i.user ?? GITHUB_ACTIONS_BOT),
    });
    if (i.pull)
      out.pull_request = {
        url: `${this.baseUrl}/repos/${this.owner}/${this.repo}/pulls/${i.number}`,
        html_url: `https://github.com/${this.owner}/${this.repo}/pull/${i.number}`,
        diff_url: `https://github.com/${this.owner}/${this.repo}/pull/${i.number}.diff`,
        patch_url: `https://github.com/${this.owner}/${this.repo}/pull/${i.number}.patch`,
      };
    return out;
  }

  #routes(): void {
    const s = this.server;
    const secretsRead = (org: boolean) => ({ perm: org ? 'orgSecrets' : 'secrets', level: 'read' }) as const;
    const secretsWrite = (org: boolean) =>
      ({ perm: org ? 'orgSecrets' : 'secrets', level: 'write' }) as const;
    const repoBases = [
      '/repos/:owner/:repo/actions/secrets',
      '/repos/:owner/:repo/environments/:env/secrets',
    ];
    for (const base of [...repoBases, '/orgs/:org/actions/secrets']) {
      const org = base.startsWith('/orgs');
      s.route(
        'GET',
        `${base}/public-key`,
        this.#guard(secretsRead(org), (req) => this.#publicKey(req)),
      );
      s.route(
        'GET',
        base,
        this.#guard(secretsRead(org), (req) => this.#listSecrets(req)),
      );
      s.route(
        'GET',
        `${base}/:name`,
        this.#guard(secretsRead(org), (req) => this.#getSecret(req)),
      );
      s.route(
        'PUT',
        `${base}/:name`,
        this.#guard(secretsWrite(org), (req) => this.#putSecret(req)),
      );
      s.route(
        'DELETE',
        `${base}/:name`,
        this.#guard(secretsWrite(org), (req) => this.#deleteSecret(req)),
      );
    }
    s.route(
      'GET',
      '/orgs/:org/actions/secrets/:name/repositories',
      this.#guard(secretsRead(true), (req) => this.#secretRepositories(req)),
    );

    s.route(
      'GET',
      '/repos/:owner/:repo/environments',
      this.#guard({ perm: 'environments', level: 'read' }, (req) => this.#listEnvironments(req)),
    );
    s.route(
      'GET',
      '/repos/:owner/:repo/actions/organization-secrets',
      this.#guard(secretsRead(false), (req) => this.#repoOrgSecrets(req)),
    );

    const issuesRead = { perm: 'issues', level: 'read' } as const;
    const issuesWrite = { perm: 'issues', level: 'write' } as const;
    const issues = (
      need: typeof issuesRead | typeof issuesWrite,
      h: (r: EmulatorRequest) => EmulatorResponse,
    ) =>
      this.#guard(need, (req) => {
        if (!this.#isRepo(req)) return ghError(404, 'Not Found');
        if (!this.issuesEnabled) return ghError(410, 'Issues are disabled for this repo');
        return h(req);
      });
    s.route(
      'GET',
      '/repos/:owner/:repo',
      this.#guard(undefined, (req) => this.#repoInfo(req)),
    );
    s.route(
      'POST',
      '/graphql',
      this.#guard(undefined, (req) => this.#graphql(req)),
    );
    s.route(
      'GET',
      '/user',
      this.#guard(undefined, (req) => this.#user(req)),
    );
    s.route(
      'GET',
      '/repos/:owner/:repo/issues',
      issues(issuesRead, (req) => this.#listIssues(req)),
    );
    s.route(
      'POST',
      '/repos/:owner/:repo/issues',
      issues(issuesWrite, (req) => this.#createIssue(req)),
    );
    s.route(
      'GET',
      '/repos/:owner/:repo/issues/:number',
      issues(issuesRead, (req) => this.#getIssue(req)),
    );
    s.route(
      'PATCH',
      '/repos/:owner/:repo/issues/:number',
      issues(issuesWrite, (req) => this.#updateIssue(req)),
    );
    s.route(
      'GET',
      '/repos/:owner/:repo/issues/:number/comments',
      issues(issuesRead, (req) => this.#listComments(req)),
    );
    s.route(
      'POST',
      '/repos/:owner/:repo/issues/:number/comments',
      issues(issuesWrite, (req) => this.#createComment(req)),
    );
    s.route(
      'PATCH',
      '/repos/:owner/:repo/issues/comments/:comment_id',
      issues(issuesWrite, (req) => this.#updateComment(req)),
    );
    s.route(
      'GET',
      '/repos/:owner/:repo/labels/:name',
      issues(issuesRead, (req) => this.#getLabel(req)),
    );
    s.route(
      'POST',
      '/repos/:owner/:repo/labels',
      issues(issuesWrite, (req) => this.#createLabel(req)),
    );
    s.route(
      'POST',
      '/repos/:owner/:repo/code-scanning/sarifs',
      this.#guard({ perm: 'securityEvents', level: 'write' }, (req) => this.#uploadSarif(req)),
    );
    s.route(
      'GET',
      '/orgs/:org/repos',
      this.#guard(undefined, (req) => this.#listOrgRepos(req)),
    );
    s.route(
      'GET',
      '/repos/:owner/:repo/pulls',
      this.#guard({ perm: 'pulls', level: 'read' }, (req) => this.#listPulls(req)),
    );
  }

  /** The repository exists: the emulator's own, or one of an organisation's listing. */
  #repoExists(owner: string, repo: string): boolean {
    if (owner === this.owner && repo === this.repo) return true;
    return Boolean(this.orgRepos.get(owner.toLowerCase())?.some((r) => r.name === repo && !r.raw));
  }

  /** `POST /repos/{owner}/{repo}/code-scanning/sarifs`: the SARIF is gunzipped, parsed and kept. */
  #uploadSarif(req: EmulatorRequest): EmulatorResponse {
    const { owner, repo } = req.params as { owner: string; repo: string };
    if (!this.#repoExists(owner, repo)) return ghError(404, 'Not Found');
    const b = req.body as { commit_sha: string; ref: string; sarif: string };
    let sarif: unknown;
    try {
      sarif = JSON.parse(gunzipSync(Buffer.from(b.sarif, 'base64')).toString('utf8'));
    } catch {
      return ghError(400, 'Invalid SARIF: it must be gzip-compressed and base64-encoded JSON');
    }
    const id = `47177e22-5596-11eb-80a1-c1e54ef945c${this.sarifUploads.length % 10}`;
    this.sarifUploads.push({ repository: `${owner}/${repo}`, commit_sha: b.commit_sha, ref: b.ref, sarif });
    return {
      status: 202,
      body: { id, url: `${this.baseUrl}/repos/${owner}/${repo}/code-scanning/sarifs/${id}` },
    };
  }

  /**
   * `GET /orgs/{org}/repos`: `type` (all, public, private, forks, sources), `sort` (created, updated,
   * pushed, full_name; default created) and `direction`, paginated like GitHub (Link header).
   */
  #listOrgRepos(req: EmulatorRequest): EmulatorResponse {
    const org = [...this.orgs].find((o) => o.toLowerCase() === req.params.org!.toLowerCase());
    const all = org ? this.orgRepos.get(org.toLowerCase()) : undefined;
    if (!org || !all) return ghError(404, 'Not Found');
    const type = req.query.get('type') ?? 'all';
    let repos = all.map((r, i) => ({ r, id: 500_000 + i }));
    if (type === 'forks') repos = repos.filter(({ r }) => r.fork);
    else if (type === 'sources') repos = repos.filter(({ r }) => !r.fork);
    else if (type === 'public') repos = repos.filter(({ r }) => !(r.private ?? true));
    else if (type === 'private') repos = repos.filter(({ r }) => r.private ?? true);
    const sort = req.query.get('sort') ?? 'created';
    const dir = req.query.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc');
    if (sort === 'full_name')
      repos.sort((a, b) => a.r.name.toLowerCase().localeCompare(b.r.name.toLowerCase()));
    else if (sort === 'pushed' || sort === 'updated')
      repos.sort((a, b) => (a.r.pushed_at ?? '').localeCompare(b.r.pushed_at ?? ''));
    if (dir === 'desc') repos.reverse();
    const page = this.#page(req, repos.length);
    let hostile = false;
    const body = repos.slice(page.start, page.end).map(({ r, id }) => {
      if (r.raw) hostile = true;
      return {
        ...this.#repoJson('minimal-repository', id, r.name, org, {
          private: r.private ?? true,
          fork: r.fork ?? false,
          archived: r.archived ?? false,
          size: r.size ?? 100,
          pushed_at: r.pushed_at === undefined ? '2026-11-01T00:00:00Z' : r.pushed_at,
          default_branch: r.default_branch ?? 'main',
        }),
        ...r.raw,
      };
    });
    return {
      status: 200,
      body,
      headers: page.link ? { link: page.link } : {},
      ...(hostile ? { offContract: 'a hostile listing built by the test' } : {}),
    };
  }

  /** Only `viewer { login databaseId }` is understood; anything else is a GraphQL error, as on GitHub. */
  #graphql(req: EmulatorRequest): EmulatorResponse {
    const query = (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string')
      return ghError(400, 'Problems parsing JSON', { documentation_url: 'https://docs.github.com/graphql' });
    const me = this.#caller(req);
    if (/^\s*(?:query\s*)?\{\s*viewer\s*\{\s*login\s+databaseId\s*\}\s*\}\s*$/.test(query)) {
      return { status: 200, body: { data: { viewer: { login: me.login, databaseId: me.id } } } };
    }
    return {
      status: 200,
      body: { errors: [{ message: 'this emulator answers only viewer { login databaseId }' }] },
    };
  }

  #user(req: EmulatorRequest): EmulatorResponse {
    const me = this.#caller(req);
    if (me.type === 'Bot') return ghError(403, 'Resource not accessible by integration');
    return {
      status: 200,
      body: this.template('public-user', {
        ...this.#userJson(me),
        user_view_type: 'public',
      }),
    };
  }

  #repoInfo(req: EmulatorRequest): EmulatorResponse {
    if (!this.#isRepo(req)) return ghError(404, 'Not Found');
    return {
      status: 200,
      body: this.#repoJson('full-repository', this.repoId, this.repo, this.owner, {
        has_issues: this.issuesEnabled,
      }),
    };
  }

  // ---------- secrets ----------

  #publicKey(req: EmulatorRequest): EmulatorResponse {
    const scope = this.#scope(req);
    if ('status' in scope) return scope;
    const kp = this.#keyPair(scope.key);
    return {
      status: 200,
      body: { key_id: kp.keyId, key: sodium.to_base64(kp.publicKey, sodium.base64_variants.ORIGINAL) },
    };
  }

  #listSecrets(req: EmulatorRequest): EmulatorResponse {
    const scope = this.#scope(req);
    if ('status' in scope) return scope;
    const all = [...this.#scopeSecrets(scope.key).values()].sort((a, b) => a.name.localeCompare(b.name));
    const page = this.#page(req, all.length);
    return {
      status: 200,
      headers: page.link ? { link: page.link } : {},
      body: {
        total_count: all.length,
        secrets: all.slice(page.start, page.end).map((x) => this.#secretJson(x, scope.key, req.params.org)),
      },
    };
  }

  #getSecret(req: EmulatorRequest): EmulatorResponse {
    const scope = this.#scope(req);
    if ('status' in scope) return scope;
    const found = this.#scopeSecrets(scope.key).get(req.params.name!.toUpperCase());
    if (!found) return ghError(404, 'Not Found');
    return { status: 200, body: this.#secretJson(found, scope.key, req.params.org) };
  }

  #deleteSecret(req: EmulatorRequest): EmulatorResponse {
    const scope = this.#scope(req);
    if ('status' in scope) return scope;
    const deleted = this.#scopeSecrets(scope.key).delete(req.params.name!.toUpperCase());
    return deleted ? { status: 204 } : ghError(404, 'Not Found');
  }

  /** `GET /repos/{owner}/{repo}/environments`: `{ total_count, environments: [{ id, name, ... }] }`. */
  #listEnvironments(req: EmulatorRequest): EmulatorResponse {
    const repo = this.#secretsRepo(req);
    if (!repo) return ghError(404, 'Not Found');
    // The organisation's other repositories have no environments here.
    const all = repo.key === 'repo' ? [...this.environments].sort() : [];
    const page = this.#page(req, all.length);
    return {
      status: 200,
      headers: page.link ? { link: page.link } : {},
      body: {
        total_count: all.length,
        environments: all.slice(page.start, page.end).map((name, i) =>
          this.template('environment', {
            id: 161088068 + i,
            node_id: `EN_${161088068 + i}`,
            name,
            url: `${this.baseUrl}/repos/${this.owner}/${this.repo}/environments/${encodeURIComponent(name)}`,
            html_url: `https://github.com/${this.owner}/${this.repo}/deployments/activity_log?environments_filter=${encodeURIComponent(name)}`,
            created_at: '2026-01-01T00:00:00Z',
            updated_at: '2026-01-01T00:00:00Z',
            protection_rules: [],
          }),
        ),
      },
    };
  }

  /** Whether an org secret reaches this repository: `all`; `private` for a private repo; `selected` by id. */
  #orgSecretReachesRepo(s: StoredSecret, repo: { id: number; private: boolean }): boolean {
    const v = s.visibility ?? 'private';
    if (v === 'all') return true;
    if (v === 'private') return repo.private;
    return (s.selected_repository_ids ?? []).includes(repo.id);
  }

  /**
   * `GET /repos/{owner}/{repo}/actions/organization-secrets`: the owner's org secrets shared with this
   * repository (name and dates only, no visibility: that is on the org endpoint).
   */
  #repoOrgSecrets(req: EmulatorRequest): EmulatorResponse {
    const repo = this.#secretsRepo(req);
    if (!repo) return ghError(404, 'Not Found');
    const owner = req.params.owner!;
    const all = this.orgs.has(owner)
      ? [...this.#scopeSecrets(`org:${owner}`).values()]
          .filter((x) => this.#orgSecretReachesRepo(x, repo))
          .sort((a, b) => a.name.localeCompare(b.name))
      : [];
    const page = this.#page(req, all.length);
    return {
      status: 200,
      headers: page.link ? { link: page.link } : {},
      body: {
        total_count: all.length,
        secrets: all
          .slice(page.start, page.end)
          .map((x) => ({ name: x.name, created_at: x.created_at, updated_at: x.updated_at })),
      },
    };
  }

  #secretRepositories(req: EmulatorRequest): EmulatorResponse {
    const scope = this.#scope(req);
    if ('status' in scope) return scope;
    const found = this.#scopeSecrets(scope.key).get(req.params.name!.toUpperCase());
    if (!found) return ghError(404, 'Not Found');
    const ids = found.selected_repository_ids ?? [];
    const page = this.#page(req, ids.length);
    return {
      status: 200,
      headers: page.link ? { link: page.link } : {},
      body: {
        total_count: ids.length,
        repositories: ids
          .slice(page.start, page.end)
          .map((id) =>
            this.#repoJson(
              'minimal-repository',
              id,
              id === this.repoId ? this.repo : this.#repoNameById(req.params.org!, id),
              req.params.org!,
            ),
          ),
      },
    };
  }

  #repoNameById(org: string, id: number): string {
    return this.orgRepos.get(org.toLowerCase())?.[id - 500_000]?.name ?? `repo-${id}`;
  }

  /** The id the organisation's listing gives a repository (selected org secrets name repositories by id). */
  orgRepoId(org: string, name: string): number {
    const r = this.#orgRepo(org, name);
    if (!r) throw new Error(`no repository ${org}/${name}`);
    return r.id;
  }

  #putSecret(req: EmulatorRequest): EmulatorResponse {
    const scope = this.#scope(req);
    if ('status' in scope) return scope;
    const name = req.params.name!;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name)) {
      return ghError(
        422,
        'Failed to add secret. Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or ' +
          'underscores (_), must not start with a number or GITHUB_.',
      );
    }
    const body = req.body as Record<string, unknown> | undefined;
    const encrypted = body?.encrypted_value;
    const keyId = body?.key_id;
    if (typeof encrypted !== 'string' || typeof keyId !== 'string') {
      return ghError(422, 'Invalid request.\n\n"encrypted_value" and "key_id" are required.');
    }
    const kp = this.#keyPair(scope.key);
    if (keyId !== kp.keyId) {
      return ghError(422, 'Validation Failed', {
        errors: [
          { resource: 'Secret', field: 'key_id', code: 'invalid', message: 'key_id is not the current key' },
        ],
      });
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encrypted) || encrypted.length % 4 !== 0) {
      return ghError(422, 'Bad request - encrypted_value must be base64 encoded');
    }
    let value: string;
    try {
      const sealed = sodium.from_base64(encrypted, sodium.base64_variants.ORIGINAL);
      value = sodium.crypto_box_seal_open(sealed, kp.publicKey, kp.privateKey, 'text');
    } catch {
      return ghError(422, 'Bad request - encrypted_value could not be decrypted with the key');
    }
    let visibility: StoredSecret['visibility'];
    let selected: number[] | undefined;
    if (scope.org) {
      const v = body?.visibility;
      if (v !== 'all' && v !== 'private' && v !== 'selected') {
        return ghError(422, 'Invalid request.\n\n"visibility" is required: all, private or selected.');
      }
      const ids = body?.selected_repository_ids;
      if (ids !== undefined && v !== 'selected') {
        return ghError(
          422,
          'Invalid request.\n\nselected_repository_ids are only allowed with visibility selected.',
        );
      }
      if (ids !== undefined && (!Array.isArray(ids) || ids.some((i) => !Number.isInteger(i)))) {
        return ghError(422, 'Invalid request.\n\nselected_repository_ids must be integers.');
      }
      visibility = v;
      selected = v === 'selected' ? ((ids as number[] | undefined) ?? []) : undefined;
    }
    const secrets = this.#scopeSecrets(scope.key);
    const upper = name.toUpperCase();
    const existing = secrets.get(upper);
    const t = now();
    secrets.set(upper, {
      name: upper,
      value,
      created_at: existing?.created_at ?? t,
      updated_at: t,
      ...(scope.org ? { visibility, selected_repository_ids: selected } : {}),
    });
    return existing ? { status: 204 } : { status: 201, body: {} };
  }

  // ---------- issues ----------

  #findIssue(req: EmulatorRequest): EmulatedIssue | undefined {
    return this.issue(Number(req.params.number));
  }

  #listIssues(req: EmulatorRequest): EmulatorResponse {
    const state = req.query.get('state') ?? 'open';
    const labels = (req.query.get('labels') ?? '')
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
    const direction = req.query.get('direction') ?? 'desc';
    const since = req.query.get('since');
    const sinceMs = since ? Date.parse(since) : Number.NaN;
    if (since && Number.isNaN(sinceMs)) {
      return ghError(422, 'Validation Failed', {
        errors: [{ resource: 'Issue', field: 'since', code: 'invalid' }],
      });
    }
    const matching = this.issues
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => Number.isNaN(sinceMs) || Date.parse(i.updated_at) >= Math.floor(sinceMs / 1000) * 1000)
      .filter((i) => labels.every((l) => i.labels.includes(l)))
      .sort((a, b) => (direction === 'asc' ? a.number - b.number : b.number - a.number));
    const page = this.#page(req, matching.length);
    return {
      status: 200,
      headers: page.link ? { link: page.link } : {},
      body: matching.slice(page.start, page.end).map((i) => this.#issueJson(i)),
    };
  }

  #createIssue(req: EmulatorRequest): EmulatorResponse {
    const body = (req.body ?? {}) as { title?: unknown; body?: unknown; labels?: unknown };
    if (typeof body.title !== 'string' || !body.title) {
      return ghError(422, 'Validation Failed', {
        errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
      });
    }
    let labels: string[] = [];
    if (Array.isArray(body.labels) && !this.labelsRefused) {
      labels = body.labels.map(String);
      // GitHub creates labels that do not exist yet when the caller may push.
      for (const l of labels)
        if (!this.labels.has(l)) this.labels.set(l, { name: l, color: 'ededed', description: '' });
    }
    const issue = this.addIssue({
      title: body.title,
      body: typeof body.body === 'string' ? body.body : null,
      labels,
      user: this.#caller(req),
    });
    return { status: 201, body: this.#issueJson(issue) };
  }

  #getIssue(req: EmulatorRequest): EmulatorResponse {
    const issue = this.#findIssue(req);
    return issue ? { status: 200, body: this.#issueJson(issue) } : ghError(404, 'Not Found');
  }

  #updateIssue(req: EmulatorRequest): EmulatorResponse {
    const issue = this.#findIssue(req);
    if (!issue) return ghError(404, 'Not Found');
    const b = (req.body ?? {}) as Record<string, unknown>;
    if (b.state !== undefined && b.state !== 'open' && b.state !== 'closed') {
      return ghError(422, 'Validation Failed', {
        errors: [{ resource: 'Issue', field: 'state', code: 'invalid' }],
      });
    }
    if (typeof b.title === 'string') issue.title = b.title;
    if (typeof b.body === 'string' || b.body === null) issue.body = b.body as string | null;
    if (Array.isArray(b.labels) && !this.labelsRefused) issue.labels = b.labels.map(String);
    if (b.state === 'closed' && issue.state !== 'closed') {
      issue.state = 'closed';
      issue.state_reason = typeof b.state_reason === 'string' ? b.state_reason : 'completed';
      issue.closed_at = now();
    } else if (b.state === 'open' && issue.state !== 'open') {
      issue.state = 'open';
      issue.state_reason = 'reopened';
      issue.closed_at = null;
    }
    issue.updated_at = now();
    return { status: 200, body: this.#issueJson(issue) };
  }

  #listComments(req: EmulatorRequest): EmulatorResponse {
    const issue = this.#findIssue(req);
    if (!issue) return ghError(404, 'Not Found');
    const page = this.#page(req, issue.comments.length);
    return {
      status: 200,
      headers: page.link ? { link: page.link } : {},
      body: issue.comments.slice(page.start, page.end).map((c) => this.#commentJson(issue, c)),
    };
  }

  #createComment(req: EmulatorRequest): EmulatorResponse {
    const issue = this.#findIssue(req);
    if (!issue) return ghError(404, 'Not Found');
    const body = (req.body as { body?: unknown } | undefined)?.body;
    if (typeof body !== 'string' || !body) {
      return ghError(422, 'Validation Failed', {
        errors: [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }],
      });
    }
    const { login, id, type } = this.#caller(req);
    const comment = { id: this.#nextComment++, body, created_at: now(), user: { login, id, type } };
    issue.comments.push(comment);
    issue.updated_at = comment.created_at;
    return { status: 201, body: this.#commentJson(issue, comment) };
  }

  /**
   * PATCH an issue comment ("Update an issue comment"): `body` required; like GitHub, any token with
   * issues write may edit any comment of the repository, whoever wrote it (so callers must check).
   */
  #updateComment(req: EmulatorRequest): EmulatorResponse {
    const id = Number(req.params.comment_id);
    const comment = this.issues.flatMap((i) => i.comments.map((c) => ({ i, c }))).find((x) => x.c.id === id);
    if (!comment) return ghError(404, 'Not Found');
    const body = (req.body as { body?: unknown } | undefined)?.body;
    if (typeof body !== 'string' || !body) {
      return ghError(422, 'Validation Failed', {
        errors: [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }],
      });
    }
    comment.c.body = body;
    comment.i.updated_at = now();
    return { status: 200, body: this.#commentJson(comment.i, comment.c) };
  }

  #getLabel(req: EmulatorRequest): EmulatorResponse {
    const label = this.labels.get(req.params.name!);
    return label ? { status: 200, body: this.#labelJson(label.name) } : ghError(404, 'Not Found');
  }

  #createLabel(req: EmulatorRequest): EmulatorResponse {
    if (this.labelsRefused) return ghError(403, 'Resource not accessible by integration');
    const b = (req.body ?? {}) as { name?: unknown; color?: unknown; description?: unknown };
    if (typeof b.name !== 'string' || !b.name) {
      return ghError(422, 'Validation Failed', {
        errors: [{ resource: 'Label', field: 'name', code: 'missing_field' }],
      });
    }
    if (this.labels.has(b.name)) {
      return ghError(422, 'Validation Failed', {
        errors: [{ resource: 'Label', field: 'name', code: 'already_exists' }],
      });
    }
    const label = {
      name: b.name,
      color: typeof b.color === 'string' ? b.color : 'ededed',
      description: typeof b.description === 'string' ? b.description : '',
    };
    this.labels.set(b.name, label);
    return { status: 201, body: this.#labelJson(label.name) };
  }

  #listPulls(req: EmulatorRequest): EmulatorResponse {
    if (!this.#isRepo(req)) return ghError(404, 'Not Found');
    const state = req.query.get('state') ?? 'open';
    const pulls = this.issues.filter((i) => i.pull && (state === 'all' || i.state === state));
    const page = this.#page(req, pulls.length);
    return {
      status: 200,
      headers: page.link ? { link: page.link } : {},
      body: pulls.slice(page.start, page.end).map((p) => {
        const repo = this.#repoJson('repository', this.repoId, this.repo, this.owner);
        const user = this.#userJson(p.user ?? GITHUB_ACTIONS_BOT);
        const ref = (name: string) => ({
          label: `${this.owner}:${name}`,
          ref: name,
          sha: '0'.repeat(40),
          repo,
          user,
        });
        return this.template('pull-request-simple', {
          id: 2_000_000 + p.number,
          node_id: `PR_${2_000_000 + p.number}`,
          number: p.number,
          title: p.title,
          state: p.state,
          head: ref(p.pull!.head),
          base: ref(p.pull!.base),
          user,
          url: `${this.baseUrl}/repos/${this.owner}/${this.repo}/pulls/${p.number}`,
          html_url: `https://github.com/${this.owner}/${this.repo}/pull/${p.number}`,
          created_at: p.created_at,
          updated_at: p.updated_at,
          closed_at: p.closed_at,
        });
      }),
    };
  }
}

/** Starts a GitHub emulator on a random local port. */
export async function startGitHubEmulator(opts: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  return new GitHubEmulator(opts).start();
}
