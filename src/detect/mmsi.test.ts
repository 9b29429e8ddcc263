import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyMmsi, flagOfMmsi, isValidImo, placeholderRule } from './mmsi.js';

test('the MID gives the flag an MMSI implies', () => {
  assert.equal(flagOfMmsi(445123456), 'KP');
  assert.equal(flagOfMmsi(273444660), 'RU');
  assert.equal(flagOfMmsi(477293900), 'HK');
  assert.equal(flagOfMmsi(412331088), 'CN');
  assert.equal(flagOfMmsi(200000010), undefined);
  assert.equal(flagOfMmsi(2573000), 'NO', 'coast station 00257…');
});

test('MMSI patterns other than ships are told apart', () => {
  assert.equal(classifyMmsi(412331088).kind, 'ship');
  assert.equal(classifyMmsi(2573000).kind, 'coast_station');
  assert.equal(classifyMmsi(970123456).kind, 'sart');
  assert.equal(classifyMmsi(992351234).kind, 'aid_to_navigation');
  assert.equal(classifyMmsi(111257123).kind, 'sar_aircraft');
  assert.equal(classifyMmsi(36926403).kind, 'group');
  assert.equal(classifyMmsi(-1).kind, 'invalid');
});

test('placeholder MMSIs are recognised, legitimate round numbers are not', () => {
  assert.equal(placeholderRule(0), 'listed');
  assert.equal(placeholderRule(123456789), 'listed');
  assert.equal(placeholderRule(666666601), 'repeated_digits');
  assert.equal(placeholderRule(567000000), 'mid_only');
  assert.equal(placeholderRule(666000001), 'mid_only');
  assert.equal(placeholderRule(212004000), undefined, 'Inmarsat-style trailing zeros');
  assert.equal(placeholderRule(413222000), undefined);
});

test('the IMO check digit is verified (weights 7 to 2, last digit of the sum)', () => {
  assert.equal(isValidImo(9074729), true);
  assert.equal(isValidImo(9814002), true, 'CONTAINERSHIPS POLAR');
  assert.equal(isValidImo(9074728), false);
  assert.equal(isValidImo(123456), false);
  assert.equal(isValidImo(10_000_000), false);
});
