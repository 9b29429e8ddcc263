/**
 * The theatres the presets play in: ports, hand-built sea-lane graphs that keep to open water,
 * shore AIS stations, satellite reception, coverage holes and the zones the scenario adds.
 * Coordinates are WGS 84 degrees; lanes were checked against the bundled land polygons
 * (test/sim asserts that no simulated position falls on land).
 */
import type { LatLon } from './sphere.js';

/** A port of a theatre: its area (centre + radius) and where ships berth and anchor. */
export interface SimPort {
  id: string;
  name: string;
  country: string;
  unlocode: string;
  lat: number;
  lon: number;
  radius_m: number;
  tags: string[];
  /** Lane-graph node where the approach starts (outside the port area). */
  gate: string;
  /** Water points inside the port area, between the gate and the berths, in order. */
  approach: LatLon[];
  /** Berth area centre (water, inside the port area). */
  berth: LatLon;
  /** Anchorage centre (water, inside the port area) where ships queue. */
  anchorage: LatLon;
  /** Relative traffic weight. */
  weight: number;
}

export interface ShoreStation {
  id: string;
  lat: number;
  lon: number;
  /** Reliable reception range, km. */
  range_km: number;
}

/** A polygon where reception is degraded (satellite congestion, no shore station). */
export interface CoverageHole {
  id: string;
  /** [lon, lat] ring. */
  ring: [number, number][];
  /** Multiplier on satellite detection probability inside. */
  satFactor: number;
}

/** A zone the scenario writes to zones.geojson (GeoJSON order: [lon, lat]). */
export interface SimZone {
  id: string;
  name: string;
  kind: 'strait' | 'territorial_sea' | 'area';
  ring: [number, number][];
  gates?: { name: string; lat: number; lon: number }[];
  tags: string[];
}

export interface Theatre {
  id: string;
  name: string;
  nodes: Record<string, LatLon>;
  /** Undirected lane edges between node ids. */
  edges: [string, string][];
  ports: SimPort[];
  stations: ShoreStation[];
  holes: CoverageHole[];
  zones: SimZone[];
  /** Open-water areas far from shore (≥ 25 nm) where at-sea behaviours are staged. */
  offshore: { id: string; centre: LatLon; radius_km: number }[];
  /** Land points near lanes, for GNSS-interference circles. */
  spoofSites: { id: string; centre: LatLon; near: LatLon }[];
  /** Flags of the ordinary fleet, with weights. */
  flags: [string, number][];
}

const P = (lat: number, lon: number): LatLon => ({ lat, lon });

