/**
 * Worker threads of the running executable. The built executable names, at
 * start-up, the entry each worker task has (a small bundle that loads only what
 * the task needs); code running from the sources (tests, the API) has none, and
 * does its work in the calling thread.
 */
let entries: Readonly<Record<string, string>> = {};

/** The worker entries of the running executable, by task. */
export function provideWorkerScripts(byTask: Readonly<Record<string, string>>): void {
  entries = byTask;
}

/** The script a worker thread for `task` runs (`undefined`: the work stays in this thread). */
export function workerScript(task: string): string | undefined {
  return entries[task];
}

/** What a worker thread is started for: `workerData.task` names it, the rest is the task's own. */
export interface WorkerData {
  task: string;
}
