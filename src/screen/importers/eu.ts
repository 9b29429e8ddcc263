/**
 * EU importers: Official Journal annex tables in FtM-column CSV form (one file per regulation,
 * e.g. Reg. 833/2014 Annex XLII shadow fleet, Reg. 2017/1509 DPRK), and the EU Financial
 * Sanctions (FSF) consolidated XML (`export/sanctionEntity`).
 */
import { EntityBuilder, SCHEMATA, contentHash, countProblem, type Entity, type ImportResult, type Schema } from '../model.js';
import { splitBracketedNames } from '../normalise.js';
import { isoDate, kid, kids, parseCsvObjects, parseXml } from '../text.js';

const AUTHORITY = 'Council of the European Union';
const SCHEMA_SET = new Set<string>(SCHEMATA);
const MULTI = ['alias', 'weakAlias', 'previousName', 'country', 'nationality', 'birthDate', 'birthPlace', 'position', 'passportNumber',
  'gender', 'registrationNumber', 'taxNumber', 'idNumber', 'innCode', 'ogrnCode', 'leiCode', 'swiftBic', 'imoNumber', 'mmsi', 'flag', 'address', 'jurisdiction', 'legalForm'];

/** Import one EU OJ consolidated CSV (FtM property columns plus celex/annex/measure). */
export function importEuJournalCsv(text: string, files: string[] = []): ImportResult {
  const problems: Record<string, number> = {};
  const rows = parseCsvObjects(text);
  const celex = rows.find((r) => r['celex'])?.['celex'] ?? 'unknown';
  const dataset = `eu_oj_${celex}`;
  const byId = new Map<string, { b: EntityBuilder; n: number }>();
  const entities: Entity[] = [];
  for (const r of rows) {
    const rawName = r['name']?.trim() ?? '';
    let schema = (r['schema']?.trim() ?? '') as Schema;
    if (!rawName) {
      countProblem(problems, 'row_without_name');
      continue;
    }
    if (!SCHEMA_SET.has(schema)) {
      countProblem(problems, 'unknown_schema_as_legalentity');
      schema = 'LegalEntity';
    }
    const imo = r['imoNumber']?.trim();
    // Vessels have no record id: the IMO number is their identity across re-imports.
    const key = schema === 'Vessel' && imo ? `imo${imo}` : r['recordId']?.trim() ? `${r['annex']?.trim() ?? ''}:${r['recordId'].trim()}` : `h${contentHash(`${schema}|${rawName}`)}`;
    const id = `${dataset}:${key}`;
    let slot = byId.get(id);
    if (!slot) {
      slot = { b: new EntityBuilder(id, schema, dataset), n: 0 };
      byId.set(id, slot);
    } else countProblem(problems, 'row_merged_into_same_entity');
    slot.n++;
    const b = slot.b;
    if (schema === 'Vessel') {
      const { name, former } = splitBracketedNames(rawName);
      b.add('name', name).add('previousName', ...former).add('alias', rawName !== name ? rawName : undefined);
    } else b.add('name', rawName);
    for (const p of MULTI) {
      const v = r[p];
      if (v) b.add(p, ...v.split(';').map((x) => (p === 'birthDate' ? (isoDate(x) ?? x) : x)));
    }
    b.add('program', r['programKey']).add('sourceId', key).add('notes', r['notes']);
    const s = new EntityBuilder(`${id}:sanction:${slot.n}`, 'Sanction', dataset);
    s.add('entity', id).add('authority', AUTHORITY).add('program', r['programKey']).add('programId', r['programKey']);
    s.add('provisions', [r['annex'] ? `Annex ${r['annex']}` : '', r['measure'] ?? ''].filter(Boolean).join(': '));
    s.add('listingDate', isoDate(r['startDate'] ?? '')).add('reason', r['reason']).add('sourceUrl', `https://eur-lex.europa.eu/eli/reg/${celex}`);
    s.entity.caption = `EU ${r['programKey'] ?? ''} ${r['annex'] ?? ''}`.trim();
    entities.push(s.build());
  }
  for (const { b } of byId.values()) entities.push(b.build());
  return { list: { id: dataset, title: `EU Official Journal ${celex} annex tables`, authority: AUTHORITY }, entities, problems, files };
}

/** Import the EU Financial Sanctions Files consolidated XML. */
export function importEuFsfXml(xml: string, files: string[] = []): ImportResult {
  const problems: Record<string, number> = {};
  const root = parseXml(xml);
  if (root.name !== 'export') throw new Error(`not an EU FSF XML file (root <${root.name}>)`);
  const dataset = 'eu_fsf';
  const entities: Entity[] = [];
  for (const se of kids(root, 'sanctionEntity')) {
    const logicalId = se.attrs['logicalId'];
    if (!logicalId) {
      countProblem(problems, 'entity_without_logical_id');
      continue;
    }
    const subject = kid(se, 'subjectType')?.attrs['code'] ?? '';
    const id = `${dataset}:${logicalId}`;
    const schema: Schema = subject === 'person' ? 'Person' : 'Organization';
    const b = new EntityBuilder(id, schema, dataset);
    const names = kids(se, 'nameAlias');
    if (names.length === 0) {
      countProblem(problems, 'entity_without_name');
      continue;
    }
    names.forEach((n, i) => {
      const whole = n.attrs['wholeName'] || [n.attrs['firstName'], n.attrs['middleName'], n.attrs['lastName']].filter(Boolean).join(' ');
      const weak = n.attrs['strong'] === 'false';
      b.add(i === 0 ? 'name' : weak ? 'weakAlias' : 'alias', whole);
      const g = n.attrs['gender'];
      if (g === 'M' || g === 'F') b.add('gender', g === 'M' ? 'male' : 'female');
      b.add('position', n.attrs['function']);
    });
    for (const d of kids(se, 'birthdate')) b.add('birthDate', isoDate(d.attrs['birthdate'] ?? '') ?? d.attrs['year']);
    for (const c of kids(se, 'citizenship')) b.add('nationality', c.attrs['countryIso2Code']?.toLowerCase() ?? c.attrs['countryDescription']);
    for (const a of kids(se, 'address')) b.add('country', a.attrs['countryIso2Code']?.toLowerCase());
    for (const ident of kids(se, 'identification')) {
      const code = ident.attrs['identificationTypeCode'] ?? '';
      const num = ident.attrs['latinNumber'] || ident.attrs['number'];
      b.add(code === 'imo' ? 'imoNumber' : code === 'passport' ? 'passportNumber' : 'idNumber', num);
    }
    const reg = kid(se, 'regulation');
    const programme = reg?.attrs['programme'];
    b.add('program', programme).add('sourceId', se.attrs['euReferenceNumber'] ?? logicalId);
    entities.push(b.build());
    const s = new EntityBuilder(`${id}:sanction`, 'Sanction', dataset);
    s.add('entity', id).add('authority', AUTHORITY).add('program', programme).add('programId', programme ? `EU-${programme}` : undefined);
    s.add('authorityId', se.attrs['euReferenceNumber']).add('unscId', se.attrs['unitedNationId']);
    s.add('listingDate', isoDate(reg?.attrs['publicationDate'] ?? '')).add('provisions', reg?.attrs['numberTitle']);
    s.entity.caption = `EU ${programme ?? ''}`.trim();
    entities.push(s.build());
  }
  return {
    list: { id: dataset, title: 'EU Financial Sanctions Files (consolidated)', authority: AUTHORITY, published: isoDate(root.attrs['generationDate'] ?? '') },
    entities,
    problems,
    files,
  };
}
