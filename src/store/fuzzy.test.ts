import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nameScore, normalizeName } from './fuzzy.js';

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
