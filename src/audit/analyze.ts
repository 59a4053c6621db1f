/**
 * The audit engine: a pure, incremental accumulator. Feed it records one at a time (a streamed
 * CSV, a provider's usage events) and it keeps only aggregates (per hour, per minute of the
 * baseline, per IP group, per user agent, per status) plus a capped list of flagged requests,
 * so memory stays bounded whatever the input size. `finish()` builds the `AuditReport`.
 */
import type { UsageEvent } from '../providers/types.js';
import { IpAllowlist } from './cidr.js';
import { gapsForSource } from './gaps.js';
import { scrubDeep } from './redact.js';
import { DAY_MS, HOUR_MS, iso, MINUTE_MS, parseTimestamp } from './time.js';
import type {
  AuditOptions,
  AuditRecord,
  AuditReport,
  FlaggedRequest,
  HourPoint,
  IpGroup,
  Jump,
  MalformedRow,
  ManagementEvent,
  PeriodTotals,
  Recommendations,
  SourceSummary,
  UaClass,
} from './types.js';
import { UaClassifier } from './useragent.js';

const MAX_IP_GROUPS = 5000;
const MAX_DISTINCT_IPS = 50_000;
const MAX_USER_AGENTS = 5000;
const MAX_MANAGEMENT_EVENTS = 200;
const MAX_MALFORMED_EXAMPLES = 20;
const LISTED_IPS_PER_GROUP = 20;
const TOP_USER_AGENTS = 20;

interface HourAcc {
  requests: number;
  tokens: number;
  cost: number;
  ok: number;
  non2xx: number;
  s401: number;
  s403: number;
  s429: number;
  flagged: number;
}

interface GroupAcc {
  allowed: boolean;
  requests: number;
  afterLeak: number;
  non2xx: number;
  ips: string[];
  distinct: number;
  first: number;
  last: number;
}

/** Traffic believed legitimate, from which the replacement key's limits are derived. */
class Baseline {
  requests = 0;
  tokens = 0;
  cost = 0;
  first = Number.POSITIVE_INFINITY;
  last = Number.NEGATIVE_INFINITY;
  readonly perMinute = new Map<number, [number, number]>();
  readonly perHour = new Map<number, [number, number]>();
  readonly perDay = new Map<number, [number, number]>();
  /** Finest resolution seen: 0 minute, 1 hour, 2 day. */
  resolution = 3;

  add(
    timeMs: number,
    bucketSeconds: number | undefined,
    requests: number,
    tokens: number,
    cost: number,
  ): void {
    this.requests += requests;
    this.tokens += tokens;
    this.cost += cost;
    if (timeMs < this.first) this.first = timeMs;
    const endMs = timeMs + (bucketSeconds ?? 0) * 1000;
    if (endMs > this.last) this.last = endMs;
    const b = bucketSeconds ?? 0;
    if (b <= 60) {
      this.resolution = Math.min(this.resolution, 0);
      bump(this.perMinute, Math.floor(timeMs / MINUTE_MS), requests, tokens);
    } else if (b <= 3600) this.resolution = Math.min(this.resolution, 1);
    else this.resolution = Math.min(this.resolution, 2);
    if (b <= 3600) bump(this.perHour, Math.floor(timeMs / HOUR_MS), requests, tokens);
    bump(this.perDay, Math.floor(timeMs / DAY_MS), requests, tokens);
  }
}

function bump(m: Map<number, [number, number]>, k: number, requests: number, tokens: number): void {
  const v = m.get(k);
  if (v) {
    v[0] += requests;
    v[1] += tokens;
  } else m.set(k, [requests, tokens]);
}

