/**
 * Hand-written decoders for the messages that make up most of any feed (types 1–5, 11, 18,
 * 24, 27),
 * equivalent to the table interpreter (fast.test.ts proves it on random payloads) but with
 * constant bit offsets and one object literal, so V8 compiles them to straight-line code.
 * They handle full-length payloads only; anything else goes through the tables.
 */
import type { AisMessage } from '../types.js';
import { readText } from './bits.js';

const STATUS = ['manual', 'estimated', 'inoperative'] as const;

/** Unsigned `width`-bit field at `pos` (width ≤ 25, so 32-bit integer arithmetic is exact). */
function u(b: Uint8Array, pos: number, width: number): number {
  let i = (pos / 6) | 0;
  const off = pos - i * 6;
  let v = b[i] & (63 >> off);
  let have = 6 - off;
  while (have < width) {
    v = (v << 6) | b[++i];
    have += 6;
  }
  return v >>> (have - width);
}

/** Unsigned field of 26–50 bits: two exact integer reads joined. */
function big(b: Uint8Array, pos: number, width: number): number {
  return u(b, pos, width - 24) * 16777216 + u(b, pos + width - 24, 24);
}

/** The 30-bit MMSI at bit 8: characters 1–5 (the low 4 bits of char 1, then four whole characters). */
function mmsiAt8(b: Uint8Array): number {
  return (b[1] & 15) * 67108864 + ((b[2] << 20) | (b[3] << 14) | (b[4] << 8) | (b[5] << 2) | (b[6] >> 4));
}

function turnOf(raw: number): number | undefined {
  if (raw === -128 || raw === 127 || raw === -127) return undefined;
  const mag = raw < 0 ? -raw : raw;
  const rate = Math.round((mag / 4.733) ** 2 * 100) / 100;
  return raw < 0 ? -rate : rate;
}

function lonOf(raw: number): number | undefined {
  return raw === 108600000 ? undefined : Math.round((raw / 600000) * 1e6) / 1e6;
}

function latOf(raw: number): number | undefined {
  return raw === 54600000 ? undefined : Math.round((raw / 600000) * 1e6) / 1e6;
}

/** Rate of turn by ROT_AIS + 128 (`turnOf` for every raw value, computed once). */
const TURN: (number | undefined)[] = Array.from({ length: 256 }, (_, k) => turnOf(k - 128));

/**
 * Types 1, 2, 3 with all 168 bits. Every field is read from the characters that hold it with
 * constant shifts (character i holds bits 6i … 6i+5), rather than through `u`: this is the
 * most common message of any feed.
 */
export function decodePositionA(b: Uint8Array): AisMessage {
  const c10 = b[10];
  const c14 = b[14];
  const c19 = b[19];
  const c21 = b[21];
  const c22 = b[22];
  const c23 = b[23];
  const c24 = b[24];
  const status = b[6] & 15; // bits 38–41
  const turnRaw = (((b[7] << 2) | (b[8] >> 4)) << 24) >> 24; // 42–49, signed
  const speed = ((b[8] & 15) << 6) | b[9]; // 50–59
  const lon = ((((c10 & 31) << 23) | (b[11] << 17) | (b[12] << 11) | (b[13] << 5) | (c14 >> 1)) << 4) >> 4; // 61–88, signed
  const lat = ((((c14 & 1) << 26) | (b[15] << 20) | (b[16] << 14) | (b[17] << 8) | (b[18] << 2) | (c19 >> 4)) << 5) >> 5; // 89–115, signed
  const course = ((c19 & 15) << 8) | (b[20] << 2) | (c21 >> 4); // 116–127
  const heading = ((c21 & 15) << 5) | (c22 >> 1); // 128–136
  const second = ((c22 & 1) << 5) | (c23 >> 1); // 137–142
  const maneuver = ((c23 & 1) << 1) | (c24 >> 5); // 143–144
  return {
    type: b[0],
    repeat: b[1] >> 4,
    mmsi: mmsiAt8(b),
    status: status === 15 ? undefined : status,
    turn: TURN[turnRaw + 128],
    turn_raw: turnRaw === -128 ? undefined : turnRaw,
    speed: speed === 1023 ? undefined : speed / 10,
    accuracy: c10 >= 32, // 60
    lon: lonOf(lon),
    lat: latOf(lat),
    course: course >= 3600 ? undefined : course / 10,
    heading: heading >= 360 ? undefined : heading,
    second: second < 60 ? second : undefined,
    timestamp_status: second > 60 ? STATUS[second - 61] : undefined,
    maneuver: maneuver === 0 || maneuver === 3 ? undefined : maneuver,
    raim: (c24 & 2) !== 0, // 148
    radio: ((c24 & 1) << 18) | (b[25] << 12) | (b[26] << 6) | b[27], // 149–167
  };
}

