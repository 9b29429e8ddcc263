import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classBound, letterClassMask, nameDistance, tokenSimilarity } from './similarity.js';
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
