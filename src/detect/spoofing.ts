/**
 * `spoofing`: positions a ship cannot have reported truthfully (behaviours.md §7). Four kinds:
 * - `impossible_speed`: two consecutive fixes of one track further apart than `maxSpeedKnots`
 *   allows, with slack for receiver clock error (satellite timing noise) and GPS jitter;
 * - `jump`: the segmenter split off a few positions far from an active track, which then carried
 *   on where it was: an isolated false position (a second ship would keep reporting);
 * - `teleport`: the segmenter opened a track far from one heard within the hour and the old one
 *   never reported again: the vessel "moved" faster than any ship;
 * - `on_land`: fixes on land (refdata land polygons), outside every port area;
 * - `circle`: several unrelated vessels whose recent positions lie on one ring around a point on
 *   land, the signature of GNSS interference (SkyTruth's "spoofing circles").
 * Shared MMSIs are not spoofing: the tracker gives each transmitter its own track, and a split
 * that keeps reporting is left to `shared_mmsi`.
 * docs/detectors/spoofing.md documents definition, parameters and limits.
 */
import { deltaLon, haversineM, METRES_PER_NM } from '../geo/distance.js';
import type { Fix, Track, TrackOrigin } from '../track/types.js';
import type { Detector, DetectorContext } from './detector.js';
import { makeEvent } from './event.js';
import { TrackStates } from './track-states.js';
import { placeholderRule } from './mmsi.js';

/** Parameters; sources are sections of shared/research/behaviours.md. */
export const SPOOFING_DEFAULTS = {
  /** Implied speed above which two fixes of one track cannot both be true, knots. §7.1/§1.1: AISdb 50 kn (GFW's 25 kn envelope already splits tracks). */
  maxSpeedKnots: 50,
  /** Receiver clock error allowed on every pair of fixes, seconds. §1.1 step 2: satellite clock offsets up to 30 s are tolerated; doubled (ours). */
  timingSlackSeconds: 60,
  /** Displacements below this are never impossible (GPS jitter, low-resolution type 27), nm. (ours) */
  minJumpNm: 2,
  /** Violations of one track less than this apart are one event, hours. (ours) */
  episodeMergeHours: 1,
  /** A split is judged as a jump/teleport only if the old track was heard within this, hours. (ours) */
  jumpMaxSilenceHours: 1,
  /** A split-off track with at most this many fixes is an isolated false position. (ours) */
  maxJumpFixes: 2,
  /** Hours after a split before it is judged (a second ship would report again by then). (ours) */
  jumpDecisionHours: 6,
  /** Check a track's position against land at most once per this many seconds. (ours; cost bound) */
  landCheckIntervalSeconds: 300,
  /** Land checks in a row needed for an on-land event. §7.1 positions on land; count ours. */
  minLandChecks: 3,
  /**
   * A fix counts as on land only if land also lies this far away in all eight directions: the
   * bundled coastline is coarse, and harbours, rivers and canals fall "on land" near it. (ours)
   */
  landMarginKm: 5,
  /** No on-land check within this distance of a port (river ports, docks). (ours) */
  landPortDistanceKm: 20,
  /** Fixes per track used for a circle fit, and the minimum spacing between them, seconds. §7.1 circle spoofing (ours). */
  circleFixes: 8,
  circleSpacingSeconds: 60,
  /** Radius range of a spoofing ring, km. (ours; SkyTruth's rings are hundreds of metres to kilometres) */
  circleMinRadiusKm: 0.3,
  circleMaxRadiusKm: 30,
  /** RMS distance of the fixes from the fitted ring, as a share of its radius. (ours) */
  circleMaxResidual: 0.15,
  /** Angle of the ring the fixes must cover, degrees. (ours) */
  circleMinArcDeg: 180,
  /** Distinct MMSIs sharing one ring (centre within `circleCentreKm`, radius within 25 %). §7.1: ≥ 3. */
  circleMinVessels: 3,
  circleCentreKm: 2,
  /** Ring fits of different vessels are compared over this many hours. (ours) */
  circleWindowHours: 6,
  /** Require the ring's centre on land. §7.1 ("centre on land"). */
  circleCentreOnLand: true,
  /**
   * Placeholder MMSIs (identity_anomaly reports them) carry many boats that the segmenter cannot
   * always tell apart when they sail together: their speeds and splits are not judged. §7.2 (shared MMSIs).
   */
  skipPlaceholderMmsis: true,
};
export type SpoofingParams = typeof SPOOFING_DEFAULTS;

