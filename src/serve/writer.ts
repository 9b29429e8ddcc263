/**
 * Where the ingest's batches go. Inline: the store's synchronous write on the ingest thread.
 * Worker: a dedicated thread with its own SQLite connection, so decoding and detection run on
 * one core while the previous batch is written on another (WAL lets the API read meanwhile).
 * Batches are written in the order they were handed over, each in one transaction; a batch's
 * columnar positions are transferred, not copied (the caller must not reuse them).
 */
import { Worker } from 'node:worker_threads';
import type { SqliteStore } from '../store/sqlite.js';
import type { WriteBatch, WriteResult } from '../store/store.js';
import { toWire, wireTransfers } from './batch-wire.js';

export interface BatchWriter {
  write(batch: WriteBatch): WriteResult | Promise<WriteResult>;
  close(): Promise<void>;
  /** Time spent writing so far (a worker's own thread), for the ingest's accounting. */
  readonly usage?: WriterUsage;
}

/** Where the writer's time went. */
export interface WriterUsage {
  /** Batches written. */
  batches: number;
  /** Wall time inside the store's write, ms. */
  busyMs: number;
  /** CPU time of the writer thread, ms (undefined: not measurable here, see thread-cpu.ts). */
  cpuMs?: number;
}

/** Writes on the calling thread. */
export function inlineWriter(store: SqliteStore): BatchWriter {
  const usage: WriterUsage = { batches: 0, busyMs: 0 };
  return {
    usage,
    write: (b) => {
      const t0 = performance.now();
      try {
        return store.writeSync(b);
      } finally {
        usage.batches++;
        usage.busyMs += performance.now() - t0;
      }
    },
    close: () => Promise.resolve(),
  };
}

type Reply = { id: number; positions?: number; stored?: number[]; error?: string; busyMs: number; cpuMs?: number };

/** Writes in a worker thread that opens the same database file. */
export class WorkerWriter implements BatchWriter {
  private readonly worker: Worker;
  private next = 0;
  private readonly pending = new Map<number, { events: WriteBatch['events']; resolve: (r: WriteResult) => void; reject: (e: Error) => void }>();
  private readonly ready: Promise<void>;
  readonly usage: WriterUsage = { batches: 0, busyMs: 0 };
  private cpuAtStart: number | undefined;

  constructor(path: string, cacheMb = 64) {
    this.worker = new Worker(new URL('./writer-worker.js', import.meta.url), { workerData: { path, cacheMb } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', (m: { ready?: boolean; error?: string; cpuMs?: number }) => {
        this.cpuAtStart = m.cpuMs;
        if (m.ready) resolve();
        else reject(new Error(m.error));
      });
      this.worker.once('error', reject);
    });
    this.worker.on('error', (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  /** Resolves once the worker has opened the database. */
  started(): Promise<void> {
    return this.ready.then(() => {
      this.worker.on('message', (m: Reply) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        this.usage.batches++;
        this.usage.busyMs = m.busyMs;
        if (m.cpuMs !== undefined && this.cpuAtStart !== undefined) this.usage.cpuMs = m.cpuMs - this.cpuAtStart;
        if (m.error !== undefined) return p.reject(new Error(m.error));
        // The events newly stored, rebuilt from the batch this thread still holds.
        const events = p.events ?? [];
        const stored = m.stored!;
        const out: WriteResult = { positions: m.positions!, events: new Array<WriteResult['events'][number]>(stored.length / 2) };
        for (let k = 0; k < stored.length; k += 2) out.events[k / 2] = { seq: stored[k + 1], event: events[stored[k]] };
        p.resolve(out);
      });
    });
  }

  write(batch: WriteBatch): Promise<WriteResult> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { events: batch.events, resolve, reject });
      // Vessels and identity changes go as columns (batch-wire.ts); the columns, and the columnar
      // positions, move to the worker without a copy (the batch owns its buffers).
      const wire = toWire(batch);
      this.worker.postMessage({ id, batch: wire }, wireTransfers(wire));
    });
  }

  async close(): Promise<void> {
    this.worker.postMessage({ close: true });
    await new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
  }
}
