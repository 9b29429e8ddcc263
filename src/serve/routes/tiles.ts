/**
 * The web basemap as vector tiles: /api/tiles/{set}/{z}/{x}/{y}.pbf answered from the packs built
 * by scripts/build-tiles.mjs (data/geo/basemap/*.bin.gz, format `lookout-tiles/1`), each read and
 * unzipped once on first use. A tile with no feature is an empty 200 (the map draws nothing there).
 * Sets: `basemap` (land, countries, coastline, borders and eez from zoom 3, zones) and `territorial`
 * (OpenStreetMap territorial seas without the land, ODbL: a separate file, as in data/geo/README.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GEO_DATA_DIR } from '../../pipeline/refdata.js';
import { HttpError } from '../http.js';
import type { Route } from '../http.js';

/** Tile set → its pack file. */
export const TILE_SETS: Record<string, string> = {
  basemap: join(GEO_DATA_DIR, 'basemap', 'tiles.bin.gz'),
  territorial: join(GEO_DATA_DIR, 'basemap', 'territorial-tiles.bin.gz'),
};

interface Pack { minzoom: number; maxzoom: number; layers: string[]; body: Buffer; tiles: Record<string, [number, number]> }
const packs = new Map<string, Pack>();

function load(set: string): Pack {
  const cached = packs.get(set);
  if (cached) return cached;
  const file = TILE_SETS[set];
  if (!file) throw new HttpError(404, `no tile set '${set}' (${Object.keys(TILE_SETS).join(', ')})`);
  if (!existsSync(file)) throw new HttpError(404, `the '${set}' tiles are not built (node scripts/build-tiles.mjs)`);
  const raw = gunzipSync(readFileSync(file));
  const n = raw.readUInt32BE(0);
  const header = JSON.parse(raw.subarray(4, 4 + n).toString('utf8')) as { format: string; minzoom: number; maxzoom: number; layers: string[]; tiles: Record<string, [number, number]> };
  if (header.format !== 'lookout-tiles/1') throw new Error(`${file}: unknown format ${header.format}`);
  const pack = { minzoom: header.minzoom, maxzoom: header.maxzoom, layers: header.layers, tiles: header.tiles, body: raw.subarray(4 + n) };
  packs.set(set, pack);
  return pack;
}

export const routes: Route[] = [
  {
    method: 'GET', path: '/api/tiles/{set}/{z}/{x}/{y}.pbf', tag: 'reference',
    summary: 'One basemap vector tile (Mapbox Vector Tile)',
    description: 'Built from the bundled basemap GeoJSON by scripts/build-tiles.mjs, simplified per zoom; zooms 0–5 (the map over-zooms beyond). Set `basemap`: layers land, countries, coastline, borders (land borders as lines, from zoom 3), eez (from zoom 3), zones; set `territorial`: layer territorial (the sea part only, from zoom 3; © OpenStreetMap contributors, ODbL). An empty body means no feature in the tile.',
    params: {
      set: { type: 'string', description: 'Tile set', enum: ['basemap', 'territorial'] },
      z: { type: 'integer', description: 'Zoom', minimum: 0, maximum: 24 },
      x: { type: 'integer', description: 'Column', minimum: 0, maximum: 2 ** 24 },
      y: { type: 'integer', description: 'Row', minimum: 0, maximum: 2 ** 24 },
    },
    responses: { '200': { description: 'The tile', contentType: 'application/x-protobuf' }, '404': { description: 'Beyond the built zooms, or tiles not built' } },
    handler({ params }) {
      const p = load(params.set as string);
      const z = params.z as number, x = params.x as number, y = params.y as number;
      if (z < p.minzoom || z > p.maxzoom || x >= 2 ** z || y >= 2 ** z) throw new HttpError(404, `no tile ${z}/${x}/${y} (zooms ${p.minzoom}–${p.maxzoom})`);
      const at = p.tiles[`${z}/${x}/${y}`];
      return {
        body: at ? p.body.subarray(at[0], at[0] + at[1]) : Buffer.alloc(0),
        contentType: 'application/x-protobuf',
        headers: { 'cache-control': 'public, max-age=3600' },
      };
    },
  },
];
