/**
 * The ordinary fleet: vessel types with real dimensions, speeds and AIS classes, flags with
 * their MIDs and call-sign prefixes, and valid identifiers (MMSI, IMO with its check digit).
 */
import type { Rng } from './random.js';

export interface VesselKind {
  id: string;
  /** AIS ship-type code (ITU-R M.1371 table 53). */
  shipType: number;
  aisClass: 'A' | 'B';
  length: [number, number];
  /** Beam as a fraction of length. */
  beamRatio: [number, number];
  draught: [number, number];
  /** Service speed, knots. */
  speed: [number, number];
  /** Hours at berth. */
  berthHours: [number, number];
  weight: number;
}

export const KINDS: VesselKind[] = [
  { id: 'crude_tanker', shipType: 80, aisClass: 'A', length: [228, 274], beamRatio: [0.17, 0.19], draught: [9, 15], speed: [11.5, 14], berthHours: [14, 30], weight: 3 },
  { id: 'product_tanker', shipType: 81, aisClass: 'A', length: [144, 185], beamRatio: [0.17, 0.19], draught: [6.5, 11.5], speed: [11, 14], berthHours: [10, 24], weight: 4 },
  { id: 'bulk_carrier', shipType: 70, aisClass: 'A', length: [180, 230], beamRatio: [0.14, 0.17], draught: [8, 13], speed: [11, 13.5], berthHours: [20, 40], weight: 4 },
  { id: 'container', shipType: 71, aisClass: 'A', length: [172, 300], beamRatio: [0.13, 0.15], draught: [9, 13], speed: [15, 19.5], berthHours: [8, 18], weight: 4 },
  { id: 'general_cargo', shipType: 70, aisClass: 'A', length: [88, 140], beamRatio: [0.15, 0.17], draught: [5, 8], speed: [10, 12.5], berthHours: [10, 24], weight: 4 },
  { id: 'ro_pax', shipType: 60, aisClass: 'A', length: [160, 200], beamRatio: [0.14, 0.16], draught: [6, 7], speed: [17, 21], berthHours: [2, 4], weight: 1 },
  { id: 'fishing', shipType: 30, aisClass: 'B', length: [18, 40], beamRatio: [0.2, 0.25], draught: [2.5, 4], speed: [8, 10], berthHours: [6, 14], weight: 1 },
  { id: 'yacht', shipType: 37, aisClass: 'B', length: [10, 20], beamRatio: [0.28, 0.33], draught: [1.5, 2.5], speed: [6.5, 8.5], berthHours: [4, 12], weight: 1 },
];

export const KIND_BY_ID: Record<string, VesselKind> = Object.fromEntries(KINDS.map((k) => [k.id, k]));

/** Flag → MIDs (ITU Maritime Identification Digits) and call-sign prefixes. */
export const FLAGS: Record<string, { mids: number[]; callsign: string[] }> = {
  CN: { mids: [412, 413, 414], callsign: ['BQ', 'BR', 'BO'] },
  KR: { mids: [440, 441], callsign: ['D7', 'DS'] },
  JP: { mids: [431, 432], callsign: ['7J', 'JD'] },
  TW: { mids: [416], callsign: ['BN', 'BP'] },
  HK: { mids: [477], callsign: ['VR', 'VRS'] },
  PA: { mids: [351, 352, 353, 354, 355, 356, 357, 370, 371, 372], callsign: ['3E', 'H3', 'HO'] },
  LR: { mids: [636], callsign: ['A8', 'D5'] },
  MH: { mids: [538], callsign: ['V7'] },
  SG: { mids: [563, 564, 565], callsign: ['9V'] },
  KP: { mids: [445], callsign: ['HM'] },
  RU: { mids: [273], callsign: ['UB', 'UA', 'UD'] },
  FI: { mids: [230], callsign: ['OH', 'OJ'] },
  EE: { mids: [276], callsign: ['ES'] },
  DE: { mids: [211, 218], callsign: ['DA', 'DC'] },
  SE: { mids: [265, 266], callsign: ['SA', 'SF'] },
  PL: { mids: [261], callsign: ['SP', 'SQ'] },
  LT: { mids: [277], callsign: ['LY'] },
  MT: { mids: [215, 229, 248, 249, 256], callsign: ['9H'] },
  GA: { mids: [626], callsign: ['TR'] },
  CM: { mids: [613], callsign: ['TJ'] },
  SL: { mids: [667], callsign: ['9L'] },
  CK: { mids: [518], callsign: ['E5'] },
  TG: { mids: [671], callsign: ['5V'] },
  KM: { mids: [620], callsign: ['D6'] },
  MN: { mids: [457], callsign: ['JV'] },
};

