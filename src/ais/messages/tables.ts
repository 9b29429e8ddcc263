/**
 * The layout table of every message type 1–27 of ITU-R M.1371-5 (and of each variant of the
 * types that have several). Field names follow pyais; values are in natural units.
 */
import type { FieldSpec, LayoutSpec } from './layout.js';

// Field constructors: plain data, read by the decoder, the encoder and the docs generator.
type Opts = Omit<FieldSpec, 'name' | 'bits' | 'kind'>;
const u = (name: string, bits: number, o: Opts = {}): FieldSpec => ({ name, bits, kind: 'uint', ...o });
const i = (name: string, bits: number, o: Opts = {}): FieldSpec => ({ name, bits, kind: 'int', ...o });
const b = (name: string, o: Opts = {}): FieldSpec => ({ name, bits: 1, kind: 'bool', ...o });
const t = (name: string, bits: number, o: Opts = {}): FieldSpec => ({ name, bits, kind: 'text', ...o });
const hex = (name: string, bits: number, o: Opts = {}): FieldSpec => ({ name, bits, kind: 'hex', rest: true, ...o });
const spare = (bits: number): FieldSpec => ({ name: 'spare', bits, kind: 'spare' });

const HEADER: FieldSpec[] = [
  u('type', 6, { note: 'message type' }),
  u('repeat', 2, { note: 'repeat indicator, 0–3' }),
  u('mmsi', 30, { note: 'source MMSI' }),
];

/** Longitude in 1/10 000 minute (28 bits), the position reports' resolution. */
export const LON28 = i('lon', 28, { scale: 600000, na: 181 * 600000, unit: '°', note: 'east positive; 181 = not available' });
/** Latitude in 1/10 000 minute (27 bits). */
export const LAT27 = i('lat', 27, { scale: 600000, na: 91 * 600000, unit: '°', note: 'north positive; 91 = not available' });
/** Longitude/latitude in 1/10 minute (types 17, 22, 23, 27). */
const lon18 = (name: string): FieldSpec => i(name, 18, { scale: 600, na: 181 * 600, unit: '°', note: '1/10 minute on the wire; 181 = not available' });
const lat17 = (name: string): FieldSpec => i(name, 17, { scale: 600, na: 91 * 600, unit: '°', note: '1/10 minute on the wire; 91 = not available' });

const SPEED = u('speed', 10, { scale: 10, na: 1023, unit: 'kn', note: 'speed over ground; 102.2 = 102.2 kn or more; 1023 = not available' });
const COURSE = u('course', 12, { scale: 10, na: 3600, naFrom: 3600, unit: '°', note: 'course over ground; 3600 = not available, 3601–4095 invalid' });
const HEADING = u('heading', 9, { na: 511, naFrom: 360, unit: '°', note: 'true heading; 511 = not available, 360–510 invalid' });
const SECOND: FieldSpec = {
  name: 'second', bits: 6, kind: 'second', unit: 's', na: 60,
  note: 'UTC second of the fix, 0–59; 60–63 leave it absent and set timestamp_status (61 manual, 62 estimated, 63 inoperative)',
};
const ACCURACY = b('accuracy', { note: 'position accuracy: true = high (< 10 m, DGNSS)' });
const RAIM = b('raim', { note: 'RAIM in use' });
const EPFD = u('epfd', 4, { na: 0, note: 'position fixing device: 1 GPS, 2 GLONASS, 3 combined, 4 Loran-C, 5 Chayka, 6 integrated, 7 surveyed, 8 Galileo, 15 internal GNSS; 0 = not available' });
const SHIP_TYPE = u('ship_type', 8, { na: 0, note: 'type of ship and cargo (ITU-R M.1371 Table 53); 0 = not available' });
const DIMENSIONS: FieldSpec[] = [
  u('to_bow', 9, { unit: 'm', note: 'A: reference point to bow; 511 = 511 m or more' }),
  u('to_stern', 9, { unit: 'm', note: 'B: to stern; 511 = 511 m or more' }),
  u('to_port', 6, { unit: 'm', note: 'C: to port; 63 = 63 m or more' }),
  u('to_starboard', 6, { unit: 'm', note: 'D: to starboard; 63 = 63 m or more' }),
];
const DIMENSION_NAMES = ['to_bow', 'to_stern', 'to_port', 'to_starboard'];
const ETA: FieldSpec[] = [
  u('month', 4, { na: 0, naFrom: 13, note: 'ETA month (UTC); 0 = not available' }),
  u('day', 5, { na: 0, note: 'ETA day; 0 = not available' }),
  u('hour', 5, { naFrom: 24, note: 'ETA hour; 24 = not available' }),
  u('minute', 6, { naFrom: 60, note: 'ETA minute; 60 = not available' }),
];

