/**
 * The on-disk form of the scan cache: one file per verdict key, written whole to a temporary file and
 * renamed into place (atomic: a reader sees the old file or the new one, never half of one; two runs
 * writing at once each leave a complete file, the last rename wins).
 *
 * Layout: a magic line, a header line (format, version, verdict key, body length, SHA-256 of the body,
 * HMAC-SHA256 seal, AES-GCM nonce and tag), then the body: encrypted with AES-256-GCM under a key
 * derived (HKDF) from the cache secret, the verdict key as associated data. In clear the body is two
 * lines of JSON: every namespace but the commits, then the commits (`c`, most of the file in a long
 * history). The second line is parsed only when a run asks for a commit: a sweep whose refs did not move
 * takes its whole history result from the first line's memo (`m`) and never builds thousands of
 * commit entries it would not use. A file is trusted only when
 * every check holds: the checksum catches truncation and corruption, the verdict key a cache written
 * under other rules, the seal and the GCM tag a cache written by anyone without the secret (another
 * branch, a fork, a planted file). The body holds findings (keys among them), so it is never in clear:
 * the file shows nothing of a key, a scanned file or a path to anyone without the secret.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { lstat, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RawKey } from '../sources/types.js';
import { CACHE_FORMAT_VERSION } from './verdict-key.js';

export const MAGIC = 'keyguard-scan-cache';
const SUFFIX = '.kgcache';
/** A cache file larger than this is not read (a hostile or runaway file must not exhaust memory). */
export const MAX_CACHE_BYTES = 256 << 20;

/** A tree content's scan: [bytes read, keys found (inline-allowed ones excluded), inline-allowed count]. */
export type TreeEntry = [number, RawKey[], number];
/** A path's stat key (`dev:ino:size:mtime ns:ctime ns`) and the content id it had then. */
export type StatEntry = [string, string];
/** A history blob's scan: [bytes read, keys found (inline-allowed ones included)]. */
export type BlobEntry = [number, RawKey[]];
/**
 * A commit as read: [bytes of added lines, paths, [author, email, date] (when it holds anything),
 * keys [path, key] in the order git showed them, binary changes [path, blob], binary changes without a blob id].
 */
export type CommitEntry = [
  number,
  string[],
  [string, string, string] | null,
  [string, RawKey][],
  [string, string][],
  string[],
];

/**
 * A history scan's whole result under one refs key (what `scanGit` returned, before advice): with the
 * refs, what was asked and the verdict key unchanged, nothing it depends on can have changed (commits
 * and blobs are named by their content), so it is returned as it was. [result, history blobs searched].
 */
export type MemoEntry = [MemoResult, number];

export interface MemoResult {
  hits: MemoHit[];
  warnings: { file?: string; line?: number; message: string }[];
  suppressed: number;
  files: number;
  bytes: number;
  commits: number;
}

export interface MemoHit {
  key: RawKey;
  file: string;
  /** A history result's hits come from history or a range scan. */
  source: 'history' | 'range';
  commit?: { sha: string; author: string; email: string; date: string; laterCommits?: number };
}

export interface CacheBody {
  /** Tree contents scanned: content id → what was found. */
  t: Record<string, TreeEntry>;
  /** Stat keys of tree files: absolute path → stat key and content id. */
  s: Record<string, StatEntry>;
  /** History blobs (binary changes) scanned: blob id → what was found. */
  b: Record<string, BlobEntry>;
  /** Commits read: commit id → what they added. */
  c: Record<string, CommitEntry>;
  /** Commit lists: refs key (the refs listing and what was asked) → the commits `git rev-list` gave. */
  r: Record<string, string[]>;
  /** History results: refs key → what the history scan returned under it. */
  m: Record<string, MemoEntry>;
  /** Tree contents the workflow guard found nothing in: content id → 1. */
  w: Record<string, 1>;
}

export interface CacheHeader {
  format: string;
  version: number;
  verdictKey: string;
  bodyBytes: number;
  sha256: string;
  mac: string;
  /** AES-256-GCM nonce and tag (hex). */
  iv: string;
  tag: string;
  written: string;
}

export function emptyBody(): CacheBody {
  return { t: {}, s: {}, b: {}, c: {}, r: {}, m: {}, w: {} };
}

export function cacheFileName(verdictKey: string): string {
  return `v${CACHE_FORMAT_VERSION}-${verdictKey.slice(0, 32)}${SUFFIX}`;
}

function seal(secret: Buffer, verdictKey: string, sha256: string): string {
  return createHmac('sha256', secret)
    .update(`${MAGIC}/v${CACHE_FORMAT_VERSION}\0${verdictKey}\0${sha256}`)
    .digest('hex');
}

/** The body's encryption key: its own derivation from the cache secret (the seal uses the secret itself). */
function bodyKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'keyguard/scan-cache/body', 'aes-256-gcm', 32));
}

const aad = (verdictKey: string) => Buffer.from(`${MAGIC}/v${CACHE_FORMAT_VERSION}\0${verdictKey}`, 'utf8');

/**
 * `commitsJson`: the commits namespace already in its on-disk form (a run that never opened it writes
 * it back as it read it); else `body.c` is serialized.
 */
