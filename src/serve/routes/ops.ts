/** Operations: liveness, readiness, Prometheus metrics, a status summary, the OpenAPI document and reference page, basemap layers. */
import { readFileSync } from 'node:fs';
import { HttpError } from '../http.js';
import type { Route } from '../http.js';
import { docsPage, openApiDocument } from '../openapi.js';

let openApiCache: { routes: readonly Route[]; text: string } | undefined;

export const routes: Route[] = [
  {
    method: 'GET', path: '/healthz', tag: 'operations', summary: 'Liveness: the process answers',
    responses: { '200': { description: 'Alive' } },
    handler(_i, app) {
      return { json: { status: 'ok', uptime_s: Math.round((Date.now() - app.startedAt) / 1000) } };
    },
  },
  {
    method: 'GET', path: '/readyz', tag: 'operations', summary: 'Readiness: store open and detection primed',
    responses: { '200': { description: 'Ready' }, '503': { description: 'Starting' } },
    handler(_i, app) {
      const ready = app.ingest.ready();
      return { status: ready ? 200 : 503, json: { status: ready ? 'ready' : 'starting' } };
    },
  },
  {
    method: 'GET', path: '/metrics', tag: 'operations', summary: 'Prometheus metrics (text exposition format)',
    responses: { '200': { description: 'Metrics', contentType: 'text/plain; version=0.0.4' } },
    handler(_i, app) {
      return { body: app.metrics.render({ lookout_decode_errors: 'reason', lookout_messages_rejected: 'reason', lookout_events: 'type', lookout_source_lines: 'source', lookout_source_messages: 'source', lookout_source_dropped: 'source' }), contentType: 'text/plain; version=0.0.4; charset=utf-8' };
    },
  },
  {
    method: 'GET', path: '/api/status', tag: 'operations', summary: 'Summary: vessels, positions and events stored, ingest counters',
    responses: { '200': { description: 'Status' } },
    async handler(_i, app) {
      const stats = await app.store.stats();
      return { json: { ready: app.ingest.ready(), finished: app.ingest.finished(), live_vessels: app.live.size, store: stats, ingest: app.ingest.counters(), started: new Date(app.startedAt).toISOString() } };
    },
  },
  {
    method: 'GET', path: '/api/openapi.json', tag: 'operations', summary: 'This API as an OpenAPI 3.1 document',
    responses: { '200': { description: 'OpenAPI document' } },
    handler(_i, app) {
      if (openApiCache?.routes !== app.routes) openApiCache = { routes: app.routes, text: JSON.stringify(openApiDocument(app.routes)) };
      return { body: openApiCache.text, contentType: 'application/json' };
    },
  },
  {
    method: 'GET', path: '/api/docs', tag: 'operations', summary: 'A readable reference of this API',
    responses: { '200': { description: 'HTML page', contentType: 'text/html' } },
    handler(_i, app) {
      return { body: docsPage(app.routes), contentType: 'text/html; charset=utf-8' };
    },
  },
  {
    method: 'GET', path: '/api/basemap', tag: 'reference', summary: 'The offline basemap layers available (names and URLs)',
    responses: { '200': { description: 'Layer names → URLs' } },
    handler(_i, app) {
      return { json: Object.fromEntries(Object.keys(app.basemap).map((k) => [k, `/api/basemap/${k}`])) };
    },
  },
  {
    method: 'GET', path: '/api/basemap/{layer}', tag: 'reference', summary: 'One offline basemap layer (GeoJSON or CSV as bundled)',
    params: { layer: { type: 'string', description: 'Layer name from /api/basemap', pattern: '^[A-Za-z0-9_-]{1,40}$' } },
    responses: { '200': { description: 'The layer' }, '404': { description: 'No such layer' } },
    handler({ params }, app) {
      const file = app.basemap[params.layer as string];
      if (!file) throw new HttpError(404, `no basemap layer '${params.layer as string}' (see /api/basemap)`);
      const type = file.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/geo+json';
      return { body: readFileSync(file), contentType: type, headers: { 'cache-control': 'public, max-age=3600' } };
    },
  },
];
