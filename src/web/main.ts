/** The analyst's map: live picture, search, vessel dossiers, events inbox, zones and reports (issue 6). */
import type * as maplibregl from 'maplibre-gl';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import * as api from './api.js';
import type { LiveVessel, LookoutEvent, TrackPoint, VesselInfo } from './api.js';
import { paletteColor, stackedBars } from './charts.js';
import { byId, esc, fmtNum, fmtTime } from './dom.js';
import { formatHash, parseHash } from './hash.js';
import type { ViewState } from './hash.js';
import { LiveClient } from './live.js';
import { VESSEL_LAYERS, applyTheme, createMap, setSource } from './map.js';
import type { Theme } from './map.js';
import type { VesselLayer } from './vessel-layer.js';
import { COLORS, NAV_STATUS, categoryOf } from './vessels.js';

/** What tests and the benchmark read from the page. */
interface Probe {
  map: maplibregl.Map; live: LiveClient; ready: boolean; vesselsDrawn: number;
  /** Ids of the map layers that draw vessels (tests hide them to count their pixels). */
  vesselLayers: string[];
  /** The live vessels' WebGL layer (the benchmark switches its cached picture off for A/B runs: `vesselLayer.cacheEnabled`). */
  vesselLayer: VesselLayer;
  /** The vessels as drawn (positions of the last buffer update). */
  drawnVessels(): readonly LiveVessel[];
  /** Tests and the benchmark freeze the drawn picture (the stream keeps running) to compare screenshots. */
  paused: boolean;
  firstVesselFrameMs?: number; basemapReadyMs?: number;
  /** When the first vessels had been received and parsed from the stream (ms after navigation). */
  snapshotMs?: number;
  /** When the vessels first went into the layer's buffer (ms after navigation). */
  vesselsSetMs?: number; lastEvidence?: string; playing: boolean; reportReady: boolean;
}
declare global { interface Window { __lookout: Probe } }

const EVENT_TYPES = ['gap', 'encounter', 'loitering', 'port_visit', 'identity_change', 'identity_anomaly', 'shared_mmsi', 'spoofing',
  'draught_change', 'zone_entry', 'zone_exit', 'transit', 'sanctions_hit'];

let view: ViewState = parseHash(location.hash);
const theme: Theme = view.theme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
document.body.dataset.theme = theme;
const { map, vessels: vesselLayer } = createMap(byId('map'), theme, { center: [view.lon, view.lat], zoom: view.zoom });
const panel = byId('panel');
const panelBody = byId('panel-body');
const statusEl = byId('status');
const tooltip = byId('tooltip');
let liveState = 'connecting';

// ---------------------------------------------------------------- URL hash
let writingHash = false;
function writeHash(): void {
  const c = map.getCenter();
  view = { ...view, zoom: map.getZoom(), lat: c.lat, lon: c.lng };
  const h = formatHash(view);
  if (h !== location.hash) {
    writingHash = true;
    history.replaceState(null, '', h);
    writingHash = false;
  }
}
// After a move, once the map has been still for 250 ms: a pan made of many small moves (keyboard
// repeat, or panBy per frame as in bench:ui) would otherwise replace the history entry every frame,
// ≈ 8 ms of the browser process's CPU each (docs/ui.md, "Pan").
let hashTimer: ReturnType<typeof setTimeout> | undefined;
map.on('moveend', () => {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(writeHash, 250);
});
window.addEventListener('hashchange', () => {
  if (writingHash) return;
  view = parseHash(location.hash);
  map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
  void openFromView();
});

// ---------------------------------------------------------------- live picture
const live = new LiveClient({
  onVessels: () => {
    probe.snapshotMs ??= performance.now();
    scheduleVessels();
  },
  onEvent: (e) => {
    newEvents++;
    byId('events-new').textContent = String(newEvents);
    if (inbox && matchesFilters(e)) {
      inbox.items.unshift(e);
      renderInboxList();
    }
  },
  onState: (s) => {
    liveState = s;
    renderStatus();
  },
});
let newEvents = 0;
const probe: Probe = { map, live, ready: false, paused: false, vesselsDrawn: 0, vesselLayers: VESSEL_LAYERS, vesselLayer, drawnVessels: () => vesselLayer.drawn(), playing: false, reportReady: false };
window.__lookout = probe;

let vesselTimer: ReturnType<typeof setTimeout> | undefined;
let lastFlush = 0;
/**
 * Coalesce stream updates: the vessel layer's buffer is rebuilt at most once a second from the
 * live picture (one typed array, one upload; nothing is re-sent through MapLibre's worker).
 */
function scheduleVessels(): void {
  if (vesselTimer || (probe.paused && probe.vesselsDrawn > 0)) return;
  const wait = Math.max(0, 1000 - (performance.now() - lastFlush));
  vesselTimer = setTimeout(flushVessels, lastFlush === 0 ? 0 : wait);
}
function flushVessels(): void {
  lastFlush = performance.now();
  vesselTimer = undefined;
  vesselLayer.setVessels(live.vessels.values(), live.vessels.size);
  probe.vesselsDrawn = vesselLayer.count;
  probe.vesselsSetMs ??= performance.now();
  renderStatus();
  if (vesselLayer.count > 0 && probe.firstVesselFrameMs === undefined) {
    // Called by the layer at the end of the first frame that drew the vessels: the picture is on screen.
    vesselLayer.onFirstFrame = (): void => {
      probe.firstVesselFrameMs ??= performance.now();
      probe.ready = true;
    };
  }
}
function renderStatus(): void {
  statusEl.textContent = `${live.vessels.size.toLocaleString('en')} vessels · stream ${liveState}${live.cursor !== undefined ? ` · event #${live.cursor}` : ''}`;
}
// The stream is opened at once, not after the basemap: the vessels' snapshot travels and is parsed
// while the tiles load (the vessel layer draws as soon as the style is there).
live.connect();
map.on('load', () => {
  probe.basemapReadyMs = performance.now();
  void loadUserZones();
  void openFromView();
});

