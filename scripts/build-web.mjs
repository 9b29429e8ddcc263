// Build the analyst's map (src/web) into dist/web/: typecheck with src/web/tsconfig.json, bundle
// with esbuild (MapLibre included: no CDN, works offline), copy MapLibre's worker and CSS.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
const t0 = Date.now();
if (!process.argv.includes('--no-check')) {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'src', 'web')], { stdio: 'inherit' });
}
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'src', 'web', 'main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true, format: 'esm', minify: true, sourcemap: true, target: 'es2022',
  legalComments: 'linked', logLevel: 'warning',
});
const mgl = join(root, 'node_modules', 'maplibre-gl', 'dist');
// The bundle's import.meta.url is app.js; the worker is loaded from next to it (see src/web/map.ts).
copyFileSync(join(mgl, 'maplibre-gl-worker.mjs'), join(out, 'maplibre-gl-worker.mjs'));
copyFileSync(join(mgl, 'maplibre-gl.css'), join(out, 'maplibre-gl.css'));
copyFileSync(join(root, 'src', 'web', 'app.css'), join(out, 'app.css'));
writeFileSync(join(out, 'index.html'), readFileSync(join(root, 'src', 'web', 'index.html')));
process.stderr.write(`build-web: dist/web built in ${Date.now() - t0} ms\n`);
