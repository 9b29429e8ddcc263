/**
 * Every real file in ../shared/data/sanctions is read by a test, with the counts its README
 * states (the list files through the importers in importers.test.ts and here; the evaluation
 * files through the CSV reader the benchmarks use). Where our count differs from the README's,
 * the test says why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NEEDS_SHARED, SHARED_DATA } from '../../../test/support/paths.js';
import { decodeListBytes, importFiles } from './index.js';
import { parseCsv, parseCsvObjects } from '../text.js';
import type { Entity } from '../model.js';

const SH = join(SHARED_DATA, 'sanctions');
const text = (f: string): string => decodeListBytes(readFileSync(join(SH, f)));
const tally = (xs: string[]): Record<string, number> => xs.reduce<Record<string, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});

/** The files each test below (or importers.test.ts) reads: a new file in ../shared fails here until it has one. */
const COVERED: Record<string, string> = {
  'ofac/sdn_2024-05-03.csv': 'importers.test.ts (entity counts), here (vessel links, former flags)',
  'ofac/alt_2025-12.csv': 'here (alias rows by type, vessel aliases)',
  'un/un_consolidated_2026-02-27.xml': 'importers.test.ts, here (DPRK aliases)',
  'eu/eu_oj_32014R0833.csv': 'importers.test.ts',
  'eu/eu_oj_32017R1509.csv': 'importers.test.ts',
  'eu/eu_oj_32014R0269.csv': 'importers.test.ts, here (Cyrillic names, company IMOs)',
  'uk/uk_list_2026-04-29_subjects.csv': 'importers.test.ts',
  'uk/uk_list_2026-04-29_subject_names.csv': 'here (name rows by type)',
  'uk/uk_list_2026-04-29_subject_identifiers.csv': 'here (identifier rows by type)',
  'jp/meti_russia_entities_2025-09-12.txt': 'importers.test.ts',
  'jp/meti_third_country_entities_2025-09-12.txt': 'importers.test.ts',
  'ftm/yente_fixture_zala_entities.ftm.json': 'importers.test.ts',
  'ftm/yente_fixture_t1_eu_fsf_entities.ftm.json': 'importers.test.ts',
  'eval/nomenklatura_name_bench_cases.csv': 'here',
  'eval/nomenklatura_name_bench_logicv2_scores.csv': 'here',
  'eval/yente_positives_un_untreated.csv': 'here',
  'eval/yente_positives_un_treated.csv': 'here',
  'eval/yente_negatives_global_1k.csv': 'here',
  'eval/yente_negatives_us_1k.csv': 'here',
  'eval/watchman_cross_script_pairs.csv': 'here',
  'eval/derived_vessel_names_by_imo.csv': 'here',
  'eval/derived_dprk_un_uk_names.csv': 'here',
};

test('every file in ../shared/data/sanctions is read by a test', { skip: NEEDS_SHARED }, () => {
  const files = readdirSync(SH, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => readdirSync(join(SH, d.name)).map((f) => `${d.name}/${f}`));
  assert.deepEqual(files.sort(), Object.keys(COVERED).sort());
});

test('OFAC: alt.csv rows by type, vessel aliases, owner links and former flags as the README states', { skip: NEEDS_SHARED }, () => {
  const alt = parseCsv(text('ofac/alt_2025-12.csv')).filter((r) => r.length >= 4);
  assert.equal(alt.length, 20107);
  assert.equal(new Set(alt.map((r) => r[0])).size, 8653);
  assert.deepEqual(tally(alt.map((r) => r[2].trim())), { aka: 19551, fka: 539, nka: 17 });
  const sdn = parseCsv(text('ofac/sdn_2024-05-03.csv')).filter((r) => r.length >= 12);
  const vesselRows = sdn.filter((r) => r[2].trim() === 'vessel');
  const vesselIds = new Set(vesselRows.map((r) => r[0]));
  // 155 alias rows of the 2025 alt file belong to 2024 vessels: 110 former names, 45 aliases.
  assert.deepEqual(tally(alt.filter((r) => vesselIds.has(r[0])).map((r) => r[2].trim())), { fka: 110, aka: 45 });
  assert.equal(vesselRows.filter((r) => r[11].includes('Linked To:')).length, 825);
  const [r] = importFiles([{ name: 'sdn.csv', text: text('ofac/sdn_2024-05-03.csv') }, { name: 'alt.csv', text: text('ofac/alt_2025-12.csv') }]).results;
  const vessels = r.entities.filter((e) => e.schema === 'Vessel');
  assert.equal(vessels.filter((v) => v.properties['pastFlags']?.length).length, 40);
  // Two of the 825 vessels are linked only to names not on the 2024 list: counted, not linked.
  const linked = new Set(r.entities.filter((e) => e.schema === 'UnknownLink').map((e) => e.properties['subject'][0]));
  assert.equal(vessels.filter((v) => linked.has(v.id)).length, 823);
  assert.ok((r.problems['linked_to_name_not_on_list'] ?? 0) > 0);
});

