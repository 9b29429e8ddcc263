/**
 * Satellite AIS arrives in passes, minutes to hours behind the terrestrial feed: what comes after
 * the reorder window is not analysed, but a vessel heard only that way is still listed (position
 * and identity), and its positions are stored.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toSentences } from '../ais/sentence-encode.js';
import { newStatus } from '../ingest/sources/source.js';
import type { Source } from '../ingest/sources/source.js';
import { loadRefData } from '../pipeline/refdata.js';
import type { SqliteStore } from '../store/sqlite.js';
import type { VesselRecord, WriteBatch } from '../store/store.js';
import { Ingest } from './ingest.js';
import { LivePicture } from './live-picture.js';

class PushSource implements Source {
  readonly status;
  readonly url = 'test://sat';
  readonly stampArrival = false;
  readonly name = 'sat';
  constructor() {
    this.status = newStatus(this.name, this.url, 'tcp');
  }
  start(): void {}
  stop(): Promise<void> {
    return Promise.resolve();
  }
}

test('a vessel heard only after the reorder window is listed with its position and name, and its position stored', async () => {
  const refdata = await loadRefData({ bundled: false });
  const source = new PushSource();
  const live = new LivePicture();
  const batches: WriteBatch[] = [];
  const ingest = new Ingest({
    store: {} as SqliteStore,
    live,
    refdata,
    sources: [source],
    writer: { write: (b) => (batches.push(b), { positions: 0, events: [] }), close: () => Promise.resolve() },
    vesselFlushMs: 0,
  });
  const T0 = Date.UTC(2026, 0, 1);
  const at = (time: number): { tagBlock: { time: number; station: string } } => ({ tagBlock: { time, station: 'sat' } });
  const lines = [
    // The terrestrial feed is at T0 + 30 min...
    ...toSentences({ type: 1, repeat: 0, mmsi: 257000001, lat: 60, lon: 5, speed: 10, course: 90, heading: 90, status: 0 }, at(T0 + 30 * 60_000)),
    ...toSentences({ type: 1, repeat: 0, mmsi: 257000001, lat: 60, lon: 5.01, speed: 10, course: 90, heading: 90, status: 0 }, at(T0 + 31 * 60_000)),
    // ...when a satellite pass delivers a tanker heard nowhere else, 25 minutes old.
    ...toSentences({ type: 1, repeat: 0, mmsi: 636019825, lat: -20, lon: 70, speed: 11, course: 45, heading: 45, status: 0 }, at(T0 + 5 * 60_000)),
    ...toSentences({ type: 5, repeat: 0, mmsi: 636019825, shipname: 'DARK TANKER', callsign: 'D5XY', imo: 9123456, ship_type: 80, to_bow: 200, to_stern: 40, to_port: 20, to_starboard: 20, draught: 12, destination: 'OPEN SEA' }, at(T0 + 6 * 60_000)),
  ];
  for (const l of lines) assert.ok(ingest.line(source, l, 0));
  await ingest.stop();

  assert.equal(ingest.pipeline.stats.rejected['late'], 2);
  assert.equal(ingest.totals.late_positions, 1);
  const v = live.get(636019825);
  assert.ok(v, 'the late-only vessel is in the live picture');
  assert.deepEqual([v.lat, v.lon, v.speed, v.fix_time, v.name, v.imo, v.ship_type, v.class], [-20, 70, 11, T0 + 5 * 60_000, 'DARK TANKER', 9123456, 80, 'A']);
  assert.equal(live.query({ bbox: [69, -21, 71, -19], limit: 10 }).length, 1, 'in the viewport grid');
  // Committed: its position, its vessels row and its identity's first values.
  const stored: VesselRecord[] = batches.flatMap((b) => b.vessels ?? []);
  assert.ok(stored.some((r) => r.mmsi === 636019825 && r.name === 'DARK TANKER' && r.lat === -20), 'vessels row written');
  const positions = batches.reduce((n, b) => n + (b.positionColumns?.length ?? 0) / 8 + (b.positions?.length ?? 0), 0);
  assert.ok(positions >= 2, `positions committed: ${positions}`);
  assert.ok(batches.some((b) => (b.identities ?? []).some((c) => c.mmsi === 636019825 && c.field === 'name' && c.after === 'DARK TANKER')), 'identity first values written');
});
