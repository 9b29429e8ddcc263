/** Output shapes shared by routes: vessels as API JSON and GeoJSON, events as CSV and GeoJSON. */
import type { LookoutEvent } from '../detect/event.js';
import type { VesselRecord } from '../store/store.js';

/** Coarse category of an AIS ship type code. */
export function shipCategory(t: number | undefined): string | undefined {
  if (t === undefined) return undefined;
  if (t === 30) return 'fishing';
  if (t === 31 || t === 32 || t === 52) return 'tug';
  if (t === 36 || t === 37) return 'pleasure';
  if ((t >= 33 && t <= 35) || (t >= 50 && t <= 59)) return 'special';
  if (t >= 40 && t <= 49) return 'high_speed';
  if (t >= 60 && t <= 69) return 'passenger';
  if (t >= 70 && t <= 79) return 'cargo';
  if (t >= 80 && t <= 89) return 'tanker';
  return 'other';
}

/** Ship type ranges of each category, for the `types` filter. */
export const CATEGORY_RANGES: Record<string, [number, number][]> = {
  fishing: [[30, 30]], tug: [[31, 32], [52, 52]], pleasure: [[36, 37]], special: [[33, 35], [50, 51], [53, 59]],
  high_speed: [[40, 49]], passenger: [[60, 69]], cargo: [[70, 79]], tanker: [[80, 89]], other: [[0, 29], [38, 39], [90, 99]],
};

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** A vessel in the API's JSON shape (ISO times, latest position nested). */
export function vesselJson(v: VesselRecord): Record<string, unknown> {
  const o: Record<string, unknown> = { mmsi: v.mmsi };
  for (const k of ['imo', 'name', 'callsign', 'ship_type'] as const) if (v[k] !== undefined) o[k] = v[k];
  const cat = shipCategory(v.ship_type);
  if (cat) o.ship_category = cat;
  for (const k of ['length', 'beam', 'draught', 'destination', 'flag', 'class'] as const) if (v[k] !== undefined) o[k] = v[k];
  o.first_seen = iso(v.first_seen);
  o.last_seen = iso(v.last_seen);
  o.fixes = v.fixes;
  if (v.lat !== undefined && v.lon !== undefined) {
    const p: Record<string, unknown> = { lat: v.lat, lon: v.lon, time: iso(v.fix_time) };
    for (const k of ['speed', 'course', 'heading', 'status'] as const) if (v[k] !== undefined) p[k] = v[k];
    o.position = p;
  }
  return o;
}

/** Vessels with a position as a GeoJSON FeatureCollection of Points. */
export function vesselsGeoJson(vs: VesselRecord[]): Record<string, unknown> {
  return {
    type: 'FeatureCollection',
    features: vs.filter((v) => v.lat !== undefined && v.lon !== undefined).map((v) => {
      const props = vesselJson(v);
      delete props.position;
      Object.assign(props, { time: iso(v.fix_time), speed: v.speed, course: v.course, heading: v.heading });
      return { type: 'Feature', id: v.mmsi, geometry: { type: 'Point', coordinates: [v.lon, v.lat] }, properties: props };
    }),
  };
}

/** Events as a GeoJSON FeatureCollection (a Point per event, the contract object as properties). */
export function eventsGeoJson(es: LookoutEvent[]): Record<string, unknown> {
  return {
    type: 'FeatureCollection',
    features: es.map((e) => ({ type: 'Feature', id: e.id, geometry: { type: 'Point', coordinates: [e.lon, e.lat] }, properties: e })),
  };
}

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const EVENT_CSV_COLUMNS = ['id', 'type', 'mmsi', 'other_mmsi', 'imo', 'name', 'start', 'end', 'lat', 'lon', 'confidence', 'details'] as const;

/** Events as RFC 4180 CSV with a header; `details` is a JSON cell. */
export function eventsCsv(es: LookoutEvent[]): string {
  const rows = [EVENT_CSV_COLUMNS.join(',')];
  for (const e of es) rows.push(EVENT_CSV_COLUMNS.map((c) => csvCell((e as unknown as Record<string, unknown>)[c])).join(','));
  return rows.join('\r\n') + '\r\n';
}
