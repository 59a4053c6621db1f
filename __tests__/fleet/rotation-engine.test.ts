/**
 * `fleet sweep --rotate` loads the rotation engine only when asked: from the sources, the module itself;
 * from the bundle, dist/fleet-rotate.js (dist/cli.js carries none of it: see __tests__/dist.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { rotationEngine } from '../../src/cli/commands/fleet-sweep.js';

describe('the fleet rotation engine', () => {
  it('is loaded from the sources when the CLI runs from them', async () => {
    expect(typeof (await rotationEngine()).rotateFleetKeys).toBe('function');
  });

  it('is a bundle of its own, beside the CLI, which stays without libsodium', () => {
    expect(readFileSync('dist/fleet-rotate.js', 'utf8')).toMatch(/rotateFleetKeys/);
    expect(readFileSync('dist/cli.js', 'utf8')).not.toMatch(/libsodium/);
  });
});
