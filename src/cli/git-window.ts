/** `--since-commit REF`, `--range A..B` and `--log-opts` → one validated history window (or none). */
import { InputError } from '../config/errors.js';
import {
  type HistoryWindow,
  LOG_OPTS_ALLOWED,
  parseLogOpts,
  revisionProblem,
} from '../git/history-window.js';

export const LOG_OPTS_HELP = LOG_OPTS_ALLOWED;

export function historyWindow(opts: {
  logOpts?: string;
  sinceCommit?: string;
  range?: string;
}): HistoryWindow | undefined {
  const { logOpts, sinceCommit, range } = opts;
  if (sinceCommit !== undefined) {
    if (sinceCommit.includes('..'))
      throw new InputError(`--since-commit "${sinceCommit}" is one commit, not a range (use --range)`);
    const problem = revisionProblem(sinceCommit);
    if (problem) throw new InputError(`--since-commit: ${problem}`);
  }
  if (logOpts === undefined && sinceCommit === undefined) return undefined;
  const w: HistoryWindow = logOpts === undefined ? { revisions: [] } : parseLogOpts(logOpts);
  const own = sinceCommit !== undefined ? `${sinceCommit}..HEAD` : range;
  if (own !== undefined) {
    if (w.revisions.length)
      throw new InputError('--log-opts names revisions already given by --since-commit or --range');
    const problem = revisionProblem(own);
    if (problem) throw new InputError(`--range: ${problem}`);
    w.revisions = [own];
  }
  return w;
}
