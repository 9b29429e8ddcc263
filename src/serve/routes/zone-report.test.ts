/**
 * GET /api/zones/{id}/report against a real server (in-memory SQLite, no bundled geography): a
 * zone created through the API gets zone_entry/zone_exit/transit events at once (no restart), and
 * the report counts the vessels present per day by flag and type, the transit and the events.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { toSentences } from '../../ais/sentence-encode.js';
import type { AisMessage } from '../../ais/types.js';
import type { LineSink, Source } from '../../ingest/sources/source.js';
import { newStatus } from '../../ingest/sources/source.js';
import { startServer } from '../server.js';
import type { RunningServer } from '../server.js';

/** A source the test pushes lines into. */
class PushSource implements Source {
  readonly name = 'push';
  readonly url = 'test://push';
  readonly status = newStatus('push', 'test://push', 'stdin');
  readonly stampArrival = false;
  sink: LineSink | undefined;
  start(sink: LineSink): void {
    this.sink = sink;
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
  push(msg: AisMessage, time: number): void {
    for (const s of toSentences(msg, { tagBlock: { time, station: 'test' } })) this.sink!.line(this, s, 0);
  }
}

const DAY = Date.parse('2026-11-20T00:00:00Z');
const MIN = 60_000;
// MID 211: Germany, 257: Norway, 636: Liberia.
const CROSSER = 211_234_567, ANCHORED = 257_345_678, OUTSIDE = 636_019_876;

function position(mmsi: number, lat: number, lon: number, speed: number, course: number): AisMessage {
  return { type: 1, repeat: 0, mmsi, status: speed > 0.5 ? 0 : 1, turn: 0, speed, accuracy: false, lon, lat, course, heading: Math.round(course) % 360, second: 0, maneuver: 0, raim: false, radio: 0 };
}
function statics(mmsi: number, name: string, shipType: number): AisMessage {
  return { type: 5, repeat: 0, mmsi, shipname: name, callsign: name.slice(0, 7), imo: 0, ship_type: shipType, to_bow: 50, to_stern: 50, to_port: 10, to_starboard: 10, draught: 8, destination: 'X', ais_version: 0, epfd: 1, month: 1, day: 1, hour: 0, minute: 0, dte: false };
}

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await fetch(url, init);
  return { status: r.status, body: await r.json() };
}

describe('GET /api/zones/{id}/report', () => {
  let server: RunningServer;
  const src = new PushSource();

  before(async () => {
    server = await startServer({ db: ':memory:', host: '127.0.0.1', port: 0, sources: [src], bundledGeo: false, screening: false, log: () => undefined });
    // The zone is created through the API while the server runs: detection must use it at once.
    const box = [[10, 50], [11, 50], [11, 51], [10, 51], [10, 50]];
    const created = await json(`${server.url}/api/zones`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [box] }, properties: { name: 'Report box' } }) });
    assert.equal(created.status, 201);
    src.push(statics(CROSSER, 'CROSSER', 70), DAY + 6 * 3600_000);
    src.push(statics(ANCHORED, 'ANCHORED', 80), DAY + 6 * 3600_000);
    src.push(statics(OUTSIDE, 'OUTSIDE', 30), DAY + 6 * 3600_000);
    // The crosser steams east along 50.5° N from 9.5° E to 11.5° E at 12 kn, a fix every 2 minutes;
    // the anchored one stays inside; the third stays outside.
    const t0 = DAY + 6 * 3600_000 + MIN;
    for (let i = 0; i <= 200; i++) {
      const t = t0 + i * 2 * MIN;
      const lon = 9.5 + i * 0.01;
      if (lon <= 11.5) src.push(position(CROSSER, 50.5, Number(lon.toFixed(4)), 12, 90), t);
      if (i % 5 === 0) src.push(position(ANCHORED, 50.2, 10.2, 0, 0), t + 1000);
      if (i % 5 === 0) src.push(position(OUTSIDE, 52, 12, 8, 180), t + 2000);
    }
    // A later fix moves stream time past the reorder window, so every fix above reaches detection.
    src.push(position(OUTSIDE, 52, 12, 8, 180), DAY + 14 * 3600_000);
    const end = Date.now() + 20_000;
    for (;;) {
      const r = await json(`${server.url}/api/events?zone=user-report-box&types=transit`);
      if (r.body.items.length > 0) break;
      if (Date.now() > end) assert.fail('no transit event for the zone created at run time');
      await new Promise((res) => setTimeout(res, 100));
    }
  });
  after(async () => {
    await server?.stop();
  });

  test('a zone created through the API gets entry, exit and transit events without a restart', async () => {
    const r = await json(`${server.url}/api/events?zone=user-report-box`);
    const types = (r.body.items as { type: string; mmsi: number }[]).map((e) => `${e.type}:${e.mmsi}`).sort();
    assert.deepEqual(types, [`transit:${CROSSER}`, `zone_entry:${CROSSER}`, `zone_exit:${CROSSER}`]);
  });

  test('counts vessels present per day by flag and type, transits by direction and events by type', async () => {
    const r = await json(`${server.url}/api/zones/user-report-box/report?from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z&bucket=day`);
    assert.equal(r.status, 200);
    assert.equal(r.body.presence, 'positions');
    assert.equal(r.body.buckets.length, 2);
    const [d19, d20] = r.body.buckets;
    assert.deepEqual(d19, { start: '2026-11-19T00:00:00.000Z', vessels: 0, by_flag: {}, by_category: {}, transits: {}, events: {} });
    assert.equal(d20.start, '2026-11-20T00:00:00.000Z');
    assert.equal(d20.vessels, 2);
    assert.deepEqual(d20.by_flag, { DE: 1, NO: 1 });
    assert.deepEqual(d20.by_category, { cargo: 1, tanker: 1 });
    assert.deepEqual(Object.values(d20.transits), [1]);
    assert.deepEqual(d20.events, { transit: 1, zone_entry: 1, zone_exit: 1 });
    assert.deepEqual(r.body.totals, { vessels: 2, events: 3, transits: 1 });
  });

  test('hour buckets split the same day', async () => {
    const r = await json(`${server.url}/api/zones/user-report-box/report?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z&bucket=hour`);
    assert.equal(r.status, 200);
    assert.equal(r.body.buckets.length, 24);
    assert.equal(r.body.buckets[3].vessels, 0);
    assert.equal(r.body.buckets[7].vessels, 2);
  });

  test('is listed in the OpenAPI document; bad input is a 400 with the reason, an unknown zone a 404', async () => {
    const doc = await json(`${server.url}/api/openapi.json`);
    const op = doc.body.paths['/api/zones/{id}/report'].get;
    assert.deepEqual(op.parameters.map((p: { name: string }) => p.name), ['id', 'from', 'to', 'bucket']);
    assert.ok(op.responses['200'].content['application/json'].schema.properties.buckets);
    assert.equal((await json(`${server.url}/api/zones/nope/report?from=2026-11-20&to=2026-11-21`)).status, 404);
    const missing = await json(`${server.url}/api/zones/user-report-box/report?from=2026-11-20`);
    assert.equal(missing.status, 400);
    assert.match(missing.body.error.message, /'to' is required/);
    assert.equal((await json(`${server.url}/api/zones/user-report-box/report?from=2026-11-21&to=2026-11-20`)).status, 400);
    assert.equal((await json(`${server.url}/api/zones/user-report-box/report?from=2020-01-01&to=2026-11-20`)).status, 400);
    assert.equal((await json(`${server.url}/api/zones/user-report-box/report?from=2026-11-20&to=2026-11-21&bucket=week`)).status, 400);
  });
});
