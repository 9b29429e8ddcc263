/**
 * The NMEA 0183 checksum: XOR of the character codes between the start delimiter and '*'.
 */

/** XOR of the character codes of `s` from `start` (inclusive) to `end` (exclusive). */
export function nmeaChecksum(s: string, start = 0, end: number = s.length): number {
  let x = 0;
  const stop = end < s.length ? end : s.length;
  for (let k = start < 0 ? 0 : start; k < stop; k++) x ^= s.charCodeAt(k);
  return x & 0xff;
}

/** Two upper-case hex digits of a checksum, as written after '*'. */
export function checksumHex(sum: number): string {
  return (sum < 16 ? '0' : '') + sum.toString(16).toUpperCase();
}
