/**
 * Detector configuration: one optional section per detector (and one for the tracker), each a
 * partial set of that detector's parameters. Validated where it enters (a user's params.json):
 * unknown sections, unknown parameters and values of the wrong type are errors that name them.
 */
import type { TrackerParams } from '../track/tracker.js';
import { TRACKER_DEFAULTS } from '../track/tracker.js';
import { DETECTORS } from './index.js';

/** Parameters of the detectors and the tracker; every section and value is optional. */
export interface DetectorConfig {
  tracker?: Partial<TrackerParams>;
  /** Registry keys (see DETECTORS) of detectors to leave out. */
  disable?: string[];
  /** One section per detector, keyed by its registry key (`gap`, `encounter`, `spoofing`, …). */
  [detector: string]: Record<string, unknown> | string[] | undefined;
}

/** An invalid configuration: the message names the section and parameter. */
export class ConfigError extends Error {}

function checkSection(section: string, raw: unknown, defaults: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`"${section}" must be an object of parameters`);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!(name in defaults)) {
      const known = Object.keys(defaults).join(', ');
      throw new ConfigError(`"${section}.${name}" is not a parameter (known: ${known})`);
    }
    const def = defaults[name];
    if (typeof def === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new ConfigError(`"${section}.${name}" must be a non-negative number (default ${def})`);
      }
    } else if (typeof def === 'boolean') {
      if (typeof value !== 'boolean') throw new ConfigError(`"${section}.${name}" must be true or false (default ${def})`);
    } else if (typeof def === 'string') {
      if (typeof value !== 'string') throw new ConfigError(`"${section}.${name}" must be a string (default ${JSON.stringify(def)})`);
    } else if (Array.isArray(def)) {
      if (!Array.isArray(value) || value.some((x) => typeof x !== typeof (def[0] ?? x))) {
        throw new ConfigError(`"${section}.${name}" must be an array like ${JSON.stringify(def)}`);
      }
    }
    out[name] = value;
  }
  return out;
}

/** Validate a parsed configuration (e.g. JSON.parse of params.json); returns a clean copy. */
export function parseDetectorConfig(raw: unknown): DetectorConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError('the configuration must be a JSON object');
  const out: DetectorConfig = {};
  for (const [section, value] of Object.entries(raw as Record<string, unknown>)) {
    if (section === 'tracker') {
      out.tracker = checkSection('tracker', value, TRACKER_DEFAULTS);
    } else if (section === 'disable') {
      if (!Array.isArray(value) || value.some((x) => typeof x !== 'string' || !DETECTORS.some((d) => d.key === x))) {
        throw new ConfigError(`"disable" must list detector keys (${DETECTORS.map((d) => d.key).join(', ')})`);
      }
      out.disable = [...(value as string[])];
    } else {
      const entry = DETECTORS.find((d) => d.key === section);
      if (entry === undefined) {
        throw new ConfigError(`"${section}" is not a detector (known: tracker, disable, ${DETECTORS.map((d) => d.key).join(', ')})`);
      }
      out[section] = checkSection(section, value, entry.defaults);
    }
  }
  return out;
}

/** Every parameter with its default value, by section: what `--config` files may set. */
export function defaultConfig(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = { tracker: { ...TRACKER_DEFAULTS } };
  for (const d of DETECTORS) out[d.key] = { ...d.defaults };
  return out;
}
