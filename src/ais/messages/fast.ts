/**
 * Hand-written decoders for the messages that make up most of any feed (types 1–3 and 18),
 * equivalent to the table interpreter (fast.test.ts proves it on random payloads) but with
 * constant bit offsets and one object literal, so V8 compiles them to straight-line code.
 * They handle full-length payloads only; anything else goes through the tables.
 */
import type { AisMessage } from '../types.js';

const STATUS = ['manual', 'estimated', 'inoperative'];

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

/** Types 1, 2, 3 with all 168 bits. */
export function decodePositionA(b: Uint8Array): AisMessage {
  const status = u(b, 38, 4);
  let turnRaw = u(b, 42, 8);
  if (turnRaw >= 128) turnRaw -= 256;
  const speed = u(b, 50, 10);
  let lon = big(b, 61, 28);
  if (lon >= 134217728) lon -= 268435456;
  let lat = big(b, 89, 27);
  if (lat >= 67108864) lat -= 134217728;
  const course = u(b, 116, 12);
  const heading = u(b, 128, 9);
  const second = u(b, 137, 6);
  const maneuver = u(b, 143, 2);
  return {
    type: b[0],
    repeat: b[1] >> 4,
    mmsi: mmsiAt8(b),
    status: status === 15 ? undefined : status,
    turn: turnOf(turnRaw),
    turn_raw: turnRaw === -128 ? undefined : turnRaw,
    speed: speed === 1023 ? undefined : speed / 10,
    accuracy: u(b, 60, 1) === 1,
    lon: lonOf(lon),
    lat: latOf(lat),
    course: course >= 3600 ? undefined : course / 10,
    heading: heading >= 360 ? undefined : heading,
    second: second < 60 ? second : undefined,
    timestamp_status: second > 60 ? STATUS[second - 61] : undefined,
    maneuver: maneuver === 0 || maneuver === 3 ? undefined : maneuver,
    raim: u(b, 148, 1) === 1,
    radio: u(b, 149, 19),
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
