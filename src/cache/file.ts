/**
 * The on-disk form of the scan cache: one file per verdict key, written whole to a temporary file and
 * renamed into place (atomic: a reader sees the old file or the new one, never half of one; two runs
 * writing at once each leave a complete file, the last rename wins).
 *
 * Layout: a magic line, a header line (format, version, verdict key, body length, SHA-256 of the body,
 * HMAC-SHA256 seal), then the body (JSON). A file is trusted only when every one of those checks holds:
 * the checksum catches truncation and corruption, the verdict key a cache written under other rules,
 * and the seal a cache written by anyone without the secret (another branch, a fork, a planted file).
 * The body holds content ids, byte counts and paths: never a key, never any text of a scanned file.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { lstat, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_FORMAT_VERSION } from './verdict-key.js';

export const MAGIC = 'keyguard-scan-cache';
const SUFFIX = '.kgcache';
/** A cache file larger than this is not read (a hostile or runaway file must not exhaust memory). */
export const MAX_CACHE_BYTES = 256 << 20;

export interface CacheBody {
  /** Tree contents scanned clean: content id → bytes read. */
  t: Record<string, number>;
  /** History blobs (binary changes) scanned clean: blob id → bytes read. */
  b: Record<string, number>;
  /** Commits whose diff held nothing: commit id → [bytes of added lines, paths touched]. */
  c: Record<string, [number, string[]]>;
}

export interface CacheHeader {
  format: string;
  version: number;
  verdictKey: string;
  bodyBytes: number;
  sha256: string;
  mac: string;
  written: string;
}

export function emptyBody(): CacheBody {
  return { t: {}, b: {}, c: {} };
}

export function cacheFileName(verdictKey: string): string {
  return `v${CACHE_FORMAT_VERSION}-${verdictKey.slice(0, 32)}${SUFFIX}`;
}

function seal(secret: Buffer, verdictKey: string, sha256: string): string {
  return createHmac('sha256', secret)
    .update(`${MAGIC}/v${CACHE_FORMAT_VERSION}\0${verdictKey}\0${sha256}`)
    .digest('hex');
}

export function encodeCache(body: CacheBody, verdictKey: string, secret: Buffer, now = new Date()): Buffer {
  const data = Buffer.from(JSON.stringify(body), 'utf8');
  const sha256 = createHash('sha256').update(data).digest('hex');
  const header: CacheHeader = {
    format: MAGIC,
    version: CACHE_FORMAT_VERSION,
    verdictKey,
    bodyBytes: data.length,
    sha256,
    mac: seal(secret, verdictKey, sha256),
    written: now.toISOString(),
  };
  return Buffer.concat([Buffer.from(`${MAGIC}\n${JSON.stringify(header)}\n`, 'utf8'), data]);
}

/** Why a file was not trusted, or its header and body. */
export type Decoded = { ok: true; header: CacheHeader; body: CacheBody } | { ok: false; reason: string };

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function validBody(v: unknown): v is CacheBody {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  for (const ns of ['t', 'b'] as const) {
    const m = o[ns];
    if (!m || typeof m !== 'object' || Array.isArray(m)) return false;
    for (const n of Object.values(m)) if (!isCount(n)) return false;
  }
  const c = o.c;
  if (!c || typeof c !== 'object' || Array.isArray(c)) return false;
  for (const e of Object.values(c)) {
    if (!Array.isArray(e) || e.length !== 2 || !isCount(e[0]) || !Array.isArray(e[1])) return false;
    for (const p of e[1]) if (typeof p !== 'string') return false;
  }
  return true;
}

/** Reads the header only (no secret needed): what `keyguard cache info` shows. */
export function readHeader(buf: Buffer): CacheHeader | undefined {
  const first = buf.indexOf(10);
  const second = first < 0 ? -1 : buf.indexOf(10, first + 1);
  if (first < 0 || second < 0 || buf.toString('utf8', 0, first) !== MAGIC) return undefined;
  try {
    const h = JSON.parse(buf.toString('utf8', first + 1, second)) as CacheHeader;
    return h && typeof h === 'object' && h.format === MAGIC ? h : undefined;
  } catch {
    return undefined;
  }
}

export function decodeCache(buf: Buffer, verdictKey: string, secret: Buffer): Decoded {
  const header = readHeader(buf);
  if (!header) return { ok: false, reason: 'not a keyguard scan cache (bad magic or header)' };
  if (header.version !== CACHE_FORMAT_VERSION)
    return {
      ok: false,
      reason: `format version ${String(header.version)}, expected ${CACHE_FORMAT_VERSION}`,
    };
  if (header.verdictKey !== verdictKey) return { ok: false, reason: 'written under other rules or config' };
  const start = buf.indexOf(10, buf.indexOf(10) + 1) + 1;
  const data = buf.subarray(start);
  if (data.length !== header.bodyBytes)
    return {
      ok: false,
      reason: `truncated or padded (${data.length} bytes, header says ${header.bodyBytes})`,
    };
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (sha256 !== header.sha256) return { ok: false, reason: 'checksum mismatch (corrupt)' };
  const want = Buffer.from(seal(secret, verdictKey, sha256), 'hex');
  const got =
    typeof header.mac === 'string' && /^[0-9a-f]{64}$/.test(header.mac)
      ? Buffer.from(header.mac, 'hex')
      : undefined;
  if (!got || !timingSafeEqual(want, got))
    return {
      ok: false,
      reason: 'seal does not verify (written without this cache secret: foreign or planted)',
    };
  let body: unknown;
  try {
    body = JSON.parse(data.toString('utf8'));
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  if (!validBody(body)) return { ok: false, reason: 'body has an unexpected shape' };
  return { ok: true, header, body };
}

/** The file's bytes when it is a regular file (no link) of a sane size; undefined when absent. */
export async function readCacheFile(path: string): Promise<Buffer | undefined> {
  let st: Awaited<ReturnType<typeof lstat>>;
  try {
    st = await lstat(path);
  } catch {
    return undefined;
  }
  if (!st.isFile()) throw new Error(`${path} is not a regular file`);
  if (st.size > MAX_CACHE_BYTES) throw new Error(`${path} is ${st.size} bytes, over ${MAX_CACHE_BYTES}`);
  return readFile(path);
}

/** Writes `data` to `dir/name` through a temporary file in the same directory and a rename. */
export async function writeAtomic(dir: string, name: string, data: Buffer): Promise<void> {
  const tmp = join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    // No fsync: a file cut short by a crash fails its checksum and is ignored, which is all a cache needs.
    await fh.writeFile(data);
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, join(dir, name));
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** The cache files (and leftover temporary files) in `dir`. */
export async function listCacheFiles(dir: string): Promise<{ caches: string[]; temporary: string[] }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return { caches: [], temporary: [] };
  }
  return {
    caches: names.filter((n) => n.endsWith(SUFFIX) && !n.startsWith('.')).sort(),
    temporary: names.filter((n) => n.startsWith('.') && n.endsWith('.tmp') && n.includes(SUFFIX)).sort(),
  };
}
