/**
 * Global Fishing Watch gpsdio-segment test messages (newline-delimited JSON, decoded, one MMSI per
 * file; fixtures/tracks/gfw_gpsdio_segment) → ReceivedMessage, with GFW's expected segment id.
 * The files contain bare `NaN` tokens, which are read as null.
 */
import type { AisMessage, ReceivedMessage } from '../ais/types.js';

/** One GFW message: ours, and the segment GFW's segmenter assigned (undefined when none). */
export interface GfwRecord {
  received: ReceivedMessage;
  expected: string | undefined;
  receiverType: string | undefined;
}

const SHIP_TYPE_TEXT: Record<string, number> = {
  Fishing: 30,
  Towing: 31,
  Dredging: 33,
  Military: 35,
  Sailing: 36,
  'Pleasure craft': 37,
  Passenger: 60,
  Cargo: 70,
  Tanker: 80,
  Tug: 52,
  Other: 90,
};

const numberOrUndefined = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Parse one line; undefined for blank or unusable lines. */
export function parseGfwLine(line: string): GfwRecord | undefined {
  if (line.trim() === '') return undefined;
  let d: Record<string, unknown>;
  try {
    d = JSON.parse(line.replace(/\bNaN\b/g, 'null')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const type = Number((typeof d['type'] === 'string' ? d['type'] : '').replace(/^AIS\./, ''));
  const mmsi = Number(d['ssvid']);
  const time = Date.parse(String(d['timestamp']));
  if (!Number.isInteger(type) || !Number.isInteger(mmsi) || !Number.isFinite(time)) return undefined;
  const m: AisMessage = { type, repeat: 0, mmsi };
  const set = (key: string, v: unknown): void => {
    const x = numberOrUndefined(v);
    if (x !== undefined) m[key] = x;
  };
  set('lat', d['lat']);
  set('lon', d['lon']);
  set('speed', d['speed']);
  set('course', d['course']);
  set('heading', d['heading']);
  set('status', d['status']);
  set('imo', d['imo']);
  set('length', d['length']);
  set('beam', d['width']);
  if (typeof d['shipname'] === 'string') m.shipname = d['shipname'];
  if (typeof d['callsign'] === 'string') m.callsign = d['callsign'];
  if (typeof d['destination'] === 'string') m.destination = d['destination'];
  if (typeof d['shiptype'] === 'string' && SHIP_TYPE_TEXT[d['shiptype']] !== undefined) m.ship_type = SHIP_TYPE_TEXT[d['shiptype']];
  const station = typeof d['receiver'] === 'string' ? d['receiver'] : undefined;
  const received: ReceivedMessage = { message: m, meta: station === undefined ? { time } : { time, station } };
  return {
    received,
    expected: typeof d['expected'] === 'string' ? d['expected'] : undefined,
    receiverType: typeof d['receiver_type'] === 'string' ? d['receiver_type'] : undefined,
  };
}

/** Parse a whole file's text, in file order. */
export function parseGfwText(text: string): GfwRecord[] {
  const out: GfwRecord[] = [];
  for (const line of text.split('\n')) {
    const r = parseGfwLine(line);
    if (r !== undefined) out.push(r);
  }
  return out;
}
