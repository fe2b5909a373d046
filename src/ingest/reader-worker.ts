/**
 * The reader thread: decodes and reads one input at a time for TimedReader, so that an input
 * that takes too long can be stopped (the thread is ended) without stalling the run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readInput } from './read.js';
import type { CreditRules } from './captions.js';
import type { OutletTable } from './outlets.js';

export interface ReadRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly path: string;
  /** The run's clock at this input, ISO 8601. */
  readonly now: string;
}

const { outlets, credits } = workerData as { outlets: OutletTable; credits: CreditRules };

// Everything is loaded: requests can now be timed from when they are sent.
parentPort!.postMessage({ ready: true });

parentPort!.on('message', (req: ReadRequest) => {
  try {
    const result = readInput(req.bytes, { path: req.path, outlets, credits }, { now: () => new Date(req.now) });
    parentPort!.postMessage({ id: req.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: (e as Error).message });
  }
});
