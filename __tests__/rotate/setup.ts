/** A ready saga world for tests: fakes wired together, a leaked key seeded into three secrets. */
import type { SecretTarget } from '../../src/github/types.js';
import { createStateSeal } from '../../src/incident/seal.js';
import {
  type RotationDeps,
  type RotationRequest,
  type RotationResult,
  rotate,
} from '../../src/rotate/saga.js';
import { targetId } from '../../src/rotate/targets.js';
import { Secret } from '../../src/scan/secret.js';
import { FakeIncidents, type FakeKey, FakeProvider, type FakeProviderOptions, FakeSink } from './fakes.js';

export const TARGETS: SecretTarget[] = [
  { name: 'OPENAI_API_KEY', scope: { kind: 'repo' } },
  { name: 'OPENAI_API_KEY', scope: { kind: 'env', environment: 'prod' } },
  { name: 'OPENAI_API_KEY', scope: { kind: 'org', org: 'acme', visibility: 'private' } },
];

export const NOW = new Date('2026-01-09T10:00:00Z');

/** The seal the saga tests' runs share (as re-runs with one admin key would). */
export const TEST_SEAL = createStateSeal({ repo: 'acme/app', stateKey: new Secret('saga-tests-state-key') });

export function world(opts: FakeProviderOptions = {}, targets: SecretTarget[] = TARGETS) {
  const events: string[] = [];
  const provider = new FakeProvider(events, opts);
  const sink = new FakeSink(events);
  const incidents = new FakeIncidents(events);
  const { key: leakedKey, secret: leaked } = provider.addKey();
  for (const t of targets) sink.seed(t, leaked);
  const logs: string[] = [];
  const errors: string[] = [];
  /** Disables of the leaked key that happened while a secret did not yet hold a live replacement. */
  const violations: string[] = [];
  provider.onDisable = (k: FakeKey) => {
    if (k !== leakedKey) return;
    for (const t of targets) {
      const held = sink.values.get(targetId(t));
      const key = held && provider.byValue(held.reveal());
      if (!key || key === leakedKey || key.state !== 'active')
        violations.push(`${targetId(t)} had no live replacement`);
    }
  };
  let now = NOW;
  const deps: RotationDeps = {
    sink,
    incidents,
    log: (l) => logs.push(l),
    retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0, verifyAttempts: 2, sleep: async () => {} },
    lockSettleMs: 0,
    seal: TEST_SEAL,
  };
  const request = (over: Partial<RotationRequest> = {}): RotationRequest => ({
    leaked,
    provider,
    mode: 'rotate',
    targets,
    policy: { name: 'prod-chat-api-20260109' },
    runId: '1001',
    now: () => now,
    ...over,
  });
  const run = async (
    over: Partial<RotationRequest> = {},
    depsOver: Partial<RotationDeps> = {},
  ): Promise<RotationResult> => {
    try {
      return await rotate(request(over), { ...deps, ...depsOver });
    } catch (err) {
      errors.push((err as Error).message);
      throw err;
    }
  };
  /** Every text the saga produced: logs, error messages, issue titles, bodies and comments. */
  const allText = () => [...logs, ...errors, incidents.allText()].join('\n');
  /** No key value (leaked, standby, created) appears anywhere in the saga's output. */
  const leakedValues = () => provider.keys.map((k) => k.value).filter((v) => allText().includes(v));
  return {
    events,
    provider,
    sink,
    incidents,
    leaked,
    leakedKey,
    targets,
    logs,
    errors,
    violations,
    deps,
    request,
    run,
    allText,
    leakedValues,
    setNow: (d: Date) => {
      now = d;
    },
    /** Values held by each target. */
    held: (): (Secret | undefined)[] => targets.map((t) => sink.values.get(targetId(t))),
  };
}

export type World = ReturnType<typeof world>;

/** The end state every completed rotation must reach. */
export function expectRotated(w: World, result: RotationResult): void {
  expect(result.status).toBe('rotated');
  const live = w.provider.liveCreated();
  expect(live).toHaveLength(1);
  for (const v of w.held()) expect(v?.reveal()).toBe(live[0].value);
  expect(w.leakedKey.state).not.toBe('active');
  expect(result.leakedState).toBe('revoked');
  expect(w.violations).toEqual([]);
  expect(w.leakedValues()).toEqual([]);
}
