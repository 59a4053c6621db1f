/**
 * Jest setup (every test file): a test fails when an emulator sent an answer outside its provider's
 * API description during it, so no test passes on data the real service would never send.
 */
import { appendFileSync } from 'node:fs';
import { afterAll, afterEach } from '@jest/globals';
import { takeStats, takeViolations } from '../emulators/contract.js';

afterEach(() => {
  const found = takeViolations();
  if (found.length) {
    throw new Error(
      `emulator answers outside the official API description (${found.length}):\n- ${found.slice(0, 10).join('\n- ')}`,
    );
  }
});

// With KEYGUARD_CONTRACT_STATS=<file>, each test file appends what the contracts checked (one JSON
// line): `node scripts/contract-stats.mjs <file>` sums them (how many requests and answers the suite
// validated, which operations keyguard used).
afterAll(() => {
  const file = process.env.KEYGUARD_CONTRACT_STATS;
  const s = takeStats();
  if (file && (s.requests || s.responses)) appendFileSync(file, `${JSON.stringify(s)}\n`);
});
