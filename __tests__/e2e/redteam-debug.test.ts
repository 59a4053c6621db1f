import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeyGen } from '../helpers/keygen.js';
import { runAction, tempRepos } from './harness.js';

const gen = new KeyGen(1);
const repo = tempRepos();
it('debug', async () => {
  for (const mode of ['hang']) {
    const seen: number[] = [];
    const t0 = Date.now();
    const server = createServer((req, res) => {
      seen.push(Date.now() - t0);
      req.resume();
      if (mode === 'fast401') {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"bad"}}');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const r = repo();
    const sha = r.commit(
      'add',
      Object.fromEntries(
        Array.from({ length: 12 }, (_, i) => [`k${i}.txt`, `OPENAI_API_KEY=${gen.openaiProject()}\n`]),
      ),
    );
    const res = await runAction({
      workspace: r.dir,
      eventName: 'schedule',
      sha,
      inputs: { verify: 'true', 'openai-base-url': `${url}/v1` },
      timeoutMs: 390000,
    });
    console.log(
      mode,
      Date.now() - t0,
      'ms; requests at',
      seen,
      '\n',
      res.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask') && !l.includes('ghadelim'))
        .slice(0, 15)
        .join('\n'),
    );
    server.closeAllConnections();
    server.close();
  }
}, 400000);
