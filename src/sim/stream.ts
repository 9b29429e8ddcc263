/**
 * From scenario to received NMEA: every transponder reports at its ITU-R M.1371 rate, the
 * reception model decides which shore stations and satellites hear each report, and the lines
 * come out in arrival order (slightly out of time order), as a real merged feed does.
 * Streaming with bounded memory: one pending report per vessel plus a short arrival buffer.
 */
import type { AisMessage } from '../ais/types.js';
import { toSentences, type SentenceOptions } from '../ais/sentence-encode.js';
import { STATUS, stateAt, type TrueState } from './motion.js';
import { Rng } from './random.js';
import { destination, distanceM, inRing, type LatLon } from './sphere.js';
import type { Scenario } from './scenario.js';
import type { ShoreStation, Theatre } from './theatres.js';
import { isDark, spoofAt, valueAt, type IdentityEpoch, type SimVessel } from './vessel.js';

const MIN = 60_000;

/** Reporting interval in ms for a state (ITU-R M.1371-5, table 1 and 2). */
export function reportInterval(aisClass: 'A' | 'B', s: TrueState): number {
  if (aisClass === 'B') return s.speed > 2 ? 30_000 : 180_000;
  if ((s.status === STATUS.atAnchor || s.status === STATUS.moored) && s.speed <= 3) return 180_000;
  if (s.speed > 23) return 2_000;
  if (s.speed > 14) return s.turning ? 2_000 : 6_000;
  return s.turning ? 3_333 : 10_000;
}

/** Static and voyage data interval (types 5 and 24): 6 minutes. */
export const STATIC_INTERVAL = 6 * MIN;

export interface ReceptionOptions {
  /** Random loss of each reception, 0–1. */
  loss: number;
  /** Probability a satellite hears a report during a pass (before loss and holes). */
  satDetect: number;
  /** Share of terrestrial lines delivered late (out of order), and the maximum delay, ms. */
  lateShare: number;
  maxLateMs: number;
  /** Share of lines corrupted in transit. */
  corruptShare: number;
  /** GPS jitter, metres (standard deviation per axis). */
  jitterM: number;
  /** Keep only every n-th report heard by satellites only (satellite thinning); 1 = all. */
  satThin: number;
}

export const DEFAULT_RECEPTION: ReceptionOptions = {
  loss: 0.05,
  satDetect: 0.3,
  lateShare: 0.01,
  maxLateMs: 60_000,
  corruptShare: 0.0002,
  jitterM: 4,
  satThin: 1,
};

/** One transmitted report with what the simulator knows about it (for tests and truth). */
export interface Transmission {
  time: number;
  vessel: SimVessel;
  message: AisMessage;
  /** True position (before spoofing and jitter). */
  truth: TrueState;
}

/** A line as received: arrival order key, reception time, station, text. */
export interface ReceivedLine {
  arrival: number;
  time: number;
  station: string;
  lines: string[];
  transmission: Transmission;
}

interface SatPass {
  t0: number;
  t1: number;
  id: string;
}

/** Satellite passes over the theatre: one every 15–45 minutes (a 2020s constellation), 8–14 minutes long. */
function satellitePasses(seed: number, start: number, end: number): SatPass[] {
  const rng = Rng.derive(seed, 'satellites');
  const out: SatPass[] = [];
  let t = start - rng.uniform(0, 60) * MIN;
  while (t < end + 2 * 60 * MIN) {
    const dur = rng.uniform(8, 14) * MIN;
    out.push({ t0: t, t1: t + dur, id: `SAT-${rng.int(1, 12)}` });
    t += rng.uniform(15, 45) * MIN;
  }
  return out;
}

/** A binary min-heap keyed by a number. */
class Heap<T> {
  private items: { k: number; s: number; v: T }[] = [];
  private seq = 0;
  get size(): number {
    return this.items.length;
  }
  push(k: number, v: T): void {
    const a = this.items;
    a.push({ k, s: this.seq++, v });
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(a[i], a[p])) {
        [a[i], a[p]] = [a[p], a[i]];
        i = p;
      } else break;
    }
  }
  peekKey(): number {
    return this.items[0]?.k ?? Infinity;
  }
  pop(): T | undefined {
    const a = this.items;
    if (!a.length) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top.v;
  }
  private less(x: { k: number; s: number }, y: { k: number; s: number }): boolean {
    return x.k < y.k || (x.k === y.k && x.s < y.s);
  }
}

const round = (x: number, step: number): number => Math.round(x / step) * step;

