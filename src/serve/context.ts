/**
 * What every route handler can reach: the store, the in-memory live picture, reference
 * geography, metrics and the ingest's status. Built once by the server (src/serve/app.ts).
 */
import type { Database } from 'better-sqlite3';
import type { RefData } from '../geo/types.js';
import type { SourceStatus } from '../ingest/sources/source.js';
import type { Store } from '../store/store.js';
import type { LivePicture } from './live-picture.js';
import type { Metrics } from './metrics.js';
import type { Route } from './http.js';

export type { SourceStatus };

/** The ingest as the API sees it. */
export interface IngestView {
  sources(): SourceStatus[];
  /** True once the store is open and detection has been primed (readiness). */
  ready(): boolean;
  /** True when every source has ended (finite inputs) and detection has closed its episodes. */
  finished(): boolean;
  /** Counters for /metrics. */
  counters(): {
    messages: number;
    decode_errors: Record<string, number>;
    /** Decoded messages the analysis did not use, by reason (late, duplicate, invalid_position, no_time…). */
    rejected: Record<string, number>;
    /** Position reports accepted as fixes. */
    positions: number;
    dropped: number;
    queue: number;
    pending: number;
    positions_stored: number;
    /** Positions of late messages (after the reorder window) kept as history without analysis. */
    late_positions: number;
    events_stored: number;
    batches: number;
  };
}

/** Shared services for route handlers. */
export interface AppContext {
  store: Store;
  /** The raw SQLite handle when the store is SQLite: modules that own tables (e.g. sanctions lists) query it. */
  db?: Database;
  live: LivePicture;
  refdata?: RefData;
  /** Call after creating or deleting a user zone: detection then uses the store's zones at once. */
  zonesChanged?: () => Promise<void>;
  metrics: Metrics;
  ingest: IngestView;
  /** Folder of the web UI's static files (index.html at `/`). */
  webRoot?: string;
  /** Named extension services (e.g. a screening engine), for route modules that need more than the above. */
  services: Map<string, unknown>;
  startedAt: number;
  /** Every registered route (the OpenAPI document is built from them). */
  routes: readonly Route[];
  /** GeoJSON basemap layers for the web UI, absolute paths by layer name. */
  basemap: Record<string, string>;
}
