import { workerData } from 'node:worker_threads';
import { ROUND_TRIP_TASK } from './generate/round-trip';
import type { WorkerData } from './util/threads';

/**
 * What every worker thread runs (`dist/worker.js`): `workerData.task` names
 * what the thread is for; each task's module is loaded only in its own threads.
 */
const tasks: Record<string, () => (data: WorkerData) => void> = {
  /** generate's round trip: hcl2json parses the rendered modules (src/generate/round-trip.ts). */
  [ROUND_TRIP_TASK]: () => (require('./generate/round-trip-thread') as typeof import('./generate/round-trip-thread')).serveRoundTrips,
};

export function startWorker(): void {
  const data = workerData as WorkerData;
  const task = tasks[data.task];
  if (task === undefined) throw new Error(`unknown worker task "${data.task}"`);
  task()(data);
}
