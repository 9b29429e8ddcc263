/**
 * The AIS 6-bit armouring (ITU-R M.1371 / IEC 61162-1) and the 6-bit text alphabet, as
 * precomputed lookup tables so that decoding never builds intermediate strings.
 */

/** Armoured character code → 6-bit value, or -1 for a character outside the armour alphabet. */
export const ARMOUR_TO_SIX: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let c = 48; c <= 87; c++) t[c] = c - 48; // '0'..'W' → 0..39
  for (let c = 96; c <= 119; c++) t[c] = c - 56; // '`'..'w' → 40..63
  return t;
})();

/** 6-bit value → armoured character. */
export const SIX_TO_ARMOUR: string[] = Array.from({ length: 64 }, (_, v) =>
  String.fromCharCode(v < 40 ? v + 48 : v + 56),
);

/** 6-bit value → text character ('@' = 0 is the padding / end-of-text character). */
export const SIX_TO_TEXT: string[] = Array.from({ length: 64 }, (_, v) =>
  String.fromCharCode(v < 32 ? v + 64 : v),
);

/** Text character code → 6-bit value, or -1 when the character has no 6-bit encoding. */
export const TEXT_TO_SIX: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let v = 0; v < 64; v++) t[v < 32 ? v + 64 : v] = v;
  // Lower case letters are sent as upper case: the 6-bit alphabet has no lower case.
  for (let c = 97; c <= 122; c++) t[c] = c - 96;
  return t;
})();
