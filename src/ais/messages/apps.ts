/**
 * Application payloads of binary messages 6 and 8 (IMO SN.1/Circ.289, IMO SN/Circ.236, inland
 * AIS), as layout tables positioned after dac/fid. Decoded fields join the message object
 * (pyais style); the raw `data` hex stays beside them.
 */
import type { FieldSpec, LayoutSpec } from './layout.js';

type Opts = Omit<FieldSpec, 'name' | 'bits' | 'kind'>;
const u = (name: string, bits: number, o: Opts = {}): FieldSpec => ({ name, bits, kind: 'uint', ...o });
const i = (name: string, bits: number, o: Opts = {}): FieldSpec => ({ name, bits, kind: 'int', ...o });
const b = (name: string, o: Opts = {}): FieldSpec => ({ name, bits: 1, kind: 'bool', ...o });
const t = (name: string, bits: number, o: Opts = {}): FieldSpec => ({ name, bits, kind: 'text', ...o });
const spare = (bits: number): FieldSpec => ({ name: 'spare', bits, kind: 'spare' });

/** An application layout: which messages carry it and its fields after dac/fid. */
export interface AppSpec extends LayoutSpec {
  /** Message types (6 addressed, 8 broadcast) that carry this application. */
  types: number[];
  /** Applies only when this bit of the application data (offset from its start) has this value. */
  when?: { bit: number; value: number };
  dac: number;
  fid: number;
}

const WIND_CURRENT_WAVES: FieldSpec[] = [
  u('wspeed', 7, { naFrom: 127, unit: 'kn', note: 'average wind speed (10 min); 126 = 126 kn or more; 127 = not available' }),
  u('wgust', 7, { naFrom: 127, unit: 'kn', note: 'wind gust (10 min max); 127 = not available' }),
  u('wdir', 9, { naFrom: 360, unit: '°', note: 'wind direction; 360 = not available' }),
  u('wgustdir', 9, { naFrom: 360, unit: '°', note: 'wind gust direction; 360 = not available' }),
];

const CURRENTS: FieldSpec[] = [
  u('cspeed', 8, { scale: 10, naFrom: 255, unit: 'kn', note: 'surface current speed; 255 = not available' }),
  u('cdir', 9, { naFrom: 360, unit: '°', note: '360 = not available' }),
  u('cspeed2', 8, { scale: 10, naFrom: 255, unit: 'kn', note: 'current 2 speed' }),
  u('cdir2', 9, { naFrom: 360, unit: '°' }),
  u('cdepth2', 5, { naFrom: 31, unit: 'm', note: 'current 2 measuring depth; 31 = not available' }),
  u('cspeed3', 8, { scale: 10, naFrom: 255, unit: 'kn' }),
  u('cdir3', 9, { naFrom: 360, unit: '°' }),
  u('cdepth3', 5, { naFrom: 31, unit: 'm' }),
  u('waveheight', 8, { scale: 10, naFrom: 255, unit: 'm', note: 'significant wave height; 255 = not available' }),
  u('waveperiod', 6, { na: 63, naFrom: 61, unit: 's', note: '61+ = not available' }),
  u('wavedir', 9, { naFrom: 360, unit: '°' }),
  u('swellheight', 8, { scale: 10, naFrom: 255, unit: 'm' }),
  u('swellperiod', 6, { na: 63, naFrom: 61, unit: 's' }),
  u('swelldir', 9, { naFrom: 360, unit: '°' }),
  u('seastate', 4, { naFrom: 13, note: 'Beaufort scale 0–12; 13+ = not available' }),
];

