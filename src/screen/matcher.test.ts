import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Screener, compareNames } from './matcher.js';
import type { Entity } from './model.js';

let n = 0;
function entity(schema: Entity['schema'], props: Record<string, string[]>, program = 'DPRK'): Entity[] {
  const id = `t:${++n}`;
  const e: Entity = { id, schema, caption: props['name'][0], properties: props, datasets: ['test_list'] };
  const s: Entity = { id: `${id}:s`, schema: 'Sanction', caption: 'S', properties: { entity: [id], authority: ['US OFAC'], program: [program] }, datasets: ['test_list'] };
  return [e, s];
}

const LIST: Entity[] = [
  ...entity('Vessel', { name: ['RYONG GANG 2'], imoNumber: ['7640378'], flag: ["Democratic People's Republic of Korea"] }),
  ...entity('Vessel', { name: ['Chong Bong (Greenlight) (Blue Nouvelle)'], imoNumber: ['8909575'] }),
  ...entity('Vessel', { name: ['NAM SAN 8'], imoNumber: ['8122347'], mmsi: ['445539000'] }),
  ...entity('Vessel', { name: ['JUPITER'], imoNumber: ['9187629'] }),
  ...entity('Vessel', { name: ['ARTAVIL'], imoNumber: ['7406784'], callSign: ['T2EU4'], previousName: ['ALPHA'] }),
  ...entity('Person', { name: ['RI JE-SON'], alias: ['Ri Che-son'], nationality: ['kp'], birthDate: ['1938'] }),
  ...entity('Person', { name: ['PAK CHANG-HO'], nationality: ['kp'] }),
  ...entity('Person', { name: ['KIM SOK CHOL'], nationality: ['kp'] }),
  ...entity('Person', { name: ['Sergey Valeryevich AKSYONOV'], birthDate: ['1972-11-26'], gender: ['male'] }, 'UKRAINE'),
  ...entity('Organization', { name: ['OCEAN MARITIME MANAGEMENT COMPANY, LIMITED'], imoNumber: ['1790183'] }),
];
const screener = new Screener(LIST);
const top = (q: Parameters<Screener['match']>[0]): ReturnType<Screener['match']>[number] | undefined => screener.match(q)[0];

test('a valid IMO decides: a renamed and reflagged ship is still a match', () => {
  const r = top({ schema: 'Vessel', properties: { name: ['TAN CHON'], imoNumber: ['7640378'], flag: ['Sierra Leone'] } });
  assert.equal(r?.name, 'RYONG GANG 2');
  assert.equal(r?.decision, 'match');
  assert.ok(r.score >= 0.95);
  assert.ok(r.explanation['vessel_imo_match']);
  assert.ok(r.matched_fields.includes('imo'));
});

test('an IMO with a bad check digit is not used as identity', () => {
  const r = screener.match({ schema: 'Vessel', properties: { imoNumber: ['7640377'] } });
  assert.equal(r.length, 0);
});

test('a name-only vessel hit is never more than review', () => {
  const r = top({ schema: 'Vessel', properties: { name: ['RYONG GANG 2'] } });
  assert.equal(r?.decision, 'review');
  assert.ok(r.score < screener.config.matchThreshold);
});

test('bracketed EU former names are matched as previous names', () => {
  const r = top({ schema: 'Vessel', properties: { name: ['BLUE NOUVELLE'] } });
  assert.match(r?.name ?? '', /^Chong Bong/);
  assert.match(r!.explanation['name_match'].detail, /previousName/);
});

test('numbers in vessel names are significant', () => {
  const r = screener.match({ schema: 'Vessel', properties: { name: ['NAM SAN 6'] } });
  assert.ok(r.every((x) => x.name !== 'NAM SAN 8'));
});

test('MMSI and call sign support a name but do not decide alone', () => {
  const withName = top({ schema: 'Vessel', properties: { name: ['NAM SAN 8'], mmsi: ['445539000'] } });
  assert.equal(withName?.decision, 'match');
  const alone = top({ schema: 'Vessel', properties: { mmsi: ['445539000'] } });
  assert.equal(alone?.decision, 'review');
  const cs = top({ schema: 'Vessel', properties: { name: ['ARTAVIL'], callSign: ['T2-EU4'] } });
  assert.equal(cs?.decision, 'match');
});

test('the same name on a different IMO is at most a review, with the IMO mismatch explained', () => {
  const r = screener.match({ schema: 'Vessel', properties: { name: ['JUPITER'], imoNumber: ['9321483'] } });
  assert.ok(r.every((x) => x.decision === 'review'));
  if (r[0]) assert.ok(r[0].explanation['vessel_imo_mismatch']);
});

