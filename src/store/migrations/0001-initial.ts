/**
 * The initial schema of the embedded store: vessels and their identity history, positions,
 * events, user zones, sources and checkpoints. docs/storage.md explains every table.
 */
export const version = 1;
export const name = 'initial';
export const up = `
CREATE TABLE vessels (
  mmsi        INTEGER PRIMARY KEY,
  imo         INTEGER,
  name        TEXT COLLATE NOCASE,
  callsign    TEXT COLLATE NOCASE,
  ship_type   INTEGER,
  length      REAL,
  beam        REAL,
  draught     REAL,
  destination TEXT,
  flag        TEXT,
  class       TEXT,
  first_seen  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  lat         REAL,
  lon         REAL,
  speed       REAL,
  course      REAL,
  heading     REAL,
  status      INTEGER,
  fix_time    INTEGER,
  fixes       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX vessels_name ON vessels (name);
CREATE INDEX vessels_callsign ON vessels (callsign);
CREATE INDEX vessels_imo ON vessels (imo);
CREATE INDEX vessels_last_seen ON vessels (last_seen);

CREATE TABLE identity_history (
  mmsi   INTEGER NOT NULL,
  time   INTEGER NOT NULL,
  field  TEXT NOT NULL,
  before TEXT,
  after  TEXT,
  PRIMARY KEY (mmsi, time, field, after)
) WITHOUT ROWID;

-- Clustered by vessel then time: a track over any range is one contiguous range scan, and
-- the primary key makes a replayed position a no-op (INSERT OR IGNORE).
CREATE TABLE positions (
  mmsi    INTEGER NOT NULL,
  time    INTEGER NOT NULL,
  lat     REAL NOT NULL,
  lon     REAL NOT NULL,
  speed   REAL,
  course  REAL,
  heading REAL,
  status  INTEGER,
  PRIMARY KEY (mmsi, time)
) WITHOUT ROWID;

-- seq is the insertion order: the live stream's resumable cursor. id is the event contract's
-- deterministic id: INSERT OR IGNORE makes a replayed event a no-op.
CREATE TABLE events (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT NOT NULL UNIQUE,
  type       TEXT NOT NULL,
  mmsi       INTEGER NOT NULL,
  other_mmsi INTEGER,
  t_start    INTEGER NOT NULL,
  t_end      INTEGER NOT NULL,
  lat        REAL NOT NULL,
  lon        REAL NOT NULL,
  confidence REAL NOT NULL,
  zone       TEXT,
  json       TEXT NOT NULL
);
CREATE INDEX events_start ON events (t_start, id);
CREATE INDEX events_mmsi ON events (mmsi, t_start);
CREATE INDEX events_other ON events (other_mmsi, t_start) WHERE other_mmsi IS NOT NULL;
CREATE INDEX events_type ON events (type, t_start);
CREATE INDEX events_zone ON events (zone, t_start) WHERE zone IS NOT NULL;

CREATE TABLE zones (
  id       TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  kind     TEXT NOT NULL,
  geometry TEXT NOT NULL,
  tags     TEXT NOT NULL,
  source   TEXT NOT NULL,
  created  INTEGER NOT NULL
);

CREATE TABLE sources (
  name    TEXT PRIMARY KEY,
  url     TEXT NOT NULL,
  stats   TEXT NOT NULL,
  updated INTEGER NOT NULL
);

CREATE TABLE checkpoints (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
