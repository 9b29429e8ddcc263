/**
 * SQLite persistence of sanctions lists (tables from migration 0100): import a list with a
 * diff against what was stored, keep the history of imports and changes, report status, and
 * load every stored entity for the screener.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { applyMigrations, loadMigrations } from '../migrate.js';
import { diffEntities, entityHash } from '../../screen/diff.js';
import type { Entity, ImportResult } from '../../screen/model.js';
import { SNAPSHOT_FORMAT, Screener, type MatchQuery, type MatchResult, type ScreenConfig, type ScreenerSnapshot } from '../../screen/matcher.js';

/** What one import did to one list. */
export interface ImportSummary {
  import_id: number;
  list_id: string;
  title: string;
  entities: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** Up to 10 examples per kind of change (captions). */
  examples: { added: string[]; removed: string[]; changed: string[] };
  problems: Record<string, number>;
}

/** One stored list. */
export interface ListStatus {
  list_id: string;
  title: string;
  authority: string;
  published: string | null;
  imported_at: number;
  import_id: number;
  entities: number;
  imports: number;
  by_schema: Record<string, number>;
}

/** One past import. */
export interface ImportRecord {
  import_id: number;
  list_id: string;
  imported_at: number;
  published: string | null;
  files: string[];
  entities: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  problems: Record<string, number>;
}

/** The sanctions-list tables of the embedded store. */
export class ListStore {
  constructor(readonly db: Db) {}

