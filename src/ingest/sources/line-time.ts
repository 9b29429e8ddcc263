/**
 * A cheap look at a raw line's reception time, for pacing a replay before the line is decoded:
 * NMEA 4 tag block `c:` (seconds or milliseconds), Gatehouse `$PGHP` lines, or a trailing epoch
 * column after the checksum. Returns ms since the epoch, or undefined.
 */
export function lineTime(line: string): number | undefined {
  if (line.charCodeAt(0) === 92 /* \ */) {
    const m = /[\\,]c:(\d{9,13})/.exec(line);
    if (m) {
      const v = Number(m[1]);
      return v < 1e11 ? v * 1000 : v;
    }
  }
  if (line.startsWith('$PGHP,1,')) {
    const f = line.split(',');
    const [y, mo, d, h, mi, s, ms] = f.slice(2, 9).map(Number);
    const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
    return Number.isNaN(t) ? undefined : t;
  }
  const tail = /\*[0-9A-Fa-f]{2},(\d{10}(?:\d{3})?)(?:\.\d+)?\s*$/.exec(line);
  if (tail) {
    const v = Number(tail[1]);
    return v < 1e11 ? v * 1000 : v;
  }
  return undefined;
}
