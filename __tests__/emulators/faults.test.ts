/**
 * Fault injection in the emulators says what it does: a rule for no request is refused (it used to
 * be a silent no-op, so a test that "cleared" an AWS fault by adding one kept the first fault), and a
 * fault can pick one operation of a protocol that sends every operation to the same path.
 */
import { SecretsManagerEmulator } from './aws-secrets-manager.js';
import { EmulatorServer } from './server.js';

let server: EmulatorServer;

beforeEach(async () => {
  server = new EmulatorServer('faults');
  server.route('POST', '/store', () => ({ status: 200, body: { ok: true } }));
  await server.start();
});
afterEach(() => server.stop());

const post = (op: string) =>
  fetch(`${server.baseUrl}/store`, { method: 'POST', body: JSON.stringify({ op }) }).then((r) => r.status);

describe('emulator fault rules', () => {
  it.each([0, -1, 1.5])('refuses a rule for %p requests', (times) => {
    expect(() => server.injectFault({ times, fault: { kind: 'status', status: 503 } })).toThrow(
      /times must be a whole number >= 1/,
    );
  });

  it('refuses an AWS Secrets Manager fault for no call (clearFaults clears)', () => {
    const aws = new SecretsManagerEmulator();
    expect(() => aws.injectFault({ kind: 'internal' }, { op: 'PutSecretValue', times: 0 })).toThrow(
      /use clearFaults/,
    );
  });

  it('fails only the requests whose body matches, whatever their place in the sequence', async () => {
    server.injectFault({
      path: '/store',
      body: /"op":"put"/,
      times: 2,
      fault: { kind: 'status', status: 503 },
    });
    expect([
      await post('holds'),
      await post('put'),
      await post('retire'),
      await post('put'),
      await post('put'),
    ]).toEqual([200, 503, 200, 503, 200]);
  });
});
