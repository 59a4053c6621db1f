/**
 * The fleet's environment, read in one place: which API, which server, which token. The token is
 * KEYGUARD_FLEET_TOKEN (a GitHub App installation token for the organisation) over GITHUB_TOKEN (the
 * workflow's own, which can read only its repository). It is kept as a Secret: never in a URL, an
 * argument list, a file or a log.
 */
import { InputError } from '../config/errors.js';
import { urlProblem } from '../http/url.js';
import { Secret } from '../scan/secret.js';

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

/** GITHUB_API_URL (GHES carries a path: https://HOST/api/v3), checked: no credentials, https or loopback. */
export function fleetApiUrl(env: NodeJS.ProcessEnv): string {
  const raw = env.GITHUB_API_URL?.trim() || DEFAULT_API_URL;
  const problem = urlProblem(raw, DEFAULT_API_URL);
  if (problem) throw new InputError(`GITHUB_API_URL: ${problem}`);
  return raw.replace(/\/+$/, '');
}
