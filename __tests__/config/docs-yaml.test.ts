/**
 * Every YAML example in the docs and the README is either a GitHub workflow fragment (or a pre-commit
 * config) or a `.keyguard.yml`
 * that the real loader (the one the CLI and the action share) accepts, with its rotation: and audit:
 * sections. A doc that shows a shape the loader refuses fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseConfig } from '../../src/config/load.js';

/** Top-level keys that only a workflow (or a workflow fragment) has. */
const WORKFLOW_KEYS = new Set([
  'name',
  'on',
  'jobs',
  'permissions',
  'concurrency',
  'env',
  'steps',
  'uses',
  'runs',
  // .pre-commit-config.yaml
  'repos',
]);

function yamlBlocks(): [string, string][] {
  const files = [
    ...readdirSync('docs')
      .filter((f) => f.endsWith('.md'))
      .map((f) => join('docs', f)),
    'README.md',
  ];
  const out: [string, string][] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
      const line = text.slice(0, m.index).split('\n').length;
      out.push([`${file}:${line}`, m[1]!]);
    }
  }
  return out;
}

const blocks = yamlBlocks();
const isManifest = (doc: unknown) => !!doc && typeof doc === 'object' && 'apiVersion' in doc && 'kind' in doc;
const configs = blocks.filter(([where, text]) => {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw new Error(`${where}: empty YAML block`);
  const all = docs.map((d) => {
    if (d.errors.length) throw new Error(`${where}: ${d.errors[0]!.message}`);
    return d.toJS();
  });
  // Several documents in one block: Kubernetes manifests (a Role and its RoleBinding), never a .keyguard.yml.
  if (all.length > 1) {
    if (!all.every(isManifest))
      throw new Error(`${where}: several YAML documents that are not all manifests`);
    return false;
  }
  const doc = all[0];
  // A list at the top is a fragment of a workflow's `steps:` (a .keyguard.yml is always a mapping).
  if (Array.isArray(doc)) return false;
  // A Kubernetes manifest (the Role in docs/stores.md) is not a .keyguard.yml either.
  if (isManifest(doc)) return false;
  return !(doc && typeof doc === 'object' && Object.keys(doc).some((k) => WORKFLOW_KEYS.has(k)));
});

describe('the YAML examples in docs/*.md and README.md', () => {
  it('include the configuration examples of docs/config.md, docs/rules.md and docs/rotation.md', () => {
    const where = configs.map(([w]) => w.split(':')[0]);
    expect(where).toEqual(expect.arrayContaining(['docs/config.md', 'docs/rules.md', 'docs/rotation.md']));
  });

  it.each(configs)('%s is a .keyguard.yml the loader accepts', (where, text) => {
    expect(() => parseConfig(text, where)).not.toThrow();
  });
});
