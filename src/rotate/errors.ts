/** Errors of the rotation saga: each names the step that failed; none ever carries a key value. */
import { NetworkError } from '../http/client.js';
import type { StepName } from '../incident/journal.js';

export class RotationError extends Error {
  constructor(
    readonly step: StepName,
    message: string,
    readonly transient = false,
    readonly incidentUrl?: string,
  ) {
    super(message);
    this.name = 'RotationError';
  }
}

/** Another run holds the journal lock: this run stops before changing anything. */
export class RotationLockedError extends RotationError {
  constructor(
    message: string,
    readonly holder?: string,
    incidentUrl?: string,
  ) {
    super('plan', message, false, incidentUrl);
    this.name = 'RotationLockedError';
  }
}

const TRANSIENT_STATUS = (s: number) => s === 408 || s === 409 || s === 429 || s >= 500;

/**
 * Whether a step's error is worth retrying: network failures, and errors that carry a transient
 * HTTP status (`status`, `httpStatus` or `statusCode`) or say so (`transient: true`, `retryable: true`).
 */
export function isTransient(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  if (typeof err !== 'object' || err === null) return false;
  const e = err as Record<string, unknown>;
  if (e.transient === true || e.retryable === true) return true;
  if (e.transient === false || e.retryable === false) return false;
  for (const k of ['status', 'httpStatus', 'statusCode']) {
    if (typeof e[k] === 'number') return TRANSIENT_STATUS(e[k] as number);
  }
  return false;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
