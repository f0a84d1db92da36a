/**
 * Worker threads of the running executable. The built executable names its
 * worker entry (`dist/worker.js`) at start-up, and the entries of its own that
 * some tasks have (a small bundle that loads only what the task needs, ready
 * sooner); code running from the sources (tests, the API) has none, and does
 * its work in the calling thread.
 */
let script: string | undefined;
let dedicated: Readonly<Record<string, string>> = {};

/** The worker entry of the running executable (`undefined`: work stays in this thread), and the tasks' own entries. */
export function provideWorkerScript(file: string | undefined, ownEntries: Readonly<Record<string, string>> = {}): void {
  script = file;
  dedicated = file === undefined ? {} : ownEntries;
}

/** The script a worker thread for `task` runs: the task's own entry, else the general one. */
export function workerScript(task?: string): string | undefined {
  return (task === undefined ? undefined : dedicated[task]) ?? script;
}

/** What a worker thread is started for: `workerData.task` names it, the rest is the task's own. */
export interface WorkerData {
  task: string;
}
