import { workerData } from 'node:worker_threads';
import type { WorkerData } from './util/threads';

/**
 * What every worker thread runs (`dist/worker.js`): `workerData.task` names
 * what the thread is for; each task's module is loaded only in its own threads.
 */
const tasks: Record<string, () => (data: WorkerData) => void> = {};

export function startWorker(): void {
  const data = workerData as WorkerData;
  const task = tasks[data.task];
  if (task === undefined) throw new Error(`unknown worker task "${data.task}"`);
  task()(data);
}
