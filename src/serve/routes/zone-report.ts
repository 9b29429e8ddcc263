/**
 * The zone report: per day (or hour) in a period, the vessels present in a zone by flag and by
 * ship category, its transits by direction and its events by type, counted on the server.
 *
 * Presence comes from the stored positions' coarse level (per vessel, the earliest fix of each
 * 5-minute interval, `positions_coarse`): a vessel counts on a day when one of those fixes lies
 * inside the zone that day. A vessel inside for less than one interval can be missed. Events are
 * those whose `zone` is the zone's id, plus those whose representative position lies inside it.
 */
import type { LookoutEvent } from '../../detect/event.js';
import type { Zone, ZoneGeometry, PolygonCoords } from '../../geo/types.js';
import type { BBox, EventQuery } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { shipCategory } from '../format.js';
import { HttpError } from '../http.js';
import type { Route } from '../http.js';
import { ERROR_RESPONSES, ref } from '../schemas.js';
import type { JsonSchema } from '../schema.js';
import { inZone } from './reference.js';

const BUCKET_MS = { day: 86_400_000, hour: 3_600_000 } as const;
/** Most buckets one report may hold. */
const MAX_BUCKETS = 1000;
/** Most events read for one report (pages of 1000). */
const MAX_EVENTS = 200_000;

function zoneBBox(g: ZoneGeometry): BBox {
  const polys = g.type === 'Polygon' ? [g.coordinates as PolygonCoords] : (g.coordinates as PolygonCoords[]);
  let w = 180, s = 90, e = -180, n = -90;
  for (const poly of polys) for (const ring of poly) for (const [x, y] of ring) {
    if (x < w) w = x; if (x > e) e = x; if (y < s) s = y; if (y > n) n = y;
  }
  return [w, s, e, n];
}

async function findZone(app: AppContext, id: string): Promise<Zone | undefined> {
  return (await app.store.zones()).find((z) => z.id === id) ?? (app.refdata?.zones ?? []).find((z) => z.id === id);
}

interface Bucket {
  start: string;
  vessels: Set<number>;
  by_flag: Record<string, number>;
  by_category: Record<string, number>;
  transits: Record<string, number>;
  events: Record<string, number>;
}

const inc = (o: Record<string, number>, k: string): void => {
  o[k] = (o[k] ?? 0) + 1;
};

/** Distinct vessels with a coarse fix inside the zone per bucket (false when the store has no area query). */
async function presence(app: AppContext, z: Zone, from: number, to: number, size: number, buckets: Bucket[]): Promise<boolean> {
  if (!app.store.coarseInArea) return false;
  const fixes = await app.store.coarseInArea({ from, to, bbox: zoneBBox(z.geometry) });
  for (let i = 0; i < fixes.length; i++) {
    const b = buckets[Math.floor((fixes.time[i] - from) / size)];
    const mmsi = fixes.mmsi[i];
    if (!b || b.vessels.has(mmsi)) continue;
    if (inZone(fixes.lat[i], fixes.lon[i], z.geometry)) b.vessels.add(mmsi);
  }
  return true;
}

/** Events of the zone in [from, to]: by zone id, and by position inside it (deduplicated by id). */
async function zoneEvents(app: AppContext, z: Zone, from: number, to: number): Promise<LookoutEvent[]> {
  const seen = new Map<string, LookoutEvent>();
  const collect = async (q: Omit<EventQuery, 'limit'>, keep: (e: LookoutEvent) => boolean): Promise<void> => {
    let cursor: string | undefined;
    do {
      const page = await app.store.events({ ...q, from, to, limit: 1000, ...(cursor ? { cursor } : {}) });
      for (const { event } of page.items) if (keep(event)) seen.set(event.id, event);
      cursor = page.next;
    } while (cursor && seen.size < MAX_EVENTS);
  };
  await collect({ zone: z.id }, () => true);
  await collect({ bbox: zoneBBox(z.geometry) }, (e) => inZone(e.lat, e.lon, z.geometry));
  return [...seen.values()];
}

