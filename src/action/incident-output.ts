/**
 * The `incident` output is GitHub's `html_url` for the incident issue: text from a server answer that a
 * later step may paste into `run:` (`${{ steps.kg.outputs.incident }}`). Only a plain link to an issue on
 * the configured GitHub server passes: https, that host exactly, `/<owner>/<repo>/issues/<number>`, no
 * user info, query, fragment, whitespace or control character. Anything else is not output.
 */

/** The URL when it is a plain issue link on `serverUrl`'s host, else undefined. */
export function safeIncidentUrl(value: unknown, serverUrl: string): string | undefined {
  if (typeof value !== 'string' || !value || /[\s\x00-\x1f\x7f-\x9f]/.test(value)) return undefined;
  let url: URL;
  let server: URL;
  try {
    url = new URL(value);
    server = new URL(serverUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.host !== server.host) return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  if (!/^\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/issues\/[1-9][0-9]*$/.test(url.pathname)) return undefined;
  // The parsed form must be the text itself: no escapes or spellings that mean something else.
  return url.href === value ? value : undefined;
}
