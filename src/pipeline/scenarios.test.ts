// Golden scenarios of the identity, shared-MMSI and spoofing detectors: every case in
// fixtures/scenarios/{identity_change,identity_anomaly,shared_mmsi,spoofing}/<case>/ is run
// through the whole pipeline (tracker included) over the synthetic test world, and the events of
// those four types must equal expected.jsonl byte for byte. scenario.json states the counts the
// case was designed for, checked independently of the golden file. UPDATE=1 rewrites expected.jsonl.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AisMessage, ReceivedMessage } from '../ais/types.js';
import type { LookoutEvent } from '../detect/event.js';
import { FIXTURES } from '../../test/support/paths.js';
import { compareEvents } from './output.js';
import { Pipeline } from './pipeline.js';
import { testWorld } from './test-world.js';

const TYPES = ['identity_change', 'identity_anomaly', 'shared_mmsi', 'spoofing'];
const UPDATE = process.env['UPDATE'] === '1';
const world = testWorld();

interface Scenario {
  counts?: Record<string, number>;
  counts_at_least?: Record<string, number>;
  kinds?: Record<string, number>;
}

/** An input.jsonl line: reception time and station, then the message fields. */
function toReceived(line: string): ReceivedMessage {
  const { time, station, ...fields } = JSON.parse(line) as Record<string, unknown>;
  const message = { repeat: 0, ...fields } as AisMessage;
  const meta: ReceivedMessage['meta'] = { time: Date.parse(String(time)) };
  if (typeof station === 'string') meta.station = station;
  return { message, meta };
}

/** Run a case's messages through a fresh pipeline; events of our four types, sorted. */
export function runScenario(lines: string[]): LookoutEvent[] {
  const events: LookoutEvent[] = [];
  const p = new Pipeline({ refdata: world, onEvent: (e) => events.push(e) });
  for (const l of lines) if (l.trim() !== '') p.push(toReceived(l));
  p.finish();
  return events.filter((e) => TYPES.includes(e.type)).sort(compareEvents);
}

for (const type of TYPES) {
  const dir = join(FIXTURES, 'scenarios', type);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).sort()) {
    const caseDir = join(dir, name);
    if (!existsSync(join(caseDir, 'input.jsonl'))) continue;
    test(`scenario ${type}/${name} gives the expected events`, () => {
      const lines = readFileSync(join(caseDir, 'input.jsonl'), 'utf8').split('\n');
      const events = runScenario(lines);
      const text = events.map((e) => JSON.stringify(e)).join('\n') + (events.length > 0 ? '\n' : '');
      const spec = JSON.parse(readFileSync(join(caseDir, 'scenario.json'), 'utf8')) as Scenario;
      const count = (t: string): number => events.filter((e) => e.type === t).length;
      for (const [t, n] of Object.entries(spec.counts ?? {})) assert.equal(count(t), n, `${t} events`);
      for (const [t, n] of Object.entries(spec.counts_at_least ?? {})) assert.ok(count(t) >= n, `at least ${n} ${t} events, got ${count(t)}`);
      for (const [k, n] of Object.entries(spec.kinds ?? {})) {
        assert.equal(events.filter((e) => e.details['kind'] === k).length, n, `events of kind ${k}`);
      }
      const expectedFile = join(caseDir, 'expected.jsonl');
      if (UPDATE || !existsSync(expectedFile)) writeFileSync(expectedFile, text);
      else assert.equal(text, readFileSync(expectedFile, 'utf8'));
    });
  }
}