/** DAC 1 FI 31: meteorological and hydrographic data (IMO SN.1/Circ.289), 360 bits. */
const MET_HYDRO_31: AppSpec = {
  title: 'DAC 1 FI 31: meteorological and hydrographic data (IMO SN.1/Circ.289)',
  types: [8], dac: 1, fid: 31,
  minBits: 294,
  fields: [
    i('lon', 25, { scale: 60000, na: 181 * 60000, unit: '°', note: '1/1000 minute on the wire; 181 = not available' }),
    i('lat', 24, { scale: 60000, na: 91 * 60000, unit: '°', note: '91 = not available' }),
    b('accuracy', { note: 'true = high (< 10 m)' }),
    u('day', 5, { na: 0, note: 'UTC day of observation; 0 = not available' }),
    u('hour', 5, { naFrom: 24, note: '24 = not available' }),
    u('minute', 6, { naFrom: 60, note: '60 = not available' }),
    ...WIND_CURRENT_WAVES,
    i('airtemp', 11, { scale: 10, na: -1024, unit: '°C', note: 'dry bulb temperature; -1024 = not available' }),
    u('humidity', 7, { naFrom: 101, unit: '%', note: 'relative humidity; 101 = not available' }),
    i('dewpoint', 10, { scale: 10, na: 501, unit: '°C', note: '501 = not available' }),
    u('pressure', 9, { add: 799, na: 511, naFrom: 403, unit: 'hPa', note: 'air pressure, raw + 799: 799 = 799 hPa or less, 1201 = 1201 hPa or more; 511 = not available' }),
    u('pressuretend', 2, { naFrom: 3, note: '0 steady, 1 decreasing, 2 increasing; 3 = not available' }),
    b('visgreater', { note: 'true = visibility greater than the value' }),
    u('visibility', 7, { scale: 10, naFrom: 127, unit: 'nm', note: 'horizontal visibility; 127 = not available' }),
    u('waterlevel', 12, { scale: 100, add: -10, naFrom: 4001, unit: 'm', note: 'water level incl. tide, deviation from the local chart datum, (raw − 1000)/100; 4001 = not available' }),
    u('leveltrend', 2, { naFrom: 3, note: '0 steady, 1 decreasing, 2 increasing; 3 = not available' }),
    ...CURRENTS,
    i('watertemp', 10, { scale: 10, na: 501, unit: '°C', note: '501 = not available' }),
    u('preciptype', 3, { naFrom: 7, note: '0 reserved, 1 rain, 2 thunderstorm, 3 freezing rain, 4 mixed/ice, 5 snow; 7 = not available' }),
    u('salinity', 9, { scale: 10, naFrom: 510, unit: '‰', note: '510 = not available, 511 = sensor not available' }),
    u('ice', 2, { naFrom: 3, note: '0 no, 1 yes; 3 = not available' }),
    spare(10),
  ],
};

/** DAC 1 FI 11: meteorological and hydrographic data (IMO SN/Circ.236, withdrawn but still sent), 352 bits. */
const MET_HYDRO_11: AppSpec = {
  title: 'DAC 1 FI 11: meteorological and hydrographic data (IMO SN/Circ.236, superseded by FI 31)',
  types: [8], dac: 1, fid: 11,
  minBits: 290,
  fields: [
    i('lat', 24, { scale: 60000, na: 91 * 60000, unit: '°', note: '1/1000 minute on the wire; 91 = not available' }),
    i('lon', 25, { scale: 60000, na: 181 * 60000, unit: '°', note: '181 = not available' }),
    u('day', 5, { na: 0, note: 'UTC day; 0 = not available' }),
    u('hour', 5, { naFrom: 24 }),
    u('minute', 6, { naFrom: 60 }),
    ...WIND_CURRENT_WAVES,
    u('airtemp', 11, { scale: 10, add: -60, naFrom: 2047, unit: '°C', note: 'raw/10 − 60; 2047 = not available' }),
    u('humidity', 7, { na: 127, naFrom: 101, unit: '%', note: '127 = not available' }),
    u('dewpoint', 10, { scale: 10, add: -20, naFrom: 1023, unit: '°C', note: 'raw/10 − 20; 1023 = not available' }),
    u('pressure', 9, { add: 800, naFrom: 511, unit: 'hPa', note: 'raw + 800; 511 = not available' }),
    u('pressuretend', 2, { naFrom: 3 }),
    u('visibility', 8, { scale: 10, naFrom: 255, unit: 'nm', note: '255 = not available' }),
    u('waterlevel', 9, { scale: 10, add: -10, naFrom: 511, unit: 'm', note: 'raw/10 − 10; 511 = not available' }),
    u('leveltrend', 2, { naFrom: 3 }),
    ...CURRENTS,
    u('watertemp', 10, { scale: 10, add: -10, naFrom: 1023, unit: '°C', note: 'raw/10 − 10; 1023 = not available' }),
    u('preciptype', 3, { naFrom: 7 }),
    u('salinity', 9, { scale: 10, naFrom: 510, unit: '‰' }),
    u('ice', 2, { naFrom: 3 }),
    spare(6),
  ],
};

