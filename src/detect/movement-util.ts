/**
 * Helpers shared by the movement detectors (gap, encounter, loitering, port_visit,
 * draught_change, zones): vessel fields of an event, rounding, type classes.
 */
import type { Fix, Track } from '../track/types.js';

/** The identity fields every event carries (`mmsi`, `imo`, `name`) from a track. */
export function vesselFields(track: Track): { mmsi: number; imo: number | undefined; name: string | undefined } {
  return { mmsi: track.mmsi, imo: track.identity.imo, name: track.identity.name };
}

/** Round to `digits` decimals (stable JSON without float noise). */
export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A fix as evidence: ISO time, position, speed and course when reported. */
export function fixEvidence(fix: Fix): { time: string; lat: number; lon: number; speed?: number; course?: number } {
  const e: { time: string; lat: number; lon: number; speed?: number; course?: number } = {
    time: new Date(fix.time).toISOString(),
    lat: round(fix.lat, 6),
    lon: round(fix.lon, 6),
  };
  if (fix.speed !== undefined) e.speed = round(fix.speed, 1);
  if (fix.course !== undefined) e.course = round(fix.course, 1);
  return e;
}

/** Broad class of an AIS ship type code (ITU-R M.1371 table 53). */
export function shipClass(shipType: number | undefined): string {
  if (shipType === undefined) return 'unknown';
  if (shipType === 30) return 'fishing';
  if (shipType === 31 || shipType === 32 || shipType === 52) return 'tug';
  if (shipType === 50) return 'pilot';
  if (shipType >= 40 && shipType <= 49) return 'high_speed';
  if (shipType >= 60 && shipType <= 69) return 'passenger';
  if (shipType >= 70 && shipType <= 79) return 'cargo';
  if (shipType >= 80 && shipType <= 89) return 'tanker';
  if (shipType === 36 || shipType === 37) return 'pleasure';
  return 'other';
}

/** Median of a non-empty list (sorts a copy). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m]) : ((s[m - 1]) + (s[m])) / 2;
}

/** Clamp to [0, 1]. */
export const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