/** All four dimensions zero is the standard's "reference point not available". */
function dimensionsUnknownToAbsent(m: Record<string, unknown>): void {
  if (m.to_bow === 0 && m.to_stern === 0 && m.to_port === 0 && m.to_starboard === 0) {
    for (const k of DIMENSION_NAMES) m[k] = undefined;
  }
}
const DIMENSIONS_DERIVED = { name: '(dimensions)', note: 'all four dimensions 0 = not available: all four are absent' };

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** Types 4 and 11: an ISO 8601 time when every part is available. */
function utcTimestamp(m: Record<string, unknown>): void {
  const { year, month, day, hour, minute, second } = m as Record<string, number | undefined>;
  m.timestamp =
    year !== undefined && month !== undefined && day !== undefined && hour !== undefined && minute !== undefined && second !== undefined
      ? `${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}Z`
      : undefined;
}

const POSITION_A: LayoutSpec = {
  title: 'Types 1, 2, 3: position report, class A (scheduled, assigned, interrogated)',
  minBits: 143,
  fields: [
    ...HEADER,
    u('status', 4, { na: 15, note: 'navigational status: 0 under way using engine, 1 at anchor, 2 not under command, 3 restricted manoeuvrability, 4 constrained by draught, 5 moored, 6 aground, 7 fishing, 8 sailing, 14 AIS-SART; 15 = not defined' }),
    { name: 'turn', bits: 8, kind: 'turn', unit: '°/min', note: 'rate of turn (ROT_AIS/4.733)², signed, right positive; absent for -128 (not available) and ±127 (turning faster than 5°/30 s, no turn indicator: see turn_raw)' },
    SPEED, ACCURACY, LON28, LAT27, COURSE, HEADING, SECOND,
    u('maneuver', 2, { na: 0, naFrom: 3, note: 'special manoeuvre indicator: 1 none, 2 engaged in special manoeuvre; 0 = not available' }),
    spare(3), RAIM,
    u('radio', 19, { note: 'communication state (SOTDMA/ITDMA), raw' }),
  ],
  derived: [
    { name: 'turn_raw', note: 'ROT_AIS as sent, -127..127 (absent for -128): ±127 = turning right/left faster than 5°/30 s' },
    { name: 'timestamp_status', note: "for second 61/62/63: 'manual' | 'estimated' | 'inoperative'" },
  ],
};

const BASE_STATION = (type: number): LayoutSpec => ({
  title: type === 4 ? 'Type 4: base station report' : 'Type 11: UTC/date response',
  minBits: 149,
  fields: [
    ...HEADER,
    u('year', 14, { na: 0, note: 'UTC year; 0 = not available' }),
    u('month', 4, { na: 0, naFrom: 13, note: '0 = not available' }),
    u('day', 5, { na: 0, note: '0 = not available' }),
    u('hour', 5, { naFrom: 24, note: '24 = not available' }),
    u('minute', 6, { naFrom: 60, note: '60 = not available' }),
    u('second', 6, { naFrom: 60, note: '60 = not available' }),
    ACCURACY, LON28, LAT27, EPFD, spare(10), RAIM,
    u('radio', 19, { note: 'SOTDMA communication state, raw' }),
  ],
  derived: [{ name: 'timestamp', unit: 'ISO 8601', note: 'year–second as an ISO UTC time when all parts are available' }],
  finish: utcTimestamp,
});

