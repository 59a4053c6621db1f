/**
 * The SecretsSink against GitHub's Actions secrets API (reference §8): repository, environment and
 * organisation scopes. Values are sealed to the scope's public key (fetched once per scope per run);
 * a 422 on PUT (GitHub rotated the key, or a stale cache) refetches the key once and retries.
 */
import type { Secret } from '../scan/secret.js';
import type { GitHubClient } from './client.js';
import { GitHubApiError, GitHubPermissionError, SecretTargetError } from './errors.js';
import { sealSecret } from './sealed-box.js';
import type { RepoContext, SecretMeta, SecretScope, SecretsSink, SecretTarget } from './types.js';

export interface GitHubSecretsSink extends SecretsSink {
  /** Removes a secret; false when it did not exist. */
  delete(target: SecretTarget): Promise<boolean>;
  /**
   * Every place a secret of this name exists for this repository: the repository, each of its
   * environments, and the organisation secrets the repository can use (with their visibility).
   * GitHub never says which one a job's `secrets.NAME` resolved to; the caller decides.
   */
  whereIs(name: string): Promise<SecretTarget[]>;
  /**
   * Proves a target can be written before anything changes: its scope exists (an environment
   * that is gone answers 404 here), its public key can be fetched, and an organisation secret's
   * visibility and selected repositories are known. Throws the precise error otherwise.
   */
  preflight(target: SecretTarget): Promise<void>;
}

interface PublicKey {
  key_id: string;
  key: string;
}

interface SecretJson {
  name: string;
  created_at: string;
  updated_at: string;
  visibility?: 'all' | 'private' | 'selected';
}

/** `[A-Za-z0-9_]`, not a leading digit, not `GITHUB_`; GitHub stores it upper case. */
export function normaliseSecretName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new SecretTargetError(
      `secret name "${name}" is not valid: use only letters, digits and underscores, not starting with a digit`,
    );
  }
  if (/^GITHUB_/i.test(name)) {
    throw new SecretTargetError(
      `secret name "${name}" is not valid: names starting with GITHUB_ are reserved`,
    );
  }
  return name.toUpperCase();
}

export function describeScope(scope: SecretScope, repo: RepoContext): string {
  if (scope.kind === 'repo') return `repository ${repo.owner}/${repo.repo}`;
  if (scope.kind === 'env') return `environment "${scope.environment}" of ${repo.owner}/${repo.repo}`;
  return `organization ${scope.org}`;
}

function scopeBase(scope: SecretScope, repo: RepoContext): string {
  const r = `/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
  if (scope.kind === 'repo') return `${r}/actions/secrets`;
  // encodeURIComponent turns `/` into %2F and spaces into %20, as the API expects.
  if (scope.kind === 'env') return `${r}/environments/${encodeURIComponent(scope.environment)}/secrets`;
  return `/orgs/${encodeURIComponent(scope.org)}/actions/secrets`;
}

/** The precise message for "this token may not touch secrets" (GITHUB_TOKEN's usual fate). */
function permissionError(
  err: GitHubApiError,
  scope: SecretScope,
  repo: RepoContext,
  access: 'read' | 'write',
): GitHubPermissionError {
  const where = describeScope(scope, repo);
  const permission =
    scope.kind === 'org'
      ? 'the organization permission "Secrets: write" (classic PAT: admin:org)'
      : scope.kind === 'env'
        ? 'the repository permissions "Secrets: write" and "Environments: read" (classic PAT: repo)'
        : 'the repository permission "Secrets: write" (classic PAT: repo)';
  return new GitHubPermissionError(
    `cannot ${access} Actions secrets of the ${where}: GitHub answered ${err.status} ` +
      `"${err.githubMessage ?? 'Forbidden'}" on ${err.method} ${err.path}. The workflow's GITHUB_TOKEN cannot ` +
      `${access} secrets (it has no secrets permission). Pass a fine-grained personal access token or a GitHub App ` +
      `installation token with ${permission} as the \`secrets-token\` input.`,
    err.status,
    err.method,
    err.path,
    err.githubMessage,
  );
}

