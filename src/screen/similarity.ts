/**
 * String distances for name matching: optimal-string-alignment (Damerau) distance with cheap
 * substitutions for letters that romanisations confuse (o/u, e/i, c/k, y/i…), and digits that
 * never match letters, plus a similarity in 0..1 derived from it.
 */

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

// Substitution costs for ASCII letter pairs (0.5 for confusable ones, else 1): a flat table so
// the inner loop allocates nothing.
const SUB = new Float64Array(128 * 128).fill(1);
for (const pair of ['ou', 'ei', 'ck', 'yi', 'ji', 'ae', 'sz', 'vw', 'gk', 'bp', 'dt', 'lr']) {
  const x = pair.charCodeAt(0);
  const y = pair.charCodeAt(1);
  SUB[x * 128 + y] = 0.5;
  SUB[y * 128 + x] = 0.5;
}

const prev = new Float64Array(64);
const cur = new Float64Array(64);
const prev2 = new Float64Array(64);

/**
 * Weighted OSA distance: insert/delete/transpose 1, confusable substitution 0.5, others 1.
 * With a finite `max` only the band |i − j| ≤ max is computed (a path costing at most `max`
 * has at most `max` insertions and deletions, so it never leaves the band), and it stops early
 * (returning more than `max`) once every cell of a row exceeds `max`: row minima never
 * decrease, so the distance cannot come back under it.
 */
export function nameDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  if (m >= 63 || n >= 63) return plainLevenshtein(a, b, max);
  const band = max < m + n ? Math.floor(max) : m + n;
  let p2 = prev2;
  let p = prev;
  let c = cur;
  for (let j = 0; j <= m; j++) p[j] = j <= band ? j : Infinity;
  for (let i = 1; i <= n; i++) {
    const lo = i - band > 1 ? i - band : 1;
    const hi = i + band < m ? i + band : m;
    if (lo > m) return max + 1;
    c[0] = i;
    if (lo > 1) c[lo - 1] = Infinity;
    let rowMin = lo > 1 ? Infinity : i;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let sub = 0;
      if (ai !== bj) sub = ai < 128 && bj < 128 ? SUB[ai * 128 + bj] : 1;
      let v = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + sub);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, p2[j - 2] + 1);
      c[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // The next row reads one cell right of this band: outside it, so unreachable within budget.
    if (hi < m) c[hi + 1] = Infinity;
    if (rowMin > max) return rowMin;
    const t = p2;
    p2 = p;
    p = c;
    c = t;
  }
  return p[m];
}

let longRow = new Int32Array(256);
let longNext = new Int32Array(256);

/** Plain Levenshtein distance (for long strings), in reused rows, banded and stopping once past `max` (as `nameDistance`). */
export function plainLevenshtein(a: string, b: string, max = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (longRow.length <= m + 1) {
    longRow = new Int32Array(2 * (m + 2));
    longNext = new Int32Array(2 * (m + 2));
  }
  const band = max < m + n ? Math.floor(max) : m + n;
  // Outside the band: more than any distance within budget (an Int32 sentinel, never summed past overflow).
  const FAR = m + n + 1;
  let row = longRow;
  let next = longNext;
  for (let j = 0; j <= m; j++) row[j] = j <= band ? j : FAR;
  for (let i = 1; i <= n; i++) {
    const lo = i - band > 1 ? i - band : 1;
    const hi = i + band < m ? i + band : m;
    if (lo > m) return max + 1;
    next[0] = i;
    if (lo > 1) next[lo - 1] = FAR;
    let rowMin = lo > 1 ? FAR : i;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1));
      next[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) next[hi + 1] = FAR;
    if (rowMin > max) return rowMin;
    const t = row;
    row = next;
    next = t;
  }
  return row[m];
}

const histA = new Int32Array(128);

/**
 * The letters one of `a` and b's first `n` characters has and the other lacks, counted with
 * repeats, on the side that lacks more: a lower bound of the unit-cost edit distance (an insertion,
 * deletion or substitution mends at most one, a transposition none). Characters are counted in
 * 128 buckets (code & 127): merging buckets can only lower the bound.
 */
export function letterSurplus(a: string, b: string, n = b.length): number {
  for (let i = 0; i < a.length; i++) histA[a.charCodeAt(i) & 127]++;
  for (let j = 0; j < n; j++) histA[b.charCodeAt(j) & 127]--;
  let surplusA = 0;
  let surplusB = 0;
  for (let i = 0; i < a.length; i++) {
    const k = a.charCodeAt(i) & 127;
    const v = histA[k];
    if (v > 0) surplusA += v;
    else if (v < 0) surplusB -= v;
    histA[k] = 0;
  }
  for (let j = 0; j < n; j++) {
    const k = b.charCodeAt(j) & 127;
    const v = histA[k];
    if (v < 0) surplusB -= v;
    histA[k] = 0;
  }
  return surplusA > surplusB ? surplusA : surplusB;
}

/**
 * A lower bound of `nameDistance(a, b)` from letter counts ({@link letterSurplus}): every edit
 * costs at least 0.5 (1 for the plain distance of long strings).
 */
function countBound(a: string, b: string): number {
  const surplus = letterSurplus(a, b);
  return a.length >= 63 || b.length >= 63 ? surplus : surplus / 2;
}

