import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { Store } from '../store/store.js';
import { createApi, type ApiOptions } from './api.js';

/** The built web UI beside the compiled server (dist/web), or null when it was not built. */
export function defaultWebRoot(): string | null {
  const root = fileURLToPath(new URL('../../web/', import.meta.url));
  return existsSync(root) ? root : null;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Listen on host:port (port 0: any free port) with the API and UI over `store`. */
export async function startServer(store: Store, host: string, port: number, options: Omit<ApiOptions, 'store'> = {}): Promise<RunningServer> {
  let bound = port;
  // On loopback, answer only to loopback names (DNS rebinding); beyond it every request needs the token anyway.
  const names = () => new Set(['127.0.0.1', 'localhost', '[::1]', host.includes(':') ? `[${host}]` : host].map((n) => `${n}:${bound}`));
  let allowed: Set<string> | null = null; // built once the port is known
  const allowHost = isLoopback(host) ? (h: string) => (allowed ??= names()).has(h) : undefined;
  const { app, idle } = createApi({ webRoot: defaultWebRoot(), requireTokenForReads: !isLoopback(host), allowHost, ...options, store });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
    s.once('error', reject);
  });
  const actual = (server.address() as AddressInfo).port;
  bound = actual;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${actual}`,
    port: actual,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await idle();
    },
  };
}