const STATIC_VOYAGE: LayoutSpec = {
  title: 'Type 5: static and voyage related data',
  // 420: real transmitters often send 70 characters, losing dte and the spare bit.
  minBits: 420,
  fields: [
    ...HEADER,
    u('ais_version', 2, { note: '0 = ITU-R M.1371-1, 1 = -3, 2 = -5, 3 = future' }),
    u('imo', 30, { na: 0, note: 'IMO number; 0 = not available' }),
    t('callsign', 42, { note: '7 characters; empty = not available' }),
    t('shipname', 120, { note: '20 characters; empty = not available' }),
    SHIP_TYPE, ...DIMENSIONS, EPFD, ...ETA,
    u('draught', 8, { scale: 10, na: 0, unit: 'm', note: 'maximum present static draught; 25.5 = 25.5 m or more; 0 = not available' }),
    t('destination', 120, { note: '20 characters; empty = not available' }),
    b('dte', { note: 'data terminal equipment: false = available, true = not available' }),
    spare(1),
  ],
  derived: [DIMENSIONS_DERIVED],
  finish: dimensionsUnknownToAbsent,
};

const DAC = u('dac', 10, { note: 'designated area code' });
const FID = u('fid', 6, { note: 'function identifier' });

const ADDRESSED_BINARY: LayoutSpec = {
  title: 'Type 6: binary addressed message',
  minBits: 88,
  fields: [
    ...HEADER,
    u('seqno', 2, { note: 'sequence number 0–3' }),
    u('dest_mmsi', 30, { note: 'destination MMSI' }),
    b('retransmit', { note: 'retransmitted' }),
    spare(1), DAC, FID,
    hex('data', 920, { note: 'application data after dac/fid, lower-case hex padded to whole bytes' }),
  ],
};

const ACK = (type: number): LayoutSpec => ({
  title: type === 7 ? 'Type 7: binary acknowledge' : 'Type 13: safety related acknowledge',
  minBits: 72,
  trimTail: true,
  fields: [
    ...HEADER, spare(2),
    u('mmsi1', 30), u('mmsiseq1', 2),
    u('mmsi2', 30), u('mmsiseq2', 2),
    u('mmsi3', 30), u('mmsiseq3', 2),
    u('mmsi4', 30), u('mmsiseq4', 2),
  ],
});

const BROADCAST_BINARY: LayoutSpec = {
  title: 'Type 8: binary broadcast message',
  minBits: 56,
  fields: [
    ...HEADER, spare(2), DAC, FID,
    hex('data', 952, { note: 'application data after dac/fid, lower-case hex padded to whole bytes' }),
  ],
};

const SAR_AIRCRAFT: LayoutSpec = {
  title: 'Type 9: standard SAR aircraft position report',
  minBits: 143,
  fields: [
    ...HEADER,
    u('alt', 12, { na: 4095, unit: 'm', note: 'altitude (GNSS); 4094 = 4094 m or more; 4095 = not available' }),
    u('speed', 10, { na: 1023, unit: 'kn', note: 'speed over ground in whole knots; 1022 = 1022 kn or more; 1023 = not available' }),
    ACCURACY, LON28, LAT27, COURSE, SECOND,
    u('reserved_1', 8, { note: 'altitude sensor / regional' }),
    b('dte', { note: 'false = available' }),
    spare(3),
    b('assigned', { note: 'assigned mode' }),
    RAIM,
    u('radio', 20, { note: 'communication state selector flag + state, raw' }),
  ],
  derived: [{ name: 'timestamp_status', note: "for second 61/62/63: 'manual' | 'estimated' | 'inoperative'" }],
};

