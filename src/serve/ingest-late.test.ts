/**
 * Reception times the live server cannot take at face value. Satellite AIS arrives in passes,
 * minutes to hours behind the terrestrial feed: what comes after the reorder window is not
 * analysed, but a vessel heard only that way is still listed (position and identity), and its
 * positions are stored. A source whose clock runs ahead is rejected (`future`), so that it does
 * not carry stream time ahead and make every other source's messages late.
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

function ingestOf(source: Source, live: LivePicture, batches: WriteBatch[], refdata: Awaited<ReturnType<typeof loadRefData>>): Ingest {
  return new Ingest({
    store: {} as SqliteStore,
    live,
    refdata,
    sources: [source],
    writer: { write: (b) => (batches.push(b), { positions: 0, events: [] }), close: () => Promise.resolve() },
    vesselFlushMs: 0,
  });
}

test('a vessel heard only after the reorder window is listed with its position and name, and its position stored', async () => {
  const refdata = await loadRefData({ bundled: false });
  const source = new PushSource();
  const live = new LivePicture();
  const batches: WriteBatch[] = [];
  const ingest = ingestOf(source, live, batches, refdata);
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

test('a message stamped an hour ahead of the wall clock is rejected as future and does not make the others late', async () => {
  const refdata = await loadRefData({ bundled: false });
  const source = new PushSource();
  const live = new LivePicture();
  const ingest = ingestOf(source, live, [], refdata);
  const now = Date.now();
  const report = (mmsi: number, lat: number, time: number): string[] => toSentences({ type: 1, repeat: 0, mmsi, lat, lon: 5, speed: 10, course: 90, heading: 90, status: 0 }, { tagBlock: { time, station: 'rx' } });
  const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));
  assert.ok(ingest.line(source, report(257000001, 60, now - 60_000)[0], 0));
  // A receiver whose clock is an hour fast.
  assert.ok(ingest.line(source, report(257000002, 61, now + 3600_000)[0], 0));
  await settle();
  // The feeds go quiet for a moment: the server moves stream time on from the newest message
  // (what it does on its quiet-feed timer). Without the bound, that was an hour ahead.
  ingest.pipeline.advanceTo(ingest.pipeline.newestTime + 5_000);
  // The terrestrial feed goes on, on time: not late.
  for (const [mmsi, lat, dt] of [[257000001, 60.01, -30_000], [257000003, 62, -20_000], [257000004, 63, -5_000]]) assert.ok(ingest.line(source, report(mmsi, lat, now + dt)[0], 0));
  await ingest.stop();
  assert.deepEqual(ingest.pipeline.stats.rejected, { future: 1 });
  assert.equal(ingest.pipeline.stats.positions, 3, 'every on-time report but the newest (still in the window) analysed');
  assert.equal(live.get(257000002), undefined, 'the fast clock\'s vessel is not listed at a future time');
  assert.equal(live.get(257000003)?.lat, 62);
});
