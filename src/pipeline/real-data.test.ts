// Real tracks (GFW gpsdio-segment fixtures, Apache-2.0, in fixtures/tracks): the segmenter must agree
// with GFW's expected segments, the shared MMSI 412331088 must be split without any spoofing, and
// placeholder / unallocated MMSIs must be flagged without identity-change storms.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { LookoutEvent } from '../detect/event.js';
import { FIXTURES } from '../../test/support/paths.js';
import { parseGfwText, type GfwRecord } from './gfw-json.js';
import { Pipeline } from './pipeline.js';
import { testWorld } from './test-world.js';

const DIR = join(FIXTURES, 'tracks', 'gfw_gpsdio_segment');
const world = testWorld();

interface Run {
  events: LookoutEvent[];
  /** Per message GFW assigned to a segment and we accepted as a fix: our track and theirs. */
  assigned: { ours: string; gfw: string; time: number }[];
  tracks: string[];
}

const cache = new Map<string, Run>();
function run(mmsi: string): Run {
  const hit = cache.get(mmsi);
  if (hit !== undefined) return hit;
  const records: GfwRecord[] = parseGfwText(gunzipSync(readFileSync(join(DIR, `regr_${mmsi}.json.gz`))).toString('utf8'));
  const events: LookoutEvent[] = [];
  let current: string | undefined;
  // No reorder window: each fix is matched to the message that produced it.
  const p = new Pipeline({ refdata: world, reorderWindowMs: 0, onEvent: (e) => events.push(e), onFix: (t) => (current = t.track_id) });
  const assigned: Run['assigned'] = [];
  for (const r of records) {
    current = undefined;
    p.push(r.received);
    if (current !== undefined && r.expected !== undefined) assigned.push({ ours: current, gfw: r.expected, time: r.received.meta.time as number });
  }
  p.finish();
  const result = { events, assigned, tracks: [...p.tracks()].map((t) => t.track_id) };
  cache.set(mmsi, result);
  return result;
}

/**
 * Agreement on consecutive fixes: precision = share of our within-track consecutive pairs that GFW
 * also puts in one segment (GFW ends segments after 24 h of silence, we keep the track so that
 * the gap detector sees the gap: such pairs count as agreeing); recall = the converse.
 */
function agreement(assigned: Run['assigned']): { precision: number; recall: number } {
  const pairs = (key: 'ours' | 'gfw', other: 'ours' | 'gfw'): number => {
    const last = new Map<string, Run['assigned'][number]>();
    let n = 0;
    let ok = 0;
    for (const a of assigned) {
      const prev = last.get(a[key]);
      if (prev !== undefined) {
        n++;
        if (prev[other] === a[other] || (key === 'ours' && a.time - prev.time > 24 * 3_600_000)) ok++;
      }
      last.set(a[key], a);
    }
    return n === 0 ? 1 : ok / n;
  };
  return { precision: pairs('ours', 'gfw'), recall: pairs('gfw', 'ours') };
}

const of = (r: Run, type: string, kind?: string): LookoutEvent[] =>
  r.events.filter((e) => e.type === type && (kind === undefined || e.details['kind'] === kind));

test('segments agree with GFW gpsdio-segment expected segments on every fixture', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json.gz'));
  assert.equal(files.length, 17);
  for (const f of files) {
    const mmsi = f.slice(5, -8);
    const { precision, recall } = agreement(run(mmsi).assigned);
    assert.ok(precision >= 0.93, `${mmsi}: precision ${precision.toFixed(3)}`);
    assert.ok(recall >= 0.99, `${mmsi}: recall ${recall.toFixed(3)}`);
  }
});

test('the shared MMSI 412331088 (Yellow Sea and off Argentina) is split exactly as GFW splits it', () => {
  const r = run('412331088');
  assert.deepEqual(r.tracks, ['412331088', '412331088#2']);
  const { precision, recall } = agreement(r.assigned);
  assert.equal(precision, 1);
  assert.equal(recall, 1);
  assert.ok(of(r, 'shared_mmsi').length >= 1, 'shared_mmsi reported');
  assert.equal(of(r, 'spoofing').length, 0, 'no teleport or impossible speed once split');
});