const UTC_INQUIRY: LayoutSpec = {
  title: 'Type 10: UTC/date inquiry',
  minBits: 70,
  fields: [...HEADER, spare(2), u('dest_mmsi', 30), spare(2)],
};

const ADDRESSED_SAFETY: LayoutSpec = {
  title: 'Type 12: addressed safety related message',
  minBits: 72,
  fields: [
    ...HEADER,
    u('seqno', 2), u('dest_mmsi', 30), b('retransmit'), spare(1),
    t('text', 936, { rest: true, note: 'up to 156 characters' }),
  ],
};

const BROADCAST_SAFETY: LayoutSpec = {
  title: 'Type 14: safety related broadcast message',
  minBits: 40,
  fields: [...HEADER, spare(2), t('text', 968, { rest: true, note: 'up to 161 characters' })],
};

const INTERROGATION: LayoutSpec = {
  title: 'Type 15: interrogation',
  minBits: 88,
  trimTail: true,
  fields: [
    ...HEADER, spare(2),
    u('mmsi1', 30, { note: 'first interrogated station' }),
    u('type1_1', 6, { note: 'first requested message type' }),
    u('offset1_1', 12, { note: 'slot offset' }),
    spare(2),
    u('type1_2', 6, { note: 'second requested message type from station 1' }),
    u('offset1_2', 12),
    spare(2),
    u('mmsi2', 30, { note: 'second interrogated station' }),
    u('type2_1', 6), u('offset2_1', 12),
    spare(2),
  ],
};

const ASSIGNMENT: LayoutSpec = {
  title: 'Type 16: assigned mode command',
  minBits: 92,
  trimTail: true,
  fields: [
    ...HEADER, spare(2),
    u('mmsi1', 30), u('offset1', 12), u('increment1', 10),
    u('mmsi2', 30), u('offset2', 12), u('increment2', 10),
    spare(4),
  ],
};

const DGNSS: LayoutSpec = {
  title: 'Type 17: DGNSS broadcast binary message',
  minBits: 80,
  fields: [
    ...HEADER, spare(2),
    lon18('lon'), lat17('lat'),
    spare(5),
    hex('data', 736, { note: 'DGNSS correction data (RTCM SC-104), lower-case hex' }),
  ],
};

const POSITION_B: LayoutSpec = {
  title: 'Type 18: standard class B position report',
  minBits: 143,
  fields: [
    ...HEADER,
    u('reserved_1', 8, { note: 'regional' }),
    SPEED, ACCURACY, LON28, LAT27, COURSE, HEADING, SECOND,
    u('reserved_2', 2, { note: 'regional' }),
    b('cs', { note: 'class B unit: true = carrier sense (CS), false = SOTDMA' }),
    b('display', { note: 'has a display' }),
    b('dsc', { note: 'has DSC' }),
    b('band', { note: 'can use the whole marine band' }),
    b('msg22', { note: 'accepts channel management by type 22' }),
    b('assigned', { note: 'assigned mode' }),
    RAIM,
    u('radio', 20, { note: 'communication state selector flag + state, raw' }),
  ],
  derived: [{ name: 'timestamp_status', note: "for second 61/62/63: 'manual' | 'estimated' | 'inoperative'" }],
};

const POSITION_B_EXTENDED: LayoutSpec = {
  title: 'Type 19: extended class B position report',
  minBits: 306,
  fields: [
    ...HEADER,
    u('reserved_1', 8, { note: 'regional' }),
    SPEED, ACCURACY, LON28, LAT27, COURSE, HEADING, SECOND,
    u('reserved_2', 4, { note: 'regional' }),
    t('shipname', 120),
    SHIP_TYPE, ...DIMENSIONS, EPFD, RAIM,
    b('dte', { note: 'false = available' }),
    b('assigned'),
    spare(4),
  ],
  derived: [
    { name: 'timestamp_status', note: "for second 61/62/63: 'manual' | 'estimated' | 'inoperative'" },
    DIMENSIONS_DERIVED,
  ],
  finish: dimensionsUnknownToAbsent,
};

