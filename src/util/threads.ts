/**
 * Worker threads of the running executable. The built executable names its
 * worker entry (`dist/worker.js`) at start-up; code running from the sources
 * (tests, the API) has none, and does its work in the calling thread.
 */
let script: string | undefined;

/** The worker entry of the running executable (`undefined`: work stays in this thread). */
export function provideWorkerScript(file: string | undefined): void {
  script = file;
}

export function workerScript(): string | undefined {
  return script;
}

/** What a worker thread is started for: `workerData.task` names it, the rest is the task's own. */
export interface WorkerData {
  task: string;
}
