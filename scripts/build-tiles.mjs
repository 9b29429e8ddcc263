// Pre-tile the web basemap (land, country borders, coastline, territorial seas, EEZ outlines,
// bundled zones) into Mapbox Vector Tiles for zooms 0–MAXZOOM, simplified per zoom, packed in one
// gzipped file per tile set that `lookout serve` answers /api/tiles/{set}/{z}/{x}/{y}.pbf from
// (src/serve/routes/tiles.ts). The territorial seas are their own set and file: they are an ODbL
// derived database (OpenStreetMap) and stay apart from the rest of the bundle (data/geo/README.md).
// The map then parses and tessellates only the tiles in view, already simplified for their zoom,
// instead of ≈ 7 MB of whole-world GeoJSON on every page load (docs/ui.md, "Benchmark").
//
//   node scripts/build-tiles.mjs            (also run by scripts/build-geo.mjs --only web)
//
// Tiling: @maplibre/geojson-vt (clip + Douglas–Peucker per zoom), encoding: @maplibre/vt-pbf —
// MapLibre's own packages, the ones it uses to tile GeoJSON sources in the browser.
// Format `lookout-tiles/1`: gzip of [4-byte big-endian header length][header JSON][tile bytes…];
// header: { format, minzoom, maxzoom, extent, layers, tiles: { "z/x/y": [offset, length] } },
// offsets relative to the end of the header. Tiles with no feature are left out (an empty answer).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import polygonClipping from 'polygon-clipping';
import { fromGeojsonVt } from '@maplibre/vt-pbf';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const topojson = require('topojson-client');
const geo = join(root, 'data', 'geo');
const MAXZOOM = 5;
const EXTENT = 4096;
/**
 * Douglas–Peucker tolerance in tile units (EXTENT per tile, a tile is drawn 512–1024 px wide: 8 units
 * are 1 px at its zoom, 0.5 px at the next). Tiles of zoom ≤ LOW_ZOOM use LOW_TOLERANCE: the world
 * views, where every vertex is drawn on screen and software WebGL pays per vertex (docs/ui.md, "Pan");
 * the others keep TOLERANCE, since zoom MAXZOOM's tiles are also over-zoomed far beyond it.
 */
const TOLERANCE = 2;
const LOW_ZOOM = 3;
const LOW_TOLERANCE = 8;

/** Tile set → its file and its layers: name → source file and the lowest zoom it is tiled for (the style draws it from there). */
const SETS = {
  basemap: {
    out: 'basemap/tiles.bin.gz',
    layers: {
      land: { file: 'basemap/land-50m.geojson', minzoom: 0 },
      countries: { file: 'basemap/countries-50m.geojson', minzoom: 0, keep: ['iso_a2'] },
      coastline: { file: 'basemap/coastline-50m.geojson', minzoom: 0 },
      // Land borders only (arcs shared by two countries), for the map's border lines: the countries'
      // outlines would draw every coastline a third time (land fill outline, coastline layer).
      borders: { make: landBorders, minzoom: 3 },
      eez: { file: 'eez-coarse.geojson', minzoom: 3, keep: [] },
      zones: { file: 'zones.geojson', minzoom: 0, keep: ['id', 'name', 'kind'] },
    },
  },
  territorial: {
    out: 'basemap/territorial-tiles.bin.gz',
    // The source's polygons include the land (OSM maritime boundaries); the land is taken out here, so
    // the map's translucent fill covers only the sea it shows (under the opaque land it was invisible
    // but still rasterised: ≈ 19 of ≈ 78 ms of a zoom-3 frame on SwiftShader, docs/ui.md "Pan").
    layers: { territorial: { file: 'territorial-seas.geojson', minzoom: 3, keep: [], minus: 'basemap/land-50m.geojson' } },
  },
};

/** Interior boundaries of Natural Earth 1:50m countries (npm world-atlas, as build-geo.mjs uses it): a MultiLineString. */
function landBorders() {
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
  const mesh = topojson.mesh(topo, topo.objects.countries, (a, b) => a !== b);
  // No land border crosses the antimeridian; a segment that jumps across it would be drawn across the world.
  for (const line of mesh.coordinates) for (let i = 1; i < line.length; i++) if (Math.abs(line[i][0] - line[i - 1][0]) > 180) throw new Error('build-tiles: a border crosses the antimeridian');
  return { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: mesh, properties: {} }] };
}

