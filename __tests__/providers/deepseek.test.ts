import { createDeepSeekProvider } from '../../src/providers/deepseek.js';
import { Secret } from '../../src/scan/secret.js';
import { DeepSeekEmulator } from '../emulators/deepseek.js';
import { KeyGen } from '../helpers/keygen.js';
import { describeVerifyTable, FAST } from '../verify/fault-table.js';

const emu = new DeepSeekEmulator();
const gen = new KeyGen(101);
const live = emu.seedKey();
const dead = gen.deepseek();

beforeAll(() => emu.start());
afterAll(() => emu.stop());

describeVerifyTable({
  name: 'deepseek',
  server: () => emu.server,
  make: (s) => createDeepSeekProvider({ baseUrl: emu.baseUrl, ...s }),
  liveKey: () => live,
  deadKey: () => dead,
});

describe('deepseek', () => {
  const provider = () => createDeepSeekProvider({ ...FAST, baseUrl: emu.baseUrl });

  it('checks the balance endpoint first', async () => {
    emu.server.requests.length = 0;
    await provider().verify(new Secret(live));
    expect(emu.server.requests.map((r) => r.path)).toEqual(['/user/balance']);
  });

  it('falls back to /models when the balance endpoint is missing', async () => {
    emu.server.injectFault({
      path: '/user/balance',
      fault: { kind: 'status', status: 404, body: { error: { message: 'not found' } } },
    });
    const v = await provider().verify(new Secret(live));
    expect(v.status).toBe('live');
    expect(v.endpoint).toBe('GET /models');
  });

  it('reports a 402 insufficient balance as live', async () => {
    emu.server.injectFault({
      fault: {
        kind: 'status',
        status: 402,
        body: { error: { message: 'Insufficient Balance', type: 'unknown_error' } },
      },
    });
    const v = await provider().verify(new Secret(live));
    expect(v.status).toBe('live');
    expect(v.detail).toMatch(/no credit/);
  });

  it('keeps the provider error code of a rejected key', async () => {
    const v = await provider().verify(new Secret(dead));
    expect(v.errorCode).toBe('invalid_request_error');
    expect(v.detail).toContain('Authentication Fails');
  });

  it('says plainly that DeepSeek has no key-management API', () => {
    const p = provider();
    expect(p.capabilities).toEqual({
      verify: true,
      locate: false,
      create: false,
      disable: false,
      usage: false,
    });
    expect(p.limitations.join(' ')).toMatch(/No key-management API/);
    expect(p.disable).toBeUndefined();
  });
});
