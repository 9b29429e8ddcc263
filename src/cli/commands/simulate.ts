/**
 * `lookout simulate`: scenario traffic with ground truth (files), or a live accelerated stream.
 * I/O lives here; the simulator itself (src/sim) is pure.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { buildScenario, PRESETS } from '../../sim/scenario.js';
import type { Theatre } from '../../sim/theatres.js';
import { receivedLines, type ReceptionOptions } from '../../sim/stream.js';
import { scenarioTruth } from '../../sim/truth.js';
import { portsCsv, theatreRef, zonesGeoJson } from '../../sim/outputs.js';
import { createRefData } from '../../geo/refdata.js';
import { loadRefData } from '../../pipeline/refdata.js';
import type { RefData } from '../../geo/types.js';

const HELP = `lookout simulate: scenario traffic with ground truth, or a live stream

Usage:
  lookout simulate --preset NAME [--seed N] [--vessels N] [--hours H] [--loss P] --out DIR
  lookout simulate --live [--preset NAME] [--speed 60] [--tcp PORT | --udp HOST:PORT]
  lookout simulate --list

Files written to DIR:
  traffic.nmea    received AIS as NMEA 0183 with NMEA 4.0 tag blocks (c: time, s: station)
  truth.jsonl     ground truth in the event contract's format (docs/events.md)
  ports.csv       the scenario's ports  (for lookout analyze --ports)
  zones.geojson   the scenario's zones  (for lookout analyze --zones)

Options:
  --preset NAME   east-asia | baltic | busy-strait (default east-asia)
  --seed N        random seed (default 1); the same seed gives the same files
  --vessels N     number of vessels (default: the preset's)
  --hours H       scenario length in hours (default: the preset's; behaviours need >= 30)
  --loss P        random message loss 0-1 on top of the coverage model (default 0.05)
  --start ISO     scenario start time (default 2026-03-02T00:00:00Z; live: now)
  --sat-thin N    keep every N-th satellite-only report (satellite sampling)
  --list          list the presets
  --live          stream in accelerated real time instead of writing files
  --speed X       live: simulated seconds per wall second (default 60)
  --tcp PORT      live: serve the stream to TCP clients on PORT
  --udp HOST:PORT live: send each line as a UDP datagram
`;

interface Args {
  preset: string;
  seed: number;
  vessels?: number;
  hours?: number;
  loss?: number;
  start?: number;
  satThin?: number;
  out?: string;
  list: boolean;
  live: boolean;
  speed: number;
  tcp?: number;
  udp?: { host: string; port: number };
}

function num(name: string, v: string | undefined, min: number, max: number): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`${name} needs a number between ${min} and ${max}`);
  return n;
}

function parse(argv: string[]): Args {
  const a: Args = { preset: 'east-asia', seed: 1, list: false, live: false, speed: 60 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    switch (k) {
      case '--preset': a.preset = v ?? ''; i++; break;
      case '--seed': a.seed = num(k, v, 0, 2 ** 32 - 1); i++; break;
      case '--vessels': a.vessels = Math.round(num(k, v, 1, 100_000)); i++; break;
      case '--hours': a.hours = num(k, v, 0.1, 24 * 366); i++; break;
      case '--loss': a.loss = num(k, v, 0, 1); i++; break;
      case '--sat-thin': a.satThin = Math.round(num(k, v, 1, 1000)); i++; break;
      case '--start': {
        const t = Date.parse(v ?? '');
        if (!Number.isFinite(t)) throw new UsageError('--start needs an ISO 8601 time');
        a.start = t;
        i++;
        break;
      }
      case '--out': case '-o': a.out = v; i++; break;
      case '--list': a.list = true; break;
      case '--live': a.live = true; break;
      case '--speed': a.speed = num(k, v, 0.01, 1_000_000); i++; break;
      case '--tcp': a.tcp = Math.round(num(k, v, 0, 65535)); i++; break;
      case '--udp': {
        const m = /^(.+):(\d+)$/.exec(v ?? '');
        if (!m) throw new UsageError('--udp needs HOST:PORT');
        a.udp = { host: m[1], port: Number(m[2]) };
        i++;
        break;
      }
      default: throw new UsageError(`unknown option ${k}`);
    }
  }
  if (!a.list && !PRESETS[a.preset]) throw new UsageError(`unknown preset '${a.preset}' (try --list)`);
  return a;
}

function reception(a: Args): Partial<ReceptionOptions> {
  return a.satThin !== undefined ? { satThin: a.satThin } : {};
}

/** Reference data as analyze will see it: bundled plus the scenario's files (fallback: scenario only). */
async function refFor(dir: string, theatre: Theatre): Promise<{ ref: RefData; note?: string }> {
  try {
    const ref = await loadRefData({ ports: [join(dir, 'ports.csv')], zones: [join(dir, 'zones.geojson')] });
    return { ref };
  } catch (err) {
    const { ports, zones } = theatreRef(theatre);
    return { ref: createRefData({ ports, zones }), note: `bundled reference data unavailable (${err instanceof Error ? err.message : String(err)}); truth uses the scenario's ports and zones only` };
  }
}

