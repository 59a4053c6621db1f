/**
 * Worker threads for tree scans. The bundle embeds a small worker script of its own (worker-entry.ts,
 * built first by scripts/bundle.mjs and injected as `__KEYGUARD_WORKER_CODE__`), started with
 * `eval: true`: a worker then loads ~60 KB instead of the whole CLI, and dist/ stays one file per entry.
 * Without it (a bundle built some other way) a worker is started from the same file as the main thread
 * (`new Worker(new URL(import.meta.url))`); when that file is evaluated in a worker, this module starts
 * the scan loop itself and `maybeRunWorker()` tells the entry to stand aside.
 *
 * Work sharing: every thread gets the whole file list once and claims the next few files from one
 * shared counter (`Atomics.add` on a SharedArrayBuffer), the main thread included. No per-batch message
 * round trips, no idle thread waiting for the main thread's event loop, and a thread stuck on one huge
 * file simply claims less.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Detector, type DetectorOptions } from '../scan/detector.js';
import { ReadBuffer } from '../sources/searcher.js';
import { type FileResult, scanTreeFileSync, type TreeOptions } from '../sources/tree.js';

const TAG = 'keyguard-scan-worker';

/** The worker script (CommonJS), defined by scripts/bundle.mjs; undeclared in sources and under jest. */
declare const __KEYGUARD_WORKER_CODE__: string | undefined;

function embeddedWorkerCode(): string | undefined {
  return typeof __KEYGUARD_WORKER_CODE__ === 'string' ? __KEYGUARD_WORKER_CODE__ : undefined;
}

/** Only plain data: it crosses the thread boundary. */
export interface WorkerSetup {
  tag: typeof TAG;
  detector: DetectorOptions;
  tree: Pick<TreeOptions, 'chunkSize' | 'maxFileSize'>;
}

/** The job, sent once the walk is done: all files, and the shared claim counter. */
export interface Job {
  files: [abs: string, rel: string][];
  /** Int32Array over a SharedArrayBuffer: [0] = next unclaimed file index. */
  counter: SharedArrayBuffer;
  /** Files claimed per `Atomics.add`. */
  claim: number;
  /** Also return [file index, bytes] of every file scanned clean (for the scan cache). */
  recordClean?: boolean;
}

/** What a thread scanned: totals for all its files, full results only for files with something in them. */
export interface JobResult {
  files: number;
  bytes: number;
  /** [file index, result] for files with hits, warnings or suppressed keys. */
  results: [number, FileResult][];
  /** With `recordClean`: [file index, bytes] of the files scanned with nothing in them. */
  clean?: [number, number][];
}

/**
 * Claims files from the shared counter until none are left and scans them. Used by workers and by the
 * main thread alike.
 */
export function runJob(job: Job, det: Detector, tree: WorkerSetup['tree']): JobResult {
  const counter = new Int32Array(job.counter);
  const out: JobResult = { files: 0, bytes: 0, results: [] };
  const scratch = new ReadBuffer();
  const n = job.files.length;
  for (;;) {
    const start = Atomics.add(counter, 0, job.claim);
    if (start >= n) break;
    const end = Math.min(n, start + job.claim);
    for (let i = start; i < end; i++) {
      const [abs, rel] = job.files[i]!;
      const r = scanTreeFileSync(abs, rel, det, tree, scratch);
      out.bytes += r.bytes;
      if (r.scanned) out.files++;
      if (r.hits.length || r.warnings.length || r.suppressed) out.results.push([i, r]);
      else if (job.recordClean && r.scanned) {
        out.clean ??= [];
        out.clean.push([i, r.bytes]);
      }
    }
  }
  return out;
}

function isOurWorker(): boolean {
  return !isMainThread && (workerData as WorkerSetup | undefined)?.tag === TAG;
}

let started = false;
/**
 * Set when the entry called `maybeRunWorker()` on the main thread: only then is it safe to start the
 * entry file again as a worker (an entry that never checks would run its whole program twice).
 */
let entryChecks = false;

function startWorkerLoop(): void {
  if (started || !parentPort) return;
  started = true;
  const setup = workerData as WorkerSetup;
  // Compiled while the main thread is still walking the tree.
  const det = new Detector(setup.detector);
  const port = parentPort;
  port.on('message', (msg: Job | 'close') => {
    if (msg === 'close') {
      port.close();
      return;
    }
    port.postMessage(runJob(msg, det, setup.tree) satisfies JobResult);
  });
}

/**
 * Entry files call this first: true when this thread is a keyguard scan worker (it has taken over and the
 * entry must do nothing else).
 */
export function maybeRunWorker(): boolean {
  if (!isOurWorker()) {
    entryChecks = true;
    return false;
  }
  startWorkerLoop();
  return true;
}

// Self-start on evaluation, so the worker runs even from an entry that forgot to ask.
if (isOurWorker()) startWorkerLoop();

/**
 * Worker threads only from built JavaScript (the bundle) whose entry calls `maybeRunWorker()`;
 * TypeScript sources under jest scan in-process.
 */
export function workersAvailable(): boolean {
  if (embeddedWorkerCode() !== undefined) return true;
  return entryChecks && /\.(c|m)?js$/.test(new URL(import.meta.url).pathname);
}

export function startWorker(setup: Omit<WorkerSetup, 'tag'>): Worker {
  const workerData = { ...setup, tag: TAG } satisfies WorkerSetup;
  const code = embeddedWorkerCode();
  if (code !== undefined) return new Worker(code, { eval: true, workerData });
  return new Worker(new URL(import.meta.url), { workerData });
}
