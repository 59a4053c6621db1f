/**
 * The incident issue, re-rendered from the journal on every update: what leaked, where, the
 * evidence, the saga's timeline, the new key's policy and what still needs a human. Never a key.
 * Every string that came from outside (paths, authors, provider answers, ids, config names) goes
 * through `forMarkdown` or `forMarkdownCode`: the bot's issue must not link, mention or embed.
 */
import type { RepoContext, SecretTarget } from '../github/types.js';
import { describeTarget, targetId } from '../rotate/targets.js';
import { forMarkdown, forMarkdownCode, forMarkdownUrl } from '../text/inert.js';
import type { Finding } from '../types.js';
import { type ChecklistItem, itemsFromText, renderChecklist } from './checklist.js';
import { type Journal, type JournalLocation, serializeJournal } from './journal.js';
import { renderCompanions } from './linked.js';
import type { StateSeal } from './seal.js';

export interface IncidentRenderInput {
  journal: Journal;
  /** The provider's display name (`OpenAI`); defaults to the journal's provider id. */
  providerName?: string;
  finding?: Finding;
  repo?: RepoContext;
  targets?: SecretTarget[];
  /** Places beyond GitHub secrets (src/stores): id for the journal, label for people. */
  stores?: readonly { id: string; label: string }[];
  /** Markdown from the audit stage, appended as its own section. */
  auditMarkdown?: string;
  /** Seals the journal block (see seal.ts); without it the block is written unsealed. */
  seal?: StateSeal;
  /** Checklist ids people have ticked (read from the current body of keyguard's own issue). */
  ticked?: ReadonlySet<string>;
  /**
   * More sections before "What still needs a human" (e.g. other credentials to rotate), each
   * already inert Markdown with its own `###` heading; their task lines may use renderChecklist.
   */
  extraSections?: readonly string[];
}

/** Places a leaked key may also live that no API here can reach: always on the checklist. */
export const HUMAN_CHECKLIST_ITEMS: readonly ChecklistItem[] = [
  {
    id: 'ci-stores',
    text: 'Other CI/CD stores: Jenkins credentials, GitLab CI variables, CircleCI contexts',
  },
  {
    id: 'cloud-secret-managers',
    text: 'Cloud secret managers: AWS Secrets Manager, GCP Secret Manager, Azure Key Vault, HashiCorp Vault',
  },
  { id: 'manifests', text: 'Dockerfiles, Kubernetes manifests and Kubernetes Secrets that embed the key' },
  {
    id: 'restart-deployments',
    text: 'Running containers and deployments that cached the old key: restart them so they read the new one',
  },
  { id: 'integrations', text: 'OAuth app grants and third-party integrations given this key' },
  {
    id: 'max-key-age',
    text: 'Enable automatic rotation (`max-key-age` in `.keyguard.yml`) so the next key does not live forever',
  },
  {
    id: 'purge-history',
    text: 'Purge the key from git history (git filter-repo or BFG), then force-push and ask collaborators to re-clone',
  },
];

/** The checklist's texts (kept for callers that list them). */
export const HUMAN_CHECKLIST: readonly string[] = HUMAN_CHECKLIST_ITEMS.map((i) => i.text);

export function incidentTitle(providerName: string, redacted: string): string {
  return `Leaked ${providerName} key ${redacted}`;
}

function locationLink(loc: JournalLocation, repo?: RepoContext): string {
  const label = forMarkdownCode(`${loc.file}:${loc.line}`, { table: false });
  const sha = loc.commit ?? repo?.sha;
  if (!repo || !sha || !/^[0-9a-f]{7,64}$/i.test(sha)) return label;
  const path = loc.file.split('/').map(encodeURIComponent).join('/');
  // encodeURIComponent keeps `(`, `)` and `'`: forMarkdownUrl encodes them, so the link cannot end early.
  const url = forMarkdownUrl(`${repo.serverUrl}/${repo.owner}/${repo.repo}/blob/${sha}/${path}#L${loc.line}`);
  return url ? `[${label}](${url})` : label;
}

function commitLink(sha: string, repo?: RepoContext): string {
  const short = forMarkdownCode(sha.slice(0, 7), { table: false });
  // The journal is read back from an issue: only a hex SHA becomes a link.
  if (!repo || !/^[0-9a-f]{7,64}$/i.test(sha)) return short;
  return `[${short}](${repo.serverUrl}/${repo.owner}/${repo.repo}/commit/${sha})`;
}

/** Converts a Finding into the location the journal keeps. */
export function locationOf(f: Finding): JournalLocation {
  return {
    file: f.file,
    line: f.line,
    ruleId: f.ruleId,
    commit: f.commit?.sha,
    author: f.commit?.author,
    date: f.commit?.date,
  };
}

const STATUS_TEXT: Record<Journal['status'], string> = {
  planned: '🟡 planned',
  'in-progress': '🟡 rotation in progress',
  failed: '🔴 a step failed: re-run the rotation to finish it',
  rotated: '🟢 rotated: replacement stored and live, leaked key revoked',
  contained: '🟠 contained: leaked key revoked, replacement needs a human',
  'still-live': '🔴 STILL LIVE: the leaked key could not be disabled by API',
};