function peak(m: Map<number, [number, number]>, i: 0 | 1): number {
  let p = 0;
  for (const v of m.values()) if (v[i] > p) p = v[i];
  return p;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const round2 = (n: number): number => Math.round(n * 100) / 100;
const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Longest audit window. */
export const MAX_WINDOW_MS = 366 * DAY_MS;

/** The audit window in epoch ms: `opts.window`, or `windowHours` (default 168) before `end` (default now). */
export function resolveWindow(opts: AuditOptions): { startMs: number; endMs: number } {
  const w = resolveWindowUnchecked(opts);
  // The per-hour series is an array over the window: keep it a sane size.
  if (w.endMs - w.startMs > MAX_WINDOW_MS) throw new RangeError('audit window longer than 366 days');
  return w;
}

function resolveWindowUnchecked(opts: AuditOptions): { startMs: number; endMs: number } {
  if (opts.window) {
    const s = parseTimestamp(opts.window.start);
    const e = parseTimestamp(opts.window.end);
    if (s === undefined || e === undefined || e <= s) {
      throw new RangeError(`invalid audit window: ${opts.window.start} .. ${opts.window.end}`);
    }
    return { startMs: s, endMs: e };
  }
  const e = opts.end === undefined ? (opts.now?.() ?? new Date()).getTime() : parseTimestamp(opts.end);
  if (e === undefined) throw new RangeError(`invalid audit end time: ${opts.end}`);
  return { startMs: e - (opts.windowHours ?? 168) * HOUR_MS, endMs: e };
}

export class AuditAccumulator {
  readonly startMs: number;
  readonly endMs: number;
  readonly leakMs?: number;
  readonly #opts: AuditOptions;
  readonly #allow: IpAllowlist;
  readonly #ua: UaClassifier;
  readonly #keyIds?: Set<string>;
  readonly #firstHour: number;
  readonly #hours: HourAcc[];
  readonly #flaggedLimit: number;

  #events = 0;
  #requests = 0;
  #inputTokens = 0;
  #outputTokens = 0;
  #tokens = 0;
  #cost = 0;
  #ignored = 0;
  /** Time span of the events outside the window (a window that misses the log must say so). */
  #outsideFirst = Number.POSITIVE_INFINITY;
  #outsideLast = Number.NEGATIVE_INFINITY;
  #ignoredOtherKeys = 0;
  #statusKnown = 0;
  #statusUnknown = 0;
  #ok = 0;
  #non2xx = 0;
  #s401 = 0;
  #s403 = 0;
  #s429 = 0;
  #s5xx = 0;
  readonly #byCode = new Map<number, number>();
  readonly #uaClasses: Record<UaClass, number> = { sdk: 0, generic: 0, other: 0, unknown: 0 };
  readonly #uas = new Map<string, { requests: number; cls: UaClass }>();
  #otherUas = 0;
  readonly #groups = new Map<string, GroupAcc>();
  readonly #distinctIps = new Set<string>();
  readonly #unknownAfterLeak = new Set<string>();
  #unknownAfterLeakCapped = false;
  #ipRequests = 0;
  readonly #flagged: FlaggedRequest[] = [];
  #flaggedTotal = 0;
  #flaggedAfterLeak = 0;
  #firstDataMs = Number.POSITIVE_INFINITY;
  readonly #before = { requests: 0, tokens: 0, cost: 0 };
  readonly #after = { requests: 0, tokens: 0, cost: 0 };
  readonly #sources = new Map<
    string,
    { events: number; requests: number; res: Set<SourceSummary['resolution']> }
  >();
  readonly #management: ManagementEvent[] = [];
  #managementTotal = 0;
  #malformed = 0;
  readonly #malformedExamples: MalformedRow[] = [];
  readonly #gaps = new Set<string>();
  /** Legitimate traffic before the leak, and legitimate traffic in the whole window. */
  readonly #basePre = new Baseline();
  readonly #baseAll = new Baseline();

  constructor(opts: AuditOptions = {}) {
    this.#opts = opts;
    const w = resolveWindow(opts);
    this.startMs = w.startMs;
    this.endMs = w.endMs;
    if (opts.leakTime !== undefined) {
      const l = parseTimestamp(opts.leakTime);
      if (l === undefined) throw new RangeError(`invalid leak time: ${opts.leakTime}`);
      this.leakMs = l;
    }
    this.#allow = new IpAllowlist(opts.allowIps ?? []);
    this.#ua = new UaClassifier(opts.userAgents);
    if (opts.keyIds?.length) this.#keyIds = new Set(opts.keyIds);
    this.#firstHour = Math.floor(this.startMs / HOUR_MS);
    const hourCount = Math.ceil(this.endMs / HOUR_MS) - this.#firstHour;
    this.#hours = Array.from({ length: hourCount }, () => ({
      requests: 0,
      tokens: 0,
      cost: 0,
      ok: 0,
      non2xx: 0,
      s401: 0,
      s403: 0,
      s429: 0,
      flagged: 0,
    }));
    this.#flaggedLimit = opts.flaggedLimit ?? 1000;
  }

  /** A provider usage event (ISO time). Unparsable times are counted as malformed. */
  addEvent(e: UsageEvent, index?: number): void {
    const timeMs = parseTimestamp(e.time);
    if (timeMs === undefined) {
      this.addMalformed({ source: e.source, row: (index ?? 0) + 1, reason: `bad time "${e.time}"` });
      return;
    }
    this.add({
      timeMs,
      bucketSeconds: e.bucketSeconds,
      requests: e.requests,
      inputTokens: e.inputTokens,
      outputTokens: e.outputTokens,
      costUsd: e.costUsd,
      status: e.status,
      ip: e.ip,
      userAgent: e.userAgent,
      model: e.model,
      path: e.path,
      keyId: e.keyId,
      source: e.source,
      eventType: e.eventType,
    });
  }

  addMalformed(m: MalformedRow): void {
    this.#malformed++;
    if (this.#malformedExamples.length < MAX_MALFORMED_EXAMPLES) this.#malformedExamples.push(m);
  }

  /** Questions a source cannot answer (e.g. a CSV without an IP column). */
  addGaps(gaps: string[]): void {
    for (const g of gaps) this.#gaps.add(g);
  }

  add(r: AuditRecord): void {
    const t = r.timeMs;
    if (!(t >= this.startMs && t < this.endMs)) {
      this.#ignored++;
      if (t < this.#outsideFirst) this.#outsideFirst = t;
      if (t > this.#outsideLast) this.#outsideLast = t;
      return;
    }
    if (this.#keyIds && r.keyId !== undefined && !this.#keyIds.has(r.keyId)) {
      this.#ignoredOtherKeys++;
      return;
    }
    this.#noteSource(r);
    if (r.eventType) {
      this.#managementTotal++;
      if (this.#management.length < MAX_MANAGEMENT_EVENTS) {
        this.#management.push({
          time: iso(t),
          eventType: r.eventType,
          source: r.source,
          ip: r.ip,
          userAgent: r.userAgent,
        });
      }
      return;
    }
    this.#events++;
    const n = r.requests;
    const tokens = r.totalTokens ?? (r.inputTokens ?? 0) + (r.outputTokens ?? 0);
    const cost = r.costUsd ?? 0;
    this.#requests += n;
    this.#inputTokens += r.inputTokens ?? 0;
    this.#outputTokens += r.outputTokens ?? 0;
    this.#tokens += tokens;
    this.#cost += cost;
    if (t < this.#firstDataMs) this.#firstDataMs = t;
    const afterLeak = this.leakMs !== undefined && t >= this.leakMs;
    const period = this.leakMs === undefined ? undefined : afterLeak ? this.#after : this.#before;
    if (period) {
      period.requests += n;
      period.tokens += tokens;
      period.cost += cost;
    }

    // Status.
    const st = r.status;
    let non2xx = false;
    if (st === undefined) this.#statusUnknown += n;
    else {
      this.#statusKnown += n;
      this.#byCode.set(st, (this.#byCode.get(st) ?? 0) + n);
      if (st >= 200 && st < 300) this.#ok += n;
      else {
        non2xx = true;
        this.#non2xx += n;
        if (st === 401) this.#s401 += n;
        else if (st === 403) this.#s403 += n;
        else if (st === 429) this.#s429 += n;
        if (st >= 500) this.#s5xx += n;
      }
    }

    // User agent.
    const cls = this.#ua.classify(r.userAgent);
    this.#uaClasses[cls] += n;
    if (r.userAgent !== undefined) {
      const u = this.#uas.get(r.userAgent);
      if (u) u.requests += n;
      else if (this.#uas.size < MAX_USER_AGENTS) this.#uas.set(r.userAgent, { requests: n, cls });
      else this.#otherUas += n;
    }

    // Source IP.
    let flagged = false;
    if (r.ip !== undefined) {
      this.#ipRequests += n;
      const ip = this.#allow.check(r.ip);
      flagged = !ip.allowed;
      let g = this.#groups.get(ip.group);
      if (!g) {
        const key = this.#groups.size < MAX_IP_GROUPS ? ip.group : '(other groups)';
        g = this.#groups.get(key);
        if (!g) {
          g = {
            allowed: ip.allowed,
            requests: 0,
            afterLeak: 0,
            non2xx: 0,
            ips: [],
            distinct: 0,
            first: t,
            last: t,
          };
          this.#groups.set(key, g);
        }
      }
      g.requests += n;
      if (afterLeak) g.afterLeak += n;
      if (non2xx) g.non2xx += n;
      if (t < g.first) g.first = t;
      if (t > g.last) g.last = t;
      if (!this.#distinctIps.has(ip.canonical) && this.#distinctIps.size < MAX_DISTINCT_IPS) {
        this.#distinctIps.add(ip.canonical);
        g.distinct++;
        if (g.ips.length < LISTED_IPS_PER_GROUP) g.ips.push(ip.canonical);
      }
      if (flagged) {
        this.#flaggedTotal += n;
        if (afterLeak || this.leakMs === undefined) {
          this.#flaggedAfterLeak += n;
          if (this.#unknownAfterLeak.size < MAX_DISTINCT_IPS) this.#unknownAfterLeak.add(ip.canonical);
          else if (!this.#unknownAfterLeak.has(ip.canonical)) this.#unknownAfterLeakCapped = true;
        }
        if (this.#flagged.length < this.#flaggedLimit) {
          this.#flagged.push({
            time: iso(t),
            ip: ip.canonical,
            ipGroup: ip.group,
            userAgent: r.userAgent,
            uaClass: cls,
            status: st,
            path: r.path,
            model: r.model,
            source: r.source,
            row: r.row,
            afterLeak,
          });
        }
      }
    }

    // Per hour: buckets longer than an hour are spread evenly over the hours they cover.
    const b = r.bucketSeconds ?? 0;
    if (b <= 3600) this.#addHour(Math.floor(t / HOUR_MS), 1, n, tokens, cost, st, flagged);
    else {
      const span = Math.max(1, Math.round((b * 1000) / HOUR_MS));
      const h0 = Math.floor(t / HOUR_MS);
      for (let i = 0; i < span; i++) this.#addHour(h0 + i, 1 / span, n, tokens, cost, st, flagged);
    }

    // Baseline for the recommended limits: only traffic something vouches for, the allowlist (a known
    // IP) or the pre-leak window. Anything else may be the attacker's: a limit derived from their burst
    // would let the next burst through.
    const allowlisted = r.ip !== undefined && (this.#opts.allowIps?.length ?? 0) > 0 && !flagged;
    const preLeak = this.leakMs !== undefined && !afterLeak;
    if (allowlisted || preLeak) {
      this.#baseAll.add(t, r.bucketSeconds, n, tokens, cost);
      if (!afterLeak) this.#basePre.add(t, r.bucketSeconds, n, tokens, cost);
    }
  }

  #addHour(
    hour: number,
    share: number,
    n: number,
    tokens: number,
    cost: number,
    st: number | undefined,
    flagged: boolean,
  ): void {
    const h = this.#hours[hour - this.#firstHour];
    if (!h) return;
    const k = n * share;
    h.requests += k;
    h.tokens += tokens * share;
    h.cost += cost * share;
    if (st !== undefined) {
      if (st >= 200 && st < 300) h.ok += k;
      else {
        h.non2xx += k;
        if (st === 401) h.s401 += k;
        else if (st === 403) h.s403 += k;
        else if (st === 429) h.s429 += k;
      }
    }
    if (flagged) h.flagged += k;
  }

  #noteSource(r: AuditRecord): void {
    let s = this.#sources.get(r.source);
    if (!s) {
      s = { events: 0, requests: 0, res: new Set() };
      this.#sources.set(r.source, s);
    }
    s.events++;
    if (!r.eventType) s.requests += r.requests;
    const b = r.bucketSeconds ?? 0;
    s.res.add(b === 0 ? 'request' : b <= 60 ? 'minute' : b <= 3600 ? 'hour' : 'day');
  }

  finish(): AuditReport {
    const leakMs = this.leakMs;
    const perHour: HourPoint[] = this.#hours.map((h, i) => ({
      hour: iso((this.#firstHour + i) * HOUR_MS),
      requests: round2(h.requests),
      tokens: round2(h.tokens),
      costUsd: round6(h.cost),
      non2xx: round2(h.non2xx),
      s401: round2(h.s401),
      s403: round2(h.s403),
      s429: round2(h.s429),
      flagged: round2(h.flagged),
    }));

    const sources: SourceSummary[] = [...this.#sources].map(([source, s]) => ({
      source,
      events: s.events,
      requests: s.requests,
      resolution: s.res.size === 1 ? [...s.res][0] : 'mixed',
    }));
    const gaps = new Set(this.#gaps);
    for (const s of sources) for (const g of gapsForSource(s.source)) gaps.add(g);
    if (this.#ipRequests > 0 && (this.#opts.allowIps?.length ?? 0) === 0) {
      gaps.add('No IP allowlist given (--allow-ip): every source IP counts as unknown.');
    }
    if (sources.length === 0 && this.#ignored > 0)
      gaps.add(
        `No events in the window, but ${plural(this.#ignored, 'event')} outside it (${iso(this.#outsideFirst)} .. ${iso(this.#outsideLast)}): move the window (--end, --window) to audit them.`,
      );
    else if (sources.length === 0) gaps.add('No events in the window: nothing to audit.');
    if (this.#distinctIps.size >= MAX_DISTINCT_IPS) {
      gaps.add(`More than ${MAX_DISTINCT_IPS} distinct IPs: per-group distinct counts are lower bounds.`);
    }

    const ipGroups: IpGroup[] = [...this.#groups]
      .map(([group, g]) => ({
        group,
        allowed: g.allowed,
        requests: g.requests,
        afterLeak: g.afterLeak,
        non2xx: g.non2xx,
        ips: g.ips,
        distinctIps: g.distinct,
        firstSeen: iso(g.first),
        lastSeen: iso(g.last),
      }))
      .sort((a, b) => Number(a.allowed) - Number(b.allowed) || b.requests - a.requests);

    const topUserAgents = [...this.#uas]
      .map(([userAgent, u]) => ({ userAgent, uaClass: u.cls, requests: u.requests }))
      .sort((a, b) => b.requests - a.requests || a.userAgent.localeCompare(b.userAgent));
    const otherUserAgents =
      this.#otherUas + topUserAgents.slice(TOP_USER_AGENTS).reduce((s, u) => s + u.requests, 0);

    const byCode: Record<string, number> = {};
    for (const [code, n] of [...this.#byCode].sort((a, b) => a[0] - b[0])) byCode[String(code)] = n;

    const report: AuditReport = {
      window: { start: iso(this.startMs), end: iso(this.endMs) },
      leakTime: leakMs === undefined ? undefined : iso(leakMs),
      sources,
      gaps: [...gaps],
      totals: {
        events: this.#events,
        requests: this.#requests,
        tokens: this.#tokens,
        inputTokens: this.#inputTokens,
        outputTokens: this.#outputTokens,
        costUsd: round6(this.#cost),
        ignored: this.#ignored,
        ignoredOtherKeys: this.#ignoredOtherKeys,
        ...(this.#ignored > 0
          ? { outsideWindow: { first: iso(this.#outsideFirst), last: iso(this.#outsideLast) } }
          : {}),
      },
      statusCounts: {
        known: this.#statusKnown,
        unknown: this.#statusUnknown,
        ok2xx: this.#ok,
        non2xx: this.#non2xx,
        s401: this.#s401,
        s403: this.#s403,
        s429: this.#s429,
        s5xx: this.#s5xx,
        byCode,
      },
      perHour,
      uaClasses: { ...this.#uaClasses },
      topUserAgents: topUserAgents.slice(0, TOP_USER_AGENTS),
      otherUserAgents,
      ipGroups,
      allowIps: this.#opts.allowIps ?? [],
      flagged: [...this.#flagged].sort((a, b) => a.time.localeCompare(b.time)),
      flaggedTotal: this.#flaggedTotal,
      unknownIpsAfterLeak: this.#unknownAfterLeak.size,
      beforeAfter: this.#beforeAfter(),
      jumps: this.#jumps(perHour),
      recommendations: this.#recommend(),
      managementEvents: [...this.#management].sort((a, b) => a.time.localeCompare(b.time)),
      malformedRows: { count: this.#malformed, examples: this.#malformedExamples },
      verdict: '',
    };
    if (this.#managementTotal > this.#management.length) {
      report.gaps.push(
        `${this.#managementTotal} management events: only the first ${this.#management.length} are listed.`,
      );
    }
    report.verdict = this.#verdict(report);
    return scrubDeep(JSON.parse(JSON.stringify(report)) as AuditReport);
  }

  #beforeAfter(): AuditReport['beforeAfter'] {
    const leak = this.leakMs;
    if (leak === undefined) return undefined;
    const cut = Math.min(Math.max(leak, this.startMs), this.endMs);
    const mk = (start: number, end: number, p: { requests: number; tokens: number; cost: number }) => {
      const hours = (end - start) / HOUR_MS;
      const t: PeriodTotals = {
        start: iso(start),
        end: iso(end),
        hours: round2(hours),
        requests: p.requests,
        tokens: p.tokens,
        costUsd: round6(p.cost),
        requestsPerHour: hours > 0 ? round2(p.requests / hours) : 0,
      };
      return t;
    };
    const before = mk(this.startMs, cut, this.#before);
    const after = mk(cut, this.endMs, this.#after);
    const ratio = before.requestsPerHour > 0 ? round2(after.requestsPerHour / before.requestsPerHour) : null;
    return { before, after, ratioPerHour: ratio };
  }

  #jumps(perHour: HourPoint[]): Jump[] {
    const metric: Jump['metric'] = this.#requests > 0 ? 'requests' : 'tokens';
    const factor = this.#opts.jumpFactor ?? 3;
    const minimum = (this.#opts.jumpMinimum ?? 20) * (metric === 'tokens' ? 100 : 1);
    const firstData = Math.floor(this.#firstDataMs / HOUR_MS) - this.#firstHour;
    const leakIdx =
      this.leakMs === undefined ? perHour.length : Math.floor(this.leakMs / HOUR_MS) - this.#firstHour;
    // The baseline: hours from the first data to the leak hour (exclusive), zero hours included.
    const baseHours = perHour.slice(Math.max(0, firstData), Math.max(0, Math.min(leakIdx, perHour.length)));
    const baseline = median(baseHours.map((h) => h[metric]));
    const jumps: Jump[] = [];
    perHour.forEach((h, i) => {
      const v = h[metric];
      if (v >= minimum && v > factor * baseline) {
        jumps.push({
          hour: h.hour,
          metric,
          value: v,
          baseline,
          factor: baseline > 0 ? round2(v / baseline) : 0,
          afterLeak: this.leakMs !== undefined && i >= leakIdx,
        });
      }
    });
    return jumps;
  }

  #recommend(): Recommendations {
    const basis: string[] = [];
    const filtered = (this.#opts.allowIps?.length ?? 0) > 0;
    const leakKnown = this.leakMs !== undefined;
    if (!filtered && !leakKnown) {
      basis.push(
        'No recommendation can be made: no traffic is vouched for (give --allow-ip with your own networks, or --leak-time so traffic before the leak counts); limits taken from all traffic could come from the attacker.',
      );
      return { policy: {}, basis };
    }
    // Pre-leak traffic alone when there is some (the cleanest sample); else everything vouched for.
    const usePre = leakKnown && (this.#basePre.requests > 0 || this.#basePre.tokens > 0);
    const base = usePre ? this.#basePre : this.#baseAll;
    const what = usePre ? 'traffic before the leak' : 'allowlisted traffic in the window';
    if (leakKnown && !usePre && filtered)
      basis.push('No traffic before the leak: limits use allowlisted traffic only.');
    if (base.requests === 0 && base.tokens === 0) {
      basis.push(
        `No recommendation can be made: no traffic is vouched for (${[filtered ? 'none from the allowlisted networks' : '', leakKnown ? 'none before the leak' : ''].filter(Boolean).join(', ')}).`,
      );
      return { policy: {}, basis };
    }
    const policy: Recommendations['policy'] = {};
    const per =
      base.resolution === 0
        ? { m: base.perMinute, div: 1, unit: 'minute' }
        : base.resolution === 1
          ? { m: base.perHour, div: 60, unit: 'hour (÷ 60; only hourly data)' }
          : { m: base.perDay, div: 1440, unit: 'day (÷ 1440; only daily data)' };
    if (base.requests > 0) {
      const p = peak(per.m, 0);
      policy.rpm = Math.max(1, Math.ceil((1.2 * p) / per.div));
      basis.push(`rpm = ceil(1.2 × peak ${p} requests per ${per.unit}) from ${what}.`);
    }
    if (base.tokens > 0) {
      const p = peak(per.m, 1);
      policy.tpm = Math.max(1, Math.ceil((1.2 * p) / per.div));
      basis.push(`tpm = ceil(1.2 × peak ${p} tokens per ${per.unit}) from ${what}.`);
    }
    const spanEnd = usePre ? Math.min(this.leakMs!, this.endMs) : this.endMs;
    const spanStart = Math.max(this.startMs, Math.floor(base.first / HOUR_MS) * HOUR_MS);
    const days = Math.max(1, (spanEnd - spanStart) / DAY_MS);
    if (base.requests > 0) {
      const mean = base.requests / days;
      policy.dailyRequests = Math.max(1, Math.ceil(3 * mean));
      basis.push(
        `dailyRequests = ceil(3 × mean ${round2(mean)} requests per day over ${round2(days)} days).`,
      );
    }
    const provider = this.#opts.provider;
    const budgets = provider === undefined || provider === 'openrouter' || provider === 'litellm';
    if (budgets && base.cost > 0) {
      const mean = base.cost / days;
      policy.budgetUsd = Math.ceil(3 * mean * 100) / 100;
      policy.budgetReset = provider === 'litellm' ? '1d' : 'daily';
      basis.push(`budgetUsd = 3 × mean $${round6(mean)} per day, reset daily.`);
    }
    return { policy, basis };
  }

  #verdict(r: AuditReport): string {
    const afterLeak = this.leakMs !== undefined;
    const when = afterLeak ? 'after leak' : 'in the window';
    const reqs = afterLeak ? this.#after.requests : this.#requests;
    const toks = afterLeak ? this.#after.tokens : this.#tokens;
    const status = [
      this.#s401 ? `${this.#s401} × 401` : '',
      this.#s403 ? `${this.#s403} × 403` : '',
      this.#s429 ? `${this.#s429} × 429` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const tail = [
      status ? `${status} in the window` : '',
      r.jumps.length ? `usage jumped in ${plural(r.jumps.length, 'hour')}` : '',
      r.malformedRows.count ? `${plural(r.malformedRows.count, 'malformed row')} skipped` : '',
    ]
      .filter(Boolean)
      .join('; ');
    const end = tail ? ` (${tail}).` : '.';
    if (this.#events === 0 && this.#managementTotal === 0 && this.#ignored > 0)
      // Not an all-clear: the window missed the log.
      return `NOT AUDITED: the window ${iso(this.startMs)} .. ${iso(this.endMs)} holds none of the ${plural(this.#ignored, 'event')} in the log (they span ${iso(this.#outsideFirst)} .. ${iso(this.#outsideLast)}).`;
    if (reqs === 0 && toks === 0) return `No use ${when}${end}`;
    if (this.#ipRequests === 0) {
      const amount = reqs > 0 ? plural(reqs, 'request') : plural(toks, 'token');
      return `${amount} ${when}; source IPs unknown, the sources do not record them${end}`;
    }
    if (this.#flaggedAfterLeak === 0) {
      return `No use ${when} from unknown IPs: ${plural(reqs, 'request')}, all allowlisted${end}`;
    }
    const ips = `${r.unknownIpsAfterLeak}${this.#unknownAfterLeakCapped ? '+' : ''} unknown IP${r.unknownIpsAfterLeak === 1 ? '' : 's'}`;
    return `${plural(this.#flaggedAfterLeak, 'request')} from ${ips} ${when}${end}`;
  }
}

/** The audit of provider usage events (the `--provider … --key-id …` path). */
export function auditFromEvents(events: UsageEvent[], opts: AuditOptions = {}): AuditReport {
  const acc = new AuditAccumulator(opts);
  for (let i = 0; i < events.length; i++) acc.addEvent(events[i], i);
  return acc.finish();
}
