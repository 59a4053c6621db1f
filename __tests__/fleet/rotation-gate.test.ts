/**
 * The action's fleet-sweep mode rotates only from a run of the central repository's default branch:
 * never from another branch, a pull request, or an event whose payload does not say the default branch.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { fleetRotationRefusal, getFleetInputs } from '../../src/action/inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'kg-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function event(payload: unknown): string {
  const file = join(dir, `event-${++n}.json`);
  writeFileSync(file, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return file;
}

describe('fleetRotationRefusal', () => {
  const onMain = { repository: { default_branch: 'main' } };
  it.each([
    {
      name: 'allows a scheduled run of the default branch',
      ev: 'schedule',
      ref: 'refs/heads/main',
      payload: onMain,
      refused: undefined,
    },
    {
      name: 'refuses a run of another branch',
      ev: 'workflow_dispatch',
      ref: 'refs/heads/try-it',
      payload: onMain,
      refused: /refs\/heads\/try-it, not the default branch main/,
    },
    {
      name: 'refuses a tag',
      ev: 'push',
      ref: 'refs/tags/main',
      payload: onMain,
      refused: /not the default branch/,
    },
    {
      name: 'allows a scheduled run whose payload has no repository, as GitHub sends it',
      ev: 'schedule',
      ref: 'refs/heads/main',
      payload: { schedule: '17 2 * * *' },
      refused: undefined,
    },
    {
      name: 'refuses a scheduled run without a branch ref',
      ev: 'schedule',
      ref: '',
      payload: { schedule: '17 2 * * *' },
      refused: /scheduled run on no ref/,
    },
    {
      name: 'refuses a dispatched run whose payload does not name the default branch',
      ev: 'workflow_dispatch',
      ref: 'refs/heads/main',
      payload: {},
      refused: /does not name the default branch/,
    },
    {
      name: 'refuses a scheduled run whose payload names another default branch',
      ev: 'schedule',
      ref: 'refs/heads/try-it',
      payload: onMain,
      refused: /not the default branch main/,
    },
    {
      name: 'refuses a default branch that is not a string',
      ev: 'schedule',
      ref: 'refs/heads/main',
      payload: { repository: { default_branch: ['main'] } },
      refused: /does not name/,
    },
    {
      name: 'refuses an unreadable payload',
      ev: 'schedule',
      ref: 'refs/heads/main',
      payload: '{not json',
      refused: /cannot read the event payload/,
    },
    {
      name: 'refuses a pull request even when its ref looks like the default branch',
      ev: 'pull_request_target',
      ref: 'refs/heads/main',
      payload: onMain,
      refused: /pull request/,
    },
  ])('$name', ({ ev, ref, payload, refused }) => {
    const why = fleetRotationRefusal({
      GITHUB_EVENT_NAME: ev,
      GITHUB_REF: ref,
      GITHUB_EVENT_PATH: event(payload),
    });
    if (refused === undefined) expect(why).toBeUndefined();
    else expect(why).toMatch(refused);
  });

  it('refuses a run without an event payload', () => {
    expect(fleetRotationRefusal({ GITHUB_REF: 'refs/heads/main' })).toMatch(
      /does not name the default branch/,
    );
  });
});

describe('getFleetInputs rotation settings', () => {
  const inputs = (extra: Record<string, string>) => (name: string) =>
    ({ mode: 'fleet-sweep', 'fleet-shard': '1', ...extra })[name] ?? '';
  const env = {
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_PATH: event({ repository: { default_branch: 'main' } }),
  };

  it('rotates by default in fleet-sweep on the default branch', () => {
    expect(getFleetInputs(env, inputs({}))).toMatchObject({ rotate: 'rotate', rotateOff: undefined });
  });

  it('does not rotate with rotate: off', () => {
    expect(getFleetInputs(env, inputs({ rotate: 'off' }))).toMatchObject({ rotate: 'off', rotationEnv: {} });
  });

  it('hands the admin key and state key to the sweep through its environment only', () => {
    const admin = 'admin-value-for-test-only';
    const state = 'state-key-for-test-only-0123456789';
    const s = getFleetInputs(env, inputs({ 'openai-admin-key': admin, 'state-key': state }))!;
    expect(s.rotationEnv).toEqual({ OPENAI_ADMIN_KEY: admin, KEYGUARD_STATE_KEY: state });
  });

  it('never rotates in fleet-plan or fleet-report', () => {
    expect(getFleetInputs(env, inputs({ mode: 'fleet-plan', 'fleet-org': 'acme' }))?.rotate).toBe('off');
    // With per-shard rotation the sweep jobs rotate; the report job never does.
    expect(
      getFleetInputs(env, inputs({ mode: 'fleet-report', 'fleet-rotation-scope': 'shard' }))?.rotate,
    ).toBe('off');
  });

  it('rotates in fleet-report with org-wide rotation (the default): each sealed key once, before the report', () => {
    expect(getFleetInputs(env, inputs({ mode: 'fleet-report' }))?.rotate).toBe('rotate');
  });
});