test('UN: 98 of the 155 DPRK records carry aliases (f.k.a. ones become previous names)', { skip: NEEDS_SHARED }, () => {
  const [r] = importFiles([{ name: 'un.xml', text: text('un/un_consolidated_2026-02-27.xml') }]).results;
  const dprk = r.entities.filter((e) => e.schema !== 'Sanction' && e.properties['program']?.includes('DPRK'));
  assert.equal(dprk.length, 155);
  const aliased = (e: Entity): boolean => ['alias', 'weakAlias', 'previousName'].some((p) => (e.properties[p]?.length ?? 0) > 0);
  assert.equal(dprk.filter(aliased).length, 98);
  assert.equal(r.entities.some((e) => e.properties['name']?.some((n) => /[\uac00-\ud7a3]/.test(n))), false, 'no Hangul on the UN list');
});

test('EU Reg. 269/2014: 2,617 entries carry Cyrillic names, 58 companies an IMO company number', { skip: NEEDS_SHARED }, () => {
  const [r] = importFiles([{ name: 'eu_oj_32014R0269.csv', text: text('eu/eu_oj_32014R0269.csv') }]).results;
  const listed = r.entities.filter((e) => e.schema !== 'Sanction');
  const cyrillic = listed.filter((e) => ['name', 'alias', 'previousName', 'weakAlias'].some((p) => e.properties[p]?.some((v) => /[\u0400-\u04ff]/.test(v))));
  assert.equal(cyrillic.length, 2617);
  assert.equal(listed.filter((e) => e.properties['imoNumber']?.length).length, 58);
});

test('UK tables: name and identifier rows by type as the README states', { skip: NEEDS_SHARED }, () => {
  const names = parseCsvObjects(text('uk/uk_list_2026-04-29_subject_names.csv'));
  assert.equal(names.length, 15050);
  assert.deepEqual(tally(names.map((n) => n['name_type'])), { primary: 6051, primary_variation: 5185, alias: 3814 });
  const ids = parseCsvObjects(text('uk/uk_list_2026-04-29_subject_identifiers.csv'));
  assert.deepEqual(tally(ids.map((n) => n['identifier_type'])), { passport: 10582, national: 6983, business_registration_numbers: 4366, imo: 856 });
});

test('evaluation files: rows and labels as the README states', { skip: NEEDS_SHARED }, () => {
  const cases = parseCsvObjects(text('eval/nomenklatura_name_bench_cases.csv'));
  assert.equal(cases.length, 826);
  assert.deepEqual(tally(cases.map((c) => c['is_match'])), { true: 425, false: 401 });
  assert.deepEqual(tally(cases.map((c) => c['schema'])), { Person: 548, Company: 224, Organization: 30, LegalEntity: 12, Vessel: 12 });
  assert.equal(parseCsvObjects(text('eval/nomenklatura_name_bench_logicv2_scores.csv')).length, 812);
  const untreated = parseCsvObjects(text('eval/yente_positives_un_untreated.csv'));
  const treated = parseCsvObjects(text('eval/yente_positives_un_treated.csv'));
  assert.equal(untreated.length, 683);
  assert.equal(treated.length, 683);
  assert.equal(parseCsvObjects(text('eval/yente_negatives_global_1k.csv')).length, 1000);
  assert.equal(parseCsvObjects(text('eval/yente_negatives_us_1k.csv')).length, 1000);
  // The README says 25 pairs; the file holds 22 (8 scripts), which the quality bench uses.
  const pairs = text('eval/watchman_cross_script_pairs.csv').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  assert.equal(pairs.length, 22);
  assert.equal(parseCsvObjects(text('eval/derived_dprk_un_uk_names.csv')).length, 734);
  const vessels = parseCsvObjects(text('eval/derived_vessel_names_by_imo.csv'));
  assert.equal(vessels.length, 2605);
  const withImo = vessels.filter((v) => v['imo']);
  assert.equal(new Set(withImo.map((v) => v['imo'])).size, 1461);
  assert.ok(withImo.every((v) => v['imo_vessel_checksum_ok'] === 'yes'));
  // IMOs on two or more of OFAC / EU / UK (the two EU regulations are one source).
  const sources = new Map<string, Set<string>>();
  for (const v of withImo) sources.set(v['imo'], (sources.get(v['imo']) ?? new Set()).add(v['source'].startsWith('eu_') ? 'eu' : v['source']));
  assert.equal([...sources.values()].filter((s) => s.size >= 2).length, 639);
});
