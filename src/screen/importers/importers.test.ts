import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, NEEDS_SHARED, SHARED_DATA } from '../../../test/support/paths.js';
import { decodeListBytes, detectFormat, importFiles } from './index.js';
import type { Entity, ImportResult } from '../model.js';

const FX = join(FIXTURES, 'sanctions');
const SH = join(SHARED_DATA, 'sanctions');
const load = (dir: string, ...files: string[]): ImportResult[] => {
  const batch = importFiles(files.map((f) => ({ name: f, text: decodeListBytes(readFileSync(join(dir, f))) })));
  assert.deepEqual(batch.unrecognised, []);
  return batch.results;
};
const count = (es: Entity[], schema: string): number => es.filter((e) => e.schema === schema).length;
const withProp = (es: Entity[], schema: string, p: string): number => es.filter((e) => e.schema === schema && e.properties[p]?.length).length;

// ---- Real files in ../shared (restricted licences: skipped when absent) -------------------------

test('OFAC SDN CSV 2024-05-03 with the 2025 alt.csv: counts as the data README states', { skip: NEEDS_SHARED }, () => {
  const [r] = load(SH, 'ofac/sdn_2024-05-03.csv', 'ofac/alt_2025-12.csv');
  const es = r.entities;
  assert.equal(count(es, 'Sanction'), 14965);
  assert.equal(count(es, 'Person'), 6854);
  assert.equal(count(es, 'Organization'), 6884);
  assert.equal(count(es, 'Vessel'), 851);
  assert.equal(count(es, 'Airplane'), 376);
  // README: 842 with "IMO nnnnnnn" in Remarks; the extractor also reads two written another way.
  assert.ok(withProp(es, 'Vessel', 'imoNumber') >= 842);
  assert.equal(withProp(es, 'Vessel', 'mmsi'), 154);
  assert.equal(withProp(es, 'Vessel', 'flag'), 816);
  assert.equal(withProp(es, 'Vessel', 'callSign'), 251);
  // alt.csv rows of ent_nums absent from the 2024 file are counted, not dropped silently.
  assert.ok((r.problems['alt_row_without_sdn_entry'] ?? 0) > 0);
  const artavil = es.find((e) => e.id === 'us_ofac_sdn:15036')!;
  assert.deepEqual(artavil.properties['imoNumber'], ['9187629']);
  assert.ok(artavil.properties['previousName'].includes('ABADAN'), 'fka from alt.csv is a former ship name');
  assert.ok(es.some((e) => e.schema === 'UnknownLink' && e.properties['subject'][0] === 'us_ofac_sdn:15036'), 'Linked To resolved to the NITC entry');
});

test('UN consolidated XML 2026-02-27: 730 individuals, 273 entities, 155 DPRK, 16 company IMOs', { skip: NEEDS_SHARED }, () => {
  const [r] = load(SH, 'un/un_consolidated_2026-02-27.xml');
  const es = r.entities;
  assert.equal(count(es, 'Person'), 730);
  assert.equal(count(es, 'Organization'), 273);
  assert.equal(es.filter((e) => e.schema !== 'Sanction' && e.properties['program']?.includes('DPRK')).length, 155);
  assert.equal(withProp(es, 'Organization', 'imoNumber'), 16);
  assert.equal(r.list.published, '2026-02-27');
  const omm = es.find((e) => e.properties['unscId']?.includes('KPe.020'))!;
  assert.ok(omm.properties['imoNumber'].includes('1790183'));
});

