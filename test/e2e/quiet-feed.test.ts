// A receiver that sends a burst of sentences without timestamps and then goes quiet: the server
// stamps them on arrival, and the burst's last messages must still be processed and stored once
// they have waited the reorder window (stream time moves on with the wall clock while the feed
// is quiet), not held until the next message arrives.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { DEMO_NMEA, call, startServe, tempDir, waitFor } from './harness.js';
import type { ServeProcess } from './harness.js';

let server: ServeProcess;
let tmp: { dir: string; remove: () => void };

before(async () => {
  tmp = tempDir();
  // The default reorder window (3 s): the burst below is shorter than it.
  server = await startServe(['--db', join(tmp.dir, 'quiet.db'), '--geo', 'none', '--thin-seconds', '0', '--source', 'rx=tcp-listen://127.0.0.1:0']);
});

after(async () => {
  await server?.stop();
  tmp?.remove();
});

test('a burst without timestamps from a feed that then goes quiet is processed and stored', async () => {
  const addr = await waitFor('the feed to listen', async () => (await call(`${server.url}/api/sources`)).json[0].address as string | undefined);
  const [host, port] = addr.split(':');
  // Real single-part sentences with their NMEA 4.0 tag blocks removed: no time of their own.
  const text = readFileSync(join(DEMO_NMEA, 'kystverket_ais1000lines_20190807.nm4'), 'latin1')
    .split('\n').map((l) => l.replace(/^\\[^\\]*\\/, '')).filter((l) => l.startsWith('!') && l.split(',')[1] === '1').join('\n');
  const sentences = text.split('\n').length;
  await new Promise<void>((resolve, reject) => {
    const s = connect(Number(port), host, () => s.end(`${text}\n`));
    s.on('close', () => resolve());
    s.on('error', reject);
  });
  const sent = Date.now();
  const st = await waitFor('the burst to be stored', async () => {
    const s = (await call(`${server.url}/api/status`)).json;
    return s.ingest.positions_stored > 0 && s.ingest.pending === 0 ? s : undefined;
  }, 20_000);
  assert.equal(st.ingest.messages, sentences, 'every sentence decoded');
  // Every position message of distinct (mmsi, second) is kept with thinning off; duplicates and
  // messages without a position (static data) are the only ones not stored.
  const vessels = (await call(`${server.url}/api/vessels?limit=100000`)).json as { position?: { time: string } }[];
  assert.ok(vessels.length > 300, `vessels from the burst are in the picture (${vessels.length})`);
  for (const v of vessels) {
    if (!v.position) continue;
    const t = Date.parse(v.position.time);
    assert.ok(t <= sent && t > sent - 60_000, 'positions are stamped with their arrival time');
  }
});
