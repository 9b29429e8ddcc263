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