export function renderIncident(input: IncidentRenderInput): string {
  const j = input.journal;
  const out: string[] = [];
  const providerName = input.providerName ?? j.provider;
  out.push(`## ${forMarkdown(incidentTitle(providerName, j.redacted))}`, '');
  out.push(`**Status:** ${STATUS_TEXT[j.status]}`, '');
  out.push('| | |', '|---|---|');
  out.push(`| Key | ${forMarkdownCode(j.redacted)} |`);
  out.push(`| Provider | ${forMarkdown(providerName)} |`);
  out.push(`| Fingerprint | ${forMarkdownCode(j.fingerprint)} |`);
  out.push(`| Mode | ${forMarkdown(`${j.mode}${j.strategy ? ` (${j.strategy})` : ''}`)} |`);
  if (j.leakedRef) out.push(`| Provider key id | ${forMarkdownCode(j.leakedRef.id)} |`);
  if (j.leakedState) out.push(`| Leaked key is now | **${forMarkdown(j.leakedState)}** |`);
  if (j.replacement)
    out.push(
      `| Replacement | ${forMarkdownCode(j.replacement.redacted)} (id ${forMarkdownCode(j.replacement.ref.id)}, ${forMarkdown(j.replacement.source)}) |`,
    );
  out.push('');

  const locations = [...j.locations];
  if (
    input.finding &&
    !locations.some((l) => l.file === input.finding?.file && l.line === input.finding.line)
  )
    locations.unshift(locationOf(input.finding));
  out.push('### Where it was found', '');
  if (locations.length === 0) out.push('_No location recorded (scheduled rotation or manual request)._');
  for (const loc of locations) {
    const intro = loc.commit
      ? ` — introduced in ${commitLink(loc.commit, input.repo)}${loc.author ? ` by ${forMarkdown(loc.author)}` : ''}${loc.date ? ` on ${forMarkdown(loc.date)}` : ''}`
      : '';
    out.push(
      `- ${locationLink(loc, input.repo)}${loc.ruleId ? ` (rule ${forMarkdownCode(loc.ruleId, { table: false })})` : ''}${intro}`,
    );
  }
  out.push('');

  const detected = j.detectedVerification ?? input.finding?.verification;
  const evidence = [detected, j.leakedVerification, j.replacementVerification].filter((v) => v !== undefined);
  if (evidence.length > 0) {
    out.push('### Verification evidence', '');
    if (detected) out.push(`- At detection: ${describeVerification(detected)}`);
    if (j.leakedVerification)
      out.push(`- Leaked key, last check: ${describeVerification(j.leakedVerification)}`);
    if (j.replacementVerification)
      out.push(`- Replacement: ${describeVerification(j.replacementVerification)}`);
    out.push('');
  }

  if (input.targets && input.targets.length > 0) {
    out.push('### Secrets', '');
    for (const t of input.targets) {
      const done = j.targetsDone.includes(targetId(t));
      out.push(
        `- [${done ? 'x' : ' '}] ${forMarkdown(describeTarget(t))}${done ? ' holds the replacement' : ''}`,
      );
    }
    out.push('');
  }

  if ((input.stores && input.stores.length > 0) || j.storeNotes?.length) {
    out.push('### Stores', '');
    for (const st of input.stores ?? []) {
      const done = j.targetsDone.includes(st.id);
      out.push(`- [${done ? 'x' : ' '}] ${forMarkdown(st.label)}${done ? ' holds the replacement' : ''}`);
    }
    for (const n of j.storeNotes ?? []) out.push(`- ${forMarkdown(n)}`);
    out.push('');
  }

  out.push('### Timeline', '');
  if (j.steps.length === 0) out.push('_Nothing done yet._');
  for (const s of j.steps) {
    const extra = s.error ? ` — ${forMarkdown(s.error)}` : s.detail ? ` — ${forMarkdown(s.detail)}` : '';
    out.push(
      `- ${forMarkdownCode(s.at, { table: false })} **${forMarkdown(s.step)}** ${forMarkdown(s.status)} (run ${forMarkdown(s.runId)})${extra}`,
    );
  }
  if (j.orphans.length > 0) {
    out.push('');
    for (const o of j.orphans)
      out.push(
        `- orphaned replacement ${forMarkdownCode(o.ref.id, { table: false })} from an interrupted run ${o.deleted ? 'was deleted' : 'could NOT be deleted: delete it by hand'}`,
      );
  }
  out.push('');

  if (j.policy) {
    out.push('### Policy of the new key', '');
    out.push(`- Name: ${forMarkdownCode(j.policy.name, { table: false })}`);
    for (const e of j.policy.enforced) out.push(`- Enforced: ${forMarkdown(e)}`);
    for (const n of j.policy.notEnforced)
      out.push(`- **Not enforced by the provider (do it by hand):** ${forMarkdown(n)}`);
    out.push('');
  }

  out.push(...renderCompanions(input.finding?.companions, input.repo));
  for (const section of input.extraSections ?? []) out.push(section.trim(), '');

  out.push('### What still needs a human', '');
  out.push(
    ...renderChecklist(
      [...itemsFromText('manual', j.manual), ...HUMAN_CHECKLIST_ITEMS],
      input.ticked ?? new Set(),
    ),
  );
  out.push('');

  if (input.auditMarkdown) out.push('### Audit', '', input.auditMarkdown.trim(), '');

  out.push(
    '_Managed by keyguard: this body is re-rendered from the journal below on every run. Tick the checklist here: keyguard keeps the ticks; other edits are overwritten._',
    '',
    serializeJournal(j, input.seal),
  );
  return out.join('\n');
}

function describeVerification(v: {
  status: string;
  endpoint: string;
  httpStatus?: number;
  errorCode?: string;
  detail: string;
  checkedAt: string;
}): string {
  const http = v.httpStatus ? ` → ${forMarkdown(v.httpStatus)}` : '';
  const code = v.errorCode ? ` ${forMarkdownCode(v.errorCode, { table: false })}` : '';
  return `**${forMarkdown(v.status)}** (${forMarkdownCode(v.endpoint, { table: false })}${http}${code}, ${forMarkdown(v.checkedAt)}): ${forMarkdown(v.detail)}`;
}