// hover label and click card (picked from the vessel layer's own index)
let hoverPending = false;
map.on('mousemove', (e) => {
  if (hoverPending) return;
  hoverPending = true;
  requestAnimationFrame(() => {
    hoverPending = false;
    const v = map.getLayoutProperty('vessels', 'visibility') === 'none' ? undefined : vesselLayer.pick(e.point);
    if (!v) {
      if (!tooltip.hidden) {
        tooltip.hidden = true;
        if (!drawing) map.getCanvas().style.cursor = '';
      }
      return;
    }
    tooltip.hidden = false;
    tooltip.textContent = `${v.name || 'unnamed'} · MMSI ${v.mmsi} · ${v.category}${v.speed !== undefined ? ` · ${v.speed} kn` : ''}`;
    tooltip.style.left = `${e.point.x + 12}px`;
    tooltip.style.top = `${e.point.y + 12}px`;
    if (!drawing) map.getCanvas().style.cursor = 'pointer';
  });
});
map.on('mouseout', () => {
  tooltip.hidden = true;
});
map.on('click', (e) => {
  if (drawing) return;
  const v = vesselLayer.pick(e.point);
  if (v) void showVessel(v.mmsi, false);
});

// ---------------------------------------------------------------- panels
function openPanel(kind: NonNullable<ViewState['panel']>, html: string): void {
  panel.hidden = false;
  panelBody.innerHTML = html;
  panel.setAttribute('aria-label', kind);
  view.panel = kind;
  if (kind !== 'vessel') {
    delete view.vessel;
    delete view.t;
  }
  if (kind !== 'event') delete view.event;
  if (kind !== 'zone') delete view.zone;
  writeHash();
}
function closePanel(): void {
  panel.hidden = true;
  stopPlayback();
  delete view.panel; delete view.vessel; delete view.event; delete view.zone; delete view.t;
  for (const id of ['track', 'trackhead', 'evidence', 'selected']) setSource(map, id, fc([]));
  writeHash();
  map.getCanvas().focus();
}
byId('panel-close').addEventListener('click', closePanel);
for (const b of document.querySelectorAll<HTMLButtonElement>('[data-panel]')) {
  b.addEventListener('click', () => void (b.dataset.panel === 'events' ? showInbox() : showZones()));
}

function fc(features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}
function point(lon: number, lat: number, props: Record<string, unknown> = {}): Feature {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: props };
}
function line(coords: Position[], props: Record<string, unknown> = {}): Feature {
  return { type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties: props };
}
function fitTo(coords: Position[], maxZoom = 11): void {
  if (coords.length === 0) return;
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const [x, y] of coords) {
    w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
  }
  map.fitBounds([[w, s], [e, n]], { padding: { top: 60, bottom: 60, left: 60, right: 440 }, maxZoom, duration: 600 });
}
function showError(err: unknown): void {
  openPanel(view.panel ?? 'events', `<h2>Something went wrong</h2><p role="alert">${esc(err instanceof Error ? err.message : err)}</p>`);
}

// ---------------------------------------------------------------- search
const search = byId<HTMLInputElement>('search');
const results = byId<HTMLUListElement>('search-results');
let searchTimer: ReturnType<typeof setTimeout> | undefined;
let found: VesselInfo[] = [];
let selectedResult = 0;
search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => void runSearch(), 180);
});
async function runSearch(): Promise<VesselInfo[]> {
  const q = search.value.trim();
  if (!q) {
    results.hidden = true;
    search.setAttribute('aria-expanded', 'false');
    return [];
  }
  found = await api.searchVessels(q, 10).catch(() => []);
  selectedResult = 0;
  results.innerHTML = found.length
    ? found.map((v, i) => `<li role="option" id="sr-${i}" data-mmsi="${v.mmsi}" aria-selected="${i === 0}">${esc(v.name ?? 'unnamed')} <span class="muted">MMSI ${v.mmsi}${v.imo ? ` · IMO ${v.imo}` : ''}${v.callsign ? ` · ${esc(v.callsign)}` : ''}${v.flag ? ` · ${esc(v.flag)}` : ''}</span></li>`).join('')
    : '<li role="option" aria-disabled="true">No vessel matches</li>';
  results.hidden = false;
  search.setAttribute('aria-expanded', 'true');
  return found;
}
results.addEventListener('click', (e) => {
  const li = (e.target as HTMLElement).closest('li');
  if (li?.dataset.mmsi) chooseResult(Number(li.dataset.mmsi));
});
search.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    if (!found.length) return;
    selectedResult = (selectedResult + (e.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length;
    results.querySelectorAll('li').forEach((li, i) => li.setAttribute('aria-selected', String(i === selectedResult)));
    search.setAttribute('aria-activedescendant', `sr-${selectedResult}`);
  } else if (e.key === 'Enter') {
    e.preventDefault();
    clearTimeout(searchTimer);
    void runSearch().then((r) => {
      const v = r[Math.min(selectedResult, r.length - 1)];
      if (v) chooseResult(v.mmsi);
    });
  } else if (e.key === 'Escape') {
    results.hidden = true;
    search.blur();
  }
});
function chooseResult(mmsi: number): void {
  results.hidden = true;
  search.setAttribute('aria-expanded', 'false');
  void showVessel(mmsi, true);
}

