/**
 * `npm run bench:decode`: AIS decoding speed on ≥ 2 million real sentences, against gpsd's
 * gpsdecode and the npm decoders, in the same run on the same files, plain and tag-blocked;
 * plus how many sentences each decodes, and memory while streaming.
 *
 * Environment: LOOKOUT_BENCH_SENTENCES (default 2,000,000), LOOKOUT_BENCH_RUNS (default 3).
 */
import { closeSync, existsSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { AisDecoder } from '../src/ais/nmea/decoder.js';
import type { ReceivedMessage } from '../src/ais/types.js';
import { JsonLineWriter } from '../src/cli/commands/decode.js';
import { openInput } from '../src/ingest/open.js';
import { FIXTURES, REPO_ROOT, SHARED_DATA } from '../test/support/paths.js';
import { realLogs, sentencesOf, writeCorpus } from './lib/corpus.js';
import { measure, measureCommand, report, type Measurement } from './lib/harness.js';

const TARGET = Number(process.env.LOOKOUT_BENCH_SENTENCES ?? 2_000_000);
const RUNS = Number(process.env.LOOKOUT_BENCH_RUNS ?? 3);
const GPSDECODE = '/usr/bin/gpsdecode';
const require = createRequire(import.meta.url);

/** Lookout, decode to objects: stream the file, decode every message, touch it. */
async function lookoutObjects(path: string, rss?: number[]): Promise<string> {
  const input = await openInput(path);
  const decoder = new AisDecoder();
  const out: ReceivedMessage[] = [];
  let sum = 0;
  for await (const chunk of input.chunks) {
    decoder.write(chunk, out);
    for (let i = 0; i < out.length; i++) sum = (sum + out[i].message.mmsi) % 4294967296;
    out.length = 0;
    if (rss) rss.push(process.memoryUsage.rss());
  }
  decoder.end(out);
  return `${decoder.stats.messages} msgs, mmsi sum ${sum}`;
}

/** Lookout, decode to JSON lines written to /dev/null (what `lookout decode` does). */
async function lookoutJson(path: string): Promise<string> {
  const input = await openInput(path);
  const decoder = new AisDecoder();
  const out: ReceivedMessage[] = [];
  const json = new JsonLineWriter();
  const fd = openSync('/dev/null', 'w');
  let bytes = 0;
  try {
    for await (const chunk of input.chunks) {
      decoder.write(chunk, out);
      for (let i = 0; i < out.length; i++) json.add(out[i]);
      out.length = 0;
      const data = json.take();
      bytes += data.length;
      writeSync(fd, data);
    }
  } finally {
    closeSync(fd);
  }
  return `${decoder.stats.messages} msgs, ${bytes} bytes`;
}

interface NpmDecoder {
  name: string;
  /** Decodes every line of the file; returns the number of messages it produced. */
  run(lines: string[], keys?: string[]): number;
}

/** A message's identity for agreement checks: type, MMSI and position to 1e-4 degree. */
function messageKey(type: unknown, mmsi: unknown, lon: unknown, lat: unknown): string {
  const r = (x: unknown): string => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(4) : '-');
  return `${Number(type)}/${Number(mmsi)}/${r(lon)}/${r(lat)}`;
}

/** How many of `theirs` match a message of `ours` (multiset intersection). */
function agreement(ours: string[], theirs: string[]): number {
  const counts = new Map<string, number>();
  for (const k of ours) counts.set(k, (counts.get(k) ?? 0) + 1);
  let n = 0;
  for (const k of theirs) {
    const c = counts.get(k) ?? 0;
    if (c > 0) {
      n++;
      counts.set(k, c - 1);
    }
  }
  return n;
}

/** The npm decoders, each driven as its README shows but without stream overhead. */
function npmDecoders(): NpmDecoder[] {
  const list: NpmDecoder[] = [];
  try {
    const mod = require('ais-stream-decoder') as { default: new (o: object) => { _transform: (c: string, e: string, cb: (err?: unknown) => void) => void; push: (x: unknown) => boolean } };
    list.push({
      name: 'ais-stream-decoder 2.1.2 (npm)',
      run(lines, keys) {
        const d = new mod.default({ silent: true });
        let n = 0;
        d.push = (x: unknown) => {
          n++;
          if (keys) {
            const m = JSON.parse(String(x)) as { type: number; mmsi: number; lon?: number; lat?: number };
            keys.push(messageKey(m.type, m.mmsi, m.lon, m.lat));
          }
          return true;
        };
        const cb = (): void => {};
        for (const l of lines) {
          try {
            d._transform(l, 'utf8', cb);
          } catch {
            // counted as not decoded
          }
        }
        return n;
      },
    });
  } catch {
    // not installed
  }
  try {
    const gg = require('ggencoder') as {
      AisDecode: new (line: string, session: object) => { valid: boolean; aistype: number; mmsi: string; lon?: number; lat?: number };
    };
    list.push({
      name: 'ggencoder 1.0.10 (npm)',
      run(lines, keys) {
        const session = {};
        let n = 0;
        for (const l of lines) {
          try {
            const m = new gg.AisDecode(l, session);
            if (m.valid) {
              n++;
              keys?.push(messageKey(m.aistype, m.mmsi, m.lon, m.lat));
            }
          } catch {
            // counted as not decoded
          }
        }
        return n;
      },
    });
  } catch {
    // not installed
  }
  return list;
}

