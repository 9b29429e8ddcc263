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

type Role =
  | 'time'
  | 'epoch_ms'
  | 'mobile'
  | 'class'
  | 'mmsi'
  | 'lat'
  | 'lon'
  | 'status'
  | 'sog'
  | 'cog'
  | 'heading'
  | 'imo'
  | 'callsign'
  | 'name'
  | 'shiptype'
  | 'length'
  | 'width'
  | 'draught'
  | 'destination'
  | 'bow'
  | 'stern'
  | 'port'
  | 'starboard'
  | 'country';

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

const num = (s: string | undefined): number | undefined => {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (t === '' || t.toLowerCase() === 'unknown' || t.toLowerCase() === 'nan') return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
};
const text = (s: string | undefined): string | undefined => {
  const t = s?.trim();
  return t === undefined || t === '' || t.toLowerCase() === 'unknown' ? undefined : t;
};

/** dd/mm/yyyy HH:MM:SS (DMA), or ISO-like yyyy-mm-ddTHH:MM:SS (MarineCadastre), always UTC. */
function parseTime(s: string | undefined): number | undefined {
  const t = s?.trim();
  if (t === undefined || t === '') return undefined;
  let m = /^(\d{2})\/(\d{2})\/(\d{4})[ T](\d{2}):(\d{2}):(\d{2})/.exec(t);
  if (m) return Date.UTC(+m[3], +m[2] - 1, +m[1], +m[4], +m[5], +m[6]);
  m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?/.exec(t);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0);
  return undefined;
}

/** Reads the rows of one CSV file (header first) into messages. */
export class CsvReader {
  readonly layout: CsvLayout;
  readonly stats: CsvStats = { rows: 0, messages: 0, rejected: {} };
  private readonly delimiter: string;
  private readonly index = new Map<Role, number>();
  private readonly width: number;
  /** Per MMSI: the static fields last emitted, so unchanged static data is not repeated. */
  private readonly lastStatic = new Map<number, string>();
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
    cols.forEach((c, i) => {
      const role = roles[c];
      if (role !== undefined && !this.index.has(role)) this.index.set(role, i);
    });
    this.width = Math.max(...this.index.values()) + 1;
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
    const f = splitRow(line, this.delimiter);
    if (f.length < this.width) return undefined;
    const i = this.index.get(this.layout === 'decoded_reports' ? 'epoch_ms' : 'time');
    if (i === undefined) return undefined;
    return this.layout === 'decoded_reports' ? num(f[i]) : parseTime(f[i]);
  }

  /** One data row: appends its messages to `out`. Blank lines are skipped silently. */
  row(line: string, out: ReceivedMessage[]): void {
    if (line.trim() === '') return;
    this.stats.rows++;
    const f = splitRow(line, this.delimiter);
    if (f.length < this.width) return this.reject('short_row');
    const get = (r: Role): string | undefined => {
      const i = this.index.get(r);
      return i === undefined ? undefined : f[i];
    };
    const mmsi = num(get('mmsi'));
    if (mmsi === undefined || !Number.isInteger(mmsi) || mmsi < 0 || mmsi > 999_999_999) return this.reject('bad_mmsi');
    const time = this.layout === 'decoded_reports' ? num(get('epoch_ms')) : parseTime(get('time'));
    if (time === undefined) return this.reject('bad_time');
    let cls: 'A' | 'B' = 'A';
    if (this.layout === 'dma') {
      const mobile = (get('mobile') ?? '').trim().toLowerCase();
      if (mobile === 'class b') cls = 'B';
      else if (mobile !== 'class a') return this.reject('not_a_vessel');
    } else if ((get('class') ?? '').trim().toUpperCase() === 'B') cls = 'B';

    const pos: AisMessage = { type: cls === 'A' ? 1 : 18, repeat: 0, mmsi };
    const lat = num(get('lat'));
    const lon = num(get('lon'));
    if (lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      pos.lat = lat;
      pos.lon = lon;
    }
    const sog = num(get('sog'));
    if (sog !== undefined && sog >= 0 && sog < 102.3) pos.speed = sog;
    const cog = num(get('cog'));
    if (cog !== undefined && cog >= 0 && cog < 360) pos.course = cog;
    const heading = num(get('heading'));
    if (heading !== undefined && heading >= 0 && heading < 360) pos.heading = heading;
    const statusRaw = get('status');
    const status = this.layout === 'dma' ? DMA_STATUS[(statusRaw ?? '').trim().toLowerCase()] : num(statusRaw);
    if (status !== undefined && Number.isInteger(status) && status >= 0 && status < 15 && cls === 'A') pos.status = status;
    const meta = this.source === undefined ? { time } : { time, station: this.source };
    out.push({ message: pos, meta });
    this.stats.messages++;

    const st: AisMessage = { type: cls === 'A' ? 5 : 24, repeat: 0, mmsi };
    const name = text(get('name'));
    if (name !== undefined) st.shipname = name;
    const callsign = text(get('callsign'));
    if (callsign !== undefined) st.callsign = callsign;
    const imoText = text(get('imo'));
    const imo = imoText === undefined ? undefined : num(imoText.replace(/^IMO/i, ''));
    if (imo !== undefined && imo > 0) st.imo = imo;
    const typeRaw = get('shiptype');
    const shipType = num(typeRaw) ?? TYPE_TEXT[(typeRaw ?? '').trim().toLowerCase()];
    if (shipType !== undefined && shipType > 0) st.ship_type = shipType;
    const bow = num(get('bow'));
    const stern = num(get('stern'));
    const port = num(get('port'));
    const starboard = num(get('starboard'));
    if (bow !== undefined && stern !== undefined) {
      st.to_bow = bow;
      st.to_stern = stern;
    }
    if (port !== undefined && starboard !== undefined) {
      st.to_port = port;
      st.to_starboard = starboard;
    }
    const length = num(get('length'));
    if (length !== undefined && length > 0) st['length'] = length;
    const width = num(get('width'));
    if (width !== undefined && width > 0) st['beam'] = width;
    const draught = num(get('draught'));
    if (draught !== undefined && draught > 0) st.draught = draught;
    const destination = text(get('destination'));
    if (destination !== undefined) st.destination = destination;
    const country = text(get('country'));
    const flag = country === undefined ? undefined : /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : COUNTRY[country.toLowerCase()];
    if (flag !== undefined) st['flag'] = flag;
    const keys = Object.keys(st).length;
    if (keys <= 3) return; // type, repeat, mmsi: nothing static in this row
    const signature = JSON.stringify(st);
    if (this.lastStatic.get(mmsi) === signature) return;
    this.lastStatic.set(mmsi, signature);
    out.push({ message: st, meta });
    this.stats.messages++;
  }
}