/** Type 18 with all 168 bits. */
export function decodePositionB(b: Uint8Array): AisMessage {
  const speed = u(b, 46, 10);
  let lon = big(b, 57, 28);
  if (lon >= 134217728) lon -= 268435456;
  let lat = big(b, 85, 27);
  if (lat >= 67108864) lat -= 134217728;
  const course = u(b, 112, 12);
  const heading = u(b, 124, 9);
  const second = u(b, 133, 6);
  return {
    type: 18,
    repeat: b[1] >> 4,
    mmsi: mmsiAt8(b),
    reserved_1: u(b, 38, 8),
    speed: speed === 1023 ? undefined : speed / 10,
    accuracy: u(b, 56, 1) === 1,
    lon: lonOf(lon),
    lat: latOf(lat),
    course: course >= 3600 ? undefined : course / 10,
    heading: heading >= 360 ? undefined : heading,
    second: second < 60 ? second : undefined,
    timestamp_status: second > 60 ? STATUS[second - 61] : undefined,
    reserved_2: u(b, 139, 2),
    cs: u(b, 141, 1) === 1,
    display: u(b, 142, 1) === 1,
    dsc: u(b, 143, 1) === 1,
    band: u(b, 144, 1) === 1,
    msg22: u(b, 145, 1) === 1,
    assigned: u(b, 146, 1) === 1,
    raim: u(b, 147, 1) === 1,
    radio: u(b, 148, 20),
  };
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** Types 4 and 11 with all 168 bits. */
export function decodeBaseStation(b: Uint8Array): AisMessage {
  const yearRaw = u(b, 38, 14);
  const monthRaw = u(b, 52, 4);
  const dayRaw = u(b, 56, 5);
  const hourRaw = u(b, 61, 5);
  const minuteRaw = u(b, 66, 6);
  const secondRaw = u(b, 72, 6);
  let lon = big(b, 79, 28);
  if (lon >= 134217728) lon -= 268435456;
  let lat = big(b, 107, 27);
  if (lat >= 67108864) lat -= 134217728;
  const epfd = u(b, 134, 4);
  const year = yearRaw === 0 ? undefined : yearRaw;
  const month = monthRaw === 0 || monthRaw >= 13 ? undefined : monthRaw;
  const day = dayRaw === 0 ? undefined : dayRaw;
  const hour = hourRaw >= 24 ? undefined : hourRaw;
  const minute = minuteRaw >= 60 ? undefined : minuteRaw;
  const second = secondRaw >= 60 ? undefined : secondRaw;
  return {
    type: b[0],
    repeat: b[1] >> 4,
    mmsi: mmsiAt8(b),
    year, month, day, hour, minute, second,
    accuracy: u(b, 78, 1) === 1,
    lon: lonOf(lon),
    lat: latOf(lat),
    epfd: epfd === 0 ? undefined : epfd,
    raim: u(b, 148, 1) === 1,
    radio: u(b, 149, 19),
    timestamp:
      year !== undefined && month !== undefined && day !== undefined && hour !== undefined && minute !== undefined && second !== undefined
        ? `${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}Z`
        : undefined,
  };
}

/** The four dimensions, absent together when all are 0 ("reference point not available"). */
function dimensionsAt(b: Uint8Array, pos: number): [number | undefined, number | undefined, number | undefined, number | undefined] {
  const a = u(b, pos, 9);
  const bb = u(b, pos + 9, 9);
  const c = u(b, pos + 18, 6);
  const d = u(b, pos + 24, 6);
  return a === 0 && bb === 0 && c === 0 && d === 0 ? [undefined, undefined, undefined, undefined] : [a, bb, c, d];
}

/** Type 5 with at least 424 bits. */
export function decodeStaticVoyage(b: Uint8Array): AisMessage {
  const imo = big(b, 40, 30);
  const shipType = u(b, 232, 8);
  const [toBow, toStern, toPort, toStarboard] = dimensionsAt(b, 240);
  const epfd = u(b, 270, 4);
  const month = u(b, 274, 4);
  const day = u(b, 278, 5);
  const hour = u(b, 283, 5);
  const minute = u(b, 288, 6);
  const draught = u(b, 294, 8);
  return {
    type: 5,
    repeat: b[1] >> 4,
    mmsi: mmsiAt8(b),
    ais_version: u(b, 38, 2),
    imo: imo === 0 ? undefined : imo,
    callsign: readText(b, 70, 7),
    shipname: readText(b, 112, 20),
    ship_type: shipType === 0 ? undefined : shipType,
    to_bow: toBow,
    to_stern: toStern,
    to_port: toPort,
    to_starboard: toStarboard,
    epfd: epfd === 0 ? undefined : epfd,
    month: month === 0 || month >= 13 ? undefined : month,
    day: day === 0 ? undefined : day,
    hour: hour >= 24 ? undefined : hour,
    minute: minute >= 60 ? undefined : minute,
    draught: draught === 0 ? undefined : draught / 10,
    destination: readText(b, 302, 20),
    dte: u(b, 422, 1) === 1,
  };
}

/** Type 24 part A with at least 160 bits. */
export function decodeStaticA(b: Uint8Array): AisMessage {
  return { type: 24, repeat: b[1] >> 4, mmsi: mmsiAt8(b), partno: 0, shipname: readText(b, 40, 20) };
}

/** Type 24 part B (not an auxiliary craft) with at least 162 bits. */
export function decodeStaticB(b: Uint8Array): AisMessage {
  const shipType = u(b, 40, 8);
  const [toBow, toStern, toPort, toStarboard] = dimensionsAt(b, 132);
  return {
    type: 24,
    repeat: b[1] >> 4,
    mmsi: mmsiAt8(b),
    partno: 1,
    ship_type: shipType === 0 ? undefined : shipType,
    vendorid: readText(b, 48, 3),
    model: u(b, 66, 4),
    serial: u(b, 70, 20),
    callsign: readText(b, 90, 7),
    to_bow: toBow,
    to_stern: toStern,
    to_port: toPort,
    to_starboard: toStarboard,
  };
}

/** Type 27 with at least 95 bits. */
export function decodeLongRange(b: Uint8Array): AisMessage {
  const status = u(b, 40, 4);
  let lon = u(b, 44, 18);
  if (lon >= 131072) lon -= 262144;
  let lat = u(b, 62, 17);
  if (lat >= 65536) lat -= 131072;
  const speed = u(b, 79, 6);
  const course = u(b, 85, 9);
  return {
    type: 27,
    repeat: b[1] >> 4,
    mmsi: mmsiAt8(b),
    accuracy: u(b, 38, 1) === 1,
    raim: u(b, 39, 1) === 1,
    status: status === 15 ? undefined : status,
    lon: lon === 108600 ? undefined : Math.round((lon / 600) * 1e6) / 1e6,
    lat: lat === 54600 ? undefined : Math.round((lat / 600) * 1e6) / 1e6,
    speed: speed === 63 ? undefined : speed,
    course: course >= 360 ? undefined : course,
    gnss: u(b, 94, 1) === 1,
  };
}