test('Korean romanisation variants find the listed person', () => {
  for (const q of ['Lee Je Sun', 'Yi Je-son', 'Je Son Rhee', '리제선', 'Park Chang Ho']) {
    const r = top({ properties: { name: [q] } });
    assert.ok(r, q);
    assert.match(r.name, q === 'Park Chang Ho' ? /PAK/ : /RI JE-SON/, q);
    assert.equal(r.decision, 'match', q);
  }
});

test('a different Korean given name is not a match', () => {
  const r = screener.match({ properties: { name: ['KIM SOK JIN'] } });
  assert.ok(r.every((x) => x.decision !== 'match'));
});

test('token order does not matter, Cyrillic meets Latin, and scores are explained', () => {
  const r = top({ schema: 'Person', properties: { name: ['AKSYONOV Sergey Valeryevich'] } });
  assert.equal(r?.score, 1);
  const c = top({ schema: 'Person', properties: { name: ['Сергей Валерьевич Аксёнов'] } });
  assert.equal(c?.name, 'Sergey Valeryevich AKSYONOV');
  assert.equal(c?.decision, 'match');
  assert.ok(c.explanation['name_match'].detail.length > 0);
});

test('birth date, gender and country disagreement lower the score', () => {
  const base = top({ schema: 'Person', properties: { name: ['Sergey Aksyonov'] } })!.score;
  const r = top({ schema: 'Person', properties: { name: ['Sergey Aksyonov'], birthDate: ['1990-01-01'], gender: ['female'] } });
  assert.ok(!r || r.score < base - 0.3);
});

test('company IMO numbers identify owners and managers', () => {
  const r = top({ schema: 'Organization', properties: { name: ['OMM'], imoNumber: ['1790183'] } });
  assert.equal(r?.decision, 'match');
  assert.ok(r.matched_fields.includes('imo'));
});

test('thresholds are configurable per call', () => {
  const strict = screener.match({ schema: 'Person', properties: { name: ['Sergei Aksenov'] } }, { matchThreshold: 0.99, reviewThreshold: 0.5 });
  assert.ok(strict.length > 0);
  assert.ok(strict.every((x) => x.decision === 'review'));
});

test('ownership makes an unlisted company screenable, with the rule explained', () => {
  const own = (o: string, a: string, pct: string): Entity => ({ id: `own-${o}-${a}`, schema: 'Ownership', caption: 'O', properties: { owner: [o], asset: [a], percentage: [pct] }, datasets: ['x'] });
  const s = new Screener([
    ...entity('Person', { name: ['Blocked Person'] }),
    { id: 'co', schema: 'Company', caption: 'Harbour Holdings', properties: { name: ['Harbour Holdings'] }, datasets: ['x'] },
    { id: 'free', schema: 'Company', caption: 'Free Company', properties: { name: ['Free Company'] }, datasets: ['x'] },
    own(`t:${n}`, 'co', '60'),
  ]);
  const r = s.match({ properties: { name: ['Harbour Holdings'] } })[0];
  assert.equal(r?.ownership?.find((f) => f.jurisdiction === 'US')?.status, 'blocked');
  assert.equal(s.match({ properties: { name: ['Free Company'] } }).length, 0);
});

test('pairwise names: close spellings match, different people do not', () => {
  assert.ok(compareNames('Person', 'Olaf Scholze', 'Olaf Scholz').score >= 0.8);
  assert.ok(compareNames('Person', 'Octavian Scholz', 'Olaf Scholz').score < 0.8);
  assert.ok(compareNames('Person', '김종은', '김정은').score < 0.8);
  assert.ok(compareNames('Company', 'Siemens AG', 'Siemens Aktiengesellschaft').score >= 0.8);
});

test('names written in Arabic, Hebrew, Thai and Cyrillic meet their Latin forms, other names do not', () => {
  assert.ok(compareNames('Person', 'محمد علي', 'Mohamed Ali').score >= 0.9);
  assert.ok(compareNames('Person', 'Александр Петров', 'Alexander Petrov').score >= 0.85);
  assert.ok(compareNames('Person', 'דוד', 'David').score >= 0.85);
  assert.ok(compareNames('Person', 'สมชาย', 'Somchai').score >= 0.8);
  assert.ok(compareNames('Person', 'محمد علي', 'Ahmed Ali').score < 0.8);
  assert.ok(compareNames('Person', 'Александр Петров', 'Alexei Popov').score < 0.7);
});
