import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checksumHex, nmeaChecksum } from './checksum.js';

test('the checksum of a real sentence matches the one it carries', () => {
  const line = '!AIVDM,1,1,,A,13HOI:0P0000VOHLCnHQKwvL05Ip,0*23';
  assert.equal(nmeaChecksum(line, 1, line.indexOf('*')), 0x23);
  assert.equal(checksumHex(nmeaChecksum(line, 1, line.indexOf('*'))), '23');
});

test('a tag block checksum covers the text between the backslash and the star', () => {
  const line = '\\s:2573135,c:1671620143*0B\\!AIVDM,1,1,,A,13n@bV0000OO9ECR;DhSC1nT2<2U,0*07';
  assert.equal(checksumHex(nmeaChecksum(line, 1, line.indexOf('*'))), '0B');
});

test('ranges are clamped and small sums are zero-padded', () => {
  assert.equal(nmeaChecksum('', 0, 10), 0);
  assert.equal(nmeaChecksum('AB', -5, 99), 0x41 ^ 0x42);
  assert.equal(checksumHex(3), '03');
});
