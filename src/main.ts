import * as core from '@actions/core';

/** The action's single catch point: every other module throws typed errors. */
export async function run(): Promise<void> {
  try {
    core.info('keyguard: not wired yet');
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}