export function encodeCache(
  body: CacheBody,
  verdictKey: string,
  secret: Buffer,
  now = new Date(),
  commitsJson?: string,
): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', bodyKey(secret), iv);
  cipher.setAAD(aad(verdictKey));
  const { c, ...rest } = body;
  // JSON.stringify never writes a raw line feed: the first one in the plain text ends the first line.
  const plain = `${JSON.stringify(rest)}\n${commitsJson ?? JSON.stringify(c)}`;
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const header: CacheHeader = {
    format: MAGIC,
    version: CACHE_FORMAT_VERSION,
    verdictKey,
    bodyBytes: data.length,
    sha256,
    mac: seal(secret, verdictKey, sha256),
    iv: iv.toString('hex'),
    tag: cipher.getAuthTag().toString('hex'),
    written: now.toISOString(),
  };
  return Buffer.concat([Buffer.from(`${MAGIC}\n${JSON.stringify(header)}\n`, 'utf8'), data]);
}

/**
 * Why a file was not trusted, or its header and body. The body's commits (`c`) are left out of `body`
 * (it holds `{}`) and come as `commitsJson`, for `parseCommits` when a run needs them.
 */
export type Decoded =
  | { ok: true; header: CacheHeader; body: CacheBody; commitsJson: string }
  | { ok: false; reason: string };

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function validKey(v: unknown): v is RawKey {
  if (!isMap(v)) return false;
  return (
    isStr(v.key) &&
    isStr(v.ruleId) &&
    isStr(v.provider) &&
    isStr(v.description) &&
    Array.isArray(v.candidates) &&
    v.candidates.every(isStr) &&
    isCount(v.line) &&
    isCount(v.column) &&
    typeof v.inlineAllowed === 'boolean'
  );
}

const validKeys = (v: unknown) => Array.isArray(v) && v.every(validKey);
const pathKeys = (v: unknown) =>
  Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2 && isStr(e[0]) && validKey(e[1]));
const pairOf = (e: unknown) => Array.isArray(e) && e.length === 2 && isStr(e[0]) && isStr(e[1]);
const pairs = (v: unknown) => Array.isArray(v) && v.every(pairOf);
const strings = (v: unknown) => Array.isArray(v) && v.every(isStr);

const optStr = (v: unknown) => v === undefined || isStr(v);
const validCommitInfo = (v: unknown) =>
  v === undefined ||
  (isMap(v) &&
    isStr(v.sha) &&
    isStr(v.author) &&
    isStr(v.email) &&
    isStr(v.date) &&
    (v.laterCommits === undefined || isCount(v.laterCommits)));
const validHit = (v: unknown) =>
  isMap(v) &&
  validKey(v.key) &&
  isStr(v.file) &&
  (v.source === 'history' || v.source === 'range') &&
  validCommitInfo(v.commit);
const validWarning = (v: unknown) =>
  isMap(v) && isStr(v.message) && optStr(v.file) && (v.line === undefined || isCount(v.line));
const validMemo = (v: unknown) =>
  isMap(v) &&
  Array.isArray(v.hits) &&
  v.hits.every(validHit) &&
  Array.isArray(v.warnings) &&
  v.warnings.every(validWarning) &&
  isCount(v.suppressed) &&
  isCount(v.files) &&
  isCount(v.bytes) &&
  isCount(v.commits);

const ENTRY: Record<keyof CacheBody, (e: unknown) => boolean> = {
  t: (e) => Array.isArray(e) && e.length === 3 && isCount(e[0]) && validKeys(e[1]) && isCount(e[2]),
  s: pairOf,
  b: (e) => Array.isArray(e) && e.length === 2 && isCount(e[0]) && validKeys(e[1]),
  c: (e) =>
    Array.isArray(e) &&
    e.length === 6 &&
    isCount(e[0]) &&
    strings(e[1]) &&
    (e[2] === null || (Array.isArray(e[2]) && e[2].length === 3 && strings(e[2]))) &&
    pathKeys(e[3]) &&
    pairs(e[4]) &&
    strings(e[5]),
  r: strings,
  m: (e) => Array.isArray(e) && e.length === 2 && validMemo(e[0]) && isCount(e[1]),
  w: (e) => e === 1,
};

const entriesValid = (ns: keyof CacheBody, m: unknown): boolean => {
  if (!isMap(m)) return false;
  for (const e of Object.values(m)) if (!ENTRY[ns](e)) return false;
  return true;
};

/**
 * Every entry of every namespace but the commits has its expected shape (a sealed file is ours, but its
 * shape is still checked); the commits are checked by `parseCommits` when they are read.
 */
function validBody(v: unknown): v is Omit<CacheBody, 'c'> {
  if (!isMap(v)) return false;
  for (const ns of Object.keys(ENTRY) as (keyof CacheBody)[])
    if (ns !== 'c' && !entriesValid(ns, v[ns])) return false;
  return true;
}

/** The commits namespace of a trusted file (`Decoded.commitsJson`), or undefined when it is not well formed. */
export function parseCommits(json: string): CacheBody['c'] | undefined {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return undefined;
  }
  return entriesValid('c', v) ? (v as CacheBody['c']) : undefined;
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
  let commitsJson = '';
  try {
    const iv = Buffer.from(String(header.iv), 'hex');
    const tag = Buffer.from(String(header.tag), 'hex');
    if (iv.length !== 12 || tag.length !== 16) return { ok: false, reason: 'no valid nonce or tag' };
    const decipher = createDecipheriv('aes-256-gcm', bodyKey(secret), iv);
    decipher.setAAD(aad(verdictKey));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(data), decipher.final()]);
    const nl = plain.indexOf(10);
    if (nl < 0) return { ok: false, reason: 'body has an unexpected shape' };
    body = JSON.parse(plain.toString('utf8', 0, nl));
    commitsJson = plain.toString('utf8', nl + 1);
  } catch {
    return { ok: false, reason: 'body does not decrypt (foreign or corrupt)' };
  }
  if (!validBody(body)) return { ok: false, reason: 'body has an unexpected shape' };
  return { ok: true, header, body: { ...body, c: {} }, commitsJson };
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
