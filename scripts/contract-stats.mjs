#!/usr/bin/env node
/**
 * Sums the per-test-file counts the jest setup writes with KEYGUARD_CONTRACT_STATS=<file>:
 *   KEYGUARD_CONTRACT_STATS=/tmp/stats.jsonl npm run jest && node scripts/contract-stats.mjs /tmp/stats.jsonl
 * Prints how many requests and answers the emulators checked against the API descriptions, how many
 * requests they refused, and the distinct operations used (those keyguard sent marked "(keyguard)").
 */
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/contract-stats.mjs <stats.jsonl>');
  process.exit(2);
}
const total = { requests: 0, refused: 0, responses: 0 };
const ops = new Set();
const refusals = new Set();
const counts = {};
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const s = JSON.parse(line);
  total.requests += s.requests;
  total.refused += s.refused;
  total.responses += s.responses;
  for (const o of s.operations) ops.add(o);
  for (const r of s.keyguardRefusals ?? []) refusals.add(r);
  for (const [name, c] of Object.entries(s.byContract ?? {})) {
    counts[name] ??= { requests: 0, refused: 0, responses: 0 };
    const t = counts[name];
    t.requests += c.requests;
    t.refused += c.refused;
    t.responses += c.responses;
  }
}
const byContract = new Map();
for (const o of ops) {
  const [name, ...rest] = o.split(' ');
  const keyguard = o.endsWith('(keyguard)');
  const op = rest.join(' ').replace(/ \(keyguard\)$/, '');
  const entry = byContract.get(name) ?? { all: new Set(), keyguard: new Set() };
  entry.all.add(op);
  if (keyguard) entry.keyguard.add(op);
  byContract.set(name, entry);
}
console.log(
  `requests checked: ${total.requests} (refused: ${total.refused}); answers checked: ${total.responses}`,
);
for (const [name, e] of [...byContract].sort()) {
  const c = counts[name] ?? { requests: 0, refused: 0, responses: 0 };
  console.log(
    `${name}: ${c.requests} requests checked (${c.refused} refused), ${c.responses} answers checked; ` +
      `${e.all.size} operations exercised, ${e.keyguard.size} by keyguard's clients`,
  );
  for (const op of [...e.keyguard].sort()) console.log(`  keyguard: ${op}`);
}
console.log(`requests keyguard sent that a description refused: ${refusals.size}`);
for (const r of [...refusals].sort()) console.log(`  ${r}`);
