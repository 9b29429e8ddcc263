/**
 * Identifier checks: MMSI structure and MID (the table lives in src/track/mid.ts, where the tracker
 * derives each vessel's flag), placeholder MMSIs, and the IMO ship number's check digit.
 */
import { classifyMmsi, flagOfMmsi, midCountry, type MmsiKind } from '../track/mid.js';

export { classifyMmsi, flagOfMmsi, midCountry, type MmsiKind };

/**
 * MMSIs that installers and default configurations use instead of a real licence (behaviours.md
 * §1.3 and §6.1; GFW excludes 0, 111111111 and 888888888 from carrier lists).
 */
export const PLACEHOLDER_MMSIS: readonly number[] = [
  0, 1, 12345, 123456, 1234567, 12345678, 123456789, 987654321, 100000000, 111111111, 222222222, 333333333, 444444444,
  555555555, 666666666, 777777777, 888888888, 999999999,
];

/**
 * Why an MMSI looks like a placeholder, or undefined: a listed value, one digit repeated
 * `minRepeatedDigits` times in a row (666666601), or a ship MMSI that is its MID followed by
 * 00000x (412000000, 567000000, 666000001: the country prefix and nothing else). Trailing zeros
 * alone are legitimate (ITU gives MIDxxx000 and MIDxx0000 to Inmarsat-equipped ships).
 */
export function placeholderRule(mmsi: number, list: readonly number[] = PLACEHOLDER_MMSIS, minRepeatedDigits = 7): string | undefined {
  if (list.includes(mmsi)) return 'listed';
  const s = String(mmsi).padStart(9, '0');
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    run = s[i] === s[i - 1] ? run + 1 : 1;
    if (run >= minRepeatedDigits) return 'repeated_digits';
  }
  if (classifyMmsi(mmsi).kind === 'ship' && /^0{5}\d$/.test(s.slice(3))) return 'mid_only';
  return undefined;
}

/** True when a 7-digit IMO ship number's last digit matches its check digit (weights 7…2, mod 10). */
export function isValidImo(imo: number): boolean {
  if (!Number.isInteger(imo) || imo < 1_000_000 || imo > 9_999_999) return false;
  const d = String(imo);
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(d[i]) * (7 - i);
  return sum % 10 === Number(d[6]);
}

/** IMO numbers used as fillers (behaviours.md §6.2: "IMO 0 or 1234567 placeholders"). */
export const PLACEHOLDER_IMOS: readonly number[] = [1234567, 7654321, 1111111, 9999999, 9000000, 1000000];
