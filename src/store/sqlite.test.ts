import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runStoreContract } from './store.contract.js';
import { openSqliteStore } from './sqlite.js';
import { applyMigrations, loadMigrations } from './migrate.js';

runStoreContract('SQLite in memory', async () => ({ store: await openSqliteStore({ path: ':memory:' }) }));

runStoreContract('SQLite file (WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-store-'));
  return { store: await openSqliteStore({ path: join(dir, 'db.sqlite') }), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
});

test('a file store runs in WAL mode and records its migrations once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-store-'));
  try {
    const path = join(dir, 'db.sqlite');
    const s = await openSqliteStore({ path });
    assert.equal(s.db.pragma('journal_mode', { simple: true }), 'wal');
    await s.close();
    const again = await openSqliteStore({ path });
    const versions = again.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[];
    assert.equal(versions.filter((v) => v.version === 1).length, 1);
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migrations are discovered from the folder and applied in version order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-mig-'));
  try {
    writeFileSync(join(dir, '0002-second.js'), "export const version = 2; export const name = 'second'; export const up = 'INSERT INTO t VALUES (2);';");
    writeFileSync(join(dir, '0001-first.js'), "export const version = 1; export const name = 'first'; export const up = 'CREATE TABLE t (x); INSERT INTO t VALUES (1);';");
    writeFileSync(join(dir, 'README.md'), 'not a migration');
    const ms = await loadMigrations(dir);
    assert.deepEqual(ms.map((m) => m.version), [1, 2]);
    const db = new Database(':memory:');
    assert.deepEqual(applyMigrations(db, ms), [1, 2]);
    assert.deepEqual(applyMigrations(db, ms), []);
    assert.deepEqual(db.prepare('SELECT x FROM t').all(), [{ x: 1 }, { x: 2 }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a migration whose version disagrees with its file name is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-mig-'));
  try {
    writeFileSync(join(dir, '0003-bad.js'), "export const version = 4; export const name = 'bad'; export const up = '';");
    await assert.rejects(loadMigrations(dir), /version 4/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the coarse level migration fills it from positions already stored, as the store keeps it', async () => {
  const all = await loadMigrations();
  const db = new Database(':memory:');
  applyMigrations(db, all.filter((m) => m.version === 1));
  const T0 = Date.UTC(2024, 0, 1);
  const ins = db.prepare('INSERT INTO positions (mmsi, time, lat, lon) VALUES (?, ?, ?, ?)');
  const rows: [number, number, number][] = [];
  for (let m = 0; m < 40; m += 3) rows.push([5, T0 + m * 60_000 + 7, m]);
  rows.push([6, T0 - 1, 1], [6, T0, 2]);
  for (const [mmsi, time, lat] of rows) ins.run(mmsi, time, lat, 0);
  applyMigrations(db, all.filter((m) => m.version < 100));
  const migrated = db.prepare('SELECT mmsi, bucket, time, lat, lon FROM positions_coarse ORDER BY mmsi, bucket').all();
  // The same positions written through the store.
  const s = await openSqliteStore({ path: ':memory:' });
  await s.write({ positions: rows.map(([mmsi, time, lat]) => ({ mmsi, time, lat, lon: 0 })) });
  assert.deepEqual(migrated, s.db.prepare('SELECT mmsi, bucket, time, lat, lon FROM positions_coarse ORDER BY mmsi, bucket').all());
  assert.equal(migrated.length, 8 + 2);
  await s.close();
});