/** Yellow Sea, East China Sea, Korea Strait, Taiwan Strait and the southern Sea of Japan. */
export const EAST_ASIA: Theatre = {
  id: 'east-asia',
  name: 'Yellow Sea and East China Sea',
  nodes: {
    wkb1: P(38.68, 124.8),
    wkb2: P(38.1, 124.35),
    ysN: P(37.55, 123.9),
    ysC: P(36.4, 123.6),
    ysS: P(35.0, 123.7),
    bohai: P(38.55, 121.05),
    bohaiC: P(38.65, 119.9),
    dalianOff: P(38.55, 122.05),
    shandong: P(37.35, 123.0),
    shandongS: P(36.6, 122.6),
    qingdaoOff: P(35.75, 121.0),
    incheonOff: P(37.0, 125.25),
    swKorea: P(34.3, 125.2),
    ecsN: P(33.0, 124.3),
    jejuS: P(32.85, 126.5),
    jejuE: P(33.35, 127.6),
    ksW: P(34.2, 128.5),
    ksM: P(34.75, 129.1),
    ksN: P(35.3, 129.85),
    tsushimaE: P(34.0, 129.65),
    sojN1: P(36.6, 130.3),
    sojN2: P(39.2, 131.4),
    sojN3: P(41.5, 132.1),
    ecsC: P(31.3, 124.2),
    shanghaiOff: P(30.6, 122.75),
    ecsS: P(28.5, 122.9),
    zhejiang: P(27.0, 121.6),
    fujianN: P(26.0, 120.8),
    twN: P(25.35, 120.35),
    twM: P(24.35, 119.4),
    twS: P(23.35, 118.9),
    twSS: P(22.6, 118.4),
    hkOff: P(21.95, 115.3),
    kaohsiungOff: P(22.45, 119.9),
    keelungOff: P(25.45, 121.65),
    ecsSTS: P(29.6, 124.1),
  },
  edges: [
    ['wkb1', 'wkb2'], ['wkb2', 'ysN'], ['ysN', 'ysC'], ['ysC', 'ysS'], ['ysS', 'ecsN'],
    ['ysN', 'shandong'], ['shandong', 'dalianOff'], ['dalianOff', 'bohai'], ['bohai', 'bohaiC'],
    ['shandong', 'shandongS'], ['shandongS', 'qingdaoOff'], ['qingdaoOff', 'ysS'], ['ysC', 'incheonOff'], ['incheonOff', 'swKorea'],
    ['ysS', 'swKorea'], ['swKorea', 'ecsN'], ['ecsN', 'jejuS'], ['jejuS', 'jejuE'], ['jejuE', 'ksW'],
    ['ksW', 'ksM'], ['ksM', 'ksN'], ['ksW', 'tsushimaE'], ['ksN', 'sojN1'], ['sojN1', 'sojN2'], ['sojN2', 'sojN3'],
    ['ecsN', 'ecsC'], ['ecsC', 'shanghaiOff'], ['ecsC', 'ecsSTS'], ['shanghaiOff', 'ecsS'], ['ecsSTS', 'ecsS'],
    ['ecsS', 'zhejiang'], ['zhejiang', 'fujianN'], ['fujianN', 'twN'], ['twN', 'twM'], ['twM', 'twS'], ['twS', 'twSS'],
    ['twSS', 'hkOff'], ['twSS', 'kaohsiungOff'], ['fujianN', 'keelungOff'], ['jejuS', 'ecsSTS'],
  ],
  ports: [
    {
      id: 'KPNAM', name: 'Nampo', country: 'KP', unlocode: 'KPNAM', lat: 38.705, lon: 125.2, radius_m: 9000,
      tags: ['sanctioned', 'high_risk'], gate: 'wkb1', approach: [P(38.7, 125.05)], berth: P(38.7, 125.25), anchorage: P(38.7, 125.12), weight: 0,
    },
    {
      id: 'CNDLC', name: 'Dalian', country: 'CN', unlocode: 'CNDLC', lat: 38.86, lon: 121.75, radius_m: 8000,
      tags: [], gate: 'dalianOff', approach: [P(38.78, 121.8)], berth: P(38.9, 121.75), anchorage: P(38.82, 121.77), weight: 3,
    },
    {
      id: 'CNTSN', name: 'Tianjin', country: 'CN', unlocode: 'CNTSN', lat: 38.95, lon: 117.9, radius_m: 12000,
      tags: [], gate: 'bohaiC', approach: [P(38.92, 118.2), P(38.94, 118.02)], berth: P(38.96, 117.86), anchorage: P(38.92, 117.98), weight: 3,
    },
    {
      id: 'CNTAO', name: 'Qingdao', country: 'CN', unlocode: 'CNTAO', lat: 35.99, lon: 120.33, radius_m: 10000,
      tags: [], gate: 'qingdaoOff', approach: [P(35.9, 120.45)], berth: P(36.04, 120.26), anchorage: P(35.94, 120.4), weight: 3,
    },
    {
      id: 'KRINC', name: 'Incheon', country: 'KR', unlocode: 'KRINC', lat: 37.22, lon: 126.3, radius_m: 10000,
      tags: [], gate: 'incheonOff', approach: [P(37.16, 126.18)], berth: P(37.25, 126.33), anchorage: P(37.18, 126.23), weight: 3,
    },
    {
      id: 'KRPUS', name: 'Busan', country: 'KR', unlocode: 'KRPUS', lat: 35.03, lon: 129.07, radius_m: 9000,
      tags: [], gate: 'ksM', approach: [P(34.98, 129.1)], berth: P(35.06, 129.07), anchorage: P(35.0, 129.12), weight: 4,
    },
    {
      id: 'JPFUK', name: 'Hakata', country: 'JP', unlocode: 'JPFUK', lat: 33.68, lon: 130.27, radius_m: 9000,
      tags: [], gate: 'tsushimaE', approach: [P(33.76, 130.2)], berth: P(33.645, 130.29), anchorage: P(33.72, 130.25), weight: 2,
    },
    {
      id: 'RUVYP', name: 'Vostochny', country: 'RU', unlocode: 'RUVYP', lat: 42.71, lon: 133.0, radius_m: 8000,
      tags: ['high_risk'], gate: 'sojN3', approach: [P(42.62, 133.0)], berth: P(42.755, 133.0), anchorage: P(42.66, 133.0), weight: 2,
    },
    {
      id: 'CNSHA', name: 'Shanghai Yangshan', country: 'CN', unlocode: 'CNSHA', lat: 30.6, lon: 122.2, radius_m: 10000,
      tags: [], gate: 'shanghaiOff', approach: [P(30.58, 122.32)], berth: P(30.62, 122.12), anchorage: P(30.56, 122.26), weight: 5,
    },
    {
      id: 'TWKEL', name: 'Keelung', country: 'TW', unlocode: 'TWKEL', lat: 25.22, lon: 121.73, radius_m: 8000,
      tags: [], gate: 'keelungOff', approach: [P(25.27, 121.72)], berth: P(25.19, 121.74), anchorage: P(25.25, 121.76), weight: 2,
    },
    {
      id: 'TWKHH', name: 'Kaohsiung', country: 'TW', unlocode: 'TWKHH', lat: 22.56, lon: 120.22, radius_m: 9000,
      tags: [], gate: 'kaohsiungOff', approach: [P(22.52, 120.15)], berth: P(22.58, 120.24), anchorage: P(22.52, 120.2), weight: 3,
    },
    {
      id: 'HKHKG', name: 'Hong Kong', country: 'HK', unlocode: 'HKHKG', lat: 22.15, lon: 114.3, radius_m: 9000,
      tags: [], gate: 'hkOff', approach: [P(22.08, 114.38)], berth: P(22.17, 114.27), anchorage: P(22.1, 114.33), weight: 3,
    },
  ],
  stations: [
    { id: 'KR-BUSAN', lat: 35.1, lon: 129.05, range_km: 75 },
    { id: 'KR-JEJU', lat: 33.5, lon: 126.5, range_km: 75 },
    { id: 'KR-MOKPO', lat: 34.75, lon: 126.4, range_km: 75 },
    { id: 'KR-GUNSAN', lat: 35.98, lon: 126.55, range_km: 75 },
    { id: 'KR-INCHEON', lat: 37.4, lon: 126.5, range_km: 75 },
    { id: 'KR-BAENGNYEONG', lat: 37.95, lon: 124.7, range_km: 70 },
    { id: 'CN-DALIAN', lat: 38.9, lon: 121.65, range_km: 75 },
    { id: 'CN-TIANJIN', lat: 39.0, lon: 117.75, range_km: 75 },
    { id: 'CN-RONGCHENG', lat: 37.4, lon: 122.6, range_km: 75 },
    { id: 'CN-QINGDAO', lat: 36.05, lon: 120.35, range_km: 75 },
    { id: 'CN-SHANGHAI', lat: 30.62, lon: 122.1, range_km: 75 },
    { id: 'CN-ZHOUSHAN', lat: 29.95, lon: 122.3, range_km: 75 },
    { id: 'CN-WENZHOU', lat: 27.95, lon: 120.9, range_km: 75 },
    { id: 'CN-FUZHOU', lat: 26.05, lon: 119.7, range_km: 75 },
    { id: 'CN-XIAMEN', lat: 24.45, lon: 118.1, range_km: 75 },
    { id: 'CN-SHANTOU', lat: 23.35, lon: 116.7, range_km: 75 },
    { id: 'HK-HONGKONG', lat: 22.3, lon: 114.2, range_km: 75 },
    { id: 'TW-KEELUNG', lat: 25.15, lon: 121.75, range_km: 75 },
    { id: 'TW-TAICHUNG', lat: 24.28, lon: 120.5, range_km: 75 },
    { id: 'TW-PENGHU', lat: 23.57, lon: 119.57, range_km: 75 },
    { id: 'TW-KAOHSIUNG', lat: 22.6, lon: 120.28, range_km: 75 },
    { id: 'JP-TSUSHIMA', lat: 34.4, lon: 129.3, range_km: 75 },
    { id: 'JP-FUKUOKA', lat: 33.6, lon: 130.4, range_km: 75 },
    { id: 'JP-GOTO', lat: 32.7, lon: 128.8, range_km: 75 },
    { id: 'KR-ULLEUNG', lat: 37.5, lon: 130.9, range_km: 75 },
    { id: 'RU-NAKHODKA', lat: 42.8, lon: 132.9, range_km: 75 },
  ],
  holes: [
    // Satellite congestion over the busy central Yellow Sea: few detections per pass.
    { id: 'yellow-sea-centre', ring: [[123.0, 35.6], [124.3, 35.6], [124.3, 36.9], [123.0, 36.9], [123.0, 35.6]], satFactor: 0.35 },
  ],
  zones: [
    {
      id: 'sim-korea-strait-west', name: 'Korea Strait, western channel (simulated)', kind: 'strait',
      ring: [[128.35, 34.45], [128.85, 33.95], [129.55, 34.75], [129.5, 35.3], [128.35, 34.45]],
      gates: [{ name: 'south-west', lat: 34.2, lon: 128.6 }, { name: 'north-east', lat: 35.05, lon: 129.5 }],
      tags: ['strait'],
    },
    {
      id: 'sim-taiwan-strait', name: 'Taiwan Strait (simulated)', kind: 'strait',
      ring: [[119.5, 25.6], [121.1, 25.1], [119.9, 22.9], [118.2, 23.6], [119.5, 25.6]],
      gates: [{ name: 'north', lat: 25.35, lon: 120.3 }, { name: 'south', lat: 23.25, lon: 119.05 }],
      tags: ['strait'],
    },
    {
      id: 'sim-west-korea-bay', name: 'West Korea Bay approaches to Nampo (simulated AOI)', kind: 'area',
      ring: [[124.2, 38.0], [125.6, 38.0], [125.6, 39.0], [124.2, 39.0], [124.2, 38.0]],
      tags: ['sanctions_aoi'],
    },
  ],
  offshore: [
    { id: 'ecs-sts', centre: P(29.6, 124.3), radius_km: 35 },
    { id: 'ecs-north', centre: P(31.6, 125.3), radius_km: 35 },
    { id: 'yellow-south', centre: P(34.4, 123.9), radius_km: 25 },
  ],
  spoofSites: [{ id: 'nanhui', centre: P(31.0, 121.78), near: P(30.6, 122.75) }],
  flags: [['CN', 30], ['KR', 15], ['PA', 12], ['LR', 8], ['MH', 6], ['HK', 8], ['JP', 8], ['TW', 6], ['SG', 5]],
};