test('placeholder and unallocated MMSIs are flagged as identity anomalies', () => {
  for (const mmsi of ['567000000', '666000001', '666666601']) {
    assert.equal(of(run(mmsi), 'identity_anomaly', 'placeholder_mmsi').length, 1, mmsi);
  }
  for (const mmsi of ['200000010', '600000019']) {
    assert.equal(of(run(mmsi), 'identity_anomaly', 'mid_unallocated').length, 1, mmsi);
  }
  for (const mmsi of ['412331088', '477293900', '209515000']) {
    assert.equal(of(run(mmsi), 'identity_anomaly').length, 0, mmsi);
  }
});

test('the nine-name MMSI 567000000 raises no identity-change storm', () => {
  // Nine boats share the MMSI: the names are theirs, not changes of one vessel.
  assert.equal(of(run('567000000'), 'identity_change').length, 0);
  assert.ok(of(run('567000000'), 'shared_mmsi').length >= 1);
});

test('single vessels keep one identity: at most the true changes are reported', () => {
  for (const mmsi of ['209515000', '416070900', '432967000', '477293900', '273444660']) {
    assert.ok(of(run(mmsi), 'identity_change').length <= 1, mmsi);
  }
});

test('the trans-Pacific crossing over the antimeridian stays one track', () => {
  const r = run('477293900');
  assert.deepEqual(r.tracks, ['477293900']);
  assert.equal(of(r, 'shared_mmsi').length, 0);
});

test('the shared placeholder MMSI 416000000 is split into coherent tracks that agree with GFW 2019', () => {
  const rows = gunzipSync(readFileSync(join(FIXTURES, 'tracks', 'gfw_shared_mmsi_416000000', '416000000.segmented.jsonl.gz')))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { ssvid: number; lat: number; lon: number; speed: number; course: number; timestamp: string; segment: string })
    .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  const events: LookoutEvent[] = [];
  const last = new Map<string, { time: number; lat: number; lon: number }>();
  let fastest = 0;
  let current: string | undefined;
  const p = new Pipeline({
    refdata: world,
    reorderWindowMs: 0,
    onEvent: (e) => events.push(e),
    onFix: (t, f) => {
      current = t.track_id;
      const prev = last.get(t.track_id);
      if (prev !== undefined) {
        // Implied speed with time padded to 15 min (GFW's buffer): no jumps between boats inside a track.
        const nm = Math.hypot((f.lat - prev.lat) * 60, (f.lon - prev.lon) * 60 * Math.cos((f.lat * Math.PI) / 180));
        fastest = Math.max(fastest, nm / Math.max((f.time - prev.time) / 3_600_000, 0.25));
      }
      last.set(t.track_id, f);
    },
  });
  const assigned: Run['assigned'] = [];
  for (const r of rows) {
    current = undefined;
    p.push({ message: { type: 1, repeat: 0, mmsi: r.ssvid, lat: r.lat, lon: r.lon, speed: r.speed, course: r.course }, meta: { time: Date.parse(r.timestamp) } });
    if (current !== undefined) assigned.push({ ours: current, gfw: r.segment, time: Date.parse(r.timestamp) });
  }
  p.finish();
  assert.ok(fastest <= 30, `fastest implied speed inside a track: ${fastest.toFixed(1)} kn`);
  const { precision, recall } = agreement(assigned);
  assert.ok(precision >= 0.97, `precision ${precision.toFixed(3)}`);
  assert.ok(recall >= 0.98, `recall ${recall.toFixed(3)}`);
  assert.ok(events.filter((e) => e.type === 'shared_mmsi').length >= 2);
  assert.equal(events.filter((e) => e.type === 'spoofing').length, 0);
  assert.equal(events.filter((e) => e.type === 'identity_anomaly').length, 1, 'one placeholder_mmsi');
});
