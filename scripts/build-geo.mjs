#!/usr/bin/env node
// Regenerates data/geo/ from its sources: Natural Earth land and countries (npm world-atlas),
// the NGA World Port Index, Global Fishing Watch anchorage overrides, Natural Earth marine
// polygons and coarse EEZs (../shared/data/geo), OSM maritime borders (npm @osm_borders) and
// the hand-made lists in data/geo/sources/. Deterministic: same sources, same bytes.
// Usage: node scripts/build-geo.mjs [--shared DIR] [--only land,web,ports,zones]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoProject } from 'd3-geo-projection';
import { geoArea, geoEquirectangular } from 'd3-geo';

const require = createRequire(import.meta.url);
const topojson = require('topojson-client');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'data', 'geo');
const SRC = join(OUT, 'sources');
const args = process.argv.slice(2);
const arg = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const SHARED_GEO = resolve(arg('--shared', join(ROOT, '..', 'shared', 'data', 'geo')));
const ONLY = new Set((arg('--only', 'land,web,ports,zones')).split(','));
mkdirSync(OUT, { recursive: true });

const log = (...a) => console.error('build-geo:', ...a);
const round = (v, d) => { const f = 10 ** d; return Math.round(v * f) / f; };

// ---------------------------------------------------------------- land polygons
/** Planar signed area of a lon/lat ring (positive = counter-clockwise). */
function ringArea(ring) {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2;
}
const crossesAntimeridian = (ring) => ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);

let flipped = 0;
/** Drop degenerate rings that d3 would read as "the whole sphere" (see research/geo-ui.md). */
function cleanPolygons(geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out = [];
  for (const poly of polys) {
    const [outer, ...holes] = poly;
    if (!crossesAntimeridian(outer) && Math.abs(ringArea(outer)) <= 1e-9) continue;
    // A ring wound the wrong way round reads as "the sphere minus this island": turn it back.
    const fixed = geoArea({ type: 'Polygon', coordinates: [outer] }) > 2 * Math.PI ? [...outer].reverse() : outer;
    if (fixed !== outer) flipped++;
    out.push([fixed, ...holes.filter((h) => Math.abs(ringArea(h)) > 1e-9)]);
  }
  return { type: 'MultiPolygon', coordinates: out };
}

/** Cut at the antimeridian (d3 spherical clipping through an identity-scaled equirectangular). */
function cutAntimeridian(geometry) {
  const proj = geoEquirectangular().scale(180 / Math.PI).translate([0, 0]).reflectY(true).precision(0);
  return geoProject(geometry, proj);
}

function landFromAtlas(file, objectName) {
  const topo = JSON.parse(readFileSync(require.resolve(`world-atlas/${file}`), 'utf8'));
  const f = topojson.feature(topo, topo.objects[objectName]);
  const geom = f.type === 'FeatureCollection' ? { type: 'GeometryCollection', geometries: f.features.map((x) => x.geometry) } : f.geometry;
  const cleaned = geom.type === 'GeometryCollection'
    ? { type: 'MultiPolygon', coordinates: geom.geometries.flatMap((g) => cleanPolygons(g).coordinates) }
    : cleanPolygons(geom);
  const cut = cutAntimeridian(cleaned);
  return cut.type === 'Polygon' ? [cut.coordinates] : cut.coordinates;
}

/** Packed, delta-encoded integer rings (lookout-land/1) for the server-side land index. */
function packLand(polys, scale, source) {
  const rings = [];
  for (const poly of polys) {
    for (const ring of poly) {
      const r = [];
      let px = 0, py = 0, n = 0;
      for (const [x, y] of ring) {
        const qx = Math.round(x * scale), qy = Math.round(y * scale);
        if (n > 0 && qx === px && qy === py) continue;
        r.push(qx - px, qy - py);
        px = qx; py = qy; n++;
      }
      if (n >= 4) rings.push(r);
    }
  }
  return { format: 'lookout-land/1', scale, source, rings };
}

