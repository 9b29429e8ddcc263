/**
 * The coarse level of positions: per vessel and 5-minute interval of time, the earliest stored
 * fix (time, lat, lon). A track over a long range reads this level — a few thousand rows for a
 * month — instead of every fix (docs/storage.md, "Reading fast"). The store keeps it in the same
 * transaction as the positions (src/store/sqlite.ts); this migration fills it from the positions
 * already stored. `bucket` is floor(time / 300000).
 */
export const version = 2;
export const name = 'track-coarse';
export const up = `
CREATE TABLE positions_coarse (
  mmsi   INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  time   INTEGER NOT NULL,
  lat    REAL NOT NULL,
  lon    REAL NOT NULL,
  PRIMARY KEY (mmsi, bucket)
) WITHOUT ROWID;

-- With one min() aggregate, SQLite takes the bare columns from the row holding the minimum.
INSERT INTO positions_coarse (mmsi, bucket, time, lat, lon)
SELECT mmsi, (time - ((time % 300000) + 300000) % 300000) / 300000 AS b, min(time), lat, lon
FROM positions GROUP BY mmsi, b;
`;
