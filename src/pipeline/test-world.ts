/**
 * A small synthetic reference world for tests and scenario fixtures: one land block at
 * 10–12°N 50–52°E (the "testland"), one port on its south coast, no zones. Fast to build,
 * so tests do not pay for loading the bundled global data.
 */
import type { Port } from '../geo/types.js';
import { createRefData, type IndexedRefData } from '../geo/refdata.js';

/** The synthetic world's only port. */
export const TEST_PORT: Port = {
  id: 'XX-TST',
  name: 'Testport',
  lat: 9.98,
  lon: 50.5,
  radius_m: 3000,
  country: 'XX',
  tags: [],
  source: 'test',
};

/** Build the synthetic world (see the module comment). */
export function testWorld(): IndexedRefData {
  const block = new Float64Array([50, 10, 52, 10, 52, 12, 50, 12, 50, 10]);
  return createRefData({ ports: [TEST_PORT], zones: [], land: [block] });
}
