/** GET /api/tiles/{set}/{z}/{x}/{y}.pbf: the pre-built basemap tiles (scripts/build-tiles.mjs) as Mapbox Vector Tiles. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../server.js';
import type { RunningServer } from '../server.js';

/** The layer names of a vector tile (field 3 = layer, its field 1 = name), read without a decoder. */
function layerNames(buf: Uint8Array): string[] {
  const names: string[] = [];
  let i = 0;
  const varint = (): number => {
    let v = 0, shift = 0, b: number;
    do {
      b = buf[i++];
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return v;
  };
  while (i < buf.length) {
    const key = varint();
    if ((key & 7) !== 2) throw new Error(`unexpected wire type ${key & 7}`);
    const len = varint();
    const end = i + len;
    if (key >> 3 === 3) {
      while (i < end) {
        const k = varint();
        if ((k & 7) === 2) {
          const l = varint();
          if (k >> 3 === 1) names.push(Buffer.from(buf.subarray(i, i + l)).toString('utf8'));
          i += l;
        } else if ((k & 7) === 0) varint();
        else throw new Error(`unexpected wire type ${k & 7} in a layer`);
      }
    }
    i = end;
  }
  return names;
}

describe('GET /api/tiles/{set}/{z}/{x}/{y}.pbf', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ db: ':memory:', host: '127.0.0.1', port: 0, sources: [], bundledGeo: false, screening: false, log: () => undefined });
  });
  after(async () => {
    await server?.stop();
  });

  test('the world tile holds land, countries, coastline and zones; a zoom-3 tile adds the EEZ', async () => {
    const r = await fetch(`${server.url}/api/tiles/basemap/0/0/0.pbf`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/x-protobuf');
    const names = layerNames(new Uint8Array(await r.arrayBuffer()));
    assert.deepEqual(names.sort(), ['coastline', 'countries', 'land', 'zones']);
    // Tile 3/6/3 covers the Korea Strait and Japan.
    const korea = layerNames(new Uint8Array(await (await fetch(`${server.url}/api/tiles/basemap/3/6/3.pbf`)).arrayBuffer()));
    assert.ok(korea.includes('eez') && korea.includes('land'), korea.join());
    const terr = layerNames(new Uint8Array(await (await fetch(`${server.url}/api/tiles/territorial/3/6/3.pbf`)).arrayBuffer()));
    assert.deepEqual(terr, ['territorial']);
  });

  test('beyond the built zooms is a 404, an unknown set or a bad coordinate a 400', async () => {
    assert.equal((await fetch(`${server.url}/api/tiles/basemap/6/0/0.pbf`)).status, 404);
    assert.equal((await fetch(`${server.url}/api/tiles/territorial/2/0/0.pbf`)).status, 404);
    assert.equal((await fetch(`${server.url}/api/tiles/basemap/1/2/0.pbf`)).status, 404);
    assert.equal((await fetch(`${server.url}/api/tiles/roads/0/0/0.pbf`)).status, 400);
    assert.equal((await fetch(`${server.url}/api/tiles/basemap/x/0/0.pbf`)).status, 400);
  });
});
