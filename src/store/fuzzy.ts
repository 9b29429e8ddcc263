/** Text matching for vessel search: normalisation, prefix tests and a bounded edit distance. */

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

/** Rows of editDistance (one cell past the band's end included), reused: a search scores tens of thousands of names. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Damerau–Levenshtein (optimal string alignment) distance between `a` and the first `n`
 * characters of `b`, or max+1 once it exceeds max. Only the band |i − j| ≤ max of the table is
 * filled (a cell outside it is more than max already), and a row whose every cell exceeds max ends
 * the search (the rows' minimum never falls).
 */
export function editDistance(a: string, b: string, max: number, n = b.length): number {
  const m = a.length;
  if (Math.abs(m - n) > max) return max + 1;
  const big = max + 1;
  if (bagDistance(a, b, n) > max) return big;
  if (rowA.length < n + 2) {
    rowA = new Int32Array(2 * (n + 2));
    rowB = new Int32Array(2 * (n + 2));
    rowC = new Int32Array(2 * (n + 2));
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n + 1; j++) prev[j] = j <= max ? j : big;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    cur[0] = i <= max ? i : big;
    if (lo > 1) cur[lo - 1] = big;
    let rowMin = cur[0];
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ai === bj ? 0 : 1);
      const del = prev[j] + 1;
      if (del < v) v = del;
      const ins = cur[j - 1] + 1;
      if (ins < v) v = ins;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) {
        const tr = prev2[j - 2] + 1;
        if (tr < v) v = tr;
      }
      if (v > big) v = big;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // The next row reads one cell past this row's band: more than max.
    cur[hi + 1] = big;
    if (rowMin > max) return big;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[n], big);
}

/** Per character code (< 128), a count: bagDistance's scratch, left all zero. */
const bag = new Int32Array(128);

/**
 * A lower bound of the edit distance between `a` and b's first `n` characters, in O(m + n): the
 * characters one has that the other lacks, counted with repeats, on the side that lacks more (an
 * insertion, deletion or substitution mends at most one; a transposition none). 0 when a
 * character is beyond ASCII (no bound).
 */
function bagDistance(a: string, b: string, n: number): number {
  const m = a.length;
  let ascii = true;
  for (let i = 0; i < m; i++) {
    const c = a.charCodeAt(i);
    if (c >= 128) ascii = false;
    else bag[c]++;
  }
  for (let j = 0; j < n; j++) {
    const c = b.charCodeAt(j);
    if (c >= 128) ascii = false;
    else bag[c]--;
  }
  let surplus = 0;
  let deficit = 0;
  for (let i = 0; i < m; i++) {
    const c = a.charCodeAt(i);
    if (c < 128) {
      const k = bag[c];
      if (k > 0) surplus += k;
      else deficit -= k;
      bag[c] = 0;
    }
  }
  for (let j = 0; j < n; j++) {
    const c = b.charCodeAt(j);
    if (c < 128) {
      const k = bag[c];
      if (k < 0) deficit -= k;
      bag[c] = 0;
    }
  }
  return ascii ? Math.max(surplus, deficit) : 0;
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
  const whole = editDistance(compactQ, compactN, budget);
  const head = compactN.length > compactQ.length ? editDistance(compactQ, compactN, budget, compactQ.length) : whole;
  const d = Math.min(whole, head + (whole === head ? 0 : 0.5));
  if (d > budget) return 0;
  return 0.7 - (0.2 * d) / budget;
}
