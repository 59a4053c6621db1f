/**
 * The rotation plan: which strategy the saga will follow for this key and provider, its steps in
 * order, and everything a human will have to do. Printed by dry runs and kept in the incident.
 */
import type { SecretTarget } from '../github/types.js';
import type { StepName } from '../incident/journal.js';
import type { KeyPolicy, Provider } from '../providers/types.js';
import type { Secret } from '../scan/secret.js';
import { policyCoverage } from './policy.js';
import { createByHand, disableByHand, freshStandby } from './runbook.js';
import { describeTarget } from './targets.js';

/**
 * - `create`: the provider makes the replacement (OpenAI, OpenRouter, LiteLLM).
 * - `standby`: a key a human made earlier (`<NAME>_NEXT`) is promoted.
 * - `disable-only`: no replacement possible by API; the leaked key is disabled where the API allows.
 */
export type Strategy = 'create' | 'standby' | 'disable-only';

export interface PlannedStep {
  step: StepName;
  action: string;
  /** false: the API cannot do it; the incident carries the manual instructions instead. */
  automated: boolean;
}

export interface RotationPlan {
  provider: string;
  leaked: { redacted: string; fingerprint: string };
  mode: 'disable' | 'rotate';
  strategy: Strategy;
  containFirst: boolean;
  targets: string[];
  policy: KeyPolicy;
  enforced: string[];
  notEnforced: string[];
  steps: PlannedStep[];
  /** What needs a human, known before anything runs. */
  manual: string[];
}

export interface PlanInput {
  leaked: Secret;
  provider: Provider;
  mode: 'disable' | 'rotate';
  targets: SecretTarget[];
  /** Places beyond GitHub secrets (src/stores): named in the store step. */
  stores?: readonly { label: string }[];
  policy: KeyPolicy;
  standby?: Secret;
  containFirst?: boolean;
  standbySuffix?: string;
  /** Steps for a human the caller already knows (the fleet: secrets it may not write). */
  manual?: readonly string[];
}

export function canCreate(p: Provider): boolean {
  return p.capabilities.create && typeof p.create === 'function';
}

export function canDisable(p: Provider): boolean {
  return p.capabilities.disable && typeof p.disable === 'function';
}

export function chooseStrategy(req: Pick<PlanInput, 'mode' | 'provider' | 'standby'>): Strategy {
  if (req.standby) return 'standby';
  if (req.mode === 'rotate' && canCreate(req.provider)) return 'create';
  return 'disable-only';
}

export function planRotation(req: PlanInput): RotationPlan {
  const p = req.provider;
  const strategy = chooseStrategy(req);
  // Contain-first only changes the order when there is a replacement to wait for.
  const containFirst = strategy !== 'disable-only' && req.containFirst === true;
  const disable = canDisable(p);
  const where = [...req.targets.map(describeTarget), ...(req.stores ?? []).map((s) => s.label)];
  const manual: string[] = [];
  const coverage =
    strategy === 'create' ? policyCoverage(p.id, req.policy) : { enforced: [], notEnforced: [] as string[] };

  const replace: PlannedStep[] = [];
  if (strategy === 'create') {
    replace.push(
      { step: 'create', action: `create a replacement key named ${req.policy.name}`, automated: true },
      {
        step: 'store',
        action: `store it in ${where.join(', ') || '(no secrets configured)'}`,
        automated: true,
      },
      { step: 'verify-new', action: 'check the replacement is live', automated: true },
    );
  } else if (strategy === 'standby') {
    replace.push(
      {
        step: 'verify-new',
        action: `check the standby key ${req.standby?.redacted} is live`,
        automated: true,
      },
      {
        step: 'store',
        action: `promote it into ${where.join(', ') || '(no secrets configured)'}`,
        automated: true,
      },
    );
    manual.push(freshStandby(req.targets, req.standbySuffix ?? '_NEXT'));
  } else {
    const stores = (req.stores ?? []).map((s) => s.label);
    manual.push(
      createByHand(p.id, p.displayName, req.targets, req.policy.name, p.kindOf?.(req.leaked), stores),
    );
  }
  const contain: PlannedStep[] = [
    {
      step: 'disable',
      action: disable
        ? `disable the leaked key ${req.leaked.redacted}`
        : 'disable the leaked key (no API: by hand)',
      automated: disable,
    },
    { step: 'verify-old', action: 'check the leaked key is revoked', automated: true },
  ];
  if (!disable) manual.push(disableByHand(p.id, p.displayName, req.leaked.redacted, p.kindOf?.(req.leaked)));

  const steps: PlannedStep[] = [
    {
      step: 'plan',
      action: `find the leaked key at ${p.displayName}`,
      automated: typeof p.locate === 'function',
    },
    ...(containFirst ? [...contain, ...replace] : [...replace, ...contain]),
    { step: 'close', action: 'record the outcome in the incident', automated: true },
  ];
  for (const n of coverage.notEnforced)
    manual.push(`Enforce by hand (${p.displayName} cannot per key): ${n}`);
  manual.push(...(req.manual ?? []));
  return {
    provider: p.id,
    leaked: { redacted: req.leaked.redacted, fingerprint: req.leaked.fingerprint },
    mode: req.mode,
    strategy,
    containFirst,
    targets: where,
    policy: req.policy,
    enforced: coverage.enforced,
    notEnforced: coverage.notEnforced,
    steps,
    manual,
  };
}

export function formatPlan(plan: RotationPlan): string[] {
  const lines = [
    `Rotation plan for ${plan.provider} key ${plan.leaked.redacted} (${plan.mode}, strategy ${plan.strategy}${plan.containFirst ? ', contain first' : ''}):`,
  ];
  plan.steps.forEach((s, i) => {
    lines.push(`  ${i + 1}. ${s.step}: ${s.action}${s.automated ? '' : ' [manual]'}`);
  });
  if (plan.enforced.length > 0) lines.push(`  policy enforced: ${plan.enforced.join('; ')}`);
  for (const m of plan.manual) lines.push(`  manual: ${m}`);
  return lines;
}