const slotReservation = (n: number): FieldSpec[] => [
  u(`offset${n}`, 12, { note: 'reserved slot offset; 0 = not used' }),
  u(`number${n}`, 4, { note: 'number of consecutive slots' }),
  u(`timeout${n}`, 3, { unit: 'min', note: 'time-out' }),
  u(`increment${n}`, 11, { note: 'slot increment' }),
];

const DATA_LINK_MANAGEMENT: LayoutSpec = {
  title: 'Type 20: data link management',
  minBits: 72,
  trimTail: true,
  fields: [...HEADER, spare(2), ...slotReservation(1), ...slotReservation(2), ...slotReservation(3), ...slotReservation(4)],
};

const AID_TO_NAVIGATION: LayoutSpec = {
  title: 'Type 21: aid-to-navigation report',
  // Through the time stamp: real stations send 268 bits (libais accepts them), losing the flags.
  minBits: 259,
  fields: [
    ...HEADER,
    u('aid_type', 5, { na: 0, note: 'type of aid to navigation (ITU-R M.1371 Table 74); 0 = not specified' }),
    t('name', 120),
    ACCURACY, LON28, LAT27, ...DIMENSIONS, EPFD, SECOND,
    b('off_position', { note: 'off its charted position (valid only when second < 60)' }),
    u('reserved_1', 8, { note: 'regional' }),
    RAIM,
    b('virtual_aid', { note: 'virtual AtoN' }),
    b('assigned'),
    spare(1),
    t('name_ext', 88, { rest: true, note: 'name extension, up to 14 characters' }),
  ],
  derived: [
    { name: 'full_name', note: 'name followed by name_ext (pyais rule)' },
    { name: 'timestamp_status', note: "for second 61/62/63: 'manual' | 'estimated' | 'inoperative'" },
    DIMENSIONS_DERIVED,
  ],
  finish: (m) => {
    dimensionsUnknownToAbsent(m);
    const name = (m.name as string | undefined) ?? '';
    const full = name + ((m.name_ext as string | undefined) ?? '');
    m.full_name = full === '' ? undefined : full;
  },
};

const CHANNEL_HEAD: FieldSpec[] = [
  ...HEADER, spare(2),
  u('channel_a', 12, { note: 'channel number (ITU-R M.1084)' }),
  u('channel_b', 12),
  u('txrx', 4, { note: 'Tx/Rx mode: 0 TxA/TxB RxA/RxB, 1 TxA RxA/RxB, 2 TxB RxA/RxB' }),
  b('power', { note: 'true = low power' }),
];
const CHANNEL_TAIL: FieldSpec[] = [
  b('addressed'),
  b('band_a', { note: 'channel A bandwidth: true = 12.5 kHz (pre -5)' }),
  b('band_b'),
  u('zonesize', 3, { unit: 'nm', note: 'transitional zone size, 1–8 nm (value + 1)' }),
  spare(23),
];

const CHANNEL_BROADCAST: LayoutSpec = {
  title: 'Type 22: channel management (broadcast, area)',
  minBits: 145,
  fields: [...CHANNEL_HEAD, lon18('ne_lon'), lat17('ne_lat'), lon18('sw_lon'), lat17('sw_lat'), ...CHANNEL_TAIL],
};

const CHANNEL_ADDRESSED: LayoutSpec = {
  title: 'Type 22: channel management (addressed)',
  minBits: 145,
  fields: [
    ...CHANNEL_HEAD,
    u('dest1', 30), u('empty_1', 5, { note: 'spare bits after dest1 (pyais keeps them)' }),
    u('dest2', 30), u('empty_2', 5),
    ...CHANNEL_TAIL,
  ],
};