/** The reported (possibly spoofed, always jittered) position of a vessel at t. */
function reportedPosition(v: SimVessel, s: TrueState, t: number, rng: Rng, jitterM: number): LatLon {
  const sp = spoofAt(v, t);
  let p: LatLon = s;
  if (sp) {
    if (sp.kind === 'circle') {
      // Positions go round the circle once every 12 minutes.
      const angle = (((t - sp.t0) / (12 * MIN)) * 360) % 360;
      p = destination(sp.centre, angle, sp.radiusM);
    } else if (sp.kind === 'land') {
      p = destination(sp.centre, rng.uniform(0, 360), rng.uniform(0, sp.radiusM));
    } else {
      p = sp.centre;
    }
  }
  if (jitterM > 0) p = destination(p, rng.uniform(0, 360), Math.abs(rng.normal(0, jitterM)));
  return p;
}

function positionMessage(v: SimVessel, id: IdentityEpoch, s: TrueState, p: LatLon, t: number, rng: Rng): AisMessage {
  const second = Math.floor(t / 1000) % 60;
  const speed = Math.max(0, round(s.speed + (s.speed > 0.5 ? rng.normal(0, 0.1) : 0), 0.1));
  const course = (round(s.course + rng.normal(0, s.speed > 1 ? 0.6 : 3), 0.1) + 360) % 360;
  const heading = Math.round((s.heading + rng.normal(0, 1.2) + 360) % 360) % 360;
  if (v.aisClass === 'B') {
    return {
      type: 18, repeat: 0, mmsi: id.mmsi, speed, accuracy: false, lon: p.lon, lat: p.lat, course, heading, second,
      cs: true, display: false, dsc: false, band: true, msg22: true, assigned: false, raim: false, radio: 393222,
    };
  }
  return {
    type: 1, repeat: 0, mmsi: id.mmsi, status: s.status, turn: s.turning ? (rng.chance(0.5) ? 8 : -8) : 0, speed,
    accuracy: true, lon: p.lon, lat: p.lat, course, heading, second, maneuver: 1, raim: false, radio: 34017,
  };
}

function staticMessages(v: SimVessel, id: IdentityEpoch, t: number, start: number): AisMessage[] {
  const draught = valueAt(v.draughts, t)?.value ?? 0;
  const destination = valueAt(v.destinations, t)?.value ?? '';
  if (v.aisClass === 'B') {
    return [
      { type: 24, repeat: 0, mmsi: id.mmsi, partno: 0, shipname: id.name },
      { type: 24, repeat: 0, mmsi: id.mmsi, partno: 1, ship_type: v.kind.shipType, vendorid: 'SIM', model: 1, serial: 1, callsign: id.callsign, ...v.dims },
    ];
  }
  // ETA a day ahead of the scenario clock (crews rarely keep it exact).
  const eta = new Date(Math.max(t, start) + 24 * 60 * MIN);
  return [
    {
      type: 5, repeat: 0, mmsi: id.mmsi, ais_version: 2, imo: id.imo ?? 0, callsign: id.callsign, shipname: id.name,
      ship_type: v.kind.shipType, ...v.dims, epfd: 1, month: eta.getUTCMonth() + 1, day: eta.getUTCDate(),
      hour: eta.getUTCHours(), minute: 0, draught, destination, dte: false,
    },
  ];
}

/** The terrestrial stations that can hear a position. */
function stationsInRange(theatre: Theatre, p: LatLon): { st: ShoreStation; d: number }[] {
  const out: { st: ShoreStation; d: number }[] = [];
  for (const st of theatre.stations) {
    if (Math.abs(st.lat - p.lat) > 1.2) continue;
    const d = distanceM(st, p) / 1000;
    if (d <= st.range_km) out.push({ st, d });
  }
  return out;
}

/** True when a shore station hears the point reliably (well inside its range). */
export function inShoreCoverage(theatre: Theatre, p: LatLon): boolean {
  return stationsInRange(theatre, p).some(({ st, d }) => d < st.range_km * 0.6);
}

function holeFactor(theatre: Theatre, p: LatLon): number {
  for (const h of theatre.holes) if (inRing(p.lat, p.lon, h.ring)) return h.satFactor;
  return 1;
}

/**
 * Every transmission of the scenario in time order (nothing about reception yet). Lazy: holds
 * one pending report per vessel.
 */
