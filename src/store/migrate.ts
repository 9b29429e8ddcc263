/**
 * Schema migrations: one module per migration in ./migrations (NNNN-name.js once compiled),
 * each exporting `version`, `name` and `up` (SQL). They are discovered by reading the compiled
 * directory, so adding a migration touches no shared index file, and applied in version order,
 * each in its own transaction, recorded in `schema_migrations`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Database } from 'better-sqlite3';

/** One migration module's exports. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** The folder holding the compiled migration modules. */
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

const FILE = /^(\d{4})-[a-z0-9-]+\.js$/;

/** Load every migration module in `dir`, checked and sorted by version. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = readdirSync(dir).filter((f) => FILE.test(f));
  const out: Migration[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as Partial<Migration>;
    const fileVersion = Number(FILE.exec(f)![1]);
    if (typeof mod.version !== 'number' || typeof mod.name !== 'string' || typeof mod.up !== 'string') {
      throw new Error(`migration ${f} must export version (number), name (string) and up (SQL string)`);
    }
    if (mod.version !== fileVersion) throw new Error(`migration ${f} exports version ${mod.version}, its file name says ${fileVersion}`);
    out.push({ version: mod.version, name: mod.name, up: mod.up });
  }
  out.sort((a, b) => a.version - b.version);
  for (let i = 1; i < out.length; i++) {
    if (out[i].version === out[i - 1].version) throw new Error(`two migrations share version ${out[i].version}`);
  }
  return out;
}

/** Apply the migrations not yet recorded in the database; returns the versions applied. */
export function applyMigrations(db: Database, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL)`);
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.up);
      record.run(m.version, m.name, Date.now());
    })();
    applied.push(m.version);
  }
  return applied;
}