if (ONLY.has('land')) {
  const polys = landFromAtlas('land-10m.json', 'land');
  const packed = packLand(polys, 10000, 'Natural Earth 1:10m land 4.1.0 via npm world-atlas@2.0.2, cut at the antimeridian');
  const json = JSON.stringify(packed);
  writeFileSync(join(OUT, 'land-10m.json.gz'), gzipSync(json, { level: 9 }));
  log(`land-10m: ${flipped} flipped rings turned back`);
  log(`land-10m: ${packed.rings.length} rings, ${packed.rings.reduce((s, r) => s + r.length / 2, 0)} vertices, json ${json.length} B`);
}

// ---------------------------------------------------------------- ports
const countries = require('i18n-iso-countries');
/** WPI country names that i18n-iso-countries does not know under the same spelling. */
const WPI_COUNTRY = {
  'North Korea': 'KP', 'South Korea': 'KR', Burma: 'MM', 'Congo (Brazzaville)': 'CG', 'Congo (Kinshasa)': 'CD',
  "Cote D'Ivoire": 'CI', 'Falkland Islands (Islas Malvinas)': 'FK', 'Federated States of Micronesia': 'FM',
  'Caribbean Netherlands': 'BQ', Curacao: 'CW', Reunion: 'RE', 'Saint Helena, Ascension, and Tristan da Cunha': 'SH',
  'Saint Vincent and the Grenadines (Windward Islands)': 'VC', 'The Bahamas': 'BS', 'The Gambia': 'GM',
  'U.S. Virgin Islands': 'VI', 'British Virgin Islands': 'VG', Svalbard: 'SJ', 'Johnson Atoll': 'UM',
  'Midway Islands': 'UM', 'Wake Island': 'UM', Macau: 'MO', 'Hong Kong': 'HK', Taiwan: 'TW', Russia: 'RU',
  Turkey: 'TR', Vietnam: 'VN', Brunei: 'BN', Iran: 'IR', Syria: 'SY', 'Timor-Leste': 'TL', 'Cabo Verde': 'CV',
  'United States': 'US', 'United Kingdom': 'GB', 'Sint Maarten': 'SX', 'Western Sahara': 'EH', Tanzania: 'TZ',
};
const alpha2FromName = (name) => WPI_COUNTRY[name] ?? countries.getAlpha2Code(name, 'en') ?? '';

