/** The scenario's reference files in the formats `lookout analyze --ports/--zones` reads. */
import type { Port, Zone } from '../geo/types.js';
import type { Theatre } from './theatres.js';

/** ports.csv: `name,lat,lon,radius_m,country,unlocode,tags` (tags separated by `;`). */
export function portsCsv(theatre: Theatre): string {
  const rows = ['name,lat,lon,radius_m,country,unlocode,tags'];
  for (const p of theatre.ports) rows.push([p.name, p.lat, p.lon, p.radius_m, p.country, p.unlocode, p.tags.join(';')].join(','));
  return rows.join('\n') + '\n';
}

/** zones.geojson: a FeatureCollection with `id`, `name`, `kind`, `tags` and strait `gates`. */
export function zonesGeoJson(theatre: Theatre): string {
  const features = theatre.zones.map((z) => ({
    type: 'Feature',
    properties: { id: z.id, name: z.name, kind: z.kind, tags: z.tags, ...(z.gates ? { gates: z.gates } : {}) },
    geometry: { type: 'Polygon', coordinates: [z.ring] },
  }));
  return JSON.stringify({ type: 'FeatureCollection', features }, null, 1) + '\n';
}

/** The theatre's ports and zones as RefData values (for truth when no loader is at hand). */
export function theatreRef(theatre: Theatre): { ports: Port[]; zones: Zone[] } {
  return {
    ports: theatre.ports.map((p) => ({ id: p.unlocode, name: p.name, lat: p.lat, lon: p.lon, radius_m: p.radius_m, country: p.country, unlocode: p.unlocode, tags: ['user', ...p.tags], source: 'user' })),
    zones: theatre.zones.map((z) => ({
      id: z.id, name: z.name, kind: z.kind, geometry: { type: 'Polygon', coordinates: [z.ring] }, tags: ['user', ...z.tags], source: 'user',
      ...(z.gates ? { gates: z.gates } : {}),
    })),
  };
}
