/** Reference data: zones (bundled and user-defined), ports, and the ingest sources. */
import type { Zone, ZoneGeometry, PolygonCoords } from '../../geo/types.js';
import type { BBox } from '../../store/store.js';
import { HttpError } from '../http.js';
import type { Route } from '../http.js';
import type { AppContext } from '../context.js';
import { inBBox } from '../live-picture.js';
import { vesselJson } from '../format.js';
import { ERROR_RESPONSES, arrayOf, ref } from '../schemas.js';
import { validate } from '../schema.js';
import type { JsonSchema } from '../schema.js';

const ZONE_KINDS = ['strait', 'territorial_sea', 'eez', 'sea', 'area', 'user'] as const;

function polygons(g: ZoneGeometry): PolygonCoords[] {
  return g.type === 'Polygon' ? [g.coordinates as PolygonCoords] : (g.coordinates as PolygonCoords[]);
}

/** True when the point is inside the zone (even–odd over each polygon's rings, so holes count). */
export function inZone(lat: number, lon: number, g: ZoneGeometry): boolean {
  for (const poly of polygons(g)) {
    let inside = false;
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    if (inside) return true;
  }
  return false;
}

function zoneBBox(g: ZoneGeometry): BBox {
  let w = 180, s = 90, e = -180, n = -90;
  for (const poly of polygons(g)) for (const ring of poly) for (const [x, y] of ring) {
    if (x < w) w = x; if (x > e) e = x; if (y < s) s = y; if (y > n) n = y;
  }
  return [w, s, e, n];
}

function bboxOverlap(a: BBox, b: BBox): boolean {
  return !(a[2] < b[0] || a[0] > b[2] || a[3] < b[1] || a[1] > b[3]);
}

async function allZones(app: AppContext): Promise<Zone[]> {
  const user = await app.store.zones();
  const ids = new Set(user.map((z) => z.id));
  return [...user, ...(app.refdata?.zones ?? []).filter((z) => !ids.has(z.id))];
}

function zoneFeature(z: Zone, geometry: boolean): Record<string, unknown> {
  const props: Record<string, unknown> = { id: z.id, name: z.name, kind: z.kind, tags: z.tags, source: z.source, bbox: zoneBBox(z.geometry) };
  if (z.gates) props.gates = z.gates;
  return { type: 'Feature', id: z.id, geometry: geometry ? z.geometry : null, properties: props };
}

const POSITION: JsonSchema = { type: 'array', minItems: 2, maxItems: 3, items: { type: 'number' } };
const RING: JsonSchema = { type: 'array', minItems: 4, maxItems: 100_000, items: POSITION };
const POLY: JsonSchema = { type: 'array', minItems: 1, maxItems: 1000, items: RING };

const ZONE_BODY: JsonSchema = {
  type: 'object', required: ['type', 'geometry', 'properties'],
  description: 'A GeoJSON Feature with a Polygon or MultiPolygon geometry; properties.name is required',
  properties: {
    type: { type: 'string', enum: ['Feature'] },
    id: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,100}$' },
    geometry: {
      type: 'object', required: ['type', 'coordinates'],
      properties: { type: { type: 'string', enum: ['Polygon', 'MultiPolygon'] }, coordinates: { type: 'array', minItems: 1 } },
    },
    properties: {
      type: 'object', required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        id: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,100}$' },
        tags: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 100 } },
      },
    },
  },
};

/** Check a geometry's coordinates deeply; returns the reason it is invalid, or undefined. */
function geometryProblem(g: { type: string; coordinates: unknown }): string | undefined {
  const polys: unknown[] = g.type === 'Polygon' ? [g.coordinates] : (g.coordinates as unknown[]);
  for (const p of polys) {
    const problem = validate(POLY, p, '$body.geometry.coordinates');
    if (problem) return problem;
    for (const ring of p as number[][][]) {
      for (const [x, y] of ring) if (Math.abs(x) > 180 || Math.abs(y) > 90) return `coordinate [${x}, ${y}] is out of range (lon −180..180, lat −90..90)`;
      const a = ring[0];
      const b = ring[ring.length - 1];
      if (a[0] !== b[0] || a[1] !== b[1]) return 'every ring must be closed (first position equals last)';
    }
  }
  return undefined;
}

const slug = (s: string): string => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'zone';

