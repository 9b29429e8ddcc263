/**
 * pyais-style examples: one real sentence per main message type, decoded to the full object.
 * Expected values are pyais's (fixtures/ais-messages/pyais-expected.jsonl) in our units:
 * "not available" fields absent (heading 511, turn -128, maneuver 0, dimensions all 0).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AisMessage } from '../types.js';
import type { PayloadError } from './decode.js';
import { decodePayload, isPayloadError } from './decode.js';
import { encodePayload } from './encode.js';

/** Decodes NMEA sentence lines the simple way: fragment payloads joined, last fill bits. */
function decodeLines(...lines: string[]): AisMessage | PayloadError {
  let payload = '';
  let fill = 0;
  for (const line of lines) {
    const f = line.split('*')[0].split(',');
    payload += f[5];
    fill = Number(f[6]);
  }
  return decodePayload(payload, fill);
}

/** The message as JSON would carry it: absent fields dropped. */
function plain(m: AisMessage | PayloadError): unknown {
  return JSON.parse(JSON.stringify(m));
}

test('type 1 position report decodes to every field, sentinels absent', () => {
  assert.deepEqual(plain(decodeLines('!AIVDM,1,1,,A,13HOI:0P0000VOHLCnHQKwvL05Ip,0*23')), {
    type: 1, repeat: 0, mmsi: 227006760, status: 0, speed: 0, accuracy: false,
    lon: 0.13138, lat: 49.475577, course: 36.7, second: 14, raim: false, radio: 22136,
  });
});

test('type 3 with a rate of turn gives degrees per minute and the raw indicator', () => {
  const m = decodeLines('!AIVDM,1,1,,A,15MrVH0000KH<:V:NtBLoqFP2H9:,0*2F') as AisMessage;
  assert.equal(m.turn, 0);
  assert.equal(m.turn_raw, 0);
  assert.equal(m.heading, 299);
});

test('type 4 base station report carries an ISO timestamp', () => {
  assert.deepEqual(plain(decodeLines('!AIVDM,1,1,,A,402B4L1uubaN`1d:>REe@jA028Gh,0*6B')), {
    type: 4, repeat: 0, mmsi: 2393200, year: 2015, month: 6, day: 21, hour: 9, minute: 30, second: 40,
    accuracy: false, lon: 23.627868, lat: 37.936122, epfd: 1, raim: true, radio: 34288,
    timestamp: '2015-06-21T09:30:40Z',
  });
});

test('type 5 static and voyage data from two fragments', () => {
  assert.deepEqual(
    plain(decodeLines(
      '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C',
      '!AIVDM,2,2,1,A,88888888880,2*25',
    )),
    {
      type: 5, repeat: 0, mmsi: 351759000, ais_version: 0, imo: 9134270, callsign: '3FOF8', shipname: 'EVER DIADEM',
      ship_type: 70, to_bow: 225, to_stern: 70, to_port: 1, to_starboard: 31, epfd: 1, month: 5, day: 15, hour: 14,
      minute: 0, draught: 12.2, destination: 'NEW YORK', dte: false,
    },
  );
});

test('type 8 DAC 200 FI 10 inland static data decodes its application fields beside the raw data', () => {
  assert.deepEqual(plain(decodeLines('!BSVDM,1,1,,B,83m;Fa0j2d<<<<<<<0@pUg`50000,0*11')), {
    type: 8, repeat: 0, mmsi: 257087140, dac: 200, fid: 10, data: 'c30c30c30c30043896fa05000000',
    vin: '00000000', length: 13.5, beam: 7.5, shiptype: 8000, speed_q: false, course_q: false, heading_q: false,
  });
});

test('type 8 DAC 1 FI 31 meteorological and hydrographic data', () => {
  const m = decodeLines(
    '!AIVDM,2,1,0,A,8@2R5Ph0GhRbUqe?n>KS?wvlFR06EuOwiOl?wnSwe7wvlOwwsAwwnSGmwvwt,0*4E',
    '!AIVDM,2,2,0,A,,0*16',
  ) as AisMessage;
  assert.deepEqual([m.dac, m.fid, m.lon, m.lat, m.day, m.hour, m.minute], [1, 31, 18.931983, 59.66375, 19, 14, 12]);
  assert.equal(m.wspeed, undefined, 'wind not available');
});

test('type 18 class B position report', () => {
  assert.deepEqual(plain(decodeLines('!AIVDM,1,1,,B,B39H9GP0;@H136UI3ijEowU5oP06,0*14')), {
    type: 18, repeat: 0, mmsi: 211159390, reserved_1: 0, speed: 4.5, accuracy: false, lon: 20.985835,
    lat: 37.689647, course: 239.7, second: 10, reserved_2: 0, cs: true, display: false, dsc: true, band: true,
    msg22: true, assigned: false, raim: true, radio: 917510,
  });
});

