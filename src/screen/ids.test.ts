import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countryCode, extractImos, isValidCompanyImo, isValidShipImo, normaliseCallSign, normaliseImo, normaliseMmsi } from './ids.js';

test('IMO ship check digits accept real listed ships and reject a changed digit', () => {
  for (const imo of ['9187629', '7640378', '8829593', '9562233']) assert.equal(isValidShipImo(imo), true, imo);
  assert.equal(isValidShipImo('9187628'), false);
  assert.equal(isValidShipImo('0000000'), false);
  assert.equal(isValidShipImo('918762'), false);
});

test('IMO company numbers use their own check digit', () => {
  // Ocean Maritime Management's company number from the UN list.
  assert.equal(isValidCompanyImo('1790183'), true);
  assert.equal(isValidCompanyImo('1790184'), false);
});

test('IMO numbers are pulled out of free text and normalised to seven digits', () => {
  assert.deepEqual(extractImos('Vessel Registration Identification IMO 9187629; MMSI 572469210'), ['9187629']);
  assert.deepEqual(extractImos('International Maritime Organization (IMO) Number: 1790183'), ['1790183']);
  assert.deepEqual(extractImos('IMO 543400 (typo)'), ['0543400']);
  assert.equal(normaliseImo('IMO 9187629'), '9187629');
  assert.equal(normaliseImo('12'), undefined);
  assert.equal(normaliseMmsi('572 469 210'), '572469210');
  assert.equal(normaliseMmsi('12345'), undefined);
  assert.equal(normaliseCallSign('t2-eu4'), 'T2EU4');
});

test('country names as the lists write them resolve to ISO codes, unknown ones stay unknown', () => {
  assert.equal(countryCode("Democratic People's Republic of Korea"), 'kp');
  assert.equal(countryCode('Korea, North'), 'kp');
  assert.equal(countryCode('KP'), 'kp');
  assert.equal(countryCode('Panama'), 'pa');
  assert.equal(countryCode('北朝鮮'), 'kp');
  assert.equal(countryCode('Atlantis'), undefined);
});
