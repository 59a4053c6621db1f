/** The rotation stage's public API: what main.ts and the CLI call. */

export { closeIncidentIfResolved } from '../incident/close.js';
export { type Journal, parseJournal } from '../incident/journal.js';
export { HUMAN_CHECKLIST, type IncidentRenderInput, renderIncident } from '../incident/render.js';
export { type DueSecret, envNameFor, keysDueForRotation } from './age.js';
export {
  DEFAULT_NAME_TEMPLATE,
  DEFAULT_STANDBY_SUFFIX,
  type KeyPolicyConfig,
  type ProviderRotationConfig,
  parseRotationConfig,
  type RotationConfig,
} from './config.js';
export { isTransient, RotationError, RotationLockedError } from './errors.js';
export { formatPlan, planRotation, type RotationPlan, type Strategy } from './plan.js';
export { buildKeyPolicy, expandName, policyCoverage } from './policy.js';
export { rotationRequestFor, standbyFromEnv } from './request.js';
export type { StepRetry } from './retry.js';
export {
  type RotationDeps,
  type RotationRequest,
  type RotationResult,
  type RotationStatus,
  rotate,
} from './saga.js';
