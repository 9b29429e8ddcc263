import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadRefData, basemapFiles, GEO_DATA_DIR, BUNDLED } from './refdata.js';
import { unpackLand } from '../geo/land.js';
import { haversineM } from '../geo/distance.js';
import { mulberry32 } from '../geo/prng.js';
import { ringsContain } from '../geo/edge-grid.js';

// One load for the whole file: the bundled land, ports and zones, indexed.
const ref = await loadRefData();

test('the bundle loads without a rejected row and holds ports, zones and land', () => {
  assert.deepEqual(ref.report.rejected, []);
  assert.ok(ref.ports.length > 10_000, `${ref.ports.length} ports`);
  assert.ok(ref.zones.length > 500, `${ref.zones.length} zones`);
  assert.ok(ref.landRings > 4000);
});

test('inland points on every continent are on land', () => {
  const inland: [string, number, number][] = [
    ['Paris', 48.85, 2.35], ['Moscow', 55.75, 37.6], ['Sahara', 23, 10], ['Congo basin', -2, 23], ['Mongolia', 47, 104],
    ['Kansas', 39, -98], ['Amazonia', -10, -50], ['Central Australia', -25, 135], ['Antarctic plateau', -80, 30], ['South Pole', -90, 0],
  ];
  for (const [name, lat, lon] of inland) {
    assert.equal(ref.isOnLand(lat, lon), true, name);
    assert.equal(ref.distanceToShoreKm(lat, lon), 0, name);
  }
});

test('open-sea points are not on land', () => {
  for (const [name, lat, lon] of [['mid-Atlantic', 30, -40], ['equatorial Pacific', 0, -150], ['Indian Ocean', -20, 80], ['North Pole', 90, 0], ['Southern Ocean', -60, 0], ['Yellow Sea', 36, 123.5]] as const) {
    assert.equal(ref.isOnLand(lat, lon), false, name);
    assert.ok(ref.distanceToShoreKm(lat, lon) > 100, name);
  }
});

test('narrow waters keep water and land apart: Tsushima, the Korea Strait, the Bosporus', () => {
  assert.equal(ref.isOnLand(34.4, 129.3), true, 'Tsushima island');
  assert.equal(ref.isOnLand(34.0, 129.8), false, 'Tsushima Strait eastern channel');
  assert.equal(ref.isOnLand(34.7, 128.9), false, 'Korea Strait western channel');
  assert.equal(ref.isOnLand(41.08, 29.06), false, 'Bosporus mid-channel');
  assert.ok(ref.distanceToShoreKm(41.08, 29.06) < 1, 'the Bosporus is under a kilometre from either bank');
  assert.equal(ref.isOnLand(41.08, 29.0), true, 'Istanbul, European bank');
  assert.equal(ref.isOnLand(41.08, 29.13), true, 'Istanbul, Asian bank');
});

test('distance to shore matches known values: the North Pole is ~707 km from Greenland', () => {
  const np = ref.distanceToShoreKm(90, 0);
  assert.ok(np > 700 && np < 715, `${np}`);
  // Every longitude at the pole is the same point.
  assert.ok(Math.abs(ref.distanceToShoreKm(90, 123) - np) < 1e-6);
  // Point Nemo: Natural Earth 1:10m lacks Ducie Island, so the nearest land is Easter Island.
  const nemo = ref.distanceToShoreKm(-48.8767, -123.3933, 5000);
  assert.ok(nemo > 2600 && nemo < 2700, `${nemo}`);
  // The cap applies.
  assert.equal(ref.distanceToShoreKm(0, -150, 100), 100);
});

test('distance to shore agrees with a brute-force search over every coastline vertex', () => {
  const rings = unpackLand(JSON.parse(gunzipSync(readFileSync(join(GEO_DATA_DIR, BUNDLED.land))).toString('utf8')));
  // Coastline vertices only: skip the artificial cut edges' vertices along ±180° and the pole.
  const coast: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i += 2) if (Math.abs(ring[i]) !== 180 && ring[i + 1] !== -90) coast.push(ring[i + 1], ring[i]);
  }
  const brute = (lat: number, lon: number): number => {
    let best = Infinity;
    for (let i = 0; i < coast.length; i += 2) {
      const d = haversineM(lat, lon, coast[i], coast[i + 1]);
      if (d < best) best = d;
    }
    return best / 1000;
  };
  // Random sea points, plus high latitudes where the search measures on the sphere.
  const r = mulberry32(11);
  const points: [number, number][] = [[75, 30], [80, 10], [78, -170], [-68, -20], [71, 179.9], [-66, 100]];
  while (points.length < 20) points.push([r() * 140 - 70, r() * 360 - 180]);
  let checked = 0;
  for (const [lat, lon] of points) {
    if (ref.isOnLand(lat, lon)) continue;
    const ours = ref.distanceToShoreKm(lat, lon, 3000);
    if (ours >= 3000) continue;
    const b = brute(lat, lon);
    // Edges can come closer than their vertices, never farther; vertices are ≤ a few km apart.
    assert.ok(ours <= b + 0.001 && ours >= b - 5, `${lat},${lon}: ${ours} vs vertices ${b}`);
    checked++;
  }
  assert.ok(checked >= 10, `${checked} points checked`);
});