// ---------------------------------------------------------------- vessel dossier and track playback
let playTrack: TrackPoint[][] = [];
let playTimes: number[] = [];
let playIndex = 0;
let playRaf = 0;

/** Position of a track at time t (linear between fixes). */
function at(track: TrackPoint[], t: number): Position | undefined {
  if (!track.length) return undefined;
  const times = track.map((p) => Date.parse(p.time));
  if (t <= times[0]) return [track[0].lon, track[0].lat];
  for (let i = 1; i < track.length; i++) {
    if (t <= times[i]) {
      const f = (t - times[i - 1]) / Math.max(1, times[i] - times[i - 1]);
      const a = track[i - 1], b = track[i];
      return [a.lon + (b.lon - a.lon) * f, a.lat + (b.lat - a.lat) * f];
    }
  }
  const last = track[track.length - 1];
  return [last.lon, last.lat];
}
function setupPlayback(tracks: TrackPoint[][], startIso?: string): void {
  playTrack = tracks;
  playTimes = [...new Set(tracks.flat().map((p) => Date.parse(p.time)))].sort((a, b) => a - b);
  const slider = document.getElementById('slider') as HTMLInputElement | null;
  if (!slider) return;
  slider.max = String(Math.max(0, playTimes.length - 1));
  const start = startIso ? Date.parse(startIso) : NaN;
  const i = Number.isFinite(start) ? playTimes.findIndex((t) => t >= start) : playTimes.length - 1;
  seek(i < 0 ? playTimes.length - 1 : i);
  slider.addEventListener('input', () => seek(Number(slider.value)));
  byId('play').addEventListener('click', togglePlay);
}
function seek(i: number): void {
  if (!playTimes.length) return;
  playIndex = Math.max(0, Math.min(playTimes.length - 1, i));
  const t = playTimes[playIndex];
  const heads = playTrack.map((tr, k) => {
    const p = at(tr, t);
    return p ? point(p[0], p[1], { k }) : undefined;
  }).filter((f): f is Feature => f !== undefined);
  setSource(map, 'trackhead', fc(heads));
  const slider = document.getElementById('slider') as HTMLInputElement | null;
  if (slider) {
    slider.value = String(playIndex);
    slider.setAttribute('aria-valuetext', fmtTime(t));
  }
  const label = document.getElementById('slider-time');
  if (label) label.textContent = fmtTime(t);
  view.t = new Date(t).toISOString();
}
function togglePlay(): void {
  if (probe.playing) return stopPlayback();
  if (playIndex >= playTimes.length - 1) seek(0);
  probe.playing = true;
  byId('play').textContent = 'Pause';
  byId('play').setAttribute('aria-pressed', 'true');
  const stepMs = Math.max(16, 8000 / Math.max(1, playTimes.length));
  let last = performance.now();
  const tick = (now: number): void => {
    if (!probe.playing) return;
    if (now - last >= stepMs) {
      last = now;
      seek(playIndex + 1);
      if (playIndex >= playTimes.length - 1) return stopPlayback();
    }
    playRaf = requestAnimationFrame(tick);
  };
  playRaf = requestAnimationFrame(tick);
}
function stopPlayback(): void {
  probe.playing = false;
  cancelAnimationFrame(playRaf);
  const b = document.getElementById('play');
  if (b) {
    b.textContent = 'Play';
    b.setAttribute('aria-pressed', 'false');
  }
  writeHash();
}
const trackControls = `<div class="row"><button type="button" id="play" aria-keyshortcuts="Space" aria-pressed="false">Play</button>
  <label for="slider" class="sr-only">Track time</label><input id="slider" type="range" min="0" max="0" value="0" aria-label="Track time">
  <span id="slider-time" class="muted"></span></div>`;

function historyValue(v: unknown): string {
  return v === undefined || v === null ? '—' : esc(typeof v === 'object' ? JSON.stringify(v) : v);
}

