/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect JSON response bodies structurally */
// Every HTTP endpoint of `lookout serve` against a real server process on loopback, fed with
// the bundled demo recordings (real AIS: Kystverket NLOD, GFW tracks Apache-2.0) at full speed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DEMO_NMEA, call, startServe, tempDir, waitFinished } from './harness.js';
import type { ServeProcess } from './harness.js';

let server: ServeProcess;
let base: string;
let tmp: { dir: string; remove: () => void };
let allEvents: any[];
let vessels: any[];

before(async () => {
  tmp = tempDir();
  // Small reference files instead of the bundled geography: a fast start, known answers.
  const ports = join(tmp.dir, 'ports.csv');
  writeFileSync(ports, 'name,lat,lon,radius_m,country,unlocode,tags\nOslo,59.9,10.73,3000,NO,NOOSL,\nBergen,60.39,5.32,3000,NO,NOBGO,\nKaohsiung,22.6,120.28,5000,TW,TWKHH,\n');
  const zones = join(tmp.dir, 'zones.geojson');
  writeFileSync(zones, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'skagerrak', name: 'Skagerrak', kind: 'sea' }, geometry: { type: 'Polygon', coordinates: [[[7, 57], [11, 57], [11, 59.5], [7, 59.5], [7, 57]]] } }] }));
  // The first 12,000 sentences of the GFW tracks: about three days of 17 vessels, enough for every check.
  // One folder source read in name order: the 2019 Norwegian snapshot, then the 2021 tracks (two
  // sources of different years would race, and the later year would make the other's messages late).
  const input = join(tmp.dir, 'input');
  mkdirSync(input);
  copyFileSync(join(DEMO_NMEA, 'kystverket_ais1000lines_20190807.nm4'), join(input, 'a-kystverket.nm4'));
  const gfw = join(input, 'b-gfw.nmea');
  writeFileSync(gfw, gunzipSync(readFileSync(join(DEMO_NMEA, 'gfw_tracks_2021.nmea.gz'))).toString('latin1').split('\n').slice(0, 12_000).join('\n') + '\n');
  server = await startServe([
    '--db', join(tmp.dir, 'api.db'), '--thin-seconds', '0', '--web', join(tmp.dir, 'no-web'), '--geo', 'none', '--ports', ports, '--zones', zones,
    '--source', `replay=file://${input}?pace=fast`,
  ]);
  base = server.url;
  await waitFinished(base, 30_000);
  allEvents = (await call(`${base}/api/events?limit=1000`)).json.items;
  vessels = (await call(`${base}/api/vessels?limit=100000`)).json;
});

after(async () => {
  await server?.stop();
  tmp?.remove();
});

