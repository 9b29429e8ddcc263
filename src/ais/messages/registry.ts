/**
 * The compiled layouts, built once at module load, and the variant selection shared by the
 * decoder and the encoder.
 */
import type { CompiledLayout } from './layout.js';
import { compileLayout, propertyNames, templateOf } from './layout.js';
import { LAYOUTS, TYPE_LAYOUTS } from './tables.js';
import type { AppSpec } from './apps.js';
import { APPS } from './apps.js';

/** Compiled layouts of each message type 1–27, indexed by the variant number. */
export const COMPILED: CompiledLayout[][] = (() => {
  const out: CompiledLayout[][] = [];
  const cache = new Map<string, CompiledLayout>();
  for (let type = 0; type < 64; type++) {
    const names = TYPE_LAYOUTS[type];
    out.push(
      names === undefined
        ? []
        : names.map((name) => {
            let c = cache.get(name);
            if (c === undefined) {
              c = compileLayout(LAYOUTS[name]);
              cache.set(name, c);
            }
            return c;
          }),
    );
  }
  return out;
})();

/** Key of an application: message type, DAC and FI. */
export function appKey(type: number, dac: number, fid: number): number {
  return type * 65536 + dac * 64 + fid;
}

/** A compiled application, with the shape of a whole decoded message carrying it. */
export interface CompiledApp {
  app: AppSpec;
  layout: CompiledLayout;
  template: Record<string, undefined>;
}

/** Compiled application layouts by appKey. */
export const COMPILED_APPS: Map<number, CompiledApp> = (() => {
  const m = new Map<number, CompiledApp>();
  for (const app of APPS) {
    const layout = compileLayout(app);
    for (const type of app.types) {
      const base = COMPILED[type][0];
      const template = templateOf([...propertyNames(base.spec), ...propertyNames(app)]);
      m.set(appKey(type, app.dac, app.fid), { app, layout, template });
    }
  }
  return m;
})();

/** Bit offset where the application data of a type 6 / type 8 message starts. */
export const APP_DATA_START: Record<number, number> = { 6: 88, 8: 56 };
