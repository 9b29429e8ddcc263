/** The MapLibre map: an offline style built in code from the server's GeoJSON layers, and the app's own layers. */
import * as maplibregl from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { CATEGORIES, COLORS, arrowIcon } from './vessels.js';

/** Basemap colours per theme. */
export const THEMES = {
  light: { sea: '#cddff0', land: '#f3f0e7', border: '#b4ab9b', coast: '#7f93a6', terr: '#7aa6cf', eez: '#8fa3b8', zone: '#e8590c', port: '#364fc7', outline: '#1b2430' },
  dark: { sea: '#0a1826', land: '#1d2a33', border: '#42515e', coast: '#50677c', terr: '#2f5f8c', eez: '#4d6275', zone: '#ff922b', port: '#91a7ff', outline: '#f1f3f5' },
} as const;
export type Theme = keyof typeof THEMES;

/** Zoom from which vessels are drawn as heading arrows instead of dots. */
export const ARROW_ZOOM = 6;

/** Layers that draw vessels. */
export const VESSEL_LAYERS = ['vessels-dots', 'vessels'];

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The style: GeoJSON sources from our server only, no glyphs, no sprites, no tiles. */
function style(theme: Theme): maplibregl.StyleSpecification {
  const c = THEMES[theme];
  const geo = (data: string | FeatureCollection): maplibregl.GeoJSONSourceSpecification => ({ type: 'geojson', data, tolerance: 0.6 });
  return {
    version: 8,
    sources: {
      land: geo('/api/basemap/land'), countries: geo('/api/basemap/countries'), coastline: geo('/api/basemap/coastline'),
      territorial: geo('/api/basemap/territorialSeas'), eez: geo('/api/basemap/eez'), zones: geo('/api/basemap/zones'),
      ports: geo('/api/ports?format=geojson&limit=100000'), userzones: geo(EMPTY),
      track: geo(EMPTY), trackhead: geo(EMPTY), evidence: geo(EMPTY), draw: geo(EMPTY), selected: geo(EMPTY),
      vessels: { type: 'geojson', data: EMPTY, tolerance: 0, buffer: 8, maxzoom: 10 },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': c.sea } },
      { id: 'territorial', type: 'fill', source: 'territorial', minzoom: 3, paint: { 'fill-color': c.terr, 'fill-opacity': 0.18 } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': c.land } },
      { id: 'eez', type: 'line', source: 'eez', minzoom: 3, paint: { 'line-color': c.eez, 'line-width': 0.7, 'line-dasharray': [4, 3] } },
      { id: 'borders', type: 'line', source: 'countries', paint: { 'line-color': c.border, 'line-width': 0.6 } },
      { id: 'coast', type: 'line', source: 'coastline', paint: { 'line-color': c.coast, 'line-width': 0.8 } },
      { id: 'zones-fill', type: 'fill', source: 'zones', paint: { 'fill-color': c.zone, 'fill-opacity': 0.06 } },
      { id: 'zones', type: 'line', source: 'zones', paint: { 'line-color': c.zone, 'line-width': 1, 'line-opacity': 0.6 } },
      { id: 'userzones-fill', type: 'fill', source: 'userzones', paint: { 'fill-color': '#fab005', 'fill-opacity': 0.15 } },
      { id: 'userzones', type: 'line', source: 'userzones', paint: { 'line-color': '#f59f00', 'line-width': 2 } },
      { id: 'ports', type: 'circle', source: 'ports', minzoom: 5, paint: { 'circle-radius': 2.5, 'circle-color': c.port, 'circle-opacity': 0.7 } },
      { id: 'track', type: 'line', source: 'track', paint: { 'line-color': '#00b4d8', 'line-width': 3 } },
      { id: 'evidence-line', type: 'line', source: 'evidence', filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': ['coalesce', ['get', 'color'], '#00b4d8'], 'line-width': 3, 'line-dasharray': ['match', ['get', 'dash'], 1, ['literal', [2, 2]], ['literal', [1, 0]]] } },
      { id: 'evidence-point', type: 'circle', source: 'evidence', filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': ['coalesce', ['get', 'radius'], 7], 'circle-color': ['coalesce', ['get', 'color'], '#ff006e'], 'circle-opacity': 0.85, 'circle-stroke-width': 2, 'circle-stroke-color': '#ffffff' } },
      { id: 'draw-line', type: 'line', source: 'draw', paint: { 'line-color': '#f59f00', 'line-width': 2, 'line-dasharray': [2, 1] } },
      { id: 'draw-point', type: 'circle', source: 'draw', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4, 'circle-color': '#f59f00' } },
      { id: 'selected', type: 'circle', source: 'selected', paint: { 'circle-radius': 13, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-width': 3, 'circle-stroke-color': '#ff006e' } },
      // Below zoom 6 a vessel is a dot (cheap to draw 50,000 of on software WebGL); from zoom 6 an arrow along its heading.
      {
        id: 'vessels-dots', type: 'circle', source: 'vessels', maxzoom: ARROW_ZOOM,
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 1, 2, 5, 3.5],
          'circle-color': ['match', ['get', 'c'], ...CATEGORIES.flatMap((c) => [c, COLORS[c]]), COLORS.other] as unknown as maplibregl.ExpressionSpecification,
        },
      },
      {
        id: 'vessels', type: 'symbol', source: 'vessels', minzoom: ARROW_ZOOM,
        layout: {
          'icon-image': ['concat', 'v-', ['get', 'c']], 'icon-rotate': ['get', 'h'], 'icon-rotation-alignment': 'map',
          'icon-allow-overlap': true, 'icon-ignore-placement': true, 'icon-padding': 0,
          'icon-size': ['interpolate', ['linear'], ['zoom'], 6, 0.7, 10, 0.95],
        },
      },
      { id: 'trackhead', type: 'circle', source: 'trackhead', paint: { 'circle-radius': 7, 'circle-color': '#ff006e', 'circle-stroke-width': 2, 'circle-stroke-color': '#ffffff' } },
    ],
  };
}

/** Create the map in `container`, with the worker loaded from next to the bundle. */
export function createMap(container: HTMLElement, theme: Theme, view: { center: [number, number]; zoom: number }): maplibregl.Map {
  maplibregl.setWorkerUrl(new URL('./maplibre-gl-worker.mjs', import.meta.url).href);
  const map = new maplibregl.Map({
    container, style: style(theme), center: view.center, zoom: view.zoom, attributionControl: false,
    renderWorldCopies: false, maxPitch: 0, canvasContextAttributes: { preserveDrawingBuffer: false, antialias: false },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-left');
  map.addControl(new maplibregl.ScaleControl({ unit: 'nautical' }), 'bottom-left');
  map.on('styleimagemissing', () => undefined);
  map.once('style.load', () => addIcons(map, theme));
  map.getCanvas().setAttribute('aria-label', 'Map. Arrow keys pan, plus and minus zoom.');
  return map;
}

function addIcons(map: maplibregl.Map, theme: Theme): void {
  for (const cat of CATEGORIES) {
    const id = `v-${cat}`;
    if (map.hasImage(id)) map.removeImage(id);
    map.addImage(id, arrowIcon(COLORS[cat], theme === 'dark' ? '#f1f3f5' : '#1b2430'), { pixelRatio: 2 });
  }
}

/** Repaint the basemap for a theme without reloading the data. */
export function applyTheme(map: maplibregl.Map, theme: Theme): void {
  const c = THEMES[theme];
  map.setPaintProperty('sea', 'background-color', c.sea);
  map.setPaintProperty('land', 'fill-color', c.land);
  map.setPaintProperty('territorial', 'fill-color', c.terr);
  map.setPaintProperty('borders', 'line-color', c.border);
  map.setPaintProperty('coast', 'line-color', c.coast);
  map.setPaintProperty('eez', 'line-color', c.eez);
  map.setPaintProperty('ports', 'circle-color', c.port);
  addIcons(map, theme);
}

/** Set a GeoJSON source's data. */
export function setSource(map: maplibregl.Map, id: string, data: FeatureCollection): void {
  const src = map.getSource(id);
  if (src && 'setData' in src) void (src as maplibregl.GeoJSONSource).setData(data);
}
