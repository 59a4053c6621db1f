/**
 * `keyguard fleet rotate`: after every shard was swept with `fleet sweep --seal`, one rotation per live
 * key across the whole organisation, with every place that holds it (src/fleet/rotate-org.ts).
 */
import { resolve } from 'node:path';
import { InputError } from '../../config/errors.js';
import { fleetToken } from '../../fleet/env.js';
import { readPlan } from '../../fleet/planned.js';
import { orgRotateExitCode, rotateOrg } from '../../fleet/rotate-org.js';
import type { FleetSighting } from '../../fleet/sweep.js';
import { createTransferSeal } from '../../fleet/transfer.js';
import { forLog } from '../../text/inert.js';
import type { Command } from '../command.js';
import { str } from '../flags.js';
import { atMost, BASE_URL_FLAGS, baseUrlsFrom, CONFIG_FLAG, configFor } from '../shared.js';
import { RESULTS_INPUT_FLAG, resultInputs } from './fleet-results.js';
import {
  adminKeysFrom,
  fleetRotateOptions,
  fleetVerifier,
  rotationEngine,
  stateKeyFrom,
} from './fleet-sweep.js';

export const fleetRotateCommand: Command = {
  name: 'fleet rotate',
  summary:
    'rotate every live key the shards sealed (fleet sweep --seal) once across the organisation, then write the outcomes into the results',
  usage: [
    '--input DIR… --plan FILE [--dry-run] [--disable-only] [--central-repo OWNER/REPO] [--config FILE]',
  ],
  flags: [
    RESULTS_INPUT_FLAG,
    {
      name: 'plan',
      type: 'string',
      value: 'FILE',
      description:
        'the plan tonight was swept from: only results it listed in that shard are used, and every sealed key is bound to its id',
    },
    {
      name: 'disable-only',
      type: 'boolean',
      description: 'disable live keys without making replacements (rotate: disable)',
    },
    { name: 'dry-run', type: 'boolean', description: 'print each rotation plan and change nothing' },
    {
      name: 'central-repo',
      type: 'string',
      value: 'OWNER/REPO',
      description: 'where incidents and their journals live (default: GITHUB_REPOSITORY)',
    },
    CONFIG_FLAG,
    ...BASE_URL_FLAGS,
  ],
  notes: [
    'Reads the results of every shard (fleet sweep --seal), keeps those the plan listed in that shard,',
    'opens each sealed key (one that does not open is no key: warned), checks its fingerprint, verifies it',
    'again with its provider, and rotates each live key once with every repository it was found in: the',
    'key is disabled only after every place holds its replacement. The outcomes are written back into',
    'the result files (redacted), for fleet report. Environment: KEYGUARD_STATE_KEY (the transfer secret',
    'the keys were sealed with; required), KEYGUARD_FLEET_TOKEN (else GITHUB_TOKEN), GITHUB_API_URL,',
    'GITHUB_REPOSITORY, the admin keys, and the organisation secrets mapped under their names.',
    'Exit: 0 done (keys left live are the report’s to judge), 2 usage, an unusable file, or a rotation',
    'that stopped or a sealed key that did not open (run it again: the journals finish it).',
  ],
  async run({ values, positionals }, { io, log }) {
    atMost('fleet rotate', positionals, 0, '');
    const inputs = resultInputs('fleet rotate', values);
    const planArg = str(values, 'plan');
    if (!planArg)
      throw new InputError(
        'fleet rotate needs --plan FILE: only the results the plan listed, in the shard it listed them in, are rotated',
      );
    const warn = (line: string) => log.warn(forLog(line));
    const plan = await readPlan(resolve(io.cwd, planArg), { warn });
    if (!plan.planId)
      throw new InputError(
        `${planArg}: the plan has no plan id (made by an older keyguard): nothing was sealed under it`,
      );
    const secret = stateKeyFrom(io);
    if (!secret)
      throw new InputError(
        'fleet rotate needs KEYGUARD_STATE_KEY: the secret the sweep jobs sealed the live keys with (keyguard does not invent one)',
      );
    const config = await configFor(io.cwd, str(values, 'config'), io.cwd);
    const adminKeys = adminKeysFrom(io);
    const say = (line: string) => log.info(forLog(`fleet rotate ${line}`));
    const opts = fleetRotateOptions('fleet rotate', values, io, config, fleetToken(io.env), adminKeys, say);
    if (!Object.keys(config.parsed.rotation.providers).length)
      log.warn(
        'fleet rotate: the central .keyguard.yml has no rotation: section for any provider: no key is rotated',
      );
    const baseUrls = baseUrlsFrom(values);
    const outcome = await rotateOrg({
      dirs: inputs.map((d) => resolve(io.cwd, d)),
      plan,
      seal: createTransferSeal(secret, plan.planId),
      config,
      verify: fleetVerifier(config, baseUrls, io, adminKeys),
      rotate: async (batch: FleetSighting[]) => (await rotationEngine()).rotateFleetKeys(opts, batch),
      mask: (v) => io.mask?.(v),
      log: say,
      warn,
    });
    for (const i of outcome.ignored) warn(`${i.file}: ${i.reason}`);
    for (const e of outcome.errors) log.error(forLog(`${e.file}: ${e.reason}`));
    const counts = Object.entries(outcome.counts)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    log.info(
      forLog(
        `fleet rotate: ${outcome.files} result file(s), ${outcome.trusted} from the plan; ${outcome.opened} sealed key(s) opened, ${outcome.rotating} live key(s) rotated across ${outcome.written} result(s)${counts ? ` (${counts})` : ''}; ${outcome.ignored.length} ignored, ${outcome.errors.length} unusable`,
      ),
    );
    return orgRotateExitCode(outcome);
  },
};
