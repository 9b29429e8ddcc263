/**
 * The vessel picture: what the tracker keeps per vessel and hands to the detectors.
 * Times are milliseconds since the UNIX epoch (UTC), always taken from the messages.
 */

/** One accepted position fix of a track (invalid and "not available" values already removed). */
export interface Fix {
  time: number;
  lat: number;
  lon: number;
  /** Knots. */
  speed?: number;
  /** Degrees true. */
  course?: number;
  heading?: number;
  /** Navigational status (types 1–3). */
  status?: number;
  /** Receiving station, when known (reception density, duplicates). */
  station?: string;
}

/** Identity as broadcast in static messages (5, 19, 24A/B), merged. */
export interface Identity {
  mmsi: number;
  imo?: number;
  name?: string;
  callsign?: string;
  ship_type?: number;
  /** Overall length and beam, metres, from the dimension fields. */
  length?: number;
  beam?: number;
  /** Metres. */
  draught?: number;
  destination?: string;
  /** ISO 3166-1 alpha-2 country of the MMSI's MID (the flag the radio licence implies). */
  flag?: string;
  /** AIS class: A (types 1–3, 5) or B (18, 19, 24). */
  class?: 'A' | 'B';
}

export type IdentityField = 'imo' | 'name' | 'callsign' | 'ship_type' | 'length' | 'beam' | 'draught' | 'destination' | 'flag' | 'mmsi';

/** One change in a vessel's identity history. */
export interface IdentityChange {
  time: number;
  field: IdentityField;
  before: string | number | undefined;
  after: string | number | undefined;
}

/**
 * A track: the positions of one transmitter. Usually one per MMSI; when several transmitters
 * share an MMSI the segmenter splits them and `track_id` tells them apart (`<mmsi>` for the
 * first, `<mmsi>#2`, `<mmsi>#3`… for the others, numbered in order of first appearance).
 */
export interface Track {
  track_id: string;
  mmsi: number;
  identity: Identity;
  /** The newest accepted fix. */
  last: Fix | undefined;
  first_seen: number;
  last_seen: number;
  /** Accepted fixes so far. */
  fixes: number;
}
