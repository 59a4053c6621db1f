/**
 * IP addresses and CIDR allowlists, IPv4 and IPv6. An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`)
 * is the IPv4 address it carries, and a CIDR inside `::ffff:0:0/96` is the IPv4 CIDR it describes,
 * so a dual-stack log matches a plain IPv4 allowlist.
 */

export type ParsedIp = { v: 4; n: number } | { v: 6; words: number[] };

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(s: string): number | undefined {
  const m = V4.exec(s);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    // Leading zeros are ambiguous (octal in some parsers): reject them like Node's net.isIP.
    if (m[i].length > 1 && m[i][0] === '0') return undefined;
    const o = Number(m[i]);
    if (o > 255) return undefined;
    n = n * 256 + o;
  }
  return n;
}

const HEXWORD = /^[0-9a-f]{1,4}$/i;

function parseV6(s: string): number[] | undefined {
  let text = s;
  // An embedded IPv4 address in the last 32 bits becomes two hex words.
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) > lastColon) {
    const v4 = parseV4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const parts = text.split('::');
  if (parts.length > 2) return undefined;
  const parse = (p: string): number[] | undefined => {
    if (p === '') return [];
    const out: number[] = [];
    for (const w of p.split(':')) {
      if (!HEXWORD.test(w)) return undefined;
      out.push(Number.parseInt(w, 16));
    }
    return out;
  };
  const head = parse(parts[0]);
  if (!head) return undefined;
  let words: number[];
  if (parts.length === 2) {
    const rest = parse(parts[1]);
    if (!rest) return undefined;
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return undefined;
    words = [...head, ...new Array<number>(missing).fill(0), ...rest];
  } else {
    words = head;
  }
  return words.length === 8 ? words : undefined;
}

function isMapped(words: number[]): boolean {
  return words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff;
}

/**
 * Parses an address as logs write it: tolerates surrounding spaces, `[v6]:port`, `v4:port` and
 * a zone id (`fe80::1%eth0`). Undefined when it is not an IP address.
 */
export function parseIp(text: string): ParsedIp | undefined {
  let s = text.trim();
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return undefined;
    s = s.slice(1, close);
  } else if (s.indexOf(':') === s.lastIndexOf(':') && s.includes('.') && s.includes(':')) {
    s = s.slice(0, s.indexOf(':')); // 1.2.3.4:5678
  }
  const pct = s.indexOf('%');
  if (pct >= 0) s = s.slice(0, pct);
  if (!s.includes(':')) {
    const n = parseV4(s);
    return n === undefined ? undefined : { v: 4, n };
  }
  const words = parseV6(s);
  if (!words) return undefined;
  if (isMapped(words)) return { v: 4, n: words[6] * 65536 + words[7] };
  return { v: 6, words };
}

export interface Cidr {
  /** As written by the user. */
  text: string;
  v: 4 | 6;
  prefix: number;
  /** IPv4: network as a number; IPv6: network words. */
  n: number;
  words: number[];
}

/** Parses `10.0.0.0/8`, `2001:db8::/32`, a bare address (= /32 or /128). Throws on bad input. */
export function parseCidr(text: string): Cidr {
  const [addr, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) throw new Error(`not a CIDR: "${text}" (expected e.g. 203.0.113.0/24)`);
  const ip = parseIp(addr);
  if (!ip) throw new Error(`not a CIDR: "${text}" (expected e.g. 203.0.113.0/24 or 2001:db8::/32)`);
  const written6 = addr.includes(':');
  let max = ip.v === 4 && !written6 ? 32 : 128;
  let prefix = max;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) throw new Error(`not a CIDR prefix: "${text}"`);
    prefix = Number(prefixText);
    if (prefix > max) throw new Error(`CIDR prefix too long: "${text}" (at most /${max})`);
  }
  if (ip.v === 4) {
    if (written6) {
      // `::ffff:10.0.0.0/104` is 10.0.0.0/8; a shorter prefix reaches outside the mapped block.
      if (prefix < 96)
        throw new Error(`CIDR "${text}" reaches outside ::ffff:0:0/96; write it as IPv6 words`);
      prefix -= 96;
      max = 32;
    }
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return { text, v: 4, prefix, n: (ip.n & mask) >>> 0, words: [] };
  }
  const words = ip.words.map((w, i) => w & wordMask(prefix, i));
  return { text, v: 6, prefix, n: 0, words };
}

function wordMask(prefix: number, i: number): number {
  const bits = Math.max(0, Math.min(16, prefix - i * 16));
  return bits === 0 ? 0 : (0xffff << (16 - bits)) & 0xffff;
}

export function cidrContains(c: Cidr, ip: ParsedIp): boolean {
  if (c.v !== ip.v) return false;
  if (ip.v === 4) {
    const mask = c.prefix === 0 ? 0 : (0xffffffff << (32 - c.prefix)) >>> 0;
    return (ip.n & mask) >>> 0 === c.n;
  }
  for (let i = 0; i < 8; i++) {
    const m = wordMask(c.prefix, i);
    if (m === 0) break;
    if ((ip.words[i] & m) !== c.words[i]) return false;
  }
  return true;
}

/** An allowlist of CIDRs with a bounded cache of answers per address text. */
export class IpAllowlist {
  readonly cidrs: Cidr[];
  readonly #cache = new Map<string, { allowed: boolean; group: string; canonical: string }>();

  constructor(cidrs: string[]) {
    this.cidrs = cidrs.map(parseCidr);
  }

  /** Whether the address is allowed, its /24 or /48 group and canonical form. */
  check(text: string): { allowed: boolean; group: string; canonical: string } {
    const hit = this.#cache.get(text);
    if (hit) return hit;
    const ip = parseIp(text);
    const res = ip
      ? { allowed: this.cidrs.some((c) => cidrContains(c, ip)), group: ipGroup(ip), canonical: formatIp(ip) }
      : { allowed: false, group: '(invalid)', canonical: text.trim() || '(none)' };
    if (this.#cache.size >= 50_000) this.#cache.clear();
    this.#cache.set(text, res);
    return res;
  }
}

function v4text(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function v6text(words: number[]): string {
  // RFC 5952: lower case, longest run (≥ 2) of zero words compressed to `::`.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export function formatIp(ip: ParsedIp): string {
  return ip.v === 4 ? v4text(ip.n) : v6text(ip.words);
}

/** The /24 (IPv4) or /48 (IPv6) network an address belongs to. */
export function ipGroup(ip: ParsedIp): string {
  if (ip.v === 4) return `${v4text((ip.n & 0xffffff00) >>> 0)}/24`;
  return `${v6text([ip.words[0], ip.words[1], ip.words[2], 0, 0, 0, 0, 0])}/48`;
}
