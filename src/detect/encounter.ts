/**
 * `encounter`: two vessels alongside at sea (ship-to-ship transfer, transshipment). A streaming
 * version of Global Fishing Watch's pipe-encounters: pairs of tracks observed within
 * `maxDistanceM` of each other (the other vessel's latest fix dead-reckoned to the same time)
 * form an episode; observations less than `mergeGapHours` apart belong to one episode, so
 * reporting gaps do not split a meeting. When an episode can no longer grow it is judged:
 * long enough, slow enough, away from ports and land, and not inside a crowd of stationary
 * vessels (anchorage queue, fishing fleet). One meeting of two vessels is one event.
 * docs/detectors/encounter.md documents definition, parameters and limits.
 */
import type { Fix, Track } from '../track/types.js';
import type { Detector, DetectorContext } from './detector.js';
import { makeEvent } from './event.js';
import { TrackStates } from './track-states.js';
import { clamp01, median, round, shipClass } from './movement-util.js';
import { HOUR_MS, M_PER_DEG, NM, PointGrid, circularMeanLon, destinationInto, haversineBetweenM, lonCos, lonSin, type GridItem } from './spatial-grid.js';

/** Encounter parameters; sources are sections of shared/research/behaviours.md. */
export const ENCOUNTER_DEFAULTS = {
  /** Metres between the two vessels. §3.1 step 3: 0.5 km (GFW pipe-encounters). */
  maxDistanceM: 500,
  /** Median speed of the pair, knots. §3.1 step 6: median speed < 2 kn. */
  maxSpeedKnots: 2,
  /** Minimum duration, hours. §3.1 steps 3 and 6: 120 min / > 2 h. */
  minDurationHours: 2,
  /** Close observations less than this apart are one meeting. §3.1 step 4: merge < 4 h. */
  mergeGapHours: 4,
  /** Oldest fix of the other vessel used (dead-reckoned), minutes. §3.1 step 1: interpolate/extrapolate ≤ 1 h. */
  maxFixAgeMinutes: 60,
  /** One distance/speed sample per pair per this many minutes. §3.1 step 1: 10-minute grid. */
  sampleMinutes: 10,
  /** Metres from a port (centre) within which meetings are not encounters. §3.1 step 5: ≥ 10 km from port. */
  minPortDistanceM: 10_000,
  /** Observations where either vessel reports more than this speed are skipped (approach/passing). (ours) */
  maxObservationSpeedKnots: 5,
  /**
   * Radius (m) and number of other slow vessels beyond which the pair sits in a crowd (anchorage
   * queue, fishing fleet, rafting): §3.4 false-positive sources; the values are ours.
   */
  crowdRadiusM: 2000,
  maxCrowd: 3,
  /** Drop crowded meetings (true) or report them with lower confidence (false). (ours) */
  suppressCrowded: true,
  /** Minimum interval between proximity queries of one track, seconds (cost bound). (ours) */
  queryIntervalSeconds: 60,
};
export type EncounterParams = typeof ENCOUNTER_DEFAULTS;

interface TrackEntry extends GridItem {
  track: Track;
  /** track.mmsi, kept here: the proximity scan reads it without touching the track. */
  mmsi: number;
  fix: Fix;
  /** fix.time, kept here: the proximity scan reads it without touching the fix. */
  time: number;
  /** Whether the fix has the speed (≥ 0.3 kn) and course that dead reckoning moves it by. */
  moving: boolean;
  /** Reported speed, else implied from the previous fix (sources without SOG); NaN when unknown (a number field: no heap number per store). */
  speed: number;
  lastQuery: number;
  /** Forgotten by the hourly purge (out of the grid); the next fix starts afresh. */
  purged: boolean;
  /** Open episodes in which this entry is named first, by the second entry (created on first need). */
  pairs: Map<TrackEntry, Episode> | undefined;
}

interface Episode {
  /** `<first track id>|<second track id>`: the key in the insertion-ordered episode map. */
  key: string;
  a: TrackEntry;
  b: TrackEntry;
  first: number;
  last: number;
  lastSlot: number;
  /** Decimation: keep one sample per `stride` slots once the sample cap is reached. */
  stride: number;
  distances: number[];
  speedsA: number[];
  speedsB: number[];
  crowd: number[];
  minDistance: number;
  sumLat: number;
  sumSin: number;
  sumCos: number;
  n: number;
  /** Positions of a and b at the first and the latest observation (plain numbers: no allocation per observation). */
  startALat: number;
  startALon: number;
  startBLat: number;
  startBLon: number;
  endALat: number;
  endALon: number;
  endBLat: number;
  endBLon: number;
}

