/**
 * The one way a URL is shown: in errors, logs, reports and config messages. A URL's user info
 * (`https://user:token@host`) is a credential, so it is never shown, and keyguard refuses URLs that
 * carry it (base URLs, webhook URLs, the GitHub API URL): a credential belongs in an admin-key input
 * or a secret, where it is masked, not in a URL that proxies, shells and the runner's `with:` echo print.
 */

/** Text shown in place of anything that cannot be parsed as a URL (it may be a credential). */
const INVALID = '(invalid URL)';

/**
 * `scheme://userinfo@`: what a URL carries credentials in. Lenient on purpose (no parsing), so it also
 * finds user info in text that is not a valid URL and in URLs quoted inside other messages.
 */
const USER_INFO = /([a-z][a-z0-9+.-]*:\/\/)[^/?#\s'"<>@]*@/gi;

/** True when the URL (or URL-like text) has user info before its host. */
export function hasUserInfo(raw: string): boolean {
  USER_INFO.lastIndex = 0;
  if (USER_INFO.test(raw)) return true;
  try {
    const u = new URL(raw);
    return u.username !== '' || u.password !== '';
  } catch {
    return false;
  }
}

/** Removes the user info of every URL in a text (Node's fetch errors quote the URL they were given). */
export function scrubUrls(text: string): string {
  return text.replace(USER_INFO, '$1***@');
}

/** `https://host:port/path`: no user info, query or fragment (queries can hold keys: `?key=`). */
export function displayUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return INVALID;
  }
}

/** `/path` only: what request errors name (the base URL may be a private proxy). */
export function displayPath(raw: string): string {
  try {
    return new URL(raw).pathname;
  } catch {
    return INVALID;
  }
}

/**
 * Why a URL given to keyguard (input, flag, config) is refused, or undefined when it is a usable http(s)
 * URL. The reason never quotes the user info; callers prefix the setting's name.
 */
export function urlProblem(raw: string, example = 'https://api.example.com/v1'): string | undefined {
  if (hasUserInfo(raw)) {
    return `${displayUrl(raw) === INVALID ? 'the URL' : `"${displayUrl(raw)}"`} carries credentials before "@" (user info, not shown); keyguard refuses them so they cannot reach a log: give the credential through its admin-key input or a secret instead`;
  }
  let u: URL | undefined;
  try {
    u = new URL(raw);
  } catch {}
  if (u?.protocol === 'https:' || u?.protocol === 'http:') return undefined;
  // Not a URL keyguard can read: quoted only when it cannot hold a credential (`user:token@host`).
  const shown = /[@\s]/.test(raw) || raw.length > 200 ? 'the value (not shown)' : `"${raw}"`;
  return `${shown} is not an http(s) URL (e.g. ${example})`;
}
