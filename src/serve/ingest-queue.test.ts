/**
 * The ingest's line queue (bytes in one buffer, line ends and the rest in typed arrays): lines
 * offered as strings and as bytes, in bursts that interleave with the drain, of lengths that make
 * the buffer compact and grow, reach the decoder intact and in order.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AisDecoder } from '../ais/index.js';
import type { ReceivedMessage } from '../ais/types.js';
import { toSentences } from '../ais/sentence-encode.js';
import { newStatus } from '../ingest/sources/source.js';
import type { LineSink, Source } from '../ingest/sources/source.js';
import { loadRefData } from '../pipeline/refdata.js';
import type { SqliteStore } from '../store/sqlite.js';
import { Ingest } from './ingest.js';
import { LivePicture } from './live-picture.js';

class PushSource implements Source {
  readonly status;
  readonly url: string;
  readonly stampArrival = false;
  constructor(readonly name: string) {
    this.url = `test://${name}`;
    this.status = newStatus(name, this.url, 'tcp');
  }
  start(): void {}
  stop(): Promise<void> {
    return Promise.resolve();
  }
}

test('lines offered as strings and as bytes reach the decoder intact, in order, however the queue fills and drains', async () => {
  const refdata = await loadRefData({ bundled: false });
  const sources = [new PushSource('a'), new PushSource('b')];
  const messages: string[] = [];
  const ingest = new Ingest({
    store: {} as SqliteStore,
    live: new LivePicture(),
    refdata,
    sources,
    // A writer that stores nothing; the test reads what the decoders saw.
    writer: { write: () => ({ positions: 0, events: [] }), close: () => Promise.resolve() },
    queue: { high: 1e9, low: 1e9, hard: 1e9 },
  });
  // Count what the pipeline receives, by source and order.
  const push = ingest.pipeline.push.bind(ingest.pipeline);
  ingest.pipeline.push = (m: ReceivedMessage): void => {
    messages.push(`${m.meta.station ?? ''}:${m.message.mmsi}:${m.meta.time ?? ''}`);
    push(m);
  };
  const sink: LineSink = ingest;
  const expected = sources.map(() => new AisDecoder());
  const want: string[] = [];
  const out: ReceivedMessage[] = [];
  let seed = 11;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const T0 = Date.UTC(2026, 0, 1);
  for (let burst = 0; burst < 40; burst++) {
    const n = 1 + rnd(burst % 5 === 0 ? 30_000 : 500);
    for (let i = 0; i < n; i++) {
      const si = rnd(2);
      const mmsi = 211_000_000 + rnd(5000);
      let line: string;
      const kind = rnd(100);
      if (kind === 0) line = 'x'.repeat(1 + rnd(4000)); // junk, sometimes past the decoder's limit
      else if (kind === 1) line = `\\s:st\u00e9,c:${Math.floor(T0 / 1000)}*00\\!AIVDM,bad`; // non-ASCII junk
      else line = toSentences({ type: 1, repeat: 0, mmsi, lat: 54 + rnd(100) / 100, lon: 10 + rnd(100) / 100, speed: 5, course: 90, heading: 90, status: 0 }, { tagBlock: { time: T0 + burst * 60_000 + i, station: `s${si}${'y'.repeat(rnd(40))}` } })[0];
      out.length = 0;
      expected[si].decodeLine(line, out);
      for (const m of out) want.push(`${m.meta.station ?? ''}:${m.message.mmsi}:${m.meta.time ?? ''}`);
      if (rnd(2) === 0) assert.ok(sink.line(sources[si], line, 0));
      else {
        // Bytes inside a bigger buffer, as the file source hands them over.
        const b = Buffer.from(`..${line}..`, 'utf8');
        assert.ok(sink.lineBytes!(sources[si], b, 2, b.length - 2, 0));
      }
    }
    // Let the drain run part of the way (25 ms slices) before the next burst.
    if (rnd(2) === 0) await new Promise((r) => setImmediate(r));
  }
  while (ingest.queued > 0) await new Promise((r) => setTimeout(r, 5));
  // In the order offered (the pipeline is fed in queue order), and the decoders' counts.
  assert.equal(messages.length, want.length);
  assert.deepEqual(messages, want);
  sources.forEach((s, i) => {
    const stats = ingest.sourceStats(s);
    const errors = Object.fromEntries(Object.entries(expected[i].stats.errors).filter(([, v]) => v > 0));
    assert.deepEqual(stats.errors, errors, `source ${s.name}`);
  });
  await ingest.stop();
});
