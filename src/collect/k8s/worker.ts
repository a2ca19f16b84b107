import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { oneLine } from '../format.js';
import type { CollectContext, CollectOptions } from '../types.js';
import type { ApiHooks, ApiResult } from './api.js';
import type { KubeconfigSource } from './kubeconfig.js';

// The Kubernetes client is the biggest module collect loads (tens of MB, half a second of compiling) and it
// is needed for a handful of GETs. Run in a worker thread, it compiles on another core and its memory is
// returned when the thread ends, before redaction and packing reach their peak. kubectl, the fallback, stays on
// the main thread (src/collect/k8s/index.ts), whose exit and signal handlers kill its process groups.

/** What the worker starts with. */
export interface WorkerStart {
  options: CollectOptions;
  source: Exclude<KubeconfigSource, { kind: 'none' }>;
  /** When the source's deadline ends (wall clock: the thread's own performance clock starts elsewhere). */
  endsAtEpochMs: number;
}

/** What the worker sends back. */
export type WorkerMessage =
  | { type: 'reached' }
  | { type: 'progress'; message: string }
  | { type: 'result'; result: ApiResult };

/** The API read in a worker thread; never rejects (a thread that fails is a reader error, and kubectl runs). */
export function readApiInWorker(ctx: CollectContext, source: WorkerStart['source'], hooks: ApiHooks, endsAtEpochMs: number): Promise<ApiResult> {
  // why: the worker file has the extension of this one (.js when built, .ts when run through a TypeScript loader)
  const entry = new URL(`./api-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const workerData: WorkerStart = { options: ctx.options, source, endsAtEpochMs };
  // why: the reader allocates little but V8 would still grow a young generation of tens of MB; keep it small
  const resourceLimits = { maxYoungGenerationSizeMb: 4 };
  let worker: Worker;
  try {
    // why: from TypeScript sources (tests, scripts run through tsx) the thread needs tsx's loader as well
    worker = entry.pathname.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((t) => t.register()).then(() => import(${JSON.stringify(entry.href)}))`, { eval: true, workerData, resourceLimits })
      : new Worker(entry, { workerData, resourceLimits });
  } catch (e) {
    return Promise.resolve({ reached: false, status: 'error', reason: `Kubernetes reader could not start: ${oneLine(e)}` });
  }
  return new Promise<ApiResult>((resolve) => {
    let settled = false;
    const onAbort = () => worker.postMessage('abort');
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const settle = (result: ApiResult) => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve(result);
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'reached') hooks.reached();
      else if (m.type === 'progress') hooks.progress(m.message);
      else settle(m.result);
    });
    worker.on('error', (e) => settle({ reached: false, status: 'error', reason: `Kubernetes reader failed: ${oneLine(e)}` }));
    worker.on('exit', (code) => settle({ reached: false, status: 'error', reason: `Kubernetes reader ended (exit ${code}) before answering` }));
  });
}
