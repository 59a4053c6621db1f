/**
 * The seal on keyguard's state: an HMAC-SHA256 over the canonical journal, with a key an outsider does
 * not have. Reading an issue written by keyguard's own identity is not enough (a collaborator can edit
 * the body; any workflow of the repository posts as github-actions[bot]), so a journal counts only when
 * its seal verifies; anything else is treated as no journal at all.
 *
 * The key: HKDF-SHA256 over the `state-key` input when given, else over the admin key of the journal's
 * provider (the secret keyguard needs anyway to change keys there), bound to the repository and the
 * provider. When that secret changes, every earlier journal fails to verify and is treated as absent:
 * the next run starts a fresh journal, locates the leaked key again at the provider, and leaves what an
 * earlier journal recorded to a human (see `UNVERIFIED_JOURNAL_NOTE`). With neither secret there is no
 * seal: nothing read back from an issue is trusted, and each run stands on its own.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../scan/secret.js';

export interface StateSeal {
  /** The seal (64 hex digits) of `text` for a journal of `provider`; undefined when there is no key. */
  mac(provider: string, text: string): string | undefined;
  /** True only when `mac` is the seal of `text` (timing-safe). */
  verify(provider: string, text: string, mac: string): boolean;
  /**
   * The provider's admin key was replaced (keyguard rotated its own leaked admin key and the secret
   * behind its input now holds the replacement): journals of `provider` are sealed with key material
   * from the replacement from now on, so the next run, which reads the replacement, verifies them.
   * No effect with a `state-key`, which does not change.
   */
  rekey?(provider: string, adminKey: Secret): void;
}

export interface StateSealOptions {
  /** `owner/repo`: a journal sealed for one repository does not verify in another. */
  repo: string;
  /** A dedicated secret (input `state-key`); takes precedence over the admin keys. */
  stateKey?: Secret;
  /** Provider id → its admin key, the fallback key material. */
  adminKeys?: Partial<Record<string, Secret>>;
}

const SALT = 'keyguard/state-seal/v1';

export function createStateSeal(opts: StateSealOptions): StateSeal {
  const keys = new Map<string, Buffer | null>();
  const derive = (provider: string, ikm: Secret | undefined): Buffer | null =>
    ikm ? Buffer.from(hkdfSync('sha256', ikm.reveal(), SALT, `${opts.repo}\0${provider}`, 32)) : null;
  const keyFor = (provider: string): Buffer | null => {
    if (!keys.has(provider))
      keys.set(provider, derive(provider, opts.stateKey ?? opts.adminKeys?.[provider]));
    return keys.get(provider)!;
  };
  const mac = (provider: string, text: string): string | undefined => {
    const k = keyFor(provider);
    return k ? createHmac('sha256', k).update(text, 'utf8').digest('hex') : undefined;
  };
  return {
    mac,
    rekey(provider, adminKey) {
      if (!opts.stateKey) keys.set(provider, derive(provider, adminKey));
    },
    verify(provider, text, got) {
      const want = mac(provider, text);
      if (!want || !/^[0-9a-f]{64}$/.test(got)) return false;
      return timingSafeEqual(Buffer.from(want, 'hex'), Buffer.from(got, 'hex'));
    },
  };
}

/** A seal with no key: nothing verifies (unit tests of code that must not trust state, and no secret). */
export const NO_SEAL: StateSeal = { mac: () => undefined, verify: () => false };

/**
 * JSON with object keys sorted at every level: the text the seal covers, independent of key order
 * and of whitespace a round trip through an issue body might change.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

export const UNVERIFIED_JOURNAL_NOTE =
  'This incident held a journal keyguard could not authenticate (edited by someone, written by another ' +
  'workflow, or sealed with a state key or admin key that has changed since): keyguard ignored it and ' +
  'started afresh. If an earlier run created a replacement key for this incident that no secret uses, ' +
  'it is still at the provider: find it by the replacement name in the policy below and delete it by hand.';
