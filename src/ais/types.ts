/**
 * The decoded-message contract: what the decoder emits and what tracking, detection,
 * storage and the simulator consume.
 *
 * Field names follow pyais (snake_case, spec names: `mmsi`, `speed`, `to_bow`), so that
 * our output can be compared field by field with an independent decoder. Values are in
 * natural units (degrees, knots, metres, seconds); a field whose wire value is the
 * "not available" sentinel is absent (undefined), never a magic number.
 * docs/ais-fields.md lists every field of every message type.
 */

/** Fields every AIS message carries. */
export interface AisBase {
  /** Message type, 1–27. */
  type: number;
  repeat: number;
  mmsi: number;
}

/** Any decoded AIS message: the base plus the fields of its type (see docs/ais-fields.md). */
export interface AisMessage extends AisBase {
  /** Position (degrees, WGS 84); absent when "not available" (181 / 91). */
  lon?: number;
  lat?: number;
  /** Speed over ground, knots. */
  speed?: number;
  /** Course over ground, degrees true. */
  course?: number;
  /** True heading, degrees. */
  heading?: number;
  /** Navigational status code (0–15), types 1–3 and 27. */
  status?: number;
  /** Rate of turn, degrees per minute (signed). */
  turn?: number;
  /** Rate of turn indicator as sent (ROT_AIS, -127..127); ±127 = turning faster than 5°/30 s, no rate. */
  turn_raw?: number;
  /** For a position report whose time stamp is 61/62/63: the positioning system's mode instead of a second. */
  timestamp_status?: 'manual' | 'estimated' | 'inoperative';
  accuracy?: boolean;
  /** UTC second of the position fix (0–59). */
  second?: number;
  /** Static and voyage data (types 5, 19, 24, 21…). */
  shipname?: string;
  callsign?: string;
  imo?: number;
  ship_type?: number;
  to_bow?: number;
  to_stern?: number;
  to_port?: number;
  to_starboard?: number;
  /** Draught, metres. */
  draught?: number;
  destination?: string;
  /** Part number of a type 24 message: 0 = A (name), 1 = B (type, call sign, dimensions). */
  partno?: number;
  /** Type-specific fields not named above. */
  [field: string]: unknown;
}

/** Where and when a message was received: from tag blocks, Gatehouse lines or log columns. */
export interface ReceptionMeta {
  /** Reception time, milliseconds since the UNIX epoch (UTC); absent when the line carried none. */
  time?: number;
  /** Receiving station (tag block `s:`, or a log's station column). */
  station?: string;
  /** Radio channel, A or B. */
  channel?: string;
  /** NMEA talker id, e.g. AI, AB, BS. */
  talker?: string;
  /** true for VDO (own-ship) sentences. */
  own?: boolean;
}

/** A decoded message with its reception metadata: the unit that flows downstream. */
export interface ReceivedMessage {
  message: AisMessage;
  meta: ReceptionMeta;
}
