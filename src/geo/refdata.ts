/**
 * createRefData: the RefData the detectors query, built from parsed ports, zones and land rings.
 * Every query is answered from an index built here once (microseconds per call).
 */
import type { Port, RefData, Zone } from './types.js';
import type { FlatRings } from './edge-grid.js';
import { LandIndex } from './land.js';
import { PortIndex } from './ports.js';
import { ZoneIndex, type ZoneBox } from './zones.js';

/** zonesAt with the box where its answer holds (ZoneIndex.zonesAtWithin). */
export type ZonesAtWithin = (lat: number, lon: number, box: ZoneBox) => Zone[];

/** createRefData's zonesAt functions → their zonesAtWithin. */
const withinOf = new WeakMap<object, ZonesAtWithin>();

/**
 * The zonesAtWithin that answers exactly like `refdata.zonesAt`: present when `refdata.zonesAt`
 * is the one createRefData made (a wrapper that replaces zonesAt gets undefined and callers fall
 * back to zonesAt). It follows setZones, like zonesAt.
 */
export function zonesAtWithinOf(refdata: Pick<RefData, 'zonesAt'>): ZonesAtWithin | undefined {
  return withinOf.get(refdata.zonesAt);
}

/** Default cap of distanceToShoreKm when the caller gives none, km. */
export const DEFAULT_MAX_SHORE_KM = 1000;

export interface RefDataInput {
  /** Ports in priority order: on equal match scores the earlier one wins. */
  ports?: readonly Port[];
  zones?: readonly Zone[];
  /** Land polygons as flat lon/lat rings (see unpackLand), cut at the antimeridian. */
  land?: FlatRings;
  /** An already built land index (shared between RefData instances); wins over `land`. */
  landIndex?: LandIndex;
}

/** RefData plus counts, for summaries and the server. */
export interface IndexedRefData extends RefData {
  /**
   * Replace the zone set (user zones created or deleted while a server runs): zones, zonesAt and
   * zonesAtWithinOf answer from the new set at once, and zonesVersion changes.
   */
  setZones(zones: readonly Zone[]): void;
  coastDistanceKm(lat: number, lon: number, maxKm?: number): number;
  readonly landRings: number;
  readonly landEdges: number;
}

/** Build the spatial indexes over the inputs and answer RefData queries from them. */
export function createRefData(input: RefDataInput): IndexedRefData {
  const ports = input.ports ?? [];
  let zones = input.zones ?? [];
  let zonesVersion = 0;
  const portIndex = new PortIndex(ports);
  let zoneIndex = new ZoneIndex(zones);
  const land = input.landIndex ?? new LandIndex(input.land ?? []);
  const zonesAt = (lat: number, lon: number): Zone[] => zoneIndex.zonesAt(lat, lon);
  withinOf.set(zonesAt, (lat, lon, box) => zoneIndex.zonesAtWithin(lat, lon, box));
  return {
    ports,
    get zones() {
      return zones;
    },
    get zonesVersion() {
      return zonesVersion;
    },
    setZones(next) {
      zones = next;
      zoneIndex = new ZoneIndex(next);
      zonesVersion++;
    },
    landRings: land.ringCount,
    landEdges: land.edgeCount,
    portsAt: (lat, lon) => portIndex.portsAt(lat, lon),
    nearestPort: (lat, lon, maxDistanceM) => portIndex.nearestPort(lat, lon, maxDistanceM),
    zonesAt,
    isOnLand: (lat, lon) => land.isOnLand(lat, lon),
    distanceToShoreKm: (lat, lon, maxKm = DEFAULT_MAX_SHORE_KM) => {
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) return maxKm;
      if (land.isOnLand(lat, lon)) return 0;
      return land.distanceToCoastM(lat, lon, maxKm * 1000) / 1000;
    },
    coastDistanceKm: (lat, lon, maxKm = DEFAULT_MAX_SHORE_KM) => {
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) return maxKm;
      return land.distanceToCoastM(lat, lon, maxKm * 1000) / 1000;
    },
  };
}
