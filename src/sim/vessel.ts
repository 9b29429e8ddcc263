/** A simulated vessel: its plan, the identities its transponder broadcasts, and what it hides or fakes. */
import type { VesselKind } from './fleet.js';
import type { Leg } from './motion.js';
import type { LatLon } from './sphere.js';

/** What the transponder broadcasts from `from` on (until the next epoch). */
export interface IdentityEpoch {
  from: number;
  mmsi: number;
  name: string;
  callsign: string;
  imo?: number;
  flag: string;
}

/** A period of false positions. */
export interface Spoof {
  t0: number;
  t1: number;
  kind: 'jump' | 'land' | 'circle';
  /** jump: displaced position; land: the land point reported; circle: the circle's centre. */
  centre: LatLon;
  radiusM: number;
}

export interface SimVessel {
  /** Internal key, stable for a seed ("v017"). */
  key: string;
  kind: VesselKind;
  aisClass: 'A' | 'B';
  dims: { to_bow: number; to_stern: number; to_port: number; to_starboard: number };
  identities: IdentityEpoch[];
  /** Draught (m) from `from` on. */
  draughts: { from: number; value: number }[];
  destinations: { from: number; value: string }[];
  legs: Leg[];
  /** Transmitter off intervals [t0, t1). */
  dark: [number, number][];
  spoofs: Spoof[];
  /** The behaviour this vessel plays, for documentation and debugging. */
  role: string;
  /** Offset of this transponder's reporting slots, ms. */
  phase: number;
}

/** The value in force at time t of a from-sorted list. */
export function valueAt<T extends { from: number }>(list: readonly T[], t: number): T | undefined {
  let cur: T | undefined;
  for (const x of list) {
    if (x.from <= t) cur = x;
    else break;
  }
  return cur ?? list[0];
}

/** True when the transmitter is off at time t. */
export function isDark(v: SimVessel, t: number): boolean {
  for (const [a, b] of v.dark) if (t >= a && t < b) return true;
  return false;
}

/** The active spoof at time t, if any. */
export function spoofAt(v: SimVessel, t: number): Spoof | undefined {
  for (const s of v.spoofs) if (t >= s.t0 && t <= s.t1) return s;
  return undefined;
}
