/**
 * Spreads a tree scan over threads: `threads - 1` workers plus the main thread, all claiming files from
 * one shared counter (see worker.ts). Workers are started BEFORE the walk so their start-up (loading the
 * bundle, compiling the rules) overlaps it; the main thread, which would otherwise sit idle waiting for
 * results, scans too. On 2 cores that is 2 busy threads, not 3 competing ones.
 */
import type { Worker } from 'node:worker_threads';
import type { Detector } from '../scan/detector.js';
import type { FileResult } from '../sources/tree.js';
import type { WalkEntry } from '../sources/walk.js';
import { type Job, type JobResult, runJob, startWorker, type WorkerSetup } from './worker.js';

/** Files claimed at a time: small enough to balance, large enough that the counter is not contended. */
const CLAIM = 4;

/** A tree scan's outcome: totals over all files, and the results with something in them, in file order. */
export interface TreeScan {
  files: number;
  bytes: number;
  results: FileResult[];
  /** Files scanned by each thread (this thread first when it took part): how evenly work was shared. */
  perThread: number[];
  /** With `recordClean`: [file index, bytes] of every file scanned with nothing in it. */
  clean?: [number, number][];
  /** The file index of each of `results`. */
  resultIndex?: number[];
}

export interface PoolOptions {
  /** This thread claims files too (default true); false leaves all scanning to `threads` workers. */
  mainScans?: boolean;
}

export interface Pool {
  /** Scans the files on all threads (this one included). */
  scan(files: WalkEntry[], det: Detector, recordClean?: boolean): Promise<TreeScan>;
  close(): Promise<void>;
}

/** Starts `threads - 1` workers now (`threads` without `mainScans`); call `scan` once the files are known. */
export function startPool(threads: number, setup: Omit<WorkerSetup, 'tag'>, opts: PoolOptions = {}): Pool {
  const mainScans = opts.mainScans ?? true;
  const workers: Worker[] = [];
  for (let t = mainScans ? 1 : 0; t < threads; t++) workers.push(startWorker(setup));
  // An error before `scan` (a worker that cannot start) is kept and raised by `scan`.
  let early: Error | undefined;
  const onEarly = (e: Error) => {
    early ??= e;
  };
  for (const w of workers) w.on('error', onEarly);

  return {
    async scan(files, det, recordClean = false) {
      if (early) throw early;
      const job: Job = {
        files: files.map((f) => [f.abs, f.rel]),
        counter: new SharedArrayBuffer(4),
        claim: CLAIM,
        recordClean,
      };
      const pending = workers.map(
        (w) =>
          new Promise<JobResult>((resolve, reject) => {
            w.off('error', onEarly);
            w.once('message', resolve);
            w.once('error', reject);
            w.once('exit', (code) => reject(new Error(`scan worker exited early (code ${code})`)));
            w.postMessage(job);
          }),
      );
      // Settle-all keeps a failing worker from becoming an unhandled rejection while this thread scans.
      const settled = Promise.allSettled(pending);
      const all = mainScans ? [runJob(job, det, setup.tree)] : [];
      for (const o of await settled) {
        if (o.status === 'rejected') throw o.reason;
        all.push(o.value);
      }
      const indexed: [number, FileResult][] = [];
      const out: TreeScan = { files: 0, bytes: 0, results: [], perThread: [] };
      for (const r of all) {
        out.perThread.push(r.files);
        out.files += r.files;
        out.bytes += r.bytes;
        indexed.push(...r.results);
        if (r.clean) out.clean = [...(out.clean ?? []), ...r.clean];
      }
      indexed.sort((x, y) => x[0] - y[0]);
      out.results = indexed.map(([, r]) => r);
      out.resultIndex = indexed.map(([i]) => i);
      return out;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
