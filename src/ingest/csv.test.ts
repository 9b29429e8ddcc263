import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ReceivedMessage } from '../ais/types.js';
import { FIXTURES } from '../../test/support/paths.js';
import { CsvReader, detectCsvLayout, splitRow, TimeParser } from './csv.js';

const DMA_HEADER =
  '# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,Destination,ETA,Data source type,A,B,C,D';

test('layouts are recognised from their header line, and other lines are not', () => {
  assert.equal(detectCsvLayout(DMA_HEADER), 'dma');
  assert.equal(detectCsvLayout('MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass'), 'marinecadastre');
  assert.equal(detectCsvLayout('"timestamp_pretty";"timestamp";"msgid";"targetType";"mmsi";"lat";"long";"sog"'), 'decoded_reports');
  assert.equal(detectCsvLayout('\\s:2573305,c:1733782034*0A\\!BSVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26'), undefined);
  assert.equal(detectCsvLayout('!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C'), undefined);
});

test('quoted fields keep their delimiters and escaped quotes', () => {
  assert.deepEqual(splitRow('a,"b,c","d ""e""",', ','), ['a', 'b,c', 'd "e"', '']);
});

test('a DMA row gives a class A position and a static message with status, dimensions and draught', () => {
  const r = new CsvReader(DMA_HEADER, 'dma');
  const out: ReceivedMessage[] = [];
  r.row('01/03/2024 10:15:30,Class A,219012345,55.5,11.25,Under way using engine,0.0,12.3,87.5,88,9074729,OXAB2,NORDIC STAR,Tanker,,20,120,GPS,7.2,AARHUS,,AIS,100,20,10,10', out);
  r.row('01/03/2024 10:15:40,Class A,219012345,55.5001,11.2503,Under way using engine,0.0,12.3,87.5,88,9074729,OXAB2,NORDIC STAR,Tanker,,20,120,GPS,7.2,AARHUS,,AIS,100,20,10,10', out);
  r.row('01/03/2024 10:15:41,Base Station,2190071,55.6,11.3,Unknown value,,,,,Unknown,Unknown,,Undefined,,,,GPS,,Unknown,,AIS,,,,', out);
  r.row('31/02/2024 xx,Class A,219012345,55.5,11.25,,,,,,,,,,,,,,,,,,,,,', out);
  assert.equal(out.length, 3, 'position, static, position (static unchanged not repeated)');
  assert.deepEqual(out[0], {
    message: { type: 1, repeat: 0, mmsi: 219012345, lat: 55.5, lon: 11.25, speed: 12.3, course: 87.5, heading: 88, status: 0 },
    meta: { time: Date.UTC(2024, 2, 1, 10, 15, 30), station: 'dma' },
  });
  const st = out[1].message;
  assert.equal(st.type, 5);
  assert.equal(st.shipname, 'NORDIC STAR');
  assert.equal(st.imo, 9074729);
  assert.equal(st.ship_type, 80);
  assert.equal(st.to_bow, 100);
  assert.equal(st.draught, 7.2);
  assert.equal(st.destination, 'AARHUS');
  assert.deepEqual(r.stats.rejected, { not_a_vessel: 1, bad_time: 1 });
  assert.equal(r.stats.rows, 4);
});

test('the MarineCadastre fixture gives one position per row and sentinels become absent values', () => {
  const [header, ...rows] = readFileSync(join(FIXTURES, 'tracks', 'decoded', 'noaa_marinecadastre_20230111_1000rows.csv'), 'utf8').split('\n');
  const r = new CsvReader(header);
  const out: ReceivedMessage[] = [];
  for (const row of rows) r.row(row, out);
  assert.equal(r.layout, 'marinecadastre');
  assert.equal(r.stats.rows, 1000);
  const positions = out.filter((m) => m.message.type === 1 || m.message.type === 18);
  assert.equal(positions.length, 1000);
  assert.equal(positions.filter((m) => m.message.type === 18).length, 46, 'class B rows');
  // 367752440: COG 360 (not available) is absent; IMO "IMO9307839" is parsed for 636021061.
  const first = positions.find((m) => m.message.mmsi === 367752440)!;
  assert.equal(first.message.course, undefined);
  assert.equal(first.message.heading, 95);
  const msc = out.find((m) => m.message.mmsi === 636021061 && m.message.type === 5)!;
  assert.equal(msc.message.imo, 9307839);
  assert.equal(msc.message['length'], 208);
  assert.equal(first.meta.time, Date.UTC(2023, 0, 11));
});

test('a decoded-reports row carries the declared country as a flag', () => {
  const r = new CsvReader('"timestamp_pretty";"timestamp";"msgid";"targetType";"mmsi";"lat";"long";"posacc";"sog";"cog";"shipType";"dimBow";"draught";"dimPort";"dimStarboard";"dimStern";"month";"week";"imo";"country";"name";"callsign"');
  const out: ReceivedMessage[] = [];
  r.row('"01/04/2018 05:19:48";1522559988000;1;"A";205366000;54.536476;10.313084;1;4;159.9;"TANKER";108;6.2;15;6;34;4;13;9045807;"Belgium";"TEMSE";"ONCC"', out);
  assert.equal(out.length, 2);
  assert.equal(out[0].meta.time, 1522559988000);
  assert.equal(out[1].message['flag'], 'BE');
  assert.equal(out[1].message.ship_type, 80);
});

test('times read digit by digit equal the regular expressions, over the shapes exports use and the odd ones', () => {
  const shapes = [
    '2023-01-11T00:00:00', '2023-01-11 23:59:59', '2023-01-11T24:00:00', '2023-01-11T12:61:61', '2024-02-29T10:00:00', '2023-02-29T10:00:00',
    '2023-01-11T00:00:00.250', '2023-01-11T00:00:00Z', ' 2023-01-12T01:02:03 ', '2023-01-12T01:02:0x', '2023-1-12T01:02:03', '0099-12-31T23:59:59',
    '01/04/2018 05:19:48', '31/12/2018 23:59:59', '29/02/2021 00:00:00', '01/04/2018T05:19:48', '01/04/2018 05:19', 'ab/cd/efgh 12:00:00',
    '', '   ', 'unknown', '2023-01-11X00:00:00', '11/01/2023 00:00:00 UTC',
  ];
  // One parser for all (its remembered day changes as the dates do), against the expressions alone.
  const p = new TimeParser();
  for (const round of [0, 1]) {
    for (const s of round === 0 ? shapes : [...shapes].reverse()) {
      assert.equal(p.parse(s), TimeParser.slow(s.trim()) ?? undefined, JSON.stringify(s));
    }
  }
  assert.equal(p.parse('2023-01-11T01:00:00'), Date.UTC(2023, 0, 11, 1));
  assert.equal(p.parse('11/01/2023 01:00:00'), Date.UTC(2023, 0, 11, 1));
});
