/**
 * Decoded AIS exports as CSV → ReceivedMessage: the Danish Maritime Authority's daily `aisdk`
 * files, NOAA/BOEM MarineCadastre files, and the semicolon "decoded reports" layout (epoch-ms
 * timestamps, a country column). The layout is recognised from the header line; columns are found
 * by name, so reordered or extra columns do not matter. Each row gives a position message (type 1
 * for class A, 18 for class B) and, when the row's static fields differ from the MMSI's previous
 * row, a static message (type 5 or 24) carrying them. Rows that cannot be used are counted by reason.
 */
import type { AisMessage, ReceivedMessage } from '../ais/types.js';

/** The CSV layouts recognised from their header. */
export type CsvLayout = 'dma' | 'marinecadastre' | 'decoded_reports';

/** Counts of a CSV read. */
export interface CsvStats {
  rows: number;
  messages: number;
  /** Rows not used, by reason: `bad_mmsi`, `bad_time`, `short_row`, `not_a_vessel`. */
  rejected: Record<string, number>;
}

/** What a column means to the reader (each layout names its columns differently). */
const ROLES = ['time', 'epoch_ms', 'mobile', 'class', 'mmsi', 'lat', 'lon', 'status', 'sog', 'cog', 'heading', 'imo', 'callsign', 'name', 'shiptype', 'length', 'width', 'draught', 'destination', 'bow', 'stern', 'port', 'starboard', 'country'] as const;
type Role = (typeof ROLES)[number];

const COLUMNS: Record<CsvLayout, Record<string, Role>> = {
  dma: {
    '# timestamp': 'time',
    timestamp: 'time',
    'type of mobile': 'mobile',
    mmsi: 'mmsi',
    latitude: 'lat',
    longitude: 'lon',
    'navigational status': 'status',
    sog: 'sog',
    cog: 'cog',
    heading: 'heading',
    imo: 'imo',
    callsign: 'callsign',
    name: 'name',
    'ship type': 'shiptype',
    width: 'width',
    length: 'length',
    draught: 'draught',
    destination: 'destination',
    a: 'bow',
    b: 'stern',
    c: 'port',
    d: 'starboard',
  },
  marinecadastre: {
    mmsi: 'mmsi',
    basedatetime: 'time',
    lat: 'lat',
    lon: 'lon',
    sog: 'sog',
    cog: 'cog',
    heading: 'heading',
    vesselname: 'name',
    imo: 'imo',
    callsign: 'callsign',
    vesseltype: 'shiptype',
    status: 'status',
    length: 'length',
    width: 'width',
    draft: 'draught',
    transceiverclass: 'class',
  },
  decoded_reports: {
    timestamp: 'epoch_ms',
    targettype: 'class',
    mmsi: 'mmsi',
    lat: 'lat',
    long: 'lon',
    sog: 'sog',
    cog: 'cog',
    shiptype: 'shiptype',
    dimbow: 'bow',
    dimstern: 'stern',
    dimport: 'port',
    dimstarboard: 'starboard',
    draught: 'draught',
    imo: 'imo',
    country: 'country',
    name: 'name',
    callsign: 'callsign',
  },
};

/** DMA navigational status texts → ITU codes. */
const DMA_STATUS: Record<string, number> = {
  'under way using engine': 0,
  'at anchor': 1,
  'not under command': 2,
  'restricted maneuverability': 3,
  'restricted manoeuvrability': 3,
  'constrained by her draught': 4,
  moored: 5,
  aground: 6,
  'engaged in fishing': 7,
  'under way sailing': 8,
  'ais-sart': 14,
};

/** Ship type texts (DMA, decoded reports) → the first ITU code of the class. */
const TYPE_TEXT: Record<string, number> = {
  'wig': 20,
  fishing: 30,
  towing: 31,
  'towing long/wide': 32,
  dredging: 33,
  diving: 34,
  military: 35,
  sailing: 36,
  'pleasure': 37,
  hsc: 40,
  pilot: 50,
  sar: 51,
  tug: 52,
  'port tender': 53,
  'anti-pollution': 54,
  'law enforcement': 55,
  medical: 58,
  passenger: 60,
  cargo: 70,
  tanker: 80,
  other: 90,
};

