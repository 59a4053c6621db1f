#!/usr/bin/env node
// The floor under any Node tree scanner on this machine: walk the tree and read every file the way
// keyguard does (readdir with file types, then open + fstat + read + close per file, the same number of
// threads sharing one work counter), with no detection at all. `npm run bench` times it next to keyguard
// and ripgrep, so the distance between keyguard and ripgrep splits into what Node costs and what scanning
// costs.
//   node bench/io-floor.mjs DIR [THREADS]
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

function readAll(files, counter) {
  const claims = new Int32Array(counter);
  const buf = Buffer.allocUnsafe(1 << 20);
  let bytes = 0;
  for (;;) {
    const start = Atomics.add(claims, 0, 4);
    if (start >= files.length) break;
    for (let i = start; i < Math.min(files.length, start + 4); i++) {
      const fd = openSync(files[i], constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      // Like keyguard: the size from fstat, then reads until that many bytes (one read for most files).
      const size = fstatSync(fd).size;
      let pos = 0;
      while (pos < size) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
        if (n === 0) break;
        pos += n;
      }
      bytes += pos;
      closeSync(fd);
    }
  }
  return bytes;
}

if (!isMainThread) {
  parentPort.once('message', (counter) => parentPort.postMessage(readAll(workerData, counter)));
} else {
  const root = process.argv[2];
  const threads = Number(process.argv[3] ?? 2);
  const files = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop();
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      if (e.isDirectory()) stack.push(`${dir}/${e.name}`);
      else if (e.isFile()) files.push(`${dir}/${e.name}`);
    }
  }
  const counter = new SharedArrayBuffer(4);
  const workers = Array.from(
    { length: threads - 1 },
    () => new Worker(new URL(import.meta.url), { workerData: files }),
  );
  const done = workers.map((w) => new Promise((resolve) => w.once('message', resolve)));
  for (const w of workers) w.postMessage(counter);
  let bytes = readAll(files, counter);
  for (const b of await Promise.all(done)) bytes += b;
  await Promise.all(workers.map((w) => w.terminate()));
  console.log(`${files.length} files, ${bytes} bytes`);
}