/** Open a vessel's dossier (identity, history, latest state, sanctions hits, events, track). */
async function showVessel(mmsi: number, fly: boolean): Promise<void> {
  stopPlayback();
  try {
    const [v, evs, tr] = await Promise.all([api.vessel(mmsi), api.events({ mmsi, limit: 200 }), api.track(mmsi)]);
    const p = v.position;
    const hits = evs.items.filter((e) => e.type === 'sanctions_hit');
    const hist = (v.identity_history ?? []).filter((h) => ['name', 'flag', 'mmsi', 'imo', 'callsign', 'ship_type'].includes(h.field) || h.before !== undefined);
    openPanel('vessel', `<h2 id="dossier-title">${esc(v.name ?? 'Unnamed vessel')}</h2>
      <table aria-label="Identity"><tr><th>MMSI</th><td>${v.mmsi}</td><th>IMO</th><td>${v.imo ?? '—'}</td></tr>
      <tr><th>Call sign</th><td>${esc(v.callsign ?? '—')}</td><th>Flag</th><td>${esc(v.flag ?? '—')}</td></tr>
      <tr><th>Type</th><td>${esc(v.ship_category ?? categoryOf(v.ship_type))} (${v.ship_type ?? '—'})</td><th>Class</th><td>${esc(v.class ?? '—')}</td></tr>
      <tr><th>Size</th><td>${v.length ?? '—'} × ${v.beam ?? '—'} m</td><th>Draught</th><td>${fmtNum(v.draught)} m</td></tr>
      <tr><th>Destination</th><td colspan="3">${esc(v.destination ?? '—')}</td></tr></table>
      <h3>Latest state</h3>${p ? `<p>${fmtTime(p.time)} · ${fmtNum(p.lat, 4)}, ${fmtNum(p.lon, 4)} · ${fmtNum(p.speed)} kn · course ${fmtNum(p.course, 0)}° · heading ${p.heading ?? '—'}° · ${esc(p.status !== undefined ? NAV_STATUS[p.status] ?? p.status : '—')}</p>` : '<p class="muted">no position</p>'}
      <h3>Sanctions</h3>${hits.length ? `<ul class="list">${hits.map((e) => `<li class="hit" data-event="${esc(e.id)}" tabindex="0">${esc((e.details.list as string | undefined) ?? (e.details.source as string | undefined) ?? 'sanctions list')}: ${esc((e.details.matched_name as string | undefined) ?? (e.details.entry_name as string | undefined) ?? e.name ?? '')} · confidence ${fmtNum(e.confidence, 2)}</li>`).join('')}</ul>` : '<p class="muted">no sanctions hits</p>'}
      <h3>Track</h3>${tr.length ? `${trackControls}<p class="muted">${tr.length} positions, ${fmtTime(tr[0].time)} – ${fmtTime(tr[tr.length - 1].time)}</p>` : '<p class="muted">no stored positions</p>'}
      <h3>Identity history</h3>${hist.length ? `<table><tr><th>time</th><th>field</th><th>before</th><th>after</th></tr>${hist.map((h) => `<tr><td>${fmtTime(h.time)}</td><td>${esc(h.field)}</td><td>${historyValue(h.before)}</td><td>${historyValue(h.after)}</td></tr>`).join('')}</table>` : '<p class="muted">no changes recorded</p>'}
      <h3>Events</h3>${evs.items.length ? `<ul class="list" aria-label="Events of this vessel">${evs.items.map((e) => `<li data-event="${esc(e.id)}" tabindex="0">${fmtTime(e.start)} <b>${esc(e.type)}</b> <span class="muted">confidence ${fmtNum(e.confidence, 2)}</span></li>`).join('')}</ul>` : '<p class="muted">no events</p>'}`);
    view.vessel = mmsi;
    const coords = tr.map((q) => [q.lon, q.lat]);
    setSource(map, 'track', fc(coords.length > 1 ? [line(coords)] : []));
    setSource(map, 'evidence', fc([]));
    if (p) setSource(map, 'selected', fc([point(p.lon, p.lat)]));
    if (tr.length) setupPlayback([tr], view.t);
    panelBody.querySelectorAll<HTMLLIElement>('li[data-event]').forEach((li) => li.addEventListener('click', () => void showEvent(li.dataset.event!)));
    if (fly && p) map.flyTo({ center: [p.lon, p.lat], zoom: Math.max(map.getZoom(), 9), duration: 800 });
    else if (fly && coords.length) fitTo(coords);
    writeHash();
  } catch (err) {
    showError(err);
  }
}

// ---------------------------------------------------------------- events: inbox and evidence
interface Inbox { items: LookoutEvent[]; next: string | null; focus: number }
let inbox: Inbox | undefined;

function filterParams(): Record<string, string | number | undefined> {
  const b = map.getBounds();
  return {
    types: view.types, from: view.from, to: view.to, min_confidence: view.conf,
    bbox: view.area ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => Math.max(-180, Math.min(180, x)).toFixed(4)).join(',') : undefined,
  };
}
function matchesFilters(e: LookoutEvent): boolean {
  if (view.types && !view.types.split(',').includes(e.type)) return false;
  if (view.conf !== undefined && e.confidence < view.conf) return false;
  return true;
}

