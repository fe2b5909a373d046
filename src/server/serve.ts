import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
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
  const { app, idle, fastRead } = createApi({ webRoot: defaultWebRoot(), requireTokenForReads: !isLoopback(host), allowHost, ...options, store });
  // Repeated reads (most of a busy UI's traffic) are answered from the response cache before the
  // framework builds a Request and a Response for them; everything else goes to the app.
  const toApp = getRequestListener(app.fetch, { hostname: host });
  const server: Server = createServer((req, res) => {
    fastRead(req).then(
      (hit) => {
        if (!hit) return void toApp(req, res);
        res.writeHead(hit.status, [...hit.headers, ...(hit.body ? [['Content-Length', String(hit.body.length)]] : [])].flat());
        res.end(hit.body ?? undefined);
      },
      () => void toApp(req, res),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
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
