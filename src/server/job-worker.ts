/** A worker thread running one ingest job (see jobs.ts): its own store connection, the whole pass, the result posted back. */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, type StoreTarget } from '../app/store.js';
import { runJobOn, type JobInput } from './jobs.js';

const { target, input } = workerData as { target: StoreTarget; input: JobInput };
const store = openStore(target);
try {
  const pass = await runJobOn(store, input);
  parentPort!.postMessage({ ok: true, pass });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: (e as Error).message });
} finally {
  await store.close();
}
