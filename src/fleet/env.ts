/**
 * The fleet's environment, read in one place: which API, which server, which token. The token is
 * KEYGUARD_FLEET_TOKEN (a GitHub App installation token for the organisation) over GITHUB_TOKEN (the
 * workflow's own, which can read only its repository). It is kept as a Secret: never in a URL, an
 * argument list, a file or a log.
 */
import { InputError } from '../config/errors.js';
import { Secret } from '../scan/secret.js';
import { tokenUrl } from './git-auth.js';

/** As in ../github/client.ts (not imported: that module brings Octokit, loaded only when a request is made). */
const DEFAULT_API_URL = 'https://api.github.com';

export const FLEET_TOKEN_ENV = 'KEYGUARD_FLEET_TOKEN';

export function fleetToken(env: NodeJS.ProcessEnv): Secret | undefined {
  const raw = env[FLEET_TOKEN_ENV]?.trim() || env.GITHUB_TOKEN?.trim();
  return raw ? new Secret(raw) : undefined;
}

/** The token, or an error saying where it is read from. */
export function requireFleetToken(env: NodeJS.ProcessEnv, what: string): Secret {
  const token = fleetToken(env);
  if (!token)
    throw new InputError(
      `${what} needs a token in ${FLEET_TOKEN_ENV} (or GITHUB_TOKEN): a GitHub App installation token for the organisation (docs/fleet.md)`,
    );
  return token;
}

/**
 * GITHUB_API_URL (GHES carries a path: https://HOST/api/v3), checked by the rule of every URL the token
 * goes to (./git-auth.ts tokenUrl): no credentials, no query, https or loopback http.
 */
export function fleetApiUrl(env: NodeJS.ProcessEnv): string {
  return tokenUrl('GITHUB_API_URL', env.GITHUB_API_URL?.trim() || DEFAULT_API_URL, DEFAULT_API_URL);
}
