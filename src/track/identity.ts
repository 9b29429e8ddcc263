/**
 * Identity values as broadcast in static messages, cleaned: AIS six-bit text is padded with `@`
 * and spaces, and "not available" is 0 or an empty string; all of that becomes undefined here.
 */
import type { AisMessage } from '../ais/types.js';
import type { IdentityField } from './types.js';

/** A text field as the vessel meant it: `@` padding removed, spaces collapsed, upper case. */
export function cleanText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const at = value.indexOf('@');
  const cut = at >= 0 ? value.slice(0, at) : value;
  if (isClean(cut)) return cut === '' ? undefined : cut;
  const s = cut.replace(/\s+/g, ' ').trim().toUpperCase();
  return s === '' ? undefined : s;
}

/**
 * True when cleaning cannot change `s` (the usual six-bit text): printable ASCII without lower
 * case letters, spaces only single and between other characters. Anything else takes the
 * general path (Unicode white space, tabs, lower case).
 */
function isClean(s: string): boolean {
  let prevSpace = true; // a leading space is not clean
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (prevSpace) return false;
      prevSpace = true;
    } else if (c < 0x21 || c > 0x7e || (c >= 0x61 && c <= 0x7a)) return false;
    else prevSpace = false;
  }
  return !prevSpace || s.length === 0;
}

/**
 * The comparison key of a name, call sign or destination (GFW's n_shipname idea): letters and
 * digits only, so that "GUI HE YU33168" and "GUIHEYU33168" are one identity, not a change.
 */
export function normaliseKey(value: string): string {
  return value.replace(/[^A-Z0-9]/g, '');
}

const positiveOrUndefined = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;

/**
 * The part of a static message (5, 24, a CSV export's static row) that the tracker reads
 * (staticFields and the declared `flag`), copied into an instance of a class. A static message
 * waits minutes in the pipeline's reorder window; kept there as the decoder's object literal it
 * survives young-generation collections, V8 then pretenures the decoder's allocation site, and
 * every type-5 decode becomes an old-space allocation: that literal's line was 7 % of a
 * tracker-only run on the real corpus. Instances of a class are not pretenured by allocation
 * site. A field staticFields comes to read must be copied here too (identity.test.ts checks
 * that both give the same identity).
 */
export class StaticReport implements AisMessage {
  [field: string]: unknown;
  readonly type: number;
  readonly repeat: number;
  readonly mmsi: number;
  readonly shipname: string | undefined;
  readonly callsign: string | undefined;
  readonly imo: number | undefined;
  readonly ship_type: number | undefined;
  readonly to_bow: number | undefined;
  readonly to_stern: number | undefined;
  readonly to_port: number | undefined;
  readonly to_starboard: number | undefined;
  readonly draught: number | undefined;
  readonly destination: string | undefined;
  /** Decoded sources without the dimension fields (CSV exports). */
  readonly length: unknown;
  readonly beam: unknown;
  /** A flag declared by the source (CSV exports' country column). */
  readonly flag: unknown;

  constructor(m: AisMessage) {
    this.type = m.type;
    this.repeat = m.repeat;
    this.mmsi = m.mmsi;
    this.shipname = m.shipname;
    this.callsign = m.callsign;
    this.imo = m.imo;
    this.ship_type = m.ship_type;
    this.to_bow = m.to_bow;
    this.to_stern = m.to_stern;
    this.to_port = m.to_port;
    this.to_starboard = m.to_starboard;
    this.draught = m.draught;
    this.destination = m.destination;
    this.length = m['length'];
    this.beam = m['beam'];
    this.flag = m['flag'];
  }
}

/**
 * Identity fields a static (or type 19) message carries, cleaned; absent fields are omitted.
 * Decoded sources without the four dimension fields may give `length` and `beam` directly.
 */
export function staticFields(m: AisMessage): Partial<Record<IdentityField, string | number>> {
  const out: Partial<Record<IdentityField, string | number>> = {};
  const name = cleanText(m.shipname);
  if (name !== undefined) out.name = name;
  const callsign = cleanText(m.callsign);
  if (callsign !== undefined) out.callsign = callsign;
  const imo = positiveOrUndefined(m.imo);
  if (imo !== undefined && Number.isInteger(imo) && imo < 2 ** 30) out.imo = imo;
  const shipType = positiveOrUndefined(m.ship_type);
  if (shipType !== undefined && Number.isInteger(shipType) && shipType < 100) out.ship_type = shipType;
  const bow = positiveOrUndefined(m.to_bow);
  const stern = positiveOrUndefined(m.to_stern);
  if (bow !== undefined && stern !== undefined) out.length = bow + stern;
  else if (positiveOrUndefined(m['length']) !== undefined) out.length = m['length'] as number;
  const port = positiveOrUndefined(m.to_port);
  const starboard = positiveOrUndefined(m.to_starboard);
  if (port !== undefined && starboard !== undefined) out.beam = port + starboard;
  else if (positiveOrUndefined(m['beam']) !== undefined) out.beam = m['beam'] as number;
  const draught = positiveOrUndefined(m.draught);
  if (draught !== undefined) out.draught = draught;
  const destination = cleanText(m.destination);
  if (destination !== undefined) out.destination = destination;
  return out;
}

/** True when two values of a field are the same identity (text compared by its key). */
export function sameValue(a: string | number | undefined, b: string | number | undefined): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return normaliseKey(a) === normaliseKey(b);
  return false;
}
