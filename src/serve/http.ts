/**
 * The route contract of the HTTP API: a route module exports `routes: Route[]`; the server
 * matches method and path, validates path, query and body against the route's declared
 * parameters (answering 400 with a reason when they do not fit), then calls the handler.
 * The same declarations produce /api/openapi.json. docs/api.md, "How to add a route".
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { JsonSchema } from './schema.js';
import type { AppContext } from './context.js';

/**
 * A query or path parameter. Besides the JSON types, `time` accepts ISO 8601 or epoch
 * milliseconds (→ number, ms), `bbox` accepts `west,south,east,north` (→ [w,s,e,n]) and
 * `csv` a comma-separated list (→ string[]).
 */
export interface ParamSpec {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'time' | 'bbox' | 'csv';
  description: string;
  required?: boolean;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  maxLength?: number;
  default?: string | number | boolean;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a handler receives: validated and converted inputs. */
export interface RouteInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  headers: IncomingHttpHeaders;
  raw: IncomingMessage;
}

/** What a handler returns: JSON (default), or text/bytes with a content type. */
export interface Reply {
  status?: number;
  json?: unknown;
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One documented response of a route, for OpenAPI. */
export interface ResponseSpec {
  description: string;
  schema?: JsonSchema;
  /** Content type when not application/json. */
  contentType?: string;
}

/** One endpoint. */
export interface Route {
  method: Method;
  /** Path with `{name}` placeholders, e.g. `/api/vessels/{mmsi}`. */
  path: string;
  summary: string;
  description?: string;
  /** OpenAPI tag (groups the reference page). */
  tag: string;
  params?: Record<string, ParamSpec>;
  query?: Record<string, ParamSpec>;
  /** JSON request body schema (validated before the handler runs). */
  body?: JsonSchema;
  /** Largest accepted body, bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Accept a non-JSON body (e.g. text/csv): the handler gets the raw string. */
  rawBody?: boolean;
  responses: Record<string, ResponseSpec>;
  handler(input: RouteInput, app: AppContext): Reply | Promise<Reply>;
}

/** An error answered as `{ error: { status, message } }` with that HTTP status. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Convert and check one raw parameter value against its spec; throws HttpError(400). */
export function parseParam(name: string, raw: string, spec: ParamSpec): unknown {
  const bad = (why: string): never => { throw new HttpError(400, `parameter '${name}' ${why}`); };
  if (spec.maxLength !== undefined && raw.length > spec.maxLength) bad(`must have at most ${spec.maxLength} characters`);
  switch (spec.type) {
    case 'string':
      if (spec.enum && !spec.enum.includes(raw)) bad(`must be one of ${spec.enum.join(', ')}`);
      if (spec.pattern && !new RegExp(spec.pattern).test(raw)) bad(`must match ${spec.pattern}`);
      return raw;
    case 'integer':
    case 'number': {
      if (raw.trim() === '' || !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw.trim())) bad(`must be a ${spec.type}, got '${raw}'`);
      const n = Number(raw);
      if (spec.type === 'integer' && !Number.isInteger(n)) bad(`must be an integer, got '${raw}'`);
      if (spec.minimum !== undefined && n < spec.minimum) bad(`must be ≥ ${spec.minimum}`);
      if (spec.maximum !== undefined && n > spec.maximum) bad(`must be ≤ ${spec.maximum}`);
      return n;
    }
    case 'boolean':
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      return bad(`must be true or false, got '${raw}'`);
    case 'time': {
      if (/^-?\d{1,15}$/.test(raw)) return Number(raw);
      if (!ISO.test(raw)) bad(`must be an ISO 8601 time or epoch milliseconds, got '${raw}'`);
      const t = Date.parse(raw);
      if (Number.isNaN(t)) bad(`is not a valid time: '${raw}'`);
      return t;
    }
    case 'bbox': {
      const parts = raw.split(',');
      if (parts.length !== 4 || parts.some((p) => p.trim() === '' || !Number.isFinite(Number(p)))) bad('must be west,south,east,north in degrees');
      const [w, s, e, n] = parts.map(Number) as [number, number, number, number];
      if (w < -180 || w > 180 || e < -180 || e > 180) bad('longitudes must be within -180..180');
      if (s < -90 || s > 90 || n < -90 || n > 90) bad('latitudes must be within -90..90');
      if (s > n) bad('south must not exceed north');
      return [w, s, e, n];
    }
    case 'csv': {
      const items = raw.split(',').map((x) => x.trim()).filter((x) => x !== '');
      if (spec.enum) for (const x of items) if (!spec.enum.includes(x)) bad(`has '${x}', expected any of ${spec.enum.join(', ')}`);
      if (spec.pattern) for (const x of items) if (!new RegExp(spec.pattern).test(x)) bad(`has '${x}', which does not match ${spec.pattern}`);
      return items;
    }
  }
}

/** A compiled path pattern. */
export interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

/** Compile `/api/x/{id}` into a regex with named segments. */
export function compileRoute(route: Route): CompiledRoute {
  const names: string[] = [];
  const src = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, n: string) => {
    names.push(n);
    return '([^/]+)';
  });
  return { route, regex: new RegExp(`^${src}$`), names };
}
