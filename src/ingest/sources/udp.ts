/** `udp://host:port`: datagrams of one or more lines. UDP cannot be paused: lines refused by a full queue are counted as dropped. */
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { LineSplitter, newStatus } from './source.js';
import type { LineSink, Source, SourceStatus } from './source.js';

export class UdpSource implements Source {
  readonly status: SourceStatus;
  readonly stampArrival = true;
  private socket: Socket | undefined;
  port: number | undefined;

  constructor(readonly name: string, readonly url: string, private readonly host: string, private readonly wantPort: number) {
    this.status = newStatus(name, url, 'udp');
  }

  start(sink: LineSink): void {
    const socket = createSocket({ type: isIPv6(this.host) ? 'udp6' : 'udp4', reuseAddr: true });
    this.socket = socket;
    socket.on('message', (msg) => {
      // Each datagram is complete: a fresh splitter per datagram, flushed at its end.
      const split = new LineSplitter(this.status);
      const each = (line: string): void => {
        this.status.lines++;
        this.status.last_seen = Date.now();
        sink.line(this, line, 0);
      };
      split.push(msg, each);
      split.end(each);
    });
    socket.on('error', (err) => { this.status.last_error = err.message; });
    socket.bind(this.wantPort, this.host, () => {
      this.status.state = 'listening';
      this.port = socket.address().port;
      this.status.address = `${this.host}:${this.port}`;
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.status.state = 'stopped';
      if (!this.socket) return resolve();
      this.socket.close(() => resolve());
    });
  }
}