const RAD = Math.PI / 180;
const HOUR = 3_600_000;
const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;
const iso = (t: number): string => new Date(t).toISOString();
const fixEvidence = (f: { time: number; lat: number; lon: number }): Record<string, unknown> => ({
  time: iso(f.time),
  lat: round(f.lat, 6),
  lon: round(f.lon, 6),
});

interface Episode {
  start: number;
  end: number;
  count: number;
  maxSpeed: number;
  lat: number;
  lon: number;
  example: Record<string, unknown>;
}

interface LandRun {
  start: number;
  end: number;
  checks: number;
  lat: number;
  lon: number;
}

interface TrackState {
  track: Track;
  /** The MMSI is a placeholder (skipPlaceholderMmsis), worked out once per track. */
  placeholder: boolean;
  prev: Fix | undefined;
  speed: Episode | undefined;
  landChecked: number;
  land: LandRun | undefined;
  /** Circle ring buffer: lat, lon pairs. */
  ring: Float64Array | undefined;
  ringCount: number;
  ringTime: number;
}

interface SplitCandidate {
  track: Track;
  origin: TrackOrigin;
  first: Fix;
  decideAt: number;
}

interface RingFit {
  mmsi: number;
  track: Track;
  time: number;
  lat: number;
  lon: number;
  radiusKm: number;
}

