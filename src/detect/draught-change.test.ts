import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { FIXTURES } from '../../test/support/paths.js';
import { compareWithExpected, runCase, scenarioCases } from '../../test/support/movement.js';
import { createDraughtChangeDetector } from './draught-change.js';

for (const dir of scenarioCases(join(FIXTURES, 'scenarios', 'draught_change'))) {
  test(`draught_change golden case ${basename(dir)} raises exactly the expected events`, () => {
    const { events, expected } = runCase(dir, createDraughtChangeDetector);
    assert.deepEqual(compareWithExpected(events, expected), []);
  });
}
