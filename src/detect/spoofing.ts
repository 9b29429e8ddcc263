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
  /** Position of the last land check and its deepOnLand answer (moored vessels repeat their position exactly). */
  landLat: number;
  landLon: number;
  landAnswer: boolean;
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
  const scratch = fitScratch(p.circleFixes);
  const fitOut: Fit = { lat: 0, lon: 0, radiusKm: 0, rms: 0, arcDeg: 0 };
  const near: RingFit[] = [];
  const nearMmsis: number[] = [];
  /** Tracks with an impossible-speed episode still open (ticks visit only these). */
  const openSpeed = new Set<Track>();

  function state(track: Track): TrackState {
    let s = states.get(track);
    if (s === undefined) {
      const placeholder = p.skipPlaceholderMmsis && isPlaceholder(track.mmsi);
      s = states.add(track, { track, placeholder, prev: undefined, speed: undefined, landChecked: -Infinity, landLat: NaN, landLon: NaN, landAnswer: false, land: undefined, ring: undefined, ringCount: 0, ringTime: -Infinity });
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

  /** deepOnLand depends on the position only: the same position as the track's last check gives the same answer. */
  function deepOnLandCached(s: TrackState, lat: number, lon: number): boolean {
    if (lat === s.landLat && lon === s.landLon) return s.landAnswer;
    s.landLat = lat;
    s.landLon = lon;
    return (s.landAnswer = deepOnLand(lat, lon));
  }

  function landCheck(track: Track, s: TrackState, fix: Fix): void {
    if (fix.time - s.landChecked < p.landCheckIntervalSeconds * 1000) return;
    s.landChecked = fix.time;
    const onLand = deepOnLandCached(s, fix.lat, fix.lon);
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
    const fit = fitOut;
    if (!fitRing(ring, n, scratch, fit)) return;
    if (fit.radiusKm < p.circleMinRadiusKm || fit.radiusKm > p.circleMaxRadiusKm) return;
    if (fit.rms > p.circleMaxResidual * fit.radiusKm || fit.arcDeg < p.circleMinArcDeg) return;
    const mine: RingFit = { mmsi: track.mmsi, track, time: now, lat: fit.lat, lon: fit.lon, radiusKm: fit.radiusKm };
    while (fits.length > 0 && now - (fits[0]).time > p.circleWindowHours * HOUR) fits.shift();
    fits.push(mine);
    // The fits near mine, and their distinct MMSIs ascending, into reused arrays (built for events only).
    near.length = 0;
    nearMmsis.length = 0;
    for (const f of fits) {
      if (
        haversineM(f.lat, f.lon, mine.lat, mine.lon) <= p.circleCentreKm * 1000 &&
        Math.abs(f.radiusKm - mine.radiusKm) <= 0.25 * Math.max(f.radiusKm, mine.radiusKm)
      ) {
        near.push(f);
        if (!nearMmsis.includes(f.mmsi)) nearMmsis.push(f.mmsi);
      }
    }
    if (nearMmsis.length < p.circleMinVessels) return;
    if (p.circleCentreOnLand && !ctx.refdata.isOnLand(mine.lat, mine.lon)) return;
    const mmsis = nearMmsis.slice().sort((a, b) => a - b);
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

/** Scratch for fitRing (no arrays built per fit): positions in the local plane, angles, the 3×4 system. */
interface FitScratch {
  xs: Float64Array;
  ys: Float64Array;
  angles: Float64Array;
  m: Float64Array;
}

const fitScratch = (n: number): FitScratch => ({ xs: new Float64Array(n), ys: new Float64Array(n), angles: new Float64Array(n), m: new Float64Array(12) });

/** A ring fit; one object per detector, overwritten by each fitRing. */
interface Fit {
  lat: number;
  lon: number;
  radiusKm: number;
  rms: number;
  arcDeg: number;
}

/** Algebraic (Kåsa) circle fit in a local plane, km; with RMS residual and arc covered. Writes `out`; false if none. */
function fitRing(ring: Float64Array, n: number, w: FitScratch, out: Fit): boolean {
  const lat0 = ring[0];
  const lon0 = ring[1];
  const kx = Math.cos(lat0 * RAD) * 111.195;
  const ky = 111.195;
  const { xs, ys, angles, m } = w;
  for (let i = 0; i < n; i++) {
    xs[i] = deltaLon(lon0, ring[2 * i + 1]) * kx;
    ys[i] = ((ring[2 * i]) - lat0) * ky;
  }
  // Normal equations of min Σ (x² + y² + Dx + Ey + F)².
  let sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0, sxz = 0, syz = 0, sz = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = ys[i];
    const z = x * x + y * y;
    sxx += x * x; sxy += x * y; syy += y * y; sx += x; sy += y; sxz += x * z; syz += y * z; sz += z;
  }
  // Augmented rows [a | b] of a = [[sxx, sxy, sx], [sxy, syy, sy], [sx, sy, n]], b = [-sxz, -syz, -sz].
  m[0] = sxx; m[1] = sxy; m[2] = sx; m[3] = -sxz;
  m[4] = sxy; m[5] = syy; m[6] = sy; m[7] = -syz;
  m[8] = sx; m[9] = sy; m[10] = n; m[11] = -sz;
  if (!solve3(m)) return false;
  const d = m[3] / m[0];
  const e = m[7] / m[5];
  const f = m[11] / m[10];
  const cx = -d / 2;
  const cy = -e / 2;
  const r2 = cx * cx + cy * cy - f;
  if (!(r2 > 0)) return false;
  const r = Math.sqrt(r2);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i]) - cx;
    const dy = (ys[i]) - cy;
    const dev = Math.sqrt(dx * dx + dy * dy) - r;
    ss += dev * dev;
    // Insertion sort as the angles come (never NaN here; -0 and 0 order alike for the gaps below).
    const a = Math.atan2(dy, dx) / RAD;
    let j = i;
    while (j > 0 && angles[j - 1] > a) {
      angles[j] = angles[j - 1];
      j--;
    }
    angles[j] = a;
  }
  let maxGap = 360 - ((angles[n - 1]) - (angles[0]));
  for (let i = 1; i < n; i++) maxGap = Math.max(maxGap, (angles[i]) - (angles[i - 1]));
  out.lat = lat0 + cy / ky;
  out.lon = lon0 + cx / kx;
  out.radiusKm = r;
  out.rms = Math.sqrt(ss / n);
  out.arcDeg = 360 - maxGap;
  return true;
}

/**
 * Gauss-Jordan elimination with partial pivoting on the 3×4 augmented matrix `m` (row-major), in
 * place: afterwards unknown i is m[4i + 3] / m[4i + i]. False if singular.
 */
function solve3(m: Float64Array): boolean {
  for (let c = 0; c < 3; c++) {
    let piv = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[4 * r + c]) > Math.abs(m[4 * piv + c])) piv = r;
    if (Math.abs(m[4 * piv + c]) < 1e-12) return false;
    if (piv !== c) {
      for (let j = 0; j < 4; j++) {
        const t = m[4 * c + j];
        m[4 * c + j] = m[4 * piv + j];
        m[4 * piv + j] = t;
      }
    }
    const row = 4 * c;
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const other = 4 * r;
      const k = (m[other + c]) / (m[row + c]);
      for (let j = c; j < 4; j++) m[other + j] = (m[other + j]) - k * (m[row + j]);
    }
  }
  return true;
}