function readLines(path: string): string[] {
  const text = readFileSync(path, 'latin1');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The messages gpsdecode prints for a file (JSON lines of class AIS), as keys. */
function gpsdecodeKeys(path: string): string[] {
  const r = spawnSync('bash', ['-c', `${GPSDECODE} < '${path}' 2>/dev/null`], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const keys: string[] = [];
  for (const line of r.stdout.split('\n')) {
    if (!line.includes('"class":"AIS"')) continue;
    try {
      const m = JSON.parse(line) as { type: number; mmsi: number; lon?: number; lat?: number };
      keys.push(messageKey(m.type, m.mmsi, m.lon, m.lat));
    } catch {
      // gpsdecode prints "nan" for some values: not JSON; counted as decoded, not as agreeing
      keys.push(`unparsed/${keys.length}`);
    }
  }
  return keys;
}

/** Lookout's messages for a file, as keys. */
async function lookoutKeys(path: string): Promise<string[]> {
  const input = await openInput(path);
  const decoder = new AisDecoder();
  const out: ReceivedMessage[] = [];
  for await (const chunk of input.chunks) decoder.write(chunk, out);
  decoder.end(out);
  return out.map((m) => messageKey(m.message.type, m.message.mmsi, m.message.lon, m.message.lat));
}

async function benchCorpus(label: string, path: string, sentences: number): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  const opts = { units: sentences, runs: RUNS, warmup: 1 };
  rows.push(await measure('lookout: decode to objects', () => lookoutObjects(path), opts));
  rows.push(await measure('lookout: decode to JSON lines', () => lookoutJson(path), opts));
  rows.push(await measureCommand('lookout decode CLI (JSON lines, >/dev/null)', `${process.execPath} ${join(REPO_ROOT, 'bin', 'lookout.js')} decode --quiet`, path, { ...opts, warmup: 0, runs: 1 }));
  if (existsSync(GPSDECODE)) rows.push(await measureCommand('gpsdecode 3.22 (JSON, >/dev/null)', GPSDECODE, path, { ...opts, warmup: 0, runs: Math.min(RUNS, 2) }));
  const lines = readLines(path);
  for (const d of npmDecoders()) {
    const m = await measure(d.name, () => `${d.run(lines)} msgs`, { ...opts, warmup: 0, runs: Math.min(RUNS, 2) });
    // A decoder that rejects every line is fast at nothing: say so beside its figure.
    if (m.samples[0].checksum === '0 msgs') m.samples.forEach((s) => (s.checksum = '0 msgs: rejects every line'));
    rows.push(m);
  }
  console.log('\n' + report(`${label}: ${sentences.toLocaleString('en-US')} sentences, ${(statSync(path).size / 1e6).toFixed(0)} MB`, rows, 'gpsdecode 3.22 (JSON, >/dev/null)'));
  return rows;
}

async function main(): Promise<void> {
  const logs = realLogs(SHARED_DATA, FIXTURES);
  const base = sentencesOf(logs);
  console.log(`corpus: ${base.length.toLocaleString('en-US')} real sentences from ${logs.length} logs (${logs.map((l) => l.split('/').pop()).join(', ')}), repeated to ≥ ${TARGET.toLocaleString('en-US')}`);
  const dir = tmpdir();
  const plain = join(dir, `lookout-bench-plain-${process.pid}.nmea`);
  const tagged = join(dir, `lookout-bench-tagged-${process.pid}.nmea`);
  const once = join(dir, `lookout-bench-once-${process.pid}.nmea`);
  const onceTagged = join(dir, `lookout-bench-once-tagged-${process.pid}.nmea`);
  try {
    const n = writeCorpus(plain, base, TARGET, false);
    writeCorpus(tagged, base, TARGET, true);
    writeCorpus(once, base, base.length, false);
    writeCorpus(onceTagged, base, base.length, true);

    // How many of the real sentences each decoder turns into messages, and how many of those
    // agree with Lookout on type, MMSI and position (1e-4 degree).
    console.log('\nmessages from one copy of the real sentences: decoded (agreeing with lookout), plain | tag-blocked');
    const oursPlain = await lookoutKeys(once);
    const oursTagged = await lookoutKeys(onceTagged);
    const row = (name: string, plainKeys: string[], taggedKeys: string[]): void =>
      console.log(
        `  ${name.padEnd(34)} ${String(plainKeys.length).padStart(6)} (${agreement(oursPlain, plainKeys)}) | ${String(taggedKeys.length).padStart(6)} (${agreement(oursTagged, taggedKeys)})`,
      );
    row('lookout', oursPlain, oursTagged);
    if (existsSync(GPSDECODE)) row('gpsdecode 3.22', gpsdecodeKeys(once), gpsdecodeKeys(onceTagged));
    for (const d of npmDecoders()) {
      const p: string[] = [];
      const t: string[] = [];
      d.run(readLines(once), p);
      d.run(readLines(onceTagged), t);
      row(d.name, p, t);
    }

    await benchCorpus('plain sentences', plain, n);
    await benchCorpus('tag-blocked sentences (\\s:…,c:…*hh\\!AIVDM…)', tagged, n);

    // Memory while streaming: RSS sampled after every chunk of one decode-to-objects pass.
    (globalThis as { gc?: () => void }).gc?.();
    const rss: number[] = [];
    await lookoutObjects(tagged, rss);
    const mb = (x: number): string => (x / 1048576).toFixed(0);
    const q = (f: number): number => rss[Math.min(rss.length - 1, Math.floor(f * rss.length))];
    console.log(
      `\nmemory while streaming the ${mb(statSync(tagged).size)} MB tag-blocked file: RSS at 10% ${mb(q(0.1))} MB, 50% ${mb(q(0.5))} MB, 90% ${mb(q(0.9))} MB, max ${mb(Math.max(...rss))} MB (flat: input is streamed, never held)`,
    );
  } finally {
    for (const p of [plain, tagged, once, onceTagged]) if (existsSync(p)) unlinkSync(p);
  }
}

await main();
