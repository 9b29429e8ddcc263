/** Typed access to the `lookout serve` HTTP API (docs/api.md); every answer is checked where it enters. */

/** A vessel as the live stream sends it. */
export interface LiveVessel {
  mmsi: number; lat: number; lon: number; time: number;
  speed?: number; course?: number; heading?: number; name?: string; ship_type?: number; flag?: string; class?: string; status?: number;
}

/** A vessel as /api/vessels answers. */
export interface VesselInfo {
  mmsi: number; imo?: number; name?: string; callsign?: string; ship_type?: number; ship_category?: string; length?: number; beam?: number;
  draught?: number; destination?: string; flag?: string; class?: string; first_seen?: string; last_seen?: string; fixes?: number;
  position?: { lat: number; lon: number; time: string; speed?: number; course?: number; heading?: number; status?: number };
  identity_history?: { time: string; field: string; before?: unknown; after?: unknown }[];
}

/** An event (docs/events.md). */
export interface LookoutEvent {
  id: string; type: string; mmsi: number; other_mmsi?: number; imo?: number; name?: string;
  start: string; end: string; lat: number; lon: number; confidence: number; details: Record<string, unknown>;
}

/** A track position. */
export interface TrackPoint { time: string; lat: number; lon: number; speed?: number; course?: number; heading?: number }

export class ApiError extends Error {}

/** GET a JSON document; a non-2xx answer becomes an ApiError with the server's message. */
export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = (body as { error?: { message?: string } } | null)?.error?.message ?? res.statusText;
    throw new ApiError(`${res.status}: ${msg}`);
  }
  return body as T;
}

/** POST a JSON body. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const out: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(`${res.status}: ${(out as { error?: { message?: string } } | null)?.error?.message ?? res.statusText}`);
  return out as T;
}

/** Query string from defined values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** Vessels matching a search. */
export async function searchVessels(q: string, limit = 10): Promise<VesselInfo[]> {
  const r = await getJson<unknown>(`/api/vessels${qs({ q, limit })}`);
  return Array.isArray(r) ? r.filter(isVessel) : [];
}

/** One vessel with its identity history. */
export function vessel(mmsi: number): Promise<VesselInfo> {
  return getJson<VesselInfo>(`/api/vessels/${mmsi}`);
}

/** A vessel's stored positions, simplified on the server. */
export async function track(mmsi: number, from?: string, to?: string, maxPoints = 2000): Promise<TrackPoint[]> {
  const r = await getJson<{ positions?: unknown }>(`/api/vessels/${mmsi}/track${qs({ format: 'json', from, to, max_points: maxPoints })}`);
  return Array.isArray(r.positions) ? r.positions.filter((p): p is TrackPoint => isFiniteNum((p as TrackPoint).lat) && isFiniteNum((p as TrackPoint).lon) && typeof (p as TrackPoint).time === 'string') : [];
}

/** One page of events. */
export async function events(params: Record<string, string | number | undefined>): Promise<{ items: LookoutEvent[]; next: string | null }> {
  const r = await getJson<{ items?: unknown; next?: unknown }>(`/api/events${qs(params)}`);
  const items = Array.isArray(r.items) ? r.items.filter(isEvent) : [];
  return { items, next: typeof r.next === 'string' ? r.next : null };
}

/** One event by id. */
export function event(id: string): Promise<LookoutEvent> {
  return getJson<LookoutEvent>(`/api/events/${encodeURIComponent(id)}`);
}

function isFiniteNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A value shaped like a vessel. */
export function isVessel(v: unknown): v is VesselInfo {
  return typeof v === 'object' && v !== null && Number.isInteger((v as VesselInfo).mmsi);
}

/** A value shaped like an event. */
export function isEvent(v: unknown): v is LookoutEvent {
  const e = v as LookoutEvent;
  return typeof v === 'object' && v !== null && typeof e.id === 'string' && typeof e.type === 'string' && typeof e.start === 'string' && isFiniteNum(e.lat) && isFiniteNum(e.lon);
}

/** A value shaped like a live vessel. */
export function isLiveVessel(v: unknown): v is LiveVessel {
  const x = v as LiveVessel;
  return typeof v === 'object' && v !== null && Number.isInteger(x.mmsi) && isFiniteNum(x.lat) && isFiniteNum(x.lon) && Math.abs(x.lat) <= 90 && Math.abs(x.lon) <= 180;
}

/** GET /api/zones/{id}/report (docs/api.md). */
export interface ZoneReport {
  zone: { id: string; name: string; kind: string };
  from: string; to: string; bucket: 'day' | 'hour'; presence: 'positions' | 'events';
  buckets: { start: string; vessels: number; by_flag: Record<string, number>; by_category: Record<string, number>; transits: Record<string, number>; events: Record<string, number> }[];
  totals: { vessels: number; events: number; transits: number };
}