/** DAC 200 FI 10: inland ship static and voyage related data (Inland AIS standard), 168-bit message. */
const INLAND_STATIC: AppSpec = {
  title: 'DAC 200 FI 10: inland ship static and voyage related data',
  types: [8], dac: 200, fid: 10,
  minBits: 48,
  fields: [
    t('vin', 48, { note: 'European vessel identification number (ENI), 8 characters' }),
    u('length', 13, { scale: 10, na: 0, unit: 'm', note: 'length of ship; 0 = not available' }),
    u('beam', 10, { scale: 10, na: 0, unit: 'm', note: 'beam of ship; 0 = not available' }),
    u('shiptype', 14, { na: 0, note: 'ERI ship or combination type code; 0 = not available' }),
    u('hazard', 3, { naFrom: 5, note: 'hazardous cargo: number of blue cones 0–3, 4 = B-flag; 5 = unknown' }),
    u('draught', 11, { scale: 100, na: 0, unit: 'm', note: 'draught in 1/100 m; 0 = not available' }),
    u('loaded', 2, { na: 0, note: '1 loaded, 2 unloaded; 0 = not available' }),
    b('speed_q', { note: 'speed inf. quality: true = high' }),
    b('course_q', { note: 'course inf. quality' }),
    b('heading_q', { note: 'heading inf. quality' }),
    spare(8),
  ],
};

/** DAC 1 FI 16: number of persons on board (IMO SN.1/Circ.289), 16 bits (addressed or broadcast). */
const PERSONS_ON_BOARD: AppSpec = {
  title: 'DAC 1 FI 16: number of persons on board',
  types: [6, 8], dac: 1, fid: 16,
  minBits: 13,
  fields: [
    u('persons', 13, { na: 0, note: 'current number of persons on board incl. crew; 8191 = 8191 or more; 0 = not available' }),
    spare(3),
  ],
};

/** DAC 1 FI 19: marine traffic signal (IMO SN.1/Circ.289), 360-bit message. */
const TRAFFIC_SIGNAL: AppSpec = {
  title: 'DAC 1 FI 19: marine traffic signal (IMO SN.1/Circ.289)',
  types: [8], dac: 1, fid: 19,
  minBits: 202,
  fields: [
    u('linkage', 10, { note: 'message linkage id' }),
    t('station', 120, { note: 'name of the signal station, 20 characters' }),
    i('lon', 25, { scale: 60000, na: 181 * 60000, unit: '°', note: 'signal station position, 1/1000 minute; 181 = not available' }),
    i('lat', 24, { scale: 60000, na: 91 * 60000, unit: '°', note: '91 = not available' }),
    u('status', 2, { na: 0, note: '1 in regular service, 2 irregular; 0 = not available' }),
    u('signal', 5, { na: 0, note: 'signal in service (IALA code 1–30); 0 = not available' }),
    u('hour', 5, { naFrom: 24, note: 'UTC hour of the next signal shift; 24 = not available' }),
    u('minute', 6, { naFrom: 60, note: '60 = not available' }),
    u('nextsignal', 5, { na: 0, note: 'expected next signal; 0 = not available' }),
    spare(102),
  ],
};

/** One VTS target of DAC 1 FI 17 (120 bits, as IMO SN.1/Circ.289 and libais; gpsd reads a 10-bit speed). */
const vtsTarget = (n: number): FieldSpec[] => [
  u(`idtype${n}`, 2, { note: 'identifier type: 0 MMSI, 1 IMO number, 2 call sign, 3 other' }),
  u(`id${n}`, 42, { note: 'MMSI or IMO number (idtype 0/1); for idtype 2/3 the same 42 bits are 7 characters, see id_text' }),
  spare(4),
  i(`lat${n}`, 24, { scale: 60000, na: 91 * 60000, unit: '°', note: '1/1000 minute; 91 = not available' }),
  i(`lon${n}`, 25, { scale: 60000, na: 181 * 60000, unit: '°', note: '181 = not available' }),
  u(`course${n}`, 9, { naFrom: 360, unit: '°', note: 'course over ground; 360 = not available' }),
  u(`second${n}`, 6, { naFrom: 60, unit: 's', note: 'UTC second; 60 = not available' }),
  u(`speed${n}`, 8, { na: 255, unit: 'kn', note: 'speed over ground; 255 = not available' }),
];

