/**
 * Screening on demand: `POST /api/match` in the spirit of yente's `/match` (FtM-like queries
 * in, scored candidates with per-feature explanations out), `POST /api/match/csv` for a batch
 * CSV (`id,schema,name,imo,mmsi,callsign,flag,country,birth_date`) answered as JSON lines, and
 * `GET /api/lists` for what is loaded. The screener is built from the stored lists once and
 * rebuilt when a list is re-imported.
 */
import { HttpError } from '../http.js';
import type { Route } from '../http.js';
import type { AppContext } from '../context.js';
import { ERROR_RESPONSES } from '../schemas.js';
import type { JsonSchema } from '../schema.js';
import { queryFromRow, type MatchResult } from '../../screen/matcher.js';
import { parseCsvObjects } from '../../screen/text.js';
import { ListStore, StoredListsScreener } from '../../store/lists/lists-store.js';

const SERVICE = 'screening';

/** The shared screener of this server (created on first use from the store's database). */
export function screenerOf(app: AppContext): StoredListsScreener {
  const existing = app.services.get(SERVICE);
  if (existing instanceof StoredListsScreener) return existing;
  if (!app.db) throw new HttpError(503, 'screening needs the SQLite store');
  const s = new StoredListsScreener(new ListStore(app.db));
  app.services.set(SERVICE, s);
  return s;
}

const VALUES: JsonSchema = { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 500 } };
const QUERY: JsonSchema = {
  type: 'object',
  required: ['properties'],
  properties: {
    schema: { type: 'string', enum: ['Thing', 'Vessel', 'Person', 'Organization', 'Company', 'LegalEntity', 'Asset', 'Airplane'] },
    properties: {
      type: 'object',
      description: 'FtM property values: name, alias, previousName, imoNumber, mmsi, callSign, flag, country, nationality, birthDate, gender',
      properties: {
        name: VALUES, alias: VALUES, previousName: VALUES, imoNumber: VALUES, mmsi: VALUES, callSign: VALUES, flag: VALUES,
        country: VALUES, nationality: VALUES, birthDate: VALUES, gender: VALUES,
      },
      additionalProperties: false,
    },
  },
};
const BODY: JsonSchema = {
  type: 'object',
  required: ['queries'],
  properties: { queries: { type: 'object', description: 'Your key → an FtM-like query (at most 100)', additionalProperties: QUERY } },
};

const THRESHOLDS = {
  limit: { type: 'integer', description: 'Results per query', minimum: 1, maximum: 500, default: 5 },
  threshold: { type: 'number', description: 'Match threshold (score at or above is "match")', minimum: 0, maximum: 1 },
  review: { type: 'number', description: 'Review threshold (lowest score returned)', minimum: 0, maximum: 1 },
} as const;

function resultJson(r: MatchResult, threshold: number): Record<string, unknown> {
  return { id: r.entity_id, entity_id: r.entity_id, schema: r.schema, caption: r.name, name: r.name, datasets: r.lists, lists: r.lists, score: r.score, match: r.score >= threshold && r.decision === 'match', decision: r.decision, explanations: r.explanation, matched_fields: r.matched_fields, programs: r.programs, authorities: r.authorities, ...(r.ownership ? { ownership: r.ownership } : {}) };
}

function config(query: Record<string, unknown>): { limit: number; matchThreshold?: number; reviewThreshold?: number } {
  const c: { limit: number; matchThreshold?: number; reviewThreshold?: number } = { limit: (query['limit'] as number | undefined) ?? 5 };
  if (typeof query['threshold'] === 'number') c.matchThreshold = query['threshold'];
  if (typeof query['review'] === 'number') c.reviewThreshold = query['review'];
  return c;
}

export const routes: Route[] = [
  {
    method: 'POST',
    path: '/api/match',
    tag: 'screening',
    summary: 'Screen entities against the sanctions lists (yente /match style)',
    description: 'Body `{"queries": {"q1": {"schema": "Vessel", "properties": {"name": ["…"], "imoNumber": ["…"]}}}}`. Each result carries `score`, `decision` (match|review), `match`, and `explanations` per feature.',
    query: THRESHOLDS,
    body: BODY,
    maxBodyBytes: 1 << 20,
    responses: { '200': { description: '`{"responses": {key: {"query", "results", "total"}}, "limit"}`' }, ...ERROR_RESPONSES },
    handler({ body, query }, app) {
      const queries = (body as { queries: Record<string, { schema?: string; properties: Record<string, string[]> }> }).queries;
      const keys = Object.keys(queries);
      if (keys.length > 100) throw new HttpError(400, 'at most 100 queries per request');
      const screener = screenerOf(app);
      const cfg = config(query);
      const threshold = cfg.matchThreshold ?? screener.current().config.matchThreshold;
      const responses: Record<string, unknown> = {};
      for (const k of keys) {
        const q = queries[k];
        const schema = q.schema === 'Thing' ? undefined : q.schema;
        const results = screener.match({ schema, properties: q.properties }, cfg);
        responses[k] = { status: 200, query: q, results: results.map((r) => resultJson(r, threshold)), total: { value: results.length, relation: 'eq' } };
      }
      return { json: { responses, limit: cfg.limit } };
    },
  },
  {
    method: 'POST',
    path: '/api/match/csv',
    tag: 'screening',
    summary: 'Batch screening of a CSV (id,schema,name,imo,mmsi,callsign,flag,country,birth_date)',
    description: 'Send the CSV as the body (text/csv). The answer has one JSON line per row: `{"id", "matches": [{"entity_id", "schema", "name", "lists", "score", "decision", "explanation"}]}`, best first.',
    query: THRESHOLDS,
    rawBody: true,
    maxBodyBytes: 16 << 20,
    responses: { '200': { description: 'JSON lines, one per CSV row', contentType: 'application/x-ndjson' }, ...ERROR_RESPONSES },
    handler({ body, query }, app) {
      const text = typeof body === 'string' ? body : '';
      const rows = parseCsvObjects(text);
      if (rows.length === 0) throw new HttpError(400, 'empty CSV: expected a header row id,schema,name,imo,mmsi,callsign,flag,country,birth_date and data rows');
      if (!text.split(/\r?\n/, 1)[0].split(',').some((h) => ['name', 'imo', 'mmsi', 'callsign'].includes(h.trim()))) throw new HttpError(400, 'the CSV header needs at least one of name, imo, mmsi, callsign');
      if (rows.length > 100_000) throw new HttpError(400, 'at most 100000 rows per request');
      const screener = screenerOf(app);
      const cfg = config(query);
      const lines = rows.map((r, i) => {
        const matches = screener.match(queryFromRow(r), cfg);
        return JSON.stringify({
          id: r['id']?.trim() || String(i + 1),
          matches: matches.map((m) => ({ entity_id: m.entity_id, schema: m.schema, name: m.name, lists: m.lists, score: m.score, decision: m.decision, explanation: m.explanation })),
        });
      });
      return { body: lines.join('\n') + '\n', contentType: 'application/x-ndjson' };
    },
  },
  {
    method: 'GET',
    path: '/api/lists',
    tag: 'screening',
    summary: 'The sanctions lists loaded into the store, with counts by schema',
    responses: { '200': { description: '`{"lists": [...]}`' }, ...ERROR_RESPONSES },
    handler(_input, app) {
      if (!app.db) throw new HttpError(503, 'lists need the SQLite store');
      return { json: { lists: new ListStore(app.db).status() } };
    },
  },
];
