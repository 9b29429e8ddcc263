import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, defaultConfig, parseDetectorConfig } from './config.js';
import { DETECTORS } from './index.js';

test('a valid configuration comes back clean', () => {
  const c = parseDetectorConfig({ tracker: { maxSpeedKnots: 30 }, spoofing: { maxSpeedKnots: 40, circleCentreOnLand: false }, disable: ['encounter'] });
  assert.deepEqual(c, { tracker: { maxSpeedKnots: 30 }, spoofing: { maxSpeedKnots: 40, circleCentreOnLand: false }, disable: ['encounter'] });
});

test('unknown sections, unknown parameters and wrong types are errors that name them', () => {
  assert.throws(() => parseDetectorConfig({ spoofin: {} }), (e: unknown) => e instanceof ConfigError && /"spoofin" is not a detector/.test(e.message));
  assert.throws(() => parseDetectorConfig({ spoofing: { maxSpeed: 3 } }), /"spoofing.maxSpeed" is not a parameter/);
  assert.throws(() => parseDetectorConfig({ spoofing: { maxSpeedKnots: '40' } }), /must be a non-negative number/);
  assert.throws(() => parseDetectorConfig({ identity_change: { fields: 'name' } }), /must be an array/);
  assert.throws(() => parseDetectorConfig({ disable: ['nothing'] }), /"disable" must list detector keys/);
  assert.throws(() => parseDetectorConfig([]), /must be a JSON object/);
});

test('every registered detector has defaults and the default configuration validates', () => {
  const all = defaultConfig();
  assert.deepEqual(Object.keys(all), ['tracker', ...DETECTORS.map((d) => d.key)]);
  assert.doesNotThrow(() => parseDetectorConfig(all));
});
