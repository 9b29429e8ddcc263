/**
 * The HTTP server of `lookout serve`: node:http, the routes of src/serve/routes (validated
 * inputs, JSON errors with reasons), static files of the web UI, and the live WebSocket.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { existsSync, statSync, createReadStream } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { compileRoute, HttpError, parseParam } from './http.js';
import type { CompiledRoute, Reply, Route } from './http.js';
import type { AppContext } from './context.js';
import type { LiveStream } from './live-stream.js';
import { validate } from './schema.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.geojson': 'application/geo+json', '.map': 'application/json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8', '.wasm': 'application/wasm', '.pbf': 'application/x-protobuf',
};

const NO_UI = `<!doctype html><html><head><meta charset="utf-8"><title>Lookout</title><link rel="icon" href="data:,"></head>
<body style="font-family:system-ui;max-width:40em;margin:3em auto"><h1>Lookout</h1>
<p>The web UI has not been built (no <code>dist/web/index.html</code>). The API is running:</p>
<ul><li><a href="/api/docs">API reference</a></li><li><a href="/api/vessels?limit=20">/api/vessels</a></li>
<li><a href="/api/events">/api/events</a></li><li><a href="/api/sources">/api/sources</a></li></ul></body></html>`;

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new HttpError(413, `request body exceeds ${max} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Routes grouped for matching, compiled once. */
export class Router {
  private readonly compiled: CompiledRoute[];
  constructor(readonly routes: readonly Route[]) {
    this.compiled = routes.map(compileRoute);
  }

  /** The route for a method and path: `{ route, params }`, or the allowed methods when only the path matches. */
  match(method: string, path: string): { hit?: { c: CompiledRoute; params: Record<string, string> }; allowed: string[] } {
    const allowed: string[] = [];
    for (const c of this.compiled) {
      const m = c.regex.exec(path);
      if (!m) continue;
      if (c.route.method !== method && !(method === 'HEAD' && c.route.method === 'GET')) {
        allowed.push(c.route.method);
        continue;
      }
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
      return { hit: { c, params }, allowed };
    }
    return { allowed };
  }
}

function sendReply(res: ServerResponse, reply: Reply, head: boolean): void {
  const status = reply.status ?? 200;
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...reply.headers };
  let body: string | Buffer;
  if (reply.body !== undefined) {
    body = reply.body;
    headers['content-type'] ??= reply.contentType ?? 'text/plain; charset=utf-8';
  } else if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['content-type'] ??= reply.contentType ?? 'application/json';
  } else {
    body = '';
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(status, headers);
  res.end(head ? undefined : body);
}

function sendError(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  sendReply(res, { status, json: { error: { status, message } }, headers: extra }, false);
}

/** Serve a file under `root` for `urlPath`; SPA fallback to index.html for extension-less paths. */
function serveStatic(root: string | undefined, urlPath: string, res: ServerResponse, head: boolean): void {
  if (!root || !existsSync(join(root, 'index.html'))) {
    if (urlPath === '/' || urlPath === '/index.html') return sendReply(res, { body: NO_UI, contentType: 'text/html; charset=utf-8' }, head);
    return sendError(res, 404, `no such path: ${urlPath}`);
  }
  const base = resolve(root);
  let file = resolve(base, '.' + normalize(decodeURIComponent(urlPath)));
  if (file !== base && !file.startsWith(base + sep)) return sendError(res, 400, 'path escapes the web root');
  let st = existsSync(file) ? statSync(file) : undefined;
  if (st?.isDirectory()) {
    file = join(file, 'index.html');
    st = existsSync(file) ? statSync(file) : undefined;
  }
  if (!st) {
    if (extname(urlPath) !== '') return sendError(res, 404, `no such file: ${urlPath}`);
    file = join(base, 'index.html');
    st = statSync(file);
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': String(st.size),
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=300',
  });
  if (head) return void res.end();
  createReadStream(file).pipe(res);
}

/** Create (not start) the HTTP server for an application context, its routes and live stream. */
export function createApp(app: AppContext, routes: readonly Route[], live?: LiveStream): Server {
  const router = new Router(routes);
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const t0 = performance.now();
    const method = req.method ?? 'GET';
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendError(res, 400, 'malformed request URL');
    }
    const path = url.pathname;
    const isApi = path.startsWith('/api/') || path === '/api' || path === '/healthz' || path === '/readyz' || path === '/metrics';
    res.setHeader('access-control-allow-origin', '*');
    if (method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-methods': 'GET, POST, PUT, DELETE', 'access-control-allow-headers': 'content-type' });
      return void res.end();
    }
    if (!isApi) {
      if (method !== 'GET' && method !== 'HEAD') return sendError(res, 405, `${method} is not allowed here`, { allow: 'GET, HEAD' });
      return serveStatic(app.webRoot, path, res, method === 'HEAD');
    }
    const { hit, allowed } = router.match(method, path);
    if (!hit) {
      if (allowed.length) return sendError(res, 405, `${method} is not allowed on ${path}`, { allow: [...new Set(allowed)].join(', ') });
      return sendError(res, 404, `no such endpoint: ${path} (see /api/docs)`);
    }
    const route = hit.c.route;
    const label = `${route.method} ${route.path}`;
    try {
      const params: Record<string, unknown> = {};
      for (const [name, raw] of Object.entries(hit.params)) {
        const spec = route.params?.[name];
        params[name] = spec ? parseParam(name, raw, spec) : raw;
      }
      const query: Record<string, unknown> = {};
      for (const key of new Set(url.searchParams.keys())) {
        const spec = route.query?.[key];
        if (!spec) throw new HttpError(400, `unknown parameter '${key}' (accepted: ${Object.keys(route.query ?? {}).join(', ') || 'none'})`);
        const values = url.searchParams.getAll(key);
        if (values.length > 1) throw new HttpError(400, `parameter '${key}' is given ${values.length} times`);
        query[key] = parseParam(key, values[0], spec);
      }
      for (const [name, spec] of Object.entries(route.query ?? {})) {
        if (query[name] === undefined) {
          if (spec.required) throw new HttpError(400, `parameter '${name}' is required`);
          if (spec.default !== undefined) query[name] = spec.default;
        }
      }
      let body: unknown;
      if (route.body || route.rawBody) {
        const text = await readBody(req, route.maxBodyBytes ?? 1 << 20);
        if (route.rawBody) {
          body = text;
        } else {
          if (text.trim() === '') throw new HttpError(400, 'a JSON request body is required');
          try {
            body = JSON.parse(text);
          } catch {
            throw new HttpError(400, 'the request body is not valid JSON');
          }
          const problem = validate(route.body!, body, '$body');
          if (problem) throw new HttpError(400, problem);
        }
      }
      const reply = await route.handler({ params, query, body, headers: req.headers, raw: req }, app);
      sendReply(res, reply, method === 'HEAD');
    } catch (err) {
      if (err instanceof HttpError) sendError(res, err.status, err.message);
      else {
        app.metrics.inc('lookout_http_errors_total', 1, { route: label });
        sendError(res, 500, err instanceof Error ? `internal error: ${err.message}` : 'internal error');
      }
    } finally {
      app.metrics.observe('lookout_http_request_seconds', performance.now() - t0, { route: label });
    }
  }
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/api/live' && live) return live.upgrade(req, socket, head);
    socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
  });
  return server;
}
