/** Spreads a tree scan's files over worker threads, a few small batches in flight per worker. */
import type { Worker } from 'node:worker_threads';
import type { FileResult } from '../sources/tree.js';
import type { WalkEntry } from '../sources/walk.js';
import { type Batch, type BatchResult, startWorker, type WorkerSetup } from './worker.js';

const BATCH_FILES = 32;
const IN_FLIGHT = 2;

export async function scanInWorkers(
  files: WalkEntry[],
  threads: number,
  setup: Omit<WorkerSetup, 'tag'>,
): Promise<FileResult[]> {
  const batches: Batch[] = [];
  for (let i = 0; i < files.length; i += BATCH_FILES) {
    batches.push({ id: batches.length, files: files.slice(i, i + BATCH_FILES).map((f) => [f.abs, f.rel]) });
  }
  const results: FileResult[] = [];
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      if (batches.length === 0) {
        resolve();
        return;
      }
      const feed = (w: Worker) => {
        if (next < batches.length) w.postMessage(batches[next++]);
      };
      for (let t = 0; t < Math.min(threads, batches.length); t++) {
        const w = startWorker(setup);
        workers.push(w);
        w.on('message', (m: BatchResult) => {
          results.push(...m.results);
          done++;
          if (done === batches.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (done < batches.length) reject(new Error(`scan worker exited early (code ${code})`));
        });
        for (let k = 0; k < IN_FLIGHT; k++) feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
