/**
 * Benchmark corpora built from the real logs: the AIS sentences of every log (tag blocks,
 * Gatehouse lines and log columns stripped), repeated in order until the target count is
 * reached, written to a temporary file; and the same sentences each behind an NMEA 4.0 tag
 * block, as real network feeds send them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nmeaChecksum, checksumHex } from '../../src/ais/checksum.js';

/** Real NMEA logs: ../shared/data/tracks/nmea when present, else the fixture copies. */
export function realLogs(sharedData: string, fixtures: string): string[] {
  const shared = join(sharedData, 'tracks', 'nmea');
  const dir = existsSync(shared) ? shared : join(fixtures, 'nmea');
  return readdirSync(dir)
    .filter((f) => /\.(txt|nm4|raw)$/.test(f) && !f.includes('LICENSE') && !f.startsWith('gdansk'))
    .sort()
    .map((f) => join(dir, f));
}

/** The bare sentences (from '!' to the checksum) of the given logs, in file order. */
export function sentencesOf(files: string[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    for (const raw of readFileSync(f, 'latin1').split('\n')) {
      let line = raw.trimEnd();
      const bang = line.indexOf('!');
      if (bang < 0) continue;
      line = line.slice(bang);
      const star = line.indexOf('*');
      if (star < 0) continue;
      out.push(line.slice(0, star + 3));
    }
  }
  return out;
}

/** A tag block like real feeds prepend: station and UNIX time, with its checksum. */
function tagBlock(station: number, time: number): string {
  const body = `s:${station},c:${time}`;
  return `\\${body}*${checksumHex(nmeaChecksum(body))}\\`;
}

/** Writes `count` (or a few more: whole copies) sentences, plain or tag-blocked; returns the count. */
export function writeCorpus(path: string, sentences: string[], count: number, tagged: boolean): number {
  const copies = Math.ceil(count / sentences.length);
  const parts: string[] = [];
  let time = 1_733_782_034;
  let tag = '';
  const firstParts = new Map<string, string>();
  for (let k = 0; k < copies; k++) {
    for (let i = 0; i < sentences.length; i++) {
      const s = sentences[i];
      if (tagged) {
        if (i % 50 === 0) time++;
        // Later parts of a multi-sentence message come from the same station as the first
        // (found by channel and sequence id: parts are not always adjacent).
        const f = s.split(',');
        const key = `${f[3]},${f[4]}`;
        if (f[2] === '1' || f[1] === '1') {
          tag = tagBlock(2_573_000 + (i % 97), time);
          if (f[1] !== '1') firstParts.set(key, tag);
        } else tag = firstParts.get(key) ?? tag;
        parts.push(tag + s);
      } else parts.push(s);
    }
  }
  writeFileSync(path, parts.join('\n') + '\n');
  return copies * sentences.length;
}