async function writeFiles(a: Args): Promise<number> {
  if (!a.out) throw new UsageError('--out DIR is required (or --live, or --list)');
  const dir = a.out;
  mkdirSync(dir, { recursive: true });
  const preset = PRESETS[a.preset];
  if (!preset) throw new UsageError(`unknown preset '${a.preset}'`);
  writeFileSync(join(dir, 'ports.csv'), portsCsv(preset.theatre));
  writeFileSync(join(dir, 'zones.geojson'), zonesGeoJson(preset.theatre));
  // The reference data analyze will use: the land keeps berth spots in water, and the truth's
  // port visits and zone crossings are computed against the same ports and zones.
  const { ref, note } = await refFor(dir, preset.theatre);
  const isOnLand = note ? undefined : (lat: number, lon: number): boolean => ref.isOnLand(lat, lon);
  const sc = buildScenario({
    preset: a.preset, seed: a.seed,
    ...(a.vessels !== undefined ? { vessels: a.vessels } : {}), ...(a.hours !== undefined ? { hours: a.hours } : {}),
    ...(a.loss !== undefined ? { loss: a.loss } : {}), ...(a.start !== undefined ? { start: a.start } : {}),
    ...(isOnLand ? { isOnLand } : {}),
  });
  const fd = openSync(join(dir, 'traffic.nmea'), 'w');
  let buf: string[] = [];
  let size = 0;
  let lines = 0;
  let messages = 0;
  for (const r of receivedLines(sc, reception(a))) {
    messages++;
    for (const l of r.lines) {
      buf.push(l);
      size += l.length + 1;
      lines++;
    }
    if (size > 1 << 20) {
      writeSync(fd, buf.join('\n') + '\n');
      buf = [];
      size = 0;
    }
  }
  if (buf.length) writeSync(fd, buf.join('\n') + '\n');
  closeSync(fd);
  const truth = scenarioTruth(sc, ref);
  writeFileSync(join(dir, 'truth.jsonl'), truth.map((e) => JSON.stringify(e)).join('\n') + (truth.length ? '\n' : ''));
  const perType = new Map<string, number>();
  for (const e of truth) perType.set(e.type, (perType.get(e.type) ?? 0) + 1);
  if (note) process.stderr.write(`lookout simulate: ${note}\n`);
  process.stderr.write(
    `lookout simulate: ${sc.preset.name} seed ${sc.seed}: ${sc.vessels.length} vessels, ${(sc.end - sc.start) / 3_600_000} h, ` +
      `${messages} receptions in ${lines} lines → ${dir}/traffic.nmea\n` +
      `  truth: ${truth.length} events (${[...perType].map(([k, n]) => `${k} ${n}`).join(', ')})\n`,
  );
  return 0;
}

async function live(a: Args): Promise<number> {
  const start = a.start ?? Math.floor(Date.now() / 1000) * 1000;
  const sc = buildScenario({
    preset: a.preset, seed: a.seed, start, hours: a.hours ?? 24 * 7,
    ...(a.vessels !== undefined ? { vessels: a.vessels } : {}), ...(a.loss !== undefined ? { loss: a.loss } : {}),
  });
  const clients = new Set<Socket>();
  let write: (text: string) => Promise<void>;
  let close = (): void => {};
  if (a.tcp !== undefined) {
    const server = createServer((sock) => {
      clients.add(sock);
      sock.on('close', () => clients.delete(sock));
      sock.on('error', () => clients.delete(sock));
    });
    await new Promise<void>((res) => server.listen(a.tcp, res));
    const addr = server.address();
    process.stderr.write(`lookout simulate: serving NMEA on tcp port ${typeof addr === 'object' && addr ? addr.port : a.tcp}\n`);
    // A slow client is dropped rather than allowed to grow our buffers.
    write = (text) => {
      for (const c of clients) if (c.writableLength > 4 << 20) c.destroy();
      else c.write(text);
      return Promise.resolve();
    };
    close = () => server.close();
  } else if (a.udp) {
    const { host, port } = a.udp;
    const sock = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    write = (text) => new Promise((res) => {
      const lines = text.split('\n').filter((l) => l);
      let left = lines.length;
      if (!left) return res();
      for (const l of lines) sock.send(`${l}\r\n`, port, host, () => --left === 0 && res());
    });
    close = () => sock.close();
  } else {
    write = (text) => new Promise((res) => (process.stdout.write(text) ? res() : process.stdout.once('drain', () => res())));
  }
  process.stderr.write(`lookout simulate: live ${sc.preset.name}, ${sc.vessels.length} vessels, ${a.speed}× real time from ${new Date(start).toISOString()}\n`);
  const wallStart = Date.now();
  let batch = '';
  for (const r of receivedLines(sc, reception(a))) {
    const due = wallStart + (r.arrival - sc.start) / a.speed;
    const wait = due - Date.now();
    if (wait > 20) {
      if (batch) await write(batch);
      batch = '';
      await new Promise((res) => setTimeout(res, wait));
    }
    batch += r.lines.join('\n') + '\n';
    if (batch.length > 64 << 10) {
      await write(batch);
      batch = '';
    }
  }
  if (batch) await write(batch);
  close();
  return 0;
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Simulate traffic with injected behaviours and ground truth (files or a live stream)',
  help: HELP,
  async run(argv) {
    const a = parse(argv);
    if (a.list) {
      for (const p of Object.values(PRESETS)) process.stdout.write(`${p.name.padEnd(12)} ${p.vessels} vessels, ${p.hours} h: ${p.summary}\n`);
      return 0;
    }
    return a.live ? live(a) : writeFiles(a);
  },
};
