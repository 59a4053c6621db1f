/**
 * Every endpoint keyguard calls, per provider, and how sure we are of it against the provider's API
 * description. Rendered into docs/providers.md (./matrix.ts); a test checks each listed operation
 * exists in the description the emulators enforce (__tests__/fixtures/openapi/).
 *
 * - `matches`: the description is the provider's official one, keyguard's request conforms to it
 *   (the strict emulator refuses anything else) and the answers are read per its schemas;
 * - `tolerant`: the description is a transcription (no official one is published) or leaves the point
 *   open, so the adapter accepts the variants it may meet;
 * - `unchecked`: no description is available; the emulator follows the provider's documentation.
 */

export type EndpointStatus = 'matches' | 'tolerant' | 'unchecked';

export interface ProviderEndpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The path as the description templates it, relative to the provider's base URL. */
  path: string;
  /** What keyguard uses it for. */
  use: string;
  status: EndpointStatus;
  note?: string;
}

export interface ProviderContract {
  provider: string;
  /** File in __tests__/fixtures/openapi/ (without `.json`), or undefined when there is none. */
  description?: string;
  /** Where the description comes from. */
  origin: string;
  endpoints: ProviderEndpoint[];
}

const OFFICIAL_OPENAI = 'openai/openai-openapi openapi.yaml at f85dbe22 (official, subset)';

