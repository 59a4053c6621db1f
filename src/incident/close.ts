/** Closes an incident only when nothing is left to fear: the key is revoked and gone from HEAD. */
import type { IncidentStore } from '../github/types.js';
import type { Liveness } from '../types.js';

export interface CloseInput {
  incidents: IncidentStore;
  fingerprint: string;
  /** The leaked key's state as of this run's verification. */
  leakedState: Liveness;
  /** Whether the key is still present in the HEAD tree. */
  inHead: boolean;
  now?: () => Date;
}

export type CloseOutcome = 'closed' | 'kept-open' | 'no-incident';

export async function closeIncidentIfResolved(input: CloseInput): Promise<CloseOutcome> {
  const record = await input.incidents.find(input.fingerprint);
  if (!record || record.state === 'closed') return 'no-incident';
  if (input.leakedState !== 'revoked' || input.inHead) return 'kept-open';
  const at = (input.now ?? (() => new Date()))().toISOString();
  await input.incidents.close(
    record.number,
    `Resolved at ${at}: the provider reports the key revoked and it is no longer in HEAD. ` +
      'It may still be in git history: purge it if the repository is public or widely cloned.',
  );
  return 'closed';
}
