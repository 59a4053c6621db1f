/** examples/workflows/fleet-sweep.yml: parses, is wired plan → matrix sweep → report, and uses only real flags. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { FLEET_SUBCOMMANDS } from '../../src/cli/commands/fleet.js';

const text = readFileSync('examples/workflows/fleet-sweep.yml', 'utf8');
const wf = parse(text);

describe('the fleet example workflow', () => {
  it('runs on a schedule with only contents: read for its own token', () => {
    expect(wf.on.schedule).toHaveLength(1);
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('has three jobs: plan, then the sweep matrix from its output, then the report', () => {
    expect(Object.keys(wf.jobs)).toEqual(['plan', 'sweep', 'report']);
    expect(wf.jobs.sweep.needs).toBe('plan');
    expect(wf.jobs.sweep.strategy.matrix).toBe('${{ fromJSON(needs.plan.outputs.matrix) }}');
    expect(wf.jobs.sweep.strategy['max-parallel']).toBeGreaterThan(0);
    expect(wf.jobs.sweep.strategy['fail-fast']).toBe(false);
    expect(wf.jobs.report.needs).toEqual(['plan', 'sweep']);
    expect(wf.jobs.plan.outputs.matrix).toBe('${{ steps.plan.outputs.matrix }}');
  });

  it('keeps every job under GitHub’s 6-hour limit', () => {
    for (const job of Object.values<{ 'timeout-minutes': number }>(wf.jobs))
      expect(job['timeout-minutes']).toBeLessThan(360);
  });

  it('gets a GitHub App token in every job and carries the state with actions/cache', () => {
    for (const job of Object.values<{ steps: { uses?: string }[] }>(wf.jobs))
      expect(job.steps.some((s) => s.uses?.startsWith('actions/create-github-app-token@'))).toBe(true);
    expect(text).toContain('actions/cache/restore@');
    expect(text).toContain('actions/cache/save@');
    expect(text).toContain('GITHUB_STEP_SUMMARY');
  });

  it('never puts the token on a command line', () => {
    for (const line of text.split('\n').filter((l) => l.includes('fleet ')))
      expect(line).not.toMatch(/token/i);
  });

  it('uses only flags the fleet commands have', () => {
    const calls = [...text.matchAll(/cli\.js fleet (plan|sweep|rotate|report)((?:[^\n]*\\\n)*[^\n]*)/g)];
    expect(calls.length).toBeGreaterThanOrEqual(4);
    for (const [, sub, rest] of calls) {
      const cmd = FLEET_SUBCOMMANDS.find((c) => c.name === `fleet ${sub}`)!;
      const known = new Set(cmd.flags.map((f) => f.name));
      for (const [, flag] of rest!.matchAll(/--([a-z-]+)/g))
        expect([sub, flag, known.has(flag!)]).toEqual([sub, flag, true]);
    }
  });

  it('checks out this central repository in every job, so its .keyguard.yml applies', () => {
    for (const [name, job] of Object.entries(wf.jobs) as [string, any][]) {
      const central = job.steps.find(
        (s: any) => s.uses?.startsWith('actions/checkout@') && !s.with?.repository && !s.with?.path,
      );
      expect([name, Boolean(central)]).toEqual([name, true]);
    }
  });

  it('saves the state under a key of its own per run attempt, so a re-run can save it', () => {
    const save = wf.jobs.report.steps.find((s: any) => s.uses?.startsWith('actions/cache/save@'));
    expect(save.with.key).toContain('${{ github.run_attempt }}');
    const restore = wf.jobs.plan.steps.find((s: any) => s.uses?.startsWith('actions/cache/restore@'));
    expect(restore.with['restore-keys']).toBe('keyguard-fleet-state-');
  });

  it('rotates once across the organisation: the sweeps seal, the report job runs fleet rotate with the plan', () => {
    expect(text).toMatch(/verify=--seal/);
    expect(text).toMatch(/fleet rotate --input results --plan plan\.json/);
    const steps = wf.jobs.report.steps.map((s: any) => s.id);
    expect(steps.indexOf('rotate')).toBeGreaterThan(-1);
    expect(steps.indexOf('rotate')).toBeLessThan(steps.indexOf('report'));
    const rotate = wf.jobs.report.steps.find((s: any) => s.id === 'rotate');
    expect(Object.keys(rotate.env)).toEqual(
      expect.arrayContaining(['KEYGUARD_STATE_KEY', 'OPENAI_ADMIN_KEY', 'OPENAI_API_KEY']),
    );
    // The sweep jobs never hold an admin key.
    expect(JSON.stringify(wf.jobs.sweep)).not.toMatch(/ADMIN_KEY/);
  });

  it('hands the report the plan and gives each sweep a deadline under its job timeout', () => {
    expect(text).toMatch(/fleet report --input results --plan plan\.json/);
    const deadline = Number(/--deadline (\d+)/.exec(text)![1]);
    expect(deadline).toBeLessThan(wf.jobs.sweep['timeout-minutes']);
  });
});