/** The events inbox with its filters (type, time, area, confidence) and cursor paging. */
async function showInbox(): Promise<void> {
  newEvents = 0;
  byId('events-new').textContent = '';
  const sel = new Set((view.types ?? '').split(',').filter(Boolean));
  openPanel('events', `<h2>Events</h2>
    <form id="filters" aria-label="Event filters">
      <div class="row"><label for="f-types">Types</label><select id="f-types" multiple size="4">${EVENT_TYPES.map((t) => `<option ${sel.has(t) ? 'selected' : ''}>${t}</option>`).join('')}</select></div>
      <div class="row"><label for="f-from">From</label><input id="f-from" type="datetime-local" value="${esc(view.from?.slice(0, 16) ?? '')}">
        <label for="f-to">to</label><input id="f-to" type="datetime-local" value="${esc(view.to?.slice(0, 16) ?? '')}"></div>
      <div class="row"><label for="f-conf">Min confidence</label><input id="f-conf" type="range" min="0" max="1" step="0.05" value="${view.conf ?? 0}"><span id="f-conf-v">${view.conf ?? 0}</span></div>
      <div class="row"><input id="f-area" type="checkbox" ${view.area ? 'checked' : ''}><label for="f-area">Only in the map view</label><button type="submit">Apply</button></div>
    </form><p class="muted">j / k move, Enter opens. Times in UTC.</p>
    <ul class="list" id="inbox" role="listbox" aria-label="Events"></ul><button type="button" id="more" hidden>More</button>`);
  byId('f-conf').addEventListener('input', () => (byId('f-conf-v').textContent = byId<HTMLInputElement>('f-conf').value));
  byId('filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const types = [...byId<HTMLSelectElement>('f-types').selectedOptions].map((o) => o.value).join(',');
    const from = byId<HTMLInputElement>('f-from').value, to = byId<HTMLInputElement>('f-to').value;
    const conf = Number(byId<HTMLInputElement>('f-conf').value);
    view = { ...view, ...(types ? { types } : { types: undefined }), from: from ? `${from}:00Z` : undefined, to: to ? `${to}:00Z` : undefined, conf: conf > 0 ? conf : undefined, area: byId<HTMLInputElement>('f-area').checked || undefined };
    writeHash();
    void loadInbox(true);
  });
  byId('more').addEventListener('click', () => void loadInbox(false));
  await loadInbox(true);
}
async function loadInbox(fresh: boolean): Promise<void> {
  const cursor = fresh ? undefined : inbox?.next ?? undefined;
  try {
    const page = await api.events({ ...filterParams(), limit: 100, cursor });
    inbox = fresh || !inbox ? { items: page.items, next: page.next, focus: 0 } : { ...inbox, items: [...inbox.items, ...page.items], next: page.next };
    renderInboxList();
  } catch (err) {
    const ul = document.getElementById('inbox');
    if (ul) ul.innerHTML = `<li role="alert">${esc(err instanceof Error ? err.message : err)}</li>`;
  }
}
function renderInboxList(): void {
  const ul = document.getElementById('inbox');
  if (!ul || !inbox) return;
  ul.innerHTML = inbox.items.length ? inbox.items.map((e, i) => `<li role="option" tabindex="${i === inbox!.focus ? 0 : -1}" data-i="${i}" aria-current="${i === inbox!.focus}">
    <b>${esc(e.type)}</b> ${esc(e.name ?? '')} <span class="muted">MMSI ${e.mmsi}${e.other_mmsi ? ` ↔ ${e.other_mmsi}` : ''} · ${fmtTime(e.start)} · conf ${fmtNum(e.confidence, 2)}</span></li>`).join('') : '<li>No events match.</li>';
  ul.querySelectorAll<HTMLLIElement>('li[data-i]').forEach((li) => li.addEventListener('click', () => void showEvent(inbox!.items[Number(li.dataset.i)])));
  byId('more').hidden = !inbox.next;
}
function moveInbox(d: number): void {
  if (!inbox || !document.getElementById('inbox')) return;
  inbox.focus = Math.max(0, Math.min(inbox.items.length - 1, inbox.focus + d));
  renderInboxList();
  document.querySelector<HTMLLIElement>(`#inbox li[data-i="${inbox.focus}"]`)?.focus();
}

