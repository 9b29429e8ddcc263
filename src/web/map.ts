/**
 * The MapLibre map: an offline style built in code — the basemap as vector tiles from the server
 * (/api/tiles, pre-tiled at build time by scripts/build-tiles.mjs), the app's GeoJSON overlays, and
 * the live vessels as one custom WebGL layer (src/web/vessel-layer.ts).
 */
import * as maplibregl from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { ARROW_ZOOM, VesselLayer } from './vessel-layer.js';

/** Basemap colours per theme. */
export const THEMES = {
  light: { sea: '#cddff0', land: '#f3f0e7', border: '#b4ab9b', coast: '#7f93a6', terr: '#7aa6cf', eez: '#8fa3b8', zone: '#e8590c', port: '#364fc7', outline: '#1b2430' },
  dark: { sea: '#0a1826', land: '#1d2a33', border: '#42515e', coast: '#50677c', terr: '#2f5f8c', eez: '#4d6275', zone: '#ff922b', port: '#91a7ff', outline: '#f1f3f5' },
} as const;
export type Theme = keyof typeof THEMES;

export { ARROW_ZOOM };

/** Layers that draw vessels. */
export const VESSEL_LAYERS = ['vessels'];

/** Highest zoom of the basemap tiles (the map over-zooms beyond; scripts/build-tiles.mjs). */
const TILES_MAXZOOM = 5;
/** Zoom from which ports are drawn (their GeoJSON is fetched the first time the map gets there). */
const PORTS_ZOOM = 5;

/**
 * Zoom from which country borders and the coastline's own line layer are drawn. Below it the land
 * fill's outline stands for the coastline and borders are left out: on software rendering each of
 * those line layers cost ≈ 40 ms of a zoom-2 frame (docs/ui.md, the bound).
 */
const DETAIL_ZOOM = 3;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The app's GeoJSON overlays, empty until something is opened or drawn. Their layers are hidden
 * while their source is empty (`setSource` shows them with data): MapLibre draws the tile clipping
 * masks of every visible line or fill layer's source, in both render passes, whether or not a tile
 * has anything in it — at zoom 2 that is 16 tiles, a screenful of stencil writes per source, and
 * with five empty overlays ≈ 18 ms of a software-rendered frame (docs/ui.md, "Pan").
 */
const OVERLAYS = ['userzones', 'track', 'trackhead', 'evidence', 'draw', 'selected'];
/** Overlay source → its layers (filled from the style). */
const overlayLayers = new Map<string, string[]>();

