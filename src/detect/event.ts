/**
 * The event contract: one JSON object per event (JSON lines), read by other tools and by
 * our own tests. docs/events.md documents it; keep it stable and extend rather than rename.
 */

export const EVENT_TYPES = [
  'gap',
  'encounter',
  'loitering',
  'port_visit',
  'identity_change',
  'identity_anomaly',
  'shared_mmsi',
  'spoofing',
  'draught_change',
  'zone_entry',
  'zone_exit',
  'transit',
  'sanctions_hit',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export interface LookoutEvent {
  /** Deterministic: the same input always gives the same id. */
  id: string;
  type: EventType;
  mmsi: number;
  /** The other vessel of an encounter. */
  other_mmsi?: number;
  imo?: number;
  name?: string;
  /** ISO 8601 UTC. */
  start: string;
  end: string;
  /** A representative position. */
  lat: number;
  lon: number;
  /** 0–1. */
  confidence: number;
  /** Type-specific evidence and the parameters that triggered the event. */
  details: Record<string, unknown>;
}

/** What a detector supplies; `makeEvent` adds the deterministic id and ISO times. */
export interface EventInput {
  type: EventType;
  mmsi: number;
  other_mmsi?: number | undefined;
  imo?: number | undefined;
  name?: string | undefined;
  /** ms since the UNIX epoch, from the messages. */
  start: number;
  end: number;
  lat: number;
  lon: number;
  confidence: number;
  details: Record<string, unknown>;
  /**
   * Extra key material that tells apart two events of the same type, vessel and start
   * (a zone id, a port id, a track id). Not part of the output.
   */
  key?: string | undefined;
}

/** Two 32-bit FNV-1a hashes with different seeds: 64 bits, portable, no crypto module needed. */
function hash64(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * The deterministic event id: a hash of type, vessel(s), start time and key, so that the same
 * input gives the same ids on every run and a replayed stream can be de-duplicated by id.
 * An encounter's id does not depend on which vessel is named first.
 */
export function eventId(type: EventType, mmsi: number, start: number, other?: number, key?: string): string {
  const pair = other === undefined ? `${mmsi}` : mmsi < other ? `${mmsi}:${other}` : `${other}:${mmsi}`;
  return `${type}-${hash64(`${type}|${pair}|${start}|${key ?? ''}`)}`;
}

/** Round a coordinate to 6 decimals (~0.1 m): stable output without float noise. */
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Build an event in the contract's shape, with fields in a fixed order (byte-stable JSON). */
export function makeEvent(input: EventInput): LookoutEvent {
  const e: LookoutEvent = {
    id: eventId(input.type, input.mmsi, input.start, input.other_mmsi, input.key),
    type: input.type,
    mmsi: input.mmsi,
  } as LookoutEvent;
  if (input.other_mmsi !== undefined) e.other_mmsi = input.other_mmsi;
  if (input.imo !== undefined) e.imo = input.imo;
  if (input.name !== undefined && input.name !== '') e.name = input.name;
  e.start = new Date(input.start).toISOString();
  e.end = new Date(input.end).toISOString();
  e.lat = round6(input.lat);
  e.lon = round6(input.lon);
  e.confidence = Math.round(Math.min(1, Math.max(0, input.confidence)) * 1000) / 1000;
  e.details = input.details;
  return e;
}
