import { execFileSync } from 'node:child_process';
import { E2E_NODE } from './harness.js';

describe('the end-to-end runtime', () => {
  test('is the Node that KEYGUARD_E2E_NODE names, and Node 24 when the node24 run asks for it', () => {
    const version = execFileSync(E2E_NODE, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
    if (process.env.KEYGUARD_E2E_NODE) expect(version).toMatch(/^v24\./);
    else expect(version).toBe(process.version);
  });
});
