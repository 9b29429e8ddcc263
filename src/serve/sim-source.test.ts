import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LineSink, Source } from '../ingest/sources/source.js';
import { SimSource, simDueTime } from './sim-source.js';

const H = 3_600_000;

test('the demo clock replays the past faster, catches up with the wall clock, then keeps its pace', () => {
  const w0 = Date.UTC(2026, 10, 29, 12);
  const s0 = w0 - 48 * H;
  assert.equal(simDueTime(s0, s0, w0, 60), w0, 'the start is due at once');
  assert.equal(simDueTime(s0 + 6 * H, s0, w0, 60), w0 + 6 * 60_000, '6 simulated hours in 6 minutes');
  // Catch-up: w0 + (s − s0)/60 = s at s = w0 + 48 h / 59.
  const caught = w0 + (48 * H) / 59;
  assert.ok(Math.abs(simDueTime(caught, s0, w0, 60) - caught) < 1);
  for (const s of [w0, caught + 1, w0 + H, w0 + 30 * H]) assert.ok(simDueTime(s, s0, w0, 60) >= s, 'never due before its own time');
  assert.equal(simDueTime(w0 + H, s0, w0, 60), w0 + H, 'after catching up, real time');
});

test('a running simulated source never sends a message timed in the future', async () => {
  const src = new SimSource('sim', { preset: 'busy-strait', speed: 3600, hours: 1, seed: 3 });
  const late: number[] = [];
  let lines = 0;
  const sink: LineSink = {
    full: false,
    room: () => Promise.resolve(),
    line(_s: Source, line: string): boolean {
      lines++;
      const c = /[\\,]c:(\d+)/.exec(line);
      if (c !== null && Number(c[1]) * 1000 > Date.now() + 1000) late.push(Number(c[1]));
      return true;
    },
  };
  src.start(sink);
  await new Promise((r) => setTimeout(r, 1500));
  await src.stop();
  assert.ok(lines > 1000, `lines sent: ${lines}`);
  assert.deepEqual(late.slice(0, 5), [], 'tag-block times after the wall clock');
});
