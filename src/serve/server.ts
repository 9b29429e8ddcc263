/**
 * `lookout serve` assembled: open the store, load reference geography, seed the live picture,
 * start the ingest and the HTTP server with the live stream; stop everything cleanly on demand.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { DetectorConfig } from '../detect/config.js';
import type { Detector, DetectorContext } from '../detect/detector.js';
import type { RefData } from '../geo/types.js';
import type { IndexedRefData } from '../geo/refdata.js';
import type { Source } from '../ingest/sources/source.js';
import { basemapFiles, loadRefData } from '../pipeline/refdata.js';
import { zonesFromGeoJson } from '../geo/parse-zones.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { SqliteStore } from '../store/sqlite.js';
import { createApp } from './app.js';
import type { AppContext } from './context.js';
import type { Route } from './http.js';
import { Ingest } from './ingest.js';
import type { IngestOptions } from './ingest.js';
import { LivePicture } from './live-picture.js';
import { LiveStream } from './live-stream.js';
import { Metrics } from './metrics.js';
import { WorkerWriter } from './writer.js';
import { ROUTES } from './routes/index.js';
import { screenerOf } from './routes/match.js';
import { createScreeningDetector } from '../pipeline/screening.js';

/** The package root (where package.json is), from this file in src or dist. */
export const PACKAGE_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
})();

export interface ServeOptions {
  db: string;
  host: string;
  port: number;
  sources: Source[];
  /**
   * Sources with their own, accelerated clock (the demo's simulator): fed to a second pipeline so
   * their stream time does not make the real-time sources' messages late.
   */
  simSources?: Source[];
  config?: DetectorConfig;
  /** Screen every vessel against the lists stored in the database (default true): sanctions_hit events. */
  screening?: boolean;
  /** Extra detectors run beside the registered ones (and screening). */
  extraDetectors?: ((ctx: DetectorContext) => Detector)[];
  /** Reference data already loaded (tests); otherwise the bundled data plus these user files. */
  refdata?: RefData;
  ports?: string[];
  /** Load the bundled reference geography (default true). */
  bundledGeo?: boolean;
  zones?: string[];
  webRoot?: string;
  /** Extra routes beside src/serve/routes (tests, plug-ins). */
  routes?: Route[];
  ingest?: Partial<Pick<IngestOptions, 'thinning' | 'reorderWindowMs' | 'batchRows' | 'batchDelayMs' | 'vesselFlushMs' | 'queue' | 'primeWindowMs'>>;
  /** Write ingest batches on a worker thread (default for a file database) or inline. */
  writer?: 'worker' | 'inline';
  /** Delete positions older than this many days (hourly); 0 keeps everything. */
  retentionDays?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  http: Server;
  store: SqliteStore;
  ingest: Ingest;
  live: LivePicture;
  stream: LiveStream;
  app: AppContext;
  stop(): Promise<void>;
}

/**
 * The zones detection uses follow the store: those given at start (bundled and --zones files)
 * with the store's user zones over them (a user zone with the same id wins). Run at start and
 * after every zone the API creates or deletes (AppContext.zonesChanged), so a zone drawn or
 * uploaded in the UI gets zone_entry/zone_exit/transit events at once, without a restart.
 * Undefined when the reference data cannot change its zones (a RefData given by the caller).
 */
function zoneSync(refdata: RefData, store: SqliteStore): (() => Promise<void>) | undefined {
  if (!('setZones' in refdata)) return undefined;
  const indexed = refdata as IndexedRefData;
  const base = indexed.zones;
  return async () => {
    const user = await store.zones();
    const ids = new Set(user.map((z) => z.id));
    const features = user.map((z) => ({ type: 'Feature', id: z.id, geometry: z.geometry, properties: { id: z.id, name: z.name, kind: z.kind, tags: z.tags } }));
    const parsed = zonesFromGeoJson({ type: 'FeatureCollection', features }, { source: 'user', defaultKind: 'user', addTags: ['user'] }).zones;
    indexed.setZones([...parsed, ...base.filter((z) => !ids.has(z.id))]);
  };
}

