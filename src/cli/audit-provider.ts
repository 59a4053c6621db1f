/**
 * `keyguard audit --provider ID --key-id ID`: the audit from a provider's usage API through its admin
 * adapter. The admin key comes from the environment (KEYGUARD_ADMIN_KEY), never from arguments.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { auditProvider } from '../audit/provider.js';
import { renderJson, renderMarkdown, renderText } from '../audit/render.js';
import { parseDuration, parseTimestamp } from '../audit/time.js';
import { InputError } from '../config/errors.js';
import { loadConfig } from '../config/load.js';
import { buildProviders } from '../pipeline/providers.js';
import { Secret } from '../scan/secret.js';
import type { CliIo } from './main.js';

const ADMIN_ENV: Record<string, string> = {
  openai: 'OPENAI_ADMIN_KEY',
  anthropic: 'ANTHROPIC_ADMIN_KEY',
  openrouter: 'OPENROUTER_MANAGEMENT_KEY',
  litellm: 'LITELLM_MASTER_KEY',
};

function time(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const ms = parseTimestamp(v);
  if (ms === undefined) throw new InputError(`${flag} "${v}" is not a time (ISO 8601 or epoch seconds)`);
  return new Date(ms).toISOString();
}

export async function auditWithProvider(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        provider: { type: 'string' },
        'key-id': { type: 'string' },
        'base-url': { type: 'string' },
        window: { type: 'string', default: '168h' },
        end: { type: 'string' },
        'leak-time': { type: 'string' },
        'allow-ip': { type: 'string', multiple: true },
        format: { type: 'string', default: 'text' },
        config: { type: 'string' },
      },
    });
  } catch (err) {
    throw new InputError((err as Error).message.split('\n')[0]!);
  }
  const v = parsed.values as Record<string, string | string[] | undefined>;
  const id = String(v.provider);
  const keyId = v['key-id'];
  if (typeof keyId !== 'string' || !keyId)
    throw new InputError("audit --provider needs --key-id (the provider's id of the key)");
  const adminValue = io.env.KEYGUARD_ADMIN_KEY || (ADMIN_ENV[id] ? io.env[ADMIN_ENV[id]] : undefined);
  if (!adminValue) {
    throw new InputError(
      `audit --provider ${id} needs an admin key in KEYGUARD_ADMIN_KEY${ADMIN_ENV[id] ? ` or ${ADMIN_ENV[id]}` : ''}`,
    );
  }
  const windowMs = parseDuration(String(v.window));
  if (!windowMs) throw new InputError(`--window "${v.window}" is not a duration (e.g. 168h, 7d)`);
  const format = String(v.format);
  if (!['text', 'json', 'markdown'].includes(format))
    throw new InputError(`--format "${format}" is not text, json or markdown`);
  const config = await loadConfig(
    v.config ? resolve(io.cwd, String(v.config)) : resolve(io.cwd, '.keyguard.yml'),
    {
      required: Boolean(v.config),
    },
  );
  const baseUrls = typeof v['base-url'] === 'string' ? { [id]: v['base-url'] } : {};
  const providers = buildProviders(config, {
    baseUrls,
    adminKeys: { [id]: new Secret(adminValue) },
    env: io.env,
  });
  const provider = providers.get(id);
  if (!provider) throw new InputError(`--provider "${id}" is not one of ${[...providers.keys()].join(', ')}`);
  const report = await auditProvider(
    provider,
    { provider: id, id: keyId },
    {
      end: time('--end', v.end as string | undefined),
      windowHours: windowMs / 3_600_000,
      leakTime: time('--leak-time', v['leak-time'] as string | undefined),
      allowIps: (v['allow-ip'] as string[] | undefined)?.flatMap((s) => s.split(',')).filter(Boolean),
      provider: id,
    },
  );
  io.stdout.write(
    format === 'json'
      ? renderJson(report)
      : format === 'markdown'
        ? renderMarkdown(report)
        : renderText(report),
  );
  return 0;
}
