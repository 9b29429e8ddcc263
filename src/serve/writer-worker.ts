/**
 * The writer thread of {@link WorkerWriter}: one SQLite connection, one transaction per batch,
 * replies in order. A reply carries only numbers (rows stored, the sequence number of each event
 * newly stored by its index in the batch, this thread's busy and CPU time): the main thread
 * still holds the batch's events, so they are not cloned back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStore } from '../store/sqlite.js';
import { fromWire } from './batch-wire.js';
import type { WireBatch } from './batch-wire.js';
import { threadCpuMs } from './thread-cpu.js';

const { path, cacheMb } = workerData as { path: string; cacheMb: number };
const port = parentPort!;
try {
  const store = await openSqliteStore({ path, cacheMb });
  let busyMs = 0;
  port.on('message', (m: { id?: number; batch?: WireBatch; close?: boolean }) => {
    if (m.close) {
      void store.close().then(() => port.close());
      return;
    }
    const t0 = performance.now();
    try {
      const batch = fromWire(m.batch!);
      const r = store.writeSync(batch);
      // Events newly stored, as [index in the batch, seq] pairs (the store keeps the batch's order).
      const stored: number[] = [];
      const events = batch.events ?? [];
      let i = 0;
      for (const e of r.events) {
        while (i < events.length && events[i] !== e.event) i++;
        stored.push(i, e.seq);
      }
      busyMs += performance.now() - t0;
      port.postMessage({ id: m.id, positions: r.positions, stored, busyMs, cpuMs: threadCpuMs() });
    } catch (err) {
      busyMs += performance.now() - t0;
      port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err), busyMs, cpuMs: threadCpuMs() });
    }
  });
  port.postMessage({ ready: true, cpuMs: threadCpuMs() });
} catch (err) {
  port.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
