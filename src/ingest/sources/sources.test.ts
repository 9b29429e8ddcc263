import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import type { Socket } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ByteLineSplitter, LineSplitter, MAX_LINE, latin1Of, newStatus } from './source.js';
import type { LineSink, Source } from './source.js';
import { lineTime } from './line-time.js';
import { backoffMs } from './tcp.js';
import { createSource, parseSourceArg } from './index.js';
import type { FileSource } from './file.js';

/** A sink that records lines; `capacity` lines before it refuses (and counts the drop), `high` before it reports full. */
class RecordingSink implements LineSink {
  lines: string[] = [];
  shifts: number[] = [];
  private waiters: (() => void)[] = [];
  constructor(private readonly capacity = Infinity, private readonly high = Infinity) {}
  line(source: Source, line: string, shift: number): boolean {
    if (this.lines.length >= this.capacity) {
      source.status.dropped++;
      return false;
    }
    this.lines.push(line);
    this.shifts.push(shift);
    for (const w of this.waiters.splice(0)) w();
    return true;
  }
  get full(): boolean {
    return this.lines.length >= this.high;
  }
  room(): Promise<void> {
    return Promise.resolve();
  }
  /** Resolves once `n` lines have arrived. */
  async until(n: number): Promise<void> {
    while (this.lines.length < n) await new Promise<void>((r) => this.waiters.push(r));
  }
}

test('the splitter joins lines across chunks, accepts CRLF and counts over-long lines', () => {
  const status = newStatus('t', 't', 'file');
  const out: string[] = [];
  const s = new LineSplitter(status);
  s.push('!AIVDM,1\r\n!AIV', (l) => out.push(l));
  s.push(Buffer.from('DM,2\n\n' + 'x'.repeat(MAX_LINE + 1) + '\nlast'), (l) => out.push(l));
  s.end((l) => out.push(l));
  assert.deepEqual(out, ['!AIVDM,1', '!AIVDM,2', 'last']);
  assert.equal(status.overlong, 1);
});

test('a line longer than the limit split over chunks is skipped whole', () => {
  const status = newStatus('t', 't', 'file');
  const out: string[] = [];
  const s = new LineSplitter(status);
  s.push('y'.repeat(MAX_LINE + 10), (l) => out.push(l));
  s.push('tail of the long line\nnext\n', (l) => out.push(l));
  assert.deepEqual(out, ['next']);
  assert.equal(status.overlong, 1);
});

/** Every line the byte splitter finds in `chunks`, as latin1 strings. */
function byteLines(chunks: Buffer[], status = newStatus('t', 't', 'file')): string[] {
  const out: string[] = [];
  const s = new ByteLineSplitter(status);
  for (const c of chunks) {
    s.feed(c);
    while (s.next()) out.push(latin1Of(s.buf, s.start, s.end));
  }
  if (s.finish()) out.push(latin1Of(s.buf, s.start, s.end));
  return out;
}

test('the byte splitter finds the lines the string splitter finds, however the input is cut', () => {
  const long = 'x'.repeat(MAX_LINE + 1);
  const edge = 'e'.repeat(MAX_LINE);
  const text = `!AIVDM,1\r\n!AIVDM,2\n\n\r\n${long}\n${edge}\n${edge}\r\nmid\n${'y'.repeat(3 * MAX_LINE)}\nafter\nl\u00e9\nlast\r`;
  const bytes = Buffer.from(text, 'latin1');
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let k = 0; k < 200; k++) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length;) {
      const n = k === 0 ? bytes.length : 1 + rnd(k < 100 ? 8 : 2000);
      chunks.push(bytes.subarray(i, i + n));
      i += n;
    }
    const a = newStatus('a', 'a', 'file');
    const want: string[] = [];
    const ls = new LineSplitter(a);
    for (const c of chunks) ls.push(c, (l) => want.push(l));
    ls.end((l) => want.push(l));
    const b = newStatus('b', 'b', 'file');
    assert.deepEqual(byteLines(chunks, b), want);
    // Two overlong lines, each counted once (the string splitter counts a line cut into several
    // chunks once per MAX_LINE); a third when the MAX_LINE line's CR is cut from its LF (both
    // splitters then drop it).
    assert.ok(b.overlong === 2 || b.overlong === 3, `${b.overlong}`);
  }
  assert.deepEqual(byteLines([Buffer.from('!AIVDM,1\r\n!AIV'), Buffer.from('DM,2\n\n' + 'x'.repeat(MAX_LINE + 1) + '\nlast')]), ['!AIVDM,1', '!AIVDM,2', 'last']);
});