const NAME_WORDS: Record<string, { a: string[]; b: string[] }> = {
  CN: { a: ['XIN', 'HUA', 'ZHE', 'MIN', 'YUE', 'HAI', 'JIN', 'CHANG', 'TIAN', 'AN'], b: ['HAI', 'YANG', 'SHUN', 'DA', 'FENG', 'XIANG', 'LONG', 'HANG', 'TAI', 'YUN'] },
  KR: { a: ['HANJIN', 'PAN', 'SM', 'HYUNDAI', 'SINOKOR', 'KOREA', 'DAEHO', 'GEUMYANG'], b: ['BUSAN', 'OCEAN', 'GRACE', 'PIONEER', 'STAR', 'SUN', 'HOPE', 'ULSAN'] },
  JP: { a: ['SHIN', 'HOKO', 'NIPPON', 'KAIYO', 'SAKURA', 'TOYO', 'ASAHI'], b: ['MARU'] },
  RU: { a: ['VASILIY', 'PETR', 'NIKOLAY', 'MIKHAIL', 'SVETLANA', 'BALTIYSKIY', 'NEVA', 'LADOGA', 'KAPITAN'], b: ['ULYANOV', 'VELIKIY', 'GORDIENKO', 'PROSPECT', 'STAR', 'SPIRIT'] },
  FI: { a: ['FINN', 'BORE', 'ESKO', 'AURA', 'KARELIA', 'PASSIO'], b: ['SEA', 'BAY', 'LINE', 'WAVE', 'STAR'] },
  default: { a: ['OCEAN', 'SEA', 'PACIFIC', 'GOLDEN', 'GLOBAL', 'NORDIC', 'ATLANTIC', 'SILVER', 'EASTERN', 'BLUE', 'ROYAL', 'MARINE'], b: ['STAR', 'PIONEER', 'GRACE', 'SPIRIT', 'VENTURE', 'GLORY', 'HARMONY', 'PRIDE', 'DAWN', 'EXPRESS', 'TRADER', 'VOYAGER'] },
};

/** A plausible ship name for a flag. */
export function shipName(rng: Rng, flag: string): string {
  const w = NAME_WORDS[flag] ?? NAME_WORDS.default;
  if (!w) return 'VESSEL';
  const a = rng.pick(w.a);
  const b = rng.pick(w.b);
  if (flag === 'JP') return `${a} ${b}`;
  if (flag === 'CN') return `${a} ${b} ${rng.int(1, 99)}`;
  return rng.chance(0.3) ? `${a} ${b} ${rng.int(1, 9)}` : `${a} ${b}`;
}

/** The IMO ship number check digit: (7·d1 + 6·d2 + 5·d3 + 4·d4 + 3·d5 + 2·d6) mod 10. */
export function imoCheckDigit(first6: number): number {
  const s = String(first6).padStart(6, '0');
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(s[i]) * (7 - i);
  return sum % 10;
}

/** True when a 7-digit IMO number carries a valid check digit. */
export function isValidImo(imo: number): boolean {
  if (!Number.isInteger(imo) || imo < 1_000_000 || imo > 9_999_999) return false;
  return imoCheckDigit(Math.floor(imo / 10)) === imo % 10;
}

/** Identifiers handed out so far, so that no two simulated vessels collide by accident. */
export class IdentityPool {
  private readonly mmsis = new Set<number>();
  private readonly imos = new Set<number>();
  private readonly names = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** Reserve an identifier chosen elsewhere (a real sanctioned IMO, a cloned MMSI). */
  reserve(mmsi?: number, imo?: number, name?: string): void {
    if (mmsi !== undefined) this.mmsis.add(mmsi);
    if (imo !== undefined) this.imos.add(imo);
    if (name !== undefined) this.names.add(name);
  }

  mmsi(flag: string): number {
    const f = FLAGS[flag] ?? FLAGS.PA;
    if (!f) throw new Error(`unknown flag ${flag}`);
    for (;;) {
      const mid = this.rng.pick(f.mids);
      // Ship stations: MIDxxxxxx; avoid trailing zeros (Inmarsat-style) and repeated digits.
      const tail = this.rng.int(100001, 999998);
      const m = mid * 1_000_000 + tail;
      if (tail % 1000 === 0 || /(\d)\1{4}/.test(String(m)) || this.mmsis.has(m)) continue;
      this.mmsis.add(m);
      return m;
    }
  }

  imo(): number {
    for (;;) {
      const first6 = this.rng.int(900000, 987654);
      const imo = first6 * 10 + imoCheckDigit(first6);
      if (this.imos.has(imo)) continue;
      this.imos.add(imo);
      return imo;
    }
  }

  name(flag: string): string {
    for (let i = 0; ; i++) {
      const n = shipName(this.rng, flag);
      if (!this.names.has(n) || i > 50) {
        const unique = this.names.has(n) ? `${n} ${i}` : n;
        this.names.add(unique);
        return unique;
      }
    }
  }

  callsign(flag: string): string {
    const f = FLAGS[flag] ?? FLAGS.PA;
    const prefix = f ? this.rng.pick(f.callsign) : 'XX';
    const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
    let s = prefix;
    while (s.length < 6) s += this.rng.chance(0.5) ? letters[this.rng.int(0, letters.length - 1)] : String(this.rng.int(0, 9));
    return s;
  }
}
