/** TCP sources: a client that connects to a feed (reconnecting with backoff) and a listener receivers connect to. */
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { LineSplitter, delay, newStatus } from './source.js';
import type { LineSink, Source, SourceStatus } from './source.js';

/** Backoff after the n-th consecutive failure: 0.5 s doubling to 30 s, with ±20 % jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Feed lines from a socket into the sink, pausing the socket while the sink is full. */
function pipeSocket(socket: Socket, source: Source, sink: LineSink, status: SourceStatus): void {
  const split = new LineSplitter(status);
  let waiting = false;
  const each = (line: string): void => {
    status.lines++;
    status.last_seen = Date.now();
    sink.line(source, line, 0);
    if (sink.full) {
      if (!waiting) {
        waiting = true;
        socket.pause();
        void sink.room().then(() => {
          waiting = false;
          if (!socket.destroyed) socket.resume();
        });
      }
    }
  };
  socket.on('data', (chunk: Buffer) => split.push(chunk, each));
  socket.on('end', () => split.end(each));
}

/** `tcp://host:port`: connect to a feed; reconnect with backoff whenever it drops. */
export class TcpClientSource implements Source {
  readonly status: SourceStatus;
  readonly stampArrival = true;
  private readonly abort = new AbortController();
  private socket: Socket | undefined;
  private done: Promise<void> = Promise.resolve();

  constructor(readonly name: string, readonly url: string, private readonly host: string, private readonly port: number) {
    this.status = newStatus(name, url, 'tcp');
  }

  start(sink: LineSink): void {
    this.done = this.loop(sink);
  }

  private async loop(sink: LineSink): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      this.status.state = 'connecting';
      const gotData = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: this.host, port: this.port });
        this.socket = socket;
        let received = false;
        socket.setKeepAlive(true, 30_000);
        socket.on('connect', () => {
          this.status.state = 'connected';
          this.status.connections++;
        });
        socket.on('data', () => { received = true; });
        pipeSocket(socket, this, sink, this.status);
        socket.on('error', (err) => { this.status.last_error = err.message; });
        socket.on('close', () => resolve(received));
      });
      if (this.abort.signal.aborted) break;
      failures = gotData ? 0 : failures + 1;
      this.status.state = 'backoff';
      this.status.reconnects++;
      await delay(backoffMs(failures), this.abort.signal);
    }
    this.status.state = 'stopped';
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.socket?.destroy();
    await this.done;
  }
}

/** `tcp-listen://host:port`: receivers connect in; each connection's lines are ingested. */
export class TcpListenSource implements Source {
  readonly status: SourceStatus;
  readonly stampArrival = true;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  /** The bound port once listening (useful with port 0). */
  port: number | undefined;

  constructor(readonly name: string, readonly url: string, private readonly host: string, private readonly wantPort: number) {
    this.status = newStatus(name, url, 'tcp-listen');
  }

  start(sink: LineSink): void {
    const server = createServer((socket) => {
      this.status.connections++;
      this.sockets.add(socket);
      pipeSocket(socket, this, sink, this.status);
      socket.on('error', (err) => { this.status.last_error = err.message; });
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    server.on('error', (err) => {
      this.status.last_error = err.message;
      this.status.state = 'stopped';
    });
    server.listen(this.wantPort, this.host, () => {
      this.status.state = 'listening';
      const a = server.address();
      if (a && typeof a === 'object') {
        this.port = a.port;
        this.status.address = `${this.host}:${a.port}`;
      }
    });
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.status.state = 'stopped';
  }
}