const GROUP_ASSIGNMENT: LayoutSpec = {
  title: 'Type 23: group assignment command',
  minBits: 154,
  fields: [
    ...HEADER, spare(2),
    lon18('ne_lon'), lat17('ne_lat'), lon18('sw_lon'), lat17('sw_lat'),
    u('station_type', 4, { note: '0 all, 1 class A, 2 all class B, 3 SAR, 4 class B SO, 5 class B CS, 6 inland, 10 base station coverage area' }),
    u('ship_type', 8, { note: '0 = all types' }),
    spare(22),
    u('txrx', 2, { note: 'Tx/Rx mode' }),
    u('interval', 4, { note: 'reporting interval code (Table 77)' }),
    u('quiet', 4, { unit: 'min', note: 'quiet time; 0 = none' }),
    spare(6),
  ],
};

const STATIC_A: LayoutSpec = {
  title: 'Type 24 part A: class B static data (name)',
  minBits: 160,
  fields: [...HEADER, u('partno', 2, { note: '0 = part A' }), t('shipname', 120), spare(8)],
};

const STATIC_B_HEAD: FieldSpec[] = [
  ...HEADER,
  u('partno', 2, { note: '1 = part B' }),
  SHIP_TYPE,
  t('vendorid', 18, { note: 'manufacturer id, 3 characters' }),
  u('model', 4, { note: 'unit model code' }),
  u('serial', 20, { note: 'unit serial number' }),
  t('callsign', 42),
];

const STATIC_B: LayoutSpec = {
  title: 'Type 24 part B: class B static data (type, vendor, call sign, dimensions)',
  minBits: 162,
  fields: [...STATIC_B_HEAD, ...DIMENSIONS, spare(6)],
  derived: [DIMENSIONS_DERIVED],
  finish: dimensionsUnknownToAbsent,
};

const STATIC_B_AUXILIARY: LayoutSpec = {
  title: 'Type 24 part B of an auxiliary craft (MMSI 98xxxxxxx): mothership instead of dimensions',
  minBits: 162,
  fields: [...STATIC_B_HEAD, u('mothership_mmsi', 30, { note: 'MMSI of the mother ship' }), spare(6)],
};

const singleSlot = (addressed: boolean, structured: boolean, dataBits: number): LayoutSpec => ({
  title: `Type 25: single slot binary message (${addressed ? 'addressed' : 'broadcast'}, ${structured ? 'structured' : 'unstructured'})`,
  minBits: 40 + (addressed ? 30 : 0) + (structured ? 16 : 0),
  fields: [
    ...HEADER,
    b('addressed'), b('structured', { note: 'binary data flag: true = starts with a 16-bit application id' }),
    ...(addressed ? [u('dest_mmsi', 30)] : []),
    ...(structured ? [u('app_id', 16, { note: 'application identifier: DAC (10 bits) and FI (6 bits)' })] : []),
    hex('data', dataBits),
  ],
});

const multiSlot = (addressed: boolean, structured: boolean, dataBits: number): LayoutSpec => ({
  title: `Type 26: multiple slot binary message (${addressed ? 'addressed' : 'broadcast'}, ${structured ? 'structured' : 'unstructured'})`,
  // The header only: short messages lose their data and then their radio bits.
  minBits: 40 + (addressed ? 30 : 0) + (structured ? 16 : 0),
  tailBits: 20,
  fields: [
    ...HEADER,
    b('addressed'), b('structured'),
    ...(addressed ? [u('dest_mmsi', 30)] : []),
    ...(structured ? [u('app_id', 16)] : []),
    hex('data', dataBits, { note: 'all bits between the header and the last 20' }),
    u('radio', 20, { note: 'the last 20 bits: communication state selector flag + state, raw' }),
  ],
});

const LONG_RANGE: LayoutSpec = {
  title: 'Type 27: long range AIS broadcast message',
  minBits: 95,
  fields: [
    ...HEADER, ACCURACY, RAIM,
    u('status', 4, { na: 15, note: 'navigational status (as types 1–3); 15 = not defined' }),
    lon18('lon'), lat17('lat'),
    u('speed', 6, { na: 63, unit: 'kn', note: 'whole knots; 63 = not available' }),
    u('course', 9, { na: 511, naFrom: 360, unit: '°', note: 'whole degrees; 511 = not available' }),
    b('gnss', { note: 'position latency: false = less than 5 s, true = more (pyais name)' }),
    spare(1),
  ],
};

