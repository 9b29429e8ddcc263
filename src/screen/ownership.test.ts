import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveOwnership, parsePercentage, type Jurisdiction, type Stake } from './ownership.js';

const ALL = new Set<Jurisdiction>(['US', 'EU', 'UK']);
const stake = (owner: string, asset: string, percentage: number | null): Stake => ({ owner, asset, percentage, ownershipId: `${owner}>${asset}` });
const status = (r: ReturnType<typeof effectiveOwnership>, id: string, j: Jurisdiction): string | undefined => r.get(id)?.find((f) => f.jurisdiction === j)?.status;

test('OFAC FAQ 401 example 1: 50% of A, and A 50% of B, blocks both under US and EU rules', () => {
  const r = effectiveOwnership([stake('X', 'A', 50), stake('A', 'B', 50)], new Map([['X', ALL]]));
  assert.equal(status(r, 'A', 'US'), 'blocked');
  assert.equal(status(r, 'B', 'US'), 'blocked');
  assert.equal(status(r, 'B', 'EU'), 'blocked');
  // The UK needs more than 50%.
  assert.equal(status(r, 'A', 'UK'), undefined);
});

test('OFAC FAQ 401 example 3: two blocked companies with 25% each aggregate to 50%', () => {
  const stakes = [stake('X', 'A', 50), stake('X', 'B', 50), stake('A', 'C', 25), stake('B', 'C', 25)];
  const r = effectiveOwnership(stakes, new Map([['X', ALL]]));
  assert.equal(status(r, 'C', 'US'), 'blocked');
  assert.equal(r.get('C')!.find((f) => f.jurisdiction === 'US')!.share, 50);
});

test('a 40% owner does not make the owned company, or what it owns, blocked', () => {
  const r = effectiveOwnership([stake('X', 'A', 40), stake('A', 'B', 100)], new Map([['X', ALL]]));
  assert.equal(r.get('A'), undefined);
  assert.equal(r.get('B'), undefined);
});

test('the UK rule does not aggregate across different designated persons', () => {
  const listed = new Map([['P', ALL], ['Q', ALL]]);
  const r = effectiveOwnership([stake('P', 'A', 30), stake('Q', 'A', 30)], listed);
  assert.equal(status(r, 'A', 'US'), 'blocked', 'US aggregates 60%');
  assert.equal(status(r, 'A', 'UK'), undefined, 'UK: neither holds more than 50%');
  const r2 = effectiveOwnership([stake('P', 'A', 51), stake('A', 'B', 51)], listed);
  assert.equal(status(r2, 'B', 'UK'), 'blocked', 'UK: control passes through a controlled company');
});

test('unknown percentages stay unknown: possibly blocked, never blocked', () => {
  const r = effectiveOwnership([stake('X', 'A', null)], new Map([['X', ALL]]));
  assert.equal(status(r, 'A', 'US'), 'possibly');
  assert.equal(status(r, 'A', 'UK'), 'possibly');
  assert.equal(r.get('A')!.find((f) => f.jurisdiction === 'US')!.unknown, true);
});

test('listing by one jurisdiction only affects that jurisdiction', () => {
  const r = effectiveOwnership([stake('X', 'A', 100)], new Map([['X', new Set<Jurisdiction>(['UK'])]]));
  assert.equal(status(r, 'A', 'UK'), 'blocked');
  assert.equal(status(r, 'A', 'US'), undefined);
});

test('percentages parse from the forms lists use', () => {
  assert.equal(parsePercentage('50'), 50);
  assert.equal(parsePercentage('50.5%'), 50.5);
  assert.equal(parsePercentage('0.25'), 25);
  assert.equal(parsePercentage('n/a'), null);
});