/** Minimal CSV reader (quoted fields) for the build inputs. */
function readCsv(file) {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const rows = [];
  let row = [], field = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else q = false; }
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const header = rows.shift();
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const RAD = Math.PI / 180;
const hav = (lat1, lon1, lat2, lon2) => {
  const s1 = Math.sin(((lat2 - lat1) * RAD) / 2), s2 = Math.sin(((lon2 - lon1) * RAD) / 2);
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2)));
};
const titleCase = (s) => s.toLowerCase().replace(/(^|[\s\-'(/.])([a-z])/g, (m, a, b) => a + b.toUpperCase());
const csvField = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const normName = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

/** WPI harbour size → port radius, metres. */
const WPI_RADIUS = { Large: 8000, Medium: 5000, Small: 3000, 'Very Small': 2000 };

function buildPorts() {
  const curatedRows = readFileSync(join(SRC, 'curated-ports.csv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const header = curatedRows.shift().split(',');
  const curated = curatedRows.map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
  const curatedCodes = new Set(curated.map((c) => c.unlocode).filter(Boolean));
  const out = curated.map((c) => ({ ...c }));

  const wpi = readCsv(join(SHARED_GEO, 'wpi', 'UpdatedPub150.csv'));
  const wpiPorts = [];
  for (const w of wpi) {
    const lat = Number(w.Latitude), lon = Number(w.Longitude);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    let unlocode = w['UN/LOCODE'].replace(/\s+/g, '').toUpperCase();
    if (!/^[A-Z]{2}[A-Z2-9]{3}$/.test(unlocode)) unlocode = '';
    if (unlocode && curatedCodes.has(unlocode)) continue;
    const country = alpha2FromName(w['Country Code']) || unlocode.slice(0, 2);
    const size = w['Harbor Size'].trim();
    const tags = ['wpi'];
    if (size) tags.push(`harbor_${size.toLowerCase().replace(/\s+/g, '_')}`);
    if (Number(w['Oil Terminal Depth (m)']) > 0) tags.push('oil_terminal');
    if (Number(w['Liquified Natural Gas Terminal Depth (m)']) > 0) tags.push('lng');
    if (country === 'KP') tags.push('sanctioned', 'dprk');
    if (country === 'RU') tags.push('russia');
    const p = {
      name: w['Main Port Name'].trim(), lat: round(lat, 4), lon: round(lon, 4), radius_m: WPI_RADIUS[size] ?? 2000,
      country, unlocode, tags: tags.join(';'), source: 'wpi',
    };
    wpiPorts.push(p);
    out.push(p);
  }

  // GFW anchorage overrides: one S2 cell per row; cluster each port label's cells into areas.
  const gfw = readCsv(join(SHARED_GEO, 'gfw', 'anchorage_overrides.csv'));
  const groups = new Map();
  for (const g of gfw) {
    const lat = Number(g.latitude), lon = Number(g.longitude);
    const label = g.label.trim().replace(/\s+/g, ' ');
    // A few rows carry placeholder positions (the pole): not an anchorage.
    if (!label || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) >= 89) continue;
    const key = `${g.iso3}|${label}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push([lat, lon]);
  }
  const anchorages = [];
  for (const key of [...groups.keys()].sort()) {
    const [iso3, label] = key.split('|');
    const pts = groups.get(key).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    // Single-linkage clusters at 3 km; a cluster wider than 8 km is cut into 0.1° tiles.
    const parent = pts.map((_, i) => i);
    const find = (i) => { while (parent[i] !== i) i = parent[i] = parent[parent[i]]; return i; };
    for (let i = 0; i < pts.length; i++) {
      for (let j = i + 1; j < pts.length && pts[j][0] - pts[i][0] < 0.03; j++) {
        if (hav(pts[i][0], pts[i][1], pts[j][0], pts[j][1]) <= 3000) parent[find(i)] = find(j);
      }
    }
    const clusters = new Map();
    pts.forEach((p, i) => { const r = find(i); if (!clusters.has(r)) clusters.set(r, []); clusters.get(r).push(p); });
    const areas = [];
    for (const c of clusters.values()) {
      const area = areaOf(c);
      if (area.radius <= 8000) { areas.push(area); continue; }
      const tiles = new Map();
      for (const p of c) { const k = `${Math.floor(p[0] / 0.1)},${Math.floor(p[1] / 0.1)}`; if (!tiles.has(k)) tiles.set(k, []); tiles.get(k).push(p); }
      for (const t of tiles.values()) areas.push(areaOf(t));
    }
    areas.sort((a, b) => a.lat - b.lat || a.lon - b.lon);
    const country = countries.alpha3ToAlpha2(iso3) ?? '';
    const name = titleCase(label);
    for (const a of areas) {
      // Borrow the UN/LOCODE of a WPI port of the same name nearby, so both read as one port.
      const twin = wpiPorts.find((w) => w.country === country && w.unlocode && normName(w.name) === normName(name) && hav(w.lat, w.lon, a.lat, a.lon) < 40000);
      anchorages.push({
        name, lat: round(a.lat, 4), lon: round(a.lon, 4), radius_m: Math.max(2000, Math.ceil((a.radius + 1500) / 100) * 100),
        country, unlocode: twin ? twin.unlocode : '', tags: ['anchorage', 'gfw', ...(country === 'RU' ? ['russia'] : [])].join(';'), source: 'gfw',
      });
    }
  }
  out.push(...anchorages);
  const cols = ['name', 'lat', 'lon', 'radius_m', 'country', 'unlocode', 'tags', 'source'];
  const lines = [
    '# Lookout bundled ports: curated (source lookout), NGA World Port Index (wpi, public domain),',
    '# Global Fishing Watch anchorage overrides clustered into port areas (gfw, Apache-2.0,',
    '# attribution: Global Fishing Watch). Generated by scripts/build-geo.mjs; see data/geo/README.md.',
    cols.join(','),
    ...out.map((p) => cols.map((c) => csvField(p[c] ?? '')).join(',')),
  ];
  writeFileSync(join(OUT, 'ports.csv'), lines.join('\n') + '\n');
  log(`ports: ${curated.length} curated, ${wpiPorts.length} wpi, ${anchorages.length} gfw anchorage areas from ${groups.size} labels`);
}

/** Centre (mean) and radius (farthest point) of a set of [lat, lon] points. */
function areaOf(pts) {
  let lat = 0, x = 0, y = 0;
  for (const [a, o] of pts) { lat += a; x += Math.cos(o * RAD); y += Math.sin(o * RAD); }
  lat /= pts.length;
  const lon = Math.atan2(y, x) / RAD;
  let radius = 0;
  for (const [a, o] of pts) radius = Math.max(radius, hav(lat, lon, a, o));
  return { lat, lon, radius };
}

if (ONLY.has('ports')) buildPorts();

// ---------------------------------------------------------------- zones
const polygonClipping = require('polygon-clipping');

/** Natural Earth marine polygons we bundle: NE name → our id, kind, tags and gates. */
const NE_ZONES = [
  ['Taiwan Strait', 'taiwan-strait', 'strait', ['east_asia', 'china', 'taiwan'], [['North (East China Sea)', 25.2, 120.4], ['South (South China Sea)', 23.2, 118.5]]],
  ['Korea Strait', 'korea-strait', 'strait', ['east_asia', 'korea', 'japan'], [['Southwest (East China Sea)', 33.6, 127.9], ['Northeast (Sea of Japan)', 35.5, 130.3]]],
  ['Strait of Malacca', 'strait-of-malacca', 'strait', ['southeast_asia'], [['Northwest (Andaman Sea)', 6.5, 97.0], ['Southeast (Singapore Strait)', 1.3, 103.3]]],
  ['Strait of Singapore', 'strait-of-singapore', 'strait', ['southeast_asia'], [['West (Strait of Malacca)', 1.15, 103.5], ['East (South China Sea)', 1.3, 104.4]]],
  ['Bosporus', 'bosporus', 'strait', ['black_sea', 'turkey'], [['North (Black Sea)', 41.21, 29.12], ['South (Sea of Marmara)', 41.01, 28.99]]],
  ['Dardanelles', 'dardanelles', 'strait', ['black_sea', 'turkey'], [['Northeast (Sea of Marmara)', 40.40, 26.70], ['Southwest (Aegean Sea)', 40.02, 26.20]]],
  ['Tsugaru Strait', 'tsugaru-strait', 'strait', ['east_asia', 'japan', '3nm_territorial_sea'], [['West (Sea of Japan)', 41.35, 140.2], ['East (Pacific)', 41.5, 141.4]]],
  ['Tatar Strait', 'tatar-strait', 'strait', ['east_asia', 'russia'], [['North (Sea of Okhotsk)', 53.3, 141.4], ['South (Sea of Japan)', 52.0, 141.6]]],
  ['Qiongzhou Strait', 'qiongzhou-strait', 'strait', ['east_asia', 'china'], [['West (Gulf of Tonkin)', 20.2, 109.85], ['East (South China Sea)', 20.2, 110.6]]],
  ['Makassar Strait', 'makassar-strait', 'strait', ['southeast_asia', 'indonesia'], [['North (Celebes Sea)', 1.0, 119.5], ['South (Flores Sea)', -4.8, 117.8]]],
  ['Øresund', 'oresund', 'strait', ['baltic', 'denmark', 'sweden'], [['North (Kattegat)', 56.05, 12.6], ['South (Baltic Sea)', 55.35, 12.75]]],
  ['English Channel', 'english-channel', 'strait', ['europe'], [['West (Atlantic)', 49.3, -5.5], ['East (Dover Strait)', 50.95, 1.4]]],
  ['Gulf of Finland', 'gulf-of-finland', 'sea', ['baltic', 'russia', 'finland', 'estonia'], null],
  ['Yellow Sea', 'yellow-sea', 'sea', ['east_asia', 'korea', 'china'], null],
  ['East China Sea', 'east-china-sea', 'sea', ['east_asia', 'china', 'japan', 'taiwan'], null],
  ['South China Sea', 'south-china-sea', 'sea', ['east_asia', 'southeast_asia'], null],
  ['Bo Hai', 'bo-hai', 'sea', ['east_asia', 'china'], null],
  ['Sea of Japan', 'sea-of-japan', 'sea', ['east_asia', 'korea', 'japan', 'russia'], null],
  ['Sea of Okhotsk', 'sea-of-okhotsk', 'sea', ['east_asia', 'russia'], null],
  ['Philippine Sea', 'philippine-sea', 'sea', ['east_asia'], null],
  ['Gulf of Tonkin', 'gulf-of-tonkin', 'sea', ['east_asia', 'vietnam', 'china'], null],
  ['Gulf of Thailand', 'gulf-of-thailand', 'sea', ['southeast_asia'], null],
  ['Andaman Sea', 'andaman-sea', 'sea', ['southeast_asia'], null],
  ['Black Sea', 'black-sea', 'sea', ['black_sea', 'russia', 'ukraine', 'turkey'], null],
  ['Sea of Azov', 'sea-of-azov', 'sea', ['black_sea', 'russia', 'ukraine'], null],
  ['Sea of Marmara', 'sea-of-marmara', 'sea', ['black_sea', 'turkey'], null],
  ['Baltic Sea', 'baltic-sea', 'sea', ['baltic'], null],
  ['Gulf of Bothnia', 'gulf-of-bothnia', 'sea', ['baltic'], null],
  ['Gulf of Riga', 'gulf-of-riga', 'sea', ['baltic'], null],
  ['Kattegat', 'kattegat', 'sea', ['baltic'], null],
  ['North Sea', 'north-sea', 'sea', ['europe'], null],
  ['Barents Sea', 'barents-sea', 'sea', ['arctic', 'russia', 'norway'], null],
  ['Mediterranean Sea', 'mediterranean-sea', 'sea', ['mediterranean'], null],
  ['Aegean Sea', 'aegean-sea', 'sea', ['mediterranean'], null],
  ['Red Sea', 'red-sea', 'sea', ['middle_east'], null],
  ['Gulf of Aden', 'gulf-of-aden', 'sea', ['middle_east'], null],
  ['Persian Gulf', 'persian-gulf', 'sea', ['middle_east'], null],
  ['Gulf of Oman', 'gulf-of-oman', 'sea', ['middle_east'], null],
];

const roundCoords = (c, d) => (typeof c[0] === 'number' ? [round(c[0], d), round(c[1], d)] : c.map((x) => roundCoords(x, d)));

function bboxOf(coords) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => { if (typeof c[0] === 'number') { b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]); b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]); } else c.forEach(walk); };
  walk(coords);
  return b;
}

/** Even-odd test of a point against polygons ([[ring…]…]). */
function inPolys(polys, x, y) {
  let inside = false;
  for (const poly of polys) for (const r of poly) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      if ((r[i][1] > y) !== (r[j][1] > y) && x < ((r[j][0] - r[i][0]) * (y - r[i][1])) / (r[j][1] - r[i][1]) + r[i][0]) inside = !inside;
    }
  }
  return inside;
}

function buildZones(landPolys) {
  const ne = JSON.parse(readFileSync(join(SHARED_GEO, 'natural-earth', 'ne_10m_geography_marine_polys.geojson'), 'utf8'));
  const byName = new Map(ne.features.map((f) => [f.properties.name, f]));
  const features = [];
  const gatesOf = (g) => g && g.map(([name, lat, lon]) => ({ name, lat, lon }));
  for (const [neName, id, kind, tags, gates] of NE_ZONES) {
    const f = byName.get(neName);
    if (!f) throw new Error(`Natural Earth has no marine polygon "${neName}"`);
    const props = { id, name: neName, kind, tags: [kind === 'strait' ? 'strait' : 'sea', ...tags], source: 'natural-earth' };
    if (gates) props.gates = gatesOf(gates);
    features.push({ type: 'Feature', properties: props, geometry: { type: f.geometry.type, coordinates: roundCoords(f.geometry.coordinates, 4) } });
  }
  // Hand-drawn straits, clipped against land so that only water remains.
  const hand = JSON.parse(readFileSync(join(SRC, 'straits.geojson'), 'utf8'));
  for (const f of hand.features) {
    const bb = bboxOf(f.geometry.coordinates);
    const near = landPolys.filter((p) => { const b = bboxOf(p[0]); return b[0] <= bb[2] && b[2] >= bb[0] && b[1] <= bb[3] && b[3] >= bb[1]; });
    const water = near.length ? polygonClipping.difference(f.geometry.coordinates, ...near) : [f.geometry.coordinates];
    // Keep the water piece(s) large enough to matter: drop slivers under 1 % of the largest.
    const area = (poly) => Math.abs(ringArea(poly[0]));
    const maxA = Math.max(...water.map(area));
    const kept = water.filter((p) => area(p) >= 0.01 * maxA);
    const { note: _note, ...props } = f.properties;
    features.push({ type: 'Feature', properties: { ...props, source: 'lookout' }, geometry: { type: 'MultiPolygon', coordinates: roundCoords(kept, 4) } });
  }
  // Gates must lie on water inside their strait: snap each to the nearest such point of a fine
  // sample grid (the hand-given position says which end; the snap makes it exact).
  for (const f of features) {
    if (!f.properties.gates) continue;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const bb = bboxOf(polys);
    const step = Math.max(bb[2] - bb[0], bb[3] - bb[1]) / 200;
    const water = [];
    for (let y = bb[1] + step / 2; y < bb[3]; y += step) {
      for (let x = bb[0] + step / 2; x < bb[2]; x += step) {
        if (inPolys(polys, x, y) && !landIndex.isOnLand(y, x) && landIndex.distanceToCoastM(y, x, 2000) >= Math.min(1000, step * 20000)) water.push([x, y]);
      }
    }
    for (const g of f.properties.gates) {
      let best = null, bestD = Infinity;
      for (const [x, y] of water) { const d = hav(g.lat, g.lon, y, x); if (d < bestD) { bestD = d; best = [x, y]; } }
      if (!best) throw new Error(`no water inside ${f.properties.id} for its gates`);
      if (bestD > 1) log(`gate "${g.name}" of ${f.properties.id}: moved ${(bestD / 1000).toFixed(1)} km onto water inside the polygon`);
      g.lat = round(best[1], 4); g.lon = round(best[0], 4);
    }
  }
  const fc = { type: 'FeatureCollection', features };
  writeFileSync(join(OUT, 'zones.geojson'), JSON.stringify(fc) + '\n');
  log(`zones: ${features.length} features, ${JSON.stringify(fc).length} B`);

  // Territorial seas (approximate): OSM admin-level-2 maritime polygons = land + territorial sea.
  const osm = require('@osm_borders/maritime_1000m/borders.geo.json');
  const ts = [];
  for (const f of [...osm.features].sort((a, b) => (a.properties.isoA2 ?? '').localeCompare(b.properties.isoA2 ?? ''))) {
    const { isoA2, isoA3 } = f.properties;
    if (!/^[A-Z]{2}$/.test(isoA2 ?? '') || !f.geometry) continue;
    const parts = f.geometry.type === 'GeometryCollection' ? f.geometry.geometries : [f.geometry];
    const polys = parts.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []));
    if (polys.length === 0) continue;
    const nameEn = countries.getName(isoA2, 'en') ?? isoA3;
    ts.push({
      type: 'Feature',
      properties: { id: `ts-${isoA2.toLowerCase()}`, name: `${nameEn} territorial sea (approx.)`, kind: 'territorial_sea', country: isoA2, tags: ['territorial_sea', 'approximate', 'includes_land', `country:${isoA2.toLowerCase()}`], source: 'osm' },
      geometry: { type: 'MultiPolygon', coordinates: roundCoords(polys, 3) },
    });
  }
  const tsFc = { type: 'FeatureCollection', features: ts };
  writeFileSync(join(OUT, 'territorial-seas.geojson'), JSON.stringify(tsFc) + '\n');
  log(`territorial seas: ${ts.length} countries, ${JSON.stringify(tsFc).length} B`);

  // Coarse EEZ hulls (labels only).
  const eez = JSON.parse(readFileSync(join(SHARED_GEO, 'eez-coarse', 'gfw-ocean-areas-eezs.json'), 'utf8'));
  const used = new Set();
  const ez = [];
  for (const f of eez) {
    let id = `eez-${f.properties.area ?? slugify(f.properties.name)}`;
    while (used.has(id)) id += '-b';
    used.add(id);
    ez.push({
      type: 'Feature',
      properties: { id, name: `${f.properties.name} EEZ (coarse)`, kind: 'eez', tags: ['eez', 'coarse', 'label_only'], mrgid: f.properties.area ?? null, source: 'gfw-ocean-areas' },
      geometry: { type: f.geometry.type, coordinates: roundCoords(f.geometry.coordinates, 3) },
    });
  }
  writeFileSync(join(OUT, 'eez-coarse.geojson'), JSON.stringify({ type: 'FeatureCollection', features: ez }) + '\n');
  log(`eez: ${ez.length} coarse hulls`);
}
const slugify = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

let landIndex;
if (ONLY.has('zones')) {
  // The project's own land index (compiled by `tsc -b`) checks that gates lie on water.
  const geo = await import(join(ROOT, 'dist', 'src', 'geo', 'index.js')).catch(() => { throw new Error('run `npx tsc -b` first: the zones step uses dist/src/geo'); });
  const polys = landFromAtlas('land-10m.json', 'land');
  landIndex = new geo.LandIndex(polys.flatMap((p) => p.map((r) => r.flat())));
  buildZones(polys);
}

// ---------------------------------------------------------------- web basemap (GeoJSON)
/** Polygons (already cut) → coastline lines, leaving out the cut edges along ±180° and the pole. */
function coastlines(polys) {
  const lines = [];
  const artificial = (a, b) => (Math.abs(a[0]) === 180 && a[0] === b[0]) || (a[1] <= -89.9999 && b[1] <= -89.9999);
  for (const poly of polys) {
    for (const ring of poly) {
      let cur = [];
      for (let i = 1; i < ring.length; i++) {
        if (artificial(ring[i - 1], ring[i])) { if (cur.length > 1) lines.push(cur); cur = []; continue; }
        if (cur.length === 0) cur.push(ring[i - 1]);
        cur.push(ring[i]);
      }
      if (cur.length > 1) lines.push(cur);
    }
  }
  return lines;
}

function buildWeb() {
  const dir = join(OUT, 'basemap');
  mkdirSync(dir, { recursive: true });
  const write = (name, fc) => { const s = JSON.stringify(fc); writeFileSync(join(dir, name), s + '\n'); log(`basemap/${name}: ${s.length} B`); };
  const land = roundCoords(landFromAtlas('land-50m.json', 'land'), 3);
  write('land-50m.geojson', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'land' }, geometry: { type: 'MultiPolygon', coordinates: land } }] });
  write('coastline-50m.geojson', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'coastline' }, geometry: { type: 'MultiLineString', coordinates: coastlines(land) } }] });
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
  const fc = topojson.feature(topo, topo.objects.countries);
  const features = [];
  for (const f of [...fc.features].sort((a, b) => String(a.id ?? a.properties.name).localeCompare(String(b.id ?? b.properties.name)))) {
    if (!f.geometry) continue;
    const cut = cutAntimeridian(cleanPolygons(f.geometry));
    const polys = cut.type === 'Polygon' ? [cut.coordinates] : cut.coordinates;
    const num = f.id ? String(f.id).padStart(3, '0') : null;
    const a2 = num ? countries.numericToAlpha2(num) ?? null : null;
    features.push({
      type: 'Feature',
      properties: { name: f.properties.name, iso_a2: a2, iso_a3: a2 ? countries.alpha2ToAlpha3(a2) ?? null : null, iso_n3: num },
      geometry: { type: 'MultiPolygon', coordinates: roundCoords(polys, 3) },
    });
  }
  write('countries-50m.geojson', { type: 'FeatureCollection', features });
}

if (ONLY.has('web')) buildWeb();

// ---------------------------------------------------------------- web basemap (vector tiles)
// Built from the files above (basemap, zones, territorial seas, EEZ): scripts/build-tiles.mjs.
if (ONLY.has('web') || ONLY.has('zones')) (await import('./build-tiles.mjs')).buildTiles();
