/**
 * Renderings of events: JSON lines (the contract, docs/events.md), GeoJSON (one Point feature per
 * event, the event's fields as properties) and CSV (flat columns, `details` as a JSON cell).
 * All three carry the same events in the same order.
 */
import type { LookoutEvent } from '../detect/event.js';

/** Output formats of `lookout analyze`. */
export type EventFormat = 'jsonl' | 'geojson' | 'csv';

/** The deterministic order of a report: by start time, then id. */
export function compareEvents(a: LookoutEvent, b: LookoutEvent): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const CSV_COLUMNS = ['id', 'type', 'mmsi', 'other_mmsi', 'imo', 'name', 'start', 'end', 'lat', 'lon', 'confidence', 'details'] as const;

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The text before the first event. */
export function header(format: EventFormat): string {
  if (format === 'csv') return CSV_COLUMNS.join(',') + '\n';
  if (format === 'geojson') return '{"type":"FeatureCollection","features":[\n';
  return '';
}

/** One event's text; `index` is its position (GeoJSON needs commas between features). */
export function formatEvent(e: LookoutEvent, format: EventFormat, index: number): string {
  if (format === 'jsonl') return JSON.stringify(e) + '\n';
  if (format === 'csv') return CSV_COLUMNS.map((c) => csvCell(e[c])).join(',') + '\n';
  const { lat, lon, ...properties } = e;
  const feature = { type: 'Feature', id: e.id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
  return (index > 0 ? ',\n' : '') + JSON.stringify(feature);
}

/** The text after the last event. */
export function footer(format: EventFormat): string {
  return format === 'geojson' ? '\n]}\n' : '';
}

/** A whole report as one string (tests, small outputs). */
export function formatEvents(events: readonly LookoutEvent[], format: EventFormat): string {
  return header(format) + events.map((e, i) => formatEvent(e, format, i)).join('') + footer(format);
}