  /** Open (or create) the database file, apply pending migrations, and wrap it. */
  static async open(path: string): Promise<ListStore> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    applyMigrations(db, await loadMigrations());
    return new ListStore(db);
  }

  /** Store one imported list: diff against the stored version, record history, replace. */
  importList(result: ImportResult, now: number = Date.now()): ImportSummary {
    const listId = result.list.id;
    const previous = new Map<string, string>();
    const captions = new Map<string, { schema: string; caption: string; json: string }>();
    for (const r of this.db.prepare('SELECT entity_id, schema, caption, hash, json FROM sanctions_entities WHERE list_id = ?').iterate(listId) as Iterable<{ entity_id: string; schema: string; caption: string; hash: string; json: string }>) {
      previous.set(r.entity_id, r.hash);
      captions.set(r.entity_id, { schema: r.schema, caption: r.caption, json: r.json });
    }
    const diff = diffEntities(previous, result.entities);
    const unique = new Map<string, Entity>();
    for (const e of result.entities) if (!unique.has(e.id)) unique.set(e.id, e);
    const tx = this.db.transaction((): number => {
      const info = this.db
        .prepare(`INSERT INTO sanctions_imports (list_id, imported_at, published, files, entities, added, removed, changed, unchanged, problems)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(listId, now, result.list.published ?? null, JSON.stringify(result.files), unique.size, diff.added.length, diff.removed.length, diff.changed.length, diff.unchanged, JSON.stringify(result.problems));
      const importId = Number(info.lastInsertRowid);
      const change = this.db.prepare('INSERT INTO sanctions_changes (import_id, entity_id, change, schema, caption, before_json) VALUES (?, ?, ?, ?, ?, ?)');
      for (const e of diff.added) change.run(importId, e.id, 'added', e.schema, e.caption, null);
      for (const e of diff.changed) change.run(importId, e.id, 'changed', e.schema, e.caption, captions.get(e.id)?.json ?? null);
      for (const id of diff.removed) {
        const c = captions.get(id);
        change.run(importId, id, 'removed', c?.schema ?? 'Other', c?.caption ?? id, c?.json ?? null);
      }
      this.db.prepare('DELETE FROM sanctions_entities WHERE list_id = ?').run(listId);
      const put = this.db.prepare('INSERT INTO sanctions_entities (list_id, entity_id, schema, caption, hash, json) VALUES (?, ?, ?, ?, ?, ?)');
      for (const e of unique.values()) put.run(listId, e.id, e.schema, e.caption, entityHash(e), JSON.stringify(e));
      this.db
        .prepare(`INSERT INTO sanctions_lists (list_id, title, authority, published, imported_at, import_id, entities) VALUES (?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (list_id) DO UPDATE SET title = excluded.title, authority = excluded.authority, published = excluded.published,
                  imported_at = excluded.imported_at, import_id = excluded.import_id, entities = excluded.entities`)
        .run(listId, result.list.title, result.list.authority, result.list.published ?? null, now, importId, unique.size);
      return importId;
    });
    const importId = tx();
    const caps = (xs: Entity[]): string[] => xs.filter((e) => e.schema !== 'Sanction').slice(0, 10).map((e) => `${e.caption} [${e.id}]`);
    return {
      import_id: importId,
      list_id: listId,
      title: result.list.title,
      entities: unique.size,
      added: diff.added.length,
      removed: diff.removed.length,
      changed: diff.changed.length,
      unchanged: diff.unchanged,
      examples: { added: caps(diff.added), removed: diff.removed.slice(0, 10).map((id) => `${captions.get(id)?.caption ?? id} [${id}]`), changed: caps(diff.changed) },
      problems: result.problems,
    };
  }

  /** Every stored list with counts by schema. */
  status(): ListStatus[] {
    const lists = this.db.prepare('SELECT list_id, title, authority, published, imported_at, import_id, entities FROM sanctions_lists ORDER BY list_id').all() as Omit<ListStatus, 'imports' | 'by_schema'>[];
    const counts = this.db.prepare('SELECT list_id, schema, count(*) AS n FROM sanctions_entities GROUP BY list_id, schema').all() as { list_id: string; schema: string; n: number }[];
    const imports = this.db.prepare('SELECT list_id, count(*) AS n FROM sanctions_imports GROUP BY list_id').all() as { list_id: string; n: number }[];
    return lists.map((l) => ({
      ...l,
      imports: imports.find((i) => i.list_id === l.list_id)?.n ?? 0,
      by_schema: Object.fromEntries(counts.filter((c) => c.list_id === l.list_id).map((c) => [c.schema, c.n])),
    }));
  }

  /** Past imports, newest first (optionally of one list). */
  history(listId?: string, limit = 100): ImportRecord[] {
    const rows = (listId
      ? this.db.prepare('SELECT * FROM sanctions_imports WHERE list_id = ? ORDER BY import_id DESC LIMIT ?').all(listId, limit)
      : this.db.prepare('SELECT * FROM sanctions_imports ORDER BY import_id DESC LIMIT ?').all(limit)) as (Omit<ImportRecord, 'files' | 'problems'> & { files: string; problems: string })[];
    return rows.map((r) => ({ ...r, files: JSON.parse(r.files) as string[], problems: JSON.parse(r.problems) as Record<string, number> }));
  }

  /** The changes one import made. */
  changes(importId: number): { entity_id: string; change: string; schema: string; caption: string; before: Entity | null }[] {
    const rows = this.db.prepare('SELECT entity_id, change, schema, caption, before_json FROM sanctions_changes WHERE import_id = ? ORDER BY change, entity_id').all(importId) as { entity_id: string; change: string; schema: string; caption: string; before_json: string | null }[];
    return rows.map((r) => ({ entity_id: r.entity_id, change: r.change, schema: r.schema, caption: r.caption, before: r.before_json ? (JSON.parse(r.before_json) as Entity) : null }));
  }

  /** Every stored entity of every list (for building the screener). */
  entities(): Entity[] {
    const out: Entity[] = [];
    for (const r of this.db.prepare('SELECT json FROM sanctions_entities').iterate() as Iterable<{ json: string }>) out.push(JSON.parse(r.json) as Entity);
    return out;
  }

  /** A number that changes whenever any list is imported (to know when to rebuild an index). */
  generation(): number {
    const r = this.db.prepare('SELECT coalesce(max(import_id), 0) AS g FROM sanctions_imports').get() as { g: number };
    return r.g;
  }

  /**
   * Build the screening index over the stored lists and keep a snapshot of it for the current
   * import generation (called after an import, so later screenings restore instead of rebuild).
   */
  buildIndex(config: Partial<ScreenConfig> = {}): Screener {
    const generation = this.generation();
    const screener = new Screener(this.entities(), config);
    if (config.asOf === undefined) {
      this.db
        .prepare('INSERT OR REPLACE INTO sanctions_index_snapshot (slot, generation, format, built_at, data) VALUES (1, ?, ?, ?, ?)')
        .run(generation, SNAPSHOT_FORMAT, Date.now(), serialize(screener.snapshot()));
    }
    return screener;
  }

  /**
   * The screener over the stored lists: restored from the snapshot when it matches the current
   * import generation and format (milliseconds), else built and snapshotted (seconds).
   */
  screener(config: Partial<ScreenConfig> = {}): Screener {
    if (config.asOf === undefined) {
      const row = this.db.prepare('SELECT generation, format, data FROM sanctions_index_snapshot WHERE slot = 1').get() as { generation: number; format: number; data: Buffer } | undefined;
      if (row && row.generation === this.generation() && row.format === SNAPSHOT_FORMAT) {
        try {
          return Screener.restore(deserialize(row.data) as ScreenerSnapshot, config);
        } catch {
          // A damaged snapshot is rebuilt below, not fatal.
        }
      }
    }
    return this.buildIndex(config);
  }

  /** Close the database. */
  close(): void {
    this.db.close();
  }
}

/**
 * A screener over the stored lists that rebuilds itself when a list is re-imported (checked
 * on each call by the import generation, a cheap query). Use it as the pipeline's and the
 * API's shared screener: `createScreeningDetector(cached)`, `cached.current()`.
 */
export class StoredListsScreener {
  private screener: Screener | undefined;
  private built = -1;
  constructor(
    private readonly store: ListStore,
    private readonly config: Partial<ScreenConfig> = {},
  ) {}

  /** The screener for the current lists (rebuilt when a list has been imported since). */
  current(): Screener {
    const g = this.store.generation();
    if (!this.screener || g !== this.built) {
      this.screener = this.store.screener(this.config);
      this.built = g;
    }
    return this.screener;
  }

  /** Screen one query against the current lists. */
  match(query: MatchQuery, config?: Partial<ScreenConfig>): MatchResult[] {
    return this.current().match(query, config);
  }
}
