/**
 * Time-driven rotation: secrets whose value was last written more than `maxAgeDays` ago are due.
 * Each due secret is rotated through the same saga; the current value comes from the step's env
 * (GitHub never returns secret values), and `mode: 'rotate'` with the provider's policy.
 */
import type { SecretMeta, SecretsSink, SecretTarget } from '../github/types.js';

export interface DueSecret {
  target: SecretTarget;
  meta: SecretMeta;
  /** Whole days since `updatedAt`. */
  ageDays: number;
}

const DAY_MS = 86_400_000;

/** Secrets older than `maxAgeDays`, oldest first. Secrets that do not exist are not due. */
export async function keysDueForRotation(
  sink: SecretsSink,
  targets: SecretTarget[],
  maxAgeDays: number,
  now: Date = new Date(),
): Promise<DueSecret[]> {
  if (!(maxAgeDays > 0))
    throw new RangeError(`max-key-age must be a positive number of days, got ${maxAgeDays}`);
  const due: DueSecret[] = [];
  for (const target of targets) {
    const meta = await sink.get(target);
    if (!meta) continue;
    const updated = Date.parse(meta.updatedAt || meta.createdAt);
    if (Number.isNaN(updated)) continue;
    const ageMs = now.getTime() - updated;
    if (ageMs > maxAgeDays * DAY_MS) due.push({ target, meta, ageDays: Math.floor(ageMs / DAY_MS) });
  }
  return due.sort((a, b) => b.ageDays - a.ageDays);
}

/** Environment variable the workflow maps a secret into: the saga reads the current value from it. */
export function envNameFor(target: SecretTarget): string {
  return target.name.toUpperCase();
}