/** The style: vector tiles and GeoJSON from our server only; no glyphs, no sprites, nothing from outside. */
function style(theme: Theme): maplibregl.StyleSpecification {
  const c = THEMES[theme];
  const geo = (data: string | FeatureCollection): maplibregl.GeoJSONSourceSpecification => ({ type: 'geojson', data, tolerance: 0.6 });
  const HIDDEN = { visibility: 'none' as const };
  const bm = (layer: string): { source: string; 'source-layer': string } => ({ source: 'basemap', 'source-layer': layer });
  return {
    version: 8,
    sources: {
      basemap: { type: 'vector', tiles: [`${location.origin}/api/tiles/basemap/{z}/{x}/{y}.pbf`], minzoom: 0, maxzoom: TILES_MAXZOOM },
      territorial: { type: 'vector', tiles: [`${location.origin}/api/tiles/territorial/{z}/{x}/{y}.pbf`], minzoom: 3, maxzoom: TILES_MAXZOOM },
      ports: geo(EMPTY), userzones: geo(EMPTY),
      track: geo(EMPTY), trackhead: geo(EMPTY), evidence: geo(EMPTY), draw: geo(EMPTY), selected: geo(EMPTY),
    },
    layers: [
      { id: 'territorial', type: 'fill', source: 'territorial', 'source-layer': 'territorial', minzoom: 3, paint: { 'fill-color': c.terr, 'fill-opacity': 0.18, 'fill-antialias': false } },
      // The land's fill outline (drawn anyway with fill-antialias) is the coastline below DETAIL_ZOOM: one layer fewer per frame.
      // The translucent fills have no outline (fill-antialias false): the zones have their own line layer, and the
      // territorial band's outline, a line along every ring, cost ≈ 4 ms of a zoom-3 frame on SwiftShader.
      { id: 'land', type: 'fill', ...bm('land'), paint: { 'fill-color': c.land, 'fill-outline-color': c.coast } },
      { id: 'eez', type: 'line', ...bm('eez'), minzoom: 3, paint: { 'line-color': c.eez, 'line-width': 0.7, 'line-dasharray': [4, 3] } },
      { id: 'borders', type: 'line', ...bm('borders'), minzoom: DETAIL_ZOOM, paint: { 'line-color': c.border, 'line-width': 0.6 } },
      { id: 'coast', type: 'line', ...bm('coastline'), minzoom: DETAIL_ZOOM, paint: { 'line-color': c.coast, 'line-width': 0.8 } },
      { id: 'zones-fill', type: 'fill', ...bm('zones'), paint: { 'fill-color': c.zone, 'fill-opacity': 0.06, 'fill-antialias': false } },
      { id: 'zones', type: 'line', ...bm('zones'), paint: { 'line-color': c.zone, 'line-width': 1, 'line-opacity': 0.6 } },
      { id: 'userzones-fill', type: 'fill', source: 'userzones', layout: HIDDEN, paint: { 'fill-color': '#fab005', 'fill-opacity': 0.15 } },
      { id: 'userzones', type: 'line', source: 'userzones', layout: HIDDEN, paint: { 'line-color': '#f59f00', 'line-width': 2 } },
      { id: 'ports', type: 'circle', source: 'ports', minzoom: PORTS_ZOOM, paint: { 'circle-radius': 2.5, 'circle-color': c.port, 'circle-opacity': 0.7 } },
      { id: 'track', type: 'line', source: 'track', layout: HIDDEN, paint: { 'line-color': '#00b4d8', 'line-width': 3 } },
      { id: 'evidence-line', type: 'line', source: 'evidence', layout: HIDDEN, filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': ['coalesce', ['get', 'color'], '#00b4d8'], 'line-width': 3, 'line-dasharray': ['match', ['get', 'dash'], 1, ['literal', [2, 2]], ['literal', [1, 0]]] } },
      { id: 'evidence-point', type: 'circle', source: 'evidence', layout: HIDDEN, filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': ['coalesce', ['get', 'radius'], 7], 'circle-color': ['coalesce', ['get', 'color'], '#ff006e'], 'circle-opacity': 0.85, 'circle-stroke-width': 2, 'circle-stroke-color': '#ffffff' } },
      { id: 'draw-line', type: 'line', source: 'draw', layout: HIDDEN, paint: { 'line-color': '#f59f00', 'line-width': 2, 'line-dasharray': [2, 1] } },
      { id: 'draw-point', type: 'circle', source: 'draw', layout: HIDDEN, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4, 'circle-color': '#f59f00' } },
      { id: 'selected', type: 'circle', source: 'selected', layout: HIDDEN, paint: { 'circle-radius': 13, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-width': 3, 'circle-stroke-color': '#ff006e' } },
      { id: 'trackhead', type: 'circle', source: 'trackhead', layout: HIDDEN, paint: { 'circle-radius': 7, 'circle-color': '#ff006e', 'circle-stroke-width': 2, 'circle-stroke-color': '#ffffff' } },
    ],
  };
}

/** Create the map in `container`, with the worker loaded from next to the bundle, and its vessel layer. */
export function createMap(container: HTMLElement, theme: Theme, view: { center: [number, number]; zoom: number }): { map: maplibregl.Map; vessels: VesselLayer } {
  maplibregl.setWorkerUrl(new URL('./maplibre-gl-worker.mjs', import.meta.url).href);
  // The sea is the map container's background colour, seen through the canvas wherever nothing is
  // drawn, instead of a MapLibre background layer: that layer fills every tile in view each frame —
  // a screenful of fragments, ≈ 8 of ≈ 12 ms of an empty map's frame on SwiftShader (docs/ui.md, "Pan").
  container.style.backgroundColor = THEMES[theme].sea;
  const spec = style(theme);
  for (const l of spec.layers) if ('source' in l && typeof l.source === 'string' && OVERLAYS.includes(l.source)) overlayLayers.set(l.source, [...(overlayLayers.get(l.source) ?? []), l.id]);
  const map = new maplibregl.Map({
    container, style: spec, center: view.center, zoom: view.zoom, attributionControl: false,
    // No fade animation: no extra frames after tiles load or a move ends.
    renderWorldCopies: false, maxPitch: 0, fadeDuration: 0, canvasContextAttributes: { preserveDrawingBuffer: false, antialias: false },
  });
  skipSky(map);
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-left');
  map.addControl(new maplibregl.ScaleControl({ unit: 'nautical' }), 'bottom-left');
  const vessels = new VesselLayer();
  vessels.setOutline(THEMES[theme].outline);
  // Vessels above the overlays, under the track head and the selection ring.
  map.once('style.load', () => map.addLayer(vessels, 'selected'));
  // 11,000 ports are drawn from zoom 5 only: their GeoJSON is fetched the first time the map gets there.
  const ports = (): void => {
    if (map.getZoom() < PORTS_ZOOM - 0.5) return;
    map.off('zoomend', ports);
    setSourceUrl(map, 'ports', '/api/ports?format=geojson&limit=100000');
  };
  map.on('zoomend', ports);
  map.once('load', ports);
  map.getCanvas().setAttribute('aria-label', 'Map. Arrow keys pan, plus and minus zoom.');
  return { map, vessels };
}

/**
 * MapLibre draws its sky every frame: a full-screen quad whose fragment shader works out the globe's
 * horizon and atmosphere per pixel (acos, asin, smoothstep, pow). This flat map has no pitch
 * (maxPitch 0), so the sky is never seen — everything covers it — yet on software rendering it was
 * most of an empty map's frame (≈ 50 of ≈ 65 ms of GPU-process CPU; docs/ui.md, the bound). The
 * painter's draw function for it is replaced by a no-op on this map only (an internal of MapLibre
 * 5/6: if it moves, the map draws the sky as before).
 */
function skipSky(map: maplibregl.Map): void {
  const painter = (map as unknown as { painter?: { drawFunctions?: Record<string, unknown> } }).painter;
  if (painter?.drawFunctions && typeof painter.drawFunctions.sky === 'function') painter.drawFunctions = { ...painter.drawFunctions, sky: () => undefined };
}

function setSourceUrl(map: maplibregl.Map, id: string, url: string): void {
  const src = map.getSource(id);
  if (src && 'setData' in src) void (src as maplibregl.GeoJSONSource).setData(url);
}

/** Repaint the basemap for a theme without reloading the data. */
export function applyTheme(map: maplibregl.Map, vessels: VesselLayer, theme: Theme): void {
  const c = THEMES[theme];
  map.getContainer().style.backgroundColor = c.sea;
  map.setPaintProperty('land', 'fill-color', c.land);
  map.setPaintProperty('land', 'fill-outline-color', c.coast);
  map.setPaintProperty('territorial', 'fill-color', c.terr);
  map.setPaintProperty('borders', 'line-color', c.border);
  map.setPaintProperty('coast', 'line-color', c.coast);
  map.setPaintProperty('eez', 'line-color', c.eez);
  map.setPaintProperty('ports', 'circle-color', c.port);
  vessels.setOutline(c.outline);
}

/** Set a GeoJSON source's data; an overlay's layers are shown only while it has features (OVERLAYS). */
export function setSource(map: maplibregl.Map, id: string, data: FeatureCollection): void {
  const src = map.getSource(id);
  if (src && 'setData' in src) void (src as maplibregl.GeoJSONSource).setData(data);
  if (!OVERLAYS.includes(id)) return;
  const visibility = data.features.length > 0 ? 'visible' : 'none';
  for (const layer of overlayLayers.get(id) ?? []) {
    if (map.getLayer(layer) && map.getLayoutProperty(layer, 'visibility') !== visibility) map.setLayoutProperty(layer, 'visibility', visibility);
  }
}
