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

export interface BatchWriter {
  write(batch: WriteBatch): WriteResult | Promise<WriteResult>;
  close(): Promise<void>;
}

/** Writes on the calling thread. */
export function inlineWriter(store: SqliteStore): BatchWriter {
  return { write: (b) => store.writeSync(b), close: () => Promise.resolve() };
}

type Reply = { id: number; result?: WriteResult; error?: string };

/** Writes in a worker thread that opens the same database file. */
export class WorkerWriter implements BatchWriter {
  private readonly worker: Worker;
  private next = 0;
  private readonly pending = new Map<number, { resolve: (r: WriteResult) => void; reject: (e: Error) => void }>();
  private readonly ready: Promise<void>;

  constructor(path: string, cacheMb = 64) {
    this.worker = new Worker(new URL('./writer-worker.js', import.meta.url), { workerData: { path, cacheMb } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', (m: { ready?: boolean; error?: string }) => (m.ready ? resolve() : reject(new Error(m.error))));
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
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.result!);
      });
    });
  }

  write(batch: WriteBatch): Promise<WriteResult> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // The columnar positions move to the worker without a copy (the batch owns its buffer).
      const cols = batch.positionColumns;
      this.worker.postMessage({ id, batch }, cols && cols.byteOffset === 0 && cols.byteLength === cols.buffer.byteLength ? [cols.buffer as ArrayBuffer] : []);
    });
  }

  async close(): Promise<void> {
    this.worker.postMessage({ close: true });
    await new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
  }
}
