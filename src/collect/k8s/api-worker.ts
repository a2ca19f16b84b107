import { parentPort, workerData } from 'node:worker_threads';
import { type ApiResult, readApi } from './api.js';
import type { WorkerMessage, WorkerStart } from './worker.js';

// The worker thread's side of src/collect/k8s/worker.ts: load the client (this module's imports), read the
// API, send the result, end. Only the API calls run here; kubectl stays on the main thread, whose exit and
// signal handlers kill its process groups.

const port = parentPort;
if (!port) throw new Error('api-worker runs only as a worker thread');
const { options, source, endsAtEpochMs } = workerData as WorkerStart;
const run = new AbortController();
port.on('message', (m: unknown) => {
  if (m === 'abort') run.abort(new Error('the collection deadline was reached'));
});
const send = (m: WorkerMessage) => port.postMessage(m);
let result: ApiResult;
try {
  result = await readApi(options, source, {
    reached: () => send({ type: 'reached' }),
    progress: (message) => send({ type: 'progress', message }),
  }, run.signal, endsAtEpochMs);
} catch (e) {
  result = { reached: false, status: 'error', reason: `Kubernetes reader failed: ${e instanceof Error ? e.message : String(e)}` };
}
send({ type: 'result', result });
port.close();
