/**
 * The detector registry: every detector Lookout runs, with its configuration key, the event types
 * it raises and its defaults, and `buildDetectors` to create them all from a DetectorConfig.
 */
import type { DetectorConfig } from './config.js';
import type { Detector, DetectorContext } from './detector.js';
import type { EventType } from './event.js';
import { createEncounterDetector, ENCOUNTER_DEFAULTS } from './encounter.js';
import { createGapDetector, GAP_DEFAULTS } from './gap.js';
import { createIdentityAnomalyDetector, IDENTITY_ANOMALY_DEFAULTS } from './identity-anomaly.js';
import { createIdentityChangeDetector, IDENTITY_CHANGE_DEFAULTS } from './identity-change.js';
import { createDraughtChangeDetector, DRAUGHT_CHANGE_DEFAULTS } from './draught-change.js';
import { createLoiteringDetector, LOITERING_DEFAULTS } from './loitering.js';
import { createPortVisitDetector, PORT_VISIT_DEFAULTS } from './port-visit.js';
import { createSharedMmsiDetector, SHARED_MMSI_DEFAULTS } from './shared-mmsi.js';
import { createSpoofingDetector, SPOOFING_DEFAULTS } from './spoofing.js';
import { createZoneDetector, ZONE_DEFAULTS } from './zones.js';

/** One registered detector. */
export interface DetectorEntry {
  /** Configuration section name. */
  key: string;
  /** Event types it raises. */
  events: readonly EventType[];
  defaults: Readonly<Record<string, unknown>>;
  create(ctx: DetectorContext, params: Record<string, unknown>): Detector;
}

const entry = <P extends object>(
  key: string,
  events: readonly EventType[],
  defaults: P,
  create: (ctx: DetectorContext, params: Partial<P>) => Detector,
): DetectorEntry => ({
  key,
  events,
  defaults: defaults as Readonly<Record<string, unknown>>,
  create: (ctx, params) => create(ctx, params as Partial<P>),
});

/** Every detector, in the order the pipeline calls them. */
export const DETECTORS: readonly DetectorEntry[] = [
  entry('gap', ['gap'], GAP_DEFAULTS, createGapDetector),
  entry('encounter', ['encounter'], ENCOUNTER_DEFAULTS, createEncounterDetector),
  entry('loitering', ['loitering'], LOITERING_DEFAULTS, createLoiteringDetector),
  entry('port_visit', ['port_visit'], PORT_VISIT_DEFAULTS, createPortVisitDetector),
  entry('draught_change', ['draught_change'], DRAUGHT_CHANGE_DEFAULTS, createDraughtChangeDetector),
  entry('zones', ['zone_entry', 'zone_exit', 'transit'], ZONE_DEFAULTS, createZoneDetector),
  entry('identity_change', ['identity_change'], IDENTITY_CHANGE_DEFAULTS, createIdentityChangeDetector),
  entry('identity_anomaly', ['identity_anomaly'], IDENTITY_ANOMALY_DEFAULTS, createIdentityAnomalyDetector),
  entry('shared_mmsi', ['shared_mmsi'], SHARED_MMSI_DEFAULTS, createSharedMmsiDetector),
  entry('spoofing', ['spoofing'], SPOOFING_DEFAULTS, createSpoofingDetector),
];

/** Create every detector not disabled, each with its defaults overridden by its config section. */
export function buildDetectors(ctx: DetectorContext, config: DetectorConfig = {}): Detector[] {
  const disabled = new Set(config.disable ?? []);
  return DETECTORS.filter((d) => !disabled.has(d.key)).map((d) => {
    const section = config[d.key];
    return d.create(ctx, section !== undefined && !Array.isArray(section) ? section : {});
  });
}
