#!/usr/bin/env node
/**
 * `node scripts/release-notes.mjs vX.Y.Z [--root DIR]`: the release workflow's gate and notes. Checks that
 * the tag is a plain `vX.Y.Z`, that package.json says version X.Y.Z, and that CHANGELOG.md has a non-empty
 * `## [X.Y.Z]` section; prints that section's body (the release notes) on stdout. Any failure: exit 1 with
 * a one-line `keyguard release:` reason on stderr, so nothing is released from a tag the files disagree with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The body of `## [version]` (up to the next `## ` heading), without link definitions; '' when absent. */
function changelogSection(changelog, version) {
  const lines = changelog.split(/\r?\n/);
  const heading = new RegExp(`^## \\[${version.replaceAll('.', '\\.')}\\](\\s|$)`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return '';
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^## /.test(line));
  return (end < 0 ? rest : rest.slice(0, end))
    .filter((line) => !/^\[[^\]]+\]:\s/.test(line))
    .join('\n')
    .trim();
}

function fail(message) {
  process.stderr.write(`keyguard release: ${message}\n`);
  process.exit(1);
}

function main(argv) {
  const tag = argv[0] ?? '';
  const rootIndex = argv.indexOf('--root');
  const root = rootIndex > 0 ? argv[rootIndex + 1] : process.cwd();
  // Printed only after it is known to be plain: a tag name is outside input.
  if (!/^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(tag)) fail('the tag must be vMAJOR.MINOR.PATCH');
  const version = tag.slice(1);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (pkg.version !== version) fail(`tag ${tag} but package.json says version ${String(pkg.version)}`);
  const notes = changelogSection(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version);
  if (notes === '') fail(`CHANGELOG.md has no entries under "## [${version}]"`);
  process.stdout.write(`${notes}\n`);
}

main(process.argv.slice(2));
