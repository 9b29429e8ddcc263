import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { FIXTURES } from '../../test/support/paths.js';
import { decodeText } from '../ais/nmea/decoder.js';
import type { ReceivedMessage } from '../ais/types.js';
import { createAisDecodeStream, splitLines } from './lines.js';

const FILE = join(FIXTURES, 'nmea', 'kystverket_norwegian_20241209.raw');

test('splitLines splits LF and CRLF lines across chunk boundaries and drops over-long lines', async () => {
  const text = 'a\r\nbb\n' + 'x'.repeat(50) + '\nccc\nlast';
  const counts = { tooLong: 0 };
  const chunks = [];
  for (let i = 0; i < text.length; i += 3) chunks.push(Buffer.from(text.slice(i, i + 3)));
  const lines = [];
  for await (const l of splitLines(Readable.from(chunks), 10, counts)) lines.push(l);
  assert.deepEqual(lines, ['a', 'bb', 'ccc', 'last']);
  assert.equal(counts.tooLong, 1);
});

test('the Node transform decodes a file stream like the synchronous decoder', async () => {
  const expected = decodeText(readFileSync(FILE, 'latin1'));
  const got: ReceivedMessage[] = [];
  const decode = createAisDecodeStream();
  await pipeline(
    createReadStream(FILE, { highWaterMark: 1000 }),
    decode,
    new Writable({
      objectMode: true,
      highWaterMark: 2,
      write(m: ReceivedMessage, _e, cb) {
        got.push(m);
        setImmediate(cb); // a slow consumer: the pipeline must wait for it
      },
    }),
  );
  assert.deepEqual(got, expected.messages);
  assert.deepEqual(decode.stats, expected.stats);
});