test('EU OJ annex tables: every row becomes a sanction; vessels are one entity per IMO', { skip: NEEDS_SHARED }, () => {
  const [a, b, c] = [load(SH, 'eu/eu_oj_32014R0833.csv')[0], load(SH, 'eu/eu_oj_32017R1509.csv')[0], load(SH, 'eu/eu_oj_32014R0269.csv')[0]];
  const vesselRows = (r: ImportResult): number => r.entities.filter((e) => e.schema === 'Sanction' && e.properties['entity'][0].includes(':imo')).length;
  // Reg. 833/2014: 1,746 rows, 633 Vessel rows (Annex XLII shadow fleet, all with IMO), 28 Asset.
  assert.equal(count(a.entities, 'Sanction'), 1746);
  assert.equal(vesselRows(a), 633);
  assert.equal(withProp(a.entities, 'Vessel', 'imoNumber'), count(a.entities, 'Vessel'));
  assert.equal(count(a.entities, 'Asset'), 28);
  // Reg. 2017/1509: 326 rows: 157 Person, 94 LegalEntity, 75 Vessel rows, all with IMO.
  assert.equal(count(b.entities, 'Sanction'), 326);
  assert.equal(count(b.entities, 'Person'), 157);
  assert.equal(count(b.entities, 'LegalEntity'), 94);
  assert.equal(vesselRows(b), 75);
  const chong = b.entities.find((e) => e.properties['imoNumber']?.includes('8909575'))!;
  assert.equal(chong.properties['name'][0], 'Chong Bong');
  assert.deepEqual(chong.properties['previousName'], ['Greenlight', 'Blue Nouvelle']);
  // Reg. 269/2014: 2,802 rows: 1,984 Person, 622 LegalEntity, 196 Company.
  assert.equal(count(c.entities, 'Person'), 1984);
  assert.equal(count(c.entities, 'LegalEntity'), 622);
  assert.equal(count(c.entities, 'Company'), 196);
});

test('UK Sanctions List tables 2026-04-29: 3,883 individuals, 1,531 entities, 632 ships (631 with IMO)', { skip: NEEDS_SHARED }, () => {
  const [r] = load(SH, 'uk/uk_list_2026-04-29_subjects.csv', 'uk/uk_list_2026-04-29_subject_names.csv', 'uk/uk_list_2026-04-29_subject_identifiers.csv');
  const es = r.entities;
  assert.equal(count(es, 'Sanction'), 6046);
  assert.equal(count(es, 'Person'), 3883);
  assert.equal(count(es, 'Organization'), 1531);
  assert.equal(count(es, 'Vessel'), 632);
  assert.equal(withProp(es, 'Vessel', 'imoNumber'), 631);
  // 1,002 subjects carry a UN reference; IRi.012 is on two of them, so 1,001 distinct references.
  assert.equal(new Set(es.flatMap((e) => (e.schema === 'Sanction' ? [] : (e.properties['unscId'] ?? [])))).size, 1001);
});

test('Japan METI entity lists: about 550 and 56 numbered entries with English names', { skip: NEEDS_SHARED }, () => {
  const [ru] = load(SH, 'jp/meti_russia_entities_2025-09-12.txt');
  const [third] = load(SH, 'jp/meti_third_country_entities_2025-09-12.txt');
  assert.ok(count(ru.entities, 'LegalEntity') >= 550 && count(ru.entities, 'LegalEntity') <= 570);
  assert.equal(count(third.entities, 'LegalEntity'), 56);
  assert.equal(ru.list.published, '2025-09-12');
  const admiralty = ru.entities.find((e) => e.id.endsWith(':1'))!;
  assert.equal(admiralty.properties['name'][0], 'Admiralty Shipyard JSC');
  assert.ok(admiralty.properties['alias'].includes('株式会社アドミラルティ造船所'));
});

test('OpenSanctions FtM fixtures: 91 and 7 entities with their schemata', { skip: NEEDS_SHARED }, () => {
  const [zala] = load(SH, 'ftm/yente_fixture_zala_entities.ftm.json');
  const [t1] = load(SH, 'ftm/yente_fixture_t1_eu_fsf_entities.ftm.json');
  assert.equal(zala.entities.length, 91);
  assert.equal(count(zala.entities, 'Ownership'), 14);
  assert.equal(count(zala.entities, 'Sanction'), 41);
  assert.equal(count(zala.entities, 'Company'), 11);
  assert.equal(count(zala.entities, 'Person'), 6);
  assert.equal(t1.entities.length, 7);
  assert.equal(count(t1.entities, 'Person'), 4);
});

// ---- Project fixtures (public-domain samples and hand-built files in the published layouts) ----

