/**
 * Jest setup (every test file): a test fails when an emulator sent an answer outside its provider's
 * API description during it, so no test passes on data the real service would never send.
 */
import { afterEach } from '@jest/globals';
import { takeViolations } from '../emulators/contract.js';

afterEach(() => {
  const found = takeViolations();
  if (found.length) {
    throw new Error(
      `emulator answers outside the official API description (${found.length}):\n- ${found.slice(0, 10).join('\n- ')}`,
    );
  }
});
