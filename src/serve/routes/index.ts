/**
 * Every route module of the API. To add endpoints, write src/serve/routes/NAME.ts exporting
 * `routes: Route[]` and add one import and one spread below (docs/api.md, "How to add a route").
 */
import type { Route } from '../http.js';
import { routes as ops } from './ops.js';
import { routes as vessels } from './vessels.js';
import { routes as events } from './events.js';
import { routes as reference } from './reference.js';
import { routes as match } from './match.js';
import { routes as zoneReport } from './zone-report.js';
import { routes as tiles } from './tiles.js';

/** All routes, in the order the reference lists them. */
export const ROUTES: readonly Route[] = [
  ...vessels,
  ...events,
  ...reference,
  ...zoneReport,
  ...tiles,
  ...match,
  ...ops,
];
