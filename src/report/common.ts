/** Helpers shared by the reporters: input shape, ordering, counting and human formatting. */
import { scrub } from '../scan/secret.js';
import type { Finding, FindingAdvice, ScanResult, ScanWarning } from '../types.js';

/** What every reporter formats. A ScanResult fits as it is. */
export interface ReportData {
  findings: readonly Finding[];
  warnings?: readonly ScanWarning[];
  stats?: Partial<ScanResult['stats']>;
  /** Findings dropped because the baseline holds them (from applyFilters). */
  baselined?: number;
}

export const TOOL_NAME = 'keyguard';

const PROVIDER_NAMES: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  deepseek: 'DeepSeek',
  dashscope: 'DashScope',
  openrouter: 'OpenRouter',
  moonshot: 'Moonshot',
  siliconflow: 'SiliconFlow',
  litellm: 'LiteLLM',
  stripe: 'Stripe',
  groq: 'Groq',
  xai: 'xAI',
  perplexity: 'Perplexity',
  zhipu: 'Zhipu',
  paystack: 'Paystack',
  iexcloud: 'IEX Cloud',
  checkout: 'Checkout.com',
  recharge: 'Recharge',
  photoroom: 'Photoroom',
  braintrust: 'Braintrust',
  'one-api': 'One API gateway',
  clerk: 'Clerk',
  aws: 'AWS',
  alibaba: 'Alibaba Cloud',
  google: 'Google Cloud',
  github: 'GitHub',
  slack: 'Slack',
  huggingface: 'Hugging Face',
  replicate: 'Replicate',
  'private-key': 'the key pair owner',
  database: 'the database or broker',
};

/** `deepseek|dashscope` → `DeepSeek or DashScope`; unknown ids are shown as they are. */
export function providerName(provider: string): string {
  const names = provider
    .split('|')
    .filter(Boolean)
    .map((p) => PROVIDER_NAMES[p] ?? p);
  if (names.length === 0) return 'unknown provider';
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** Where to revoke a provider's keys by hand (only consoles we are sure of). */
const KEY_CONSOLES: Record<string, string> = {
  openai: 'https://platform.openai.com/api-keys',
  anthropic: 'https://console.anthropic.com/settings/keys',
  openrouter: 'https://openrouter.ai/settings/keys',
  deepseek: 'https://platform.deepseek.com/api_keys',
  stripe: 'https://dashboard.stripe.com/apikeys',
  // Linked credentials: where each is revoked by hand (keyguard never rotates them).
  aws: 'https://console.aws.amazon.com/iam/home#/security_credentials',
  alibaba: 'https://ram.console.aliyun.com/manage/ak',
  google: 'https://console.cloud.google.com/apis/credentials',
  github: 'https://github.com/settings/tokens',
  slack: 'https://api.slack.com/apps',
  huggingface: 'https://huggingface.co/settings/tokens',
  replicate: 'https://replicate.com/account/api-tokens',
  paystack: 'https://dashboard.paystack.com/#/settings/developers',
};

export function keyConsoleUrl(provider: string): string | undefined {
  return KEY_CONSOLES[provider.split('|')[0]];
}

/** By file, line, column, then rule and fingerprint: the same findings always print the same way. */
export function compareByLocation(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}

export function sortByLocation(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareByLocation);
}

/** Files in order, each with its findings in order. */
export function groupByFile(findings: readonly Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of sortByLocation(findings)) {
    const list = groups.get(f.file);
    if (list) list.push(f);
    else groups.set(f.file, [f]);
  }
  return [...groups];
}

/** 0 = most urgent. Live keys first, then keys in the current tree over history, revoked last. */
export function urgency(f: Finding): number {
  const status = f.verification?.status;
  const inHistoryOnly = f.source === 'history';
  if (status === 'live') return inHistoryOnly ? 1 : 0;
  if (status === 'revoked') return inHistoryOnly ? 5 : 4;
  return inHistoryOnly ? 3 : 2;
}

export function sortByUrgency(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => urgency(a) - urgency(b) || compareByLocation(a, b));
}

export interface Counts {
  findings: number;
  files: number;
  live: number;
  revoked: number;
  unknown: number;
  unverified: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const c: Counts = { findings: findings.length, files: 0, live: 0, revoked: 0, unknown: 0, unverified: 0 };
  c.files = new Set(findings.map((f) => f.file)).size;
  for (const f of findings) {
    const s = f.verification?.status;
    if (s === 'live') c.live++;
    else if (s === 'revoked') c.revoked++;
    else if (s === 'unknown') c.unknown++;
    else c.unverified++;
  }
  return c;
}

/** `1234` → `1,234` (no locale dependence). */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Decimal units, as file managers show them: `56 MB`, `1.2 GB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  const shown = u === 0 || v >= 10 ? String(Math.round(v)) : v.toFixed(1);
  return `${shown} ${units[u]}`;
}

export function formatDuration(ms: number): string {
  const s = ms / 1000;
  return s >= 100 ? `${Math.round(s)} s` : `${s.toFixed(1)} s`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** `2026-01-02` from an ISO date (or the text as it is when it is not one). */
export function shortDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}

/** Free text (messages, details, warnings) with any of the findings' keys replaced by their redacted form. */
export function safeText(text: string, findings: readonly Finding[]): string {
  return scrub(
    text,
    findings.map((f) => f.secret),
  );
}

/** The verdict word for a finding: live, revoked, unknown or unverified. */
export function verdict(f: Finding): 'live' | 'revoked' | 'unknown' | 'unverified' {
  return f.verification?.status ?? 'unverified';
}

/** A finding's context advice as one line (`Dockerfile ARG X: pass the key as a build secret…`). */
export function adviceText(a: Pick<FindingAdvice, 'where' | 'fix'>): string {
  return `${a.where}: ${a.fix}`;
}

/**
 * The free-text notes about a finding, in order, each once: the verifier's detail, the rule's message
 * and the context advice (the workflow guard's message and advice are the same sentence).
 */
export function findingNotes(f: Finding, opts: { detail?: boolean } = {}): string[] {
  const notes: string[] = [];
  for (const n of [
    opts.detail === false ? undefined : f.verification?.detail,
    f.message,
    f.advice && adviceText(f.advice),
  ])
    if (n && !notes.includes(n)) notes.push(n);
  return notes;
}