/** Bounding box of a polygon's outer ring. */
function ringBox(ring) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
}

/** Each feature's polygons minus the polygons of another file (≈ 16 s for the territorial seas minus the land). */
function subtract(fc, otherFile) {
  const other = [];
  for (const f of JSON.parse(readFileSync(join(geo, otherFile), 'utf8')).features) {
    const g = f.geometry;
    for (const p of g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []) other.push({ p, b: ringBox(p[0]) });
  }
  const features = fc.features.map((f) => {
    const g = f.geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const b = polys.map((p) => ringBox(p[0])).reduce((a, x) => [Math.min(a[0], x[0]), Math.min(a[1], x[1]), Math.max(a[2], x[2]), Math.max(a[3], x[3])]);
    const near = other.filter((o) => o.b[0] <= b[2] && o.b[2] >= b[0] && o.b[1] <= b[3] && o.b[3] >= b[1]).map((o) => o.p);
    const rest = near.length ? polygonClipping.difference(polys, ...near) : polys;
    return { ...f, geometry: { type: 'MultiPolygon', coordinates: rest } };
  });
  return { type: 'FeatureCollection', features: features.filter((f) => f.geometry.coordinates.length > 0) };
}

/** Keep only the named properties (smaller tiles; the style reads none of the others). */
function slim(fc, keep) {
  if (!keep) return fc;
  return { type: 'FeatureCollection', features: fc.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: Object.fromEntries(keep.filter((k) => f.properties?.[k] !== undefined).map((k) => [k, f.properties[k]])) })) };
}

export function buildTiles() {
  for (const [name, set] of Object.entries(SETS)) buildSet(name, set.layers, join(geo, set.out));
}

function buildSet(setName, LAYERS, file) {
  const t0 = Date.now();
  const indexes = Object.entries(LAYERS).map(([name, l]) => {
    let fc = l.make ? l.make() : slim(JSON.parse(readFileSync(join(geo, l.file), 'utf8')), l.keep);
    if (l.minus) fc = subtract(fc, l.minus);
    const index = (tolerance) => new GeoJSONVT(fc, { maxZoom: MAXZOOM, indexMaxZoom: MAXZOOM, indexMaxPoints: 0, tolerance, extent: EXTENT, buffer: 16 });
    const fine = index(TOLERANCE);
    const coarse = l.minzoom <= LOW_ZOOM && LOW_TOLERANCE !== TOLERANCE ? index(LOW_TOLERANCE) : fine;
    return { name, minzoom: l.minzoom, index: { getTile: (z, x, y) => (z <= LOW_ZOOM ? coarse : fine).getTile(z, x, y) } };
  });
  const tiles = {};
  const parts = [];
  let offset = 0;
  const perZoom = [];
  const minzoom = Math.min(...Object.values(LAYERS).map((l) => l.minzoom));
  for (let z = minzoom; z <= MAXZOOM; z++) {
    let n = 0, bytes = 0;
    for (let x = 0; x < 2 ** z; x++) {
      for (let y = 0; y < 2 ** z; y++) {
        const layers = {};
        for (const l of indexes) {
          if (z < l.minzoom) continue;
          const t = l.index.getTile(z, x, y);
          if (t && t.features.length) layers[l.name] = t;
        }
        if (!Object.keys(layers).length) continue;
        const buf = fromGeojsonVt(layers, { version: 2, extent: EXTENT });
        tiles[`${z}/${x}/${y}`] = [offset, buf.length];
        parts.push(buf);
        offset += buf.length;
        n++;
        bytes += buf.length;
      }
    }
    perZoom.push(`z${z}: ${n} tiles, ${(bytes / 1024).toFixed(0)} KiB`);
  }
  const header = Buffer.from(JSON.stringify({ format: 'lookout-tiles/1', minzoom, maxzoom: MAXZOOM, extent: EXTENT, layers: Object.keys(LAYERS), tiles }));
  const len = Buffer.alloc(4);
  len.writeUInt32BE(header.length);
  const packed = gzipSync(Buffer.concat([len, header, ...parts]), { level: 9 });
  writeFileSync(file, packed);
  process.stderr.write(`build-tiles: ${setName}: ${Object.keys(tiles).length} tiles (${perZoom.join('; ')}), ${(offset / 2 ** 20).toFixed(2)} MiB raw, ${(packed.length / 2 ** 20).toFixed(2)} MiB gzipped, in ${Date.now() - t0} ms\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildTiles();