const counts: JsonSchema = { type: 'object', additionalProperties: { type: 'integer' } };
const REPORT: JsonSchema = {
  type: 'object', required: ['zone', 'from', 'to', 'bucket', 'presence', 'buckets', 'totals'],
  properties: {
    zone: { type: 'object', required: ['id', 'name', 'kind'], properties: { id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' } } },
    from: { type: 'string', format: 'date-time', description: 'Start of the first bucket (aligned to the bucket, UTC)' },
    to: { type: 'string', format: 'date-time', description: 'End of the period (exclusive)' },
    bucket: { type: 'string', enum: ['day', 'hour'] },
    presence: { type: 'string', enum: ['positions', 'events'], description: 'What vessel presence was counted from: stored positions (5-minute coarse level), or only the vessels of the zone\'s events when the store cannot scan positions' },
    buckets: {
      type: 'array',
      items: {
        type: 'object', required: ['start', 'vessels', 'by_flag', 'by_category', 'transits', 'events'],
        properties: {
          start: { type: 'string', format: 'date-time', description: 'Start of the bucket (UTC)' },
          vessels: { type: 'integer', description: 'Distinct vessels present in the zone' },
          by_flag: { ...counts, description: 'Vessels present by flag (ISO 3166-1 alpha-2 from the MMSI; ?? when unknown)' },
          by_category: { ...counts, description: 'Vessels present by ship category (cargo, tanker, fishing…; unknown when no type was received)' },
          transits: { ...counts, description: 'Transit events by direction (gate→gate)' },
          events: { ...counts, description: 'Events by type' },
        },
      },
    },
    totals: {
      type: 'object', required: ['vessels', 'events', 'transits'],
      properties: { vessels: { type: 'integer', description: 'Distinct vessels over the period' }, events: { type: 'integer' }, transits: { type: 'integer' } },
    },
  },
};

export const routes: Route[] = [
  {
    method: 'GET', path: '/api/zones/{id}/report', tag: 'reference',
    summary: 'A zone\'s report per day (or hour): vessels present by flag and type, transits by direction, events by type',
    description: 'Counted on the server. A vessel is present in a bucket when one of its stored positions at the 5-minute coarse level lies inside the zone then (a stay shorter than 5 minutes can be missed). Events are those concerning the zone (their `zone`) and those whose representative position is inside it; an event counts in the bucket of its start. Buckets are aligned to UTC days (or hours); at most 1000.',
    params: { id: { type: 'string', description: 'Zone id', maxLength: 200 } },
    query: {
      from: { type: 'time', description: 'Start of the period (rounded down to the bucket)', required: true },
      to: { type: 'time', description: 'End of the period (exclusive)', required: true },
      bucket: { type: 'string', description: 'Bucket size', enum: ['day', 'hour'], default: 'day' },
    },
    responses: { '200': { description: 'The report', schema: REPORT }, '404': { description: 'No such zone', schema: ref('Error') }, ...ERROR_RESPONSES },
    async handler({ params, query }, app) {
      const z = await findZone(app, params.id as string);
      if (!z) throw new HttpError(404, `no zone with id ${params.id as string}`);
      const size = BUCKET_MS[query.bucket as keyof typeof BUCKET_MS];
      const from = Math.floor((query.from as number) / size) * size;
      const to = query.to as number;
      if (!(to > from)) throw new HttpError(400, "parameter 'to' must be after 'from'");
      const n = Math.ceil((to - from) / size);
      if (n > MAX_BUCKETS) throw new HttpError(400, `the period holds ${n} buckets of one ${query.bucket as string}; at most ${MAX_BUCKETS}`);
      const buckets: Bucket[] = Array.from({ length: n }, (_, i) => ({ start: new Date(from + i * size).toISOString(), vessels: new Set<number>(), by_flag: {}, by_category: {}, transits: {}, events: {} }));
      const fromPositions = await presence(app, z, from, to - 1, size, buckets);
      const events = await zoneEvents(app, z, from, to - 1);
      for (const e of events) {
        const b = buckets[Math.floor((Date.parse(e.start) - from) / size)];
        if (!b) continue;
        inc(b.events, e.type);
        if (e.type === 'transit') inc(b.transits, typeof e.details.direction === 'string' ? e.details.direction : 'unknown');
        if (!fromPositions) for (const m of [e.mmsi, e.other_mmsi]) if (m !== undefined) b.vessels.add(m);
      }
      const all = new Set<number>();
      for (const b of buckets) for (const m of b.vessels) all.add(m);
      const identity = new Map<number, { flag: string; category: string }>();
      for (const m of all) {
        const v = await app.store.vessel(m);
        identity.set(m, { flag: v?.flag ?? '??', category: shipCategory(v?.ship_type) ?? 'unknown' });
      }
      for (const b of buckets) for (const m of b.vessels) {
        const i = identity.get(m)!;
        inc(b.by_flag, i.flag);
        inc(b.by_category, i.category);
      }
      return {
        json: {
          zone: { id: z.id, name: z.name, kind: z.kind },
          from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket: query.bucket, presence: fromPositions ? 'positions' : 'events',
          buckets: buckets.map((b) => ({ start: b.start, vessels: b.vessels.size, by_flag: b.by_flag, by_category: b.by_category, transits: b.transits, events: b.events })),
          totals: { vessels: all.size, events: events.length, transits: events.filter((e) => e.type === 'transit').length },
        },
      };
    },
  },
];
