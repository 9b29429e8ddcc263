import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListStore, StoredListsScreener } from './lists-store.js';
import type { Entity, ImportResult } from '../../screen/model.js';

const vessel = (id: string, name: string, imo: string): Entity => ({ id, schema: 'Vessel', caption: name, properties: { name: [name], imoNumber: [imo] }, datasets: ['wl'] });
const sanction = (id: string): Entity => ({ id: `${id}:s`, schema: 'Sanction', caption: 'S', properties: { entity: [id], authority: ['custom'] }, datasets: ['wl'] });
const result = (entities: Entity[]): ImportResult => ({ list: { id: 'wl', title: 'Watchlist', authority: 'custom' }, entities, problems: {}, files: ['wl.csv'] });

test('re-importing a list reports added, removed and changed entities and keeps history', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-lists-'));
  try {
    const store = await ListStore.open(join(dir, 'sub', 'lists.db'));
    const first = store.importList(result([vessel('a', 'ALPHA', '9187629'), sanction('a'), vessel('b', 'BRAVO', '7640378'), sanction('b')]), 1000);
    assert.deepEqual([first.added, first.removed, first.changed, first.unchanged], [4, 0, 0, 0]);
    const second = store.importList(result([vessel('a', 'ALPHA', '9187629'), sanction('a'), vessel('b', 'BRAVO II', '7640378'), sanction('b'), vessel('c', 'CHARLIE', '8829593'), sanction('c')]), 2000);
    assert.deepEqual([second.added, second.removed, second.changed, second.unchanged], [2, 0, 1, 3]);
    const third = store.importList(result([vessel('b', 'BRAVO II', '7640378'), sanction('b')]), 3000);
    assert.deepEqual([third.added, third.removed, third.changed, third.unchanged], [0, 4, 0, 2]);
    assert.deepEqual(third.examples.removed.slice(0, 1), ['ALPHA [a]']);
    const hist = store.history('wl');
    assert.deepEqual(hist.map((h) => h.entities), [2, 6, 4]);
    const changes = store.changes(second.import_id);
    const changed = changes.find((c) => c.change === 'changed')!;
    assert.equal(changed.entity_id, 'b');
    assert.equal(changed.before?.caption, 'BRAVO', 'the replaced version is kept');
    const st = store.status();
    assert.equal(st.length, 1);
    assert.equal(st[0].entities, 2);
    assert.equal(st[0].imports, 3);
    assert.deepEqual(st[0].by_schema, { Sanction: 1, Vessel: 1 });
    assert.equal(store.entities().length, 2);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the stored-lists screener rebuilds after an import', async () => {
  const store = await ListStore.open(':memory:');
  const screener = new StoredListsScreener(store);
  assert.equal(screener.match({ schema: 'Vessel', properties: { imoNumber: ['9187629'] } }).length, 0);
  store.importList(result([vessel('a', 'ALPHA', '9187629'), sanction('a')]), 1);
  const hits = screener.match({ schema: 'Vessel', properties: { imoNumber: ['9187629'] } });
  assert.equal(hits[0]?.entity_id, 'a');
  store.close();
});

test('the index snapshot stored at import answers like a freshly built index and goes stale on re-import', async () => {
  const store = await ListStore.open(':memory:');
  const person = (id: string, name: string): Entity => ({ id, schema: 'Person', caption: name, properties: { name: [name], alias: [`${name} Jr`], nationality: ['kp'] }, datasets: ['wl'] });
  store.importList(result([vessel('a', 'ALPHA STAR', '9187629'), sanction('a'), person('p', 'Ri Pyong Chol'), sanction('p'), person('q', 'Aleksandr Petrov'), sanction('q')]), 1);
  const built = store.buildIndex();
  const restored = store.screener();
  const queries = [
    { schema: 'Vessel', properties: { imoNumber: ['9187629'] } },
    { properties: { name: ['ALFA STAR'] } },
    { properties: { name: ['Lee Byong Chol'] } },
    { schema: 'Person', properties: { name: ['Александр Петров'] } },
  ];
  for (const q of queries) assert.deepEqual(restored.match(q), built.match(q), JSON.stringify(q));
  assert.ok(restored.match(queries[2]).length > 0, 'the Korean skeleton index survives the snapshot');
  assert.equal(restored.size, built.size);
  store.importList(result([vessel('b', 'BRAVO', '7640378'), sanction('b')]), 2);
  const after = store.screener();
  assert.equal(after.match(queries[0]).length, 0, 'a re-import makes the old snapshot stale');
  assert.equal(after.match({ schema: 'Vessel', properties: { imoNumber: ['7640378'] } })[0]?.entity_id, 'b');
  store.close();
});
