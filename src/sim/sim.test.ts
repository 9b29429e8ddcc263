import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText } from '../ais/nmea/decoder.js';
import type { ReceivedMessage } from '../ais/types.js';
import { isValidImo, imoCheckDigit, FLAGS } from './fleet.js';
import { STATUS, stateAt } from './motion.js';
import { Rng } from './random.js';
import { buildScenario, PRESETS } from './scenario.js';
import { receivedLines, reportInterval, transmissions } from './stream.js';
import { geometricTruth } from './truth.js';
import { theatreRef } from './outputs.js';
import { inRing } from './sphere.js';

const HOUR = 3_600_000;

function firstLines(seed: number, n: number): string[] {
  const sc = buildScenario({ preset: 'baltic', seed, vessels: 8, hours: 2 });
  const out: string[] = [];
  for (const r of receivedLines(sc)) {
    out.push(...r.lines);
    if (out.length >= n) break;
  }
  return out;
}

test('the same seed gives the same lines, another seed different ones', () => {
  assert.deepEqual(firstLines(7, 400), firstLines(7, 400));
  assert.notDeepEqual(firstLines(7, 400), firstLines(8, 400));
});

test('the random generator is deterministic and uniform enough', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  let sum = 0;
  for (let i = 0; i < 10_000; i++) {
    const x = a.next();
    assert.equal(x, b.next());
    assert.ok(x >= 0 && x < 1);
    sum += x;
  }
  assert.ok(Math.abs(sum / 10_000 - 0.5) < 0.02);
});

test('reporting intervals follow ITU-R M.1371 by class, speed, turning and status', () => {
  const s = (speed: number, status: number = STATUS.underWay, turning = false) => ({ lat: 0, lon: 0, speed, course: 0, heading: 0, status, turning });
  assert.equal(reportInterval('A', s(0, STATUS.moored)), 180_000);
  assert.equal(reportInterval('A', s(0.1, STATUS.atAnchor)), 180_000);
  assert.equal(reportInterval('A', s(12)), 10_000);
  assert.equal(reportInterval('A', s(12, STATUS.underWay, true)), 3_333);
  assert.equal(reportInterval('A', s(18)), 6_000);
  assert.equal(reportInterval('A', s(18, STATUS.underWay, true)), 2_000);
  assert.equal(reportInterval('A', s(25)), 2_000);
  assert.equal(reportInterval('B', s(6)), 30_000);
  assert.equal(reportInterval('B', s(1)), 180_000);
});

test('transponders report at their nominal rate and send static data every six minutes', () => {
  const sc = buildScenario({ preset: 'east-asia', seed: 3, vessels: 6, hours: 1 });
  const pos = new Map<number, number[]>();
  const stat = new Map<number, number[]>();
  for (const tx of transmissions(sc)) {
    const m = (tx.message.type === 5 || tx.message.type === 24 ? stat : pos);
    const list = m.get(tx.message.mmsi) ?? [];
    list.push(tx.time);
    m.set(tx.message.mmsi, list);
  }
  for (const [mmsi, times] of pos) {
    const v = sc.vessels.find((x) => x.identities[0]?.mmsi === mmsi);
    assert.ok(v);
    const expected = reportInterval(v.aisClass, stateAt(v.legs, times[1]));
    const dt = (times[2]) - (times[1]);
    assert.ok(Math.abs(dt - expected) <= 1000, `${mmsi}: ${dt} ms vs ${expected}`);
  }
  for (const times of stat.values()) assert.ok(times.length >= 9 && times.length <= 24, `static messages per hour: ${times.length}`);
});

test('identifiers are valid: IMO check digits, MIDs of the declared flag', () => {
  assert.equal(imoCheckDigit(932976), 0, 'IMO 9329760 (EAGLE S)');
  assert.ok(isValidImo(9329760) && isValidImo(8660313) && !isValidImo(9329761));
  const sc = buildScenario({ preset: 'east-asia', seed: 5, vessels: 40, hours: 24 });
  for (const v of sc.vessels) {
    for (const id of v.identities) {
      if (id.imo !== undefined) assert.ok(isValidImo(id.imo), `IMO ${id.imo}`);
      assert.ok(FLAGS[id.flag]?.mids.includes(Math.floor(id.mmsi / 1e6)), `${id.mmsi} for ${id.flag}`);
    }
  }
});

