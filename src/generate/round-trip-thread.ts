import { parse } from '@cdktf/hcl2json';
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../errors';
import type { ParseAnswer, ParseRequest } from './round-trip';

/**
 * The round trip's worker thread: load hcl2json at once, then answer each parse
 * request with what it read or the message of its error. The executable starts
 * it from its own small entry (round-trip-worker.ts), which loads nothing else;
 * the general worker entry runs it as the task `hcl2json`.
 *
 * `GEN_MODULES_ROUND_TRIP_FAULT` makes the thread fail on purpose when the first
 * request arrives, to test that the run ends with a clear error: `exit` ends the
 * thread (exit code 70), `throw` throws out of it. Only this thread reads it.
 */
export function serveRoundTrips(): void {
  const port = parentPort;
  if (port === null) throw new Error('the hcl2json task runs on a worker thread');
  const fault = process.env.GEN_MODULES_ROUND_TRIP_FAULT;
  port.on('message', (request: ParseRequest) => {
    if (fault === 'exit') process.exit(70);
    if (fault === 'throw') throw new Error('GEN_MODULES_ROUND_TRIP_FAULT=throw');
    parse(request.name, request.text).then(
      (value: unknown) => port.postMessage({ id: request.id, value } satisfies ParseAnswer),
      (error: unknown) => port.postMessage({ id: request.id, error: errorMessage(error) } satisfies ParseAnswer),
    );
  });
}
