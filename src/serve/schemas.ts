/** Response schemas shared by the routes and published as OpenAPI components. */
import { EVENT_TYPES } from '../detect/event.js';
import type { JsonSchema } from './schema.js';

const num = (description: string): JsonSchema => ({ type: 'number', description });
const int = (description: string): JsonSchema => ({ type: 'integer', description });
const str = (description: string): JsonSchema => ({ type: 'string', description });
const time = (description: string): JsonSchema => ({ type: 'string', format: 'date-time', description });

export const SCHEMAS: Record<string, JsonSchema> = {
  Error: {
    type: 'object', required: ['error'],
    properties: { error: { type: 'object', required: ['status', 'message'], properties: { status: int('HTTP status'), message: str('Why the request failed') } } },
  },
  Position: {
    type: 'object', required: ['lat', 'lon', 'time'],
    properties: {
      lat: num('Latitude, degrees WGS 84'), lon: num('Longitude, degrees WGS 84'), time: time('Time of the fix (UTC)'),
      speed: num('Speed over ground, knots'), course: num('Course over ground, degrees true'), heading: num('True heading, degrees'),
      status: int('AIS navigational status (0–15)'),
    },
  },
  Vessel: {
    type: 'object', required: ['mmsi', 'first_seen', 'last_seen'],
    properties: {
      mmsi: int('MMSI'), imo: int('IMO number'), name: str('Ship name'), callsign: str('Call sign'),
      ship_type: int('AIS ship type code'), ship_category: str('Category of the ship type (cargo, tanker, fishing…)'),
      length: num('Length overall, m'), beam: num('Beam, m'), draught: num('Draught, m'), destination: str('Reported destination'),
      flag: str('ISO 3166-1 alpha-2 flag implied by the MMSI'), class: { type: 'string', enum: ['A', 'B'], description: 'AIS class' },
      first_seen: time('First message'), last_seen: time('Latest message'), fixes: int('Accepted position fixes'),
      position: { $ref: '#/components/schemas/Position' },
    },
  },
  IdentityChange: {
    type: 'object', required: ['time', 'field'],
    properties: { time: time('When the change was seen'), field: str('Identity field'), before: { type: ['string', 'number'], description: 'Previous value' }, after: { type: ['string', 'number'], description: 'New value' } },
  },
  Event: {
    type: 'object', required: ['id', 'type', 'mmsi', 'start', 'end', 'lat', 'lon', 'confidence', 'details'],
    description: 'The event contract (docs/events.md)',
    properties: {
      id: str('Deterministic id'), type: { type: 'string', enum: EVENT_TYPES, description: 'Event type' }, mmsi: int('Vessel'),
      other_mmsi: int('The other vessel of an encounter'), imo: int('IMO'), name: str('Vessel name'),
      start: time('Start'), end: time('End'), lat: num('Representative latitude'), lon: num('Representative longitude'),
      confidence: num('0–1'), details: { type: 'object', description: 'Type-specific evidence' },
    },
  },
  EventPage: {
    type: 'object', required: ['items'],
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/Event' } },
      next: { type: ['string', 'null'], description: 'Cursor of the next (older) page; null on the last page' },
      next_url: { type: ['string', 'null'], description: 'The next page as a URL' },
    },
  },
  Zone: {
    type: 'object', required: ['type', 'geometry', 'properties'], description: 'A GeoJSON Feature',
    properties: { type: { type: 'string', enum: ['Feature'] }, id: str('Zone id'), geometry: { type: 'object' }, properties: { type: 'object' } },
  },
  Port: {
    type: 'object', required: ['id', 'name', 'lat', 'lon'],
    properties: { id: str('UN/LOCODE or slug'), name: str('Name'), lat: num('Latitude'), lon: num('Longitude'), radius_m: num('Port area radius, m'), country: str('ISO 3166-1 alpha-2'), unlocode: str('UN/LOCODE'), tags: { type: 'array', items: { type: 'string' } }, source: str('Origin of the definition') },
  },
  Source: {
    type: 'object', required: ['name', 'url', 'kind', 'state'],
    properties: {
      name: str('Source name'), url: str('Source URL'), kind: str('tcp, tcp-listen, udp, file or stdin'), state: str('Current state'),
      lines: int('Lines received'), messages: int('Messages decoded'), errors: { type: 'object', description: 'Errors by reason' },
      dropped: int('Lines that could not be kept (queue full)'), overlong: int('Lines over the length limit'), connections: int('Connections made or accepted'),
      reconnects: int('Reconnection attempts'), last_seen: time('Last line received'), last_error: str('Last error'),
    },
  },
  FeatureCollection: { type: 'object', required: ['type', 'features'], properties: { type: { type: 'string', enum: ['FeatureCollection'] }, features: { type: 'array', items: { type: 'object' } } } },
};

/** A `$ref` to a component schema. */
export const ref = (name: keyof typeof SCHEMAS  ): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
export const arrayOf = (name: string): JsonSchema => ({ type: 'array', items: { $ref: `#/components/schemas/${name}` } });
export const ERROR_RESPONSES = {
  '400': { description: 'Invalid input; the message says which parameter and why', schema: ref('Error') },
};
