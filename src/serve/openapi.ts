/** The OpenAPI 3.1 document, built from the registered routes and the shared schemas, and a readable HTML reference. */
import type { ParamSpec, Route } from './http.js';
import type { JsonSchema } from './schema.js';
import { SCHEMAS } from './schemas.js';

function paramSchema(p: ParamSpec): JsonSchema {
  switch (p.type) {
    case 'time': return { type: 'string', description: 'ISO 8601 time or epoch milliseconds', examples: ['2024-01-01T00:00:00Z'] };
    case 'bbox': return { type: 'string', pattern: '^-?[\\d.]+,-?[\\d.]+,-?[\\d.]+,-?[\\d.]+$', examples: ['4.5,57.5,12.5,63'] };
    case 'csv': return { type: 'string', ...(p.enum ? { description: `Comma-separated: ${p.enum.join(', ')}` } : {}) };
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean': {
      const s: JsonSchema = { type: p.type };
      if (p.enum) s.enum = p.enum;
      if (p.minimum !== undefined) s.minimum = p.minimum;
      if (p.maximum !== undefined) s.maximum = p.maximum;
      if (p.pattern) s.pattern = p.pattern;
      if (p.maxLength !== undefined) s.maxLength = p.maxLength;
      if (p.default !== undefined) s.default = p.default;
      return s;
    }
  }
}

/** Build the OpenAPI 3.1 document. */
export function openApiDocument(routes: readonly Route[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const parameters = [
      ...Object.entries(r.params ?? {}).map(([name, p]) => ({ name, in: 'path', required: true, description: p.description, schema: paramSchema(p) })),
      ...Object.entries(r.query ?? {}).map(([name, p]) => ({ name, in: 'query', required: p.required ?? false, description: p.description, schema: paramSchema(p) })),
    ];
    const responses: Record<string, unknown> = {};
    for (const [code, spec] of Object.entries(r.responses)) {
      responses[code] = spec.schema || spec.contentType
        ? { description: spec.description, content: { [spec.contentType ?? 'application/json']: spec.schema ? { schema: spec.schema } : {} } }
        : { description: spec.description };
    }
    const op: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${r.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: r.summary, tags: [r.tag], parameters, responses,
    };
    if (r.description) op.description = r.description;
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: r.body } } };
    if (r.rawBody) op.requestBody = { required: true, content: { 'text/plain': { schema: { type: 'string' } } } };
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lookout API', version: '0.1.0',
      description: 'The HTTP API of `lookout serve`: vessels, tracks, events, zones, ports, sources and operations. The live stream is a WebSocket at /api/live (see docs/api.md).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: SCHEMAS },
  };
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A self-contained HTML reference page (no scripts, no external assets). */
export function docsPage(routes: readonly Route[]): string {
  const byTag = new Map<string, Route[]>();
  for (const r of routes) (byTag.get(r.tag) ?? byTag.set(r.tag, []).get(r.tag)!).push(r);
  const sections = [...byTag].map(([tag, rs]) => `<h2>${esc(tag)}</h2>${rs.map((r) => {
    const params = [...Object.entries(r.params ?? {}).map(([n, p]) => [n, 'path', p] as const), ...Object.entries(r.query ?? {}).map(([n, p]) => [n, 'query', p] as const)];
    const rows = params.map(([n, where, p]) => `<tr><td><code>${esc(n)}</code></td><td>${where}</td><td>${esc(p.type)}${p.enum ? ` (${esc(p.enum.join(' | '))})` : ''}${p.default !== undefined ? `, default <code>${esc(String(p.default))}</code>` : ''}${p.required ? ', required' : ''}</td><td>${esc(p.description)}</td></tr>`).join('');
    const codes = Object.entries(r.responses).map(([c, s]) => `<code>${c}</code> ${esc(s.description)}`).join('; ');
    return `<section><h3><span class="m ${r.method}">${r.method}</span> <code>${esc(r.path)}</code></h3><p>${esc(r.summary)}.</p>${r.description ? `<p>${esc(r.description)}</p>` : ''}${rows ? `<table><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr>${rows}</table>` : ''}${r.body ? '<p>Body: JSON, see <a href="/api/openapi.json">the OpenAPI document</a>.</p>' : ''}<p class="r">Responses: ${codes}</p></section>`;
  }).join('')}`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lookout API reference</title><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#1b1f24}@media (prefers-color-scheme:dark){body{background:#111418;color:#dde3ea}table td,table th{border-color:#333}}
code{font-family:ui-monospace,monospace}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccd;padding:.2em .5em;text-align:left;vertical-align:top}
.m{display:inline-block;min-width:4em;font-size:.8em;padding:.1em .4em;border-radius:3px;color:#fff;background:#2b6cb0}.m.POST{background:#2f855a}.m.DELETE{background:#c53030}.r{color:#667}section{border-top:1px solid #ccd;padding-top:.5em}</style></head>
<body><h1>Lookout API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>{"error":{"status","message"}}</code> with a reason. Times are ISO 8601 UTC (inputs also accept epoch milliseconds).</p>
<p>Live stream: WebSocket <code>/api/live?bbox=w,s,e,n&amp;cursor=SEQ&amp;types=…&amp;positions=true</code> — messages <code>hello</code>, <code>event</code> (with <code>seq</code>), <code>snapshot</code>, <code>positions</code>; send <code>{"type":"subscribe","bbox":[w,s,e,n]}</code> to move the viewport. Reconnect with the last <code>seq</code> as <code>cursor</code> to miss nothing.</p>
${sections}</body></html>`;
}
