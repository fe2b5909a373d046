import { dbPath, openStore, storeLabel } from '../app/store.js';
import { usageError } from '../errors.js';
import { threadRunner } from '../server/jobs.js';
import { isLoopback, startServer } from '../server/serve.js';
import type { CommandContext } from './context.js';
import { inert } from './output.js';

export interface ServeOptions {
  readonly host?: string;
  readonly port?: string;
  readonly token?: string;
}

/**
 * `wirescope serve`: the HTTP API and web UI over the store until Ctrl-C. Loopback by default,
 * where reads are open; another --host needs a token, which then guards reads too. Writes
 * (ingest) always need the token; without one the store is opened read-only.
 */
export async function runServe(opts: ServeOptions, ctx: CommandContext): Promise<number> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port === undefined ? 8080 : Number(opts.port);
  if (!/^\d+$/.test(String(opts.port ?? '8080')) || port > 65535) throw usageError(`invalid --port "${opts.port}": a number from 0 to 65535`);
  const token = opts.token ?? process.env.WIRESCOPE_TOKEN;
  if (token !== undefined && token.length < 16) throw usageError('--token must be at least 16 characters');
  if (!isLoopback(host) && !token) throw usageError(`serving beyond loopback (--host ${host}) needs --token (or $WIRESCOPE_TOKEN)`);
  const store = openStore(ctx.global, token ? 'write' : 'read');
  let server;
  try {
    // Opened (connected, schema checked) before listening: a store that cannot be served is said
    // once, at start, not as a 500 on every request.
    await store.revision();
    server = await startServer(store, host, port, { token, runJob: threadRunner({ db: dbPath(ctx.global) }) });
  } catch (e) {
    await store.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${port} on ${host} is in use: choose another with --port`, { cause: e });
    throw e;
  }
  ctx.io.err(`wirescope: serving ${inert(storeLabel(ctx.global))} at ${server.url}/ (API: ${server.url}/api/openapi.json)${token ? '; writes need the token' : '; read-only (start with --token to allow ingest)'}. Ctrl-C stops.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await store.close();
  return 0;
}