/** Create the `spoofing` detector. */
export function createSpoofingDetector(ctx: DetectorContext, params: Partial<SpoofingParams> = {}): Detector {
  const p: SpoofingParams = { ...SPOOFING_DEFAULTS, ...params };
  const states = new TrackStates<TrackState>();
  const splits: SplitCandidate[] = [];
  const fits: RingFit[] = [];
  const reportedRings = new Set<string>();
  const placeholder = new Map<number, boolean>();
  const isPlaceholder = (mmsi: number): boolean => {
    let v = placeholder.get(mmsi);
    if (v === undefined) {
      v = placeholderRule(mmsi) !== undefined;
      placeholder.set(mmsi, v);
    }
    return v;
  };
  /** Tracks with an impossible-speed episode still open (ticks visit only these). */
  const openSpeed = new Set<Track>();

  function state(track: Track): TrackState {
    let s = states.get(track);
    if (s === undefined) {
      const placeholder = p.skipPlaceholderMmsis && isPlaceholder(track.mmsi);
      s = states.add(track, { track, placeholder, prev: undefined, speed: undefined, landChecked: -Infinity, land: undefined, ring: undefined, ringCount: 0, ringTime: -Infinity });
    }
    return s;
  }

  function emit(track: Track, kind: string, start: number, end: number, lat: number, lon: number, confidence: number, evidence: Record<string, unknown>, key = ''): void {
    ctx.emit(
      makeEvent({
        type: 'spoofing',
        mmsi: track.mmsi,
        imo: track.identity.imo,
        name: track.identity.name,
        start,
        end,
        lat,
        lon,
        confidence,
        details: { kind, track_id: track.track_id, ...evidence, params: { ...p } },
        key: `${track.track_id}|${kind}|${key}`,
      }),
    );
  }

  function closeSpeed(track: Track, s: TrackState): void {
    const e = s.speed;
    if (e === undefined) return;
    s.speed = undefined;
    openSpeed.delete(track);
    emit(track, 'impossible_speed', e.start, e.end, e.lat, e.lon, Math.min(0.9, 0.5 + 0.1 * e.count), {
      violations: e.count,
      max_implied_speed_kn: round(e.maxSpeed, 1),
      example: e.example,
    });
  }

  function closeLand(track: Track, s: TrackState): void {
    const r = s.land;
    if (r === undefined) return;
    s.land = undefined;
    if (r.checks < p.minLandChecks) return;
    emit(track, 'on_land', r.start, r.end, r.lat, r.lon, Math.min(0.9, 0.4 + 0.1 * r.checks), { land_checks: r.checks, first: fixEvidence({ time: r.start, lat: r.lat, lon: r.lon }) });
  }

  function speedCheck(track: Track, s: TrackState, fix: Fix): void {
    const prev = s.prev;
    if (prev === undefined) return;
    const nm = haversineM(prev.lat, prev.lon, fix.lat, fix.lon) / METRES_PER_NM;
    if (nm < p.minJumpNm) return;
    const seconds = (fix.time - prev.time) / 1000;
    if (nm <= (p.maxSpeedKnots * (seconds + p.timingSlackSeconds)) / 3600) return;
    const implied = nm / (Math.max(seconds, 1) / 3600);
    const e = s.speed;
    if (e !== undefined && fix.time - e.end <= p.episodeMergeHours * HOUR) {
      e.end = fix.time;
      e.count++;
      e.maxSpeed = Math.max(e.maxSpeed, implied);
      return;
    }
    closeSpeed(track, s);
    openSpeed.add(track);
    s.speed = {
      start: prev.time,
      end: fix.time,
      count: 1,
      maxSpeed: implied,
      lat: fix.lat,
      lon: fix.lon,
      example: { from: fixEvidence(prev), to: fixEvidence(fix), distance_nm: round(nm, 2), seconds: round(seconds, 1), implied_speed_kn: round(implied, 1) },
    };
  }

  /** On land, away from any port, with land all around (see landMarginKm). */
  function deepOnLand(lat: number, lon: number): boolean {
    const ref = ctx.refdata;
    if (!ref.isOnLand(lat, lon)) return false;
    if (ref.nearestPort(lat, lon, p.landPortDistanceKm * 1000) !== undefined) return false;
    const dLat = p.landMarginKm / 111.195;
    const dLon = dLat / Math.max(0.01, Math.cos(lat * RAD));
    for (let k = 0; k < 8; k++) {
      const a = (k * Math.PI) / 4;
      const plat = Math.max(-89.9, Math.min(89.9, lat + dLat * Math.cos(a)));
      let plon = lon + dLon * Math.sin(a);
      if (plon > 180) plon -= 360;
      else if (plon < -180) plon += 360;
      if (!ref.isOnLand(plat, plon)) return false;
    }
    return true;
  }

  function landCheck(track: Track, s: TrackState, fix: Fix): void {
    if (fix.time - s.landChecked < p.landCheckIntervalSeconds * 1000) return;
    s.landChecked = fix.time;
    const onLand = deepOnLand(fix.lat, fix.lon);
    if (!onLand) return closeLand(track, s);
    if (s.land === undefined) s.land = { start: fix.time, end: fix.time, checks: 1, lat: fix.lat, lon: fix.lon };
    else {
      s.land.end = fix.time;
      s.land.checks++;
    }
  }

  function circleCheck(track: Track, s: TrackState, fix: Fix, now: number): void {
    if (fix.time - s.ringTime < p.circleSpacingSeconds * 1000) return;
    s.ringTime = fix.time;
    const n = p.circleFixes;
    const ring = (s.ring ??= new Float64Array(n * 2));
    const i = s.ringCount % n;
    ring[2 * i] = fix.lat;
    ring[2 * i + 1] = fix.lon;
    s.ringCount++;
    // Fit once the buffer is full, then every half buffer.
    if (s.ringCount < n || s.ringCount % Math.max(1, n >> 1) !== 0) return;
    if (!scattered(ring, n, p.circleMinRadiusKm, p.circleMaxRadiusKm)) return;
    const fit = fitRing(ring, n);
    if (fit === undefined) return;
    if (fit.radiusKm < p.circleMinRadiusKm || fit.radiusKm > p.circleMaxRadiusKm) return;
    if (fit.rms > p.circleMaxResidual * fit.radiusKm || fit.arcDeg < p.circleMinArcDeg) return;
    const mine: RingFit = { mmsi: track.mmsi, track, time: now, lat: fit.lat, lon: fit.lon, radiusKm: fit.radiusKm };
    while (fits.length > 0 && now - (fits[0]).time > p.circleWindowHours * HOUR) fits.shift();
    fits.push(mine);
    const near = fits.filter(
      (f) =>
        haversineM(f.lat, f.lon, mine.lat, mine.lon) <= p.circleCentreKm * 1000 &&
        Math.abs(f.radiusKm - mine.radiusKm) <= 0.25 * Math.max(f.radiusKm, mine.radiusKm),
    );
    const mmsis = [...new Set(near.map((f) => f.mmsi))].sort((a, b) => a - b);
    if (mmsis.length < p.circleMinVessels) return;
    if (p.circleCentreOnLand && !ctx.refdata.isOnLand(mine.lat, mine.lon)) return;
    // The site: the lowest-MMSI member's centre, rounded, names the ring for all its vessels.
    const site = `${round(mine.lat, 2)},${round(mine.lon, 2)}`;
    for (const f of near) {
      const k = `${f.track.track_id}@${site}`;
      if (reportedRings.has(k)) continue;
      reportedRings.add(k);
      emit(f.track, 'circle', f.time, now, f.lat, f.lon, Math.min(0.95, 0.5 + 0.1 * mmsis.length), {
        centre: { lat: round(mine.lat, 5), lon: round(mine.lon, 5) },
        radius_km: round(f.radiusKm, 3),
        vessels: mmsis,
        vessel_count: mmsis.length,
      }, site);
    }
  }

  function decideSplits(now: number): void {
    while (splits.length > 0 && (splits[0]).decideAt <= now) {
      const c = splits.shift() as SplitCandidate;
      const from = c.track.peers?.find((t) => t.track_id === c.origin.from);
      if (from === undefined) continue;
      const oldCarriedOn = from.last_seen > c.origin.time;
      const evidence = {
        split: { ...c.origin, time: iso(c.origin.time) },
        split_track_fixes: c.track.fixes,
        false_position: fixEvidence(c.first),
        old_track_id: from.track_id,
      };
      if (c.track.fixes <= p.maxJumpFixes && oldCarriedOn) {
        emit(c.track, 'jump', c.origin.time, c.track.last_seen, c.first.lat, c.first.lon, 0.7, evidence);
      } else if (c.track.fixes > p.maxJumpFixes && !oldCarriedOn) {
        emit(c.track, 'teleport', c.origin.time, c.origin.time, c.first.lat, c.first.lon, 0.5, evidence);
      }
    }
  }

  return {
    name: 'spoofing',
    position(track: Track, fix: Fix): void {
      const s = state(track);
      if (s.placeholder) {
        landCheck(track, s, fix);
        return;
      }
      if (s.prev === undefined && track.origin !== undefined && track.fixes === 1 && track.origin.hours <= p.jumpMaxSilenceHours) {
        splits.push({ track, origin: track.origin, first: fix, decideAt: fix.time + p.jumpDecisionHours * HOUR });
      }
      speedCheck(track, s, fix);
      landCheck(track, s, fix);
      circleCheck(track, s, fix, fix.time);
      s.prev = fix;
    },
    tick(now: number): void {
      decideSplits(now);
      for (const track of [...openSpeed]) {
        const s = states.get(track) as TrackState;
        if (s.speed !== undefined && now - s.speed.end > p.episodeMergeHours * HOUR) closeSpeed(track, s);
      }
    },
    finish(): void {
      decideSplits(Infinity);
      for (const s of states.all) {
        closeSpeed(s.track, s);
        closeLand(s.track, s);
      }
    },
  };
}