const SIDE = ['#ff006e', '#3a86ff'];
/** Open an event on the map with its evidence. */
async function showEvent(ev: LookoutEvent | string): Promise<void> {
  stopPlayback();
  try {
    const e = typeof ev === 'string' ? await api.event(ev) : ev;
    const d = e.details;
    const feats: Feature[] = [];
    const coords: Position[] = [[e.lon, e.lat]];
    let evidence = '';
    let tracks: TrackPoint[][] = [];
    const pad = 3600_000;
    const from = new Date(Date.parse(e.start) - pad).toISOString(), to = new Date(Date.parse(e.end) + pad).toISOString();
    if (e.type === 'encounter' && e.other_mmsi) {
      tracks = await Promise.all([api.track(e.mmsi, from, to), api.track(e.other_mmsi, from, to)]);
      tracks.forEach((tr, k) => {
        if (tr.length > 1) feats.push(line(tr.map((p) => [p.lon, p.lat]), { color: SIDE[k] }));
        coords.push(...tr.map((p) => [p.lon, p.lat]));
      });
      evidence = `<p><span style="color:${SIDE[0]}">■</span> MMSI ${e.mmsi} and <span style="color:${SIDE[1]}">■</span> MMSI ${e.other_mmsi}, side by side in time: move the slider or play.</p>
        <table><tr><th>classification</th><td>${esc(d.classification ?? '—')}</td></tr><tr><th>duration</th><td>${fmtNum(d.duration_hours)} h</td></tr>
        <tr><th>min distance</th><td>${fmtNum(d.min_distance_m, 0)} m</td></tr><tr><th>median speed</th><td>${fmtNum(d.median_speed_knots)} kn</td></tr></table>${trackControls}`;
    } else if (e.type === 'gap') {
      const off = d.off as { lat?: number; lon?: number; time?: string } | undefined, on = d.on as typeof off;
      if (off?.lat !== undefined && off.lon !== undefined) {
        feats.push(point(off.lon, off.lat, { color: '#e03131' }));
        coords.push([off.lon, off.lat]);
      }
      if (on?.lat !== undefined && on.lon !== undefined) {
        feats.push(point(on.lon, on.lat, { color: '#2f9e44' }));
        coords.push([on.lon, on.lat]);
      }
      if (off?.lon !== undefined && on?.lon !== undefined) feats.push(line([[off.lon, off.lat!], [on.lon, on.lat!]], { color: '#e03131', dash: 1 }));
      tracks = [await api.track(e.mmsi, from, to)];
      if (tracks[0].length > 1) feats.push(line(tracks[0].map((p) => [p.lon, p.lat]), { color: '#00b4d8' }));
      evidence = `<table><tr><th><span style="color:#e03131">■</span> last position</th><td>${fmtTime(off?.time)} · ${fmtNum(off?.lat, 4)}, ${fmtNum(off?.lon, 4)}</td></tr>
        <tr><th><span style="color:#2f9e44">■</span> first position</th><td>${fmtTime(on?.time)} · ${fmtNum(on?.lat, 4)}, ${fmtNum(on?.lon, 4)}</td></tr>
        <tr><th>silent</th><td>${fmtNum(d.hours)} h over ${fmtNum(d.distance_km)} km</td></tr><tr><th>implied speed</th><td>${fmtNum(d.implied_speed_knots)} kn</td></tr>
        <tr><th>assessment</th><td>${esc(d.assessment ?? '—')} ${esc(Array.isArray(d.flags) ? d.flags.join(', ') : '')}</td></tr></table>`;
    } else if (e.type === 'port_visit') {
      const ports = await api.getJson<FeatureCollection>(`/api/ports${api.qs({ q: (d.unlocode as string | undefined) ?? (d.port_name as string | undefined), format: 'geojson', limit: 1 })}`).catch(() => fc([]));
      const port = ports.features[0];
      const pc = port?.geometry.type === 'Point' ? port.geometry.coordinates : [e.lon, e.lat];
      feats.push(point(pc[0], pc[1], { color: '#364fc7', radius: 10 }));
      coords.push(pc);
      tracks = [await api.track(e.mmsi, from, to)];
      if (tracks[0].length > 1) feats.push(line(tracks[0].map((p) => [p.lon, p.lat]), { color: '#00b4d8' }));
      evidence = `<table><tr><th>port</th><td>${esc(d.port_name ?? d.port ?? '—')} ${esc(d.country ?? '')} ${esc(d.unlocode ?? '')}</td></tr>
        <tr><th>stay</th><td>${fmtTime(e.start)} – ${fmtTime(e.end)} (${fmtNum(d.duration_hours)} h, stopped ${fmtNum(d.stopped_hours)} h)</td></tr>
        <tr><th>tags</th><td>${esc(Array.isArray(d.port_tags) ? d.port_tags.join(', ') : '—')}</td></tr></table>`;
    } else {
      tracks = [await api.track(e.mmsi, from, to)];
      if (tracks[0].length > 1) feats.push(line(tracks[0].map((p) => [p.lon, p.lat]), { color: '#00b4d8' }));
      evidence = `<pre class="muted" style="white-space:pre-wrap">${esc(JSON.stringify({ ...d, params: undefined }, null, 1))}</pre>`;
    }
    feats.push(point(e.lon, e.lat, { color: '#ff006e' }));
    setSource(map, 'evidence', fc(feats));
    setSource(map, 'track', fc([]));
    setSource(map, 'selected', fc([]));
    openPanel('event', `<h2>${esc(e.type)}</h2><p>${esc(e.name ?? '')} <a href="#" id="ev-vessel">MMSI ${e.mmsi}</a>${e.other_mmsi ? ` ↔ MMSI ${e.other_mmsi}` : ''}<br>
      ${fmtTime(e.start)} – ${fmtTime(e.end)} · confidence ${fmtNum(e.confidence, 2)}</p><h3>Evidence</h3>${evidence}
      <p><button type="button" id="back">Back to the inbox</button></p>`);
    view.event = e.id;
    probe.lastEvidence = e.id;
    byId('ev-vessel').addEventListener('click', (x) => {
      x.preventDefault();
      void showVessel(e.mmsi, true);
    });
    byId('back').addEventListener('click', () => void showInbox());
    if (tracks.length && document.getElementById('slider')) setupPlayback(tracks.filter((t) => t.length), e.start);
    fitTo(coords, 12);
    writeHash();
  } catch (err) {
    showError(err);
  }
}

// ---------------------------------------------------------------- zones: draw, upload, inside now, report
let drawing: Position[] | undefined;
const hint = document.createElement('div');
hint.className = 'draw-hint';
hint.setAttribute('role', 'status');
hint.hidden = true;
byId('map').appendChild(hint);

async function loadUserZones(): Promise<FeatureCollection> {
  const z = await api.getJson<FeatureCollection>('/api/zones?source=user').catch(() => fc([]));
  setSource(map, 'userzones', z);
  return z;
}

