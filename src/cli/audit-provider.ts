/**
 * `keyguard audit --provider ID --key-id ID`: the audit from a provider's usage API through its admin
 * adapter. The admin key comes from the environment (KEYGUARD_ADMIN_KEY), never from arguments.
 */
import { resolve } from 'node:path';
import {
  CSV_ONLY,
  checkAllowIps,
  checkFormat,
  checkTime,
  checkWindow,
  emptyWindowExit,
} from '../audit/cli.js';
import { auditProvider } from '../audit/provider.js';
import { renderJson, renderMarkdown, renderText } from '../audit/render.js';
import { InputError } from '../config/errors.js';
import { loadConfig } from '../config/load.js';
import { buildProviders } from '../pipeline/providers.js';
import { Secret } from '../scan/secret.js';
import type { CliIo } from './command.js';
import { type Parsed, str } from './flags.js';
import { deliver, destination } from './output.js';

/** Where each provider's admin key is read from in the environment (audit, fleet sweep --rotate). */
export const ADMIN_ENV: Record<string, string> = {
  openai: 'OPENAI_ADMIN_KEY',
  anthropic: 'ANTHROPIC_ADMIN_KEY',
  openrouter: 'OPENROUTER_MANAGEMENT_KEY',
  litellm: 'LITELLM_MASTER_KEY',
};

export async function auditWithProvider({ values, positionals }: Parsed, io: CliIo): Promise<number> {
  if (positionals.length) throw new InputError(`unexpected argument "${positionals[0]}"`);
  for (const f of CSV_ONLY)
    if (values[f] !== undefined)
      throw new InputError(`--${f} is for audit --csv (a call log), not --provider`);
  const id = String(values.provider);
  const keyId = str(values, 'key-id');
  if (!keyId) throw new InputError("audit --provider needs --key-id (the provider's id of the key)");
  const windowMs = checkWindow(str(values, 'window') ?? '168h');
  const format = checkFormat(str(values, 'format'));
  const allowIps = checkAllowIps(values);
  const end = checkTime('--end', str(values, 'end'));
  const leakTime = checkTime('--leak-time', str(values, 'leak-time'));
  const dest = destination(io.cwd, str(values, 'output'));
  const adminValue = io.env.KEYGUARD_ADMIN_KEY || (ADMIN_ENV[id] ? io.env[ADMIN_ENV[id]] : undefined);
  if (!adminValue) {
    throw new InputError(
      `audit --provider ${id} needs an admin key in KEYGUARD_ADMIN_KEY${ADMIN_ENV[id] ? ` or ${ADMIN_ENV[id]}` : ''}`,
    );
  }
  const configFile = str(values, 'config');
  const config = await loadConfig(resolve(io.cwd, configFile ?? '.keyguard.yml'), {
    required: Boolean(configFile),
  });
  const baseUrl = str(values, 'base-url');
  const providers = buildProviders(config, {
    baseUrls: baseUrl !== undefined ? { [id]: baseUrl } : {},
    adminKeys: { [id]: new Secret(adminValue) },
    env: io.env,
  });
  const provider = providers.get(id);
  if (!provider) throw new InputError(`--provider "${id}" is not one of ${[...providers.keys()].join(', ')}`);
  const report = await auditProvider(
    provider,
    { provider: id, id: keyId },
    {
      end,
      windowHours: windowMs / 3_600_000,
      leakTime,
      allowIps: allowIps.length ? allowIps : undefined,
      provider: id,
    },
  );
  const text =
    format === 'json'
      ? renderJson(report)
      : format === 'markdown'
        ? renderMarkdown(report)
        : renderText(report);
  await deliver(dest, text, io.stdout);
  return emptyWindowExit(report, io.stderr);
}
