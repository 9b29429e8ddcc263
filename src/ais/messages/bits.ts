/**
 * Bit access to a payload held as 6-bit values (one armoured character per byte): the
 * primitives the table interpreter and the hand-written fast paths share.
 */

const HEX = '0123456789abcdef';

/** Powers of two, 2^0 … 2^63. */
export const POW2: Float64Array = (() => {
  const p = new Float64Array(64);
  for (let k = 0; k < 64; k++) p[k] = 2 ** k;
  return p;
})();

/** `timestamp_status` of a second field of 61, 62, 63. */
export const TIMESTAMP_STATUS = ['manual', 'estimated', 'inoperative'];

/** Unsigned value of `width` (≤ 32) bits at bit `pos` of the 6-bit buffer. */
export function readUint(buf: Uint8Array, pos: number, width: number): number {
  let i = (pos / 6) | 0;
  const off = pos - i * 6;
  let v = buf[i] & (63 >> off);
  let have = 6 - off;
  if (width <= 25) {
    // At most 30 bits accumulate: 32-bit integer arithmetic is exact.
    while (have < width) {
      v = (v << 6) | buf[++i];
      have += 6;
    }
    return v >>> (have - width);
  }
  // Wider fields: two exact reads joined.
  return readUint(buf, pos, width - 24) * 16777216 + readUint(buf, pos + width - 24, 24);
}

/** Two's-complement value of `width` bits at bit `pos`. */
export function readInt(buf: Uint8Array, pos: number, width: number): number {
  const v = readUint(buf, pos, width);
  return v >= POW2[width - 1] ? v - POW2[width] : v;
}

const textCodes = new Uint16Array(256);
/** 6-bit value → character code of the 6-bit text alphabet. */
const TEXT_CODE: Uint8Array = Uint8Array.from({ length: 64 }, (_, v) => (v < 32 ? v + 64 : v));

/**
 * 6-bit text without trailing '@' padding and spaces or leading spaces (pyais's rule); an '@'
 * inside the text is kept as sent.
 */
export function readText(buf: Uint8Array, pos: number, chars: number): string | undefined {
  let start = -1; // index of the first non-space character
  let end = 0; // length without trailing '@' and spaces
  const c = textCodes;
  // Every character has the same offset within the 6-bit cells: two cells make one character.
  const i0 = (pos / 6) | 0;
  const off = pos - i0 * 6;
  for (let k = 0; k < chars; k++) {
    const v = off === 0 ? buf[i0 + k] : ((buf[i0 + k] << off) | (buf[i0 + k + 1] >> (6 - off))) & 63;
    c[k] = TEXT_CODE[v];
    if (v !== 32) {
      if (v !== 0) end = k + 1;
      if (start < 0) start = k;
    }
  }
  if (end === 0) return undefined;
  if (chars <= 20) {
    // Names, call signs, destinations: one fixed-arity call is several times faster than
    // fromCharCode.apply; the unused tail is sliced away.
    const s = String.fromCharCode(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13], c[14], c[15], c[16], c[17], c[18], c[19]);
    return s.slice(start, end);
  }
  return String.fromCharCode.apply(null, c.subarray(start, end) as unknown as number[]);
}

/** Raw bits as lower-case hex, zero-padded to whole bytes (pyais's format). */
export function readHex(buf: Uint8Array, pos: number, width: number): string {
  let s = '';
  const full = width & ~3;
  let k = 0;
  for (; k < full; k += 4) s += HEX[readUint(buf, pos + k, 4)];
  const left = width - full;
  if (left > 0) s += HEX[readUint(buf, pos + k, left) << (4 - left)];
  // Whole bytes, like pyais: pad with a zero nibble.
  return (s.length & 1) === 1 ? s + '0' : s;
}

