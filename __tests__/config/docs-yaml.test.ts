/**
 * Every YAML example in the docs and the README is either a GitHub workflow fragment (or a pre-commit
 * config) or a `.keyguard.yml`
 * that the real loader (the one the CLI and the action share) accepts, with its rotation: and audit:
 * sections. A doc that shows a shape the loader refuses fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
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
const configs = blocks.filter(([, text]) => {
  const doc = parse(text);
  // A list at the top is a fragment of a workflow's `steps:` (a .keyguard.yml is always a mapping).
  if (Array.isArray(doc)) return false;
  // A Kubernetes manifest (the Role in docs/stores.md) is not a .keyguard.yml either.
  if (doc && typeof doc === 'object' && 'apiVersion' in doc && 'kind' in doc) return false;
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
