// Keeps README.md in step with action.yml and examples/workflows/: rewrites the parts between markers.
//   node scripts/gen-docs.mjs          rewrite README.md
//   node scripts/gen-docs.mjs --check  exit 1 when README.md is stale (a test runs this)
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const action = parse(readFileSync('action.yml', 'utf8'));
const cell = (s) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();

const inputs = [
  '| Input | Default | Description |',
  '| --- | --- | --- |',
  ...Object.entries(action.inputs).map(
    ([name, i]) =>
      `| \`${name}\` | ${i.default === '' ? '' : `\`${cell(i.default)}\``} | ${cell(i.description)} |`,
  ),
].join('\n');
const outputs = [
  '| Output | Description |',
  '| --- | --- |',
  ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`),
].join('\n');

function replaceBetween(text, name, body) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} markers`);
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

const readme = readFileSync('README.md', 'utf8');
let next = replaceBetween(readme, 'inputs', inputs);
next = replaceBetween(next, 'outputs', outputs);
for (const example of ['pr-check', 'nightly-sweep', 'rotate-dispatch']) {
  const yml = readFileSync(`examples/workflows/${example}.yml`, 'utf8').trimEnd();
  next = replaceBetween(next, `example:${example}`, `\`\`\`yaml\n${yml}\n\`\`\``);
}
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md is stale: run node scripts/gen-docs.mjs');
    process.exit(1);
  }
} else if (next !== readme) {
  writeFileSync('README.md', next);
}