export const PROVIDER_CONTRACTS: ProviderContract[] = [
  {
    provider: 'openai',
    description: 'openai-admin-subset',
    origin: OFFICIAL_OPENAI,
    endpoints: [
      { method: 'GET', path: '/models', use: 'verify a key', status: 'matches' },
      {
        method: 'GET',
        path: '/organization/admin_api_keys',
        use: "verify an admin key (`limit=1`); locate a leaked admin key by `redacted_value`, then prove it ours by the leaked key's own list of its organization's admin keys",
        status: 'matches',
      },
      {
        method: 'POST',
        path: '/organization/admin_api_keys',
        use: 'create the replacement of a leaked admin key (`name`, `expires_in_seconds`); never retried after a 5xx',
        status: 'matches',
      },
      {
        method: 'GET',
        path: '/organization/admin_api_keys/{key_id}',
        use: 'state / describe an admin key (a 404 counts as deleted only while the admin key list answers)',
        status: 'matches',
      },
      {
        method: 'DELETE',
        path: '/organization/admin_api_keys/{key_id}',
        use: 'delete a leaked admin key once its replacement is stored and verified; an orphaned replacement',
        status: 'matches',
      },
      {
        method: 'GET',
        path: '/organization/projects',
        use: 'locate: every project (`include_archived=true`, cursor pages)',
        status: 'matches',
      },
      {
        method: 'GET',
        path: '/organization/projects/{project_id}',
        use: 'state: a 404 for a key counts as deleted only if its project answers',
        status: 'matches',
      },
      {
        method: 'GET',
        path: '/organization/projects/{project_id}/api_keys',
        use: "locate by redacted value; disable: the key's owner",
        status: 'matches',
      },
      {
        method: 'GET',
        path: '/organization/projects/{project_id}/api_keys/{api_key_id}',
        use: 'state; disable',
        status: 'matches',
      },
      {
        method: 'DELETE',
        path: '/organization/projects/{project_id}/api_keys/{api_key_id}',
        use: 'disable (a key cannot be disabled in place)',
        status: 'matches',
      },
      {
        method: 'POST',
        path: '/organization/projects/{project_id}/service_accounts',
        use: 'create the replacement (`create_service_account_only` when scoped)',
        status: 'matches',
      },
      {
        method: 'POST',
        path: '/organization/projects/{project_id}/service_accounts/{service_account_id}/api_keys',
        use: 'create a scoped replacement key',
        status: 'matches',
        note: 'a 404 (an API older than this endpoint) falls back to an unscoped key, listed as manual',
      },
      {
        method: 'DELETE',
        path: '/organization/projects/{project_id}/service_accounts/{service_account_id}',
        use: "disable a service account's key; clean up a keyless account",
        status: 'matches',
      },
      {
        method: 'POST',
        path: '/organization/projects/{project_id}/model_permissions',
        use: 'create: model allow-list (project-wide)',
        status: 'matches',
      },
      {
        method: 'GET',
        path: '/organization/projects/{project_id}/rate_limits',
        use: 'create: rate limits (project-wide)',
        status: 'matches',
      },
      {
        method: 'POST',
        path: '/organization/projects/{project_id}/rate_limits/{rate_limit_id}',
        use: 'create: rate limits (project-wide)',
        status: 'matches',
      },
      {
        method: 'GET',
        path: '/organization/usage/completions',
        use: 'usage, hourly, `api_key_ids` and `group_by` in plain repeated form',
        status: 'matches',
        note: "rows without the key's id are left out and stated in the gaps",
      },
      {
        method: 'GET',
        path: '/organization/usage/embeddings',
        use: 'usage, as completions',
        status: 'matches',
        note: "rows without the key's id are left out and stated in the gaps",
      },
      {
        method: 'GET',
        path: '/organization/audit_logs',
        use: 'usage: management events about the key (`resource_ids[]`, as the description names it)',
        status: 'tolerant',
        note:
          'the description gives the object parameter `effective_at` no style (its default would be ' +
          '`gte=…` at top level); keyguard sends `effective_at[gte]`/`[lt]` (deepObject), as OpenAI documents. ' +
          'The IP is read from `session` actors only; no actor has a user agent',
      },
    ],
  },
  {
    provider: 'anthropic',
    description: 'anthropic-admin-transcribed',
    origin: 'transcription of the official docs and SDK (no machine-readable description is published)',
    endpoints: [
      { method: 'GET', path: '/v1/models', use: 'verify a key (`limit=1`)', status: 'tolerant' },
      {
        method: 'GET',
        path: '/v1/organizations/me',
        use: "verify an admin key; prove a leaked admin key ours (same organization id as our admin key's)",
        status: 'tolerant',
        note: 'admin keys themselves have no endpoint: they are listed, made and deleted in the Console only',
      },
      { method: 'GET', path: '/v1/organizations/api_keys', use: 'locate by key hint', status: 'tolerant' },
      { method: 'GET', path: '/v1/organizations/api_keys/{api_key_id}', use: 'state', status: 'tolerant' },
      {
        method: 'POST',
        path: '/v1/organizations/api_keys/{api_key_id}',
        use: 'disable (`status: inactive`)',
        status: 'tolerant',
      },
      {
        method: 'GET',
        path: '/v1/organizations/usage_report/messages',
        use: 'usage, hourly, `api_key_ids[]` and `group_by[]`',
        status: 'tolerant',
        note: "bracketed names as Anthropic's cookbook sends them; rows without the key's id are left out and stated in the gaps",
      },
    ],
  },
  {
    provider: 'openrouter',
    description: 'openrouter-keys-subset',
    origin: 'OpenRouterTeam/typescript-sdk .speakeasy/in.openapi.yaml at cb9393a8 (official, subset)',
    endpoints: [
      { method: 'GET', path: '/key', use: 'verify a key', status: 'matches' },
      { method: 'GET', path: '/keys/{hash}', use: 'locate by sha256 of the key; state', status: 'matches' },
      {
        method: 'GET',
        path: '/keys',
        use: 'locate by label (`offset`, `include_disabled=true`)',
        status: 'matches',
      },
      { method: 'POST', path: '/keys', use: 'create the replacement', status: 'matches' },
      { method: 'PATCH', path: '/keys/{hash}', use: 'disable (`disabled: true`)', status: 'matches' },
      { method: 'DELETE', path: '/keys/{hash}', use: 'delete an orphaned replacement', status: 'matches' },
      {
        method: 'GET',
        path: '/activity',
        use: 'usage, one call per day (`api_key_hash`, `date`)',
        status: 'matches',
        note: "rows do not name the key: they are the key's because the filter is applied (stated in the gaps)",
      },
    ],
  },
  {
    provider: 'litellm',
    description: 'litellm-proxy-transcribed',
    origin: "transcription of the LiteLLM 1.95.0 proxy's generated OpenAPI and its sources",
    endpoints: [
      {
        method: 'GET',
        path: '/key/info',
        use: 'verify (the key asks about itself); locate and state (`key=<token hash>`)',
        status: 'tolerant',
        note: 'the token is read from `key` when `info` has none (the proxy pops it)',
      },
      { method: 'GET', path: '/v1/models', use: 'verify an `llm_api` key', status: 'tolerant' },
      { method: 'POST', path: '/key/generate', use: 'create the replacement', status: 'tolerant' },
      { method: 'POST', path: '/key/block', use: 'disable', status: 'tolerant' },
      { method: 'POST', path: '/key/delete', use: 'delete an orphaned replacement', status: 'tolerant' },
      {
        method: 'GET',
        path: '/spend/logs/v2',
        use: 'usage per request (`YYYY-MM-DD HH:MM:SS`, pages of 100)',
        status: 'tolerant',
      },
      {
        method: 'GET',
        path: '/spend/logs',
        use: 'usage on a proxy without v2',
        status: 'tolerant',
        note: 'dates as `YYYY-MM-DD` (the proxy parses nothing else) and `summarize=false`; per-day totals are left out and stated in the gaps',
      },
    ],
  },
  {
    provider: 'deepseek',
    origin: 'none available: the emulator follows the DeepSeek API documentation',
    endpoints: [
      { method: 'GET', path: '/models', use: 'verify a key', status: 'unchecked' },
      { method: 'GET', path: '/user/balance', use: 'verify: balance', status: 'unchecked' },
    ],
  },
];

/** The markdown section of docs/providers.md. */
export function renderEndpointSection(contracts: ProviderContract[] = PROVIDER_CONTRACTS): string[] {
  const out = [
    '## Endpoints and their contract',
    '',
    'Every endpoint keyguard calls, checked against the API description the test emulators enforce',
    '(`__tests__/fixtures/openapi/`: requests outside it are refused, answers outside it fail the test).',
    '`matches`: official description, request and answer conform; `tolerant`: the description is a',
    'transcription or leaves the point open, so the adapter accepts the variants; `unchecked`: no',
    'description available. The OpenAI-compatible providers (Moonshot, DashScope, SiliconFlow, Groq,',
    'Perplexity, xAI) and Stripe only verify keys, with one read-only call each, and have no description',
    'in the reference set: unchecked.',
    '',
  ];
  for (const c of contracts) {
    out.push(`### \`${c.provider}\``, '', `Description: ${c.origin}.`, '');
    out.push('| Method | Path | Used for | Status | Note |', '|---|---|---|---|---|');
    for (const e of c.endpoints) {
      out.push(`| ${e.method} | \`${e.path}\` | ${e.use} | ${e.status} | ${e.note ?? ''} |`);
    }
    out.push('');
  }
  return out;
}
