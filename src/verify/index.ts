export { Limiter } from './limiter.js';
export {
  BUDGET_EXHAUSTED,
  type ProviderRate,
  type VerifyKeyOptions,
  type VerifyOptions,
  type VerifyProgress,
  verifyFindings,
  verifyKey,
} from './verify.js';
