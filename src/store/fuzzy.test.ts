import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance, nameScore, normalizeName } from './fuzzy.js';

/** Optimal string alignment distance, the whole table, no cut-off: the reference. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

test('the banded edit distance equals the full table up to its budget, then says budget + 1, for strings and prefixes of every length', () => {
  let seed = 9;
  const rand = (n: number): number => (seed = (seed * 48271) % 2147483647) % n;
  const word = (): string => Array.from({ length: rand(90) }, () => 'ABCD'[rand(4)]).join('');
  for (let k = 0; k < 3000; k++) {
    const a = word();
    // Often a near copy of a: a few edits, transpositions among them.
    let b = k % 2 === 0 ? word() : a;
    if (k % 2 === 1) for (let e = rand(4); e > 0; e--) {
      const i = rand(b.length + 1);
      const op = rand(4);
      b = op === 0 ? b.slice(0, i) + 'ABCD'[rand(4)] + b.slice(i) : op === 1 ? b.slice(0, i) + b.slice(i + 1) : op === 2 && i + 1 < b.length ? b.slice(0, i) + b[i + 1] + b[i] + b.slice(i + 2) : b;
    }
    const max = rand(4);
    const want = osa(a, b);
    assert.equal(editDistance(a, b, max), want > max ? max + 1 : want, `${a} / ${b} (max ${max})`);
    // Against the first k characters of b only (a typo'd prefix), without slicing b.
    const cut = rand(b.length + 1);
    const head = osa(a, b.slice(0, cut));
    assert.equal(editDistance(a, b, max, cut), head > max ? max + 1 : head, `${a} / ${b.slice(0, cut)} (max ${max})`);
  }
});

test('the distance of strings beyond ASCII is still exact (the character-count bound stands aside)', () => {
  assert.equal(editDistance('ÅBC', 'ABC', 1), 1);
  assert.equal(editDistance('ØRESUND', 'ORESUND', 2), 1);
  assert.equal(editDistance('AB', 'BA', 1), 1);
  assert.equal(editDistance('AAB', 'ABB', 0), 1);
});

test('names normalise to capitals, digits and single spaces; normal names are their own form', () => {
  assert.equal(normalizeName('Nord-Stream  1'), 'NORD STREAM 1');
  assert.equal(normalizeName(' Saint-Étienne '), 'SAINT ETIENNE');
  assert.equal(normalizeName('OCEAN STAR 7'), 'OCEAN STAR 7');
  assert.equal(normalizeName('OCEAN  STAR'), 'OCEAN STAR');
  assert.equal(normalizeName('OCEAN STAR '), 'OCEAN STAR');
  assert.equal(normalizeName('@@@'), '');
  assert.equal(normalizeName(''), '');
});

test('a query matches a word of the name by prefix only when it is one word', () => {
  assert.equal(nameScore('STAR', 'OCEAN STAR'), 0.8);
  // "STAR 7" starts the name's second word and runs on into the third: not a word prefix.
  assert.ok(nameScore('STAR 7', 'OCEAN STAR 7') < 0.8);
  assert.equal(nameScore('OCEAN', 'OCEAN STAR'), 0.9);
  assert.equal(nameScore('OCEANSTAR', 'OCEAN STAR'), 0.95);
});
