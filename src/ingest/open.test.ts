import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FIXTURES } from '../../test/support/paths.js';
import { openInput } from './open.js';

const FILE = join(FIXTURES, 'nmea', 'kystverket_norwegian_20241209.raw');

async function readAll(path: string): Promise<{ text: string; gzip: boolean; size: number | undefined; bytesRead: number }> {
  const input = await openInput(path);
  const parts: Buffer[] = [];
  for await (const c of input.chunks) parts.push(c);
  return { text: Buffer.concat(parts).toString('latin1'), gzip: input.gzip, size: input.size, bytesRead: input.bytesRead };
}

test('a plain file is read as it is, with its size known', async () => {
  const r = await readAll(FILE);
  assert.equal(r.text, readFileSync(FILE, 'latin1'));
  assert.equal(r.gzip, false);
  assert.equal(r.size, r.bytesRead);
});

test('gzip is detected by its magic bytes, whatever the file name, and decompressed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-open-'));
  const original = readFileSync(FILE);
  // Two gzip members back to back, as `cat a.gz b.gz` makes: both are read.
  const gz = Buffer.concat([gzipSync(original), gzipSync(original)]);
  const path = join(dir, 'no-extension');
  writeFileSync(path, gz);
  const r = await readAll(path);
  assert.equal(r.gzip, true);
  assert.equal(r.text, original.toString('latin1').repeat(2));
  assert.equal(r.bytesRead, gz.length);
});

test('an empty file and a missing file behave', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-open-'));
  writeFileSync(join(dir, 'empty'), '');
  assert.equal((await readAll(join(dir, 'empty'))).text, '');
  await assert.rejects(openInput(join(dir, 'missing')), /ENOENT/);
  await assert.rejects(openInput(dir), /directory/);
});