/**
 * Cheap pre-check before a ring fit: the fixes span a box of the ring's size, and the path through
 * them (in time order) is much longer than the box (positions scattered around a ring, not a
 * vessel going straight or standing still).
 */
function scattered(ring: Float64Array, n: number, minRadiusKm: number, maxRadiusKm: number): boolean {
  const lat0 = ring[0];
  const kx = Math.cos(lat0 * RAD) * 111.195;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity, path = 0, px = 0, py = 0;
  for (let i = 0; i < n; i++) {
    const x = deltaLon(ring[1], ring[2 * i + 1]) * kx;
    const y = (ring[2 * i] - lat0) * 111.195;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    if (i > 0) path += Math.sqrt((x - px) * (x - px) + (y - py) * (y - py));
    px = x;
    py = y;
  }
  const diag = Math.sqrt((maxX - minX) * (maxX - minX) + (maxY - minY) * (maxY - minY));
  return diag >= minRadiusKm && diag <= 3 * maxRadiusKm && path >= 1.5 * diag;
}

/** Algebraic (Kåsa) circle fit in a local plane, km; with RMS residual and arc covered. */
function fitRing(ring: Float64Array, n: number): { lat: number; lon: number; radiusKm: number; rms: number; arcDeg: number } | undefined {
  const lat0 = ring[0];
  const lon0 = ring[1];
  const kx = Math.cos(lat0 * RAD) * 111.195;
  const ky = 111.195;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    xs.push(deltaLon(lon0, ring[2 * i + 1]) * kx);
    ys.push(((ring[2 * i]) - lat0) * ky);
  }
  // Normal equations of min Σ (x² + y² + Dx + Ey + F)².
  let sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0, sxz = 0, syz = 0, sz = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = ys[i];
    const z = x * x + y * y;
    sxx += x * x; sxy += x * y; syy += y * y; sx += x; sy += y; sxz += x * z; syz += y * z; sz += z;
  }
  const a = [[sxx, sxy, sx], [sxy, syy, sy], [sx, sy, n]];
  const b = [-sxz, -syz, -sz];
  const sol = solve3(a, b);
  if (sol === undefined) return undefined;
  const [d, e, f] = sol;
  const cx = -d / 2;
  const cy = -e / 2;
  const r2 = cx * cx + cy * cy - f;
  if (!(r2 > 0)) return undefined;
  const r = Math.sqrt(r2);
  let ss = 0;
  const angles: number[] = [];
  for (let i = 0; i < n; i++) {
    const dx = (xs[i]) - cx;
    const dy = (ys[i]) - cy;
    const dev = Math.sqrt(dx * dx + dy * dy) - r;
    ss += dev * dev;
    angles.push(Math.atan2(dy, dx) / RAD);
  }
  angles.sort((p, q) => p - q);
  let maxGap = 360 - ((angles[angles.length - 1]) - (angles[0]));
  for (let i = 1; i < angles.length; i++) maxGap = Math.max(maxGap, (angles[i]) - (angles[i - 1]));
  return { lat: lat0 + cy / ky, lon: lon0 + cx / kx, radiusKm: r, rms: Math.sqrt(ss / n), arcDeg: 360 - maxGap };
}

function solve3(a: number[][], b: number[]): [number, number, number] | undefined {
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < 3; c++) {
    let piv = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs((m[r])[c]) > Math.abs((m[piv])[c])) piv = r;
    if (Math.abs((m[piv])[c]) < 1e-12) return undefined;
    [m[c], m[piv]] = [m[piv], m[c]];
    const row = m[c];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const other = m[r];
      const k = (other[c]) / (row[c]);
      for (let j = c; j < 4; j++) other[j] = (other[j]) - k * (row[j]);
    }
  }
  return [0, 1, 2].map((i) => ((m[i])[3]) / ((m[i])[i])) as [number, number, number];
}