/** Rows of osaDistance (one cell past the band's end included), reused. */
let osaA = new Int32Array(64);
let osaB = new Int32Array(64);
let osaC = new Int32Array(64);

/**
 * Unit-cost optimal string alignment (Damerau) distance between `a` and the first `n` characters
 * of `b`, or max + 1 once it exceeds `max`: the vessel search's typo budget (nameDistance weighs
 * romanisation confusables for sanctions names; here every edit costs 1, at any length). Rejected
 * first by {@link letterSurplus}; then only the band |i − j| ≤ max is filled and a row past `max`
 * ends it, as in nameDistance.
 */
export function osaDistance(a: string, b: string, max: number, n = b.length): number {
  const m = a.length;
  const big = max + 1;
  if (Math.abs(m - n) > max || letterSurplus(a, b, n) > max) return big;
  if (osaA.length < n + 2) {
    osaA = new Int32Array(2 * (n + 2));
    osaB = new Int32Array(2 * (n + 2));
    osaC = new Int32Array(2 * (n + 2));
  }
  let p2 = osaA;
  let p = osaB;
  let c = osaC;
  for (let j = 0; j <= n + 1; j++) p[j] = j <= max ? j : big;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    c[0] = i <= max ? i : big;
    if (lo > 1) c[lo - 1] = big;
    let rowMin = c[0];
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = p[j - 1] + (ai === bj ? 0 : 1);
      const del = p[j] + 1;
      if (del < v) v = del;
      const ins = c[j - 1] + 1;
      if (ins < v) v = ins;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) {
        const tr = p2[j - 2] + 1;
        if (tr < v) v = tr;
      }
      if (v > big) v = big;
      c[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // The next row reads one cell past this row's band: more than max.
    c[hi + 1] = big;
    if (rowMin > max) return big;
    const t = p2;
    p2 = p;
    p = c;
    c = t;
  }
  return Math.min(p[n], big);
}

// Letter classes for a cheap lower bound of `nameDistance`: letters joined by a confusable
// (0.5) substitution share a class; every other letter, any case, has its own; digits and
// non-ASCII characters share the last classes (merging classes only lowers the bound).
const CLASS_BIT = new Int32Array(128).fill(30);
{
  let next = 0;
  for (const group of ['ou', 'eiyjaee', 'ckg', 'sz', 'vw', 'bp', 'dt', 'lr']) {
    for (const ch of group) CLASS_BIT[ch.charCodeAt(0)] = next;
    next++;
  }
  for (let c = 97; c <= 122; c++) if (!'oueiyjackgszvwbpdtlr'.includes(String.fromCharCode(c))) CLASS_BIT[c] = next++;
  for (let c = 65; c <= 90; c++) CLASS_BIT[c] = CLASS_BIT[c + 32];
}

/** The set of letter classes in `s`, as a bit mask (see `classBound`). */
export function letterClassMask(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    m |= 1 << (c < 128 ? CLASS_BIT[c] : 31);
  }
  return m;
}

const popcount = (x: number): number => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
};

/**
 * A lower bound of `nameDistance(a, b)` from the letter-class masks of `a` and `b`: a class in
 * one string and not the other needs an insertion, a deletion or a substitution across classes
 * (each costs 1, and removes at most one such class on each side); confusable substitutions and
 * transpositions keep the classes.
 */
export function classBound(ma: number, mb: number): number {
  const x = popcount(ma & ~mb);
  const y = popcount(mb & ~ma);
  return x > y ? x : y;
}

/** The edit budget of `tokenSimilarity` for tokens whose longer has `len` characters. */
export function tokenBudget(len: number): number {
  return len <= 2 ? 0 : len <= 4 ? 1 : len <= 7 ? 2 : Math.floor(len / 3);
}

/**
 * Similarity of two name tokens or strings in 0..1: 1 − distance/longer length, and 0 when
 * the distance exceeds the budget for that length (short words must match nearly exactly).
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const len = Math.max(a.length, b.length);
  // Digits are identity: 'NAM SAN 8' is not 'NAM SAN 6'.
  const budget = len <= 2 ? 0 : len <= 4 ? 1 : len <= 7 ? 2 : Math.floor(len / 3);
  if (budget === 0 || Math.abs(a.length - b.length) > budget) return 0;
  if (isDigit(a.charCodeAt(0)) || isDigit(b.charCodeAt(0)) || /\d/.test(a) || /\d/.test(b)) return 0;
  const d = nameDistance(a, b, budget);
  if (d > budget) return 0;
  return 1 - d / len;
}

/**
 * Similarity of two whole strings with a budget of one edit per four characters. With `floor`,
 * a similarity that cannot exceed it is not computed (returns 0): callers that keep the best of
 * several scores pass the best so far.
 */
export function stringSimilarity(a: string, b: string, floor = 0): number {
  if (a === b) return 1;
  const len = Math.max(a.length, b.length);
  if (len === 0) return 0;
  let budget = Math.max(1, len / 4);
  if (Math.abs(a.length - b.length) > budget) return 0;
  // Only distances below len·(1 − floor) can give a similarity above floor.
  if (floor > 0) {
    const useful = len * (1 - floor);
    if (useful <= 0) return 0;
    if (useful < budget) budget = useful;
  }
  if (len >= 12 && countBound(a, b) > budget) return 0;
  const d = nameDistance(a, b, budget);
  if (d > budget) return 0;
  return 1 - d / len;
}
