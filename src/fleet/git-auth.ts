/**
 * How a sweep's git reaches the organisation's repositories: the server (GITHUB_SERVER_URL), each
 * repository's clone URL, and the token as an HTTP header in git's environment.
 *
 * The token never goes in a URL (git prints remote URLs in errors, and keeps them in config), an
 * argument list (`/proc/PID/cmdline` is readable by every user of the machine), a file (`.git/config`,
 * `$HOME`) or a log. git gets it as `http.<server>/.extraHeader` through `GIT_CONFIG_KEY_n` /
 * `GIT_CONFIG_VALUE_n` (command-line scope, read from the environment, which only the same user can
 * read), scoped to the server's URL so no other host is sent it; redirects are not followed (a
 * redirect to another host would carry the header along).
 */
import { InputError } from '../config/errors.js';
import { urlProblem } from '../http/url.js';
import type { Secret } from '../scan/secret.js';

const DEFAULT_SERVER_URL = 'https://github.com';

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * A URL the fleet sends its token to (GITHUB_SERVER_URL for git, GITHUB_API_URL for listing, SARIF
 * uploads and rotation), checked by one rule: no credentials, no query or fragment; https, or http to
 * this machine only (tests): plain http to any other host would carry the token unencrypted.
 */
export function tokenUrl(name: string, raw: string, fallback: string): string {
  const problem = urlProblem(raw, fallback);
  if (problem) throw new InputError(`${name}: ${problem}`);
  const u = new URL(raw);
  if (u.search || u.hash)
    throw new InputError(`${name}: the token is sent to this URL, so it has no query or fragment (?… or #…)`);
  if (u.protocol === 'http:' && !isLoopback(u.hostname))
    throw new InputError(
      `${name}: http://${u.host} would send the token unencrypted: use https (http is accepted for this machine only)`,
    );
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

/** GITHUB_SERVER_URL, checked by tokenUrl's rule. */
export function fleetServerUrl(env: NodeJS.ProcessEnv): string {
  return tokenUrl(
    'GITHUB_SERVER_URL',
    env.GITHUB_SERVER_URL?.trim() || DEFAULT_SERVER_URL,
    DEFAULT_SERVER_URL,
  );
}

/** `${server}/${owner}/${repo}.git`; the name was validated (src/fleet/repo-names.ts) before. */
export function cloneUrl(server: string, fullName: string): string {
  return `${server}/${fullName}.git`;
}

/** The header value git sends: Basic with GitHub's `x-access-token` user, as actions/checkout does. */
export function authorizationHeader(token: Secret): string {
  return `Authorization: Basic ${Buffer.from(`x-access-token:${token.reveal()}`).toString('base64')}`;
}

/**
 * Every form of the token a leak check must look for: itself, the Basic credential, and base64 of
 * both (plain, and with the padding dropped).
 */
export function tokenForms(token: Secret): string[] {
  const raw = token.reveal();
  const basic = Buffer.from(`x-access-token:${raw}`).toString('base64');
  const b64 = Buffer.from(raw).toString('base64');
  return [raw, basic, basic.replace(/=+$/, ''), b64, b64.replace(/=+$/, '')].filter((s) => s.length >= 8);
}

/** Removes every form of the token from a text (stderr of git, an error message). */
export function withoutToken(text: string, token: Secret | undefined): string {
  if (!token) return text;
  let out = text;
  for (const form of tokenForms(token).sort((a, b) => b.length - a.length))
    out = out.split(form).join('[token]');
  return out;
}

/**
 * The git config of a fetch from `server` (no secret in it: it goes on the command line as `-c`, after
 * src/git/pinned.ts's HARDENING, which it narrows): the transports a fetch may use (https, and http for
 * a loopback server), no redirects, and objects checked as they arrive (a damaged or hostile pack fails
 * the fetch instead of the scan).
 */
export function fetchConfig(server: string): [string, string][] {
  const config: [string, string][] = [
    ['protocol.allow', 'never'],
    ['protocol.https.allow', 'always'],
    ['protocol.http.allow', server.startsWith('http:') ? 'always' : 'never'],
    ['protocol.file.allow', 'never'],
    ['protocol.ssh.allow', 'never'],
    ['protocol.git.allow', 'never'],
    ['protocol.ext.allow', 'never'],
    ['http.followRedirects', 'false'],
    // A stalled server: under 1 KB/s for 60 s ends the transfer (the whole fetch has its own timeout).
    ['http.lowSpeedLimit', '1024'],
    ['http.lowSpeedTime', '60'],
    ['transfer.fsckObjects', 'true'],
    // Old repositories carry these harmless quirks; GitHub accepts them, so does the sweep.
    ['fetch.fsck.zeroPaddedFilemode', 'ignore'],
    ['fetch.fsck.badTimezone', 'ignore'],
    ['fetch.fsck.missingSpaceBeforeDate', 'ignore'],
    ['submodule.recurse', 'false'],
    ['fetch.recurseSubmodules', 'false'],
    ['fetch.writeCommitGraph', 'false'],
    ['core.hooksPath', '/dev/null'],
  ];
  return config;
}

/** The one entry that carries the token: given to git through its environment only. */
export function headerConfig(server: string, token: Secret | undefined): [string, string][] {
  return token ? [[`http.${server}/.extraHeader`, authorizationHeader(token)]] : [];
}
