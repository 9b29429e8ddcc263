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

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const HOUR = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The text of Date.prototype.toISOString for a time in epoch ms, several times faster: the
 * calendar date from the day number (H. Hinnant's civil_from_days), the rest from tables. Times
 * outside years 1970–9999 or with fractions of a millisecond take toISOString itself.
 */
export function isoTime(t: number): string {
  if (!(t >= 0 && t < 253_402_300_800_000) || !Number.isInteger(t)) return new Date(t).toISOString();
  const days = Math.floor(t / DAY_MS);
  let r = t - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(r / HOUR);
  r -= h * HOUR;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const sec = Math.floor(r / 1000);
  return `${year}-${PAD2[month]}-${PAD2[day]}T${PAD2[h]}:${PAD2[m]}:${PAD2[sec]}.${PAD3[r - sec * 1000]}Z`;
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : isoTime(ms));

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

/**
 * ISO 8601 text of many times close together (a track's vertices), the same text as
 * Date.prototype.toISOString: the date and hour are formatted once per hour, the rest from
 * tables. Times outside years 1970–9999 or with fractions of a millisecond take the slow path.
 */
export class IsoFormatter {
  private hour = NaN;
  private prefix = '';

  format(t: number): string {
    if (!(t >= 0 && t < 253_402_300_800_000) || !Number.isInteger(t)) return new Date(t).toISOString();
    const h = Math.floor(t / HOUR);
    if (h !== this.hour) {
      this.hour = h;
      this.prefix = isoTime(h * HOUR).slice(0, 14);
    }
    const r = t - h * HOUR;
    const m = Math.floor(r / 60_000);
    const s = Math.floor((r - m * 60_000) / 1000);
    return `${this.prefix}${PAD2[m]}:${PAD2[s]}.${PAD3[r % 1000]}Z`;
  }
}

/** Columns of a track line (see the Store's TrackLine). */
interface LineColumns {
  time: ArrayLike<number>;
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
}

/**
 * A track as the GeoJSON Feature text of GET …/track?format=linestring, written directly from
 * the columns and the kept indices of each piece: byte for byte what JSON.stringify gives for
 * `{type: 'Feature', geometry, properties: {...props, coordinateProperties: {times}}}` with a
 * LineString (one piece), a MultiLineString (several) or null (none), without building an array
 * per vertex.
 */
export function trackLineFeature(props: Record<string, unknown>, segs: readonly (readonly number[])[], line: LineColumns): string {
  const iso = new IsoFormatter();
  const coords = (s: readonly number[]): string => {
    let out = '[';
    for (let k = 0; k < s.length; k++) {
      const i = s[k];
      out += `${k ? ',' : ''}[${line.lon[i]},${line.lat[i]}]`;
    }
    return out + ']';
  };
  const times = (s: readonly number[]): string => {
    let out = '[';
    for (let k = 0; k < s.length; k++) out += `${k ? ',"' : '"'}${iso.format(line.time[s[k]])}"`;
    return out + ']';
  };
  let geometry: string;
  let timesText: string;
  if (segs.length === 0) {
    geometry = 'null';
    timesText = '[]';
  } else if (segs.length === 1) {
    geometry = `{"type":"LineString","coordinates":${coords(segs[0])}}`;
    timesText = times(segs[0]);
  } else {
    geometry = `{"type":"MultiLineString","coordinates":[${segs.map(coords).join(',')}]}`;
    timesText = `[${segs.map(times).join(',')}]`;
  }
  const head = JSON.stringify(props);
  const propsText = head === '{}' ? `{"coordinateProperties":{"times":${timesText}}}` : `${head.slice(0, -1)},"coordinateProperties":{"times":${timesText}}}`;
  return `{"type":"Feature","geometry":${geometry},"properties":${propsText}}`;
}
