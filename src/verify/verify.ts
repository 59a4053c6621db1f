/**
 * The verification orchestrator: asks providers whether found keys are live.
 *
 * - Each distinct key (fingerprint) is verified once, however many findings share it.
 * - A key is sent ONLY to the providers in its findings' `candidates`, in order; never elsewhere.
 * - Ambiguous shapes (`deepseek|dashscope`): the first candidate that says `live` wins and re-labels
 *   the finding; one provider's 401 only means "not mine" while another candidate is left.
 * - Bounded concurrency overall and per provider; an overall time budget after which the keys not
 *   yet answered are `unknown` ("time budget exhausted"). Doubt is always `unknown`, never "safe".
 */
import { sanitize } from '../providers/common.js';
import type { Provider } from '../providers/types.js';
import type { Secret } from '../scan/secret.js';
import type { Finding, Verification } from '../types.js';
import { Limiter } from './limiter.js';

export interface ProviderRate {
  /** Requests in flight to this provider at once (default 2). */
  concurrency?: number;
  /** Least time between two requests to this provider, in ms (default 0). */
  minIntervalMs?: number;
  /** After a key ends on 429 (retries used up), start nothing for this long, in ms (default 2000). */
  cooldownMs?: number;
}

export interface VerifyProgress {
  done: number;
  total: number;
  fingerprint: string;
  verification: Verification;
}

export interface VerifyOptions {
  /** Distinct keys verified at once (default 4). */
  concurrency?: number;
  /** Overall budget in ms; keys not answered by then are `unknown`. */
  budgetMs?: number;
  /** The end of the budget as epoch ms (shared with the providers' RetryBudget); wins over `budgetMs`. */
  deadline?: number;
  /** Per-provider limits, by provider id; `default` applies to the others. */
  rates?: Record<string, ProviderRate>;
  onProgress?: (p: VerifyProgress) => void;
}

export interface VerifyKeyOptions {
  /** Epoch ms after which no request is started and pending answers are abandoned. */
  deadline?: number;
  limiterFor?: (providerId: string) => Limiter;
  /** Called when a provider still answered 429 after its retries. */
  onRateLimited?: (providerId: string) => void;
}

export const BUDGET_EXHAUSTED = 'time budget exhausted';

const isBudgetSpent = (detail: string | undefined) => detail?.startsWith(BUDGET_EXHAUSTED) === true;

const stamp = () => new Date().toISOString();

function unknown(provider: string, detail: string, endpoint = '(none)'): Verification {
  return { status: 'unknown', provider, endpoint, detail, checkedAt: stamp() };
}

/** Runs `p` but gives up (resolving `onTimeout()`) at `deadline`. */
async function beforeDeadline<T>(
  p: Promise<T>,
  deadline: number | undefined,
  onTimeout: () => T,
): Promise<T> {
  if (deadline === undefined) return p;
  const left = deadline - Date.now();
  if (left <= 0) return onTimeout();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), left);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One provider's answer; a throwing adapter becomes `unknown` with the message scrubbed. */
async function ask(provider: Provider, secret: Secret): Promise<Verification> {
  try {
    return await provider.verify(secret);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return unknown(provider.id, `verification failed: ${sanitize(msg, [secret])}`);
  }
}

/**
 * Verifies one key against its candidate providers, in order. Returns the first `live` answer;
 * otherwise `revoked` only if every candidate that answered rejected it and none was left unasked;
 * otherwise `unknown`.
 */
