/**
 * Ports CSV parser (pure, from a string): `name,lat,lon,radius_m,country,unlocode,tags`, tags
 * separated by `;`. A header row is optional; with one, columns may come in any order and the
 * extra columns `id` and `source` are read too. Each bad row is reported with its line number
 * and reason and skipped; the rest load.
 */
import type { Port } from './types.js';

/** The user format's columns, in order (a file without a header must use this order). */
export const PORT_COLUMNS = ['name', 'lat', 'lon', 'radius_m', 'country', 'unlocode', 'tags'] as const;
/** Radius given to a port whose row leaves radius_m empty, metres. */
export const DEFAULT_PORT_RADIUS_M = 2000;
/** Largest radius accepted, metres (a port area, not a sea). */
export const MAX_PORT_RADIUS_M = 100_000;

export interface RowError {
  /** 1-based line number in the input. */
  line: number;
  reason: string;
}

export interface ParsedPorts {
  ports: Port[];
  errors: RowError[];
}

export interface ParsePortsOptions {
  /** Port.source for rows without a `source` column (default `user`). */
  source?: string;
  /** Tags added to every port (e.g. `user`). */
  addTags?: readonly string[];
}

/** Split one CSV line into fields (RFC 4180 quotes, `""` escapes); undefined if a quote is left open. */
export function splitCsvLine(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (true) {
    if (line[i] === '"') {
      let v = '';
      i++;
      while (true) {
        const q = line.indexOf('"', i);
        if (q < 0) return undefined;
        v += line.slice(i, q);
        if (line[q + 1] === '"') { v += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
      out.push(v);
      if (i >= line.length) return out;
      if (line[i] !== ',') return undefined;
      i++;
    } else {
      const c = line.indexOf(',', i);
      if (c < 0) { out.push(line.slice(i)); return out; }
      out.push(line.slice(i, c));
      i = c + 1;
    }
  }
}

/** Lower-case slug of free text: letters and digits joined by `-`. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const UNLOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;
const TAG = /^[a-z0-9][a-z0-9_:.-]*$/;

/** Parse a ports CSV; never throws on bad rows. */
export function parsePortsCsv(text: string, opts: ParsePortsOptions = {}): ParsedPorts {
  const source = opts.source ?? 'user';
  const ports: Port[] = [];
  const errors: RowError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let cols: string[] = [...PORT_COLUMNS];
  const usedIds = new Map<string, number>();
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const lineNo = n + 1;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields = splitCsvLine(line);
    if (!fields) { errors.push({ line: lineNo, reason: 'unbalanced quotes' }); continue; }
    const cells = fields.map((f) => f.trim());
    if (ports.length === 0 && errors.length === 0 && cells.some((c) => c.toLowerCase() === 'lat') && cells.some((c) => c.toLowerCase() === 'name')) {
      cols = cells.map((c) => c.toLowerCase());
      const missing = ['name', 'lat', 'lon'].filter((c) => !cols.includes(c));
      if (missing.length) { errors.push({ line: lineNo, reason: `header lacks ${missing.join(', ')}` }); return { ports, errors }; }
      continue;
    }
    if (cells.length > cols.length) { errors.push({ line: lineNo, reason: `${cells.length} fields, expected at most ${cols.length}` }); continue; }
    const get = (name: string): string => {
      const k = cols.indexOf(name);
      return k >= 0 && k < cells.length ? cells[k] : '';
    };
    const result = toPort(get, source, opts.addTags ?? []);
    if (typeof result === 'string') { errors.push({ line: lineNo, reason: result }); continue; }
    // Ids are unique within one file: later duplicates get -2, -3, …
    const seen = usedIds.get(result.id) ?? 0;
    usedIds.set(result.id, seen + 1);
    if (seen > 0) result.id = `${result.id}-${seen + 1}`;
    ports.push(result);
  }
  return { ports, errors };
}

/** One row to a Port, or the reason it is rejected. */
function toPort(get: (name: string) => string, defaultSource: string, addTags: readonly string[]): Port | string {
  const name = get('name');
  if (!name) return 'name is empty';
  const latText = get('lat'), lonText = get('lon');
  const lat = Number(latText), lon = Number(lonText);
  if (latText === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) return `lat "${latText}" is not a latitude in [-90, 90]`;
  if (lonText === '' || !Number.isFinite(lon) || lon < -180 || lon > 180) return `lon "${lonText}" is not a longitude in [-180, 180]`;
  const rText = get('radius_m');
  const radius = rText === '' ? DEFAULT_PORT_RADIUS_M : Number(rText);
  if (!Number.isFinite(radius) || radius <= 0 || radius > MAX_PORT_RADIUS_M) return `radius_m "${rText}" is not in (0, ${MAX_PORT_RADIUS_M}]`;
  const country = get('country').toUpperCase();
  if (country !== '' && !COUNTRY.test(country)) return `country "${get('country')}" is not an ISO 3166-1 alpha-2 code`;
  const unlocode = get('unlocode').toUpperCase().replace(/\s+/g, '');
  if (unlocode !== '' && !UNLOCODE.test(unlocode)) return `unlocode "${get('unlocode')}" is not a UN/LOCODE (5 characters)`;
  const tags: string[] = [];
  for (const raw of get('tags').split(';')) {
    const t = raw.trim().toLowerCase();
    if (t === '') continue;
    if (!TAG.test(t)) return `tag "${raw.trim()}" has characters other than a-z 0-9 _ : . -`;
    if (!tags.includes(t)) tags.push(t);
  }
  for (const t of addTags) if (!tags.includes(t)) tags.push(t);
  const idText = get('id');
  const id = idText !== '' ? idText : unlocode !== '' ? unlocode : `${(country || 'xx').toLowerCase()}-${slug(name) || 'port'}`;
  const port: Port = { id, name, lat, lon: lon === 180 ? -180 : lon, radius_m: radius, tags, source: get('source') || defaultSource };
  if (country) port.country = country;
  if (unlocode) port.unlocode = unlocode;
  return port;
}
