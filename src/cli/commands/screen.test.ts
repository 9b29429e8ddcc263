import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, REPO_ROOT } from '../../../test/support/paths.js';

const BIN = join(REPO_ROOT, 'bin', 'lookout.js');
const FX = join(FIXTURES, 'sanctions');
const run = (...args: string[]): string => execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('lookout lists import, status and screen work end to end on the fixtures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-screen-'));
  try {
    const db = join(dir, 'l.db');
    const imported = run('lists', 'import', join(FX, 'ofac_sdn_sample.csv'), join(FX, 'ofac_alt_sample.csv'), join(FX, 'un_consolidated_sample.xml'), join(FX, 'custom_watchlist.csv'), '--db', db);
    assert.match(imported, /us_ofac_sdn .*added 15/);
    const again = JSON.parse(run('lists', 'import', join(FX, 'custom_watchlist.csv'), '--db', db, '--format', 'json')) as { imports: { added: number; unchanged: number }[] };
    assert.equal(again.imports[0].added, 0);
    assert.equal(again.imports[0].unchanged, 6);
    const status = JSON.parse(run('lists', 'status', '--db', db, '--format', 'json')) as { lists: { list_id: string; imports: number }[] };
    assert.deepEqual(status.lists.map((l) => `${l.list_id}:${l.imports}`), ['custom_watchlist:2', 'un_sc_sanctions:1', 'us_ofac_sdn:1']);

    const csv = join(dir, 'q.csv');
    writeFileSync(csv, 'id,schema,name,imo,mmsi,callsign,flag,country,birth_date\nq1,Vessel,SOMETHING ELSE,9187629,,,,,\nq2,,Lee Je Sun,,,,,,\nq3,Person,Nobody Known,,,,,,1990-01-01\nq4,,,,,,,,\n');
    const lines = run('screen', '--csv', csv, '--db', db, '--format', 'jsonl').trim().split('\n').map((l) => JSON.parse(l) as { id: string; matches: { entity_id: string; decision: string; score: number; lists: string[]; explanation: Record<string, unknown> }[] });
    assert.deepEqual(lines.map((l) => l.id), ['q1', 'q2', 'q3']);
    assert.equal(lines[0].matches[0].entity_id, 'us_ofac_sdn:15036');
    assert.equal(lines[0].matches[0].decision, 'match');
    assert.ok(lines[0].matches[0].explanation['vessel_imo_match']);
    assert.ok(lines[1].matches.some((m) => m.entity_id === 'un_sc_sanctions:6908045' && m.decision === 'match'));
    assert.deepEqual(lines[2].matches, []);
    const scores = lines[1].matches.map((m) => m.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'best first');

    const text = run('screen', 'IMO 9187629', 'Ri Che-son', '--db', db);
    assert.match(text, /ARTAVIL/);
    assert.match(text, /RI JE-SON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lookout screen without lists or arguments explains itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-screen-'));
  try {
    assert.throws(() => run('screen', '--db', join(dir, 'e.db')), (e: { status: number }) => e.status === 2);
    assert.throws(() => run('screen', 'KIM', '--db', join(dir, 'e.db')), (e: { status: number; stderr: string }) => e.status === 1 && /no lists/.test(e.stderr));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
