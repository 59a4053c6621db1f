/**
 * The `audit:` section of `.keyguard.yml`: your own networks, the window, and extra user-agent lists.
 *
 *   audit:
 *     allow-ips: [203.0.113.0/24, 2001:db8::/32]
 *     window: 168h
 *     sdk-user-agents: [my-internal-sdk]
 *     generic-user-agents: [scrapy]
 */
import { ConfigError, type LineOf } from '../config/errors.js';
import { parseCidr } from './cidr.js';
import { parseDuration } from './time.js';
import type { UaLists } from './types.js';

export interface AuditConfig {
  allowIps: string[];
  windowHours?: number;
  userAgents?: Partial<UaLists>;
}

const KEYS = ['allow-ips', 'window', 'sdk-user-agents', 'generic-user-agents'];

function stringList(raw: unknown, key: string, fail: (key: string, msg: string) => never): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string' || !x.trim())) {
    fail(key, `expected a list of non-empty strings, got ${JSON.stringify(raw)}`);
  }
  return (raw as string[]).map((s) => s.trim());
}

export function parseAuditConfig(raw: unknown, lineOf: LineOf, file?: string): AuditConfig {
  const fail = (key: string, msg: string): never => {
    throw new ConfigError(`audit.${key}: ${msg}`, file, lineOf(key ? ['audit', key] : ['audit']));
  };
  if (raw === undefined || raw === null) return { allowIps: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) fail('', 'expected a mapping');
  const m = raw as Record<string, unknown>;
  for (const k of Object.keys(m))
    if (!KEYS.includes(k)) fail(k, `unknown key (expected one of ${KEYS.join(', ')})`);
  const allowIps = stringList(m['allow-ips'], 'allow-ips', fail);
  for (const c of allowIps) {
    try {
      parseCidr(c);
    } catch (err) {
      fail('allow-ips', (err as Error).message);
    }
  }
  let windowHours: number | undefined;
  if (m.window !== undefined) {
    const ms = typeof m.window === 'string' ? parseDuration(m.window) : undefined;
    if (!ms) fail('window', `${JSON.stringify(m.window)} is not a duration (e.g. 168h or 7d)`);
    windowHours = ms! / 3_600_000;
  }
  const sdk = stringList(m['sdk-user-agents'], 'sdk-user-agents', fail);
  const generic = stringList(m['generic-user-agents'], 'generic-user-agents', fail);
  const userAgents = sdk.length || generic.length ? { sdk, generic } : undefined;
  return { allowIps, windowHours, userAgents };
}
