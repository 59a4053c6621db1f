/**
 * Exact console steps for what a provider's API cannot do. They go into the plan and the incident
 * word for word, so a human can finish the job without guessing.
 */
import type { SecretTarget } from '../github/types.js';
import type { KeyKind } from '../providers/types.js';
import { describeTarget } from './targets.js';

interface Console {
  url: string;
  keysPage: string;
}

const CONSOLES: Record<string, Console> = {
  deepseek: { url: 'https://platform.deepseek.com', keysPage: 'API keys' },
  anthropic: { url: 'https://console.anthropic.com', keysPage: 'Settings → API keys' },
  openai: { url: 'https://platform.openai.com', keysPage: 'Settings → API keys' },
  openrouter: { url: 'https://openrouter.ai', keysPage: 'Settings → Keys' },
  moonshot: { url: 'https://platform.moonshot.ai', keysPage: 'API keys' },
  siliconflow: { url: 'https://cloud.siliconflow.cn', keysPage: 'API keys' },
  dashscope: { url: 'https://bailian.console.aliyun.com', keysPage: 'API-KEY' },
  groq: { url: 'https://console.groq.com', keysPage: 'API keys' },
  stripe: { url: 'https://dashboard.stripe.com', keysPage: 'Developers → API keys' },
};

/** Where organization admin keys are managed (never in the API-keys page). */
const ADMIN_KEYS_PAGES: Record<string, string> = {
  openai: 'https://platform.openai.com → Settings → Organization → Admin keys',
  anthropic: 'https://console.anthropic.com → Settings → Admin keys',
};

function consoleOf(providerId: string, displayName: string, kind?: KeyKind): string {
  if (kind === 'admin')
    return ADMIN_KEYS_PAGES[providerId] ?? `the ${displayName} console → organization admin keys`;
  const c = CONSOLES[providerId];
  return c ? `${c.url} → ${c.keysPage}` : `the ${displayName} console → API keys`;
}

/** `gh secret set` command that stores a value into the target (value read from stdin, never argv). */
export function ghSecretSet(t: SecretTarget): string {
  const name = t.name.toUpperCase();
  switch (t.scope.kind) {
    case 'repo':
      return `gh secret set ${name}`;
    case 'env':
      return `gh secret set ${name} --env ${t.scope.environment}`;
    case 'org':
      return `gh secret set ${name} --org ${t.scope.org} --visibility ${t.scope.visibility ?? 'private'}`;
  }
}

export function disableByHand(
  providerId: string,
  displayName: string,
  redacted: string,
  kind?: KeyKind,
): string {
  if (kind === 'admin')
    return `Delete the leaked ADMIN key by hand (${displayName}'s API cannot disable admin keys): sign in at ${consoleOf(providerId, displayName, kind)} as an organization admin, find the admin key shown as \`${redacted}\` and delete it, once every secret that held it has its replacement. Then check the organization's members, API keys and workspaces for changes you did not make. keyguard re-verifies it on every sweep and keeps the check failing until ${displayName} reports it revoked.`;
  const verb = providerId === 'anthropic' ? 'set it to inactive (or delete it)' : 'delete it';
  return `Disable the leaked key by hand: sign in at ${consoleOf(providerId, displayName)}, find the key shown as \`${redacted}\` and ${verb}. keyguard re-verifies it on every sweep and keeps the check failing until ${displayName} reports it revoked.`;
}

export function createByHand(
  providerId: string,
  displayName: string,
  targets: SecretTarget[],
  policyName: string,
  kind?: KeyKind,
  /** Labels of the stores beyond GitHub secrets (src/stores) that hold the key too. */
  stores: readonly string[] = [],
): string {
  const where = [...targets.map((t) => `${describeTarget(t)} (\`${ghSecretSet(t)}\`)`), ...stores].join('; ');
  return `Create a replacement ${kind === 'admin' ? 'admin key' : 'key'} by hand at ${consoleOf(providerId, displayName, kind)} named \`${policyName}\`, then store it in every secret: ${where || 'the secrets that held the old key'}.`;
}

export function freshStandby(targets: SecretTarget[], suffix: string): string {
  const names = [...new Set(targets.map((t) => `${t.name.toUpperCase()}${suffix}`))].join(', ');
  return `The standby key is now the primary: put a fresh standby key in ${names} so the next rotation can promote it.`;
}

/** Where a key that is not ours can be reported: the provider's help desk (it can revoke for the owner). */
const REPORT_TO: Record<string, string> = {
  openai: 'https://help.openai.com (OpenAI support)',
  anthropic: 'https://support.anthropic.com (Anthropic support)',
};

/**
 * The incident's instructions for a live key the provider's admin API does not know in our
 * organisation and no secret of ours holds: keyguard changes nothing; tell whoever can act.
 * Only the commit id and path are named (outside text such as an author name is left out).
 */
export function notOursRunbook(
  providerId: string,
  displayName: string,
  redacted: string,
  where?: { file?: string; commit?: string },
): string {
  const desk =
    REPORT_TO[providerId] ??
    `${displayName}'s support or security team (${consoleOf(providerId, displayName)})`;
  const commit =
    where?.commit && /^[0-9a-f]{7,64}$/i.test(where.commit) ? ` in commit ${where.commit.slice(0, 12)}` : '';
  return (
    `Not our key: ${displayName}'s admin API does not know \`${redacted}\` in this organization and no secret of ours holds it, ` +
    'so keyguard created, stored and disabled nothing. It is live and belongs to another account: ' +
    `tell the person who committed it${commit} to revoke it, and report it to ${desk} so its owner is warned. ` +
    'Then remove it from the branch (and from history if it was merged).'
  );
}