test('every injected behaviour type has ground truth in both behaviour presets', () => {
  for (const preset of ['east-asia', 'baltic']) {
    const sc = buildScenario({ preset, seed: 1, vessels: 10, hours: 36 });
    const types = new Set(sc.behaviourTruth.map((e) => e.type));
    for (const t of ['gap', 'encounter', 'loitering', 'identity_change', 'identity_anomaly', 'shared_mmsi', 'spoofing', 'draught_change']) {
      assert.ok(types.has(t as never), `${preset}: no ${t}`);
    }
  }
  assert.equal(buildScenario({ preset: 'busy-strait', vessels: 10, hours: 24 }).behaviourTruth.length, 0);
});

test('a gap in the truth is a real silence of that transponder, and an identity change a new MMSI with the same IMO', () => {
  const sc = buildScenario({ preset: 'east-asia', seed: 2, vessels: 5, hours: 30 });
  const gap = sc.behaviourTruth.find((e) => e.type === 'gap' && e.details.behaviour === 'going dark in good coverage');
  const change = sc.behaviourTruth.find((e) => e.type === 'identity_change');
  assert.ok(gap && change);
  const [g0, g1] = [Date.parse(gap.start), Date.parse(gap.end)];
  assert.ok(g1 - g0 >= 9 * HOUR);
  let inGap = 0;
  let before = 0;
  let after: number | undefined;
  for (const tx of transmissions(sc)) {
    if (tx.message.mmsi === gap.mmsi && tx.time > g0 && tx.time < g1) inGap++;
    if (tx.message.mmsi === gap.mmsi && tx.time <= g0) before++;
    if (tx.message.type === 5 && tx.message.mmsi === change.mmsi && after === undefined) after = tx.message.imo;
  }
  assert.equal(inGap, 0);
  assert.ok(before > 100);
  const old = (change.details.before as { mmsi: number }).mmsi;
  assert.notEqual(old, change.mmsi);
  assert.equal(after, change.imo);
});

test('the NMEA decodes with the project decoder, carries tag-block times and matches what was sent', () => {
  const sc = buildScenario({ preset: 'baltic', seed: 4, vessels: 6, hours: 1 });
  let checked = 0;
  for (const r of receivedLines(sc, { corruptShare: 0 })) {
    const got: ReceivedMessage[] = decodeText(r.lines.join('\n') + '\n').messages;
    assert.equal(got.length, 1, r.lines.join('\n'));
    const m = got[0];
    const sent = r.transmission.message;
    assert.equal(m.message.mmsi, sent.mmsi);
    assert.equal(m.meta.station, r.station);
    assert.equal(m.meta.time, Math.floor(r.time / 1000) * 1000);
    if (typeof sent.lat === 'number') {
      assert.ok(Math.abs((m.message.lat as number) - sent.lat) < 1e-5);
      assert.ok(Math.abs((m.message.lon as number) - (sent.lon as number)) < 1e-5);
    }
    if (++checked >= 300) break;
  }
  assert.equal(checked, 300);
});

test('geometric truth: a vessel that stops in a port area has a port_visit, passing by does not', () => {
  const sc = buildScenario({ preset: 'baltic', seed: 9, vessels: 12, hours: 40 });
  const { ports, zones } = theatreRef(sc.preset.theatre);
  const ref = {
    portsAt: (lat: number, lon: number) => ports.filter((p) => Math.hypot((lat - p.lat) * 111_000, (lon - p.lon) * 111_000 * Math.cos((lat * Math.PI) / 180)) <= p.radius_m),
    zonesAt: (lat: number, lon: number) => zones.filter((z) => inRing(lat, lon, (z.geometry.coordinates as [number, number][][])[0])),
  };
  const truth = geometricTruth(sc, ref);
  const visits = truth.filter((e) => e.type === 'port_visit');
  // Every berth stay of the plans inside the scenario is one visit.
  let stays = 0;
  for (const v of sc.vessels) {
    const seen = new Set<string>();
    for (const leg of v.legs) if (leg.kind === 'stay' && leg.status === STATUS.moored && leg.t1 <= sc.end && leg.port) seen.add(`${leg.port}@${Math.round(leg.t0 / HOUR)}`);
    stays += seen.size;
  }
  assert.ok(stays > 5);
  assert.equal(visits.length, stays);
  for (const e of visits) assert.ok(Date.parse(e.end) <= sc.end && Date.parse(e.start) >= sc.start);
  assert.ok(truth.some((e) => e.type === 'zone_entry'));
});

test('the presets are the three the product names', () => {
  assert.deepEqual(Object.keys(PRESETS).sort(), ['baltic', 'busy-strait', 'east-asia']);
});
