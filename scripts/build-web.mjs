// Bundles the web UI (web/) into dist/web with esbuild: one ES module, one stylesheet, the page and
// the world outline (world-atlas 110m, Natural Earth, public domain). No external resources.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
mkdirSync(join(out, 'assets'), { recursive: true });
await build({
  entryPoints: [join(root, 'web', 'src', 'main.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  outfile: join(out, 'assets', 'app.js'),
  logLevel: 'warning',
});
copyFileSync(join(root, 'web', 'index.html'), join(out, 'index.html'));
copyFileSync(join(root, 'web', 'app.css'), join(out, 'assets', 'app.css'));
const require = createRequire(import.meta.url);
copyFileSync(require.resolve('world-atlas/countries-110m.json'), join(out, 'assets', 'world.json'));
