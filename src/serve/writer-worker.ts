/** The writer thread of {@link WorkerWriter}: one SQLite connection, one transaction per batch, replies in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStore } from '../store/sqlite.js';
import type { WriteBatch } from '../store/store.js';

const { path, cacheMb } = workerData as { path: string; cacheMb: number };
const port = parentPort!;
try {
  const store = await openSqliteStore({ path, cacheMb });
  port.on('message', (m: { id?: number; batch?: WriteBatch; close?: boolean }) => {
    if (m.close) {
      void store.close().then(() => port.close());
      return;
    }
    try {
      port.postMessage({ id: m.id, result: store.writeSync(m.batch!) });
    } catch (err) {
      port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
    }
  });
  port.postMessage({ ready: true });
} catch (err) {
  port.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
