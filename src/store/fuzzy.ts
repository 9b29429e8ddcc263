/** Text matching for vessel search: normalisation, prefix tests and a bounded edit distance. */
import { osaDistance } from '../screen/similarity.js';

const cache = new Map<string, string>();

/** Upper-case, strip accents and punctuation, collapse spaces: "Nord-Stream  1" → "NORD STREAM 1". Memoised (names repeat on every search). */
export function normalizeName(s: string): string {
  // AIS names are mostly normal already (6-bit ASCII: capitals, digits, spaces): a scan is
  // cheaper than the memo's lookup in a table of every name.
  if (isNormal(s)) return s;
  let n = cache.get(s);
  if (n === undefined) {
    if (cache.size > 500_000) cache.clear();
    n = normalize(s);
    cache.set(s, n);
  }
  return n;
}

/** Whether `s` is its own normal form: A–Z, 0–9 and single spaces between words, nothing else. */
function isNormal(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  let prevSpace = true; // no leading space
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) prevSpace = false;
    else return false;
  }
  return !prevSpace; // no trailing space
}

function normalize(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** Whether a word of `name` (words separated by single spaces) starts with `query`. */
function wordStartsWith(name: string, query: string): boolean {
  if (query.includes(' ')) return false; // no word holds a space
  for (let i = 0; i >= 0; i = name.indexOf(' ', i) + 1 || -1) {
    if (name.startsWith(query, i)) return true;
  }
  return false;
}

const compactCache = new Map<string, string>();

/** The name without spaces, memoised. */
function compact(s: string): string {
  let c = compactCache.get(s);
  if (c === undefined) {
    if (compactCache.size > 500_000) compactCache.clear();
    c = s.replace(/ /g, '');
    compactCache.set(s, c);
  }
  return c;
}

/**
 * How well `query` matches `name` (both normalised), 0 (no match) to 1 (equal): exact, prefix,
 * word prefix, then fuzzy within an edit budget that grows with the query's length.
 */
export function nameScore(query: string, name: string): number {
  if (query === '' || name === '') return 0;
  if (name === query) return 1;
  if (name.startsWith(query)) return 0.9;
  const compactQ = compact(query);
  const compactN = compact(name);
  if (compactN === compactQ) return 0.95;
  if (compactN.startsWith(compactQ)) return 0.85;
  if (wordStartsWith(name, query)) return 0.8;
  const budget = compactQ.length <= 3 ? 0 : compactQ.length <= 6 ? 1 : 2;
  if (budget === 0) return 0;
  // Fuzzy against the whole name and against its leading part of the query's length (typo'd prefix).
  const whole = osaDistance(compactQ, compactN, budget);
  const head = compactN.length > compactQ.length ? osaDistance(compactQ, compactN, budget, compactQ.length) : whole;
  const d = Math.min(whole, head + (whole === head ? 0 : 0.5));
  if (d > budget) return 0;
  return 0.7 - (0.2 * d) / budget;
}
