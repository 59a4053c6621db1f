/**
 * An organisation for the fleet's end-to-end test and benchmark: the GitHub emulator lists it
 * (active repositories, plus archived, forks and empty ones, enough for several pages), and the git
 * HTTP server serves the active ones, built with `git fast-import` (thousands of commits in a second),
 * with keys from KeyGen planted across their histories in every place a sweep must look: the tree, a
 * deleted file, a side branch, a tag only, a merged branch, a pull-request head, the same key twice in
 * one repository and once in two. The planted truth is returned as (repository, fingerprint) pairs.
 */
import { execFileSync } from 'node:child_process';
import { Secret } from '../../src/scan/secret.js';
import type { EmulatedOrgRepo, GitHubEmulator } from '../emulators/github.js';
import type { GitHttpServer } from '../helpers/git-http-server.js';
import { KeyGen } from '../helpers/keygen.js';

export interface Planted {
  repository: string;
  fingerprint: string;
  /** Where the key was put (for a readable failure). */
  where: string;
}

export interface FleetOrg {
  org: string;
  /** Active repositories (served over git), `owner/name`. */
  active: string[];
  planted: Planted[];
  /** Commits in all active repositories. */
  commits: number;
}

const GIT_ENV = { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

/** A fast-import stream for one repository. */
class Stream {
  #parts: string[] = [];
  #mark = 0;
  #time = 1767261600; // 2026-01-01
  commits = 0;

  data(text: string): string {
    return `data ${Buffer.byteLength(text)}\n${text}\n`;
  }

  /** A commit on `ref` (after `from`, merging `merge`), with file changes (null = delete); its mark. */
  commit(
    ref: string,
    message: string,
    files: Record<string, string | null>,
    opts: { from?: string; merge?: string } = {},
  ): string {
    const mark = `:${++this.#mark}`;
    this.#time += 60;
    this.commits++;
    let s = `commit ${ref}\nmark ${mark}\ncommitter Ann Author <ann@example.com> ${this.#time} +0000\n`;
    s += this.data(message);
    if (opts.from) s += `from ${opts.from}\n`;
    if (opts.merge) s += `merge ${opts.merge}\n`;
    for (const [path, content] of Object.entries(files)) {
      if (content === null) s += `D ${path}\n`;
      else s += `M 100644 inline ${path}\n${this.data(content)}`;
    }
    this.#parts.push(s);
    return mark;
  }

  ref(ref: string, from: string): void {
    this.#parts.push(`reset ${ref}\nfrom ${from}\n\n`);
  }

  run(gitDir: string): void {
    execFileSync('git', ['--git-dir', gitDir, 'fast-import', '--quiet', '--force'], {
      input: `${this.#parts.join('')}done\n`,
      env: GIT_ENV,
      maxBuffer: 1 << 28,
    });
    this.#parts = [];
  }
}

/** Filler text: lines that look like code and hold no key. */
function filler(gen: KeyGen, lines: number): string {
  let s = '';
  for (let i = 0; i < lines; i++) s += `const v${gen.lower(6)} = "${gen.alnum(20)}"; // ${gen.lower(12)}\n`;
  return s;
}

export interface BuildOptions {
  org?: string;
  active?: number;
  /** Archived, forks and empty repositories listed beside the active ones (not served). */
  inactive?: number;
  /** Filler commits per active repository (before the planted ones). */
  commitsPerRepo?: number;
  seed?: number;
}

/** The plant kinds, by repository index modulo their number. */
const KINDS = ['tree', 'deleted', 'branch', 'tag', 'merged', 'copied', 'clean', 'pull'] as const;

export function buildFleetOrg(gh: GitHubEmulator, server: GitHttpServer, o: BuildOptions = {}): FleetOrg {
  const org = o.org ?? 'acme';
  const gen = new KeyGen(o.seed ?? 7070);
  const makers = [
    () => gen.openaiProject(),
    () => gen.anthropic(),
    () => gen.openrouter(),
    () => gen.deepseek(),
    () => gen.openaiServiceAccount(),
  ];
  const key = (i: number) => makers[i % makers.length]!();
  const planted: Planted[] = [];
  const active: string[] = [];
  const listed: EmulatedOrgRepo[] = [];
  const shared = key(99);
  let commits = 0;
  const n = o.active ?? 30;
  for (let i = 0; i < n; i++) {
    const name = `svc-${String(i).padStart(3, '0')}`;
    const full = `${org}/${name}`;
    active.push(full);
    const s = new Stream();
    const plant = (k: string, where: string) =>
      planted.push({ repository: full, fingerprint: new Secret(k).fingerprint, where });
    let head = s.commit('refs/heads/main', 'init', { 'README.md': `# ${name}\n` });
    for (let c = 0; c < (o.commitsPerRepo ?? 6); c++)
      head = s.commit(
        'refs/heads/main',
        `work ${c}`,
        { [`src/f${c % 7}.ts`]: filler(gen, 8) },
        { from: head },
      );
    const k = key(i);
    switch (KINDS[i % KINDS.length]) {
      case 'tree':
        head = s.commit(
          'refs/heads/main',
          'config',
          { 'config/.env': `OPENAI_API_KEY=${k}\n` },
          { from: head },
        );
        plant(k, 'tree');
        break;
      case 'deleted':
        head = s.commit(
          'refs/heads/main',
          'oops',
          { 'src/keys.ts': `export const K = "${k}";\n` },
          { from: head },
        );
        head = s.commit('refs/heads/main', 'remove', { 'src/keys.ts': null }, { from: head });
        plant(k, 'deleted from main');
        break;
      case 'branch':
        s.commit('refs/heads/feature/x', 'wip', { 'wip.txt': `key ${k}\n` }, { from: head });
        plant(k, 'side branch only');
        break;
      case 'tag': {
        const t = s.commit(
          'refs/heads/release-tmp',
          'release',
          { 'release.env': `K=${k}\n` },
          { from: head },
        );
        s.ref('refs/tags/v1.0.0', t);
        plant(k, 'tag only');
        break;
      }
      case 'merged': {
        const side = s.commit(
          'refs/heads/topic',
          'topic',
          { 'topic.yml': `api_key: ${k}\n` },
          { from: head },
        );
        head = s.commit('refs/heads/main', 'merge topic', {}, { from: head, merge: side });
        plant(k, 'merged branch');
        break;
      }
      case 'copied':
        head = s.commit(
          'refs/heads/main',
          'twice',
          { 'a/.env': `K=${k}\n`, 'b/.env': `K=${k}\n` },
          { from: head },
        );
        plant(k, 'two files, one key');
        break;
      case 'pull':
        s.commit('refs/pull/1/head', 'pr', { 'pr.txt': `K=${k}\n` }, { from: head });
        plant(k, 'pull request head');
        break;
      default:
        break;
    }
    if (i === 1 || i === 2) {
      head = s.commit('refs/heads/main', 'shared', { 'shared.env': `K=${shared}\n` }, { from: head });
      plant(shared, 'same key in two repositories');
    }
    s.run(server.init(full));
    commits += s.commits;
    listed.push({ name, size: 20 + i * 3, pushed_at: '2026-11-30T00:00:00Z', default_branch: 'main' });
  }
  // The temporary release branch goes: its commit stays reachable from the tag only.
  for (const full of active) {
    try {
      execFileSync(
        'git',
        ['--git-dir', server.repoPath(full), 'update-ref', '-d', 'refs/heads/release-tmp'],
        {
          env: GIT_ENV,
          stdio: 'ignore',
        },
      );
    } catch {}
  }
  const inactive = o.inactive ?? 75;
  for (let i = 0; i < inactive; i++) {
    const kind = i % 3;
    listed.push({
      name: `${['old', 'fork', 'empty'][kind]}-${String(i).padStart(3, '0')}`,
      ...(kind === 0 ? { archived: true } : kind === 1 ? { fork: true } : { size: 0, pushed_at: null }),
    });
  }
  gh.addOrgRepos(org, listed);
  return { org, active, planted, commits };
}

/** Night 2: one new commit with a new key on `full`'s main; returns the key's planted entry. */
export function pushNewKey(server: GitHttpServer, full: string, seed = 9191): Planted & { key: string } {
  const gitDir = server.repoPath(full);
  const head = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'refs/heads/main'], {
    env: GIT_ENV,
    encoding: 'utf8',
  }).trim();
  const k = new KeyGen(seed).anthropic();
  const s = new Stream();
  s.commit('refs/heads/main', 'night two', { 'later/.env': `ANTHROPIC_API_KEY=${k}\n` }, { from: head });
  s.run(gitDir);
  return { repository: full, fingerprint: new Secret(k).fingerprint, where: 'night two', key: k };
}