const TEXT_OF_SIX = (v: number): string => String.fromCharCode(v < 32 ? v + 64 : v);

/** Text of a 42-bit identifier held as a number (7 six-bit characters), without '@' padding. */
function idText(id: number): string {
  let s = '';
  for (let k = 6; k >= 0; k--) s += TEXT_OF_SIX(Math.floor(id / 2 ** (6 * k)) % 64);
  return s.replace(/[@ ]+$/, '').trimStart();
}

/** DAC 1 FI 17: VTS-generated (synthetic) targets, 1–4 per message. */
const VTS_TARGETS: AppSpec = {
  title: 'DAC 1 FI 17: VTS-generated/synthetic targets (IMO SN.1/Circ.289)',
  types: [8], dac: 1, fid: 17,
  minBits: 120,
  trimTail: true,
  fields: [...vtsTarget(1), ...vtsTarget(2), ...vtsTarget(3), ...vtsTarget(4)],
  derived: [1, 2, 3, 4].map((n) => ({ name: `id_text${n}`, note: `id${n} as text when idtype${n} is 2 (call sign) or 3 (other)` })),
  finish: (m) => {
    for (let n = 1; n <= 4; n++) {
      const type = m[`idtype${n}`];
      const id = m[`id${n}`];
      m[`id_text${n}`] = (type === 2 || type === 3) && typeof id === 'number' ? idText(id) : undefined;
    }
  },
};

/** DAC 1 FI 24: extended ship static and voyage related data (IMO SN.1/Circ.289), 360-bit message. */
const EXTENDED_STATIC: AppSpec = {
  title: 'DAC 1 FI 24: extended ship static and voyage related data (IMO SN.1/Circ.289)',
  types: [8], dac: 1, fid: 24,
  minBits: 294,
  fields: [
    u('link_id', 10, { note: 'message linkage id' }),
    u('air_draught', 13, { scale: 10, na: 0, unit: 'm', note: 'air draught; 0 = not available' }),
    t('last_port', 30, { note: 'last port of call, UN/LOCODE (5 characters)' }),
    t('next_port_1', 30, { note: 'next port of call, UN/LOCODE' }),
    t('next_port_2', 30, { note: 'second next port of call, UN/LOCODE' }),
    { name: 'solas_status', bits: 52, kind: 'hex', note: '26 two-bit SOLAS equipment statuses (equipment 1 first) as hex: 0 not available, 1 operational, 2 malfunction, 3 no data' },
    u('ice_class', 4, { note: 'ice class code' }),
    u('shaft_power', 18, { unit: 'hp', note: 'shaft horse power' }),
    u('vhf', 12, { note: 'VHF working channel number (ITU-R M.1084)' }),
    t('lloyds_ship_type', 42, { note: "Lloyd's ship type, 7 characters" }),
    u('gross_tonnage', 18, { unit: 't', note: 'gross tonnage' }),
    u('laden_ballast', 2, { na: 0, note: '1 laden, 2 ballast, 3 not in use; 0 = not available' }),
    u('heavy_oil', 2, { na: 0, note: 'heavy fuel oil: 1 no, 2 yes, 3 not in use; 0 = not available' }),
    u('light_oil', 2, { na: 0, note: 'light fuel oil, as heavy_oil' }),
    u('diesel', 2, { na: 0, note: 'diesel, as heavy_oil' }),
    u('bunker_oil', 14, { unit: 't', note: 'total bunker oil' }),
    u('persons', 13, { na: 0, note: 'persons on board; 8191 = 8191 or more; 0 = not available' }),
    spare(10),
  ],
};