describe('operations', () => {
  test('healthz and readyz answer 200 once the server is up', async () => {
    assert.equal((await call(`${base}/healthz`)).json.status, 'ok');
    const r = await call(`${base}/readyz`);
    assert.equal(r.status, 200);
    assert.equal(r.json.status, 'ready');
  });

  test('metrics are Prometheus text with messages, decode errors, events, store latency and live clients', async () => {
    const r = await call(`${base}/metrics`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(r.text, /^lookout_messages_total \d+$/m);
    assert.match(r.text, /^lookout_decode_errors\{reason="[a-z_]+"\} \d+$/m);
    assert.match(r.text, /^lookout_events\{type="gap"\} \d+$/m);
    assert.match(r.text, /^lookout_store_write_seconds_bucket\{le="\+Inf"\} [1-9]\d*$/m);
    assert.match(r.text, /^lookout_live_clients 0$/m);
    assert.match(r.text, /^# TYPE lookout_store_write_seconds histogram$/m);
  });

  test('messages the analysis did not use are counted by reason, in /metrics and /api/status alike', async () => {
    const text = (await call(`${base}/metrics`)).text;
    const status = (await call(`${base}/api/status`)).json;
    const rejected: Record<string, number> = {};
    for (const m of text.matchAll(/^lookout_messages_rejected\{reason="([a-z_0-9]+)"\} (\d+)$/gm)) rejected[m[1]] = Number(m[2]);
    assert.deepEqual(rejected, status.ingest.rejected);
    assert.ok(Object.keys(rejected).length > 0, 'real recordings always have some (duplicates from several receivers, positions not available…)');
    const positions = Number(/^lookout_positions_total (\d+)$/m.exec(text)?.[1]);
    assert.equal(positions, status.ingest.positions);
    const messages = Number(/^lookout_messages_total (\d+)$/m.exec(text)?.[1]);
    const unused = Object.values(rejected).reduce((a, b) => a + b, 0);
    assert.ok(positions > 0 && positions + unused <= messages, `${positions} fixes + ${unused} rejected ≤ ${messages} messages`);
  });

  test('sources report their lines, messages and decode errors by reason', async () => {
    const r = await call(`${base}/api/sources`);
    const replay = r.json.find((s: any) => s.name === 'replay');
    assert.equal(replay.kind, 'file');
    assert.equal(replay.state, 'done');
    assert.equal(replay.lines, 13_000);
    assert.ok(replay.messages > 9_700);
    assert.ok(Object.values(replay.errors).every((n) => typeof n === 'number' && n > 0));
  });

  test('the OpenAPI 3.1 document lists every required path and the reference page renders', async () => {
    const doc = (await call(`${base}/api/openapi.json`)).json;
    assert.equal(doc.openapi, '3.1.0');
    for (const p of ['/api/vessels', '/api/vessels/{mmsi}', '/api/vessels/{mmsi}/track', '/api/events', '/api/events/{id}', '/api/zones', '/api/ports', '/api/sources', '/healthz', '/readyz', '/metrics', '/api/openapi.json']) {
      assert.ok(doc.paths[p]?.get, `GET ${p} is documented`);
    }
    assert.ok(doc.paths['/api/zones'].post.requestBody);
    assert.ok(doc.components.schemas.Event);
    const page = await call(`${base}/api/docs`);
    assert.match(page.text, /<h1>Lookout API<\/h1>/);
    assert.match(page.text, /\/api\/vessels\/\{mmsi\}\/track/);
  });

  test('an unknown API path is a 404 and a wrong method a 405 with Allow', async () => {
    const a = await call(`${base}/api/nope`);
    assert.equal(a.status, 404);
    assert.match(a.json.error.message, /no such endpoint/);
    const b = await call(`${base}/api/vessels`, { method: 'DELETE' });
    assert.equal(b.status, 405);
    assert.equal(b.headers.get('allow'), 'GET');
  });

  test('the root serves a page even before the web UI is built', async () => {
    const r = await call(`${base}/`);
    assert.equal(r.status, 200);
    assert.match(r.text, /<title>Lookout<\/title>/);
  });
});

describe('vessels', () => {
  test('the list holds every vessel with identity and latest position', () => {
    assert.ok(vessels.length > 700);
    const named = vessels.filter((v) => v.name);
    assert.ok(named.length > 10, `${named.length} named vessels`);
    const v = vessels.find((x) => x.position);
    assert.equal(typeof v.position.lat, 'number');
    assert.match(v.last_seen, /^\d{4}-\d\d-\d\dT/);
  });

  test('search finds a vessel by MMSI, by name prefix and by a misspelt name', async () => {
    const v = vessels.find((x) => x.name && /^[A-Z]{5,}/.test(x.name));
    const byMmsi = (await call(`${base}/api/vessels?q=${v.mmsi}`)).json;
    assert.equal(byMmsi[0].mmsi, v.mmsi);
    const prefix = v.name.slice(0, 4);
    const byPrefix = (await call(`${base}/api/vessels?q=${encodeURIComponent(prefix)}`)).json;
    assert.ok(byPrefix.some((x: any) => x.mmsi === v.mmsi));
    assert.ok(byPrefix.every((x: any) => x.name.toUpperCase().replace(/[^A-Z0-9]/g, '').startsWith(prefix.replace(/[^A-Z0-9]/g, '')) || String(x.mmsi).startsWith(prefix) || x.callsign), 'prefix hits come first');
    const typo = v.name.slice(0, 2) + v.name[3] + v.name[2] + v.name.slice(4);
    const byTypo = (await call(`${base}/api/vessels?q=${encodeURIComponent(typo)}`)).json;
    assert.ok(byTypo.some((x: any) => x.mmsi === v.mmsi), `'${typo}' finds ${v.name}`);
  });

  test('search finds a vessel by IMO and by call sign', async () => {
    const v = vessels.find((x) => x.imo && x.callsign);
    assert.ok(v, 'the recordings carry IMO numbers and call signs');
    assert.equal((await call(`${base}/api/vessels?q=IMO%20${v.imo}`)).json[0].mmsi, v.mmsi);
    assert.ok((await call(`${base}/api/vessels?q=${encodeURIComponent(v.callsign)}`)).json.some((x: any) => x.mmsi === v.mmsi));
  });

  test('a viewport returns only vessels inside it, also as GeoJSON', async () => {
    const bbox = [4, 57, 12, 63];
    const inside = (await call(`${base}/api/vessels?bbox=${bbox.join(',')}&limit=100000`)).json;
    assert.ok(inside.length > 10);
    for (const v of inside) assert.ok(v.position.lon >= 4 && v.position.lon <= 12 && v.position.lat >= 57 && v.position.lat <= 63);
    const expected = vessels.filter((v) => v.position && v.position.lon >= 4 && v.position.lon <= 12 && v.position.lat >= 57 && v.position.lat <= 63);
    assert.equal(inside.length, expected.length);
    const gj = await call(`${base}/api/vessels?bbox=${bbox.join(',')}&format=geojson&limit=100000`);
    assert.equal(gj.json.type, 'FeatureCollection');
    assert.equal(gj.json.features.length, inside.length);
    assert.equal(gj.json.features[0].geometry.type, 'Point');
  });

  test('flag and ship-type filters keep only matching vessels', async () => {
    const no = (await call(`${base}/api/vessels?flags=NO&limit=100000`)).json;
    assert.ok(no.length > 10);
    assert.ok(no.every((v: any) => v.flag === 'NO'));
    const fishing = (await call(`${base}/api/vessels?types=fishing&limit=100000`)).json;
    assert.ok(fishing.length > 0);
    assert.ok(fishing.every((v: any) => v.ship_type === 30));
    const cargo = (await call(`${base}/api/vessels?types=70-79&limit=100000`)).json;
    assert.ok(cargo.every((v: any) => v.ship_type >= 70 && v.ship_type <= 79));
  });

  test('bad vessel queries are 400s that name the parameter and the reason', async () => {
    const cases: [string, RegExp][] = [
      ['limit=0', /'limit' must be ≥ 1/],
      ['limit=abc', /'limit' must be a integer|'limit' must be an integer/],
      ['bbox=1,2,3', /'bbox' must be west,south,east,north/],
      ['bbox=0,50,10,40', /south must not exceed north/],
      ['types=submarine', /'types' has 'submarine'/],
      ['flags=norway', /'flags' has 'norway'/],
      ['since=yesterday', /'since' must be an ISO 8601 time/],
      ['colour=red', /unknown parameter 'colour'/],
      ['limit=1&limit=2', /'limit' is given 2 times/],
    ];
    for (const [qs, re] of cases) {
      const r = await call(`${base}/api/vessels?${qs}`);
      assert.equal(r.status, 400, qs);
      assert.match(r.json.error.message, re, qs);
    }
  });

  test('one vessel has its identity history; an unknown one is a 404, a bad MMSI a 400', async () => {
    const mmsi = vessels.find((v) => v.name && v.callsign).mmsi;
    const r = await call(`${base}/api/vessels/${mmsi}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.mmsi, mmsi);
    assert.ok(Array.isArray(r.json.identity_history));
    assert.ok(r.json.identity_history.length > 0, 'identity values are recorded');
    assert.ok(r.json.identity_history.every((c: any) => typeof c.field === 'string' && /^\d{4}-/.test(c.time)));
    assert.equal((await call(`${base}/api/vessels/999999998`)).status, 404);
    assert.equal((await call(`${base}/api/vessels/abc`)).status, 400);
  });

  test('a track comes as a GeoJSON line with times, as points and as JSON, simplified on request', async () => {
    // CSCL SUMMER crosses the North Pacific in the GFW recording.
    const mmsi = 477293900;
    const range = 'from=2021-01-01T00:00:00Z&to=2021-01-04T00:00:00Z';
    const line = (await call(`${base}/api/vessels/${mmsi}/track?${range}`)).json;
    assert.equal(line.type, 'Feature');
    assert.ok(['LineString', 'MultiLineString'].includes(line.geometry.type));
    assert.ok(line.properties.stored_points > 100);
    const pts = (await call(`${base}/api/vessels/${mmsi}/track?${range}&format=points`)).json;
    assert.equal(pts.features.length, line.properties.points);
    const js = (await call(`${base}/api/vessels/${mmsi}/track?${range}&format=json`)).json;
    const times = js.positions.map((p: any) => Date.parse(p.time));
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first');
    const small = (await call(`${base}/api/vessels/${mmsi}/track?${range}&format=json&max_points=10`)).json;
    assert.ok(small.positions.length <= 10);
    assert.equal(small.positions[0].time, js.positions[0].time, 'simplification keeps the first fix');
    assert.equal(small.positions.at(-1).time, js.positions.at(-1).time, 'and the last');
    const bad = await call(`${base}/api/vessels/${mmsi}/track?from=2021-01-05T00:00:00Z&to=2021-01-01T00:00:00Z`);
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.message, /'from' must not be after 'to'/);
  });
});

describe('events', () => {
  test('events are in the contract shape and of several types', () => {
    assert.ok(allEvents.length > 20);
    const types = new Set(allEvents.map((e) => e.type));
    assert.ok(types.size >= 3, [...types].join(','));
    for (const e of allEvents) {
      assert.match(e.id, /^[a-z_]+-[0-9a-f]{16}$/);
      assert.match(e.start, /Z$/);
      assert.equal(typeof e.confidence, 'number');
      assert.equal(typeof e.details, 'object');
    }
  });

  test('cursor pages walk every event exactly once, newest first', async () => {
    const seen: string[] = [];
    let url: string | null = `${base}/api/events?limit=7`;
    let pages = 0;
    while (url) {
      const r: any = (await call(url)).json;
      seen.push(...r.items.map((e: any) => e.id));
      url = r.next_url ? base + r.next_url : null;
      pages++;
    }
    assert.equal(pages, Math.ceil(allEvents.length / 7));
    assert.deepEqual(seen, allEvents.map((e) => e.id));
    const starts = allEvents.map((e) => Date.parse(e.start));
    assert.deepEqual(starts, [...starts].sort((a, b) => b - a));
  });

  test('filters by type, vessel, confidence, time and bbox keep only matching events', async () => {
    const gap = (await call(`${base}/api/events?types=gap&limit=1000`)).json.items;
    assert.equal(gap.length, allEvents.filter((e) => e.type === 'gap').length);
    const m = allEvents[0].mmsi;
    const mine = (await call(`${base}/api/events?mmsi=${m}&limit=1000`)).json.items;
    assert.equal(mine.length, allEvents.filter((e) => e.mmsi === m || e.other_mmsi === m).length);
    const conf = (await call(`${base}/api/events?min_confidence=0.8&limit=1000`)).json.items;
    assert.equal(conf.length, allEvents.filter((e) => e.confidence >= 0.8).length);
    const from = '2021-01-05T00:00:00Z';
    const late = (await call(`${base}/api/events?from=${from}&limit=1000`)).json.items;
    assert.equal(late.length, allEvents.filter((e) => Date.parse(e.end) >= Date.parse(from)).length);
    const box = (await call(`${base}/api/events?bbox=100,0,180,60&limit=1000`)).json.items;
    assert.equal(box.length, allEvents.filter((e) => e.lon >= 100 && e.lat >= 0 && e.lat <= 60).length);
  });

  test('events come as CSV and as GeoJSON', async () => {
    const csv = await call(`${base}/api/events?format=csv&limit=5`);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const rows = csv.text.trim().split('\r\n');
    assert.equal(rows[0], 'id,type,mmsi,other_mmsi,imo,name,start,end,lat,lon,confidence,details');
    assert.equal(rows.length, 6);
    assert.ok(csv.headers.get('x-next-cursor'));
    const gj = (await call(`${base}/api/events?format=geojson&limit=5`)).json;
    assert.equal(gj.features.length, 5);
    assert.deepEqual(gj.features[0].geometry.coordinates, [allEvents[0].lon, allEvents[0].lat]);
  });

  test('one event by id; unknown is 404, malformed id or cursor is 400', async () => {
    const e = allEvents[3];
    const r = await call(`${base}/api/events/${e.id}`);
    assert.deepEqual(r.json, e);
    assert.match(r.headers.get('x-event-seq') ?? '', /^\d+$/);
    assert.equal((await call(`${base}/api/events/gap-0000000000000000`)).status, 404);
    assert.equal((await call(`${base}/api/events/DROP%20TABLE`)).status, 400);
    const badCursor = await call(`${base}/api/events?cursor=bm9wZQ`);
    assert.equal(badCursor.status, 400);
    assert.match(badCursor.json.error.message, /cursor/);
    assert.equal((await call(`${base}/api/events?types=teleport`)).status, 400);
  });
});

describe('reference data', () => {
  test('zones list bundled zones; a user zone can be created, queried for vessels inside, and deleted', async () => {
    const list = (await call(`${base}/api/zones?geometry=false`)).json;
    assert.equal(list.type, 'FeatureCollection');
    assert.deepEqual(list.features.map((f: any) => [f.id, f.geometry]), [['skagerrak', null]]);
    const zone = {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[4, 57], [12, 57], [12, 63], [4, 63], [4, 57]]] },
      properties: { name: 'Test Box Norway', tags: ['test'] },
    };
    const created = await call(`${base}/api/zones`, { method: 'POST', body: JSON.stringify(zone), headers: { 'content-type': 'application/json' } });
    assert.equal(created.status, 201);
    assert.equal(created.json.id, 'user-test-box-norway');
    const again = (await call(`${base}/api/zones?source=user&kind=user`)).json;
    assert.deepEqual(again.features.map((f: any) => f.id), ['user-test-box-norway']);
    const inside = (await call(`${base}/api/zones/user-test-box-norway/vessels?limit=100000`)).json;
    const viewport = (await call(`${base}/api/vessels?bbox=4,57,12,63&limit=100000`)).json;
    assert.equal(inside.length, viewport.length);
    assert.equal((await call(`${base}/api/zones/user-test-box-norway`, { method: 'DELETE' })).status, 204);
    assert.equal((await call(`${base}/api/zones/user-test-box-norway`)).status, 404);
    assert.equal((await call(`${base}/api/zones/user-test-box-norway`, { method: 'DELETE' })).status, 404);
  });

  test('invalid zones are refused with the reason', async () => {
    const post = (body: string): Promise<{ status: number; json: any }> => call(`${base}/api/zones`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    const open = { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }, properties: { name: 'x' } };
    let r = await post(JSON.stringify(open));
    assert.equal(r.status, 400);
    assert.match(r.json.error.message, /closed/);
    r = await post(JSON.stringify({ ...open, geometry: { type: 'Polygon', coordinates: [[[0, 0], [200, 0], [1, 1], [0, 0]]] } }));
    assert.match(r.json.error.message, /out of range/);
    r = await post(JSON.stringify({ ...open, properties: {} }));
    assert.match(r.json.error.message, /\$body\.properties\.name is required/);
    r = await post('{not json');
    assert.equal(r.status, 400);
    assert.match(r.json.error.message, /not valid JSON/);
    r = await post(JSON.stringify({ ...open, geometry: { type: 'Point', coordinates: [0, 0] } }));
    assert.match(r.json.error.message, /geometry\.type must be one of Polygon, MultiPolygon/);
  });

  test('ports filter by viewport and name', async () => {
    const all = (await call(`${base}/api/ports?limit=100000`)).json;
    assert.equal(all.length, 3);
    const box = (await call(`${base}/api/ports?bbox=10,59,11,60`)).json;
    assert.deepEqual(box.map((p: any) => p.name), ['Oslo']);
    assert.deepEqual((await call(`${base}/api/ports?q=kao`)).json.map((p: any) => p.unlocode), ['TWKHH']);
    assert.deepEqual((await call(`${base}/api/ports?q=NOBGO`)).json.map((p: any) => p.name), ['Bergen']);
    const gj = (await call(`${base}/api/ports?format=geojson&country=TW`)).json;
    assert.deepEqual(gj.features[0].geometry.coordinates, [120.28, 22.6]);
  });
});
