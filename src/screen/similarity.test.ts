import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classBound, letterClassMask, letterSurplus, nameDistance, osaDistance, tokenSimilarity } from './similarity.js';
import { nameTokens, orgTokens } from './normalise.js';

// Tokens of real listed names and their romanisation variants (confusable letters on purpose).
const NAMES = [
  'Kim Jong Un', 'Gim Jeong Eun', 'Ri Pyong Chol', 'Rhee Byeong Cheol', 'Pak Jong Chon', 'Park Jeong Cheon',
  'Mohammad Javad Zarif', 'Muhammed Jawad Sarif', 'Aleksandr Vladimirovich Bortnikov', 'Alexander Vladimirovitch Bortnikow',
  'Federal State Budgetary Educational Institution', 'Federalnoe Gosudarstvennoe Byudzhetnoe Uchrezhdenie',
  'Joint Stock Company Scientific Production Enterprise Kontakt', 'Joitn Stock Compnay Sicentific Porduction Enterprsie Kontakt',
  'Islamic Revolutionary Guard Corps', 'Abdul Rahman Abdulrahman', 'Yevgeny Prigozhin', 'Evgeniy Prigojine',
];

test('the letter-class bound never exceeds the weighted edit distance', () => {
  const tokens = [...new Set(NAMES.flatMap((n) => [...nameTokens(n), ...orgTokens(n, true)]))];
  let cut = 0;
  for (const a of tokens) for (const b of tokens) {
    const bound = classBound(letterClassMask(a), letterClassMask(b));
    assert.ok(bound <= nameDistance(a, b), `${a} / ${b}: bound ${bound} > distance ${nameDistance(a, b)}`);
    if (bound > 2) cut++;
  }
  assert.ok(cut > tokens.length, 'the bound rules out most unrelated pairs');
  // Confusable letters stay in one class: the bound leaves romanisation variants to the edit distance.
  assert.equal(classBound(letterClassMask('jong'), letterClassMask('jeong')), 0);
  assert.ok(tokenSimilarity('jong', 'jeong') > 0);
});

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
    assert.equal(osaDistance(a, b, max), want > max ? max + 1 : want, `${a} / ${b} (max ${max})`);
    // Against the first k characters of b only (a typo'd prefix), without slicing b.
    const cut = rand(b.length + 1);
    const head = osa(a, b.slice(0, cut));
    assert.equal(osaDistance(a, b, max, cut), head > max ? max + 1 : head, `${a} / ${b.slice(0, cut)} (max ${max})`);
  }
});

test('the distance of strings beyond ASCII is still exact (the letter-count bound merges their buckets)', () => {
  assert.equal(osaDistance('ÅBC', 'ABC', 1), 1);
  assert.equal(osaDistance('ØRESUND', 'ORESUND', 2), 1);
  assert.equal(osaDistance('AB', 'BA', 1), 1);
  assert.equal(osaDistance('AAB', 'ABB', 0), 1);
});

test('the letter surplus is a lower bound of the unit-cost distance, of a prefix too', () => {
  assert.equal(letterSurplus('VESEL12345', 'VESSEL40812'), 3); // S, 0, 8 lacking in the first
  assert.equal(letterSurplus('AB', 'BA'), 0);
  assert.equal(letterSurplus('A', 'AA'), 1);
  assert.equal(letterSurplus('ABC', 'ABCXYZ', 3), 0);
  for (const [a, b] of [['KIMJONGUN', 'GIMJEONGEUN'], ['OCEANSTAR', 'OCAENSTRA'], ['ØRESUND', 'ORESUND']]) {
    assert.ok(letterSurplus(a, b) <= osaDistance(a, b, 99), `${a} / ${b}`);
  }
});
