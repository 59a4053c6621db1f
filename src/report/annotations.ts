/**
 * GitHub workflow commands (`::error file=…::message`). GitHub shows at most 10 error annotations
 * per step, so the most urgent come first and one warning line counts the rest.
 */
import { forLog, isInertProperty } from '../text/inert.js';
import type { Finding } from '../types.js';
import {
  findingNotes,
  plural,
  providerName,
  type ReportData,
  safeText,
  shortSha,
  sortByUrgency,
} from './common.js';

export const MAX_ANNOTATIONS = 10;

/**
 * Escaping for the message part of a workflow command (the toolkit's `escapeData`). It keeps the
 * command on one line; `forLog` before it keeps outside text from looking like another command.
 */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for a property value (`file=`, `title=`…): also `:` and `,`, which delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function messageFor(f: Finding): string {
  const v = f.verification;
  let text = `${providerName(f.provider)} key ${f.redacted} (${f.ruleId})`;
  if (v?.status === 'live') text += ' is LIVE. Rotate it at the provider now, then remove it from the code.';
  else if (v?.status === 'revoked') text += ' no longer works; remove it from the code.';
  else text += ' was committed; rotate it at the provider and remove it from the code.';
  if (v?.detail) text += ` ${v.detail}`;
  if (f.commit) {
    const verb = f.source === 'history' ? 'Found in history at' : 'Introduced in';
    text += ` ${verb} ${shortSha(f.commit.sha)} by ${f.commit.author}.`;
  }
  for (const note of findingNotes(f, { detail: false })) text += ` ${note}`;
  return forLog(safeText(text, [f]));
}

function titleFor(f: Finding): string {
  const status = f.verification?.status;
  const adjective = status === 'live' ? 'Live leaked' : status === 'revoked' ? 'Revoked leaked' : 'Leaked';
  return forLog(`${adjective} ${providerName(f.provider)} key`);
}

export function renderAnnotations(data: ReportData, opts: { max?: number } = {}): string {
  const max = opts.max ?? MAX_ANNOTATIONS;
  const ordered = sortByUrgency(data.findings);
  const lines = ordered.slice(0, max).map((f) => {
    const located = isInertProperty(f.file);
    const props = [
      ...(located ? [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`] : []),
      `title=${escapeProperty(titleFor(f))}`,
    ];
    const where = located ? '' : ` In ${forLog(f.file)}:${f.line}.`;
    return `::error ${props.join(',')}::${escapeData(`${messageFor(f)}${where}`)}`;
  });
  const rest = ordered.length - max;
  if (rest > 0) {
    lines.push(`::warning::${escapeData(`${plural(rest, 'more finding')}: see the job summary / SARIF`)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
