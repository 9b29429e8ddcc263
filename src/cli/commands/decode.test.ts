import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FIXTURES, REPO_ROOT } from '../../../test/support/paths.js';

const BIN = join(REPO_ROOT, 'bin', 'lookout.js');
const FILE = join(FIXTURES, 'nmea', 'kystverket_norwegian_20241209.raw');

function lookout(args: string[], input?: Buffer): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'decode', ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('decode prints one JSON object per message with the reception fields first', () => {
  const r = lookout([FILE]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 196);
  const first = JSON.parse(lines[0]);
  assert.equal(first.received, '2024-12-09T22:07:14.000Z');
  assert.equal(first.station, '2573238');
  assert.equal(first.channel, 'A');
  assert.equal(first.talker, 'BS');
  assert.equal(first.type, 1);
  assert.equal(typeof first.mmsi, 'number');
  assert.deepEqual(Object.keys(first).slice(0, 5), ['received', 'station', 'channel', 'talker', 'type']);
  assert.match(r.stderr, /decoded 196 messages from 223 lines/);
  assert.match(r.stderr, /rejected +none/);
});

test('--types keeps only the listed message types', () => {
  const r = lookout(['--types', '5,24', FILE]);
  const types = r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { type: number }).type);
  assert.equal(types.filter((t) => t === 5).length, 27);
  assert.ok(types.every((t) => t === 5 || t === 24));
});

test('--format csv writes a header and one row per message', () => {
  const r = lookout(['--format', 'csv', '--fields', 'received,mmsi,type,shipname', FILE]);
  const rows = r.stdout.trimEnd().split('\n');
  assert.equal(rows[0], 'received,mmsi,type,shipname');
  assert.equal(rows.length, 197);
  assert.match(rows[1], /^2024-12-09T22:07:14\.000Z,\d+,1,$/);
  assert.ok(rows.some((row) => /,5,[A-Z]/.test(row)), 'type 5 rows carry the ship name');
});

test('gzip files and stdin give the same output as the plain file', () => {
  const plain = lookout([FILE]).stdout;
  const dir = mkdtempSync(join(tmpdir(), 'lookout-decode-'));
  const gz = join(dir, 'log.nmea.gz');
  writeFileSync(gz, gzipSync(readFileSync(FILE)));
  assert.equal(lookout([gz]).stdout, plain);
  assert.equal(lookout([], readFileSync(FILE)).stdout, plain);
  assert.equal(lookout(['-'], gzipSync(readFileSync(FILE))).stdout, plain);
});

test('rejected lines are summarised by reason; unreadable files and bad options fail', () => {
  const r = lookout([join(FIXTURES, 'nmea', 'probe-errors.nmea')]);
  assert.equal(r.status, 0);
  assert.match(r.stderr, /bad_checksum 1/);
  assert.match(r.stderr, /missing_checksum 1/);
  assert.match(r.stderr, /messages by type +1: 7, 5: 4/);
  const missing = lookout([join(FIXTURES, 'no-such-file.nmea')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot open/);
  assert.equal(lookout(['--format', 'xml', FILE]).status, 2);
  assert.equal(lookout(['--types', 'x', FILE]).status, 2);
});
