import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { FIXTURES, NEEDS_SHARED, SHARED_DATA } from '../../test/support/paths.js';
import { Feeder, bundledRefData, compareWithExpected, literalRefData, readGfwRegr, readJsonl, runCase, scenarioCases, type FixRecord } from '../../test/support/movement.js';
import type { LookoutEvent } from './event.js';
import { createGapDetector, GAP_DEFAULTS, type GapParams } from './gap.js';

const SCENARIOS = join(FIXTURES, 'scenarios', 'gap');

for (const dir of scenarioCases(SCENARIOS)) {
  test(`gap golden case ${basename(dir)} raises exactly the expected events`, () => {
    const { events, expected } = runCase(dir, createGapDetector);
    assert.deepEqual(compareWithExpected(events, expected), []);
  });
}

function run(records: FixRecord[], params: Partial<GapParams> = {}): LookoutEvent[] {
  return new Feeder(literalRefData()).add((ctx) => createGapDetector(ctx, params)).feed(records).finish();
}
const input = (name: string): FixRecord[] => readJsonl<FixRecord>(join(SCENARIOS, name, 'input.jsonl'));

test('a silence where neighbours are heard scores higher than the same silence in a coverage hole', () => {
  const [dark] = run(input('dark_at_sea'));
  const [hole] = run(input('coverage_hole'));
  assert.ok(dark && hole);
  assert.ok(dark.confidence > hole.confidence + 0.3, `${dark.confidence} vs ${hole.confidence}`);
  assert.equal((dark.details.reception as { hours_heard: number }).hours_heard, 14);
  assert.equal((hole.details.reception as { hours_heard: number }).hours_heard, 0);
});

test('the implied speed across the antimeridian is the real speed, not a 20,000 km jump', () => {
  const [gap] = run(input('dateline'));
  assert.ok(gap);
  const knots = gap.details.implied_speed_knots as number;
  const km = gap.details.distance_km as number;
  assert.ok(knots > 14 && knots < 16, `implied speed ${knots}`);
  assert.ok(km > 200 && km < 250, `distance ${km}`);
});

test('the gap threshold is configurable and reported in the evidence', () => {
  assert.equal(run(input('dark_at_sea'), { minGapHours: 15 }).length, 0);
  const [gap] = run(input('satellite_revisit'), { minGapHours: 4 });
  assert.ok(gap, 'a 4 h threshold turns satellite revisit holes into gaps');
  assert.equal((gap.details.params as { minGapHours: number }).minGapHours, 4);
  assert.ok((gap.details.prior_satellite_positions as number) > 0, 'satellite stations are counted');
  assert.equal(GAP_DEFAULTS.minGapHours, 6);
});

test('an implausible jump across a gap is flagged as two transmitters or spoofing, with lower confidence', () => {
  const t0 = Date.UTC(2024, 0, 1);
  const recs: FixRecord[] = [
    { time: t0, mmsi: 1, lat: 10, lon: 10, speed: 10 },
    { time: t0 + 60_000, mmsi: 1, lat: 10.001, lon: 10, speed: 10 },
    { time: t0 + 8 * 3_600_000, mmsi: 1, lat: 40, lon: 60, speed: 10 },
  ];
  const [gap] = run(recs);
  assert.ok(gap);
  assert.equal(gap.details.assessment, 'different_transmitters_or_spoofing');
  assert.ok((gap.details.flags as string[]).includes('implied_speed_implausible'));
  assert.ok(gap.confidence < 0.3);
});

test('Class B transponders get lower confidence than Class A for the same silence', () => {
  const a = run(input('dark_at_sea'))[0];
  const b = run(input('dark_at_sea').map((r) => (r.mmsi === 477000001 ? { ...r, class: 'B' as const } : r)))[0];
  assert.ok(a && b);
  assert.ok((b.details.flags as string[]).includes('class_b'));
  assert.ok(b.confidence < a.confidence);
});

test('open gaps are reported at end of input only when asked, flagged open', () => {
  const t0 = Date.UTC(2024, 0, 1);
  const recs: FixRecord[] = [
    { time: t0, mmsi: 1, lat: 10, lon: 10 },
    { time: t0 + 60_000, mmsi: 2, lat: 10, lon: 10.1 },
    { time: t0 + 10 * 3_600_000, mmsi: 2, lat: 10.01, lon: 10.1 },
  ];
  const closedOnly = run(recs).filter((e) => e.mmsi === 1);
  assert.equal(closedOnly.length, 0);
  const open = run(recs, { reportOpenGaps: true }).filter((e) => e.mmsi === 1);
  assert.equal(open.length, 1);
  assert.equal(open[0]?.details.open, true);
  assert.equal(open[0]?.end, new Date(t0 + 10 * 3_600_000).toISOString());
});

test('the same input gives byte-identical gap events', () => {
  const a = JSON.stringify(run(input('dark_at_sea')));
  const b = JSON.stringify(run(input('dark_at_sea')));
  assert.equal(a, b);
});

test('CSCL SUMMER (GFW regr_477293900, North Pacific crossing) has only a few real-speed gaps, none claimed deliberate without neighbours', { skip: NEEDS_SHARED }, async () => {
  const recs = readGfwRegr(join(SHARED_DATA, 'tracks', 'decoded', 'gfw_gpsdio_segment', 'regr_477293900.json'), { tracks: 'mmsi' });
  assert.ok(recs.some((r) => r.lon > 179) && recs.some((r) => r.lon < -179), 'the track crosses the antimeridian');
  const events = new Feeder(await bundledRefData()).add((ctx) => createGapDetector(ctx)).feed(recs).finish();
  assert.ok(events.length >= 1 && events.length <= 5, `${events.length} gaps`);
  for (const e of events) {
    assert.ok((e.details.hours as number) >= GAP_DEFAULTS.minGapHours);
    const knots = e.details.implied_speed_knots as number;
    assert.ok(knots > 5 && knots < 25, `implied ${knots} kn`);
    // A single-vessel file carries no reception evidence: the careful answer is "poor reception".
    assert.equal(e.details.assessment, 'poor_reception');
  }
});

test('a gap shorter than 12 h counts as likely disabling only when neighbours were heard in nearly every hour of it', () => {
  const t0 = Date.UTC(2024, 0, 1);
  const H = 3_600_000;
  const make = (neighbourHours: (h: number) => boolean): FixRecord[] => {
    const recs: FixRecord[] = [];
    for (let i = 0; i < 30; i++) recs.push({ time: t0 + i * 120_000, mmsi: 1, lat: 30, lon: 125 + i * 0.003, speed: 10 });
    for (let i = 0; i < 10; i++) recs.push({ time: t0 + 9 * H + i * 120_000, mmsi: 1, lat: 30.2, lon: 126.3 + i * 0.003, speed: 10 });
    for (let h = 0; h < 10; h++) if (neighbourHours(h)) recs.push({ time: t0 + h * H + 1_800_000, mmsi: 2, lat: 30.4, lon: 125.6 });
    return recs.sort((a, b) => (a.time as number) - (b.time as number));
  };
  const heardAlways = run(make(() => true)).filter((e) => e.mmsi === 1);
  const heardOften = run(make((h) => h % 4 !== 3)).filter((e) => e.mmsi === 1);
  assert.equal(heardAlways[0]?.details.assessment, 'likely_disabling');
  assert.equal(heardOften[0]?.details.assessment, 'unexplained');
  assert.ok((heardOften[0]?.details.reception as { fraction: number }).fraction >= 0.5);
});