export async function verifyKey(
  secret: Secret,
  candidates: string[],
  providers: Map<string, Provider>,
  opts: VerifyKeyOptions = {},
): Promise<Verification> {
  const label = candidates.join('|') || '(none)';
  const answers: Verification[] = [];
  const missing: string[] = [];
  let outOfTime = false;
  for (const id of candidates) {
    const provider = providers.get(id);
    if (!provider) {
      missing.push(id);
      continue;
    }
    if (opts.deadline !== undefined && Date.now() >= opts.deadline) {
      outOfTime = true;
      break;
    }
    // A key queued behind a slow provider may get its slot after the deadline: it sends nothing then.
    const call = () =>
      opts.deadline !== undefined && Date.now() >= opts.deadline
        ? Promise.resolve(unknown(id, BUDGET_EXHAUSTED))
        : ask(provider, secret);
    const run = opts.limiterFor ? opts.limiterFor(id).run(call) : call();
    let v = await beforeDeadline(run, opts.deadline, () => unknown(id, BUDGET_EXHAUSTED));
    // The deadline also cuts the request itself (the providers' RetryBudget shares it): say so.
    if (
      v.status === 'unknown' &&
      !isBudgetSpent(v.detail) &&
      opts.deadline !== undefined &&
      Date.now() >= opts.deadline
    )
      v = { ...v, detail: `${BUDGET_EXHAUSTED} (${v.detail})` };
    if (v.httpStatus === 429 && v.status === 'unknown') opts.onRateLimited?.(id);
    if (v.status === 'live') return v;
    answers.push(v);
    if (isBudgetSpent(v.detail)) {
      outOfTime = true;
      break;
    }
  }
  if (answers.length === 0) {
    if (outOfTime) return unknown(label, BUDGET_EXHAUSTED);
    return unknown(label, `no verifier configured for ${missing.join(', ') || label}`);
  }
  const asked = answers.length;
  const allRevoked = answers.every((a) => a.status === 'revoked') && !outOfTime;
  if (allRevoked && missing.length === 0) {
    if (asked === 1) return answers[0]!;
    const first = answers[0]!;
    return {
      ...first,
      provider: label,
      detail: `rejected by every candidate: ${answers.map((a) => `${a.provider} (${a.httpStatus ?? '?'})`).join(', ')}`,
    };
  }
  const doubt = answers.find((a) => a.status === 'unknown') ?? answers[0]!;
  if (asked === 1 && missing.length === 0 && (!outOfTime || isBudgetSpent(doubt.detail))) return doubt;
  const why = [
    ...answers.map((a) => `${a.provider}: ${a.status}${a.httpStatus ? ` (${a.httpStatus})` : ''}`),
    ...missing.map((m) => `${m}: no verifier configured`),
    ...(outOfTime ? [BUDGET_EXHAUSTED] : []),
  ].join('; ');
  return {
    ...doubt,
    status: 'unknown',
    provider: asked === 1 && missing.length === 0 ? doubt.provider : label,
    detail:
      doubt.status === 'unknown' ? `${doubt.detail} (${why})` : `not confirmed by every candidate (${why})`,
  };
}

/**
 * Verifies every finding's key (each distinct key once) and sets `finding.verification`; a `live`
 * answer from one of several candidates re-labels `finding.provider`. Returns the same findings.
 */
export async function verifyFindings(
  findings: Finding[],
  providers: Map<string, Provider>,
  opts: VerifyOptions = {},
): Promise<Finding[]> {
  const deadline = opts.deadline ?? (opts.budgetMs !== undefined ? Date.now() + opts.budgetMs : undefined);
  const groups = new Map<string, { secret: Secret; candidates: string[]; findings: Finding[] }>();
  for (const f of findings) {
    // Linked credentials (AWS, GitHub…) are never sent anywhere: keyguard reports them, nothing more.
    if (f.kind === 'linked') continue;
    const fp = f.fingerprint || f.secret.fingerprint;
    let g = groups.get(fp);
    if (!g) {
      g = { secret: f.secret, candidates: [], findings: [] };
      groups.set(fp, g);
    }
    const cands = f.candidates.length ? f.candidates : f.provider.split('|').filter(Boolean);
    for (const c of cands) if (!g.candidates.includes(c)) g.candidates.push(c);
    g.findings.push(f);
  }

  const limiters = new Map<string, Limiter>();
  const rateOf = (id: string): ProviderRate => ({ ...opts.rates?.default, ...opts.rates?.[id] });
  const limiterFor = (id: string) => {
    let l = limiters.get(id);
    if (!l) {
      const r = rateOf(id);
      l = new Limiter(r.concurrency ?? 2, r.minIntervalMs ?? 0);
      limiters.set(id, l);
    }
    return l;
  };
  const onRateLimited = (id: string) => limiterFor(id).pause(rateOf(id).cooldownMs ?? 2000);

  const entries = [...groups.entries()];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < entries.length) {
      const [fp, g] = entries[next++]!;
      const v =
        deadline !== undefined && Date.now() >= deadline
          ? unknown(g.candidates.join('|'), BUDGET_EXHAUSTED)
          : await verifyKey(g.secret, g.candidates, providers, { deadline, limiterFor, onRateLimited });
      for (const f of g.findings) {
        f.verification = { ...v };
        if (v.status === 'live' && g.candidates.includes(v.provider)) f.provider = v.provider;
      }
      done++;
      opts.onProgress?.({ done, total: entries.length, fingerprint: fp, verification: v });
    }
  };
  const workers = Math.max(1, Math.min(opts.concurrency ?? 4, entries.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return findings;
}
