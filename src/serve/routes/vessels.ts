/** Vessels: search and viewport (from the live picture), one vessel with its identity history, its track. */
import { HttpError } from '../http.js';
import type { Route } from '../http.js';
import { CATEGORY_RANGES, trackLineFeature, vesselJson, vesselsGeoJson } from '../format.js';
import { ERROR_RESPONSES, arrayOf, ref } from '../schemas.js';
import { segmentRanges, segmentTrack, simplifyIndices, simplifyTrack } from '../simplify.js';
import { COARSE_INTERVAL_MS } from '../../store/store.js';
import type { BBox, TrackLine, TrackQuery, VesselQuery } from '../../store/store.js';

const DAY = 86_400_000;
/** A line range is read from the coarse level when it holds more than this many times `max_points` fixes. */
const COARSE_FACTOR = 2;

const MMSI = { type: 'integer', description: 'MMSI (9 digits)', minimum: 0, maximum: 999_999_999 } as const;

/** Parse the `types` filter: category names or AIS type codes and ranges (`70-79`). */
export function parseShipTypes(items: string[]): [number, number][] {
  const out: [number, number][] = [];
  for (const it of items) {
    const cat = CATEGORY_RANGES[it];
    if (cat) { out.push(...cat); continue; }
    const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(it);
    if (!m) throw new HttpError(400, `parameter 'types' has '${it}': use ${Object.keys(CATEGORY_RANGES).join(', ')} or AIS codes like 70 or 70-79`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new HttpError(400, `parameter 'types' has the empty range '${it}'`);
    out.push([a, b]);
  }
  return out;
}

export const routes: Route[] = [
  {
    method: 'GET', path: '/api/vessels', tag: 'vessels',
    summary: 'Search vessels and take a viewport snapshot',
    description: 'Free-text search over MMSI, IMO, call sign and name (exact, prefix, then fuzzy), filtered by viewport, last-seen time, ship type and flag. Without `q`, the most recently seen vessels come first.',
    query: {
      q: { type: 'string', description: 'MMSI, IMO (optionally "IMO 1234567"), call sign or name', maxLength: 100 },
      bbox: { type: 'bbox', description: 'Viewport west,south,east,north (degrees; west > east crosses the antimeridian)' },
      since: { type: 'time', description: 'Only vessels seen at or after this time (ISO 8601 or epoch ms)' },
      types: { type: 'csv', description: 'Ship categories (cargo, tanker, passenger, fishing, tug, pleasure, special, high_speed, other) or AIS codes/ranges (70, 80-89)' },
      flags: { type: 'csv', description: 'ISO 3166-1 alpha-2 flags, e.g. NO,DK', pattern: '^[A-Z]{2}$' },
      limit: { type: 'integer', description: 'Most vessels returned', minimum: 1, maximum: 100_000, default: 500 },
      format: { type: 'string', description: 'json (array) or geojson (FeatureCollection of Points)', enum: ['json', 'geojson'], default: 'json' },
    },
    responses: { '200': { description: 'Matching vessels', schema: arrayOf('Vessel') }, ...ERROR_RESPONSES },
    handler({ query }, app) {
      const q: VesselQuery = { limit: query.limit as number };
      if (query.q !== undefined) q.q = query.q as string;
      if (query.bbox !== undefined) q.bbox = query.bbox as BBox;
      if (query.since !== undefined) q.since = query.since as number;
      if (query.flags !== undefined) q.flags = query.flags as string[];
      if (query.types !== undefined) q.shipTypes = parseShipTypes(query.types as string[]);
      const vs = app.live.query(q);
      if (query.format === 'geojson') return { json: vesselsGeoJson(vs), contentType: 'application/geo+json' };
      return { body: `[${vs.map((v) => app.live.jsonOf(v)).join(',')}]`, contentType: 'application/json' };
    },
  },
  {
    method: 'GET', path: '/api/vessels/{mmsi}', tag: 'vessels',
    summary: 'One vessel: identity, latest state and identity history',
    params: { mmsi: MMSI },
    responses: { '200': { description: 'The vessel', schema: ref('Vessel') }, '404': { description: 'Never seen', schema: ref('Error') }, ...ERROR_RESPONSES },
    async handler({ params }, app) {
      const mmsi = params.mmsi as number;
      const v = app.live.get(mmsi) ?? (await app.store.vessel(mmsi));
      if (!v) throw new HttpError(404, `vessel ${mmsi} has not been seen`);
      const history = (await app.store.identityHistory(mmsi)).map((c) => ({ time: new Date(c.time).toISOString(), field: c.field, before: c.before, after: c.after }));
      return { json: { ...vesselJson(v), identity_history: history, links: { track: `/api/vessels/${mmsi}/track`, events: `/api/events?mmsi=${mmsi}` } } };
    },
  },
  {
    method: 'GET', path: '/api/vessels/{mmsi}/track', tag: 'vessels',
    summary: 'A vessel\'s track over a time range',
    description: 'Stored (thinned) positions in [from, to], simplified with Douglas–Peucker to at most `max_points` for long ranges. `linestring` gives a GeoJSON Feature (MultiLineString when the track has gaps longer than `gap_minutes`) with per-vertex times in `properties.coordinateProperties.times`; `points` a FeatureCollection; `json` an array of positions. A `linestring` range holding more than 2 × `max_points` fixes, whose coarse level (the earliest fix of each 5-minute interval) still holds at least `max_points`, is simplified from that level when `gap_minutes` ≥ 10 (`properties.level`: `coarse`, else `full`; `stored_points` always counts every stored fix in the range).',
    params: { mmsi: MMSI },
    query: {
      from: { type: 'time', description: 'Start (default: 24 h before `to`)' },
      to: { type: 'time', description: 'End (default: the vessel\'s last message)' },
      max_points: { type: 'integer', description: 'Simplify to at most this many points', minimum: 2, maximum: 100_000, default: 5000 },
      tolerance_m: { type: 'number', description: 'Simplification tolerance, metres (0: only as needed for max_points)', minimum: 0, maximum: 100_000, default: 0 },
      gap_minutes: { type: 'number', description: 'Split the line where fixes are further apart than this', minimum: 1, maximum: 100_000, default: 120 },
      format: { type: 'string', description: 'linestring, points or json', enum: ['linestring', 'points', 'json'], default: 'linestring' },
    },
    responses: { '200': { description: 'The track' }, '404': { description: 'Never seen', schema: ref('Error') }, ...ERROR_RESPONSES },
    async handler({ params, query }, app) {
      const mmsi = params.mmsi as number;
      const v = app.live.get(mmsi) ?? (await app.store.vessel(mmsi));
      if (!v) throw new HttpError(404, `vessel ${mmsi} has not been seen`);
      const to = (query.to as number | undefined) ?? v.last_seen;
      const from = (query.from as number | undefined) ?? to - DAY;
      if (from > to) throw new HttpError(400, "'from' must not be after 'to'");
      if (to - from > 400 * DAY) throw new HttpError(400, 'the time range may span at most 400 days');
      const t0 = performance.now();
      const maxPoints = query.max_points as number;
      const iso = (t: number): string => new Date(t).toISOString();
      if (query.format === 'linestring' && app.store.trackLine) {
        // The line needs only time, lat and lon: read them as columns and simplify by index.
        const gapMs = (query.gap_minutes as number) * 60_000;
        const tq: TrackQuery = { mmsi, from, to, limit: 2_000_000 };
        let line: TrackLine | undefined;
        let stored: number | undefined;
        // A long range whose fixes far exceed the budget reads the coarse level (the earliest fix of
        // each 5-minute interval) when that level alone still holds at least max_points rows, and
        // when gaps are longer than its spacing (up to two intervals between its rows).
        if (app.store.trackCounts && app.store.trackLineCoarse && gapMs >= 2 * COARSE_INTERVAL_MS) {
          const c = await app.store.trackCounts(tq);
          if (c.positions > COARSE_FACTOR * maxPoints && c.coarse >= maxPoints && c.positions <= tq.limit) {
            line = await app.store.trackLineCoarse(tq);
            stored = c.positions;
          }
        }
        const level = line ? 'coarse' : 'full';
        line ??= await app.store.trackLine(tq);
        app.metrics.observe('lookout_store_read_seconds', performance.now() - t0, { query: 'track' });
        const n = line.length;
        const l = line;
        const segs = segmentRanges(l.time, l.lon, n, gapMs)
          .map(([a, b]) => simplifyIndices(l.lon, l.lat, a, b, Math.max(2, Math.floor((maxPoints * (b - a)) / Math.max(1, n))), query.tolerance_m as number));
        const props = { mmsi, name: v.name, imo: v.imo, from: iso(from), to: iso(to), points: segs.reduce((k, s) => k + s.length, 0), stored_points: stored ?? n, level };
        return { contentType: 'application/geo+json', body: trackLineFeature(props, segs, l) };
      }
      const raw = await app.store.track({ mmsi, from, to, limit: 2_000_000 });
      app.metrics.observe('lookout_store_read_seconds', performance.now() - t0, { query: 'track' });
      // Split at real gaps first, then simplify each piece with its share of the point budget.
      const pieces = segmentTrack(raw, (query.gap_minutes as number) * 60_000)
        .map((s) => simplifyTrack(s, Math.max(2, Math.floor((maxPoints * s.length) / Math.max(1, raw.length))), query.tolerance_m as number));
      const ps = pieces.flat();
      const props = { mmsi, name: v.name, imo: v.imo, from: iso(from), to: iso(to), points: ps.length, stored_points: raw.length };
      if (query.format === 'json') {
        return { json: { ...props, positions: ps.map((p) => ({ ...p, time: iso(p.time) })) } };
      }
      if (query.format === 'points') {
        return {
          contentType: 'application/geo+json',
          json: { type: 'FeatureCollection', properties: props, features: ps.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { time: iso(p.time), speed: p.speed, course: p.course, heading: p.heading, status: p.status } })) },
        };
      }
      const segs = pieces;
      const coords = segs.map((s) => s.map((p) => [p.lon, p.lat]));
      const times = segs.map((s) => s.map((p) => iso(p.time)));
      const geometry = segs.length === 1 ? { type: 'LineString', coordinates: coords[0] } : { type: 'MultiLineString', coordinates: coords };
      return {
        contentType: 'application/geo+json',
        json: { type: 'Feature', geometry: segs.length === 0 ? null : geometry, properties: { ...props, coordinateProperties: { times: segs.length === 1 ? times[0] : times } } },
      };
    },
  },
];