export const routes: Route[] = [
  {
    method: 'GET', path: '/api/zones', tag: 'reference',
    summary: 'Zones in use: bundled (straits, seas, territorial seas…) and user-defined, as GeoJSON',
    query: {
      kind: { type: 'csv', description: 'Zone kinds', enum: ZONE_KINDS },
      source: { type: 'string', description: 'Only zones from this source (lookout, user…)', maxLength: 50 },
      bbox: { type: 'bbox', description: 'Zones whose extent overlaps west,south,east,north' },
      geometry: { type: 'boolean', description: 'Include geometries (false: a light list)', default: true },
    },
    responses: { '200': { description: 'Zones', schema: ref('FeatureCollection') }, ...ERROR_RESPONSES },
    async handler({ query }, app) {
      const kinds = query.kind ? new Set(query.kind as string[]) : undefined;
      const zones = (await allZones(app)).filter((z) =>
        (!kinds || kinds.has(z.kind)) && (query.source === undefined || z.source === query.source) && (!query.bbox || bboxOverlap(zoneBBox(z.geometry), query.bbox as BBox)));
      return { contentType: 'application/geo+json', json: { type: 'FeatureCollection', features: zones.map((z) => zoneFeature(z, query.geometry as boolean)) } };
    },
  },
  {
    method: 'POST', path: '/api/zones', tag: 'reference',
    summary: 'Create or replace a user zone (GeoJSON Feature)',
    description: 'Stored in the database; listed at once by /api/zones and usable with /api/zones/{id}/vessels and the events zone filter. Detection (zone_entry, zone_exit, transit) uses it at once.',
    body: ZONE_BODY, maxBodyBytes: 8 << 20,
    responses: { '201': { description: 'The stored zone', schema: ref('Zone') }, ...ERROR_RESPONSES },
    async handler({ body }, app) {
      const f = body as { id?: string; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }; properties: { name: string; id?: string; tags?: string[] } };
      const problem = geometryProblem(f.geometry);
      if (problem) throw new HttpError(400, problem);
      const id = f.properties.id ?? f.id ?? `user-${slug(f.properties.name)}`;
      const zone: Zone = { id, name: f.properties.name, kind: 'user', geometry: f.geometry as ZoneGeometry, tags: f.properties.tags ?? [], source: 'user' };
      await app.store.putZone(zone);
      await app.zonesChanged?.();
      return { status: 201, contentType: 'application/geo+json', json: zoneFeature(zone, true), headers: { location: `/api/zones/${encodeURIComponent(id)}` } };
    },
  },
  {
    method: 'GET', path: '/api/zones/{id}', tag: 'reference',
    summary: 'One zone as a GeoJSON Feature',
    params: { id: { type: 'string', description: 'Zone id', maxLength: 200 } },
    responses: { '200': { description: 'The zone', schema: ref('Zone') }, '404': { description: 'No such zone', schema: ref('Error') } },
    async handler({ params }, app) {
      const z = (await allZones(app)).find((x) => x.id === params.id);
      if (!z) throw new HttpError(404, `no zone with id ${params.id as string}`);
      return { contentType: 'application/geo+json', json: zoneFeature(z, true) };
    },
  },
  {
    method: 'DELETE', path: '/api/zones/{id}', tag: 'reference',
    summary: 'Delete a user zone',
    params: { id: { type: 'string', description: 'Zone id', maxLength: 200 } },
    responses: { '204': { description: 'Deleted' }, '404': { description: 'No such user zone', schema: ref('Error') } },
    async handler({ params }, app) {
      if (!(await app.store.deleteZone(params.id as string))) throw new HttpError(404, `no user zone with id ${params.id as string} (bundled zones cannot be deleted)`);
      await app.zonesChanged?.();
      return { status: 204 };
    },
  },
  {
    method: 'GET', path: '/api/zones/{id}/vessels', tag: 'reference',
    summary: 'Vessels inside a zone now (latest positions)',
    params: { id: { type: 'string', description: 'Zone id', maxLength: 200 } },
    query: { since: { type: 'time', description: 'Only vessels seen at or after this time' }, limit: { type: 'integer', description: 'Most vessels', minimum: 1, maximum: 100_000, default: 1000 } },
    responses: { '200': { description: 'Vessels inside', schema: arrayOf('Vessel') }, '404': { description: 'No such zone', schema: ref('Error') }, ...ERROR_RESPONSES },
    async handler({ params, query }, app) {
      const z = (await allZones(app)).find((x) => x.id === params.id);
      if (!z) throw new HttpError(404, `no zone with id ${params.id as string}`);
      const bb = zoneBBox(z.geometry);
      const inside = app.live.query({ bbox: bb, limit: 1_000_000, ...(query.since !== undefined ? { since: query.since as number } : {}) })
        .filter((v) => inZone(v.lat!, v.lon!, z.geometry))
        .slice(0, query.limit as number);
      return { json: inside.map(vesselJson) };
    },
  },
  {
    method: 'GET', path: '/api/ports', tag: 'reference',
    summary: 'Ports (bundled World Port Index selection and user ports)',
    query: {
      bbox: { type: 'bbox', description: 'Ports inside west,south,east,north' },
      q: { type: 'string', description: 'Name or UN/LOCODE prefix (case-insensitive)', maxLength: 100 },
      country: { type: 'string', description: 'ISO 3166-1 alpha-2', pattern: '^[A-Z]{2}$' },
      limit: { type: 'integer', description: 'Most ports', minimum: 1, maximum: 100_000, default: 10_000 },
      format: { type: 'string', description: 'json or geojson', enum: ['json', 'geojson'], default: 'json' },
    },
    responses: { '200': { description: 'Ports', schema: arrayOf('Port') }, ...ERROR_RESPONSES },
    handler({ query }, app) {
      const q = (query.q as string | undefined)?.toUpperCase();
      const ports = (app.refdata?.ports ?? []).filter((p) =>
        (!query.bbox || inBBox(p.lat, p.lon, query.bbox as BBox))
        && (query.country === undefined || p.country === query.country)
        && (!q || p.name.toUpperCase().startsWith(q) || (p.unlocode ?? '').toUpperCase().startsWith(q) || p.id.toUpperCase().startsWith(q)))
        .slice(0, query.limit as number);
      if (query.format === 'geojson') {
        return { contentType: 'application/geo+json', json: { type: 'FeatureCollection', features: ports.map((p) => ({ type: 'Feature', id: p.id, geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: p })) } };
      }
      return { json: ports };
    },
  },
  {
    method: 'GET', path: '/api/sources', tag: 'operations',
    summary: 'Ingest sources and their health (counters, state, last seen)',
    responses: { '200': { description: 'Sources', schema: arrayOf('Source') } },
    handler(_input, app) {
      return {
        json: app.ingest.sources().map((s) => ({ ...s, last_seen: s.last_seen === undefined ? undefined : new Date(s.last_seen).toISOString() })),
      };
    },
  },
];
