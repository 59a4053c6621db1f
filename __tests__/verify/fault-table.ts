/**
 * The verify behaviours every provider adapter must show, as one table run against that provider's
 * emulator: live, revoked, transient faults that clear, faults that do not (always `unknown`), and no
 * whole key in any Verification.
 */

import type { Provider, ProviderSettings } from '../../src/providers/types.js';
import { Secret } from '../../src/scan/secret.js';
import type { EmulatorServer, Fault } from '../emulators/server.js';

/** Tiny retry waits so fault tests stay fast. */
export const FAST: ProviderSettings = { maxRetries: 2, maxRetryDelayMs: 2, timeoutMs: 400 };

export interface VerifyTableSubject {
  name: string;
  server: () => EmulatorServer;
  /** Builds the provider against the emulator (settings merged over FAST). */
  make: (settings: ProviderSettings) => Provider;
  liveKey: () => string;
  deadKey: () => string;
  /** How a dead key is reported (default revoked). */
  deadStatus?: 'revoked';
}

const storm = (fault: Fault, times = 50) => ({ fault, times });

export function describeVerifyTable(s: VerifyTableSubject): void {
  const verify = async (key: string, settings: ProviderSettings = {}) =>
    s.make({ ...FAST, ...settings }).verify(new Secret(key));

  afterEach(() => s.server().clearFaults());

  it(`${s.name}: reports an accepted key as live`, async () => {
    const v = await verify(s.liveKey());
    expect(v.status).toBe('live');
    expect(v.httpStatus).toBe(200);
  });

  it(`${s.name}: reports a rejected key as revoked`, async () => {
    const v = await verify(s.deadKey());
    expect(v.status).toBe('revoked');
  });

  it(`${s.name}: retries a 429 and then reports the key live`, async () => {
    s.server().injectFault({
      fault: {
        kind: 'status',
        status: 429,
        headers: { 'retry-after-ms': '1' },
        body: { error: { message: 'Rate limit exceeded' } },
      },
    });
    const v = await verify(s.liveKey());
    expect(v.status).toBe('live');
  });

  it(`${s.name}: reports a key as unknown when 429s never stop`, async () => {
    s.server().injectFault(
      storm({ kind: 'status', status: 429, body: { error: { message: 'Rate limit exceeded' } } }),
    );
    const v = await verify(s.liveKey());
    expect(v.status).toBe('unknown');
    expect(v.httpStatus).toBe(429);
  });

  it.each([500, 503])(
    `${s.name}: reports a key as unknown when the provider keeps answering %i`,
    async (status) => {
      s.server().injectFault(
        storm({ kind: 'status', status, body: { error: { message: 'upstream failed' } } }),
      );
      const v = await verify(s.deadKey());
      expect(v.status).toBe('unknown');
    },
  );

  it(`${s.name}: retries a single 503 and then answers`, async () => {
    s.server().injectFault({ fault: { kind: 'status', status: 503, body: 'Service Unavailable' } });
    const v = await verify(s.deadKey());
    expect(v.status).toBe('revoked');
  });

  it(`${s.name}: reports a timed-out check as unknown`, async () => {
    s.server().injectFault(storm({ kind: 'timeout' }));
    const v = await verify(s.deadKey(), { timeoutMs: 100, maxRetries: 0 });
    expect(v.status).toBe('unknown');
    expect(v.detail).toMatch(/timed out/);
  });

  it(`${s.name}: reports a dropped connection as unknown`, async () => {
    s.server().injectFault(storm({ kind: 'drop' }));
    const v = await verify(s.deadKey());
    expect(v.status).toBe('unknown');
  });

  it(`${s.name}: reports a 200 with malformed JSON as unknown`, async () => {
    s.server().injectFault(storm({ kind: 'malformed' }));
    const v = await verify(s.liveKey());
    expect(v.status).toBe('unknown');
  });

  it(`${s.name}: reports an unreachable provider as unknown`, async () => {
    const v = await verify(s.liveKey(), { baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
    expect(v.status).toBe('unknown');
  });

  it(`${s.name}: never puts the whole key in a verification`, async () => {
    for (const key of [s.liveKey(), s.deadKey()]) {
      const v = await verify(key);
      expect(JSON.stringify(v)).not.toContain(key);
    }
  });
}
