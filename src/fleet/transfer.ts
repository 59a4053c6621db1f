/**
 * Live keys travelling from the sweep jobs to `fleet rotate` (org-wide rotation, docs/fleet.md
 * "Across shards"): a result file is an uploaded artifact, readable by anyone who can read the
 * central repository's workflow runs, so a key leaves a sweep job only sealed.
 *
 * - AES-256-GCM under a key derived (HKDF-SHA256) from the fleet's transfer secret
 *   (`KEYGUARD_STATE_KEY`, the action's `state-key`) and the plan's id: a salt of its own, so the
 *   derived key is independent of the journal seal's (src/incident/seal.ts) and of every other night's.
 * - The associated data binds the seal to the plan (its id and rules key), the shard, the repository
 *   and the finding's fingerprint: a sealed key copied into another repository's result, another
 *   finding, another shard or another night's plan does not open.
 * - The plaintext (the key and whether it was seen on the repository's default branch, which decides
 *   whether a listed repository's own secret may be written: ./rotate.ts) is padded to a multiple of
 *   128 bytes, so a ciphertext's length says little about the key's.
 * - The text is standard base64 (no `-`), so no sealed value can look like an `sk-` key to a scanner.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Secret } from '../scan/secret.js';

const SALT = 'keyguard/fleet-transfer/v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PAD = 128;

/** What a seal is bound to: none of it secret, all of it checked on opening. */
export interface TransferBinding {
  planId: string;
  rulesKey: string;
  shard: number;
  repository: string;
  fingerprint: string;
}

export interface TransferKey {
  key: string;
  /** The key was seen on the repository's default branch (its tree, or a commit it reaches). */
  onDefaultBranch: boolean;
}

/** A plan id: 32 hex digits, random per plan (./plan.ts). */
export const PLAN_ID = /^[0-9a-f]{32}$/;
/** A sealed value as a result may carry it. */
export const SEALED = /^[A-Za-z0-9+/]{40,11000}={0,2}$/;

function aad(b: TransferBinding): Buffer {
  return Buffer.from(
    JSON.stringify([SALT, b.planId, b.rulesKey, b.shard, b.repository.toLowerCase(), b.fingerprint]),
    'utf8',
  );
}

export interface TransferSeal {
  seal(binding: TransferBinding, payload: TransferKey): string;
  /** The key, or undefined when the value does not open under this binding (moved, tampered, other secret). */
  open(binding: TransferBinding, sealed: string): TransferKey | undefined;
}

export function createTransferSeal(secret: Secret, planId: string): TransferSeal {
  if (!PLAN_ID.test(planId)) throw new Error('the plan has no plan id: make it again with this keyguard');
  const key = Buffer.from(hkdfSync('sha256', secret.reveal(), SALT, `fleet-transfer\0${planId}`, 32));
  return {
    seal(binding, payload) {
      if (binding.planId !== planId) throw new Error('the binding names another plan');
      const json = JSON.stringify({ k: payload.key, d: payload.onDefaultBranch });
      const padded = json.padEnd(Math.ceil((json.length + 1) / PAD) * PAD, ' ');
      const iv = randomBytes(IV_BYTES);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(aad(binding));
      const ct = Buffer.concat([c.update(padded, 'utf8'), c.final()]);
      return Buffer.concat([iv, ct, c.getAuthTag()]).toString('base64');
    },
    open(binding, sealed) {
      if (binding.planId !== planId || !SEALED.test(sealed)) return undefined;
      try {
        const raw = Buffer.from(sealed, 'base64');
        if (raw.length < IV_BYTES + TAG_BYTES + 1) return undefined;
        const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        d.setAAD(aad(binding));
        d.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        const text = Buffer.concat([d.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), d.final()]);
        const v = JSON.parse(text.toString('utf8')) as { k?: unknown; d?: unknown };
        if (typeof v.k !== 'string' || !v.k || typeof v.d !== 'boolean') return undefined;
        return { key: v.k, onDefaultBranch: v.d };
      } catch {
        return undefined;
      }
    },
  };
}
