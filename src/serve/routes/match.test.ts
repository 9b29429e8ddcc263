import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routes } from './match.js';
import { ListStore } from '../../store/lists/lists-store.js';
import type { AppContext } from '../context.js';
import type { RouteInput } from '../http.js';

async function app(): Promise<AppContext> {
  const store = await ListStore.open(':memory:');
  store.importList({
    list: { id: 'wl', title: 'WL', authority: 'custom' },
    entities: [
      { id: 'v', schema: 'Vessel', caption: 'ARTAVIL', properties: { name: ['ARTAVIL'], imoNumber: ['9187629'] }, datasets: ['wl'] },
      { id: 'v:s', schema: 'Sanction', caption: 'S', properties: { entity: ['v'], authority: ['US OFAC'] }, datasets: ['wl'] },
    ],
    problems: {},
    files: [],
  });
  return { db: store.db, services: new Map() } as unknown as AppContext;
}
const route = (path: string) => routes.find((r) => r.path === path)!;
const input = (body: unknown, query: Record<string, unknown> = {}): RouteInput => ({ params: {}, query, body, headers: {}, raw: undefined as never });

test('POST /api/match answers each query with scored, explained candidates', async () => {
  const a = await app();
  const reply = await route('/api/match').handler(input({ queries: { q1: { schema: 'Vessel', properties: { name: ['NEW NAME'], imoNumber: ['9187629'] } }, q2: { properties: { name: ['Nobody'] } } } }, { limit: 5 }), a);
  const r = (reply.json as { responses: Record<string, { results: { id: string; score: number; match: boolean; explanations: Record<string, unknown> }[] }> }).responses;
  assert.equal(r['q1'].results[0].id, 'v');
  assert.equal(r['q1'].results[0].match, true);
  assert.ok(r['q1'].results[0].explanations['vessel_imo_match']);
  assert.deepEqual(r['q2'].results, []);
});

test('POST /api/match/csv answers one JSON line per row and rejects a CSV without name columns', async () => {
  const a = await app();
  const reply = await route('/api/match/csv').handler(input('id,name,imo\nx,ARTAVIL,9187629\ny,Nobody,\n'), a);
  const lines = String(reply.body).trim().split('\n').map((l) => JSON.parse(l) as { id: string; matches: unknown[] });
  assert.deepEqual(lines.map((l) => [l.id, l.matches.length]), [['x', 1], ['y', 0]]);
  assert.throws(() => route('/api/match/csv').handler(input('a,b\n1,2\n'), a), /header/);
});
