/**
 * The streaming API: an async iterator of ReceivedMessage over any async source of text or
 * byte chunks (a file stream, a socket, fetch's body). It pulls the next chunk only after the
 * consumer has taken every message of the previous one, so a slow consumer slows the reader
 * (backpressure) and memory stays bounded by one chunk plus the fragment buffer.
 */
import type { ReceivedMessage } from '../types.js';
import { AisDecoder, type AisDecoderOptions } from './decoder.js';
import type { DecodeStats } from './stats.js';

/** A source of input chunks: strings or bytes (UTF-8), sync or async. */
export type ChunkSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Decoded messages of a chunk source, as an async iterable of messages or of batches. */
export class AisMessageStream implements AsyncIterable<ReceivedMessage> {
  /** The decoder doing the work; its stats are final once iteration ends. */
  readonly decoder: AisDecoder;
  private used = false;

  constructor(
    private readonly source: ChunkSource,
    options: Omit<AisDecoderOptions, 'onMessage'> = {},
  ) {
    this.decoder = new AisDecoder(options);
  }

  /** Counts so far (final after the iteration has finished). */
  get stats(): DecodeStats {
    return this.decoder.stats;
  }

  /** Messages in batches, one array per input chunk that produced any: the fastest way to consume. */
  async *batches(): AsyncGenerator<ReceivedMessage[], void, undefined> {
    if (this.used) throw new Error('an AisMessageStream can be iterated only once');
    this.used = true;
    const decoder = this.decoder;
    for await (const chunk of this.source) {
      const out: ReceivedMessage[] = [];
      decoder.write(chunk, out);
      if (out.length > 0) yield out;
    }
    const out: ReceivedMessage[] = [];
    decoder.end(out);
    if (out.length > 0) yield out;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ReceivedMessage, void, undefined> {
    for await (const batch of this.batches()) yield* batch;
  }
}

/** Decodes a stream of text or byte chunks: `for await (const m of decodeStream(src)) …`. */
export function decodeStream(source: ChunkSource, options: Omit<AisDecoderOptions, 'onMessage'> = {}): AisMessageStream {
  return new AisMessageStream(source, options);
}
