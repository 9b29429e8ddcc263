/**
 * `lookout serve`: live ingest from named sources into the embedded store, the HTTP API, the
 * live stream and the web UI. docs/api.md documents the API, docs/storage.md the store.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDetectorConfig } from '../../detect/config.js';
import { createSource, parseSourceArg } from '../../ingest/sources/index.js';
import type { Source } from '../../ingest/sources/index.js';
import { PACKAGE_ROOT, startServer } from '../../serve/server.js';
import { SimSource } from '../../serve/sim-source.js';
import { PRESETS } from '../../sim/scenario.js';
import { UsageError, type Command } from '../command.js';

const HELP = `lookout serve: live AIS picture with an embedded store, an HTTP API and a live stream

Usage: lookout serve [options] [--source NAME=URL]…

Sources (any number, each named; a bare URL is named after its kind):
  tcp://HOST:PORT          connect to a feed (receiver, aggregator); reconnects with backoff
  tcp-listen://HOST:PORT   receivers connect in
  udp://HOST:PORT          datagrams (cannot be paused: overflow is counted as dropped)
  file:///PATH[?pace=recorded|fast|follow&speed=N&loop=1&retime=1]
                           a file, .gz file or folder; recorded timing (N× faster), as fast as
                           possible, or follow a growing file; loop forever; re-time to now
  -                        stdin

Options:
  --db PATH              SQLite database file (default lookout-data/lookout.db; demo: lookout-data/demo.db)
  --host HOST            listen address (default 127.0.0.1)
  --port N               listen port (default 8080; 0 = any free port)
  --source NAME=URL      an ingest source (repeatable)
  --demo                 add the bundled demo traffic (real open-licence AIS, looped and re-timed to now)
  --demo-sim PRESET      the demo's live simulated scenario (default east-asia; none to leave it out)
  --demo-speed N         simulated seconds per wall second for it until it has caught up with the
                         wall clock (it starts 48 h ago), then real time (default 60)
  --params FILE          detector parameters (JSON, see docs/detectors)
  --ports FILE           extra ports CSV (repeatable)
  --zones FILE           extra zones GeoJSON (repeatable)
  --thin-seconds N       store at most one position per vessel per N s, unless course/speed change (default 30)
  --retention-days N     delete stored positions older than N days of stream time (default 0 = keep)
  --reorder-ms N         how long a message may wait for earlier ones, ms (default 3000)
  --geo bundled|none     bundled reference geography (default), or only --ports/--zones files (fast start)
  --web DIR              web UI folder to serve at / (default dist/web)
  -h, --help             this help

The server prints its URL when listening. Stop it with Ctrl-C (SIGINT) or SIGTERM: queued lines
are processed and committed first. After a crash, a restart resumes: file sources replay from
their start without pacing up to the committed point (writes are idempotent), network sources
re-prime detection from the stored positions.
`;

/** The demo sources: every file in data/demo/nmea at recorded pace, re-timed to now, looped as data/demo/sources.json says. */
export function demoSources(): { name: string; url: string }[] {
  const dir = join(PACKAGE_ROOT, 'data', 'demo', 'nmea');
  if (!existsSync(dir)) return [];
  const conf = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'data', 'demo', 'sources.json'), 'utf8')) as Record<string, { speed?: number; loop?: boolean } | string>;
  return readdirSync(dir).filter((f) => /\.(nmea|nm4|raw|txt|gz)$/.test(f)).sort().map((f) => ({
    name: `demo-${f.replace(/\..*$/, '')}`,
    url: `file://${join(dir, f)}?pace=recorded&retime=1&speed=${(conf[f] as { speed?: number } | undefined)?.speed ?? 1}&loop=${(conf[f] as { loop?: boolean } | undefined)?.loop === false ? 0 : 1}`,
  }));
}

function int(name: string, v: string | undefined, def: number, min: number, max: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${v}'`);
  return n;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'live ingest, embedded store, HTTP API, live stream and the map',
  help: HELP,
  async run(argv) {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          db: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string' },
          source: { type: 'string', multiple: true, default: [] }, demo: { type: 'boolean', default: false },
          params: { type: 'string' }, ports: { type: 'string', multiple: true, default: [] }, zones: { type: 'string', multiple: true, default: [] },
          geo: { type: 'string', default: 'bundled' },
          'demo-sim': { type: 'string', default: 'east-asia' }, 'demo-speed': { type: 'string' },
          'thin-seconds': { type: 'string' }, 'retention-days': { type: 'string' }, 'reorder-ms': { type: 'string' }, web: { type: 'string' },
        },
        allowPositionals: false,
      }));
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    const port = int('port', values.port, 8080, 0, 65535);
    if (values.geo !== 'bundled' && values.geo !== 'none') throw new UsageError(`--geo must be bundled or none, got '${values.geo}'`);
    const specs = values.source.map((s, i) => parseSourceArg(s, i));
    if (values.demo) specs.push(...demoSources());
    const names = new Set<string>();
    for (const s of specs) {
      if (names.has(s.name)) throw new UsageError(`two sources are named '${s.name}'`);
      names.add(s.name);
    }
    let sources: Source[];
    try {
      sources = specs.map((s) => createSource(s));
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    const simSources: Source[] = [];
    if (values.demo && values['demo-sim'] !== 'none') {
      const preset = values['demo-sim'];
      if (!(preset in PRESETS)) throw new UsageError(`--demo-sim must be one of ${Object.keys(PRESETS).join(', ')} or none`);
      simSources.push(new SimSource(`demo-sim-${preset}`, { preset, speed: int('demo-speed', values['demo-speed'], 60, 1, 3600), hours: 48, seed: 1 }));
    }
    const config = values.params ? parseDetectorConfig(JSON.parse(readFileSync(values.params, 'utf8'))) : undefined;
    const db = values.db ?? (values.demo ? 'lookout-data/demo.db' : 'lookout-data/lookout.db');
    const server = await startServer({
      db, host: values.host, port, sources, simSources,
      ...(config ? { config } : {}),
      ports: values.ports, zones: values.zones, bundledGeo: values.geo === 'bundled',
      ...(values.web ? { webRoot: values.web } : {}),
      retentionDays: int('retention-days', values['retention-days'], 0, 0, 100_000),
      ingest: {
        thinning: { minIntervalMs: int('thin-seconds', values['thin-seconds'], 30, 0, 86_400) * 1000 },
        reorderWindowMs: int('reorder-ms', values['reorder-ms'], 3_000, 0, 3_600_000),
      },
    });
    process.stderr.write(`lookout serve: listening on ${server.url} (db ${db}; sources: ${[...sources, ...simSources].map((s) => s.name).join(', ') || 'none'})\n`);
    process.stdout.write(`${server.url}\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        process.stderr.write('lookout serve: stopping…\n');
        void server.stop().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
