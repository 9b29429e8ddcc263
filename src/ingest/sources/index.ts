/** Parse `NAME=URL` source specifications and create the matching {@link Source}. */
import { fileURLToPath } from 'node:url';
import { FILE_DEFAULTS, FileSource } from './file.js';
import type { FileOptions, Pace } from './file.js';
import { TcpClientSource, TcpListenSource } from './tcp.js';
import { UdpSource } from './udp.js';
import type { Source } from './source.js';

export type { LineSink, Source, SourceStatus } from './source.js';
export { FileSource } from './file.js';
export { TcpClientSource, TcpListenSource } from './tcp.js';
export { UdpSource } from './udp.js';

/** A parsed source specification. */
export interface SourceSpec {
  name: string;
  url: string;
}

/** Split `NAME=URL` (or a bare URL, named from its kind and position). */
export function parseSourceArg(arg: string, index: number): SourceSpec {
  const m = /^([A-Za-z][\w.-]{0,63})=(.+)$/.exec(arg);
  if (m && !/^[a-z-]+:\/\//.test(arg)) return { name: m[1], url: m[2] };
  const kind = arg === '-' ? 'stdin' : (/^([a-z-]+):\/\//.exec(arg)?.[1] ?? 'file');
  return { name: `${kind}${index}`, url: arg };
}

function hostPort(u: URL, what: string): { host: string; port: number } {
  const port = Number(u.port);
  if (!u.port || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${what}: a port is required (e.g. ${u.protocol}//127.0.0.1:10110)`);
  const host = u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  return { host, port };
}

/** Create a source from its specification; throws with a clear message on a bad URL. */
export function createSource(spec: SourceSpec, extra: Partial<FileOptions> = {}): Source {
  const { name, url } = spec;
  if (url === '-') return new FileSource(name, url, undefined, { ...FILE_DEFAULTS, ...extra });
  if (!/^[a-z-]+:\/\//.test(url)) return new FileSource(name, url, url, { ...FILE_DEFAULTS, ...extra });
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`source ${name}: '${url}' is not a valid URL`);
  }
  switch (u.protocol) {
    case 'tcp:': { const { host, port } = hostPort(u, `source ${name}`); return new TcpClientSource(name, url, host, port); }
    case 'tcp-listen:': { const { host, port } = hostPort(u, `source ${name}`); return new TcpListenSource(name, url, host, port); }
    case 'udp:': { const { host, port } = hostPort(u, `source ${name}`); return new UdpSource(name, url, host, port); }
    case 'file:': {
      const p = u.searchParams;
      const pace = (p.get('pace') ?? 'fast') as Pace;
      if (!['fast', 'recorded', 'follow'].includes(pace)) throw new Error(`source ${name}: pace must be recorded, fast or follow`);
      const speed = Number(p.get('speed') ?? '1');
      if (!(speed > 0)) throw new Error(`source ${name}: speed must be a positive number`);
      const flag = (k: string): boolean => ['1', 'true', 'yes'].includes(p.get(k) ?? '');
      // file:///abs/path, or file://relative/path as a convenience.
      const path = u.hostname && u.hostname !== 'localhost' ? decodeURIComponent(u.hostname + u.pathname) : fileURLToPath(`file://${u.pathname}`);
      return new FileSource(name, url, path, {
        ...FILE_DEFAULTS, pace, speed, loop: flag('loop'), retime: flag('retime'), ...extra,
      });
    }
    default:
      throw new Error(`source ${name}: unsupported scheme '${u.protocol}' (use tcp://, tcp-listen://, udp://, file:// or -)`);
  }
}