/** Country names of decoded-report files → ISO 3166-1 alpha-2 (the flags seen in such exports). */
const COUNTRY: Record<string, string> = {
  belgium: 'BE', cyprus: 'CY', denmark: 'DK', germany: 'DE', malta: 'MT', netherlands: 'NL', norway: 'NO', sweden: 'SE',
  finland: 'FI', estonia: 'EE', latvia: 'LV', lithuania: 'LT', poland: 'PL', russia: 'RU', 'russian federation': 'RU',
  'united kingdom': 'GB', france: 'FR', spain: 'ES', portugal: 'PT', italy: 'IT', greece: 'GR', panama: 'PA',
  liberia: 'LR', 'marshall islands': 'MH', 'antigua and barbuda': 'AG', bahamas: 'BS', 'hong kong': 'HK', singapore: 'SG',
  china: 'CN', japan: 'JP', 'korea, republic of': 'KR', 'south korea': 'KR', 'north korea': 'KP', gibraltar: 'GI',
  'faroe islands': 'FO', iceland: 'IS', ireland: 'IE', luxembourg: 'LU', 'united states': 'US', canada: 'CA',
};

/** Which layout a header line is, or undefined when it is none of them. */
export function detectCsvLayout(header: string): CsvLayout | undefined {
  const cols = splitRow(header.replace(/^\uFEFF/, ''), header.includes(';') ? ';' : ',').map((c) => c.trim().toLowerCase());
  const has = (...names: string[]): boolean => names.every((n) => cols.includes(n));
  if ((has('# timestamp') || has('timestamp')) && has('type of mobile', 'mmsi', 'latitude', 'longitude')) return 'dma';
  if (has('mmsi', 'basedatetime', 'lat', 'lon')) return 'marinecadastre';
  if (has('timestamp', 'mmsi', 'lat', 'long')) return 'decoded_reports';
  return undefined;
}

/** Split one CSV row; double-quoted fields may hold the delimiter and "" escapes. */
export function splitRow(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

/** A finite number, or undefined for empty, "unknown", "NaN" and anything else not a number. */
const num = (s: string | undefined): number | undefined => {
  if (s === undefined) return undefined;
  // Number() ignores surrounding blanks and gives NaN for words; only a blank field gives 0.
  const v = Number(s);
  if (!Number.isFinite(v) || (v === 0 && s.trim() === '')) return undefined;
  return v;
};
const text = (s: string | undefined): string | undefined => {
  const t = s?.trim();
  return t === undefined || t === '' || (t.length === 7 && t.toLowerCase() === 'unknown') ? undefined : t;
};

/** The two-digit number at t[i], t[i + 1], or −1 when they are not both digits. */
function two(t: string, i: number): number {
  const a = t.charCodeAt(i) - 48;
  const b = t.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * dd/mm/yyyy HH:MM:SS (DMA), or ISO-like yyyy-mm-ddTHH:MM:SS (MarineCadastre), always UTC. The
 * date part's midnight is remembered (a file's rows share a few dates); the clock is read digit
 * by digit. Anything but those two shapes goes to the regular expressions.
 */
export class TimeParser {
  private datePart = '';
  private dayMs = NaN;

  parse(s: string | undefined): number | undefined {
    const t = s?.trim();
    if (t === undefined || t === '') return undefined;
    // ISO: the date is t[0..10), DMA: t[0..10) too; the clock at 11 in both.
    const iso = t.charCodeAt(4) === 45 && t.charCodeAt(7) === 45;
    const dma = t.charCodeAt(2) === 47 && t.charCodeAt(5) === 47;
    const sep = t.charCodeAt(10);
    // Exactly date, blank or T, HH:MM:SS (fractions, zones and the rest: the expressions).
    if ((iso || dma) && t.length === 19 && (sep === 32 || sep === 84) && t.charCodeAt(13) === 58 && t.charCodeAt(16) === 58) {
      const h = two(t, 11);
      const m = two(t, 14);
      const sec = two(t, 17);
      if (h >= 0 && m >= 0 && sec >= 0) {
        if (this.datePart === '' || !t.startsWith(this.datePart)) {
          const day = TimeParser.slow(`${t.slice(0, 10)} 00:00:00`);
          if (day === undefined) return undefined;
          this.datePart = t.slice(0, 10);
          this.dayMs = day;
        }
        // Date.UTC adds the clock to the day's midnight linearly (24:00 or 61 s carry over): so does this.
        return this.dayMs + ((h * 60 + m) * 60 + sec) * 1000;
      }
    }
    return TimeParser.slow(t);
  }

  /** The regular-expression reading (every shape the fast path leaves). */
  static slow(t: string): number | undefined {
    let m = /^(\d{2})\/(\d{2})\/(\d{4})[ T](\d{2}):(\d{2}):(\d{2})/.exec(t);
    if (m) return Date.UTC(+m[3], +m[2] - 1, +m[1], +m[4], +m[5], +m[6]);
    m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?/.exec(t);
    if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0);
    return undefined;
  }
}

