/** Text matching for vessel search: normalisation, prefix tests and a bounded edit distance. */

const cache = new Map<string, string>();

/** Upper-case, strip accents and punctuation, collapse spaces: "Nord-Stream  1" → "NORD STREAM 1". Memoised (names repeat on every search). */
export function normalizeName(s: string): string {
  let n = cache.get(s);
  if (n === undefined) {
    if (cache.size > 500_000) cache.clear();
    n = normalize(s);
    cache.set(s, n);
  }
  return n;
}

function normalize(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** Damerau–Levenshtein (optimal string alignment) distance, or max+1 once it exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Int32Array(n + 1);
  let prev = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  let cur = new Int32Array(n + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
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
  if (name.split(' ').some((w) => w.startsWith(query))) return 0.8;
  const budget = compactQ.length <= 3 ? 0 : compactQ.length <= 6 ? 1 : 2;
  if (budget === 0) return 0;
  // Fuzzy against the whole name and against its leading part of the query's length (typo'd prefix).
  const whole = editDistance(compactQ, compactN, budget);
  const head = compactN.length > compactQ.length ? editDistance(compactQ, compactN.slice(0, compactQ.length), budget) : whole;
  const d = Math.min(whole, head + (whole === head ? 0 : 0.5));
  if (d > budget) return 0;
  return 0.7 - (0.2 * d) / budget;
}