/** Every layout, by name, for the tests and the documentation. */
export const LAYOUTS = {
  POSITION_A,
  BASE_STATION: BASE_STATION(4),
  STATIC_VOYAGE,
  ADDRESSED_BINARY,
  ACK_7: ACK(7),
  BROADCAST_BINARY,
  SAR_AIRCRAFT,
  UTC_INQUIRY,
  UTC_RESPONSE: BASE_STATION(11),
  ADDRESSED_SAFETY,
  ACK_13: ACK(13),
  BROADCAST_SAFETY,
  INTERROGATION,
  ASSIGNMENT,
  DGNSS,
  POSITION_B,
  POSITION_B_EXTENDED,
  DATA_LINK_MANAGEMENT,
  AID_TO_NAVIGATION,
  CHANNEL_BROADCAST,
  CHANNEL_ADDRESSED,
  GROUP_ASSIGNMENT,
  STATIC_A,
  STATIC_B,
  STATIC_B_AUXILIARY,
  SINGLE_SLOT_BU: singleSlot(false, false, 128),
  SINGLE_SLOT_BS: singleSlot(false, true, 112),
  SINGLE_SLOT_AU: singleSlot(true, false, 98),
  SINGLE_SLOT_AS: singleSlot(true, true, 82),
  MULTI_SLOT_BU: multiSlot(false, false, 1004),
  MULTI_SLOT_BS: multiSlot(false, true, 988),
  MULTI_SLOT_AU: multiSlot(true, false, 974),
  MULTI_SLOT_AS: multiSlot(true, true, 958),
  LONG_RANGE,
} satisfies Record<string, LayoutSpec>;

/** The layout name(s) of each message type, in the order the selector indexes them. */
export const TYPE_LAYOUTS: Record<number, (keyof typeof LAYOUTS)[]> = {
  1: ['POSITION_A'], 2: ['POSITION_A'], 3: ['POSITION_A'],
  4: ['BASE_STATION'], 5: ['STATIC_VOYAGE'], 6: ['ADDRESSED_BINARY'], 7: ['ACK_7'],
  8: ['BROADCAST_BINARY'], 9: ['SAR_AIRCRAFT'], 10: ['UTC_INQUIRY'], 11: ['UTC_RESPONSE'],
  12: ['ADDRESSED_SAFETY'], 13: ['ACK_13'], 14: ['BROADCAST_SAFETY'], 15: ['INTERROGATION'],
  16: ['ASSIGNMENT'], 17: ['DGNSS'], 18: ['POSITION_B'], 19: ['POSITION_B_EXTENDED'],
  20: ['DATA_LINK_MANAGEMENT'], 21: ['AID_TO_NAVIGATION'],
  // addressed flag (bit 139): broadcast, addressed
  22: ['CHANNEL_BROADCAST', 'CHANNEL_ADDRESSED'],
  23: ['GROUP_ASSIGNMENT'],
  // part A, part B, part B of an auxiliary craft
  24: ['STATIC_A', 'STATIC_B', 'STATIC_B_AUXILIARY'],
  // addressed * 2 + structured
  25: ['SINGLE_SLOT_BU', 'SINGLE_SLOT_BS', 'SINGLE_SLOT_AU', 'SINGLE_SLOT_AS'],
  26: ['MULTI_SLOT_BU', 'MULTI_SLOT_BS', 'MULTI_SLOT_AU', 'MULTI_SLOT_AS'],
  27: ['LONG_RANGE'],
};

/** True for an auxiliary craft's MMSI (98MIDxxxx), whose type 24B carries a mothership MMSI. */
export function isAuxiliaryCraft(mmsi: number): boolean {
  return mmsi >= 980000000 && mmsi < 990000000;
}