test('on-land answers match a plain ray test over every land ring near busy coasts', () => {
  const rings = unpackLand(JSON.parse(gunzipSync(readFileSync(join(GEO_DATA_DIR, BUNDLED.land))).toString('utf8')));
  const boxes = rings.map((ring) => {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let k = 0; k < ring.length; k += 2) { x0 = Math.min(x0, ring[k]); x1 = Math.max(x1, ring[k]); y0 = Math.min(y0, ring[k + 1]); y1 = Math.max(y1, ring[k + 1]); }
    return [x0, y0, x1, y1];
  });
  const r = mulberry32(21);
  // Points within ~10 km of port centres: where land and water interleave most.
  for (let n = 0; n < 400; n++) {
    const p = ref.ports[Math.floor(r() * ref.ports.length)];
    const lat = p.lat + (r() - 0.5) * 0.2, lon = p.lon + (r() - 0.5) * 0.2;
    if (lon < -180 || lon >= 180) continue;
    let inside = false;
    rings.forEach((ring, k) => {
      const b = boxes[k];
      if (lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3] && ringsContain([ring], lon, lat)) inside = !inside;
    });
    assert.equal(ref.isOnLand(lat, lon), inside, `${lat},${lon}`);
  }
});

test('coast distance measures inland too: Paris is ~150 km from the sea', () => {
  const paris = ref.coastDistanceKm(48.85, 2.35);
  assert.ok(paris > 130 && paris < 200, `${paris}`);
  assert.equal(ref.distanceToShoreKm(48.85, 2.35), 0);
  // At sea both measures agree.
  assert.equal(ref.coastDistanceKm(36, 123.5), ref.distanceToShoreKm(36, 123.5));
});

test('distance to shore is continuous across the antimeridian (Fiji)', () => {
  const east = ref.distanceToShoreKm(-16.5, 179.999), west = ref.distanceToShoreKm(-16.5, -179.999);
  assert.ok(east < 5 && Math.abs(east - west) < 0.3, `${east} vs ${west}`);
  assert.equal(ref.isOnLand(66, 175), true, 'Chukotka west of the dateline');
  assert.equal(ref.isOnLand(66, -175), true, 'Chukotka east of the dateline');
  assert.equal(ref.isOnLand(66, 185), true, 'longitude past 180 wraps');
});

test('the ports that matter are found where they are', () => {
  const cases: [string, number, number, RegExp][] = [
    ['Nampo', 38.7167, 125.39, /nampo/i], ['Songnim', 38.74, 125.62, /songnim/i], ['Chongjin', 41.77, 129.82, /ch.?ongjin/i],
    ['Rajin', 42.24, 130.3, /rajin|najin/i], ['Primorsk', 60.35, 28.66, /primorsk/i], ['Ust-Luga', 59.69, 28.4, /luga/i],
    ['Kozmino', 42.728, 133.025, /kozmino/i], ['Novorossiysk', 44.72, 37.78, /novorossiysk/i], ['Rotterdam', 51.9, 4.48, /rotterdam/i],
    ['Singapore', 1.26, 103.84, /singapore|keppel/i], ['Busan', 35.1, 129.03, /busan/i],
  ];
  for (const [name, lat, lon, re] of cases) {
    const hits = ref.portsAt(lat, lon);
    assert.ok(hits.length > 0 && re.test(hits[0].name), `${name}: ${hits.map((p) => p.name).join(', ')}`);
    assert.match(ref.nearestPort(lat, lon, 10_000)?.port.name ?? '', re, name);
  }
});

test('North Korean ports are sanctioned and Russian oil ports high-risk', () => {
  const nampo = ref.portsAt(38.7167, 125.39)[0];
  assert.ok(nampo.tags.includes('sanctioned') && nampo.tags.includes('dprk'));
  const primorsk = ref.portsAt(60.35, 28.66)[0];
  assert.ok(primorsk.tags.includes('high_risk') && primorsk.tags.includes('russia') && primorsk.tags.includes('oil_terminal'));
});

