/**
 * Sanctions lists: the current entities of every imported list (FtM-like JSON), the import
 * history with added/removed/changed counts, and each change with the previous version kept,
 * so that any earlier state of a list can be reconstructed. docs/screening.md explains them.
 */
export const version = 100;
export const name = 'sanctions-lists';
export const up = `
CREATE TABLE sanctions_lists (
  list_id      TEXT PRIMARY KEY,
  title        TEXT NOT NULL,
  authority    TEXT NOT NULL,
  published    TEXT,
  imported_at  INTEGER NOT NULL,
  import_id    INTEGER NOT NULL,
  entities     INTEGER NOT NULL
);

CREATE TABLE sanctions_entities (
  list_id   TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  schema    TEXT NOT NULL,
  caption   TEXT NOT NULL,
  hash      TEXT NOT NULL,
  json      TEXT NOT NULL,
  PRIMARY KEY (list_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX sanctions_entities_schema ON sanctions_entities (schema);

CREATE TABLE sanctions_imports (
  import_id   INTEGER PRIMARY KEY AUTOINCREMENT,
  list_id     TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  published   TEXT,
  files       TEXT NOT NULL,
  entities    INTEGER NOT NULL,
  added       INTEGER NOT NULL,
  removed     INTEGER NOT NULL,
  changed     INTEGER NOT NULL,
  unchanged   INTEGER NOT NULL,
  problems    TEXT NOT NULL
);
CREATE INDEX sanctions_imports_list ON sanctions_imports (list_id, import_id);

-- One row per entity that changed in an import; before_json keeps the replaced version.
CREATE TABLE sanctions_changes (
  import_id   INTEGER NOT NULL,
  entity_id   TEXT NOT NULL,
  change      TEXT NOT NULL CHECK (change IN ('added', 'removed', 'changed')),
  schema      TEXT NOT NULL,
  caption     TEXT NOT NULL,
  before_json TEXT,
  PRIMARY KEY (import_id, entity_id)
) WITHOUT ROWID;
`;
