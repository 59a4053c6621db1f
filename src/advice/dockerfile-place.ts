/**
 * Which Dockerfile instruction a line belongs to (following `\` continuations up, at most
 * `MAX_CONTINUATION` lines) and the variable the literal is assigned to: `ENV A=1 \` / `  KEY=sk-…`,
 * `ARG KEY=sk-…`, `ENV KEY sk-…`, `RUN export KEY=sk-…`.
 */
import type { LineWindow } from './window.js';

const INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

const MAX_CONTINUATION = 64;

export interface DockerfilePlace {
  /** `ENV`, `ARG`, `RUN`... (`ONBUILD ENV` gives `ENV`); undefined when the line is no instruction. */
  instruction?: string;
  /** The variable or option the literal is assigned to. */
  name?: string;
}

const continues = (line: string) => /[\\`]\s*$/.test(line);
const ignorable = (line: string) => /^\s*(?:#|$)/.test(line);

export function dockerfilePlace(win: LineWindow, column: number): DockerfilePlace {
  let first = win.line;
  let firstIsTarget = true;
  for (let i = win.before.length - 1, n = 0; i >= 0 && n < MAX_CONTINUATION; i--, n++) {
    const l = win.before[i]!;
    if (ignorable(l)) continue; // comments and blank lines inside a continued instruction
    if (!continues(l)) break;
    first = l;
    firstIsTarget = false;
  }
  const m = /^\s*([A-Za-z]+)(?:\s+([A-Za-z]+))?/.exec(first);
  let instruction = m?.[1]?.toUpperCase();
  if (instruction === 'ONBUILD' && m?.[2]) instruction = m[2].toUpperCase();
  if (!instruction || !INSTRUCTIONS.has(instruction)) return {};
  const prefix = win.line.slice(Math.max(0, column - 1 - 256), Math.max(0, column - 1));
  let name: string | undefined;
  const assigned = /([A-Za-z_][A-Za-z0-9_.-]{0,79})=["']?$/.exec(prefix);
  if (assigned) name = assigned[1];
  else if (instruction === 'ENV' && firstIsTarget) {
    // The legacy form: `ENV KEY value` (one variable, the rest of the line is its value).
    name = /^\s*(?:ONBUILD\s+)?ENV\s+([A-Za-z_][A-Za-z0-9_.-]{0,79})\s+["']?$/i.exec(prefix)?.[1];
  } else if (instruction === 'RUN' || instruction === 'CMD' || instruction === 'ENTRYPOINT') {
    const flag = /--([A-Za-z][\w-]{0,79})(?:=|\s+)["']?$/.exec(prefix);
    if (flag) name = flag[1];
  }
  return { instruction, name };
}
