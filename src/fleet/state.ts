/**
 * The fleet's state: what the last sweeps covered, per repository (pushed_at, default branch, ref
 * heads → commit, when). `plan` reads it to list only what changed, `sweep` to read only new commits,
 * `report --state-out` writes the next one. A missing file is the first night (empty state); a file
 * that is there but malformed, or of another organisation, is an error naming it: nothing is guessed.
 */
import { Detector } from '../scan/detector.js';
import { FleetFileError, readFleetJson, writeFleetJson } from './files.js';
import { FLEET_FORMAT, type FleetState } from './types.js';
import { type ReadOptions, ShapeError, validateState } from './validate.js';

export function emptyState(org: string, rulesKey: string): FleetState {
  return { format: FLEET_FORMAT, org, rulesKey, updatedAt: new Date(0).toISOString(), repos: {} };
}

let detector: Detector | undefined;
/** The carried findings' text (it reaches reports and SARIF): a whole key in it makes the state malformed. */
function holdsKey(state: FleetState): boolean {
  const texts: string[] = [];
  for (const e of Object.values(state.repos))
    for (const f of e.findings ?? [])
      texts.push(f.file, f.redacted, f.ruleId, f.verification?.detail ?? '', f.rotation?.detail ?? '');
  if (!texts.length) return false;
  detector ??= new Detector();
  return detector.scan(texts.join('\n')).length > 0;
}

/** The state in `file`, or undefined when there is none yet. */
export async function readState(file: string, opts: ReadOptions = {}): Promise<FleetState | undefined> {
  const raw = await readFleetJson(file, { missing: 'undefined' });
  if (raw === undefined) return undefined;
  try {
    const warn = opts.warn;
    const state = validateState(raw, { ...opts, ...(warn ? { warn: (l) => warn(`${file}: ${l}`) } : {}) });
    if (holdsKey(state)) throw new ShapeError('it holds a whole key (a state carries redacted forms only)');
    return state;
  } catch (err) {
    if (err instanceof ShapeError)
      throw new FleetFileError(
        file,
        err.message.startsWith('it ') ? err.message : `not a keyguard fleet state: ${err.message}`,
      );
    throw err;
  }
}

/** The state for `org`: another organisation's state is refused (its coverage says nothing here). */
export async function readStateFor(
  file: string | undefined,
  org: string,
  opts: ReadOptions = {},
): Promise<FleetState | undefined> {
  if (!file) return undefined;
  const state = await readState(file, opts);
  if (state && state.org.toLowerCase() !== org.toLowerCase())
    throw new FleetFileError(file, `the state is of organisation "${state.org}", not "${org}"`);
  return state;
}

export function writeState(file: string, state: FleetState): Promise<void> {
  // Sorted, so that two equal states are equal files (caches and diffs stay quiet).
  const repos: FleetState['repos'] = {};
  for (const k of Object.keys(state.repos).sort()) repos[k] = state.repos[k]!;
  return writeFleetJson(file, { ...state, repos });
}
