import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { errorMessage, ThreadError } from '../errors';
import { workerScript, type WorkerData } from '../util/threads';
import { lazyGenerate } from './lazy';

/**
 * The parser of the round trip, `@cdktf/hcl2json`. In the built executable it
 * runs on a worker thread, started as soon as a run knows it will parse: starting
 * hcl2json's WebAssembly, then the parses themselves, overlap the loading and
 * rendering of the specs on the main thread. Running
 * from the sources (tests, the API), it runs in the calling thread. Both give
 * the same values and the same parse errors.
 */
export interface RoundTripParser {
  /** What hcl2json reads in `text` (`name` is the file name its messages give). */
  parse(name: string, text: string): Promise<unknown>;
  /** Begin loading hcl2json now, before the first parse. */
  warmUp(): void;
  /** Stop the worker thread, if one was started; later parses start another. */
  close(): void;
}

/** The worker task's name (its entry: src/generate/round-trip-worker.ts). */
export const ROUND_TRIP_TASK = 'hcl2json';

/** A request to the worker thread. */
export interface ParseRequest {
  id: number;
  name: string;
  text: string;
}

/** The first message to the worker thread: hcl2json's WebAssembly, compiled. */
export interface ModuleMessage {
  module: WebAssembly.Module;
}

/**
 * The worker thread's answer: what hcl2json read, as the JSON text it writes
 * (copying a string between threads is cheaper than an object graph, and this
 * thread parses it as hcl2json's own `parse` does), or the message of its error.
 */
export type ParseAnswer = { id: number; json: string } | { id: number; error: string };

/**
 * The build writes hcl2json's WebAssembly decompressed beside the thread's entry
 * (scripts/bundle.js): reading it takes milliseconds, decompressing the package's
 * `main.wasm.gz` about a hundred.
 */
export const DECOMPRESSED_WASM = 'hcl2json.wasm';

/**
 * hcl2json's WebAssembly, compiled in this thread (~60 ms, while the caller waits
 * for esbuild): the worker thread gets it while it is still starting, rather than
 * compiling it once it has started.
 */
function compileHcl2json(script: string): WebAssembly.Module {
  return new WebAssembly.Module(fs.readFileSync(path.join(path.dirname(script), DECOMPRESSED_WASM)));
}

/** hcl2json in this thread, loaded on the first parse (or `warmUp`). */
export const inThreadParser: RoundTripParser = {
  parse: (name, text) => lazyGenerate.hcl2json().parse(name, text),
  warmUp: () => void lazyGenerate.hcl2json(),
  close: () => undefined,
};

/**
 * Parses waiting on the least busy thread from which another thread pays for its
 * start (~150 ms of CPU): the built-in stack (six services) never reaches it, a
 * hundred services do while the first are still rendering.
 */
const BACKLOG_FOR_ANOTHER_THREAD = 8;

/**
 * The parser a run uses: on a worker thread of `script` when the executable has
 * one, else in this thread. No thread starts before `warmUp` or the first parse;
 * another starts when the first has a backlog, up to `maxThreads`, each parse
 * going to the thread with the fewest waiting. By default the threads leave a
 * core to this thread, which renders meanwhile: one thread on two cores (measured
 * on 100 services: a second one there costs more CPU than it saves), two on more.
 */
export function roundTripParser(
  script: string | undefined = workerScript(ROUND_TRIP_TASK),
  maxThreads = Math.max(1, Math.min(2, os.availableParallelism() - 1)),
): RoundTripParser {
  if (script === undefined) return inThreadParser;
  let threads: ParserThread[] = [];
  let module: WebAssembly.Module | undefined;
  const start = (): ParserThread => {
    const thread = new ParserThread(script, () => (module ??= compileHcl2json(script)));
    threads.push(thread);
    return thread;
  };
  const leastBusy = (): ParserThread | undefined =>
    threads.reduce<ParserThread | undefined>(
      (best, thread) => (best === undefined || thread.backlog < best.backlog ? thread : best),
      undefined,
    );
  return {
    parse: (name, text) => {
      let thread = leastBusy() ?? start();
      if (thread.backlog >= BACKLOG_FOR_ANOTHER_THREAD && threads.length < maxThreads) thread = start();
      return thread.parse(name, text);
    },
    warmUp: () => void (leastBusy() ?? start()),
    close: () => {
      for (const thread of threads) thread.close();
      threads = [];
    },
  };
}

/**
 * One worker thread running hcl2json. It holds the process open only while a
 * parse is waiting for its answer; if it fails or exits, every waiting and
 * later parse fails with a ThreadError saying so (the run ends, exit 2).
 */
class ParserThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failure: ThreadError | undefined;
  private closed = false;

  /** `compiled`: hcl2json's WebAssembly, compiled once for every thread. */
  constructor(script: string, compiled: () => WebAssembly.Module) {
    const data: WorkerData = { task: ROUND_TRIP_TASK };
    // The thread gets a copy of this thread's environment as it is now.
    this.worker = new Worker(script, { workerData: data, env: process.env });
    this.worker.unref();
    this.worker.on('message', (answer: ParseAnswer) => this.answered(answer));
    this.worker.on('error', (error) => this.fail(`failed before it answered: ${error.message}`));
    this.worker.on('messageerror', (error) => this.fail(`sent an unreadable answer: ${error.message}`));
    this.worker.on('exit', (code) => this.fail(`stopped before it answered (exit code ${code})`));
    try {
      this.worker.postMessage({ module: compiled() } satisfies ModuleMessage);
    } catch (error) {
      this.fail(`could not load hcl2json's WebAssembly: ${errorMessage(error)}`);
      void this.worker.terminate();
    }
  }

  /** Parses waiting for their answer. */
  get backlog(): number {
    return this.waiting.size;
  }

  parse(name: string, text: string): Promise<unknown> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve, reject });
      const request: ParseRequest = { id, name, text };
      this.worker.postMessage(request);
    });
  }

  close(): void {
    this.closed = true;
    void this.worker.terminate();
  }

  private answered(answer: ParseAnswer): void {
    const waiter = this.waiting.get(answer.id);
    if (waiter === undefined) return;
    this.waiting.delete(answer.id);
    if (this.waiting.size === 0) this.worker.unref();
    if ('error' in answer) waiter.reject(new Error(answer.error));
    else waiter.resolve(JSON.parse(answer.json));
  }

  private fail(what: string): void {
    if (this.closed || this.failure !== undefined) return;
    this.failure = new ThreadError(`the hcl2json round trip's worker thread ${what}; nothing was written`);
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
    this.worker.unref();
  }
}