/** The column of a role the layout lacks: past any row's end, so reading it gives undefined. */
const ABSENT = 65_535;

/** The fields a row's static message may carry, besides the MMSI. */
const STATIC_KEYS = ['type', 'shipname', 'callsign', 'imo', 'ship_type', 'to_bow', 'to_stern', 'to_port', 'to_starboard', 'length', 'beam', 'draught', 'destination', 'flag'] as const;
/** Whether two static messages of one MMSI say the same (every field equal or absent in both). */
function sameStatic(a: AisMessage, b: AisMessage): boolean {
  for (const k of STATIC_KEYS) if (a[k] !== b[k]) return false;
  return true;
}

/** Reads the rows of one CSV file (header first) into messages. */
export class CsvReader {
  readonly layout: CsvLayout;
  readonly stats: CsvStats = { rows: 0, messages: 0, rejected: {} };
  private readonly delimiter: string;
  /** Each role's column (ABSENT when the layout has none: reading it gives undefined). */
  private readonly col = {} as Record<Role, number>;
  private readonly width: number;
  /** Per MMSI: the static message last emitted, so unchanged static data is not repeated. */
  private readonly lastStatic = new Map<number, AisMessage>();
  private readonly clock = new TimeParser();
  private readonly source: string | undefined;

  /** `header` is the file's first line; `source` becomes each message's station. */
  constructor(header: string, source?: string) {
    const clean = header.replace(/^\uFEFF/, '');
    const layout = detectCsvLayout(clean);
    if (layout === undefined) throw new Error('not a recognised AIS CSV header (DMA, MarineCadastre or decoded reports)');
    this.layout = layout;
    this.delimiter = clean.includes(';') ? ';' : ',';
    const cols = splitRow(clean, this.delimiter).map((c) => c.trim().toLowerCase());
    const roles = COLUMNS[layout];
    for (const role of ROLES) this.col[role] = ABSENT;
    let width = 0;
    cols.forEach((c, i) => {
      const role = roles[c];
      if (role !== undefined && this.col[role] === ABSENT) {
        this.col[role] = i;
        width = Math.max(width, i + 1);
      }
    });
    this.width = width;
    this.source = source;
  }

  private reject(reason: string): void {
    this.stats.rejected[reason] = (this.stats.rejected[reason] ?? 0) + 1;
  }

  /**
   * A data row's reception time (ms), read as {@link row} reads it, without the rest of the row;
   * undefined when it has none (row() then rejects it, with its reason). For sorting rows by time
   * before they are read.
   */
  timeOf(line: string): number | undefined {
    const i = this.timeColumn;
    let field: string | undefined;
    if (line.includes('"')) field = splitRow(line, this.delimiter)[i];
    else {
      // No quotes: the i-th field found by its delimiters, without splitting the rest.
      let start = 0;
      for (let k = 0; k < i && start >= 0; k++) start = line.indexOf(this.delimiter, start) + 1 || -1;
      if (start < 0) return undefined;
      const end = line.indexOf(this.delimiter, start);
      field = line.slice(start, end < 0 ? line.length : end);
    }
    return this.timeIn(field);
  }

  /** The column holding the reception time. */
  private get timeColumn(): number {
    return this.layout === 'decoded_reports' ? this.col.epoch_ms : this.col.time;
  }

  /** The reception time in that column's text: epoch ms (decoded reports) or a date and clock. */
  private timeIn(field: string | undefined): number | undefined {
    return this.layout === 'decoded_reports' ? num(field) : this.clock.parse(field);
  }

