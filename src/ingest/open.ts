/**
 * Opening an input for decoding: a file path or stdin ('-'), gunzipped transparently when the
 * first bytes are the gzip magic number (also for stdin, whatever the file name says).
 * Reading is pull-based (async iteration), so a slow consumer slows the reader.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** An opened input: its chunks (decompressed) and how far reading has got. */
export interface OpenedInput {
  /** The path, or '-' for stdin. */
  name: string;
  /** Size on disk in bytes when known (regular files), for progress reports. */
  size: number | undefined;
  /** True when the input was gzip-compressed. Known once the first chunk has been read. */
  readonly gzip: boolean;
  /** Bytes read from the file so far (compressed bytes for gzip input). */
  readonly bytesRead: number;
  /** The decompressed chunks. Iterate once. */
  chunks: AsyncIterable<Buffer>;
}

const GZIP_MAGIC_1 = 0x1f;
const GZIP_MAGIC_2 = 0x8b;

/** Read size for files: large enough to amortise per-chunk costs, small enough to stay cache-warm. */
const HIGH_WATER_MARK = 256 * 1024;

/** Opens a path ('-' or undefined = stdin) for reading; rejects when the file cannot be opened. */
export async function openInput(path: string | undefined): Promise<OpenedInput> {
  const isStdin = path === undefined || path === '-';
  let size: number | undefined;
  let raw: Readable;
  if (isStdin) raw = process.stdin;
  else {
    const info = await stat(path);
    if (info.isDirectory()) throw new Error(`${path} is a directory`);
    size = info.isFile() ? info.size : undefined;
    raw = createReadStream(path, { highWaterMark: HIGH_WATER_MARK });
    // Surface open errors (permissions) as a rejection here rather than mid-iteration.
    await new Promise<void>((resolve, reject) => {
      raw.once('open', () => resolve());
      raw.once('error', reject);
    });
  }
  const state = { gzip: false, bytesRead: 0 };
  const counted = countBytes(raw, state);
  return {
    name: isStdin ? '-' : path,
    size,
    get gzip() {
      return state.gzip;
    },
    get bytesRead() {
      return state.bytesRead;
    },
    chunks: gunzipIfNeeded(counted, state),
  };
}

async function* countBytes(src: AsyncIterable<Buffer | string>, state: { bytesRead: number }): AsyncGenerator<Buffer> {
  for await (const chunk of src) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    state.bytesRead += b.length;
    yield b;
  }
}

/** Passes chunks through, or through gunzip when the stream starts with the gzip magic bytes. */
export async function* gunzipIfNeeded(src: AsyncIterable<Buffer>, state: { gzip: boolean } = { gzip: false }): AsyncGenerator<Buffer> {
  const it = src[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  // Gather at least two bytes (a chunk may be a single byte on a pipe).
  while (head.length < 2) {
    const r = await it.next();
    if (r.done) {
      if (head.length > 0) yield head;
      return;
    }
    head = head.length === 0 ? r.value : Buffer.concat([head, r.value]);
  }
  const rest: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => it,
  };
  if (head[0] !== GZIP_MAGIC_1 || head[1] !== GZIP_MAGIC_2) {
    yield head;
    yield* rest;
    return;
  }
  state.gzip = true;
  async function* compressed(): AsyncGenerator<Buffer> {
    yield head;
    yield* rest;
  }
  const gunzip = Readable.from(compressed(), { objectMode: false }).pipe(createGunzip());
  for await (const chunk of gunzip) yield chunk as Buffer;
}
