/** The view in the URL hash, so every view can be shared: `#map=zoom/lat/lon&vessel=…&event=…&zone=…&panel=…&…`. */

/** Everything the hash can hold. */
export interface ViewState {
  zoom: number; lat: number; lon: number;
  panel?: 'events' | 'zones' | 'vessel' | 'event' | 'zone';
  vessel?: number; event?: string; zone?: string;
  /** Track playback time (ISO). */
  t?: string;
  /** Inbox filters. */
  types?: string; from?: string; to?: string; conf?: number; area?: boolean;
  theme?: 'light' | 'dark';
}

const DEFAULT: ViewState = { zoom: 3.2, lat: 34, lon: 125 };

/** Parse a hash; unknown or malformed parts fall back to defaults. */
export function parseHash(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const s: ViewState = { ...DEFAULT };
  const m = /^(-?[\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(p.get('map') ?? '');
  if (m) {
    const [z, lat, lon] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (z >= 0 && z <= 22 && Math.abs(lat) <= 85 && Math.abs(lon) <= 180) Object.assign(s, { zoom: z, lat, lon });
  }
  const panel = p.get('panel');
  if (panel === 'events' || panel === 'zones' || panel === 'vessel' || panel === 'event' || panel === 'zone') s.panel = panel;
  const v = Number(p.get('vessel'));
  if (Number.isInteger(v) && v > 0) s.vessel = v;
  for (const k of ['event', 'zone', 't', 'types', 'from', 'to'] as const) {
    const x = p.get(k);
    if (x) s[k] = x.slice(0, 200);
  }
  const conf = Number(p.get('conf'));
  if (p.has('conf') && conf >= 0 && conf <= 1) s.conf = conf;
  if (p.get('area') === '1') s.area = true;
  const theme = p.get('theme');
  if (theme === 'light' || theme === 'dark') s.theme = theme;
  return s;
}

/** Format a view as a hash. */
export function formatHash(s: ViewState): string {
  const p = new URLSearchParams();
  p.set('map', `${s.zoom.toFixed(2)}/${s.lat.toFixed(4)}/${s.lon.toFixed(4)}`);
  if (s.panel) p.set('panel', s.panel);
  if (s.vessel) p.set('vessel', String(s.vessel));
  if (s.event) p.set('event', s.event);
  if (s.zone) p.set('zone', s.zone);
  if (s.t) p.set('t', s.t);
  if (s.types) p.set('types', s.types);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.conf !== undefined) p.set('conf', String(s.conf));
  if (s.area) p.set('area', '1');
  if (s.theme) p.set('theme', s.theme);
  return `#${p.toString().replace(/%2F/g, '/').replace(/%2C/g, ',').replace(/%3A/g, ':')}`;
}
