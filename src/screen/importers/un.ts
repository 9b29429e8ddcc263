/**
 * UN Security Council consolidated list importer (`CONSOLIDATED_LIST` XML): individuals and
 * entities with aliases, dates of birth, nationalities and the UN reference number. Company IMO
 * numbers that only appear in COMMENTS1 are kept as `imoNumber`.
 */
import { EntityBuilder, countProblem, type Entity, type ImportResult } from '../model.js';
import { extractImos } from '../ids.js';
import { isoDate, kid, kidText, kids, parseXml, type XmlElement } from '../text.js';

export const UN_DATASET = 'un_sc_sanctions';
const AUTHORITY = 'United Nations Security Council';

function values(el: XmlElement | undefined, child: string): string[] {
  return kids(el, child).map((v) => v.text.trim()).filter(Boolean);
}

/** Import the UN consolidated XML. */
export function importUnXml(xml: string, files: string[] = []): ImportResult {
  const problems: Record<string, number> = {};
  const root = parseXml(xml);
  if (root.name !== 'CONSOLIDATED_LIST') throw new Error(`not a UN consolidated list (root <${root.name}>)`);
  const published = root.attrs['dateGenerated']?.slice(0, 10);
  const entities: Entity[] = [];
  const records = [
    ...kids(kid(root, 'INDIVIDUALS'), 'INDIVIDUAL').map((r) => ({ r, person: true })),
    ...kids(kid(root, 'ENTITIES'), 'ENTITY').map((r) => ({ r, person: false })),
  ];
  for (const { r, person } of records) {
    const dataId = kidText(r, 'DATAID');
    const ref = kidText(r, 'REFERENCE_NUMBER');
    if (!dataId) {
      countProblem(problems, 'record_without_dataid');
      continue;
    }
    const id = `${UN_DATASET}:${dataId}`;
    const b = new EntityBuilder(id, person ? 'Person' : 'Organization', UN_DATASET);
    const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((n) => kidText(r, n)).filter(Boolean);
    if (parts.length === 0) {
      countProblem(problems, 'record_without_name');
      continue;
    }
    b.add('name', parts.join(' ')).add('alias', kidText(r, 'NAME_ORIGINAL_SCRIPT'));
    for (const a of kids(r, person ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS')) {
      const q = kidText(a, 'QUALITY').toLowerCase();
      b.add(q === 'low' ? 'weakAlias' : q.startsWith('f.k.a') ? 'previousName' : 'alias', kidText(a, 'ALIAS_NAME'));
    }
    for (const d of kids(r, 'INDIVIDUAL_DATE_OF_BIRTH')) {
      b.add('birthDate', isoDate(kidText(d, 'DATE')) ?? isoDate(kidText(d, 'YEAR')));
      const from = kidText(d, 'FROM_YEAR');
      const to = kidText(d, 'TO_YEAR');
      if (from && to) for (let y = Number(from); y <= Number(to) && y - Number(from) < 15; y++) b.add('birthDate', String(y));
    }
    b.add('nationality', ...values(kid(r, 'NATIONALITY'), 'VALUE'));
    b.add('position', ...values(kid(r, 'DESIGNATION'), 'VALUE'));
    b.add('gender', kidText(r, 'GENDER').toLowerCase());
    for (const a of kids(r, person ? 'INDIVIDUAL_ADDRESS' : 'ENTITY_ADDRESS')) b.add('country', kidText(a, 'COUNTRY'));
    for (const doc of kids(r, 'INDIVIDUAL_DOCUMENT')) b.add('idNumber', kidText(doc, 'NUMBER'));
    const comments = kidText(r, 'COMMENTS1');
    if (comments) {
      b.add('notes', comments);
      b.add('imoNumber', ...extractImos(comments));
    }
    const listType = kidText(r, 'UN_LIST_TYPE');
    b.add('program', listType).add('sourceId', ref || dataId).add('unscId', ref);
    entities.push(b.build());
    const s = new EntityBuilder(`${id}:sanction`, 'Sanction', UN_DATASET);
    s.add('entity', id).add('authority', AUTHORITY).add('program', listType).add('authorityId', ref).add('unscId', ref);
    s.add('programId', listType === 'DPRK' ? 'UN-SC1718' : `UN-${listType}`).add('listingDate', isoDate(kidText(r, 'LISTED_ON')));
    s.entity.caption = `UN ${listType}`;
    entities.push(s.build());
  }
  return { list: { id: UN_DATASET, title: 'UN Security Council Consolidated List', authority: AUTHORITY, published }, entities, problems, files };
}
