/**
 * The storage contract as a test suite: `runStoreContract(name, factory)` registers node:test
 * cases that any {@link Store} must pass (SQLite now; PostgreSQL later runs the same suite).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeEvent } from '../detect/event.js';
import type { LookoutEvent } from '../detect/event.js';
import type { PositionRecord, Store, VesselRecord } from './store.js';

/** Creates a fresh, empty store; `cleanup` removes it after the test. */
export type StoreFactory = () => Promise<{ store: Store; cleanup?: () => Promise<void> | void }>;

const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;

function vessel(mmsi: number, over: Partial<VesselRecord> = {}): VesselRecord {
  return { mmsi, first_seen: T0, last_seen: T0, fixes: 1, ...over };
}

function event(mmsi: number, startMin: number, over: Partial<Parameters<typeof makeEvent>[0]> = {}): LookoutEvent {
  return makeEvent({
    type: 'gap', mmsi, start: T0 + startMin * MIN, end: T0 + (startMin + 30) * MIN, lat: 10, lon: 20, confidence: 0.8,
    details: {}, ...over,
  });
}

async function withStore(factory: StoreFactory, fn: (s: Store) => Promise<void>): Promise<void> {
  const { store, cleanup } = await factory();
  try {
    await fn(store);
  } finally {
    await store.close();
    await cleanup?.();
  }
}

