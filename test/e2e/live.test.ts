/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect JSON messages structurally */
// The live stream against a real server: a receiver pushes real AIS over TCP (tcp-listen source);
// WebSocket clients get positions inside their viewport and every event, and a client that
// reconnects with its cursor misses nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { AisDecoder } from '../../src/ais/nmea/decoder.js';
import type { ReceivedMessage } from '../../src/ais/types.js';
import { DEMO_NMEA, call, startServe, tempDir, waitFor } from './harness.js';
import type { ServeProcess } from './harness.js';

let server: ServeProcess;
let tmp: { dir: string; remove: () => void };
let feed: { host: string; port: number };

const AMSA = readFileSync(join(DEMO_NMEA, 'amsa_exactearth_augmented_20120131.txt'), 'latin1');
const KYSTVERKET = readFileSync(join(DEMO_NMEA, 'kystverket_ais1000lines_20190807.nm4'), 'latin1');
const NORWAY: [number, number, number, number] = [4, 57, 12, 63];

before(async () => {
  tmp = tempDir();
  server = await startServe(['--db', join(tmp.dir, 'live.db'), '--geo', 'none', '--reorder-ms', '0', '--source', 'feed=tcp-listen://127.0.0.1:0']);
  const addr = await waitFor('the feed to listen', async () => (await call(`${server.url}/api/sources`)).json[0].address as string | undefined);
  const [host, port] = addr.split(':');
  feed = { host: host, port: Number(port) };
});

after(async () => {
  await server?.stop();
  tmp?.remove();
});

/** Send text to the tcp-listen source, then wait until every line is processed and committed. */
async function push(text: string): Promise<void> {
  const before = (await call(`${server.url}/api/sources`)).json[0].lines as number;
  const lines = text.split('\n').filter((l) => l.trim() !== '').length;
  await new Promise<void>((resolve, reject) => {
    const s = connect(feed.port, feed.host, () => s.end(text));
    s.on('close', () => resolve());
    s.on('error', reject);
  });
  await waitFor('the pushed lines to be committed', async () => {
    const [src] = (await call(`${server.url}/api/sources`)).json;
    const st = (await call(`${server.url}/api/status`)).json;
    return src.lines === before + lines && st.ingest.queue === 0 && st.ingest.pending === 0;
  });
}

interface Client { ws: WebSocket; messages: any[]; closed: Promise<void> }