test('line times come from tag blocks, Gatehouse lines and trailing epoch columns', () => {
  assert.equal(lineTime('\\s:x,c:1565218798*53\\!BSVDM,1,1,,A,13,0*5D'), 1565218798000);
  assert.equal(lineTime('$PGHP,1,2010,6,11,11,46,10,123,219,,2190047,1,0*2A'), Date.UTC(2010, 5, 11, 11, 46, 10, 123));
  assert.equal(lineTime('!AIVDM,1,1,,B,13,0*51,1327992119173'), 1327992119173);
  assert.equal(lineTime('!AIVDM,1,1,,B,13,0*51'), undefined);
});

test('source arguments are named and checked', () => {
  assert.deepEqual(parseSourceArg('feed=tcp://10.0.0.1:5631', 0), { name: 'feed', url: 'tcp://10.0.0.1:5631' });
  assert.deepEqual(parseSourceArg('udp://0.0.0.0:10110', 2), { name: 'udp2', url: 'udp://0.0.0.0:10110' });
  assert.deepEqual(parseSourceArg('-', 1), { name: 'stdin1', url: '-' });
  assert.equal(createSource({ name: 'a', url: 'tcp://127.0.0.1:9' }).status.kind, 'tcp');
  assert.equal(createSource({ name: 'a', url: 'file:///tmp/x.nmea?pace=follow' }).status.kind, 'file');
  assert.throws(() => createSource({ name: 'a', url: 'tcp://127.0.0.1' }), /a port is required/);
  assert.throws(() => createSource({ name: 'a', url: 'ftp://x:1' }), /unsupported scheme 'ftp:'/);
  assert.throws(() => createSource({ name: 'a', url: 'file:///x?pace=slow' }), /pace must be/);
  assert.throws(() => createSource({ name: 'a', url: 'file:///x?speed=-2' }), /speed must be a positive number/);
});

test('reconnection backs off exponentially with jitter, capped at 30 s', () => {
  assert.equal(backoffMs(0, () => 0.5), 500);
  assert.equal(backoffMs(3, () => 0.5), 4000);
  assert.equal(backoffMs(20, () => 0.5), 30_000);
  assert.ok(backoffMs(1, () => 0) < backoffMs(1, () => 1));
});

