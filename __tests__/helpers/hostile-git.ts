/**
 * What a pull request can add to make git run its program: a directory that looks like a bare repository
 * (HEAD, objects/, refs/, config) whose config names a program for every setting git runs one from, plus
 * a `.gitattributes` that puts every file under a diff and filter driver. Each program only appends its
 * name to a marker file outside the repository: the marker appearing is the attack working.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Hook names git runs on the commands keyguard uses (fetch, index reads, gc). */
const HOOKS = [
  'reference-transaction',
  'post-checkout',
  'post-merge',
  'post-index-change',
  'pre-auto-gc',
  'fsmonitor-watchman',
  'post-rewrite',
  'push-to-checkout',
];

/** Every config setting that names a program, each pointing at its own script. */
const PROGRAMS: [section: string, key: string][] = [
  ['core', 'fsmonitor'],
  ['core', 'sshCommand'],
  ['core', 'pager'],
  ['core', 'askPass'],
  ['core', 'editor'],
  ['core', 'gitProxy'],
  ['core', 'alternateRefsCommand'],
  ['diff', 'external'],
  ['diff "evil"', 'textconv'],
  ['diff "evil"', 'command'],
  ['filter "evil"', 'clean'],
  ['filter "evil"', 'smudge'],
  ['filter "evil"', 'process'],
  ['credential', 'helper'],
  ['gpg', 'program'],
  ['sequence', 'editor'],
  ['remote "origin"', 'uploadpack'],
  ['remote "origin"', 'receivepack'],
  ['uploadpack', 'packObjectsHook'],
];

function script(path: string, name: string, marker: string): void {
  writeFileSync(
    path,
    `#!/bin/sh\necho "${name} $*" >> '${marker}'\ncat >/dev/null 2>&1 </dev/null\nexit 1\n`,
  );
  chmodSync(path, 0o755);
}

/** The config lines naming a program for everything (scripts written to `bin`, hooks to `hooks`). */
export function hostileConfig(dir: string, marker: string, origin?: string): string {
  const bin = join(dir, 'bin');
  const hooks = join(dir, 'hooks');
  mkdirSync(bin, { recursive: true });
  mkdirSync(hooks, { recursive: true });
  for (const hook of HOOKS) script(join(hooks, hook), `hook:${hook}`, marker);
  const sections = new Map<string, string[]>();
  for (const [section, key] of PROGRAMS) {
    const name = `${section.replace(/ "evil"| "origin"/, '')}.${key}`;
    script(join(bin, name), name, marker);
    const lines = sections.get(section) ?? [];
    lines.push(`\t${key} = ${join(bin, name)}`);
    sections.set(section, lines);
  }
  sections.get('core')!.push(`\thooksPath = ${hooks}`, '\tbare = false', '\tworktree = .');
  sections
    .get('remote "origin"')!
    .push(
      `\turl = ${origin ?? `ext::${join(bin, 'core.sshCommand')} %S`}`,
      '\tfetch = +refs/heads/*:refs/remotes/origin/*',
    );
  sections.set('protocol', ['\tallow = always']);
  sections.set('log', ['\tshowSignature = true']);
  return [...sections].map(([s, lines]) => `[${s}]\n${lines.join('\n')}`).join('\n');
}

/** Writes a fake bare repository into `dir` (a directory of the PR tree): HEAD, objects/, refs/, config. */
export function plantFakeBareRepo(dir: string, marker: string, origin?: string): void {
  mkdirSync(join(dir, 'objects', 'info'), { recursive: true });
  mkdirSync(join(dir, 'refs', 'heads'), { recursive: true });
  writeFileSync(join(dir, 'objects', 'info', '.keep'), '');
  writeFileSync(join(dir, 'refs', 'heads', '.keep'), '');
  writeFileSync(join(dir, 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(
    join(dir, 'config'),
    `[core]\n\trepositoryformatversion = 0\n${hostileConfig(dir, marker, origin).replace(/^\[core\]\n/, '')}\n`,
  );
  writeFileSync(join(dir, '.gitattributes'), '* diff=evil filter=evil\n');
}

/** Appends the hostile settings to an existing repository's own config (`gitDir/config`). */
export function poisonRepoConfig(gitDir: string, marker: string, origin?: string): void {
  const config = readFileSync(join(gitDir, 'config'), 'utf8');
  // The work tree stays where it is: only program settings are added.
  const extra = hostileConfig(gitDir, marker, origin).replace(/\tbare = false\n\tworktree = \.\n?/, '');
  writeFileSync(join(gitDir, 'config'), `${config}\n${extra}\n`);
}

/** What the planted programs wrote (empty when none ran). */
export function markerText(marker: string): string {
  return existsSync(marker) ? readFileSync(marker, 'utf8') : '';
}
