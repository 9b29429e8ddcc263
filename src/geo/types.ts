/**
 * Reference geography as the detectors and the simulator see it. Implemented in src/geo
 * over the bundled data in data/geo (plus the user's --ports CSV and --zones GeoJSON).
 * Pure: no file access here; loaders hand in parsed values.
 */

export interface Port {
  /** Stable id: UN/LOCODE when known, else a slug of country and name. */
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** Radius of the port area, metres. */
  radius_m: number;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  unlocode?: string;
  /** Free tags; `sanctioned` and `high_risk` drive the port_visit flags. */
  tags: string[];
  /** Where the definition came from: `wpi`, `lookout`, `user`, … */
  source: string;
}

export type ZoneKind = 'strait' | 'territorial_sea' | 'eez' | 'sea' | 'area' | 'user';

export type Ring = [number, number][];
export type PolygonCoords = Ring[];
export interface ZoneGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: PolygonCoords | PolygonCoords[];
}

export interface Zone {
  id: string;
  name: string;
  kind: ZoneKind;
  geometry: ZoneGeometry;
  tags: string[];
  /**
   * For straits: the two ends a transit goes between, as named gates; the transit event's
   * direction is `from → to`. Absent for zones without a through-direction.
   */
  gates?: { name: string; lat: number; lon: number }[];
  source: string;
}

/** Spatial questions the detectors ask, answered from indexed reference data. */
export interface RefData {
  readonly ports: readonly Port[];
  readonly zones: readonly Zone[];
  /** Ports whose area contains the point, best match (nearest centre relative to radius) first. */
  portsAt(lat: number, lon: number): Port[];
  /** Nearest port within maxDistanceM of the point, with its distance in metres. */
  nearestPort(lat: number, lon: number, maxDistanceM: number): { port: Port; distance_m: number } | undefined;
  /** Zones containing the point. */
  zonesAt(lat: number, lon: number): Zone[];
  /**
   * Changes whenever the zone set changes at run time (IndexedRefData.setZones): a detector that
   * caches zone answers drops them when it sees a new value. Absent: the zones never change.
   */
  readonly zonesVersion?: number;
  /** True when the point lies on land (bundled land polygons; coarse near the coast). */
  isOnLand(lat: number, lon: number): boolean;
  /** Distance to the nearest coastline, kilometres (0 on land), capped at maxKm. */
  distanceToShoreKm(lat: number, lon: number, maxKm?: number): number;
  /**
   * Distance to the nearest coastline on either side, kilometres, capped at maxKm: how far
   * inland a point on land is (isOnLand tells which side). Lets "on land" checks demand a
   * margin, since the bundled coastline is coarse (ports, estuaries and islets are missing).
   */
  coastDistanceKm?(lat: number, lon: number, maxKm?: number): number;
}
