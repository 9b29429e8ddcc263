/** Events: filtered, cursor-paginated lists (JSON, GeoJSON, CSV) and single events. */
import { EVENT_TYPES } from '../../detect/event.js';
import type { EventType } from '../../detect/event.js';
import type { BBox, EventQuery } from '../../store/store.js';
import { HttpError } from '../http.js';
import type { Route } from '../http.js';
import { eventsCsv, eventsGeoJson } from '../format.js';
import { ERROR_RESPONSES, ref } from '../schemas.js';

export const routes: Route[] = [
  {
    method: 'GET', path: '/api/events', tag: 'events',
    summary: 'Events, newest first, with stable cursor pagination',
    description: 'Each item is an event in the contract\'s JSON shape (docs/events.md). Pass `next` back as `cursor` for the next page; pages stay stable while new events arrive. `format=csv` and `format=geojson` return the same page in those forms (the next cursor in the `Link` header and `X-Next-Cursor`).',
    query: {
      types: { type: 'csv', description: 'Event types', enum: EVENT_TYPES },
      from: { type: 'time', description: 'Events ending at or after this time' },
      to: { type: 'time', description: 'Events starting at or before this time' },
      bbox: { type: 'bbox', description: 'Representative position inside west,south,east,north' },
      mmsi: { type: 'integer', description: 'Events involving this vessel (either side of an encounter)', minimum: 0, maximum: 999_999_999 },
      zone: { type: 'string', description: 'Events concerning this zone or port id', maxLength: 200 },
      min_confidence: { type: 'number', description: 'Lowest confidence (0–1)', minimum: 0, maximum: 1 },
      cursor: { type: 'string', description: 'Cursor from the previous page\'s `next`', maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' },
      limit: { type: 'integer', description: 'Page size', minimum: 1, maximum: 1000, default: 100 },
      format: { type: 'string', description: 'json, geojson or csv', enum: ['json', 'geojson', 'csv'], default: 'json' },
    },
    responses: { '200': { description: 'A page of events', schema: ref('EventPage') }, ...ERROR_RESPONSES },
    async handler({ query, raw }, app) {
      const q: EventQuery = { limit: query.limit as number };
      if (query.types !== undefined) q.types = query.types as EventType[];
      if (query.from !== undefined) q.from = query.from as number;
      if (query.to !== undefined) q.to = query.to as number;
      if (query.bbox !== undefined) q.bbox = query.bbox as BBox;
      if (query.mmsi !== undefined) q.mmsi = query.mmsi as number;
      if (query.zone !== undefined) q.zone = query.zone as string;
      if (query.min_confidence !== undefined) q.minConfidence = query.min_confidence as number;
      if (query.cursor !== undefined) q.cursor = query.cursor as string;
      let page;
      try {
        page = await app.store.events(q);
      } catch (err) {
        if (err instanceof RangeError) throw new HttpError(400, "parameter 'cursor' is not a cursor this server issued");
        throw err;
      }
      const events = page.items.map((x) => x.event);
      let nextUrl: string | null = null;
      if (page.next) {
        const u = new URL(raw.url ?? '/api/events', 'http://x');
        u.searchParams.set('cursor', page.next);
        nextUrl = u.pathname + u.search;
      }
      const headers: Record<string, string> = {};
      if (page.next && nextUrl) {
        headers['x-next-cursor'] = page.next;
        headers.link = `<${nextUrl}>; rel="next"`;
      }
      if (query.format === 'csv') return { body: eventsCsv(events), contentType: 'text/csv; charset=utf-8', headers };
      if (query.format === 'geojson') return { json: { ...eventsGeoJson(events), next: page.next ?? null, next_url: nextUrl }, contentType: 'application/geo+json', headers };
      return { json: { items: events, next: page.next ?? null, next_url: nextUrl }, headers };
    },
  },
  {
    method: 'GET', path: '/api/events/{id}', tag: 'events',
    summary: 'One event by its id',
    params: { id: { type: 'string', description: 'Event id', pattern: '^[a-z_]+-[0-9a-f]{16}$', maxLength: 64 } },
    responses: { '200': { description: 'The event', schema: ref('Event') }, '404': { description: 'No such event', schema: ref('Error') }, ...ERROR_RESPONSES },
    async handler({ params }, app) {
      const e = await app.store.event(params.id as string);
      if (!e) throw new HttpError(404, `no event with id ${params.id as string}`);
      return { json: e.event, headers: { 'x-event-seq': String(e.seq) } };
    },
  },
];
