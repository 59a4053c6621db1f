/**
 * Worker threads for tree scans. The bundle is one file per entry, so a worker is started from the same
 * file as the main thread (`new Worker(new URL(import.meta.url))`); when that file is evaluated in a
 * worker, this module starts the scan loop itself and `maybeRunWorker()` tells the entry to stand aside.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Detector, type DetectorOptions } from '../scan/detector.js';
import { type FileResult, scanFiles, type TreeOptions } from '../sources/tree.js';

const TAG = 'keyguard-scan-worker';

/** Only plain data: it crosses the thread boundary. */
export interface WorkerSetup {
  tag: typeof TAG;
  detector: DetectorOptions;
  tree: Pick<TreeOptions, 'chunkSize' | 'maxFileSize'>;
}

export interface Batch {
  id: number;
  files: [abs: string, rel: string][];
}

export interface BatchResult {
  id: number;
  results: FileResult[];
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
  const det = new Detector(setup.detector);
  const port = parentPort;
  port.on('message', async (msg: Batch | 'close') => {
    if (msg === 'close') {
      port.close();
      return;
    }
    const files = msg.files.map(([abs, rel]) => ({ abs, rel }));
    const results: FileResult[] = await scanFiles(files, det, setup.tree);
    port.postMessage({ id: msg.id, results } satisfies BatchResult);
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
  return entryChecks && /\.(c|m)?js$/.test(new URL(import.meta.url).pathname);
}

export function startWorker(setup: Omit<WorkerSetup, 'tag'>): Worker {
  return new Worker(new URL(import.meta.url), { workerData: { ...setup, tag: TAG } satisfies WorkerSetup });
}
