import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { FIXTURES } from '../../test/support/paths.js';
import { compareWithExpected, runCase, scenarioCases } from '../../test/support/movement.js';
import { createZoneDetector } from './zones.js';

for (const type of ['zone_entry', 'zone_exit', 'transit']) {
  for (const dir of scenarioCases(join(FIXTURES, 'scenarios', type))) {
    test(`zones golden case ${type}/${basename(dir)} raises exactly the expected events`, () => {
      const { events, expected } = runCase(dir, createZoneDetector);
      assert.deepEqual(compareWithExpected(events, expected), []);
    });
  }
}
