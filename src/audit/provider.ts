/**
 * The `--provider … --key-id …` audit: one provider's usage API over the window, analysed like a
 * call log. A provider without a usage API, or one whose API fails, still yields a report whose
 * gaps say so, so the incident never silently lacks its audit section.
 */
import type { KeyRef, Provider } from '../providers/types.js';
import { AuditAccumulator, resolveWindow } from './analyze.js';
import { scrubKeys } from './redact.js';
import type { AuditOptions, AuditReport } from './types.js';

export async function auditProvider(
  provider: Provider,
  ref: KeyRef,
  opts: AuditOptions = {},
): Promise<AuditReport> {
  const { startMs, endMs } = resolveWindow(opts);
  const window = { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() };
  const acc = new AuditAccumulator({
    ...opts,
    window,
    provider: opts.provider ?? provider.id,
    keyIds: [ref.id],
  });
  if (!provider.usage || !provider.capabilities.usage) {
    acc.addGaps([
      `${provider.displayName}: no usage API, so the key's use cannot be audited from the provider.`,
    ]);
    return acc.finish();
  }
  try {
    const events = await provider.usage(ref, window, {
      gap: (text) => acc.addGaps([scrubKeys(text)]),
    });
    events.forEach((e, i) => {
      acc.addEvent(e, i);
    });
  } catch (e) {
    const msg = scrubKeys(String((e as Error).message ?? e).split('\n')[0]);
    acc.addGaps([`${provider.displayName} usage API failed: ${msg}`]);
  }
  return acc.finish();
}