function open(query: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/live${query}`);
    const messages: any[] = [];
    const closed = new Promise<void>((r) => ws.once('close', () => r()));
    ws.on('message', (d) => messages.push(JSON.parse((d as Buffer).toString('utf8'))));
    ws.once('open', () => resolve({ ws, messages, closed }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const events = (c: Client): any[] => c.messages.filter((m) => m.type === 'event');
const positions = (c: Client): any[] => c.messages.filter((m) => m.type === 'positions' || m.type === 'snapshot').flatMap((m) => m.vessels);

test('a client gets positions inside its viewport and every event; reconnecting with its cursor misses nothing', async () => {
  const a = await open(`?bbox=${NORWAY.join(',')}`);
  await waitFor('hello and snapshot', () => a.messages.some((m) => m.type === 'snapshot'));
  assert.equal(a.messages[0].type, 'hello');
  await push(AMSA);
  await push(KYSTVERKET);
  await waitFor('events to arrive', () => events(a).length > 0);

  const moved = positions(a);
  assert.ok(moved.length > 20, 'positions in the viewport arrive');
  for (const v of moved) assert.ok(v.lon >= 4 && v.lon <= 12 && v.lat >= 57 && v.lat <= 63, `${v.mmsi} at ${v.lat},${v.lon} is inside`);
  const everyone = (await call(`${server.url}/api/vessels?limit=100000`)).json;
  assert.ok(everyone.some((v: any) => v.position && (v.position.lat > 63 || v.position.lon < 4)), 'vessels outside the viewport exist and were filtered');

  const stored = (await call(`${server.url}/api/events?limit=1000`)).json.items;
  assert.deepEqual(new Set(events(a).map((m) => m.event.id)), new Set(stored.map((e: any) => e.id)), 'a connected client sees every committed event');
  const cursor = Math.max(...events(a).map((m) => m.seq));
  a.ws.close();
  await a.closed;

  // While the client is away more traffic arrives and raises more events.
  await push(readFileSync(join(DEMO_NMEA, 'kystverket_norwegian_20241209.raw'), 'latin1'));
  await push(AMSA.replace(/\b2012,1,31,/g, '2025,1,31,').replace(/,13279\d{8}\b/g, ''));
  const all = (await call(`${server.url}/api/events?limit=1000`)).json.items;
  assert.ok(all.length > stored.length, 'new events were raised while the client was away');

  const b = await open(`?cursor=${cursor}&bbox=${NORWAY.join(',')}`);
  await waitFor('the catch-up and snapshot', () => b.messages.some((m) => m.type === 'snapshot'));
  const caught = events(b);
  assert.ok(caught.every((m) => m.seq > cursor));
  const seen = [...events(a), ...caught].map((m) => m.event.id);
  assert.equal(new Set(seen).size, seen.length, 'no event is sent twice');
  assert.deepEqual(new Set(seen), new Set(all.map((e: any) => e.id)), 'nothing is missed');
  const snap = b.messages.find((m) => m.type === 'snapshot');
  assert.ok(snap.vessels.length > 20);
  assert.ok(b.messages.indexOf(snap) > b.messages.indexOf(caught.at(-1)), 'catch-up comes before the snapshot');
  b.ws.close();
  await b.closed;
});

test('satellite messages that arrive after the reorder window are kept as history, not lost', async () => {
  // After the first test the AMSA exactEarth log (satellite passes, up to ~96 min out of order) has
  // gone through the server with a 0 ms window: what came behind a newer message was late.
  const decoder = new AisDecoder();
  const out: ReceivedMessage[] = [];
  decoder.write(AMSA, out);
  decoder.end(out);
  let newest = -Infinity;
  const inOrder = new Set<string>();
  const late: { mmsi: number; time: number }[] = [];
  for (const { message: m, meta } of out) {
    const t = meta.time;
    if (t === undefined) continue;
    const isLate = t < newest;
    newest = Math.max(newest, t);
    const positioned = ((m.type >= 1 && m.type <= 3) || m.type === 18 || m.type === 19) && m.lat !== undefined && m.lon !== undefined && Math.abs(m.lat) <= 90 && Math.abs(m.lon) <= 180 && !(m.lat === 0 && m.lon === 0);
    if (!positioned) continue;
    if (isLate) late.push({ mmsi: m.mmsi, time: t });
    else inOrder.add(`${m.mmsi}@${t}`);
  }
  const onlyLate = late.filter((l) => !inOrder.has(`${l.mmsi}@${l.time}`));
  assert.ok(onlyLate.length > 100, `late positions in the log: ${onlyLate.length}`);
  const st = (await call(`${server.url}/api/status`)).json;
  assert.ok(st.ingest.rejected.late >= late.length, 'late messages are counted');
  assert.ok(st.ingest.late_positions >= onlyLate.length, `late positions kept: ${st.ingest.late_positions}`);
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  assert.match(metrics, /^lookout_late_positions_total \d+/m);
  // A late position is in its vessel's stored track, at its own time.
  for (const l of [onlyLate[0], onlyLate[Math.floor(onlyLate.length / 2)], onlyLate[onlyLate.length - 1]]) {
    const q = `from=${new Date(l.time - 3600_000).toISOString()}&to=${new Date(l.time + 3600_000).toISOString()}&format=json&max_points=100000`;
    const track = (await call(`${server.url}/api/vessels/${l.mmsi}/track?${q}`)).json;
    assert.ok(track.positions.some((p: any) => Date.parse(p.time) === l.time), `${l.mmsi} at ${new Date(l.time).toISOString()} is stored`);
  }
});

test('a client moves its viewport with subscribe and is told about bad messages', async () => {
  const c = await open('?positions=false');
  await waitFor('hello', () => c.messages.length > 0);
  assert.ok(!c.messages.some((m) => m.type === 'snapshot'), 'positions=false sends no snapshot');
  c.ws.send(JSON.stringify({ type: 'subscribe', bbox: [10, 58, 11, 60], positions: true }));
  const snap = await waitFor('a snapshot', () => c.messages.find((m) => m.type === 'snapshot'));
  assert.ok(snap.vessels.every((v: any) => v.lon >= 10 && v.lon <= 11 && v.lat >= 58 && v.lat <= 60));
  const expected = (await call(`${server.url}/api/vessels?bbox=10,58,11,60&limit=100000`)).json;
  assert.equal(snap.vessels.length, expected.length);
  c.ws.send('not json');
  c.ws.send(JSON.stringify({ type: 'subscribe', bbox: [1, 2] }));
  c.ws.send(JSON.stringify({ type: 'dance' }));
  const errors = await waitFor('three errors', () => { const e = c.messages.filter((m) => m.type === 'error'); return e.length === 3 ? e : undefined; });
  assert.match(errors[0].message, /JSON/);
  assert.match(errors[1].message, /bbox/);
  assert.match(errors[2].message, /unknown message type/);
  c.ws.send(JSON.stringify({ type: 'ping' }));
  await waitFor('a pong', () => c.messages.some((m) => m.type === 'pong'));
  c.ws.close();
  await c.closed;
});

test('a bad stream parameter is refused with a 400 before the upgrade', async () => {
  await assert.rejects(open('?bbox=1,2,3'), /HTTP 400/);
  await assert.rejects(open('?cursor=-4'), /HTTP 400/);
  await assert.rejects(open('?types=bogus'), /HTTP 400/);
});
