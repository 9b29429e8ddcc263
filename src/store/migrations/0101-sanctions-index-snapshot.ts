/**
 * A snapshot of the built screening index, keyed by the lists' import generation and the
 * snapshot format, so `lookout screen` and the server restore the index instead of rebuilding
 * it from every stored entity (seconds with all lists). One row: the newest snapshot.
 */
export const version = 101;
export const name = 'sanctions-index-snapshot';
export const up = `
CREATE TABLE sanctions_index_snapshot (
  slot       INTEGER PRIMARY KEY CHECK (slot = 1),
  generation INTEGER NOT NULL,
  format     INTEGER NOT NULL,
  built_at   INTEGER NOT NULL,
  data       BLOB NOT NULL
);
`;
