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
  /** A flag declared by the data source (e.g. a decoded CSV's country column), ISO 3166-1 alpha-2. */
  declared_flag?: string;
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
  /**
   * The track's number in its tracker: 0, 1, 2… in order of creation, never reused. Detectors
   * keep their per-track state in arrays indexed by it (src/detect/track-states.ts). Absent on
   * tracks built by hand (tests), which are then told apart by `track_id`.
   */
  readonly index?: number;
  identity: Identity;
  /** The newest accepted fix. */
  last: Fix | undefined;
  first_seen: number;
  last_seen: number;
  /** Accepted fixes so far. */
  fixes: number;
  /**
   * Every track of the same MMSI that is still open, this one included, in order of creation;
   * present only once the segmenter has split the MMSI (shared by all of them, kept current).
   */
  peers?: readonly Track[];
  /** Why the segmenter opened this track when it is not the MMSI's first one. */
  origin?: TrackOrigin;
  /** Real identity changes (not first values), oldest first; bounded (see docs/tracking.md). */
  history?: readonly IdentityChange[];
}

/** The evidence for a segmenter split: the open track the new fix could not belong to. */
export interface TrackOrigin {
  /** The track that was nearest in time when the split happened. */
  from: string;
  /** Time of the split (the first fix of the new track), ms. */
  time: number;
  /** Distance from that track's last fix, nautical miles. */
  distance_nm: number;
  /** Time since that track's last fix, hours. */
  hours: number;
  /** Implied speed between the two fixes, knots (distance / max(hours, 1 s)). */
  implied_speed_kn: number;
}