test('a TCP client source reads a feed and reconnects when it drops', async () => {
  let conn = 0;
  const server = createServer((sock: Socket) => {
    conn++;
    sock.end(`!AIVDM,line,${conn}\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const src = createSource({ name: 'feed', url: `tcp://127.0.0.1:${port}` });
  const sink = new RecordingSink();
  src.start(sink);
  await sink.until(2);
  await src.stop();
  await new Promise<void>((r) => server.close(() => r()));
  assert.deepEqual(sink.lines.slice(0, 2), ['!AIVDM,line,1', '!AIVDM,line,2']);
  assert.ok(src.status.connections >= 2);
  assert.ok(src.status.reconnects >= 1);
  assert.equal(src.status.state, 'stopped');
});

test('a TCP listener takes lines from several receivers', async () => {
  const src = createSource({ name: 'in', url: 'tcp-listen://127.0.0.1:0' });
  const sink = new RecordingSink();
  src.start(sink);
  while (!src.status.address) await new Promise((r) => setTimeout(r, 5));
  const port = Number(src.status.address.split(':')[1]);
  for (const text of ['a1\na2\n', 'b1\n']) {
    await new Promise<void>((r) => { const s = connect(port, '127.0.0.1', () => s.end(text)); s.on('close', () => r()); });
  }
  await sink.until(3);
  await src.stop();
  assert.deepEqual([...sink.lines].sort(), ['a1', 'a2', 'b1']);
  assert.equal(src.status.connections, 2);
});

test('a UDP source splits datagrams into lines and counts what a full queue refuses', async () => {
  const src = createSource({ name: 'u', url: 'udp://127.0.0.1:0' });
  const sink = new RecordingSink(3);
  src.start(sink);
  while (!src.status.address) await new Promise((r) => setTimeout(r, 5));
  const port = Number(src.status.address.split(':')[1]);
  const client = createSocket('udp4');
  await new Promise<void>((r) => client.send('l1\r\nl2\n', port, '127.0.0.1', () => r()));
  await new Promise<void>((r) => client.send('l3\nl4\nl5', port, '127.0.0.1', () => r()));
  while (src.status.lines < 5) await new Promise((r) => setTimeout(r, 5));
  client.close();
  await src.stop();
  assert.deepEqual(sink.lines, ['l1', 'l2', 'l3']);
  assert.equal(src.status.dropped, 2);
});

test('a file source reads plain and gzip files of a folder in name order, then finishes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-src-'));
  try {
    writeFileSync(join(dir, 'b.nmea.gz'), gzipSync('b1\nb2\n'));
    writeFileSync(join(dir, 'a.nmea'), 'a1\r\na2');
    const src = createSource({ name: 'f', url: dir }) as FileSource;
    const sink = new RecordingSink();
    src.start(sink);
    await src.finished;
    assert.deepEqual(sink.lines, ['a1', 'a2', 'b1', 'b2']);
    assert.equal(src.status.state, 'done');
    assert.equal(src.status.position, 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a followed file delivers lines appended after its end', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-src-'));
  try {
    const f = join(dir, 'live.nmea');
    writeFileSync(f, 'one\n');
    const src = createSource({ name: 'f', url: `file://${f}?pace=follow` });
    const sink = new RecordingSink();
    src.start(sink);
    await sink.until(1);
    appendFileSync(f, 'two\nthree\n');
    await sink.until(3);
    await src.stop();
    assert.deepEqual(sink.lines, ['one', 'two', 'three']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a re-timed replay at recorded pace stays on the clock where a long silence is shortened', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-src-'));
  try {
    const f = join(dir, 'sparse.nmea');
    // An hour of silence between two lines, replayed at speed 1 with waits capped at 1.5 s: the
    // second line comes 1.5 s later and must be timed then, not an hour ahead of the clock (which
    // made every other source's messages late in the shared pipeline); the third, 1 s after it in
    // the recording, follows 1 s later.
    writeFileSync(f, '\\c:1565218798*00\\!AIVDM,a\n\\c:1565222398*00\\!AIVDM,b\n\\c:1565222399*00\\!AIVDM,c\n');
    const src = createSource({ name: 'f', url: `file://${f}?pace=recorded&retime=1` }) as FileSource;
    src.options.maxWaitMs = 1500;
    const sink = new RecordingSink();
    src.start(sink);
    await src.finished;
    const end = Date.now();
    assert.equal(sink.lines.length, 3);
    const times = [1565218798000, 1565222398000, 1565222399000].map((t, k) => t + sink.shifts[k]);
    assert.ok(times[1] <= end + 100, `second line re-timed ${times[1] - end} ms after the replay ended`);
    assert.ok(times[1] >= times[0], 'still after the first');
    assert.ok(Math.abs(times[2] - times[1] - 1000) < 50, `lines after the shortened silence keep their spacing: ${times[2] - times[1]} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a re-timed replay shifts reception times to the present, the same for every line of a pass', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-src-'));
  try {
    const f = join(dir, 'old.nmea');
    // Two lines an hour apart in 2019: paced at 3600x the second follows one second later.
    writeFileSync(f, '\\c:1565218798*00\\!AIVDM,a\n\\c:1565222398*00\\!AIVDM,b\n');
    const src = createSource({ name: 'f', url: `file://${f}?pace=recorded&speed=36000&retime=1` }) as FileSource;
    const sink = new RecordingSink();
    const before = Date.now();
    src.start(sink);
    await src.finished;
    assert.equal(sink.lines.length, 2);
    const shifted = 1565218798000 + sink.shifts[0];
    assert.ok(shifted >= before - 1000 && shifted <= Date.now() + 1000, 'the first line is re-timed to now');
    assert.equal(sink.shifts[0], sink.shifts[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
