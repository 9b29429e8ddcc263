// `lookout simulate` writes the four files in the formats analyze reads, deterministically, and
// `lookout score` of the truth against itself is perfect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths.js';
import { parsePortsCsv } from '../../src/geo/parse-ports.js';
import { parseZonesGeoJson } from '../../src/geo/parse-zones.js';

const BIN = join(REPO_ROOT, 'bin', 'lookout.js');
const lookout = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

test('simulate writes NMEA, truth, ports and zones; the same seed gives the same files; score of truth against itself is 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-sim-cli-'));
  try {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    for (const out of [a, b]) {
      const r = lookout(['simulate', '--preset', 'baltic', '--vessels', '5', '--hours', '3', '--seed', '3', '--out', out]);
      assert.equal(r.status, 0, r.stderr);
    }
    for (const f of ['traffic.nmea', 'truth.jsonl', 'ports.csv', 'zones.geojson']) assert.equal(readFileSync(join(a, f), 'utf8'), readFileSync(join(b, f), 'utf8'), f);
    const nmea = readFileSync(join(a, 'traffic.nmea'), 'utf8').trim().split('\n');
    assert.ok(nmea.length > 1000);
    assert.ok(nmea.filter((l) => /^\\s:[A-Z0-9-]+,c:\d{10}\*[0-9A-F]{2}\\!AIVDM,/.test(l) || /^\\g:/.test(l)).length > nmea.length * 0.99);
    const ports = parsePortsCsv(readFileSync(join(a, 'ports.csv'), 'utf8'), { source: 'user' });
    assert.deepEqual(ports.errors, []);
    assert.ok(ports.ports.some((p) => p.name === 'Primorsk' && p.tags.includes('high_risk')));
    const zones = parseZonesGeoJson(readFileSync(join(a, 'zones.geojson'), 'utf8'), { source: 'user' });
    assert.deepEqual(zones.errors, []);
    assert.ok(zones.zones.length >= 2);
    const truth = join(a, 'truth.jsonl');
    const s = lookout(['score', '--truth', truth, '--events', truth, '--format', 'json']);
    assert.equal(s.status, 0, s.stderr);
    const result = JSON.parse(s.stdout) as { total: { precision: number; recall: number; truth: number } };
    assert.ok(result.total.truth > 0);
    assert.equal(result.total.precision, 1);
    assert.equal(result.total.recall, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('simulate --list names the three presets and bad options are usage errors', () => {
  const r = lookout(['simulate', '--list']);
  assert.equal(r.status, 0);
  for (const p of ['east-asia', 'baltic', 'busy-strait']) assert.match(r.stdout, new RegExp(`^${p} `, 'm'));
  assert.equal(lookout(['simulate', '--preset', 'atlantis', '--out', '/tmp/x']).status, 2);
  assert.equal(lookout(['score', '--truth', 'only.jsonl']).status, 2);
});
