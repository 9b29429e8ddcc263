#!/usr/bin/env node
// The dependency rule as a test: data flows decode → track → detect → store/serve/UI, and a
// folder of src/ may import only the folders listed for it here (docs/ARCHITECTURE.md quotes
// this table). Run by `npm test`; exits 1 and names every offending import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

/** folder → folders it may import (itself is always allowed). */
export const ALLOWED = {
  ais: [],
  geo: [],
  track: ['ais', 'geo'],
  detect: ['ais', 'geo', 'track'],
  screen: ['ais'],
  score: ['detect'],
  sim: ['ais', 'geo', 'detect', 'track'],
  ingest: ['ais'],
  pipeline: ['ais', 'geo', 'track', 'detect', 'screen', 'ingest'],
  store: ['ais', 'geo', 'track', 'detect', 'screen'],
  serve: ['ais', 'geo', 'track', 'detect', 'screen', 'ingest', 'pipeline', 'store', 'sim'],
  cli: ['ais', 'geo', 'track', 'detect', 'screen', 'score', 'sim', 'ingest', 'pipeline', 'store', 'serve'],
  web: [],
};
/** Folders that must run in a browser as well as in Node: no node:* built-ins. */
const PORTABLE = new Set(['ais', 'geo', 'track', 'detect', 'screen', 'score', 'web']);

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;
const problems = [];
const folders = readdirSync(SRC).filter((f) => statSync(join(SRC, f)).isDirectory());
for (const f of folders) if (!(f in ALLOWED)) problems.push(`src/${f}/ is not in the layer table (scripts/check-layers.mjs)`);

for (const file of walk(SRC)) {
  const rel = relative(SRC, file).split(sep);
  const from = rel[0];
  const isTest = /\.test\.tsx?$/.test(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('node:') && PORTABLE.has(from) && !isTest) {
      problems.push(`${relative(ROOT, file)}: src/${from} must run in a browser too, but imports ${spec}`);
      continue;
    }
    if (!spec.startsWith('.')) continue;
    const target = relative(SRC, resolve(dirname(file), spec)).split(sep);
    if (target[0] === '..') {
      // Only tests may reach outside src/ (to test/support).
      if (!isTest) problems.push(`${relative(ROOT, file)}: imports ${spec} outside src/`);
      continue;
    }
    const to = target[0];
    if (to !== from && !(ALLOWED[from] ?? []).includes(to)) {
      problems.push(`${relative(ROOT, file)}: src/${from} may not import src/${to} (${spec})`);
    }
  }
}

if (problems.length) {
  console.error(`check-layers: ${problems.length} import(s) break the dependency rule:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-layers: ${folders.length} folders, dependency rule holds`);