/** The zones panel: user zones, drawing and upload. */
async function showZones(): Promise<void> {
  const z = await loadUserZones();
  const bundled = await api.getJson<FeatureCollection>('/api/zones?geometry=false&kind=strait,sea,gulf').catch(() => fc([]));
  const item = (f: Feature): string => `<li tabindex="0" data-zone="${esc(f.properties?.id)}">${esc(f.properties?.name)} <span class="muted">${esc(f.properties?.kind)}</span></li>`;
  openPanel('zones', `<h2>Zones</h2>
    <div class="row"><button type="button" id="draw">Draw a zone</button>
      <label class="muted" for="upload">or upload GeoJSON</label><input id="upload" type="file" accept=".geojson,.json,application/geo+json"></div>
    <div id="draw-form" hidden class="row"><label for="zone-name">Name</label><input id="zone-name" value="My zone"><button type="button" id="finish">Save zone</button><button type="button" id="cancel">Cancel</button></div>
    <p id="zone-msg" class="muted" role="status"></p>
    <h3>Your zones</h3><ul class="list">${z.features.map(item).join('') || '<li class="muted">none yet</li>'}</ul>
    <h3>Bundled straits and seas</h3><ul class="list">${bundled.features.map(item).join('')}</ul>`);
  panelBody.querySelectorAll<HTMLLIElement>('li[data-zone]').forEach((li) => li.addEventListener('click', () => void showZone(li.dataset.zone!)));
  byId('draw').addEventListener('click', startDrawing);
  byId('finish').addEventListener('click', () => void finishDrawing());
  byId('cancel').addEventListener('click', cancelDrawing);
  byId<HTMLInputElement>('upload').addEventListener('change', (e) => void uploadZone((e.target as HTMLInputElement).files?.[0]));
}
function startDrawing(): void {
  drawing = [];
  hint.hidden = false;
  hint.textContent = 'Click points on the map to outline the zone; Save when done, Esc to cancel.';
  byId('draw-form').hidden = false;
  map.getCanvas().style.cursor = 'crosshair';
  map.doubleClickZoom.disable();
}
function cancelDrawing(): void {
  drawing = undefined;
  hint.hidden = true;
  setSource(map, 'draw', fc([]));
  map.getCanvas().style.cursor = '';
  map.doubleClickZoom.enable();
  const f = document.getElementById('draw-form');
  if (f) f.hidden = true;
}
map.on('click', (e) => {
  if (!drawing) return;
  drawing.push([Number(e.lngLat.lng.toFixed(5)), Number(e.lngLat.lat.toFixed(5))]);
  const ring = drawing.length >= 3 ? [...drawing, drawing[0]] : drawing;
  setSource(map, 'draw', fc([...drawing.map((p) => point(p[0], p[1])), ...(ring.length > 1 ? [line(ring)] : [])]));
});
async function finishDrawing(): Promise<void> {
  if (!drawing || drawing.length < 3) {
    byId('zone-msg').textContent = 'A zone needs at least three points.';
    return;
  }
  const ring = [...drawing, drawing[0]];
  if (ringArea(ring) < 0) ring.reverse();
  const name = byId<HTMLInputElement>('zone-name').value.trim() || 'Zone';
  cancelDrawing();
  await saveZone({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { name } });
}
function ringArea(r: Position[]): number {
  let a = 0;
  for (let i = 1; i < r.length; i++) a += (r[i - 1][0] * r[i][1]) - (r[i][0] * r[i - 1][1]);
  return a / 2;
}
async function uploadZone(file: File | undefined): Promise<void> {
  if (!file) return;
  try {
    const j = JSON.parse(await file.text()) as { type?: string; features?: Feature[]; geometry: Feature['geometry']; properties?: Feature['properties'] };
    const f = j.type === 'FeatureCollection' ? j.features?.find((x) => x.geometry?.type === 'Polygon' || x.geometry?.type === 'MultiPolygon') : j.type === 'Feature' ? (j as Feature) : undefined;
    if (!f || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) throw new Error('the file holds no Polygon or MultiPolygon feature');
    await saveZone({ type: 'Feature', geometry: f.geometry, properties: { name: String(f.properties?.name ?? file.name.replace(/\.[^.]+$/, '')) } });
  } catch (err) {
    byId('zone-msg').textContent = `Upload refused: ${err instanceof Error ? err.message : String(err)}`;
  }
}
async function saveZone(f: Feature): Promise<void> {
  try {
    const saved = await api.postJson<Feature>('/api/zones', f);
    await loadUserZones();
    await showZone(String(saved.properties?.id ?? saved.id));
  } catch (err) {
    showError(err);
  }
}

