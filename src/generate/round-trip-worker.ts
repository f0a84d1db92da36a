import { serveRoundTrips } from './round-trip-thread';

/**
 * The executable's dedicated entry of the round trip's worker thread
 * (`dist/bin/round-trip-worker.js`, bundled on its own): it loads hcl2json and
 * this small module only, so the thread is ready sooner than one that loads the
 * whole executable. Nothing imports this file.
 */
serveRoundTrips();