/** DAC 1 FI 21: weather observation report from ship, the non-WMO variant (first bit 0), 360-bit message. */
const SHIP_WEATHER: AppSpec = {
  title: 'DAC 1 FI 21: weather observation report from ship (IMO SN.1/Circ.289, non-WMO variant)',
  types: [8], dac: 1, fid: 21,
  when: { bit: 0, value: 0 },
  minBits: 301,
  fields: [
    u('wx_report_type', 1, { note: '0 = this (non-WMO) variant; the WMO variant (1) keeps its raw data' }),
    t('location', 120, { note: 'geographic location, 20 characters' }),
    i('lon', 25, { scale: 60000, na: 181 * 60000, unit: '°', note: '1/1000 minute; 181 = not available' }),
    i('lat', 24, { scale: 60000, na: 91 * 60000, unit: '°', note: '91 = not available' }),
    u('day', 5, { na: 0, note: 'UTC day; 0 = not available' }),
    u('hour', 5, { naFrom: 24, note: '24 = not available' }),
    u('minute', 6, { naFrom: 60, note: '60 = not available' }),
    u('weather', 4, { na: 8, note: 'present weather: 0 clear, 1 cloudy, 2 rain, 3 fog, 4 snow, 5 typhoon/hurricane, 6 monsoon, 7 thunderstorm; 8 = not available' }),
    u('visibility', 8, { scale: 10, naFrom: 127, unit: 'nm', note: 'horizontal visibility; 127 = not available' }),
    u('humidity', 7, { naFrom: 101, unit: '%', note: 'relative humidity; 101 = not available' }),
    u('wspeed', 7, { naFrom: 127, unit: 'kn', note: 'average wind speed; 127 = not available' }),
    u('wdir', 9, { naFrom: 360, unit: '°', note: '360 = not available' }),
    u('pressure', 9, { add: 799, na: 511, naFrom: 403, unit: 'hPa', note: 'raw + 799 as in FI 31; 511 = not available' }),
    u('pressuretend', 4, { note: 'air pressure tendency (WMO code)' }),
    i('airtemp', 11, { scale: 10, na: -1024, unit: '°C', note: 'dry bulb temperature; -1024 = not available' }),
    u('watertemp', 10, { scale: 10, add: -10, unit: '°C', note: 'raw/10 − 10' }),
    u('waveperiod', 6, { na: 63, unit: 's', note: '63 = not available' }),
    u('waveheight', 8, { scale: 10, naFrom: 255, unit: 'm', note: '255 = not available' }),
    u('wavedir', 9, { naFrom: 360, unit: '°' }),
    u('swellheight', 8, { scale: 10, naFrom: 255, unit: 'm' }),
    u('swelldir', 9, { naFrom: 360, unit: '°' }),
    u('swellperiod', 6, { na: 63, unit: 's' }),
    spare(3),
  ],
};

/** DAC 1 FI 22: area notice, broadcast (IMO SN.1/Circ.289): the header decoded, sub-areas as raw bits. */
const AREA_NOTICE: AppSpec = {
  title: 'DAC 1 FI 22: area notice, broadcast (IMO SN.1/Circ.289)',
  types: [8], dac: 1, fid: 22,
  minBits: 55,
  fields: [
    u('link_id', 10, { note: 'message linkage id' }),
    u('notice_type', 7, { note: 'area notice description (IMO SN.1/Circ.289 Annex, Table 11.10), e.g. 0 caution area: marine mammal habitat' }),
    u('month', 4, { na: 0, naFrom: 13, note: 'UTC start month; 0 = not available' }),
    u('day', 5, { na: 0, note: 'UTC start day; 0 = not available' }),
    u('hour', 5, { naFrom: 24, note: '24 = not available' }),
    u('minute', 6, { naFrom: 60, note: '60 = not available' }),
    u('duration', 18, { na: 262143, unit: 'min', note: 'minutes until the end of the notice; 0 = cancel the notice; 262143 = undefined' }),
    { name: 'subareas', bits: 870, kind: 'hex', rest: true, note: '1–10 sub-areas of 87 bits (shape code in the first 3 bits), raw lower-case hex' },
  ],
};

/** Every application table this decoder knows. */
export const APPS: AppSpec[] = [MET_HYDRO_31, MET_HYDRO_11, INLAND_STATIC, PERSONS_ON_BOARD, TRAFFIC_SIGNAL, VTS_TARGETS, EXTENDED_STATIC, SHIP_WEATHER, AREA_NOTICE];
