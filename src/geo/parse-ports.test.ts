import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PORT_RADIUS_M, parsePortsCsv, splitCsvLine } from './parse-ports.js';

test('a headerless file in the user format loads every good row', () => {
  const { ports, errors } = parsePortsCsv('Nampo,38.7167,125.39,9000,KP,KPNAM,sanctioned;dprk\nMy Pier,1.5,103.5,,,,\n');
  assert.deepEqual(errors, []);
  assert.equal(ports.length, 2);
  assert.deepEqual(ports[0], { id: 'KPNAM', name: 'Nampo', lat: 38.7167, lon: 125.39, radius_m: 9000, country: 'KP', unlocode: 'KPNAM', tags: ['sanctioned', 'dprk'], source: 'user' });
  assert.equal(ports[1].id, 'xx-my-pier');
  assert.equal(ports[1].radius_m, DEFAULT_PORT_RADIUS_M);
});

test('a header allows any column order and the extra id and source columns', () => {
  const csv = 'tags,lon,lat,name,id,source,country\n"oil_terminal; sts",28.66,60.35,"Primorsk, oil",prim,mine,ru\n';
  const { ports, errors } = parsePortsCsv(csv);
  assert.deepEqual(errors, []);
  assert.equal(ports[0].name, 'Primorsk, oil');
  assert.equal(ports[0].id, 'prim');
  assert.equal(ports[0].source, 'mine');
  assert.equal(ports[0].country, 'RU');
  assert.deepEqual(ports[0].tags, ['oil_terminal', 'sts']);
});

test('bad rows are reported with their line number and reason, and the rest still load', () => {
  const csv = [
    'name,lat,lon,radius_m,country,unlocode,tags',
    'Good,10,20,1000,NL,NLRTM,',
    ',10,20,1000,,,',
    'Lat,91,20,1000,,,',
    'Lon,10,abc,1000,,,',
    'Radius,10,20,-5,,,',
    'Country,10,20,1000,Netherlands,,',
    'Locode,10,20,1000,,NL-RTM1,',
    'Tag,10,20,1000,,,bad tag!',
    '"Open,10,20',
    'Too,10,20,1000,,,,extra',
    '',
    '# a comment',
    'Also good,-10,-20,,,,user;x',
  ].join('\n');
  const { ports, errors } = parsePortsCsv(csv);
  assert.deepEqual(ports.map((p) => p.name), ['Good', 'Also good']);
  assert.deepEqual(errors.map((e) => e.line), [3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.match(errors[0].reason, /name is empty/);
  assert.match(errors[1].reason, /lat "91"/);
  assert.match(errors[2].reason, /lon "abc"/);
  assert.match(errors[3].reason, /radius_m "-5"/);
  assert.match(errors[4].reason, /country "Netherlands"/);
  assert.match(errors[5].reason, /unlocode "NL-RTM1"/);
  assert.match(errors[6].reason, /tag "bad tag!"/);
  assert.match(errors[7].reason, /unbalanced quotes/);
  assert.match(errors[8].reason, /8 fields/);
});

test('a header without lat or lon stops the file with one reason', () => {
  const { ports, errors } = parsePortsCsv('name,lat,longitude\nA,1,2\n');
  assert.equal(ports.length, 0);
  assert.deepEqual(errors, [{ line: 1, reason: 'header lacks lon' }]);
});

test('duplicate ids within a file get numbered, and added tags are appended once', () => {
  const { ports } = parsePortsCsv('Busan,35.1,129.03,8000,KR,KRPUS,user\nBusan,35.0,129.0,5000,KR,KR PUS,\n', { addTags: ['user'] });
  assert.deepEqual(ports.map((p) => p.id), ['KRPUS', 'KRPUS-2']);
  assert.deepEqual(ports.map((p) => p.tags), [['user'], ['user']]);
});

test('CSV fields split on commas outside quotes, with doubled quotes kept', () => {
  assert.deepEqual(splitCsvLine('a,"b,c","d ""e""",'), ['a', 'b,c', 'd "e"', '']);
  assert.equal(splitCsvLine('"a"b'), undefined);
});
