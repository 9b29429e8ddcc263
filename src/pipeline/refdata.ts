/**
 * Node-side loader of the reference geography: reads the bundled files in data/geo and the
 * user's --ports CSV / --zones GeoJSON files, validates them, and returns an indexed RefData.
 * User files add to the bundled data; user ports and zones come first (they win ties).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createRefData, type IndexedRefData } from '../geo/refdata.js';
import { parsePortsCsv, type RowError } from '../geo/parse-ports.js';
import { parseZonesGeoJson, type FeatureError } from '../geo/parse-zones.js';
import { LandIndex, unpackLand } from '../geo/land.js';
import type { Port, Zone } from '../geo/types.js';

/** data/geo of this installation, found from this file whether it runs from src or dist. */
export const GEO_DATA_DIR: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('lookout: package root not found from ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return join(dir, 'data', 'geo');
})();

/** Bundled files the loader reads (relative to GEO_DATA_DIR). */
export const BUNDLED = {
  land: 'land-10m.json.gz',
  ports: 'ports.csv',
  zones: 'zones.geojson',
  territorialSeas: 'territorial-seas.geojson',
  eez: 'eez-coarse.geojson',
} as const;

/** GeoJSON layers for the web basemap, absolute paths by layer name (only those present). */
export function basemapFiles(dir: string = GEO_DATA_DIR): Record<string, string> {
  const layers: Record<string, string> = {
    land: 'basemap/land-50m.geojson',
    countries: 'basemap/countries-50m.geojson',
    coastline: 'basemap/coastline-50m.geojson',
    land10m: 'basemap/land-10m.geojson',
    territorialSeas: BUNDLED.territorialSeas,
    eez: BUNDLED.eez,
    zones: BUNDLED.zones,
    ports: BUNDLED.ports,
  };
  const out: Record<string, string> = {};
  for (const [k, rel] of Object.entries(layers)) if (existsSync(join(dir, rel))) out[k] = join(dir, rel);
  return out;
}

export interface LoadRefDataOptions {
  /** User ports CSV files (added to the bundled ports, tagged `user`). */
  ports?: string[];
  /** User zones GeoJSON files (added to the bundled zones, tagged `user`). */
  zones?: string[];
  /** Skip the bundled data (tests, or a user who wants only their own). */
  bundled?: boolean;
  /** Where the bundled files are (default GEO_DATA_DIR). */
  dataDir?: string;
  /** Called once per rejected row or feature, with the file it came from. */
  onReject?: (file: string, where: string, reason: string) => void;
}

/** What was loaded and what was rejected, for the run summary. */
export interface RefDataReport {
  ports: number;
  zones: number;
  landRings: number;
  rejected: { file: string; where: string; reason: string }[];
}

/** RefData plus a report of what went into it. */
export type LoadedRefData = IndexedRefData & { readonly report: RefDataReport };

function readText(file: string): string {
  const buf = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}

/** The bundled data parsed and the land indexed once per process and data directory. */
interface Bundle {
  ports: Port[];
  zones: Zone[];
  land: LandIndex;
  rejected: RefDataReport['rejected'];
}
const bundles = new Map<string, Bundle>();

function readBundle(dir: string): Bundle {
  const cached = bundles.get(dir);
  if (cached) return cached;
  const rejected: RefDataReport['rejected'] = [];
  const portsFile = join(dir, BUNDLED.ports);
  const parsed = parsePortsCsv(readText(portsFile), { source: 'lookout' });
  parsed.errors.forEach((e) => rejected.push({ file: portsFile, where: `line ${e.line}`, reason: e.reason }));
  const zones: Zone[] = [];
  for (const name of [BUNDLED.zones, BUNDLED.territorialSeas, BUNDLED.eez]) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    const z = parseZonesGeoJson(readText(file), { source: 'lookout', defaultKind: 'area' });
    z.errors.forEach((e) => rejected.push({ file, where: `feature ${e.feature}`, reason: e.reason }));
    zones.push(...z.zones);
  }
  const land = new LandIndex(unpackLand(JSON.parse(readText(join(dir, BUNDLED.land)))));
  const bundle: Bundle = { ports: parsed.ports, zones, land, rejected };
  bundles.set(dir, bundle);
  return bundle;
}

/**
 * Load the bundled reference data plus the user's files and index it. The bundled part is read
 * once per process; later calls only parse the user's files and index ports and zones again.
 */
export async function loadRefData(opts: LoadRefDataOptions = {}): Promise<LoadedRefData> {
  await Promise.resolve();
  const dir = opts.dataDir ?? GEO_DATA_DIR;
  const rejected: RefDataReport['rejected'] = [];
  const reject = (file: string, where: string, reason: string): void => {
    rejected.push({ file, where, reason });
    opts.onReject?.(file, where, reason);
  };
  const ports: Port[] = [];
  const zones: Zone[] = [];
  // User definitions first: on equal match scores the earlier port wins.
  for (const file of opts.ports ?? []) {
    const parsed = parsePortsCsv(readText(file), { source: 'user', addTags: ['user'] });
    parsed.errors.forEach((e: RowError) => reject(file, `line ${e.line}`, e.reason));
    ports.push(...parsed.ports);
  }
  for (const file of opts.zones ?? []) {
    const parsed = parseZonesGeoJson(readText(file), { source: 'user', defaultKind: 'user', addTags: ['user'] });
    parsed.errors.forEach((e: FeatureError) => reject(file, e.feature < 0 ? 'file' : `feature ${e.feature}`, e.reason));
    zones.push(...parsed.zones);
  }
  let landIndex = new LandIndex([]);
  if (opts.bundled !== false) {
    const bundle = readBundle(dir);
    for (const r of bundle.rejected) reject(r.file, r.where, r.reason);
    ports.push(...bundle.ports);
    zones.push(...bundle.zones);
    landIndex = bundle.land;
  }
  const ref = createRefData({ ports, zones, landIndex });
  const report: RefDataReport = { ports: ports.length, zones: zones.length, landRings: landIndex.ringCount, rejected };
  return Object.assign(ref, { report });
}