test('type 21 aid to navigation with full_name', () => {
  assert.deepEqual(
    plain(decodeLines('!AIVDM,2,1,7,B,E4eHJhPR37q0000000000000000KUOSc=rq4h00000a,0*4A', '!AIVDM,2,2,7,B,@20,4*54')),
    {
      type: 21, repeat: 0, mmsi: 316021442, aid_type: 1, name: 'DFO2', accuracy: true, lon: -123.429155,
      lat: 48.65457, epfd: 1, second: 18, off_position: true, reserved_1: 0, raim: true, virtual_aid: false,
      assigned: false, full_name: 'DFO2',
    },
  );
});

test('type 24 part B static data', () => {
  assert.deepEqual(plain(decodeLines('!AIVDM,1,1,,B,H3`u5VDT47I4dcD@8olnh01P0030,0*2A')), {
    type: 24, repeat: 0, mmsi: 244270489, partno: 1, ship_type: 36, vendorid: 'DGY', model: 1, serial: 182996,
    callsign: 'PH7460', to_bow: 12, to_stern: 0, to_port: 0, to_starboard: 3,
  });
});

test('type 27 long range broadcast in degrees', () => {
  assert.deepEqual(plain(decodeLines('!AIVDM,1,1,,B,KC5E2b@U19PFdLbMuc5=ROv62<7m,0*16')), {
    type: 27, repeat: 1, mmsi: 206914217, accuracy: false, raim: false, status: 2, lon: 137.023333, lat: 4.84,
    speed: 57, course: 167, gnss: false,
  });
});

test('bad payloads are errors with a reason, never exceptions', () => {
  const reason = (p: string, fill: number): string | undefined => {
    const r = decodePayload(p, fill);
    return isPayloadError(r) ? r.error : undefined;
  };
  assert.equal(reason('', 0), 'empty_payload');
  assert.equal(reason('13HOI:0P0000VOHLC!HQKwvL05Ip', 0), 'bad_armour');
  assert.equal(reason('13HOI:0P0000VOHLCnHQKwvL05Ip', 6), 'bad_fill_bits');
  assert.equal(reason('13HOI:0P0000VOHL', 0), 'truncated');
  assert.equal(reason('03HOI:0P0000VOHLCnHQKwvL05Ip', 0), 'unknown_type');
  assert.equal(reason('\\3HOI:0P0000VOHLCnHQKwvL05Ip', 0), 'bad_armour');
});

test('common real-world length variants decode', () => {
  // Type 1 one character too long (ais-tools type1-bad-bitcount.nmea): the extra bits are ignored.
  assert.equal(isPayloadError(decodePayload('13HOI:0P0000VOHLCnHQKwvL05Ip0', 0)), false);
  // Type 24 part A without its 8 spare bits: 160 bits, as many class B units send it.
  const full = encodePayload({ type: 24, repeat: 0, mmsi: 244270489, partno: 0, shipname: 'SY-LUNDE' });
  assert.equal(full.payload.length, 28);
  const a = decodePayload(full.payload.slice(0, 27), 2) as AisMessage;
  assert.equal(a.shipname, 'SY-LUNDE');
  // Type 5 of 70 characters (420 bits): dte is lost, the rest decodes.
  const five = decodeLines(
    '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C',
    '!AIVDM,2,2,1,A,8888888888,0*25',
  ) as AisMessage;
  assert.equal(five.destination, 'NEW YORK');
  assert.equal(five.dte, undefined);
});

test('type 8 DAC 1 FI 17 VTS targets give a call sign identifier as text', () => {
  // "AB12" padded with '@' to 7 six-bit characters, as the 42-bit number the table carries.
  const chars = [1, 2, 49, 50, 0, 0, 0];
  const id = chars.reduce((v, c) => v * 64 + c, 0);
  const { payload, fillBits } = encodePayload({
    type: 8, repeat: 0, mmsi: 2655619, dac: 1, fid: 17,
    idtype1: 2, id1: id, lat1: 59.5, lon1: 18.25, course1: 90, second1: 30, speed1: 12,
  });
  const m = decodePayload(payload, fillBits) as AisMessage;
  assert.deepEqual([m.idtype1, m.id_text1, m.lat1, m.lon1, m.course1, m.second1, m.speed1, m.idtype2], [2, 'AB12', 59.5, 18.25, 90, 30, 12, undefined]);
});

test('type 8 DAC 1 FI 22 area notice decodes its header at the time the receiver logged it', () => {
  // libais test.aivdm: a right-whale caution area received 2012-01-01 05:02:48 UTC.
  const m = decodeLines('!AIVDM,1,1,,B,803Ovrh0EP:024`@02PN04da=3V<>N0000,4*39') as AisMessage;
  assert.deepEqual(
    [m.dac, m.fid, m.link_id, m.notice_type, m.month, m.day, m.hour, m.minute, m.duration, m.subareas],
    [1, 22, 10, 0, 1, 1, 5, 2, 20, '0f0025949a1cc61cf0000000'],
  );
});
