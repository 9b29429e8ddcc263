// The simulator's NMEA is valid for an independent decoder: gpsd's gpsdecode reads a sample and
// every field it returns agrees with the message the simulator sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildScenario } from '../../src/sim/scenario.js';
import { receivedLines } from '../../src/sim/stream.js';
import type { AisMessage } from '../../src/ais/types.js';

const GPSDECODE = '/usr/bin/gpsdecode';
const skip = existsSync(GPSDECODE) ? false : 'gpsdecode (Debian package gpsd-clients) is not installed';

test('gpsdecode decodes a sample of simulated NMEA to the simulator\'s own values', { skip }, () => {
  const sc = buildScenario({ preset: 'baltic', seed: 21, vessels: 10, hours: 1 });
  const sent: AisMessage[] = [];
  const lines: string[] = [];
  for (const r of receivedLines(sc, { corruptShare: 0 })) {
    sent.push(r.transmission.message);
    lines.push(...r.lines);
    if (sent.length >= 1500) break;
  }
  const out = spawnSync(GPSDECODE, [], { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(out.status, 0, out.stderr);
  const decoded = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  // gpsd keeps type 24 parts A and B per MMSI and stays silent on some repeats heard by a second
  // station: align the two lists, allowing only type 24 messages to be missing.
  const pairs: [Record<string, unknown>, AisMessage][] = [];
  let j = 0;
  let skipped24 = 0;
  for (const m of sent) {
    const d = decoded[j];
    if (d && d.mmsi === m.mmsi && d.type === m.type) {
      pairs.push([d, m]);
      j++;
    } else {
      assert.equal(m.type, 24, `gpsdecode lost a type ${m.type} message of ${m.mmsi}`);
      skipped24++;
    }
  }
  assert.equal(j, decoded.length, 'every gpsdecode output is accounted for');
  assert.ok(skipped24 < sent.length * 0.02, `${skipped24} type 24 messages not output`);
  const types = new Set<number>();
  pairs.forEach(([d, m]) => {
    types.add(m.type);
    assert.equal(d.type, m.type);
    assert.equal(d.mmsi, m.mmsi);
    if (m.type === 1 || m.type === 18) {
      assert.ok(Math.abs((d.lat as number) - (m.lat as number)) < 2e-6, `lat ${String(d.lat)} vs ${String(m.lat)}`);
      assert.ok(Math.abs((d.lon as number) - (m.lon as number)) < 2e-6);
      assert.ok(Math.abs((d.speed as number) - (m.speed as number)) < 0.051);
      assert.ok(Math.abs((d.course as number) - (m.course as number)) < 0.051);
      assert.equal(d.heading, m.heading);
      assert.equal(d.second, m.second);
      if (m.type === 1) assert.equal(d.status, m.status);
    }
    if (m.type === 5) {
      assert.equal(d.imo, m.imo);
      assert.equal(d.shipname, m.shipname);
      assert.equal(d.callsign, m.callsign);
      assert.equal(d.shiptype, m.ship_type);
      assert.ok(Math.abs((d.draught as number) - (m.draught as number)) < 0.051);
      assert.equal(d.destination, m.destination);
      assert.equal(d.to_bow, m.to_bow);
      assert.equal(d.to_stern, m.to_stern);
    }
    if (m.type === 24 && m.partno === 0) assert.equal(d.shipname, m.shipname);
    if (m.type === 24 && m.partno === 1) assert.equal(d.callsign, m.callsign);
  });
  assert.ok(types.has(1) && types.has(5), `types seen: ${[...types].join(',')}`);
});