/** Start `lookout serve`; resolves once the HTTP server listens. */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const log = o.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const startedAt = Date.now();
  if (o.db !== ':memory:') mkdirSync(dirname(o.db), { recursive: true });
  const store = await openSqliteStore({ path: o.db });
  const metrics = new Metrics();
  metrics.describe('lookout_messages_total', 'counter', 'AIS messages decoded');
  metrics.describe('lookout_decode_errors', 'gauge', 'Lines or payloads rejected by the decoder, by reason');
  metrics.describe('lookout_events', 'gauge', 'Events raised since start, by type');
  metrics.describe('lookout_store_write_seconds', 'histogram', 'Time to commit one ingest batch');
  metrics.describe('lookout_store_read_seconds', 'histogram', 'Time of store reads by query');
  metrics.describe('lookout_http_request_seconds', 'histogram', 'HTTP request latency by route');
  metrics.describe('lookout_live_clients', 'gauge', 'Connected live-stream clients');
  metrics.describe('lookout_queue_lines', 'gauge', 'Lines waiting in the ingest queue');
  metrics.describe('lookout_dropped_lines', 'gauge', 'Lines that could not be kept (queue full), since start');
  metrics.describe('lookout_late_positions_total', 'gauge', 'Positions of late messages (after the reorder window, e.g. satellite passes) stored as history without analysis, since start');
  metrics.describe('lookout_messages_rejected', 'gauge', 'Decoded messages the analysis did not use, by reason (late, duplicate, invalid_position, no_time…), since start');
  metrics.describe('lookout_positions_total', 'gauge', 'Position reports accepted as fixes by the tracker, since start');

  let refdata = o.refdata;
  if (!refdata) {
    const t0 = Date.now();
    refdata = await loadRefData({ ports: o.ports ?? [], zones: o.zones ?? [], bundled: o.bundledGeo ?? true, onReject: (file, where, reason) => log(`refdata: ${file} ${where}: ${reason}`) });
    log(`lookout serve: reference data loaded in ${Date.now() - t0} ms (${refdata.ports.length} ports, ${refdata.zones.length} zones)`);
  }

  const zonesChanged = zoneSync(refdata, store);
  await zonesChanged?.();

  const live = new LivePicture();
  live.load(await store.vessels({ limit: 10_000_000 }));
  const stream = new LiveStream(live, store, metrics, await store.lastEventSeq());
  let writer: WorkerWriter | undefined;
  if ((o.writer ?? (o.db === ':memory:' ? 'inline' : 'worker')) === 'worker' && o.db !== ':memory:') {
    writer = new WorkerWriter(o.db);
    await writer.started();
  }
  // Screening shares the API's screener (built on first use from the stored lists); the app
  // context it lives in is created below, before the first message is screened.
  const appRef: { app?: AppContext } = {};
  const extraDetectors = [...(o.extraDetectors ?? [])];
  // The current screener is looked up at most every 5 s: asking the list store for its import
  // generation on every screen (a prepared query per vessel) cost more than the screening itself.
  let screener: { at: number; s: ReturnType<ReturnType<typeof screenerOf>['current']> } | undefined;
  if (o.screening ?? true) {
    extraDetectors.push(createScreeningDetector({
      match: (q) => {
        const now = Date.now();
        if (!screener || now - screener.at > 5000) screener = { at: now, s: screenerOf(appRef.app!).current() };
        // No list stored: nothing can match, so skip building and scoring the query.
        return screener.s.size === 0 ? [] : screener.s.match(q);
      },
    }));
  }
  const ingest = new Ingest({
    ...(writer ? { writer } : {}),
    store, live, refdata, sources: o.sources, metrics,
    ...(o.config ? { config: o.config } : {}),
    extraDetectors,
    ...o.ingest,
    onCommit: (c) => stream.publish(c),
  });
  const ingests = [ingest];
  if (o.simSources?.length) {
    ingests.push(new Ingest({
      store, live, refdata, sources: o.simSources, metrics,
      ...(o.config ? { config: o.config } : {}),
      extraDetectors,
      ...o.ingest,
      checkpointPrefix: 'sim:', primeWindowMs: 0,
      onCommit: (c) => stream.publish(c),
    }));
  }
  const allSources = [...o.sources, ...(o.simSources ?? [])];
  const sum = (f: (i: Ingest) => number): number => ingests.reduce((s, i) => s + f(i), 0);
  metrics.gauge('lookout_messages_total', () => sum((i) => i.totals.messages));
  const merge = (f: (i: Ingest) => Record<string, number>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const i of ingests) for (const [k, v] of Object.entries(f(i))) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  metrics.gauge('lookout_decode_errors', () => merge((i) => i.decodeErrors()));
  metrics.gauge('lookout_events', () => merge((i) => i.pipeline.stats.events));
  metrics.gauge('lookout_messages_rejected', () => merge((i) => i.pipeline.stats.rejected));
  metrics.gauge('lookout_positions_total', () => sum((i) => i.pipeline.stats.positions));
  metrics.gauge('lookout_queue_lines', () => sum((i) => i.queued));
  metrics.gauge('lookout_dropped_lines', () => sum((i) => i.totals.dropped));
  metrics.gauge('lookout_positions_stored_total', () => sum((i) => i.totals.positions_stored));
  metrics.gauge('lookout_late_positions_total', () => sum((i) => i.totals.late_positions));
  metrics.gauge('lookout_events_stored_total', () => sum((i) => i.totals.events_stored));
  metrics.gauge('lookout_live_vessels', () => live.size);
  metrics.gauge('lookout_source_lines', () => Object.fromEntries(allSources.map((s) => [s.name, s.status.lines])));
  metrics.gauge('lookout_source_messages', () => Object.fromEntries(allSources.map((s) => [s.name, s.status.messages])));
  metrics.gauge('lookout_source_dropped', () => Object.fromEntries(allSources.map((s) => [s.name, s.status.dropped])));

  const routes = [...ROUTES, ...(o.routes ?? [])];
  const app: AppContext = {
    store, db: store.db, live, refdata, metrics, startedAt, routes, services: new Map(),
    ...(zonesChanged ? { zonesChanged } : {}),
    webRoot: o.webRoot ?? join(PACKAGE_ROOT, 'dist', 'web'),
    basemap: basemapFiles(),
    ingest: {
      sources: () => ingests.flatMap((i) => i.sources.map((s) => i.sourceStats(s))),
      ready: () => ingests.every((i) => i.isReady()),
      finished: () => ingests.every((i) => i.isFinished()),
      counters: () => ({
        messages: sum((i) => i.totals.messages), dropped: sum((i) => i.totals.dropped), positions_stored: sum((i) => i.totals.positions_stored),
        late_positions: sum((i) => i.totals.late_positions),
        events_stored: sum((i) => i.totals.events_stored), batches: sum((i) => i.totals.batches),
        decode_errors: merge((i) => i.decodeErrors()), queue: sum((i) => i.queued), pending: sum((i) => i.pendingRows() + i.inflightBatches),
        rejected: merge((i) => i.pipeline.stats.rejected), positions: sum((i) => i.pipeline.stats.positions),
      }),
    },
  };
  appRef.app = app;
  const http = createApp(app, routes, stream);
  http.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port, o.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  const url = `http://${host}:${port}`;
  for (const i of ingests) await i.start();

  let pruner: NodeJS.Timeout | undefined;
  if (o.retentionDays && o.retentionDays > 0) {
    const keepMs = o.retentionDays * 86_400_000;
    // Retention is relative to stream time (the newest message), not the wall clock.
    const prune = (): void => {
      const now = ingest.pipeline.stats.stream_time;
      if (now !== undefined) void store.prune({ keepMs }, now).then((n) => n && log(`lookout serve: retention removed ${n} positions`));
    };
    pruner = setInterval(prune, 3600_000);
    pruner.unref();
  }

  let stopping: Promise<void> | undefined;
  return {
    url, port, http, store, ingest, live, stream, app,
    stop: () => (stopping ??= (async () => {
      if (pruner) clearInterval(pruner);
      for (const i of ingests) await i.stop();
      await stream.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await store.close();
    })()),
  };
}
