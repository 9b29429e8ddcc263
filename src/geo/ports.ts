/**
 * Ports indexed by their centres (kdbush over lon/lat): which port areas contain a point, best
 * match first, and the nearest port within a distance. Antimeridian-safe: boxes that cross
 * ±180° are split into two queries.
 */
import KDBush from 'kdbush';
import type { Port } from './types.js';
import { METRES_PER_DEGREE, boxDegrees, haversineM, wrapLon } from './distance.js';

/**
 * Score of a port for a point inside its area: distance over radius (0 at the centre, 1 at the
 * edge); lower is a better match. Equal scores go to the port listed first.
 */
export function portMatchScore(port: Port, distanceM: number): number {
  return distanceM / port.radius_m;
}

export class PortIndex {
  readonly ports: readonly Port[];
  private readonly index: KDBush;
  private readonly maxRadiusM: number;
  private readonly ids: number[] = [];

  constructor(ports: readonly Port[]) {
    this.ports = ports;
    this.index = new KDBush(Math.max(1, ports.length));
    let maxR = 0;
    for (const p of ports) {
      this.index.add(wrapLon(p.lon), p.lat);
      if (p.radius_m > maxR) maxR = p.radius_m;
    }
    if (ports.length === 0) this.index.add(0, 0);
    this.index.finish();
    this.maxRadiusM = maxR;
  }

  /** Indices of ports whose centres fall in the box around (lat, lon) of half-size radiusM. */
  private near(lat: number, lon: number, radiusM: number): number[] {
    const ids = this.ids;
    ids.length = 0;
    if (this.ports.length === 0) return ids;
    const { dLat, dLon } = boxDegrees(lat, radiusM);
    const x = wrapLon(lon);
    const y0 = lat - dLat, y1 = lat + dLat;
    if (dLon >= 180) {
      for (const i of this.index.range(-180, y0, 180, y1)) ids.push(i);
      return ids;
    }
    const x0 = x - dLon, x1 = x + dLon;
    for (const i of this.index.range(Math.max(-180, x0), y0, Math.min(180, x1), y1)) ids.push(i);
    if (x0 < -180) for (const i of this.index.range(x0 + 360, y0, 180, y1)) ids.push(i);
    if (x1 > 180) for (const i of this.index.range(-180, y0, x1 - 360, y1)) ids.push(i);
    return ids;
  }

  /** Ports whose circle contains the point, best match (smallest distance/radius) first. */
  portsAt(lat: number, lon: number): Port[] {
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || this.maxRadiusM === 0) return [];
    const ids = this.near(lat, lon, this.maxRadiusM);
    if (ids.length === 0) return [];
    const hits: { port: Port; score: number; order: number }[] = [];
    for (const i of ids) {
      const p = this.ports[i];
      // Cheap reject first: the latitude gap alone already exceeds the radius.
      if (Math.abs(p.lat - lat) * METRES_PER_DEGREE > p.radius_m) continue;
      const d = haversineM(lat, lon, p.lat, p.lon);
      if (d <= p.radius_m) hits.push({ port: p, score: portMatchScore(p, d), order: i });
    }
    if (hits.length === 0) return [];
    if (hits.length === 1) return [hits[0].port];
    // Ties (equal score) go to the earlier definition: user files and curated lists come first.
    hits.sort((a, b) => a.score - b.score || a.order - b.order);
    return hits.map((h) => h.port);
  }

  /** Nearest port centre within maxDistanceM, with its distance in metres. */
  nearestPort(lat: number, lon: number, maxDistanceM: number): { port: Port; distance_m: number } | undefined {
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || !(maxDistanceM >= 0)) return undefined;
    // Grow the search box: the first box holding a port within its radius holds the nearest.
    let r = Math.min(maxDistanceM, 20_000);
    while (true) {
      let best: Port | undefined;
      let bestD = Infinity;
      let bestI = Infinity;
      for (const i of this.near(lat, lon, r)) {
        const p = this.ports[i];
        const d = haversineM(lat, lon, p.lat, p.lon);
        if (d <= r && (d < bestD || (d === bestD && i < bestI))) { best = p; bestD = d; bestI = i; }
      }
      if (best) return { port: best, distance_m: bestD };
      if (r >= maxDistanceM) return undefined;
      r = Math.min(maxDistanceM, r * 4);
    }
  }
}