export function* transmissions(sc: Scenario, jitterM = DEFAULT_RECEPTION.jitterM): Generator<Transmission> {
  const rng = Rng.derive(sc.seed, 'transmissions');
  interface Next { v: SimVessel; kind: 'pos' | 'static'; t: number }
  const heap = new Heap<Next>();
  for (const v of sc.vessels) {
    heap.push(sc.start + v.phase, { v, kind: 'pos', t: sc.start + v.phase });
    const st = sc.start + (v.phase * 37) % STATIC_INTERVAL;
    heap.push(st, { v, kind: 'static', t: st });
  }
  const wasDark = new Map<SimVessel, boolean>();
  while (heap.size) {
    const n = heap.pop()!;
    if (n.t >= sc.end) continue;
    const { v, t } = n;
    const s = stateAt(v.legs, t);
    const dark = isDark(v, t);
    const id = valueAt(v.identities, t) as IdentityEpoch;
    if (n.kind === 'pos') {
      if (!dark) {
        const p = reportedPosition(v, s, t, rng, jitterM);
        yield { time: t, vessel: v, message: positionMessage(v, id, s, p, t, rng), truth: s };
        // Back on the air: static data goes out at once (ITU: on change and at start).
        if (wasDark.get(v)) for (const m of staticMessages(v, id, t + 1000, sc.start)) yield { time: t + 1000, vessel: v, message: m, truth: s };
      }
      wasDark.set(v, dark);
      const next = t + reportInterval(v.aisClass, s) + (v.aisClass === 'B' ? rng.int(-500, 500) : 0);
      heap.push(next, { v, kind: 'pos', t: next });
    } else {
      if (!dark) for (const m of staticMessages(v, id, t, sc.start)) yield { time: t, vessel: v, message: m, truth: s };
      const next = t + STATIC_INTERVAL;
      heap.push(next, { v, kind: 'static', t: next });
    }
  }
}

/** Received lines in arrival order, with the reception model applied. */
export function* receivedLines(sc: Scenario, options: Partial<ReceptionOptions> = {}): Generator<ReceivedLine> {
  const o: ReceptionOptions = { ...DEFAULT_RECEPTION, loss: sc.loss, ...options };
  const rng = Rng.derive(sc.seed, 'reception');
  const theatre = sc.preset.theatre;
  const passes = satellitePasses(sc.seed, sc.start, sc.end);
  let passIdx = 0;
  const pending = new Heap<ReceivedLine>();
  let seqId = 0;
  let group = 0;
  let satCount = 0;
  const emit = (tx: Transmission, time: number, station: string, delay: number): void => {
    const multi = tx.message.type === 5;
    const opts: SentenceOptions = {
      talker: 'AI', channel: rng.chance(0.5) ? 'A' : 'B', sequenceId: multi ? (seqId = (seqId + 1) % 10) : 0,
      tagBlock: { time, station, ...(multi ? { group: (group = (group % 9999) + 1) } : {}) },
    };
    let lines = toSentences(tx.message, opts);
    if (rng.chance(o.corruptShare)) lines = lines.map((l, i) => (i === 0 ? corrupt(l, rng) : l));
    pending.push(time + delay, { arrival: time + delay, time, station, lines, transmission: tx });
  };
  for (const tx of transmissions(sc, o.jitterM)) {
    // Release lines that can no longer be overtaken.
    while (pending.size && pending.peekKey() <= tx.time - 2_000) yield pending.pop()!;
    let heard = false;
    for (const { st, d } of stationsInRange(theatre, tx.truth)) {
      // Reception falls off towards the edge of a station's range.
      const pr = (1 - o.loss) * (d < st.range_km * 0.7 ? 0.97 : 0.97 - 1.2 * (d / st.range_km - 0.7));
      if (!rng.chance(pr)) continue;
      heard = true;
      const late = rng.chance(o.lateShare) ? rng.uniform(5_000, o.maxLateMs) : rng.uniform(0, 1_500);
      emit(tx, tx.time + rng.int(0, 900), st.id, late);
    }
    while (passIdx < passes.length && (passes[passIdx]).t1 < tx.time) passIdx++;
    const pass = passes[passIdx];
    if (pass && tx.time >= pass.t0 && tx.time <= pass.t1) {
      const pr = o.satDetect * (1 - o.loss) * holeFactor(theatre, tx.truth) * (heard ? 0.3 : 1);
      if (rng.chance(pr) && (heard || o.satThin <= 1 || satCount++ % o.satThin === 0)) {
        // Satellite data reaches the feed in batches, up to a couple of minutes late.
        emit(tx, tx.time, pass.id, rng.uniform(20_000, 110_000));
      }
    }
  }
  while (pending.size) yield pending.pop()!;
}

/** Damage a line the way radio and serial links do: a flipped character or a cut. */
function corrupt(line: string, rng: Rng): string {
  if (rng.chance(0.5)) return line.slice(0, Math.max(10, Math.floor(line.length * rng.uniform(0.4, 0.9))));
  const i = rng.int(line.indexOf('!') + 15, line.length - 5);
  const c = line.charCodeAt(i);
  return line.slice(0, i) + String.fromCharCode(c === 48 ? 49 : 48) + line.slice(i + 1);
}
