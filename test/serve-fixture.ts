import { ingestAndRun } from '../src/app/pipeline.js';
import { openStore } from '../src/app/store.js';
import { main } from '../src/cli/main.js';
import { expandInputs } from '../src/ingest/sources.js';
import type { Store } from '../src/store/store.js';
import { captureIo, repoPath } from './helpers.js';

export const HOSTILE = repoPath('test', 'fixtures', 'hostile.jsonl');

/**
 * The demo store (`wirescope demo` on examples/) plus one hostile article (script tags, an
 * onerror image, a javascript: link and bidi overrides in its title, outlet and body), run
 * through the whole pipeline: what `serve` is tested on.
 */
export async function demoStore(db: string): Promise<{ store: Store; hostileId: string }> {
  const io = captureIo();
  const code = await main(['node', 'wirescope', '--db', db, 'demo'], io);
  if (code !== 0) throw new Error(`demo failed (${code}): ${io.stderr()}`);
  const store = openStore({ db });
  const { sources } = await expandInputs([HOSTILE]);
  const pass = await ingestAndRun(store, sources);
  const hostileId = pass.new_ids[0];
  if (!hostileId) throw new Error('the hostile article was not ingested');
  return { store, hostileId };
}
