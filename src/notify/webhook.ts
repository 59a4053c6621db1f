/**
 * The optional chat notification: one message to a Slack, Microsoft Teams or generic incoming webhook
 * when a run finds a live key or rotates one. The payload names keys by their redacted form only, and
 * every outside string (paths, provider answers, rotation details) goes through its sink's helper in
 * text/inert.ts; the finished payload is scrubbed of every key the run knows, as a last line of defence.
 * The webhook URL is a secret (it is the credential): never logged, only its host is named in errors.
 */

import { displayUrl, urlProblem } from '../http/url.js';
import { providerName } from '../report/common.js';
import { type Secret, scrub } from '../scan/secret.js';
import { forJson, forSlack, forTeams, showInvisible } from '../text/inert.js';
import type { Finding } from '../types.js';

export type NotifyFormat = 'slack' | 'teams' | 'generic';

/** What the message says: keys found live, and what the rotation did to each. */
export interface NotifyEvent {
  repository: string;
  runUrl?: string;
  /** Findings verified live this run (before rotation). */
  live: readonly Finding[];
  rotations: readonly { redacted: string; provider: string; status: string; detail: string }[];
}

/** Slack and Teams hosts, for `notify-format: auto`. */
export function formatFor(url: string): NotifyFormat {
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {}
  if (host === 'hooks.slack.com' || host.endsWith('.slack.com')) return 'slack';
  if (
    host.endsWith('.webhook.office.com') ||
    host.endsWith('.logic.azure.com') ||
    host.endsWith('.powerplatform.com')
  )
    return 'teams';
  return 'generic';
}

/** Why this URL cannot be a webhook, or undefined (http(s), no user info). */
export function webhookUrlProblem(url: string): string | undefined {
  return urlProblem(url, 'https://hooks.slack.com/services/…');
}

function headline(e: NotifyEvent): string {
  const rotated = e.rotations.filter((r) => r.status === 'rotated' || r.status === 'contained').length;
  const still = e.rotations.filter((r) => r.status === 'still-live' || r.status === 'failed').length;
  const parts: string[] = [];
  if (e.live.length) parts.push(`${e.live.length} live leaked key${e.live.length === 1 ? '' : 's'} found`);
  if (rotated) parts.push(`${rotated} rotated or disabled`);
  if (still) parts.push(`${still} still live: act now`);
  return `keyguard: ${parts.join(', ') || 'leaked keys'}`;
}

interface Line {
  key: string;
  provider: string;
  where?: string;
  what: string;
}

function lines(e: NotifyEvent): Line[] {
  const out: Line[] = e.live.map((f) => ({
    key: f.redacted,
    provider: providerName(f.provider),
    where: `${f.file}:${f.line}`,
    what: 'live',
  }));
  for (const r of e.rotations)
    out.push({ key: r.redacted, provider: providerName(r.provider), what: `${r.status}: ${r.detail}` });
  return out.slice(0, 20);
}

function slack(e: NotifyEvent): unknown {
  const text = headline(e);
  const rows = lines(e).map(
    (l) =>
      `• ${forSlack(l.key)} (${forSlack(l.provider)})${l.where ? ` in ${forSlack(l.where)}` : ''}: ${forSlack(l.what)}`,
  );
  const run = e.runUrl ? `\n<${e.runUrl.replace(/[<>|]/g, '')}|Open the run>` : '';
  return {
    text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text, emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${forSlack(e.repository)}*\n${rows.join('\n')}${run}` },
      },
    ],
  };
}

function teams(e: NotifyEvent): unknown {
  const body: unknown[] = [
    { type: 'TextBlock', size: 'Large', weight: 'Bolder', text: headline(e), wrap: true },
    { type: 'TextBlock', text: forTeams(e.repository), wrap: true },
    {
      type: 'FactSet',
      facts: lines(e).map((l) => ({
        title: forTeams(`${l.key} (${l.provider})`),
        value: forTeams(`${l.where ? `${l.where}: ` : ''}${l.what}`),
      })),
    },
  ];
  const card: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
  };
  if (e.runUrl) card.actions = [{ type: 'Action.OpenUrl', title: 'Open the run', url: e.runUrl }];
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
}

function generic(e: NotifyEvent): unknown {
  const one = (s: string) => showInvisible(s.replace(/[\r\n\t]+/g, ' '));
  return {
    event: 'keyguard.leak',
    summary: headline(e),
    repository: one(e.repository),
    run_url: e.runUrl,
    live: e.live.map((f) => ({
      key: f.redacted,
      fingerprint: f.fingerprint,
      provider: f.provider,
      file: one(f.file),
      line: f.line,
    })),
    rotations: e.rotations.map((r) => ({
      key: r.redacted,
      provider: r.provider,
      status: r.status,
      detail: one(r.detail),
    })),
  };
}

/** The JSON body for `format`, with every known key scrubbed out. */
export function notificationBody(format: NotifyFormat, e: NotifyEvent, known: Iterable<Secret>): string {
  const payload = format === 'slack' ? slack(e) : format === 'teams' ? teams(e) : generic(e);
  return forJson(scrub(JSON.stringify(payload), known));
}

/** POSTs the message; resolves to an error text for the summary, or undefined when delivered. */
export async function sendNotification(
  url: string,
  body: string,
  opts: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<string | undefined> {
  const where = displayUrl(url).replace(/^(https?:\/\/[^/]+).*$/, '$1');
  try {
    const res = await (opts.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return undefined;
    return `the webhook at ${where} answered HTTP ${res.status}`;
  } catch (err) {
    const why = (err as Error).name === 'TimeoutError' ? 'timed out' : 'could not be reached';
    return `the webhook at ${where} ${why}`;
  }
}
