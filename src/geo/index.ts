/** Reference geography: distances, spatial indexes, parsers and createRefData. */
export type { Port, Zone, ZoneKind, ZoneGeometry, RefData, Ring, PolygonCoords } from './types.js';
export { createRefData, DEFAULT_MAX_SHORE_KM, type RefDataInput, type IndexedRefData } from './refdata.js';
export { parsePortsCsv, splitCsvLine, slug, PORT_COLUMNS, DEFAULT_PORT_RADIUS_M, type ParsedPorts, type RowError } from './parse-ports.js';
export { parseZonesGeoJson, zonesFromGeoJson, ZONE_KINDS, type ParsedZones, type FeatureError } from './parse-zones.js';
export { unpackLand, LandIndex, type PackedLand } from './land.js';
export { PortIndex, portMatchScore } from './ports.js';
export { ZoneIndex, zonePolygons, flattenRing } from './zones.js';
export { EdgeGrid, ringsContain } from './edge-grid.js';
export {
  EARTH_RADIUS_M, METRES_PER_NM, METRES_PER_DEGREE, haversineM, fastDistanceM, bearingDeg, destination, wrapLon, deltaLon, boxDegrees,
} from './distance.js';
