/**
 * Generator of exported call logs for the audit tests and the benchmark: normal traffic from
 * allowlisted networks with SDK user agents, then after the leak time bursts from unknown networks
 * with curl / python-requests, 401 and 429 spikes; optionally malformed rows, quoted fields with
 * commas, quotes and line breaks, a BOM, CRLF line ends and mixed time formats.
 */
import { seededRandom } from '../../helpers/keygen.js';

export const ALLOWED_CIDRS = ['10.20.30.0/24', '2001:db8:aa::/48'];
const ALLOWED_IPS = ['10.20.30.4', '10.20.30.7', '10.20.30.9', '2001:db8:aa::10', '::ffff:10.20.30.5'];
const SDK_UAS = ['OpenAI/Python 1.54.0', 'openai-node/4.67.1', 'AsyncOpenAI/Python 1.40.2'];
/** Unknown networks: 203.0.113.0/24, 198.51.100.0/24 and 2001:db8:bad::/48. */
export const ATTACKER_IPS = [
  '203.0.113.5',
  '203.0.113.77',
  '198.51.100.23',
  '2001:db8:bad::1',
  '2001:db8:bad:0:1::2',
];
const ATTACKER_UAS = ['curl/8.4.0', 'python-requests/2.31.0', 'Go-http-client/1.1', ''];

export const HEADER =
  'created_at,status_code,user_agent,client_ip,endpoint,model,prompt_tokens,completion_tokens,cost,note';

export interface CallLogOptions {
  seed?: number;
  /** Epoch ms, end of the log (exclusive). */
  endMs: number;
  /** Epoch ms of the leak. */
  leakMs: number;
  hours?: number;
  normalPerHour?: number;
  /** Attacker requests per hour after the leak. */
  burstPerHour?: number;
  /** Write some malformed rows (bad time, bad status, wrong column count). */
  malformed?: boolean;
  /** Quoted fields with commas, quotes and line breaks. */
  quoted?: boolean;
  bom?: boolean;
  crlf?: boolean;
  /** Mix ISO with zone, ISO without zone, epoch seconds and epoch milliseconds. */
  mixedTimes?: boolean;
}

export interface CallLogTruth {
  rows: number;
  normal: number;
  normalBeforeLeak: number;
  attack: number;
  attackIps: Set<string>;
  s401: number;
  s429: number;
  malformed: number;
  /** Normal requests per minute (for the rpm recommendation). */
  normalPerMinutePeak: number;
}

function fmtTime(ms: number, kind: number): string {
  switch (kind) {
    case 1:
      return new Date(ms).toISOString().slice(0, 19); // no zone = UTC
    case 2:
      return String(Math.floor(ms / 1000));
    case 3:
      return String(ms);
    case 4:
      return new Date(ms).toISOString().replace('T', ' ').replace('Z', '+00:00');
    default:
      return new Date(ms).toISOString();
  }
}

/** Yields CSV text in chunks (one or a few rows each); `truth` fills in as it goes. */
export function* callLogChunks(o: CallLogOptions, truth: CallLogTruth = newTruth()): Generator<string> {
  const rand = seededRandom(o.seed ?? 7);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const nl = o.crlf ? '\r\n' : '\n';
  const hours = o.hours ?? 168;
  const normalPerHour = o.normalPerHour ?? 20;
  const burst = o.burstPerHour ?? 0;
  const startMs = o.endMs - hours * 3_600_000;
  yield `${o.bom ? '\ufeff' : ''}${HEADER}${nl}`;
  const perMinute = new Map<number, number>();
  let rowNo = 0;
  for (let h = 0; h < hours; h++) {
    const hourMs = startMs + h * 3_600_000;
    let chunk = '';
    const row = (ms: number, status: string, ua: string, ip: string, path: string, note = '') => {
      rowNo++;
      const uaCell = /[",\n]/.test(ua) ? `"${ua.replace(/"/g, '""')}"` : ua;
      const noteCell = /[",\r\n]/.test(note) ? `"${note.replace(/"/g, '""')}"` : note;
      const pathCell = /[",]/.test(path) ? `"${path}"` : path;
      const time = fmtTime(ms, o.mixedTimes ? rowNo % 5 : 0);
      const pt = 100 + Math.floor(rand() * 400);
      const ct = 20 + Math.floor(rand() * 200);
      chunk += `${time},${status},${uaCell},${ip},${pathCell},gpt-4o-mini,${pt},${ct},${((pt + ct) * 0.000001).toFixed(6)},${noteCell}${nl}`;
      truth.rows++;
    };
    const n = Math.max(0, normalPerHour + Math.floor((rand() - 0.5) * normalPerHour * 0.2));
    for (let i = 0; i < n; i++) {
      const ms = hourMs + Math.floor(rand() * 3_600_000);
      const status = rand() < 0.01 ? '429' : '200';
      if (status === '429') truth.s429++;
      let path = '/v1/chat/completions';
      let note = '';
      let ua = pick(SDK_UAS);
      if (o.quoted && i % 7 === 0) {
        path = '/v1/chat/completions?tags=a,b';
        note = 'batch "nightly", line one\nline two';
        ua = `${ua} (team "ml", prod)`;
      }
      row(ms, status, ua, pick(ALLOWED_IPS), path, note);
      truth.normal++;
      if (ms < o.leakMs) truth.normalBeforeLeak++;
      const minute = Math.floor(ms / 60_000);
      const c = (perMinute.get(minute) ?? 0) + 1;
      perMinute.set(minute, c);
      if (c > truth.normalPerMinutePeak) truth.normalPerMinutePeak = c;
    }
    if (burst > 0 && hourMs >= o.leakMs) {
      for (let i = 0; i < burst; i++) {
        const ms = hourMs + Math.floor(rand() * 3_600_000);
        const r = rand();
        const status = r < 0.2 ? '401' : r < 0.5 ? '429' : '200';
        if (status === '401') truth.s401++;
        if (status === '429') truth.s429++;
        const ip = pick(ATTACKER_IPS);
        truth.attackIps.add(ip);
        row(ms, status, pick(ATTACKER_UAS), ip, '/v1/models');
        truth.attack++;
      }
    }
    if (o.malformed && h % 24 === 3) {
      chunk += `not-a-time,200,curl/8.4.0,10.20.30.4,/v1/models,gpt-4o-mini,1,1,0,${nl}`;
      chunk += `${fmtTime(hourMs, 0)},2OO,curl/8.4.0,10.20.30.4,/v1/models,gpt-4o-mini,1,1,0,${nl}`;
      chunk += `${fmtTime(hourMs, 0)},200,curl/8.4.0${nl}`;
      truth.rows += 3;
      truth.malformed += 3;
    }
    yield chunk;
  }
}

export function newTruth(): CallLogTruth {
  return {
    rows: 0,
    normal: 0,
    normalBeforeLeak: 0,
    attack: 0,
    attackIps: new Set(),
    s401: 0,
    s429: 0,
    malformed: 0,
    normalPerMinutePeak: 0,
  };
}

export function callLogCsv(o: CallLogOptions): { text: string; truth: CallLogTruth } {
  const truth = newTruth();
  const text = [...callLogChunks(o, truth)].join('');
  return { text, truth };
}