function isPermissionDenied(err: unknown): err is GitHubApiError {
  return (
    err instanceof GitHubApiError &&
    err.status === 403 &&
    /not accessible by integration|must have admin|forbidden|permission/i.test(err.githubMessage ?? '')
  );
}

export function createSecretsSink(client: GitHubClient, repo: RepoContext): GitHubSecretsSink {
  const keys = new Map<string, Promise<PublicKey>>();

  const cacheKey = (scope: SecretScope) => scopeBase(scope, repo);

  /** Maps a permission 403 (and a 404 on the scope itself) to a precise message; others pass unchanged. */
  async function guarded<T>(scope: SecretScope, access: 'read' | 'write', fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isPermissionDenied(err)) throw permissionError(err, scope, repo, access);
      if (err instanceof GitHubApiError && err.status === 404 && err.path.endsWith('/public-key')) {
        throw new GitHubApiError(
          `${GitHubApiError.describe(err.method, err.path, 404, err.githubMessage)}: the ${describeScope(scope, repo)} ` +
            'does not exist, or the token cannot see it',
          404,
          err.method,
          err.path,
          err.githubMessage,
        );
      }
      throw err;
    }
  }

  function publicKey(scope: SecretScope, refresh = false): Promise<PublicKey> {
    const k = cacheKey(scope);
    let p = refresh ? undefined : keys.get(k);
    if (!p) {
      p = client.request<PublicKey>('GET', `${scopeBase(scope, repo)}/public-key`).then((r) => r.data);
      keys.set(k, p);
      // A failed fetch must not stay cached.
      p.catch(() => keys.delete(k));
    }
    return p;
  }

  function toMeta(json: SecretJson, scope: SecretScope): SecretMeta {
    const s: SecretScope =
      scope.kind === 'org' && json.visibility ? { ...scope, visibility: json.visibility } : scope;
    return { name: json.name, scope: s, createdAt: json.created_at, updatedAt: json.updated_at };
  }

  /** Org secrets need `visibility` on every PUT: keep what an existing secret has. */
  async function orgFields(scope: Extract<SecretScope, { kind: 'org' }>, name: string) {
    const base = scopeBase(scope, repo);
    const existing = await client.request<SecretJson>('GET', `${base}/${name}`, { accept: [404] });
    if (existing.status === 404) {
      if (!scope.visibility) {
        throw new SecretTargetError(
          `organization secret ${name} does not exist yet in ${scope.org}: say which repositories may use it ` +
            `(visibility: all, private or selected) to create it`,
        );
      }
      return scope.visibility === 'selected'
        ? { visibility: 'selected', selected_repository_ids: scope.selectedRepositoryIds ?? [] }
        : { visibility: scope.visibility };
    }
    const visibility = existing.data.visibility;
    // Guessing would re-scope the secret on PUT (a `selected` secret turned `private` widens it).
    if (visibility !== 'all' && visibility !== 'private' && visibility !== 'selected') {
      throw new SecretTargetError(
        `organization secret ${name} of ${scope.org}: GitHub did not say its visibility, so keyguard cannot ` +
          'update it without changing which repositories may use it',
      );
    }
    if (visibility !== 'selected') return { visibility };
    const ids: number[] = [];
    for await (const r of client.paginate(`${base}/${name}/repositories`, {}, (d) => {
      return ((d as { repositories?: { id: number }[] }).repositories ?? []).map((x) => x.id);
    })) {
      ids.push(r);
    }
    return { visibility, selected_repository_ids: ids };
  }

  async function putOnce(target: SecretTarget, name: string, value: Secret, key: PublicKey, extra: object) {
    const encrypted_value = await sealSecret(value.reveal(), key.key);
    return client.request('PUT', `${scopeBase(target.scope, repo)}/${name}`, {
      body: { encrypted_value, key_id: key.key_id, ...extra },
      accept: [422],
    });
  }

  /** Whether a secret of this name exists in one scope (a scope that is gone: no). */
  async function exists(scope: SecretScope, name: string): Promise<boolean> {
    const res = await client.request('GET', `${scopeBase(scope, repo)}/${name}`, { accept: [404] });
    return res.status !== 404;
  }

  async function environments(): Promise<string[]> {
    const r = `/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
    const out: string[] = [];
    const pick = (d: unknown) =>
      ((d as { environments?: { name: string }[] }).environments ?? []).map((e) => e.name);
    for await (const name of client.paginate(`${r}/environments`, {}, pick)) out.push(name);
    return out;
  }

  /** Organisation secrets this repository may use (`GET /repos/{o}/{r}/actions/organization-secrets`). */
  async function repoOrgSecretNames(): Promise<Set<string>> {
    const r = `/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
    const out = new Set<string>();
    const pick = (d: unknown) =>
      ((d as { secrets?: SecretJson[] }).secrets ?? []).map((x) => x.name.toUpperCase());
    for await (const name of client.paginate(`${r}/actions/organization-secrets`, {}, pick)) out.add(name);
    return out;
  }

  return {
    async whereIs(raw) {
      // An env variable that cannot be a secret's name (`my-key`, `GITHUB_…`) is in no scope.
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(raw) || /^GITHUB_/i.test(raw)) return [];
      const name = normaliseSecretName(raw);
      const found: SecretTarget[] = [];
      const repoScope: SecretScope = { kind: 'repo' };
      if (await guarded(repoScope, 'read', () => exists(repoScope, name)))
        found.push({ name, scope: repoScope });
      for (const environment of await environments()) {
        const scope: SecretScope = { kind: 'env', environment };
        if (await guarded(scope, 'read', () => exists(scope, name))) found.push({ name, scope });
      }
      if ((await repoOrgSecretNames()).has(name)) {
        // The repository's org secrets all belong to its owner; the org endpoint gives the visibility.
        const scope: SecretScope = { kind: 'org', org: repo.owner };
        const meta = await guarded(scope, 'read', () =>
          client.request<SecretJson>('GET', `${scopeBase(scope, repo)}/${name}`, { accept: [404] }),
        );
        found.push({
          name,
          scope:
            meta.status === 200 && meta.data.visibility
              ? { ...scope, visibility: meta.data.visibility }
              : scope,
        });
      }
      return found;
    },

    async preflight(target) {
      const name = normaliseSecretName(target.name);
      await guarded(target.scope, 'read', async () => {
        await publicKey(target.scope);
        if (target.scope.kind === 'org') await orgFields(target.scope, name);
      });
    },

    async put(target, value) {
      const name = normaliseSecretName(target.name);
      return guarded(target.scope, 'write', async () => {
        const extra = target.scope.kind === 'org' ? await orgFields(target.scope, name) : {};
        let res = await putOnce(target, name, value, await publicKey(target.scope), extra);
        if (res.status === 422) {
          // GitHub may have rotated the scope's key since we cached it: fetch it again, once.
          res = await putOnce(target, name, value, await publicKey(target.scope, true), extra);
        }
        if (res.status === 422) {
          const msg = (res.data as { message?: string } | undefined)?.message;
          throw new GitHubApiError(
            `${GitHubApiError.describe('PUT', `${scopeBase(target.scope, repo)}/${name}`, 422, msg)}: GitHub refused ` +
              `the sealed value for secret ${name} even with a freshly fetched public key`,
            422,
            'PUT',
            `${scopeBase(target.scope, repo)}/${name}`,
            msg,
          );
        }
        return res.status === 201 ? 'created' : 'updated';
      });
    },

    async get(target) {
      const name = normaliseSecretName(target.name);
      return guarded(target.scope, 'read', async () => {
        const res = await client.request<SecretJson>('GET', `${scopeBase(target.scope, repo)}/${name}`, {
          accept: [404],
        });
        return res.status === 404 ? null : toMeta(res.data, target.scope);
      });
    },

    async list(scope) {
      return guarded(scope, 'read', async () => {
        const out: SecretMeta[] = [];
        const pick = (d: unknown) => (d as { secrets?: SecretJson[] }).secrets ?? [];
        for await (const s of client.paginate(scopeBase(scope, repo), {}, pick)) out.push(toMeta(s, scope));
        return out;
      });
    },

    async delete(target) {
      const name = normaliseSecretName(target.name);
      return guarded(target.scope, 'write', async () => {
        const res = await client.request('DELETE', `${scopeBase(target.scope, repo)}/${name}`, {
          accept: [404],
        });
        return res.status !== 404;
      });
    },
  };
}
