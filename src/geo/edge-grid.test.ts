import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeGrid, ringsContain } from './edge-grid.js';
import { mulberry32 as rng } from './prng.js';

/** A star-shaped ring with `n` vertices around (cx, cy): concave, so it exercises the grid. */
function star(r: () => number, cx: number, cy: number, size: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 2 * Math.PI;
    const rad = size * (0.3 + 0.7 * r());
    out.push(cx + rad * Math.cos(a), cy + rad * Math.sin(a));
  }
  return out;
}

test('the grid answers point-in-polygon exactly like a plain ray test, holes included', () => {
  const r = rng(7);
  for (let shape = 0; shape < 20; shape++) {
    const rings = [star(r, 0, 0, 10, 50 + shape * 30), star(r, 0, 0, 2, 12), star(r, 20, 5, 4, 40)];
    const grid = new EdgeGrid(rings);
    for (let i = 0; i < 3000; i++) {
      const x = r() * 40 - 15, y = r() * 30 - 15;
      assert.equal(grid.contains(x, y), ringsContain(rings, x, y), `shape ${shape} at ${x},${y}`);
    }
  }
});

test('a fixed grid over a wider box, as the land grid uses, agrees too', () => {
  const r = rng(8);
  const rings = [star(r, 10, 10, 8, 400), star(r, -30, 40, 5, 300)];
  const grid = new EdgeGrid(rings, { bbox: [-180, -90, 180, 90], cellSize: 0.25, wrapX: true });
  for (let i = 0; i < 20000; i++) {
    const x = r() * 60 - 40, y = r() * 50;
    assert.equal(grid.contains(x, y), ringsContain(rings, x, y));
  }
});

test('a point outside the grid, or rings with nothing in them, is outside', () => {
  const grid = new EdgeGrid([[0, 0, 1, 0, 1, 1, 0, 1]]);
  assert.equal(grid.contains(0.5, 0.5), true);
  assert.equal(grid.contains(5, 5), false);
  assert.equal(new EdgeGrid([]).contains(0, 0), false);
});

test('repeated vertices (zero-length edges) and a ring touching the grid edge change nothing', () => {
  const square = [0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0];
  const grid = new EdgeGrid([square]);
  for (const [x, y, inside] of [[0.5, 0.5, true], [0.999, 0.001, true], [1.5, 0.5, false], [0.5, -0.1, false]] as const) {
    assert.equal(grid.contains(x, y), inside, `${x},${y}`);
    assert.equal(ringsContain([square], x, y), inside);
  }
});

test('stableMargin: every point of the box it reports gets the same contains answer', () => {
  const r = rng(11);
  let boxed = 0;
  for (let shape = 0; shape < 12; shape++) {
    // Concave stars, plus a ring with horizontal, vertical and near-vertical edges.
    const rings = [star(r, 0, 0, 10, 20 + shape * 40), star(r, 3, 2, 2, 9), [-12, -12, -1, -12, -1, -11.5, -0.999999, 8, -12, 8]];
    const grid = new EdgeGrid(rings, shape % 2 === 0 ? {} : { cellSize: 0.5 + shape * 0.3 });
    for (let i = 0; i < 2000; i++) {
      const x = r() * 30 - 15, y = r() * 30 - 15;
      const m = grid.stableMargin(x, y);
      assert.ok(m >= 0);
      if (m === 0) continue;
      boxed++;
      const inside = grid.contains(x, y);
      for (let k = 0; k < 12; k++) {
        const fx = k < 4 ? (k % 2 === 0 ? 1 : -1) * 0.999999 : r() * 2 - 1;
        const fy = k < 4 ? (k < 2 ? 1 : -1) * 0.999999 : r() * 2 - 1;
        const qx = x + fx * m, qy = y + fy * m;
        assert.equal(grid.contains(qx, qy), inside, `shape ${shape}: ${qx},${qy} in the box of ${x},${y} (margin ${m})`);
        assert.equal(ringsContain(rings, qx, qy), inside);
      }
    }
  }
  assert.ok(boxed > 10000, `most points get a box (${boxed})`);
});

test('locate answers exactly contains, on and off edges and outside the grid (its margin is stableMargin, tested above)', () => {
  const r = rng(12);
  const q = new Float64Array(3);
  for (let shape = 0; shape < 8; shape++) {
    const rings = [star(r, 0, 0, 10, 20 + shape * 40), star(r, 3, 2, 2, 9), [-12, -12, -1, -12, -1, -11.5, -0.999999, 8, -12, 8]];
    const grid = new EdgeGrid(rings, shape % 2 === 0 ? {} : { cellSize: 0.5 + shape * 0.3 });
    const points: [number, number][] = [[NaN, 0], [0, NaN], [100, 0], [-12, -12], [-1, 0], [3, 2]];
    for (let i = 0; i < 3000; i++) points.push([r() * 30 - 15, r() * 30 - 15]);
    // Vertices themselves (on edges, margin 0).
    for (let k = 0; k + 1 < rings[0].length; k += 2) points.push([rings[0][k], rings[0][k + 1]]);
    for (const [x, y] of points) {
      q[0] = x;
      q[1] = y;
      const inside = grid.locate(q);
      assert.equal(inside, grid.contains(x, y), `shape ${shape}: ${x},${y}`);
    }
  }
});