  /** One data row: appends its messages to `out`. Blank lines are skipped silently. */
  row(line: string, out: ReceivedMessage[]): void {
    if (line.trim() === '') return;
    this.stats.rows++;
    const f = splitRow(line, this.delimiter);
    if (f.length < this.width) return this.reject('short_row');
    const c = this.col;
    const mmsi = num(f[c.mmsi]);
    if (mmsi === undefined || !Number.isInteger(mmsi) || mmsi < 0 || mmsi > 999_999_999) return this.reject('bad_mmsi');
    const time = this.timeIn(f[this.timeColumn]);
    if (time === undefined) return this.reject('bad_time');
    let cls: 'A' | 'B' = 'A';
    if (this.layout === 'dma') {
      const mobile = (f[c.mobile] ?? '').trim().toLowerCase();
      if (mobile === 'class b') cls = 'B';
      else if (mobile !== 'class a') return this.reject('not_a_vessel');
    } else if ((f[c.class] ?? '').trim().toUpperCase() === 'B') cls = 'B';

    const pos: AisMessage = { type: cls === 'A' ? 1 : 18, repeat: 0, mmsi };
    const lat = num(f[c.lat]);
    const lon = num(f[c.lon]);
    if (lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      pos.lat = lat;
      pos.lon = lon;
    }
    const sog = num(f[c.sog]);
    if (sog !== undefined && sog >= 0 && sog < 102.3) pos.speed = sog;
    const cog = num(f[c.cog]);
    if (cog !== undefined && cog >= 0 && cog < 360) pos.course = cog;
    const heading = num(f[c.heading]);
    if (heading !== undefined && heading >= 0 && heading < 360) pos.heading = heading;
    const statusRaw = f[c.status];
    const status = this.layout === 'dma' ? DMA_STATUS[(statusRaw ?? '').trim().toLowerCase()] : num(statusRaw);
    if (status !== undefined && Number.isInteger(status) && status >= 0 && status < 15 && cls === 'A') pos.status = status;
    const meta = this.source === undefined ? { time } : { time, station: this.source };
    out.push({ message: pos, meta });
    this.stats.messages++;

    const st: AisMessage = { type: cls === 'A' ? 5 : 24, repeat: 0, mmsi };
    const name = text(f[c.name]);
    if (name !== undefined) st.shipname = name;
    const callsign = text(f[c.callsign]);
    if (callsign !== undefined) st.callsign = callsign;
    const imoText = text(f[c.imo]);
    const imo = imoText === undefined ? undefined : num(imoText.replace(/^IMO/i, ''));
    if (imo !== undefined && imo > 0) st.imo = imo;
    const typeRaw = f[c.shiptype];
    const shipType = num(typeRaw) ?? TYPE_TEXT[(typeRaw ?? '').trim().toLowerCase()];
    if (shipType !== undefined && shipType > 0) st.ship_type = shipType;
    const bow = num(f[c.bow]);
    const stern = num(f[c.stern]);
    const port = num(f[c.port]);
    const starboard = num(f[c.starboard]);
    if (bow !== undefined && stern !== undefined) {
      st.to_bow = bow;
      st.to_stern = stern;
    }
    if (port !== undefined && starboard !== undefined) {
      st.to_port = port;
      st.to_starboard = starboard;
    }
    const length = num(f[c.length]);
    if (length !== undefined && length > 0) st['length'] = length;
    const width = num(f[c.width]);
    if (width !== undefined && width > 0) st['beam'] = width;
    const draught = num(f[c.draught]);
    if (draught !== undefined && draught > 0) st.draught = draught;
    const destination = text(f[c.destination]);
    if (destination !== undefined) st.destination = destination;
    const country = text(f[c.country]);
    const flag = country === undefined ? undefined : /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : COUNTRY[country.toLowerCase()];
    if (flag !== undefined) st['flag'] = flag;
    const keys = Object.keys(st).length;
    if (keys <= 3) return; // type, repeat, mmsi: nothing static in this row
    const last = this.lastStatic.get(mmsi);
    if (last !== undefined && sameStatic(last, st)) return;
    this.lastStatic.set(mmsi, st);
    out.push({ message: st, meta });
    this.stats.messages++;
  }
}