/** The Gulf of Finland and the central Baltic. */
export const BALTIC: Theatre = {
  id: 'baltic',
  name: 'Gulf of Finland and central Baltic',
  nodes: {
    gofE: P(60.13, 28.1),
    gofE2: P(59.95, 27.45),
    gofM: P(59.9, 26.4),
    gofM2: P(59.83, 25.3),
    gofW: P(59.72, 24.1),
    gofMouth: P(59.45, 22.75),
    hiiumaaN: P(59.25, 21.8),
    northBaltic: P(58.6, 20.6),
    gotlandE: P(57.6, 19.95),
    centralBaltic: P(56.4, 19.5),
    southBaltic: P(55.3, 18.9),
    gdanskOff: P(54.65, 19.0),
    klaipedaOff: P(55.72, 20.6),
    ventspilsOff: P(57.45, 21.1),
    helsinkiOff: P(59.97, 24.93),
    tallinnOff: P(59.62, 24.75),
    kotkaOff: P(60.18, 26.9),
    ustLugaOff: P(59.82, 27.9),
    primorskOff: P(60.22, 28.4),
    balticSTS: P(58.15, 20.6),
  },
  edges: [
    ['gofE', 'gofE2'], ['gofE2', 'gofM'], ['gofM', 'gofM2'], ['gofM2', 'gofW'], ['gofW', 'gofMouth'],
    ['gofMouth', 'hiiumaaN'], ['hiiumaaN', 'northBaltic'], ['northBaltic', 'gotlandE'], ['gotlandE', 'centralBaltic'],
    ['centralBaltic', 'southBaltic'], ['southBaltic', 'gdanskOff'], ['centralBaltic', 'klaipedaOff'], ['gotlandE', 'ventspilsOff'],
    ['gofM2', 'helsinkiOff'], ['gofM2', 'tallinnOff'], ['gofM', 'kotkaOff'], ['gofE2', 'ustLugaOff'], ['gofE', 'primorskOff'],
    ['northBaltic', 'balticSTS'], ['balticSTS', 'gotlandE'],
  ],
  ports: [
    {
      id: 'RUPRI', name: 'Primorsk', country: 'RU', unlocode: 'RUPRI', lat: 60.29, lon: 28.7, radius_m: 7000,
      tags: ['high_risk'], gate: 'primorskOff', approach: [P(60.24, 28.6)], berth: P(60.335, 28.72), anchorage: P(60.25, 28.75), weight: 4,
    },
    {
      id: 'RULUG', name: 'Ust-Luga', country: 'RU', unlocode: 'RULUG', lat: 59.75, lon: 28.36, radius_m: 9000,
      tags: ['high_risk'], gate: 'ustLugaOff', approach: [P(59.8, 28.3)], berth: P(59.71, 28.385), anchorage: P(59.79, 28.33), weight: 4,
    },
    {
      id: 'FIHEL', name: 'Helsinki Vuosaari', country: 'FI', unlocode: 'FIHEL', lat: 60.1, lon: 25.05, radius_m: 7000,
      tags: [], gate: 'helsinkiOff', approach: [P(60.05, 25.02)], berth: P(60.12, 25.07), anchorage: P(60.07, 25.0), weight: 3,
    },
    {
      id: 'EETLL', name: 'Tallinn Muuga', country: 'EE', unlocode: 'EETLL', lat: 59.55, lon: 24.95, radius_m: 6000,
      tags: [], gate: 'tallinnOff', approach: [P(59.6, 24.9)], berth: P(59.535, 24.96), anchorage: P(59.57, 24.93), weight: 3,
    },
    {
      id: 'FIKTK', name: 'HaminaKotka', country: 'FI', unlocode: 'FIKTK', lat: 60.38, lon: 26.95, radius_m: 7000,
      tags: [], gate: 'kotkaOff', approach: [P(60.33, 26.94)], berth: P(60.41, 26.96), anchorage: P(60.36, 26.93), weight: 2,
    },
    {
      id: 'PLGDN', name: 'Gdansk', country: 'PL', unlocode: 'PLGDN', lat: 54.47, lon: 18.75, radius_m: 9000,
      tags: [], gate: 'gdanskOff', approach: [P(54.55, 18.9)], berth: P(54.42, 18.7), anchorage: P(54.5, 18.8), weight: 3,
    },
    {
      id: 'LTKLJ', name: 'Klaipeda', country: 'LT', unlocode: 'LTKLJ', lat: 55.72, lon: 21.02, radius_m: 7000,
      tags: [], gate: 'klaipedaOff', approach: [P(55.72, 20.95)], berth: P(55.72, 21.06), anchorage: P(55.73, 20.99), weight: 2,
    },
    {
      id: 'LVVNT', name: 'Ventspils', country: 'LV', unlocode: 'LVVNT', lat: 57.42, lon: 21.45, radius_m: 7000,
      tags: [], gate: 'ventspilsOff', approach: [P(57.43, 21.38)], berth: P(57.4, 21.5), anchorage: P(57.43, 21.42), weight: 2,
    },
  ],
  stations: [
    { id: 'FI-HANKO', lat: 59.82, lon: 22.95, range_km: 70 },
    { id: 'FI-PORKKALA', lat: 59.98, lon: 24.4, range_km: 70 },
    { id: 'FI-HELSINKI', lat: 60.15, lon: 24.95, range_km: 70 },
    { id: 'FI-KOTKA', lat: 60.45, lon: 26.95, range_km: 70 },
    { id: 'EE-TALLINN', lat: 59.45, lon: 24.75, range_km: 70 },
    { id: 'EE-SILLAMAE', lat: 59.4, lon: 27.75, range_km: 70 },
    { id: 'EE-HIIUMAA', lat: 58.9, lon: 22.6, range_km: 70 },
    { id: 'EE-SAAREMAA', lat: 58.0, lon: 22.1, range_km: 70 },
    { id: 'RU-PRIMORSK', lat: 60.35, lon: 28.6, range_km: 70 },
    { id: 'SE-GOTLAND', lat: 57.65, lon: 18.3, range_km: 75 },
    { id: 'SE-FARO', lat: 57.95, lon: 19.3, range_km: 75 },
    { id: 'LV-VENTSPILS', lat: 57.4, lon: 21.55, range_km: 70 },
    { id: 'LT-KLAIPEDA', lat: 55.72, lon: 21.1, range_km: 70 },
    { id: 'PL-GDANSK', lat: 54.4, lon: 18.67, range_km: 70 },
    { id: 'PL-ROZEWIE', lat: 54.83, lon: 18.33, range_km: 70 },
  ],
  holes: [],
  zones: [
    {
      id: 'sim-gulf-of-finland', name: 'Gulf of Finland (simulated)', kind: 'area',
      ring: [[23.5, 59.4], [23.5, 60.15], [29.0, 60.8], [29.0, 59.6], [23.5, 59.4]],
      tags: [],
    },
    {
      id: 'sim-gotland-east-aoi', name: 'East of Gotland STS area (simulated AOI)', kind: 'area',
      ring: [[20.0, 57.85], [21.2, 57.85], [21.2, 58.45], [20.0, 58.45], [20.0, 57.85]],
      tags: ['sts_hotspot'],
    },
  ],
  offshore: [
    { id: 'gotland-east', centre: P(58.15, 20.6), radius_km: 20 },
    { id: 'central-baltic', centre: P(56.2, 19.4), radius_km: 20 },
  ],
  spoofSites: [{ id: 'kaliningrad-oblast', centre: P(54.68, 21.3), near: P(55.72, 20.6) }],
  flags: [['FI', 12], ['EE', 8], ['RU', 14], ['DE', 6], ['MT', 10], ['LR', 8], ['PA', 8], ['PL', 6], ['LT', 4], ['SE', 6], ['GA', 4], ['CM', 3]],
};

/** All theatres by id. */
export const THEATRES: Record<string, Theatre> = { 'east-asia': EAST_ASIA, baltic: BALTIC };