const MAX_SAMPLES = 512;

interface Close {
  other: TrackEntry;
  d: number;
  lat: number;
  lon: number;
}

const byTrackId = (x: Close, y: Close): number => {
  const a = x.other.track.track_id;
  const b = y.other.track.track_id;
  return a < b ? -1 : a > b ? 1 : 0;
};

const RAD = Math.PI / 180;

/** Dead-reckon `fix` by `dtMs` (its course and speed known) into `out`: no double argument to box. */
function reckonInto(fix: Fix, dtMs: number, out: { lat: number; lon: number }): void {
  destinationInto(fix.lat, fix.lon, fix.course as number, (fix.speed as number) * NM * (dtMs / HOUR_MS), out);
}

/** Whether dead reckoning moves `fix` at all: speed (≥ 0.3 kn) and course known (see TrackEntry.moving). */
function drifts(fix: Fix): boolean {
  return !(fix.speed === undefined || fix.course === undefined || fix.speed < 0.3);
}

function vesselEvidence(e: TrackEntry): Record<string, unknown> {
  const id = e.track.identity;
  return {
    mmsi: e.track.mmsi,
    track_id: e.track.track_id,
    name: id.name ?? null,
    imo: id.imo ?? null,
    callsign: id.callsign ?? null,
    ship_type: id.ship_type ?? null,
    ship_class: shipClass(id.ship_type),
    flag: id.flag ?? null,
    length: id.length ?? null,
    draught: id.draught ?? null,
  };
}

