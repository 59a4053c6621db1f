/**
 * `--verify --fail-on live` passes keys whose verdict is unknown (the provider could not be reached):
 * the CLI says how many, so a green run is not read as "no key is live". Through dist/cli.js, against a
 * loopback port nothing listens on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyGen } from '../helpers/keygen.js';
import { runCli } from './harness.js';

const key = new KeyGen(2020).openaiProject();
let dir: string;
let closedPort: number;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kg-unknown-'));
  writeFileSync(join(dir, 'app.env'), `OPENAI_API_KEY=${key}\n`);
  // A port that was just free: connecting to it is refused at once.
  closedPort = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scanArgs = (failOn: string) => [
  'scan',
  dir,
  '--verify',
  '--fail-on',
  failOn,
  '--no-color',
  '--openai-base-url',
  `http://127.0.0.1:${closedPort}/v1`,
];

describe('keyguard scan --verify --fail-on live with an unknown verdict', () => {
  it('passes and says how many keys were unknown', async () => {
    const res = await runCli(scanArgs('live'));
    expect([
      res.code,
      /--fail-on live: 1 key could not be confirmed live or revoked/.test(res.stderr),
    ]).toEqual([0, true]);
  });

  it('says nothing of it under --fail-on any, which fails on the key anyway', async () => {
    const res = await runCli(scanArgs('any'));
    expect([res.code, res.stderr.includes('could not be confirmed')]).toEqual([1, false]);
  });
});