test('OFAC CSV sample: Latin-1, -0- nulls and the trailing 0x1A byte', () => {
  const [r] = load(FX, 'ofac_sdn_sample.csv', 'ofac_alt_sample.csv');
  const es = r.entities;
  assert.equal(count(es, 'Vessel'), 4);
  assert.equal(count(es, 'Person'), 2);
  const ri = es.find((e) => e.id === 'us_ofac_sdn:12216')!;
  assert.equal(ri.properties['name'][0], 'Je-Son RI');
  assert.ok(ri.properties['alias'].includes('Che-Son RI'));
  assert.deepEqual(ri.properties['birthDate'], ['1938']);
});

test('OFAC SDN XML sample: vessel info, IDs, akas and US-style publish date', () => {
  const [r] = load(FX, 'ofac_sdn_sample.xml');
  const v = r.entities.find((e) => e.schema === 'Vessel')!;
  assert.deepEqual(v.properties['imoNumber'], ['9187629']);
  assert.deepEqual(v.properties['mmsi'], ['572469210']);
  assert.deepEqual(v.properties['previousName'], ['ABADAN', 'SHONA']);
  assert.equal(r.list.published, '2024-05-03');
  assert.equal(count(r.entities, 'UnknownLink'), 1, 'vesselOwner resolved to the NITC entry');
});

test('UN sample, EU FSF, UK CSV and XML, Japan MOF and METI, custom CSV: each format parses', () => {
  const results = load(FX, 'un_consolidated_sample.xml', 'eu_fsf_sample.xml', 'uk_sanctions_list_sample.csv', 'uk_sanctions_list_sample.xml', 'jp_mof_sample.csv', 'jp_meti_sample.txt', 'custom_watchlist.csv');
  const by = new Map(results.map((r) => [r.files[0], r]));
  const un = by.get('un_consolidated_sample.xml')!;
  assert.equal(count(un.entities, 'Person'), 3);
  const fsf = by.get('eu_fsf_sample.xml')!;
  assert.equal(count(fsf.entities, 'Person'), 1);
  assert.equal(fsf.problems['entity_without_logical_id'], 1);
  const ukCsv = by.get('uk_sanctions_list_sample.csv')!;
  const petrel = ukCsv.entities.find((e) => e.id.endsWith('DPR0075'))!;
  assert.deepEqual(petrel.properties['imoNumber'], ['9562233']);
  assert.deepEqual(petrel.properties['alias'], ['Jal Vahini']);
  assert.equal(ukCsv.problems['subject_without_name'], 1);
  const ukXml = by.get('uk_sanctions_list_sample.xml')!;
  const tm = ukXml.entities.find((e) => e.id.endsWith('RUS1850'))!;
  assert.equal(tm.properties['name'][0], 'TM HAI HA 568', 'the IMO embedded in the name is split off');
  assert.deepEqual(tm.properties['imoNumber'], ['9274082']);
  const mof = by.get('jp_mof_sample.csv')!;
  assert.equal(mof.entities.find((e) => e.schema === 'Person')!.properties['name'][0], 'RI JE-SON');
  assert.equal(mof.problems['row_without_name'], 1);
  const meti = by.get('jp_meti_sample.txt')!;
  assert.equal(count(meti.entities, 'LegalEntity'), 3);
  const custom = by.get('custom_watchlist.csv')!;
  assert.equal(count(custom.entities, 'Vessel'), 1);
  assert.equal(custom.problems['row_without_name_or_imo'], 1);
});

test('malformed input is counted by reason, never fatal', () => {
  const [r] = load(FX, 'ownership_chain.ftm.json');
  assert.equal(r.problems['line_not_json'], 1);
  assert.equal(r.problems['entity_without_id_schema_or_properties'], 1);
  assert.equal(count(r.entities, 'Ownership'), 6);
  assert.equal(detectFormat({ name: 'x.bin', text: '\u0000\u0001garbage' }), undefined);
  const batch = importFiles([{ name: 'x.bin', text: 'garbage' }]);
  assert.deepEqual(batch.unrecognised, ['x.bin']);
});
