/**
 * A guard for the hot paths' object shapes: after a real log has gone through the pipeline, the
 * objects every fix touches (tracks, their identities and fixes, every detector's per-track
 * state) must still have V8's fast properties. One `delete` on a track once turned every track
 * into a hash table and cost a fifth of the pipeline's time; behaviour tests cannot see that.
 * V8's %HasFastProperties needs --allow-natives-syntax, so the check runs in a child process.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FIXTURES, REPO_ROOT } from '../../test/support/paths.js';

const script = (dist: string, log: string): string => `
const { readFileSync } = await import('node:fs');
const { AisDecoder } = await import(${JSON.stringify(pathToFileURL(join(dist, 'src/ais/nmea/decoder.js')).href)});
const { Pipeline } = await import(${JSON.stringify(pathToFileURL(join(dist, 'src/pipeline/pipeline.js')).href)});
const { loadRefData } = await import(${JSON.stringify(pathToFileURL(join(dist, 'src/pipeline/refdata.js')).href)});
const decoder = new AisDecoder();
const messages = [];
decoder.write(readFileSync(${JSON.stringify(log)}, 'latin1'), messages);
decoder.end(messages);
const p = new Pipeline({ refdata: await loadRefData(), reorderWindowMs: 0 });
for (const m of messages) p.push(m);
const slow = new Map();
const seen = new Set();
let checked = 0;
const visit = (o, path, depth) => {
  if (o === null || typeof o !== 'object' || seen.has(o) || depth > 6 || ArrayBuffer.isView(o)) return;
  seen.add(o);
  if (o instanceof Map || o instanceof Set) { let k = 0; for (const v of o.values()) { if (k++ > 200) break; visit(v, path + '{}', depth + 1); } return; }
  if (Array.isArray(o)) { for (let i = 0; i < Math.min(o.length, 200); i++) visit(o[i], path + '[]', depth + 1); return; }
  checked++;
  if (!%HasFastProperties(o)) slow.set(path, (slow.get(path) ?? 0) + 1);
  for (const k of Object.keys(o)) visit(o[k], path + '.' + k, depth + 1);
};
let tracks = 0;
for (const t of p.tracks()) { tracks++; visit(t, 'track', 0); }
visit(p, 'pipeline', 0);
console.log(JSON.stringify({ tracks, checked, slow: [...slow] }));
`;

test('tracks, identities, fixes and detector states keep fast properties after a real log', () => {
  const dist = join(REPO_ROOT, 'dist');
  const log = join(FIXTURES, 'nmea', 'dma_aislib_stream_example_20100611.txt');
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script(dist, log)], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').pop() as string) as { tracks: number; checked: number; slow: [string, number][] };
  assert.ok(out.tracks > 10, `tracks: ${out.tracks}`);
  assert.ok(out.checked > 100, `objects checked: ${out.checked}`);
  assert.deepEqual(out.slow, [], 'objects in dictionary mode (path, count)');
});
