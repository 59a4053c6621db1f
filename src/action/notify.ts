/**
 * The action's notification step: when this run found a key live or rotated one and a webhook is
 * configured (`notify-webhook`, from a secret), one message goes out. Delivery failures cost a note,
 * never the check.
 */
import { runUrl } from '../github/context.js';
import type { RepoContext } from '../github/types.js';
import { formatFor, notificationBody, sendNotification } from '../notify/webhook.js';
import type { Secret } from '../scan/secret.js';
import type { Finding } from '../types.js';
import type { ActionSettings } from './inputs.js';
import type { RotationOutcome } from './rotation.js';

const NOTIFIED = new Set(['rotated', 'contained', 'still-live', 'failed']);

export async function notifyWebhook(
  settings: ActionSettings,
  repo: RepoContext | undefined,
  findings: readonly Finding[],
  rotation: RotationOutcome | undefined,
  known: Iterable<Secret>,
  log: (line: string) => void,
): Promise<string | undefined> {
  const url = settings.notifyWebhook;
  if (!url) return undefined;
  const live = findings.filter((f) => f.verification?.status === 'live');
  const rotations = (rotation?.rows ?? []).filter((r) => NOTIFIED.has(r.status));
  if (live.length === 0 && rotations.length === 0) return undefined;
  const format = settings.notifyFormat === 'auto' ? formatFor(url) : settings.notifyFormat;
  const body = notificationBody(
    format,
    {
      repository: repo ? `${repo.owner}/${repo.repo}` : 'this repository',
      runUrl: repo ? runUrl(repo) : undefined,
      live,
      rotations,
    },
    known,
  );
  const problem = await sendNotification(url, body);
  if (problem) return `notification not delivered: ${problem}`;
  log(`notification sent (${format})`);
  return undefined;
}
