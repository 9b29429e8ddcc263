/**
 * Node-side line handling: a line splitter with a hard cap on line length (for any
 * line-oriented input), and the AIS decoder as a Node Transform stream (bytes in,
 * ReceivedMessage objects out) with the usual stream backpressure.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { AisDecoder, type AisDecoderOptions } from '../ais/nmea/decoder.js';
import type { DecodeStats } from '../ais/nmea/stats.js';
import type { ReceivedMessage } from '../ais/types.js';

/** Bytes → string, one char per byte: exact for ASCII (NMEA), never splits a character. */
export function latin1(chunk: Buffer | string): string {
  return typeof chunk === 'string' ? chunk : chunk.toString('latin1');
}

/** What {@link splitLines} found besides lines. */
export interface LineCounts {
  /** Lines dropped for exceeding maxLineLength. */
  tooLong: number;
}

/**
 * Splits chunks into lines (LF or CRLF; the terminator is removed), pulling input only as
 * lines are consumed. A line longer than `maxLineLength` is dropped and counted, and never
 * buffered beyond the cap, so memory stays bounded whatever the input.
 */
export async function* splitLines(
  source: AsyncIterable<Buffer | string>,
  maxLineLength = 4096,
  counts: LineCounts = { tooLong: 0 },
): AsyncGenerator<string, void, undefined> {
  let carry = '';
  let skipping = false;
  for await (const chunk of source) {
    const s = latin1(chunk);
    let start = 0;
    for (;;) {
      const nl = s.indexOf('\n', start);
      if (nl < 0) break;
      if (skipping || carry.length + nl - start > maxLineLength) {
        counts.tooLong++;
      } else {
        let line = carry === '' ? s.slice(start, nl) : carry + s.slice(start, nl);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        yield line;
      }
      carry = '';
      skipping = false;
      start = nl + 1;
    }
    if (start < s.length && !skipping) {
      if (carry.length + s.length - start > maxLineLength) {
        carry = '';
        skipping = true;
      } else carry += s.slice(start);
    }
  }
  if (skipping) counts.tooLong++;
  else if (carry !== '') yield carry.endsWith('\r') ? carry.slice(0, -1) : carry;
}

/**
 * The AIS decoder as a Node Transform: write bytes or strings, read ReceivedMessage objects.
 * `stats` holds the decoder's counts (final after 'end').
 */
export class AisDecodeTransform extends Transform {
  readonly decoder: AisDecoder;
  private readonly batch: ReceivedMessage[] = [];

  constructor(options: Omit<AisDecoderOptions, 'onMessage'> = {}) {
    super({ writableObjectMode: false, readableObjectMode: true, readableHighWaterMark: 1024 });
    this.decoder = new AisDecoder(options);
  }

  get stats(): DecodeStats {
    return this.decoder.stats;
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.decoder.write(chunk, this.batch);
    this.drain();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.decoder.end(this.batch);
    this.drain();
    callback();
  }

  private drain(): void {
    const b = this.batch;
    for (let i = 0; i < b.length; i++) this.push(b[i]);
    b.length = 0;
  }
}

/** A Node Transform decoding AIS: `createReadStream(f).pipe(createAisDecodeStream())`. */
export function createAisDecodeStream(options: Omit<AisDecoderOptions, 'onMessage'> = {}): AisDecodeTransform {
  return new AisDecodeTransform(options);
}