/** Register the contract suite for one backend. */
export function runStoreContract(backend: string, factory: StoreFactory): void {
  void describe(`Store contract: ${backend}`, () => {
    void test('a written vessel reads back with its identity and latest state', () => withStore(factory, async (s) => {
      await s.write({ vessels: [vessel(257000001, { name: 'NORDLYS', imo: 9000001, callsign: 'LAXN', lat: 60, lon: 5, fix_time: T0, ship_type: 70, flag: 'NO' })] });
      const v = await s.vessel(257000001);
      assert.equal(v?.name, 'NORDLYS');
      assert.equal(v?.imo, 9000001);
      assert.equal(v?.lat, 60);
      assert.equal(await s.vessel(1), undefined);
    }));

    void test('a vessel upsert keeps known identity fields and the newest position', () => withStore(factory, async (s) => {
      await s.write({ vessels: [vessel(1, { name: 'A', lat: 1, lon: 1, fix_time: T0 + 10 })] });
      await s.write({ vessels: [vessel(1, { callsign: 'CS', lat: 2, lon: 2, fix_time: T0 + 5, last_seen: T0 + 20 })] });
      const v = await s.vessel(1);
      assert.equal(v?.name, 'A');
      assert.equal(v?.callsign, 'CS');
      assert.equal(v?.lat, 1, 'an older fix does not replace a newer one');
      assert.equal(v?.last_seen, T0 + 20);
    }));

    void test('positions are idempotent and a track returns a time range oldest first', () => withStore(factory, async (s) => {
      const ps = [0, 1, 2, 3].map((i) => ({ mmsi: 5, time: T0 + i * MIN, lat: i, lon: i, speed: 10 }));
      const first = await s.write({ positions: ps });
      const again = await s.write({ positions: ps });
      assert.equal(first.positions, 4);
      assert.equal(again.positions, 0);
      const tr = await s.track({ mmsi: 5, from: T0 + MIN, to: T0 + 2 * MIN, limit: 100 });
      assert.deepEqual(tr.map((p) => p.lat), [1, 2]);
      assert.equal(tr[0]?.speed, 10);
      const capped = await s.track({ mmsi: 5, from: T0, to: T0 + 10 * MIN, limit: 2 });
      assert.deepEqual(capped.map((p) => p.lat), [2, 3], 'the newest rows are kept when the limit is hit');
    }));

    void test('coarseInArea returns the coarse fixes of every vessel inside a bbox and period', async (t) => {
      await withStore(factory, async (s) => {
        if (!s.coarseInArea) return t.skip('this backend has no area query of the coarse level (optional)');
        const at = (mmsi: number, m: number, lat: number, lon: number): PositionRecord => ({ mmsi, time: T0 + m * MIN, lat, lon });
        await s.write({
          vessels: [vessel(21, { last_seen: T0 + 12 * MIN }), vessel(22, { last_seen: T0 + 40 * MIN }), vessel(23, { last_seen: T0 + 4 * MIN })],
          positions: [
            at(21, 1, 10, 10), at(21, 2, 50, 50), at(21, 6, 11, 11), at(21, 12, 12, 12),
            at(22, 3, 10.5, 10.5), at(22, 40, 10.5, 10.5),
            at(23, 4, -10, -10),
          ],
        });
        const r = await s.coarseInArea({ from: T0, to: T0 + 30 * MIN, bbox: [9, 9, 13, 13] });
        const rows = Array.from({ length: r.length }, (_, i) => [r.mmsi[i], (r.time[i] - T0) / MIN, r.lat[i], r.lon[i]]);
        // Vessel 21: interval [0,5) keeps minute 1 (minute 2 is not coarse), then 6 and 12; vessel 22 minute 3 (40 is after the period); 23 is outside.
        assert.deepEqual(rows, [[21, 1, 10, 10], [21, 6, 11, 11], [21, 12, 12, 12], [22, 3, 10.5, 10.5]]);
        const later = await s.coarseInArea({ from: T0 + 5 * MIN, to: T0 + 10 * MIN, bbox: [9, 9, 13, 13] });
        assert.deepEqual(Array.from(later.time, (x) => (x - T0) / MIN), [6]);
      });
    });

    void test('the coarse level holds the earliest fix of each 5-minute interval and a range\'s own first and last fix', async (t) => {
      await withStore(factory, async (s) => {
        if (!s.trackCounts || !s.trackLineCoarse) return t.skip('this backend has no coarse level (optional)');
        const at = (m: number, lat: number): PositionRecord => ({ mmsi: 7, time: T0 + m * MIN, lat, lon: 0 });
        // Minutes 1..19 in two batches out of order, a replay with another latitude, and a late earlier fix.
        await s.write({ vessels: [vessel(7)], positions: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map((m) => at(m, m)) });
        await s.write({ positions: [3, 4, 2, 8, 9, 7, 6].map((m) => at(m, m)) });
        await s.write({ positions: [at(2, 99), at(6, 99)] });
        await s.write({ positions: [at(1, 1), { ...at(5, 5), mmsi: 8 }] });
        const whole = { mmsi: 7, from: T0, to: T0 + 30 * MIN, limit: 1000 };
        assert.deepEqual(await s.trackCounts(whole), { positions: 18, coarse: 4 });
        const line = await s.trackLineCoarse(whole);
        // Intervals [0,5) [5,10) [10,15) [15,20) minutes: earliest 1, 6, 10, 15; then the last fix, 19.
        assert.deepEqual(Array.from(line.time, (x) => (x - T0) / MIN), [1, 6, 10, 15, 19]);
        assert.deepEqual(Array.from(line.lat), [1, 6, 10, 15, 19], 'the first fix stored for a time wins, as in positions');
        assert.equal(line.length, 5);
        // A range starting inside an interval begins with its own first fix.
        const part = await s.trackLineCoarse({ mmsi: 7, from: T0 + 7 * MIN, to: T0 + 15 * MIN, limit: 1000 });
        assert.deepEqual(Array.from(part.time, (x) => (x - T0) / MIN), [7, 10, 15]);
        assert.deepEqual(await s.trackCounts({ mmsi: 7, from: T0 + 7 * MIN, to: T0 + 15 * MIN, limit: 1000 }), { positions: 9, coarse: 2 });
        const none = await s.trackLineCoarse({ mmsi: 9, from: T0, to: T0 + 30 * MIN, limit: 1000 });
        assert.equal(none.length, 0);
        // Counts over many intervals (the store may sum per-interval counts) match the rows.
        for (const [a, b] of [[0, 30], [1, 19], [4.5, 15.5], [6, 6], [7, 29], [-60, 60]]) {
          const r = { mmsi: 7, from: T0 + a * MIN, to: T0 + b * MIN, limit: 1000 };
          assert.equal((await s.trackCounts(r)).positions, (await s.track(r)).length, `minutes ${a}..${b}`);
        }
        // Retention removes the coarse rows of what it deletes.
        await s.prune({ keepMs: 8 * MIN }, T0 + 16 * MIN);
        assert.deepEqual(Array.from((await s.trackLineCoarse(whole)).time, (x) => (x - T0) / MIN), [8, 10, 15, 19]);
        assert.deepEqual(await s.trackCounts(whole), { positions: 12, coarse: 3 });
        assert.equal((await s.trackCounts({ mmsi: 7, from: T0 - 60 * MIN, to: T0 + 60 * MIN, limit: 1000 })).positions, 12);
      });
    });

    void test('identity history keeps every change in time order', () => withStore(factory, async (s) => {
      await s.write({ identities: [
        { mmsi: 7, time: T0 + 2, field: 'name', before: 'OLD', after: 'NEW' },
        { mmsi: 7, time: T0 + 1, field: 'imo', after: 9123456 },
      ] });
      const h = await s.identityHistory(7);
      assert.deepEqual(h.map((c) => [c.field, c.before, c.after]), [['imo', undefined, 9123456], ['name', 'OLD', 'NEW']]);
    }));

    void test('an event written twice is stored once, with a sequence number', () => withStore(factory, async (s) => {
      const e = event(9, 0);
      const a = await s.write({ events: [e] });
      const b = await s.write({ events: [e] });
      assert.equal(a.events.length, 1);
      assert.equal(b.events.length, 0);
      assert.deepEqual((await s.event(e.id))?.event, e);
      assert.equal(await s.lastEventSeq(), a.events[0].seq);
      assert.equal(await s.event('gap-0000000000000000'), undefined);
    }));

    void test('events page newest first with a stable cursor and every filter', () => withStore(factory, async (s) => {
      const es = Array.from({ length: 25 }, (_, i) => event(100 + (i % 5), i, {
        type: i % 2 ? 'loitering' : 'gap', confidence: i / 25, lat: i, lon: i, details: i % 3 === 0 ? { zone_id: 'z1' } : {},
      }));
      await s.write({ events: es });
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const r = await s.events({ limit: 10, ...(cursor ? { cursor } : {}) });
        seen.push(...r.items.map((x) => x.event.id));
        cursor = r.next;
        if (!cursor) break;
      }
      assert.equal(seen.length, 25);
      assert.equal(new Set(seen).size, 25);
      assert.equal(seen[0], es[24].id, 'newest first');
      assert.equal((await s.events({ limit: 100, types: ['gap'] })).items.length, 13);
      assert.equal((await s.events({ limit: 100, mmsi: 100 })).items.length, 5);
      assert.equal((await s.events({ limit: 100, zone: 'z1' })).items.length, 9);
      assert.equal((await s.events({ limit: 100, minConfidence: 0.8 })).items.length, 5);
      assert.equal((await s.events({ limit: 100, bbox: [-1, -1, 4.5, 4.5] })).items.length, 5);
      assert.equal((await s.events({ limit: 100, from: T0 + 100 * MIN })).items.length, 0);
      assert.equal((await s.events({ limit: 100, to: T0 + 2 * MIN })).items.length, 3);
      const after = await s.eventsAfter(20, 100);
      assert.deepEqual(after.map((x) => x.seq), [21, 22, 23, 24, 25]);
    }));

    void test('an encounter is found from either vessel', () => withStore(factory, async (s) => {
      await s.write({ events: [event(1, 0, { type: 'encounter', other_mmsi: 2 })] });
      assert.equal((await s.events({ limit: 10, mmsi: 2 })).items.length, 1);
    }));

    void test('vessel search finds by MMSI, IMO, call sign, name prefix and a typo', () => withStore(factory, async (s) => {
      await s.write({ vessels: [
        vessel(257000001, { name: 'NORDLYS', imo: 9000001, callsign: 'LAXN' }),
        vessel(257000002, { name: 'NORDKAPP', callsign: 'LAXB' }),
        vessel(311000003, { name: 'EVER GIVEN', imo: 9811000, callsign: 'H3RC' }),
      ] });
      const names = async (q: string): Promise<string[]> => (await s.vessels({ q, limit: 10 })).map((v) => v.name ?? '');
      assert.deepEqual(await names('311000003'), ['EVER GIVEN']);
      assert.deepEqual(await names('9811000'), ['EVER GIVEN']);
      assert.deepEqual(await names('IMO 9811000'), ['EVER GIVEN']);
      assert.deepEqual(await names('h3rc'), ['EVER GIVEN']);
      assert.deepEqual((await names('nord')).sort(), ['NORDKAPP', 'NORDLYS']);
      assert.deepEqual(await names('evr given'), ['EVER GIVEN']);
      assert.deepEqual(await names('given'), ['EVER GIVEN']);
      assert.deepEqual(await names('zzzzzz'), []);
    }));

    void test('vessels filter by viewport, antimeridian, flag, type and time', () => withStore(factory, async (s) => {
      await s.write({ vessels: [
        vessel(1, { lat: 10, lon: 10, fix_time: T0, flag: 'NO', ship_type: 70, last_seen: T0 }),
        vessel(2, { lat: 10, lon: 179.5, fix_time: T0, flag: 'JP', ship_type: 80, last_seen: T0 + MIN }),
        vessel(3, { lat: 10, lon: -179.5, fix_time: T0, flag: 'NO', ship_type: 30, last_seen: T0 + 2 * MIN }),
      ] });
      const ids = async (q: Parameters<Store['vessels']>[0]): Promise<number[]> => (await s.vessels(q)).map((v) => v.mmsi).sort();
      assert.deepEqual(await ids({ bbox: [0, 0, 20, 20], limit: 10 }), [1]);
      assert.deepEqual(await ids({ bbox: [179, 0, -179, 20], limit: 10 }), [2, 3]);
      assert.deepEqual(await ids({ flags: ['NO'], limit: 10 }), [1, 3]);
      assert.deepEqual(await ids({ shipTypes: [[70, 89]], limit: 10 }), [1, 2]);
      assert.deepEqual(await ids({ since: T0 + MIN, limit: 10 }), [2, 3]);
    }));

    void test('user zones are stored, replaced and deleted', () => withStore(factory, async (s) => {
      const z = { id: 'user-box', name: 'Box', kind: 'user' as const, tags: ['watch'], source: 'user',
        geometry: { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] as [number, number][][] } };
      await s.putZone(z);
      await s.putZone({ ...z, name: 'Box 2' });
      assert.deepEqual(await s.zones(), [{ ...z, name: 'Box 2' }]);
      assert.equal(await s.deleteZone('user-box'), true);
      assert.equal(await s.deleteZone('user-box'), false);
      assert.deepEqual(await s.zones(), []);
    }));

    void test('sources and checkpoints are written atomically with the batch', () => withStore(factory, async (s) => {
      await s.write({ sources: [{ name: 'a', url: 'tcp://x:1', stats: { lines: 3 }, updated: T0 }], checkpoints: { 'source:a': '42' } });
      assert.deepEqual(await s.sources(), [{ name: 'a', url: 'tcp://x:1', stats: { lines: 3 }, updated: T0 }]);
      assert.equal(await s.checkpoint('source:a'), '42');
      assert.equal(await s.checkpoint('nope'), undefined);
    }));

    void test('retention deletes only positions older than the policy', () => withStore(factory, async (s) => {
      await s.write({ vessels: [vessel(5)], positions: [0, 1, 2].map((i) => ({ mmsi: 5, time: T0 + i * MIN, lat: 0, lon: 0 })) });
      assert.equal(await s.prune({ keepMs: 90_000 }, T0 + 2 * MIN), 1);
      assert.equal((await s.stats()).positions, 2);
    }));

    void test('recent positions give the newest fixes of every vessel, oldest first', () => withStore(factory, async (s) => {
      await s.write({ vessels: [vessel(1), vessel(2)], positions: [
        ...[0, 1, 2].map((i) => ({ mmsi: 1, time: T0 + i * MIN, lat: i, lon: 0 })),
        { mmsi: 2, time: T0 + 90_000, lat: 9, lon: 9 },
      ] });
      const r = await s.recentPositions(T0 + MIN, 5);
      assert.deepEqual(r.map((p) => [p.mmsi, p.time - T0]), [[1, MIN], [2, 90_000], [1, 2 * MIN]]);
    }));
  });
}
