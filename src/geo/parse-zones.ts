/**
 * Zones GeoJSON parser (pure, from a string): a FeatureCollection of Polygon/MultiPolygon
 * features with `id` and `name` properties (`id` may also be the feature's own id). Optional
 * properties: `kind`, `tags` (array or `;`-separated string), `gates` (array of {name, lat, lon}).
 * Each bad feature is reported with its index and reason and skipped.
 */
import type { PolygonCoords, Ring, Zone, ZoneGeometry, ZoneKind } from './types.js';

export const ZONE_KINDS: readonly ZoneKind[] = ['strait', 'territorial_sea', 'eez', 'sea', 'area', 'user'];

export interface FeatureError {
  /** 0-based index of the feature in the collection (-1: the document itself). */
  feature: number;
  reason: string;
}

export interface ParsedZones {
  zones: Zone[];
  errors: FeatureError[];
}

export interface ParseZonesOptions {
  /** Zone.source for features without a `source` property (default `user`). */
  source?: string;
  /** Kind for features without a `kind` property (default `user`). */
  defaultKind?: ZoneKind;
  /** Tags added to every zone. */
  addTags?: readonly string[];
}

/** Parse a zones GeoJSON document; never throws on bad features. */
export function parseZonesGeoJson(text: string, opts: ParseZonesOptions = {}): ParsedZones {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { zones: [], errors: [{ feature: -1, reason: `not JSON: ${(e as Error).message}` }] };
  }
  return zonesFromGeoJson(doc, opts);
}

/** Validate an already-parsed GeoJSON value (FeatureCollection, or a single Feature). */
export function zonesFromGeoJson(doc: unknown, opts: ParseZonesOptions = {}): ParsedZones {
  const zones: Zone[] = [];
  const errors: FeatureError[] = [];
  const d = doc as { type?: unknown; features?: unknown };
  let features: unknown[];
  if (d && typeof d === 'object' && d.type === 'FeatureCollection' && Array.isArray(d.features)) features = d.features;
  else if (d && typeof d === 'object' && d.type === 'Feature') features = [d];
  else return { zones, errors: [{ feature: -1, reason: 'not a GeoJSON FeatureCollection' }] };
  const ids = new Set<string>();
  features.forEach((f, i) => {
    const z = toZone(f, opts);
    if (typeof z === 'string') { errors.push({ feature: i, reason: z }); return; }
    if (ids.has(z.id)) { errors.push({ feature: i, reason: `duplicate id "${z.id}"` }); return; }
    ids.add(z.id);
    zones.push(z);
  });
  return { zones, errors };
}

function toZone(f: unknown, opts: ParseZonesOptions): Zone | string {
  if (!f || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') return 'not a Feature';
  const feat = f as { id?: unknown; properties?: unknown; geometry?: unknown };
  const props = (feat.properties && typeof feat.properties === 'object' ? feat.properties : {}) as Record<string, unknown>;
  const rawId = props.id ?? feat.id;
  const id = typeof rawId === 'number' && Number.isFinite(rawId) ? String(rawId) : typeof rawId === 'string' ? rawId.trim() : '';
  if (!id) return 'id is missing (properties.id or the feature id)';
  const name = typeof props.name === 'string' ? props.name.trim() : '';
  if (!name) return `zone "${id}": name is missing`;
  let kind: ZoneKind = opts.defaultKind ?? 'user';
  if (props.kind !== undefined) {
    if (typeof props.kind !== 'string' || !(ZONE_KINDS as readonly string[]).includes(props.kind)) {
      return `zone "${id}": kind ${JSON.stringify(props.kind)} is not one of ${ZONE_KINDS.join(', ')}`;
    }
    kind = props.kind as ZoneKind;
  }
  const tags: string[] = [];
  const rawTags = typeof props.tags === 'string' ? props.tags.split(';') : Array.isArray(props.tags) ? props.tags : props.tags === undefined ? [] : null;
  if (rawTags === null) return `zone "${id}": tags must be an array or a ;-separated string`;
  for (const t of rawTags) {
    if (typeof t !== 'string') return `zone "${id}": a tag is not a string`;
    const v = t.trim().toLowerCase();
    if (v && !tags.includes(v)) tags.push(v);
  }
  for (const t of opts.addTags ?? []) if (!tags.includes(t)) tags.push(t);
  const geometry = toGeometry(feat.geometry);
  if (typeof geometry === 'string') return `zone "${id}": ${geometry}`;
  const zone: Zone = { id, name, kind, geometry, tags, source: typeof props.source === 'string' && props.source ? props.source : opts.source ?? 'user' };
  if (props.gates !== undefined) {
    const gates = toGates(props.gates);
    if (typeof gates === 'string') return `zone "${id}": ${gates}`;
    zone.gates = gates;
  }
  return zone;
}

function toGates(v: unknown): { name: string; lat: number; lon: number }[] | string {
  if (!Array.isArray(v) || v.length < 2) return 'gates must be an array of at least two {name, lat, lon}';
  const out: { name: string; lat: number; lon: number }[] = [];
  for (const g of v) {
    const o = g as { name?: unknown; lat?: unknown; lon?: unknown };
    if (!o || typeof o.name !== 'string' || !o.name || !isLat(o.lat) || !isLon(o.lon)) return 'each gate needs a name, lat in [-90, 90] and lon in [-180, 180]';
    out.push({ name: o.name, lat: o.lat, lon: o.lon });
  }
  return out;
}

const isLat = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= -90 && v <= 90;
const isLon = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= -540 && v <= 540;

function toRing(v: unknown, where: string): Ring | string {
  if (!Array.isArray(v) || v.length < 4) return `${where}: a ring needs at least 4 positions`;
  const ring: Ring = [];
  for (const p of v) {
    if (!Array.isArray(p) || p.length < 2 || !isLon(p[0]) || !isLat(p[1])) return `${where}: bad position ${JSON.stringify(p)?.slice(0, 40)}`;
    ring.push([p[0], p[1]]);
  }
  return ring;
}

function toPolygon(v: unknown, where: string): PolygonCoords | string {
  if (!Array.isArray(v) || v.length === 0) return `${where}: a polygon needs at least one ring`;
  const rings: PolygonCoords = [];
  for (const r of v) {
    const ring = toRing(r, where);
    if (typeof ring === 'string') return ring;
    rings.push(ring);
  }
  return rings;
}

function toGeometry(g: unknown): ZoneGeometry | string {
  const geom = g as { type?: unknown; coordinates?: unknown } | null;
  if (!geom || typeof geom !== 'object') return 'geometry is missing';
  if (geom.type === 'Polygon') {
    const p = toPolygon(geom.coordinates, 'Polygon');
    return typeof p === 'string' ? p : { type: 'Polygon', coordinates: p };
  }
  if (geom.type === 'MultiPolygon') {
    if (!Array.isArray(geom.coordinates) || geom.coordinates.length === 0) return 'MultiPolygon has no polygons';
    const polys: PolygonCoords[] = [];
    for (const c of geom.coordinates) {
      const p = toPolygon(c, 'MultiPolygon');
      if (typeof p === 'string') return p;
      polys.push(p);
    }
    return { type: 'MultiPolygon', coordinates: polys };
  }
  return `geometry type ${JSON.stringify(geom.type)} is not Polygon or MultiPolygon`;
}
