import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { FIXTURES } from '../../test/support/paths.js';
import { compareWithExpected, runCase, scenarioCases } from '../../test/support/movement.js';
import { createPortVisitDetector } from './port-visit.js';

for (const dir of scenarioCases(join(FIXTURES, 'scenarios', 'port_visit'))) {
  test(`port_visit golden case ${basename(dir)} raises exactly the expected events`, () => {
    const { events, expected } = runCase(dir, createPortVisitDetector);
    assert.deepEqual(compareWithExpected(events, expected), []);
  });
}
