import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../test/support/paths.js';
import { renderFieldTables } from './docs.js';

const DOC = join(REPO_ROOT, 'docs', 'ais-fields.md');
const BEGIN = '<!-- generated from src/ais/messages/tables.ts and apps.ts: begin -->';
const END = '<!-- generated: end -->';

test('docs/ais-fields.md lists exactly the fields of the layout tables', () => {
  const doc = readFileSync(DOC, 'utf8');
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  assert.ok(a >= 0 && b > a, 'generated section markers present');
  const expected = `${BEGIN}\n\n${renderFieldTables()}\n${END}`;
  const actual = doc.slice(a, b + END.length);
  if (actual !== expected && process.env.UPDATE_AIS_DOCS === '1') {
    // Regenerate: UPDATE_AIS_DOCS=1 node --test dist/src/ais/messages/docs.test.js
    writeFileSync(DOC, doc.slice(0, a) + expected + doc.slice(b + END.length));
    return;
  }
  assert.equal(actual, expected, 'regenerate with UPDATE_AIS_DOCS=1 node --test dist/src/ais/messages/docs.test.js');
});
