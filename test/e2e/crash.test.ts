/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect JSON response bodies structurally */
// Crash safety: kill -9 a server in the middle of ingest, restart it on the same database, and
// compare with an uninterrupted run over the same input: nothing committed is lost, no event is
// stored twice, and detection resumes (the final events are exactly those of the clean run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DEMO_NMEA, call, startServe, tempDir, waitFinished, waitFor } from './harness.js';

/** Everything a run leaves in its database, for comparison. */
function contents(db: string): { events: string[]; positions: number; vessels: number; identities: number } {
  const d = new Database(db, { readonly: true });
  try {
    const events = (d.prepare('SELECT id FROM events ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    const n = (sql: string): number => (d.prepare(sql).get() as { n: number }).n;
    return { events, positions: n('SELECT count(*) AS n FROM positions'), vessels: n('SELECT count(*) AS n FROM vessels'), identities: n('SELECT count(*) AS n FROM identity_history') };
  } finally {
    d.close();
  }
}

test('after kill -9 during ingest and a restart, nothing committed is lost, no event is duplicated and detection resumes', async () => {
  const tmp = tempDir();
  try {
    // The first 6,000 sentences of the GFW tracks (real AIS, Apache-2.0): 17 vessels over about two days,
    // with gaps, loitering, encounters and shared MMSIs, i.e. detectors holding state across the crash.
    const lines = gunzipSync(readFileSync(join(DEMO_NMEA, 'gfw_tracks_2021.nmea.gz'))).toString('latin1').split('\n').slice(0, 6000);
    const input = join(tmp.dir, 'gfw.nmea');
    writeFileSync(input, lines.join('\n') + '\n');
    const times = lines.map((l) => /c:(\d+)/.exec(l)?.[1]).filter((x) => x !== undefined).map((x) => Number(x) * 1000);
    const span = times[times.length - 1] - times[0];
    // Replayed over about three seconds, so the kill lands mid-ingest on any machine.
    const paced = `file://${input}?pace=recorded&speed=${Math.ceil(span / 3000)}`;
    const common = ['--geo', 'none'];

    const clean = await startServe([...common, '--db', join(tmp.dir, 'clean.db'), '--source', `gfw=${input}`]);
    await waitFinished(clean.url, 60_000);
    await clean.stop();
    const expected = contents(join(tmp.dir, 'clean.db'));
    assert.ok(expected.events.length > 10, `the input raises events (${expected.events.length})`);

    const db = join(tmp.dir, 'crash.db');
    const first = await startServe([...common, '--db', db, '--source', `gfw=${paced}`]);
    const atKill = await waitFor('some events and positions to be committed', async () => {
      const s = (await call(`${first.url}/api/status`)).json;
      return s.ingest.events_stored > 0 && s.ingest.positions_stored > 0 ? s : undefined;
    }, 60_000);
    const committed = (await call(`${first.url}/api/events?limit=1000`)).json.items.map((e: any) => e.id);
    await first.kill9();
    assert.equal(atKill.finished, false, 'the kill happened mid-ingest');
    const afterKill = contents(db);
    assert.ok(committed.every((id: string) => afterKill.events.includes(id)), 'events committed before the kill survive it');
    assert.ok(afterKill.events.length < expected.events.length, 'the crash interrupted detection');

    const second = await startServe([...common, '--db', db, '--source', `gfw=${paced}`]);
    await waitFinished(second.url, 60_000);
    await second.stop();
    const got = contents(db);
    assert.deepEqual(got.events, expected.events, 'the same events as the uninterrupted run, none twice');
    assert.equal(got.positions, expected.positions);
    assert.equal(got.vessels, expected.vessels);
    assert.equal(got.identities, expected.identities);
  } finally {
    tmp.remove();
  }
});
