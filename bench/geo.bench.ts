/**
 * Reference-geography query speed: calls per second of each RefData query over realistic
 * positions (half near ports and coasts, half at sea in East Asia), against naive baselines
 * measured in the same run (linear scans with haversine, plain ray test over all land rings).
 * Prints a checksum of the answers, and checks that fast and naive agree on the baseline sample.
 */
import { loadRefData } from '../src/pipeline/refdata.js';
import { haversineM } from '../src/geo/distance.js';
import { ringsContain } from '../src/geo/edge-grid.js';
import { flattenRing, zonePolygons } from '../src/geo/zones.js';
import { unpackLand } from '../src/geo/land.js';
import { mulberry32 } from '../src/geo/prng.js';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { GEO_DATA_DIR, BUNDLED } from '../src/pipeline/refdata.js';
import type { Port } from '../src/geo/types.js';

const N = 200_000;
const BASELINE_N = 300;

const t0 = performance.now();
const ref = await loadRefData();
const loadMs = performance.now() - t0;
console.log(`load: ${loadMs.toFixed(0)} ms (${ref.ports.length} ports, ${ref.zones.length} zones, ${ref.landEdges} land edges)`);

const rnd = mulberry32(42);
const lat = new Float64Array(N), lon = new Float64Array(N);
for (let i = 0; i < N; i++) {
  if (i % 2 === 0) {
    const p = ref.ports[Math.floor(rnd() * ref.ports.length)];
    lat[i] = p.lat + (rnd() - 0.5) * 0.4;
    lon[i] = p.lon + (rnd() - 0.5) * 0.4;
  } else {
    lat[i] = rnd() * 50;
    lon[i] = 100 + rnd() * 50;
  }
}

function rate(name: string, n: number, fn: (i: number) => number): { perSec: number; sum: number } {
  for (let i = 0; i < Math.min(n, 2000); i++) fn(i); // warm up
  const t = performance.now();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += fn(i);
  const s = (performance.now() - t) / 1000;
  const perSec = n / s;
  console.log(`${name.padEnd(34)} ${perSec.toFixed(0).padStart(10)} calls/s  ${(1e6 / perSec).toFixed(2).padStart(9)} µs/call`);
  return { perSec, sum };
}

console.log('\nindexed (RefData):');
const onLand = rate('isOnLand', N, (i) => (ref.isOnLand(lat[i], lon[i]) ? 1 : 0));
const shore = rate('distanceToShoreKm (cap 100 km)', N, (i) => ref.distanceToShoreKm(lat[i], lon[i], 100));
const shore1000 = rate('distanceToShoreKm (cap 1000 km)', N / 4, (i) => ref.distanceToShoreKm(lat[i], lon[i], 1000));
const portsAt = rate('portsAt', N, (i) => ref.portsAt(lat[i], lon[i]).length);
const nearest = rate('nearestPort (50 km)', N, (i) => (ref.nearestPort(lat[i], lon[i], 50_000) ? 1 : 0));
const zonesAt = rate('zonesAt', N, (i) => ref.zonesAt(lat[i], lon[i]).length);

// Naive baselines over the same first BASELINE_N points.
const rings = unpackLand(JSON.parse(gunzipSync(readFileSync(join(GEO_DATA_DIR, BUNDLED.land))).toString('utf8')));
const ringBoxes = rings.map((r) => {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let k = 0; k < r.length; k += 2) { x0 = Math.min(x0, r[k]); x1 = Math.max(x1, r[k]); y0 = Math.min(y0, r[k + 1]); y1 = Math.max(y1, r[k + 1]); }
  return [x0, y0, x1, y1];
});
const naiveOnLand = (y: number, x: number): boolean => {
  // Even-odd over every ring whose box contains the point (a bounding-box prefilter only).
  let inside = false;
  for (let k = 0; k < rings.length; k++) {
    const b = ringBoxes[k];
    if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue;
    if (ringsContain([rings[k]], x, y)) inside = !inside;
  }
  return inside;
};
const naivePortsAt = (y: number, x: number): Port[] => ref.ports
  .map((p) => ({ p, d: haversineM(y, x, p.lat, p.lon) }))
  .filter((h) => h.d <= h.p.radius_m)
  .sort((a, b) => a.d / a.p.radius_m - b.d / b.p.radius_m)
  .map((h) => h.p);
const zoneRings = ref.zones.map((z) => zonePolygons(z).flat().map(flattenRing));
const naiveZonesAt = (y: number, x: number): number => zoneRings.filter((rs) => ringsContain(rs, x, y) || ringsContain(rs, x + 360, y) || ringsContain(rs, x - 360, y)).length;

console.log(`\nnaive baselines (${BASELINE_N} points):`);
const bOnLand = rate('isOnLand: bbox + ray test', BASELINE_N, (i) => (naiveOnLand(lat[i], lon[i]) ? 1 : 0));
const bPorts = rate('portsAt: linear haversine scan', BASELINE_N, (i) => naivePortsAt(lat[i], lon[i]).length);
const bZones = rate('zonesAt: ray test over every zone', BASELINE_N, (i) => naiveZonesAt(lat[i], lon[i]));

let disagree = 0;
for (let i = 0; i < BASELINE_N; i++) {
  if (naiveOnLand(lat[i], lon[i]) !== ref.isOnLand(lat[i], lon[i])) disagree++;
  if (naivePortsAt(lat[i], lon[i]).length !== ref.portsAt(lat[i], lon[i]).length) disagree++;
  if (naiveZonesAt(lat[i], lon[i]) !== ref.zonesAt(lat[i], lon[i]).length) disagree++;
}

console.log('\nspeed-up over the naive baseline:');
console.log(`isOnLand ${(onLand.perSec / bOnLand.perSec).toFixed(0)}×, portsAt ${(portsAt.perSec / bPorts.perSec).toFixed(0)}×, zonesAt ${(zonesAt.perSec / bZones.perSec).toFixed(0)}×`);
console.log(`fast vs naive disagreements on the baseline sample: ${disagree}`);
const checksum = onLand.sum + Math.round(shore.sum) + Math.round(shore1000.sum) + portsAt.sum + nearest.sum + zonesAt.sum;
console.log(`checksum: ${checksum} (land ${onLand.sum}, shore ${shore.sum.toFixed(1)}, ports ${portsAt.sum}, nearest ${nearest.sum}, zones ${zonesAt.sum})`);
if (disagree > 0) process.exitCode = 1;
