/**
 * Distances on the Earth, in metres. A sphere of the IUGG mean radius is the model: against the
 * WGS 84 ellipsoid it is off by at most about 0.5 %, which no detector threshold notices.
 */

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
/** Metres in one nautical mile. */
export const METRES_PER_NM = 1852;
/** Metres per degree of latitude on the model sphere. */
export const METRES_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_M;

const RAD = Math.PI / 180;

/** Longitude wrapped into [-180, 180). */
export function wrapLon(lon: number): number {
  if (lon >= -180 && lon < 180) return lon;
  const w = ((((lon + 180) % 360) + 360) % 360) - 180;
  return w;
}

/** Signed longitude difference b − a, taking the short way round (antimeridian-safe). */
export function deltaLon(a: number, b: number): number {
  let d = b - a;
  if (d > 180) d -= 360;
  else if (d < -180) d += 360;
  return d;
}

/** Great-circle distance between two points, metres (haversine, exact on the sphere). */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  // The same finite point twice (a moored vessel's repeated fix): exactly what the formula gives, without the trigonometry.
  if (lat1 === lat2 && lon1 === lon2 && lat1 - lat1 === 0 && lon1 - lon1 === 0) return 0;
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLon / 2);
  const a = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Fast local distance, metres: equirectangular projection at the pair's mean latitude.
 * Error against haversine (checked in distance.test.ts): under 0.1 % for distances up to 100 km
 * and |lat| ≤ 80°, under 0.5 % up to 500 km and |lat| ≤ 70°. Use haversineM beyond that.
 */
export function fastDistanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const kx = Math.cos(((lat1 + lat2) / 2) * RAD);
  const dx = deltaLon(lon1, lon2) * kx;
  const dy = lat2 - lat1;
  return Math.sqrt(dx * dx + dy * dy) * METRES_PER_DEGREE;
}

/** Initial great-circle bearing from point 1 to point 2, degrees clockwise from north in [0, 360). */
export function bearingDeg(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dl = (lon2 - lon1) * RAD;
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  const deg = Math.atan2(y, x) / RAD;
  return (deg + 360) % 360;
}

/** The point reached from (lat, lon) going distanceM along the initial bearing, on the sphere. */
export function destination(lat: number, lon: number, bearing: number, distanceM: number): { lat: number; lon: number } {
  const d = distanceM / EARTH_RADIUS_M;
  const b = bearing * RAD;
  const p1 = lat * RAD;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = lon * RAD + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return { lat: p2 / RAD, lon: wrapLon(l2 / RAD) };
}

/**
 * Half-width of a lat/lon box that contains every point within radiusM of latitude lat:
 * degrees of latitude and of longitude (180 when the circle reaches a pole).
 */
export function boxDegrees(lat: number, radiusM: number): { dLat: number; dLon: number } {
  const dLat = radiusM / METRES_PER_DEGREE;
  return { dLat, dLon: boxDLon(lat, dLat) };
}

/** boxDegrees' longitude half-width for a latitude half-width dLat (no result object: for per-fix lookups). */
export function boxDLon(lat: number, dLat: number): number {
  const maxLat = Math.abs(lat) + dLat;
  if (maxLat >= 89.999) return 180;
  return Math.min(180, dLat / Math.cos(maxLat * RAD));
}
