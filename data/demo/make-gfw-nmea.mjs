#!/usr/bin/env node
// Builds data/demo/nmea/gfw_tracks_2021.nmea.gz from the 17 Global Fishing Watch gpsdio-segment
// regression tracks (Apache-2.0; see README.md): each decoded record is re-encoded as an AIS
// sentence behind an NMEA 4.0 tag block carrying its reception time, all vessels merged in time
// order. Run after `npx tsc -b`: node data/demo/make-gfw-nmea.mjs [SOURCE_DIR]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const { toSentences } = await import(join(here, '..', '..', 'dist', 'src', 'ais', 'index.js'));
const src = process.argv[2] ?? join(here, '..', '..', '..', 'shared', 'data', 'tracks', 'decoded', 'gfw_gpsdio_segment');

const SHIPTYPE = { Fishing: 30, Cargo: 70, Tanker: 80, Passenger: 60, Tug: 52, 'Pleasure Craft': 37, Sailing: 36, 'Law Enforcement': 55, 'Search and Rescue': 51, Other: 90 };
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const records = [];
for (const f of readdirSync(src).filter((n) => n.endsWith('.json')).sort()) {
  for (const line of readFileSync(join(src, f), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line.replace(/\bNaN\b/g, 'null'));
    records.push(r);
  }
}
records.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || a.Index - b.Index);
const out = [];
let skipped = 0;
for (const r of records) {
  const type = Number(String(r.type).replace('AIS.', ''));
  const mmsi = Number(r.ssvid);
  const time = Date.parse(r.timestamp);
  const msg = { type, repeat: 0, mmsi };
  const set = (k, v) => { if (v !== undefined && v !== null && v !== '') msg[k] = v; };
  if ([1, 2, 3, 18, 19, 27].includes(type)) {
    set('lat', num(r.lat)); set('lon', num(r.lon)); set('speed', num(r.speed)); set('course', num(r.course));
    const h = num(r.heading); if (h !== undefined && h < 360) set('heading', h);
    if (type <= 3 || type === 27) set('status', num(r.status));
    if (msg.lat === undefined || msg.lon === undefined) { skipped++; continue; }
    if (type === 27) { msg.speed = msg.speed === undefined ? undefined : Math.min(63, Math.round(msg.speed)); msg.course = msg.course === undefined ? undefined : Math.round(msg.course) % 360; }
  }
  if (type === 5 || type === 19 || type === 24) {
    set('shipname', r.shipname ?? undefined); set('callsign', r.callsign ?? undefined);
    const imo = Number(r.imo); if (type === 5 && imo > 0 && imo < 1e9) set('imo', imo);
    set('ship_type', SHIPTYPE[r.shiptype]);
    set('destination', type === 5 ? r.destination ?? undefined : undefined);
    const len = num(r.length); const wid = num(r.width);
    if (len) { msg.to_bow = Math.round(len / 2); msg.to_stern = Math.round(len - len / 2); }
    if (wid) { msg.to_port = Math.round(wid / 2); msg.to_starboard = Math.round(wid - wid / 2); }
  }
  const parts = type === 24 ? [{ ...msg, partno: 0 }, { ...msg, partno: 1 }] : [msg];
  for (const m of parts) {
    for (const k of Object.keys(m)) if (m[k] === undefined) delete m[k];
    try {
      out.push(...toSentences(m, { channel: 'A', tagBlock: { time, station: r.receiver_type === 'satellite' ? 'gfw-sat' : 'gfw-terr' } }));
    } catch {
      skipped++;
    }
  }
}
writeFileSync(join(here, 'nmea', 'gfw_tracks_2021.nmea.gz'), gzipSync(out.join('\n') + '\n', { level: 9 }));
console.log(`${records.length} records → ${out.length} sentences (${skipped} skipped)`);