/** Create the `encounter` detector. */
export function createEncounterDetector(ctx: DetectorContext, params: Partial<EncounterParams> = {}): Detector {
  const p: EncounterParams = { ...ENCOUNTER_DEFAULTS, ...params };
  const slotMs = p.sampleMinutes * 60_000;
  const maxAgeMs = p.maxFixAgeMinutes * 60_000;
  const mergeMs = p.mergeGapHours * HOUR_MS;
  // The grid holds the others' last fixes; the query radius adds 1 nm for their drift since then
  // (dead reckoning then places them at the query time).
  const queryRadius = Math.max(p.maxDistanceM, p.crowdRadiusM) + NM;
  const grid = new PointGrid<TrackEntry>(0.05);
  const entries = new TrackStates<TrackEntry>();
  const episodes = new Map<string, Episode>();
  let lastSweepSlot = -Infinity;

  function dropEpisode(ep: Episode): void {
    episodes.delete(ep.key);
    const inner = ep.a.pairs;
    if (inner === undefined) return;
    inner.delete(ep.b);
    if (inner.size === 0) ep.a.pairs = undefined;
  }
  // Reused query buffers.
  const nearItems: TrackEntry[] = [];
  const close: Close[] = [];
  const reckoned = { lat: 0, lon: 0 };

  /**
   * Record that `a` (at its fix) and `c.other` (at c.lat, c.lon) are c.d metres apart. The numbers
   * come in the record, not as arguments: this call is not inlined, and double arguments would be
   * boxed on every call (heap numbers: ~20 B/msg on the real corpus).
   */
  function observe(a: TrackEntry, c: Close, crowd: number): void {
    const b = c.other;
    const distance = c.d;
    const bLat = c.lat;
    const bLon = c.lon;
    // Order the pair by MMSI (then track id) so the event names the same vessel first every run.
    const swap = a.mmsi > b.mmsi || (a.mmsi === b.mmsi && a.track.track_id > b.track.track_id);
    const t = a.fix.time;
    const slot = Math.floor(t / slotMs);
    // The first entry's own map of open episodes, by the second entry: no pair string per observation.
    const first = swap ? b : a;
    const second = swap ? a : b;
    let ep = first.pairs?.get(second);
    if (ep && t - ep.last > mergeMs) {
      // Too long since they were last together: that meeting is over, this is a new one.
      dropEpisode(ep);
      judge(ep);
      ep = undefined;
    }
    const firstLat = swap ? bLat : a.fix.lat;
    const firstLon = swap ? bLon : a.fix.lon;
    const secondLat = swap ? a.fix.lat : bLat;
    const secondLon = swap ? a.fix.lon : bLon;
    if (!ep) {
      ep = {
        key: `${first.track.track_id}|${second.track.track_id}`,
        a: first,
        b: second,
        first: t,
        last: t,
        lastSlot: -Infinity,
        stride: 1,
        distances: [],
        speedsA: [],
        speedsB: [],
        crowd: [],
        minDistance: distance,
        sumLat: 0,
        sumSin: 0,
        sumCos: 0,
        n: 0,
        startALat: firstLat,
        startALon: firstLon,
        startBLat: secondLat,
        startBLon: secondLon,
        endALat: firstLat,
        endALon: firstLon,
        endBLat: secondLat,
        endBLon: secondLon,
      };
      episodes.set(ep.key, ep);
      (first.pairs ??= new Map()).set(second, ep);
    }
    ep.a = first;
    ep.b = second;
    ep.last = t;
    ep.minDistance = Math.min(ep.minDistance, distance);
    ep.endALat = firstLat;
    ep.endALon = firstLon;
    ep.endBLat = secondLat;
    ep.endBLon = secondLon;
    if (slot < ep.lastSlot + ep.stride) return;
    ep.lastSlot = slot;
    ep.distances.push(distance);
    const sa = first.speed;
    const sb = second.speed;
    if (sa === sa) ep.speedsA.push(sa); // not NaN (unknown)
    if (sb === sb) ep.speedsB.push(sb);
    ep.crowd.push(crowd);
    const midLat = (firstLat + secondLat) / 2;
    ep.sumLat += midLat;
    ep.sumSin += lonSin(firstLon) + lonSin(secondLon);
    ep.sumCos += lonCos(firstLon) + lonCos(secondLon);
    ep.n++;
    if (ep.distances.length > MAX_SAMPLES) {
      const keepEven = <T>(xs: T[]): T[] => xs.filter((_, i) => i % 2 === 0);
      ep.distances = keepEven(ep.distances);
      ep.speedsA = keepEven(ep.speedsA);
      ep.speedsB = keepEven(ep.speedsB);
      ep.crowd = keepEven(ep.crowd);
      ep.stride *= 2;
    }
  }

  function judge(ep: Episode): void {
    const { refdata } = ctx;
    const durationH = (ep.last - ep.first) / HOUR_MS;
    if (durationH < p.minDurationHours) return;
    // The place first: most long episodes are in ports (85 % on the real corpus), and the medians
    // below sort copies of the samples. Every test only rejects, so their order changes nothing.
    const lat = ep.sumLat / ep.n;
    const lon = circularMeanLon(ep.sumSin, ep.sumCos);
    const inPort = refdata.portsAt(lat, lon);
    const nearPort = refdata.nearestPort(lat, lon, p.minPortDistanceM);
    if (inPort.length > 0 || nearPort) return;
    if (refdata.isOnLand(lat, lon)) return;
    const pairSpeeds = ep.speedsA.concat(ep.speedsB);
    const medSpeed = pairSpeeds.length ? median(pairSpeeds) : 0;
    if (medSpeed >= p.maxSpeedKnots) return;
    const medA = ep.speedsA.length ? median(ep.speedsA) : undefined;
    const medB = ep.speedsB.length ? median(ep.speedsB) : undefined;
    const crowdMedian = median(ep.crowd);
    const crowded = crowdMedian > p.maxCrowd;
    if (crowded && p.suppressCrowded) return;

    const medDist = median(ep.distances);
    const classA = shipClass(ep.a.track.identity.ship_type);
    const classB = shipClass(ep.b.track.identity.ship_type);
    const classification = [classA, classB].sort().join('-');
    let confidence = 0.5 + 0.25 * Math.min(1, (durationH - p.minDurationHours) / p.minDurationHours) + 0.25 * (1 - medDist / p.maxDistanceM);
    if (crowded) confidence *= 0.6;
    const shoreNm = refdata.distanceToShoreKm(lat, lon, 1000) / 1.852;
    const port = refdata.nearestPort(lat, lon, 100_000);
    const pos = (lat: number, lon: number): { lat: number; lon: number } => ({ lat: round(lat, 6), lon: round(lon, 6) });

    ctx.emit(
      makeEvent({
        type: 'encounter',
        mmsi: ep.a.track.mmsi,
        other_mmsi: ep.b.track.mmsi,
        imo: ep.a.track.identity.imo,
        name: ep.a.track.identity.name,
        start: ep.first,
        end: ep.last,
        lat,
        lon,
        confidence: clamp01(confidence),
        key: `${ep.a.track.track_id}|${ep.b.track.track_id}`,
        details: {
          vessels: [vesselEvidence(ep.a), vesselEvidence(ep.b)],
          classification,
          duration_hours: round(durationH, 2),
          min_distance_m: round(ep.minDistance, 0),
          median_distance_m: round(medDist, 0),
          median_speed_knots: round(medSpeed, 2),
          median_speed_knots_a: medA !== undefined ? round(medA, 2) : null,
          median_speed_knots_b: medB !== undefined ? round(medB, 2) : null,
          samples: ep.n,
          start_positions: { a: pos(ep.startALat, ep.startALon), b: pos(ep.startBLat, ep.startBLon) },
          end_positions: { a: pos(ep.endALat, ep.endALon), b: pos(ep.endBLat, ep.endBLon) },
          shore_distance_nm: round(shoreNm, 1),
          nearest_port: port ? { id: port.port.id, name: port.port.name, distance_km: round(port.distance_m / 1000, 1) } : null,
          crowd_median: crowdMedian,
          crowded,
          params: {
            maxDistanceM: p.maxDistanceM,
            maxSpeedKnots: p.maxSpeedKnots,
            minDurationHours: p.minDurationHours,
            mergeGapHours: p.mergeGapHours,
            minPortDistanceM: p.minPortDistanceM,
            crowdRadiusM: p.crowdRadiusM,
            maxCrowd: p.maxCrowd,
          },
        },
      }),
    );
  }

  /**
   * Close episodes that can no longer grow. Runs once per sample slot, at the slot's start, so
   * events come out in the same order whatever the pipeline's tick cadence (chunking).
   */
  function maybeSweep(t: number): void {
    const slot = Math.floor(t / slotMs);
    if (slot <= lastSweepSlot) return;
    lastSweepSlot = slot;
    sweep(slot * slotMs);
  }

  let lastPurgeHour = -Infinity;

  function sweep(t: number): void {
    // Once per stream hour, forget tracks not heard for maxFixAgeMinutes: they cannot be paired,
    // and a busy area's grid cells would otherwise fill with vessels long gone.
    const hour = Math.floor(t / HOUR_MS);
    if (Number.isFinite(t) && hour > lastPurgeHour) {
      lastPurgeHour = hour;
      for (const e of entries.all) {
        if (!e.purged && t - e.time > maxAgeMs) {
          grid.delete(e.track.track_id, e);
          e.purged = true;
        }
      }
    }
    for (const ep of episodes.values()) {
      if (t - ep.last > mergeMs) {
        dropEpisode(ep);
        judge(ep);
      }
    }
  }

  // Cheap distance pre-filter of the scan: below 80° latitude, for points a few km apart, the
  // equirectangular distance (cosine of the query's latitude) is within 0.2 % of the haversine.
  // Each threshold gets a 1 % band either side (as squared degrees of arc); a candidate outside
  // every band is decided without trigonometry, one inside a band gets the exact haversine. So
  // every comparison comes out as the haversine's would.
  const sqDeg = (m: number): number => (m / M_PER_DEG) ** 2;
  const queryHiSq = sqDeg(queryRadius * 1.01);
  const queryLoSq = sqDeg(queryRadius * 0.99);
  const crowdHiSq = sqDeg(p.crowdRadiusM * 1.01);
  const crowdLoSq = sqDeg(p.crowdRadiusM * 0.99);
  const closeHiSq = sqDeg(p.maxDistanceM * 1.01);
  const staticHiSq = Math.max(crowdHiSq, closeHiSq);

  /**
   * The proximity query of `e` at its latest fix: the others within reach, dead-reckoned to this
   * fix's time, counted into the crowd and observed when close. The candidates come from the grid
   * without distances; the gates that need no distance (same vessel, stale fix, fast) go first.
   */
  function query(e: TrackEntry): void {
    const t = e.time;
    const lat = e.lat;
    const lon = e.lon;
    const found = grid.candidatesInto(e, queryRadius, nearItems);
    const approxOk = lat <= 80 && lat >= -80;
    const cosQ = Math.cos(lat * RAD);
    let nClose = 0;
    let crowd = 0;
    for (let i = 0; i < found; i++) {
      const o = nearItems[i];
      if (o === e || o.mmsi === e.mmsi) continue;
      const ot = o.time;
      if (Math.abs(t - ot) > maxAgeMs) continue;
      const os = o.speed;
      if (os > p.maxObservationSpeedKnots) continue;
      // Squared equirectangular distance in degrees of arc, -1 where not trusted (poles, antimeridian).
      let approx = -1;
      if (approxOk) {
        const dLat = o.lat - lat;
        const dLon = o.lon - lon;
        if (dLon <= 0.5 && dLon >= -0.5 && dLat <= 0.5 && dLat >= -0.5) {
          const x = dLon * cosQ;
          approx = x * x + dLat * dLat;
        }
      }
      let d: number;
      // The other's fix position (o.lat, o.lon), dead-reckoned to this fix's time when it moves.
      let oLat = o.lat;
      let oLon = o.lon;
      if (o.moving && !(t - ot <= 0)) {
        // A candidate only when its fix is within the query radius (it may drift closer).
        if (approx > queryHiSq) continue;
        if (!(approx >= 0 && approx < queryLoSq) && haversineBetweenM(e, o) > queryRadius) continue;
        reckonInto(o.fix, t - ot, reckoned);
        oLat = reckoned.lat;
        oLon = reckoned.lon;
        d = haversineBetweenM(e, reckoned);
      } else {
        // Not dead-reckoned: only the crowd and close thresholds matter (both inside the query radius).
        if (approx > staticHiSq) continue;
        if (approx > closeHiSq && (approx < crowdLoSq || approx > crowdHiSq)) {
          if (approx < crowdLoSq && !(os >= p.maxSpeedKnots)) crowd++;
          continue;
        }
        d = haversineBetweenM(e, o);
      }
      if (d <= p.crowdRadiusM && !(os >= p.maxSpeedKnots)) crowd++;
      if (d <= p.maxDistanceM) {
        if (nClose === close.length) close.push({ other: o, d, lat: oLat, lon: oLon });
        else {
          const c = close[nClose];
          c.other = o;
          c.d = d;
          c.lat = oLat;
          c.lon = oLon;
        }
        nClose++;
      }
    }
    if (nClose === 0) return;
    if (nClose === 1) {
      observe(e, close[0], Math.max(0, crowd - 1));
      return;
    }
    // Observe in track-id order (deterministic), as the sorted grid query did: an insertion
    // sort of the first nClose records in place (ids are distinct, so the order is total).
    for (let i = 1; i < nClose; i++) {
      const c = close[i];
      let j = i - 1;
      while (j >= 0 && byTrackId(close[j], c) > 0) {
        close[j + 1] = close[j];
        j--;
      }
      close[j + 1] = c;
    }
    for (let i = 0; i < nClose; i++) observe(e, close[i], Math.max(0, crowd - 1));
  }

  return {
    name: 'encounter',
    position(track: Track, fix: Fix): void {
      let e = entries.get(track);
      const speed = fix.speed ?? NaN;
      if (!e) e = entries.add(track, { track, mmsi: track.mmsi, fix, time: fix.time, moving: drifts(fix), speed, lastQuery: -Infinity, lat: fix.lat, lon: fix.lon, cell: -1, purged: false, pairs: undefined });
      else if (e.purged) {
        e.purged = false;
        e.speed = speed;
        e.lastQuery = -Infinity;
      } else if (fix.speed !== undefined) e.speed = speed;
      else if (fix.time - e.time >= 30_000) e.speed = haversineBetweenM(e, fix) / NM / ((fix.time - e.time) / HOUR_MS);
      e.track = track;
      e.fix = fix;
      e.time = fix.time;
      e.moving = drifts(fix);
      e.lat = fix.lat;
      e.lon = fix.lon;
      grid.set(track.track_id, e);
      maybeSweep(fix.time);
      if (fix.time - e.lastQuery < p.queryIntervalSeconds * 1000) return;
      if (e.speed > p.maxObservationSpeedKnots) return;
      e.lastQuery = fix.time;
      query(e);
    },
    tick(t: number): void {
      maybeSweep(t);
    },
    finish(): void {
      sweep(Infinity);
    },
  };
}
