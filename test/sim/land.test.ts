// The simulator's sea lanes, berths, anchorages and every simulated position are at sea
// according to the bundled land polygons (the same ones `lookout analyze` uses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRefData } from '../../src/pipeline/refdata.js';
import { THEATRES } from '../../src/sim/theatres.js';
import { buildScenario } from '../../src/sim/scenario.js';
import { transmissions } from '../../src/sim/stream.js';
import { distanceM, lerp, type LatLon } from '../../src/sim/sphere.js';
import { portInbound, LaneGraph } from '../../src/sim/motion.js';

const ref = await loadRefData({ bundled: true });

function landAlong(a: LatLon, b: LatLon): LatLon | undefined {
  const n = Math.max(1, Math.ceil(distanceM(a, b) / 500));
  for (let i = 0; i <= n; i++) {
    const p = lerp(a, b, i / n);
    if (ref.isOnLand(p.lat, p.lon)) return p;
  }
  return undefined;
}

test('every sea lane, port approach, anchorage and berth of every theatre is at sea', () => {
  const problems: string[] = [];
  for (const th of Object.values(THEATRES)) {
    const graph = new LaneGraph(th);
    for (const [a, b] of th.edges) {
      const p = landAlong(graph.node(a), graph.node(b));
      if (p) problems.push(`${th.id} lane ${a}-${b} crosses land at ${p.lat.toFixed(3)},${p.lon.toFixed(3)}`);
    }
    for (const port of th.ports) {
      const pts = [...portInbound(port, graph), port.berth];
      for (let i = 1; i < pts.length; i++) {
        const p = landAlong(pts[i - 1], pts[i]);
        if (p) problems.push(`${th.id} ${port.id} approach leg ${i} crosses land at ${p.lat.toFixed(3)},${p.lon.toFixed(3)}`);
      }
    }
    for (const o of th.offshore) {
      const nm = ref.distanceToShoreKm(o.centre.lat, o.centre.lon) / 1.852;
      if (nm < 25) problems.push(`${th.id} offshore area ${o.id} only ${nm.toFixed(1)} nm from shore`);
    }
    for (const s of th.spoofSites) if (!ref.isOnLand(s.centre.lat, s.centre.lon)) problems.push(`${th.id} spoofing site ${s.id} is not on land`);
  }
  assert.deepEqual(problems, []);
});

test('no simulated true position lies on land', () => {
  for (const preset of ['east-asia', 'baltic']) {
    const sc = buildScenario({ preset, seed: 11, vessels: 10, hours: 30, isOnLand: (lat, lon) => ref.isOnLand(lat, lon) });
    let checked = 0;
    const onLand: string[] = [];
    let i = 0;
    for (const tx of transmissions(sc, 0)) {
      // Every 40th report keeps the test fast and still samples every leg of every vessel.
      if (tx.message.type !== 1 && tx.message.type !== 18) continue;
      if (i++ % 40) continue;
      checked++;
      if (ref.isOnLand(tx.truth.lat, tx.truth.lon) && onLand.length < 5) onLand.push(`${tx.vessel.key} ${new Date(tx.time).toISOString()} ${tx.truth.lat.toFixed(4)},${tx.truth.lon.toFixed(4)}`);
    }
    assert.ok(checked > 1000);
    assert.deepEqual(onLand, [], preset);
  }
});
