// hcl2json's Go glue: it defines globalThis.Go (this module runs on the round trip's worker thread only).
import '@cdktf/hcl2json/wasm/bridge_wasm_exec.js';
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../errors';
import type { ModuleMessage, ParseAnswer, ParseRequest } from './round-trip';

/**
 * The round trip's worker thread: start hcl2json as soon as the main thread
 * hands it the compiled WebAssembly (the first message), then answer each parse
 * request with what it read or the message of its error. The executable starts
 * it from its own small entry (round-trip-worker.ts), which loads nothing else.
 *
 * `GEN_MODULES_ROUND_TRIP_FAULT` makes the thread fail on purpose when the first
 * request arrives, to test that the run ends with a clear error: `exit` ends the
 * thread (exit code 70), `throw` throws out of it. Only this thread reads it.
 */
export function serveRoundTrips(): void {
  const port = parentPort;
  if (port === null) throw new Error('the hcl2json task runs on a worker thread');
  let compiled: (module: WebAssembly.Module) => void = () => undefined;
  const parse = startHcl2json(new Promise((resolve) => (compiled = resolve)));
  const fault = process.env.GEN_MODULES_ROUND_TRIP_FAULT;
  port.on('message', (message: ModuleMessage | ParseRequest) => {
    if ('module' in message) return compiled(message.module);
    if (fault === 'exit') process.exit(70);
    if (fault === 'throw') throw new Error('GEN_MODULES_ROUND_TRIP_FAULT=throw');
    const request = message;
    parse(request.name, request.text).then(
      (json: string) => port.postMessage({ id: request.id, json } satisfies ParseAnswer),
      (error: unknown) => port.postMessage({ id: request.id, error: errorMessage(error) } satisfies ParseAnswer),
    );
  });
}

/** The functions hcl2json's Go program registers: each answers through a Node-style callback. */
type GoExports = Record<string, (...args: unknown[]) => void>;

/**
 * hcl2json's WebAssembly (compiled by the main thread) with its package's own Go
 * glue (`wasm/bridge_wasm_exec.js`), started as the package starts it, without
 * the package's loader: that loader loads fs-extra (~45 ms) and decompresses and
 * compiles the WebAssembly in this thread. `parse` gives the JSON text the
 * package's `parse` reads its value from, and fails with the same message.
 */
function startHcl2json(compiled: Promise<WebAssembly.Module>): (name: string, text: string) => Promise<string> {
  const Go = (
    globalThis as unknown as { Go: new () => { importObject: WebAssembly.Imports; run(instance: WebAssembly.Instance): Promise<void> } }
  ).Go;
  const go = new Go();
  const exports: GoExports = {};
  const ready = compiled
    .then((module) => WebAssembly.instantiate(module, go.importObject))
    .then((instance) => {
      // The Go program registers its functions on this global as it starts.
      (globalThis as unknown as { __parse_terraform_config_wasm__: GoExports }).__parse_terraform_config_wasm__ = exports;
      void go.run(instance);
    })
    .catch((error: unknown) => {
      // Not a parse error: the thread fails (the run ends with a ThreadError), and no parse answers.
      process.nextTick(() => {
        throw error;
      });
      return new Promise<never>(() => undefined);
    });
  return async (name, text) => {
    await ready;
    const parse = exports.parse;
    if (parse === undefined) throw new Error('There is nothing defined with the name "parse"');
    return new Promise<string>((resolve, reject) =>
      parse(name, text, (error: string | null, result: string) => (error ? reject(new Error(error)) : resolve(result))),
    );
  };
}
