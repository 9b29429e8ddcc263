/**
 * CPU time of the calling thread (main or worker), for the ingest's per-stage accounting:
 * process.cpuUsage() sums every thread, and Node 20 has no per-thread counterpart.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux port Node supports). */
const TICKS_PER_SECOND = 100;

/**
 * User + system CPU time of this thread in ms (resolution 10 ms), from /proc/thread-self/stat;
 * undefined where that file does not exist (not Linux).
 */
export function threadCpuMs(): number | undefined {
  let s: string;
  try {
    s = readFileSync('/proc/thread-self/stat', 'latin1');
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(f[11]) + Number(f[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
}
