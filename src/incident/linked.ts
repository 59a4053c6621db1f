/**
 * "Rotate these too": the linked credentials (AWS, GitHub, a database URL…) found in the same file or the
 * same commit as a confirmed leak. keyguard does not rotate them; the incident makes sure nobody forgets
 * them, each with where it was found (redacted) and the console page to revoke it.
 */
import type { RepoContext } from '../github/types.js';
import { keyConsoleUrl, providerName } from '../report/common.js';
import type { Finding, LinkedCompanion } from '../types.js';

/** The linked findings that leaked with `leak`: same file, or same commit. Never `leak` itself. */
export function companionsOf(leak: Finding, all: readonly Finding[]): LinkedCompanion[] {
  const out: LinkedCompanion[] = [];
  const seen = new Set<string>();
  for (const f of all) {
    if (f.kind !== 'linked' || f.fingerprint === leak.fingerprint) continue;
    const sameCommit = Boolean(leak.commit?.sha && f.commit?.sha === leak.commit.sha);
    const sameFile = f.file === leak.file;
    if (!sameFile && !sameCommit) continue;
    const id = `${f.fingerprint}\n${f.file}\n${f.line}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const c: LinkedCompanion = {
      ruleId: f.ruleId,
      provider: f.provider,
      description: f.description,
      redacted: f.redacted,
      file: f.file,
      line: f.line,
      why: sameFile ? 'same file' : 'same commit',
    };
    if (f.commit?.sha) c.commit = f.commit.sha;
    out.push(c);
  }
  return out;
}

/** Sets `finding.companions` on every non-linked finding that has some (what the incident renders). */
export function attachCompanions(findings: readonly Finding[]): void {
  if (!findings.some((f) => f.kind === 'linked')) return;
  for (const f of findings) {
    if (f.kind === 'linked') continue;
    const c = companionsOf(f, findings);
    if (c.length > 0) f.companions = c;
  }
}

/** The incident's checklist section, or nothing when no linked credential leaked with the key. */
export function renderCompanions(list: readonly LinkedCompanion[] | undefined, repo?: RepoContext): string[] {
  if (!list || list.length === 0) return [];
  const out = ['### Rotate these too', ''];
  out.push(
    'Found with this key; keyguard does not rotate them. Revoke each, then replace it where it is used.',
    '',
  );
  for (const c of list) {
    const where = repo?.sha || c.commit ? link(c, repo) : `\`${c.file}:${c.line}\``;
    const console = keyConsoleUrl(c.provider);
    const revoke = console
      ? ` — revoke at ${console}`
      : ` — revoke it where ${providerName(c.provider)} issued it`;
    out.push(`- [ ] ${c.description}: \`${c.redacted}\` at ${where} (${c.why})${revoke}`);
  }
  out.push('');
  return out;
}

function link(c: LinkedCompanion, repo?: RepoContext): string {
  const label = `${c.file}:${c.line}`;
  const sha = c.commit ?? repo?.sha;
  if (!repo || !sha) return `\`${label}\``;
  const path = c.file.split('/').map(encodeURIComponent).join('/');
  return `[\`${label}\`](${repo.serverUrl}/${repo.owner}/${repo.repo}/blob/${sha}/${path}#L${c.line})`;
}