test('where port areas overlap the best match comes first: Kozmino inside Vostochny', () => {
  const hits = ref.portsAt(42.728, 133.025);
  assert.ok(hits.length >= 2, hits.map((p) => p.name).join(', '));
  assert.match(hits[0].name, /kozmino/i);
  // Every later hit matches no better than the first (distance relative to radius).
  const score = (p: { lat: number; lon: number; radius_m: number }): number => haversineM(42.728, 133.025, p.lat, p.lon) / p.radius_m;
  for (let i = 1; i < hits.length; i++) assert.ok(score(hits[i]) >= score(hits[i - 1]));
});

test('points in each strait and sea fall in that zone', () => {
  const cases: [string, number, number][] = [
    ['taiwan-strait', 24.3, 119.9], ['korea-strait', 34.7, 128.9], ['tsushima-strait', 34.0, 129.8], ['strait-of-malacca', 3.0, 100.8],
    ['gulf-of-finland', 59.9, 26.0], ['bosporus', 41.08, 29.06], ['kerch-strait', 45.3, 36.55], ['yellow-sea', 36, 123.5],
    ['east-china-sea', 29, 125], ['strait-of-hormuz', 26.5, 56.3], ['la-perouse-strait', 45.7, 141.95], ['bab-el-mandeb', 12.55, 43.3],
    ['strait-of-gibraltar', 35.95, -5.6], ['tsugaru-strait', 41.5, 140.7], ['strait-of-singapore', 1.2, 103.9], ['dover-strait', 51.0, 1.5],
  ];
  for (const [id, lat, lon] of cases) {
    const ids = ref.zonesAt(lat, lon).map((z) => z.id);
    assert.ok(ids.includes(id), `${id} at ${lat},${lon}: ${ids.join(', ')}`);
  }
  assert.equal(ref.zonesAt(0, -150).filter((z) => z.kind !== 'eez').length, 0);
});

test('every strait has two named gates on water inside it', () => {
  for (const z of ref.zones.filter((x) => x.kind === 'strait')) {
    assert.equal(z.gates?.length, 2, z.id);
    for (const g of z.gates ?? []) {
      assert.equal(ref.isOnLand(g.lat, g.lon), false, `${z.id} ${g.name}`);
      assert.ok(ref.zonesAt(g.lat, g.lon).includes(z), `${z.id} ${g.name} inside`);
    }
  }
});

test('territorial seas: Nampo approaches are North Korean waters; mid Yellow Sea is not', () => {
  assert.ok(ref.zonesAt(38.7, 125.2).some((z) => z.id === 'ts-kp'));
  assert.ok(!ref.zonesAt(36, 123.5).some((z) => z.kind === 'territorial_sea'));
});

test('user ports and zones add to the bundle, come first, are tagged user, and bad rows are reported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-refdata-'));
  const portsFile = join(dir, 'ports.csv');
  writeFileSync(portsFile, 'name,lat,lon,radius_m,country,unlocode,tags\nMy Nampo Berth,38.7167,125.39,9000,KP,,watch\nBroken,95,0,1,,,\n');
  const zonesFile = join(dir, 'zones.geojson');
  writeFileSync(zonesFile, JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { id: 'box', name: 'Exercise box' }, geometry: { type: 'Polygon', coordinates: [[[125, 38], [126, 38], [126, 39], [125, 39], [125, 38]]] } },
    { type: 'Feature', properties: { name: 'no id' }, geometry: null },
  ] }));
  const rejects: string[] = [];
  const mine = await loadRefData({ ports: [portsFile], zones: [zonesFile], onReject: (f, w, r) => rejects.push(`${w}: ${r}`) });
  // Same centre and radius as the bundled Nampo: the user's definition wins the tie.
  const first = mine.portsAt(38.7167, 125.39)[0];
  assert.equal(first.name, 'My Nampo Berth');
  assert.deepEqual(first.tags, ['watch', 'user']);
  assert.equal(first.source, 'user');
  const box = mine.zonesAt(38.5, 125.5).find((z) => z.id === 'box');
  assert.ok(box && box.kind === 'user' && box.tags.includes('user'));
  assert.equal(mine.ports.length, ref.ports.length + 1);
  assert.deepEqual(rejects.map((x) => x.split(':')[0]), ['line 3', 'feature 1']);
  assert.equal(mine.report.rejected.length, 2);
});

test('basemap files exist for the web server', () => {
  const files = basemapFiles();
  for (const layer of ['land', 'countries', 'coastline', 'zones', 'territorialSeas', 'eez', 'ports']) {
    assert.ok(files[layer] && existsSync(files[layer]), layer);
  }
});