/** One zone: who is inside now and a report for a period. */
async function showZone(id: string): Promise<void> {
  try {
    probe.reportReady = false;
    const z = await api.getJson<Feature<Polygon | MultiPolygon>>(`/api/zones/${encodeURIComponent(id)}`);
    const inside = await api.getJson<VesselInfo[]>(`/api/zones/${encodeURIComponent(id)}/vessels?limit=1000`);
    // The period ends at the stream's latest time (message time, not the wall clock: replays and simulations run elsewhere in time).
    let latest = 0;
    for (const v of live.vessels.values()) latest = Math.max(latest, v.time);
    const to = new Date(Math.ceil((latest || Date.now()) / 3600_000) * 3600_000), from = new Date(to.getTime() - 7 * 86400_000);
    const local = (d: Date): string => d.toISOString().slice(0, 16);
    openPanel('zone', `<h2>${esc(z.properties?.name ?? id)}</h2><p class="muted">${esc(z.properties?.kind ?? '')} · ${esc(id)}</p>
      <h3>Inside now (${inside.length})</h3><ul class="list" aria-label="Vessels inside now">${inside.slice(0, 50).map((v) => `<li tabindex="0" data-mmsi="${v.mmsi}">${esc(v.name ?? 'unnamed')} <span class="muted">MMSI ${v.mmsi} · ${esc(v.flag ?? '')} · ${esc(v.ship_category ?? categoryOf(v.ship_type))}</span></li>`).join('') || '<li class="muted">nobody</li>'}</ul>
      <h3>Report</h3><form id="report-form" class="row"><label for="r-from">From</label><input id="r-from" type="datetime-local" value="${local(from)}">
      <label for="r-to">to</label><input id="r-to" type="datetime-local" value="${local(to)}"><button type="submit">Report</button></form><div id="report" aria-live="polite"></div>`);
    view.zone = id;
    writeHash();
    stopPlayback();
    for (const src of ['track', 'trackhead', 'selected']) setSource(map, src, fc([]));
    const coords = (z.geometry.type === 'Polygon' ? z.geometry.coordinates[0] : z.geometry.coordinates.flatMap((p) => p[0]));
    setSource(map, 'evidence', fc([{ type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties: { color: '#f59f00' } }]));
    fitTo(coords, 10);
    panelBody.querySelectorAll<HTMLLIElement>('li[data-mmsi]').forEach((li) => li.addEventListener('click', () => void showVessel(Number(li.dataset.mmsi), true)));
    byId('report-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void zoneReport(z, inside, `${byId<HTMLInputElement>('r-from').value}:00Z`, `${byId<HTMLInputElement>('r-to').value}:00Z`);
    });
    await zoneReport(z, inside, from.toISOString(), to.toISOString());
  } catch (err) {
    showError(err);
  }
}

/** The zone report from GET /api/zones/{id}/report: counted on the server from stored positions and events. */
async function zoneReport(z: Feature<Polygon | MultiPolygon>, inside: VesselInfo[], from: string, to: string): Promise<void> {
  const out = byId('report');
  out.innerHTML = '<p class="muted">computing…</p>';
  const id = String(z.properties?.id ?? z.id);
  let r: api.ZoneReport;
  try {
    r = await api.getJson<api.ZoneReport>(`/api/zones/${encodeURIComponent(id)}/report${api.qs({ from, to, bucket: 'day' })}`);
  } catch (err) {
    out.innerHTML = `<p role="alert">${esc(err instanceof Error ? err.message : err)}</p>`;
    return;
  }
  const rows = (k: 'by_flag' | 'by_category' | 'transits' | 'events'): { label: string; stacks: Map<string, number> }[] =>
    r.buckets.map((b) => ({ label: b.start.slice(0, 10), stacks: new Map(Object.entries(b[k])) }));
  const catColor = (k: string, i: number): string => (COLORS as Record<string, string>)[k === 'high_speed' ? 'hsc' : k] ?? paletteColor(k, i);
  out.innerHTML = `<p>${r.totals.events} events, ${r.totals.vessels} vessels present, ${r.totals.transits} transits, ${inside.length} inside now. ${fmtTime(r.from)} – ${fmtTime(r.to)}.</p>
    ${stackedBars('Vessels per day by flag', rows('by_flag'), paletteColor)}
    ${stackedBars('Vessels per day by type', rows('by_category'), catColor)}
    ${stackedBars('Transits per day by direction', rows('transits'), paletteColor)}
    ${stackedBars('Events per day by type', rows('events'), paletteColor)}
    <p class="muted">${r.presence === 'positions'
    ? 'A vessel counts on a day when one of its stored positions (one per vessel per 5 minutes) lies inside the zone that day.'
    : 'This store cannot scan positions: vessels per day are the vessels of the zone\'s events.'} Counted on the server (GET /api/zones/${esc(id)}/report).</p>`;
  probe.reportReady = true;
}

// ---------------------------------------------------------------- view from the URL, theme, keyboard
async function openFromView(): Promise<void> {
  if (view.event) return showEvent(view.event);
  if (view.vessel) return showVessel(view.vessel, false);
  if (view.zone) return showZone(view.zone);
  if (view.panel === 'events') return showInbox();
  if (view.panel === 'zones') return showZones();
  return undefined;
}
function toggleTheme(): void {
  const t: Theme = document.body.dataset.theme === 'dark' ? 'light' : 'dark';
  document.body.dataset.theme = t;
  view.theme = t;
  applyTheme(map, vesselLayer, t);
  writeHash();
}
byId('theme').addEventListener('click', toggleTheme);
const help = byId('help');
byId('help-btn').addEventListener('click', () => (help.hidden = !help.hidden));

document.addEventListener('keydown', (e) => {
  const t = e.target as HTMLElement;
  const typing = t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA';
  if (e.key === 'Escape') {
    if (drawing) return cancelDrawing();
    if (!help.hidden) return void (help.hidden = true);
    if (!panel.hidden) return closePanel();
    return undefined;
  }
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return undefined;
  const act: Record<string, () => void> = {
    '/': () => search.focus(),
    e: () => void showInbox(),
    z: () => void showZones(),
    t: toggleTheme,
    '?': () => (help.hidden = !help.hidden),
    j: () => moveInbox(1),
    k: () => moveInbox(-1),
    ' ': () => document.getElementById('play') && togglePlay(),
    ',': () => seek(playIndex - 1),
    '.': () => seek(playIndex + 1),
    Enter: () => {
      const li = t.closest('li');
      if (li) li.click();
    },
  };
  const f = act[e.key];
  if (!f) return undefined;
  if (e.key !== 'Enter' || t.closest('li')) e.preventDefault();
  f();
  return undefined;
});
