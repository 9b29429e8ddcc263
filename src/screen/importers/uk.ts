/**
 * UK Sanctions List (FCDO) importers: the three-table normalised CSV (subjects, subject_names,
 * subject_identifiers), the FCDO one-row-per-name CSV, and the FCDO XML. Ships carry IMO,
 * flag and owner fields; some ship names embed the IMO (`IMO 9274082 ("TM HAI HA 568")`).
 */
import { EntityBuilder, countProblem, type Entity, type ImportResult, type Schema } from '../model.js';
import { extractImos } from '../ids.js';
import { descendants, isoDate, kidText, parseCsv, parseCsvObjects, parseXml, type XmlElement } from '../text.js';

export const UK_DATASET = 'gb_fcdo_sanctions';
const AUTHORITY = 'UK Foreign, Commonwealth & Development Office (FCDO)';

/** Regime prefixes of UK unique ids → regime names. */
const REGIMES: Record<string, string> = {
  AFG: 'Afghanistan', DPR: 'Democratic People\'s Republic of Korea', RUS: 'Russia', IRN: 'Iran', INU: 'Iran (Nuclear)', SYR: 'Syria',
  CTE: 'Counter-Terrorism', AQD: 'ISIL (Da\'esh) and Al-Qaida', BLR: 'Belarus', LIB: 'Libya', SOM: 'Somalia', SUD: 'Sudan',
  SSD: 'South Sudan', YEM: 'Yemen', IRQ: 'Iraq', MAL: 'Mali', MYA: 'Myanmar', VEN: 'Venezuela', NIC: 'Nicaragua', ZIM: 'Zimbabwe',
  CAF: 'Central African Republic', DRC: 'Democratic Republic of the Congo', GUB: 'Guinea-Bissau', GUI: 'Guinea', BOS: 'Bosnia and Herzegovina',
  CYB: 'Cyber', GHR: 'Global Human Rights', GAC: 'Global Anti-Corruption', LEB: 'Lebanon', CHW: 'Chemical Weapons', HAI: 'Haiti', UKR: 'Ukraine',
};
const regimeOf = (uid: string): string => REGIMES[uid.slice(0, 3)] ?? uid.replace(/\d+$/, '');

const SCHEMA_OF: Record<string, Schema> = { individual: 'Person', entity: 'Organization', ship: 'Vessel' };

/** A ship name that embeds its IMO: `IMO 9274082 ("TM HAI HA 568")` → name and IMO. */
export function splitImoFromName(name: string): { name: string; imos: string[] } {
  const imos = extractImos(name);
  if (imos.length === 0) return { name, imos };
  const quoted = /\(\s*["“]([^"”]+)["”]\s*\)/.exec(name)?.[1];
  const rest = (quoted ?? name.replace(/\bIMO\s*[:#]?\s*\d{5,7}\b/gi, '')).replace(/[()"“”]/g, ' ').replace(/\s+/g, ' ').trim();
  return { name: rest, imos };
}

function sanction(id: string, uid: string, listed: string | undefined): Entity {
  const s = new EntityBuilder(`${id}:sanction`, 'Sanction', UK_DATASET);
  const regime = regimeOf(uid);
  s.add('entity', id).add('authority', AUTHORITY).add('program', regime).add('programId', `GB-${uid.slice(0, 3)}`).add('authorityId', uid).add('listingDate', listed);
  s.entity.caption = `UK ${regime}`;
  return s.build();
}

function addName(b: EntityBuilder, schema: Schema, kind: string, raw: string): void {
  let name = raw;
  if (schema === 'Vessel') {
    const split = splitImoFromName(raw);
    name = split.name;
    b.add('imoNumber', ...split.imos);
  }
  const k = kind.toLowerCase();
  b.add(k.startsWith('primary') && !k.includes('variation') ? 'name' : 'alias', name);
}

/** Import the three-table normalised UK CSV (subjects, names, identifiers). */
export function importUkTables(subjects: string, names: string, identifiers: string | undefined, files: string[] = []): ImportResult {
  const problems: Record<string, number> = {};
  const bs = new Map<string, { b: EntityBuilder; schema: Schema; listed: string | undefined }>();
  for (const r of parseCsvObjects(subjects)) {
    const uid = r['unique_id']?.trim();
    const schema = SCHEMA_OF[r['subject_type']?.trim().toLowerCase() ?? ''];
    if (!uid || !schema) {
      countProblem(problems, 'subject_row_malformed');
      continue;
    }
    const id = `${UK_DATASET}:${uid}`;
    const b = new EntityBuilder(id, schema, UK_DATASET);
    b.add('sourceId', uid).add('unscId', r['un_reference_number']).add('program', regimeOf(uid));
    bs.set(uid, { b, schema, listed: isoDate(r['date_designated'] ?? '') });
  }
  for (const r of parseCsvObjects(names)) {
    const t = bs.get(r['unique_id']?.trim() ?? '');
    if (!t) {
      countProblem(problems, 'name_row_without_subject');
      continue;
    }
    const full = r['full_name']?.trim() || [r['name_1'], r['name_2'], r['name_3'], r['name_4'], r['name_5'], r['name_6']].filter(Boolean).join(' ');
    if (!full) {
      countProblem(problems, 'name_row_empty');
      continue;
    }
    addName(t.b, t.schema, r['name_type'] ?? '', full);
  }
  if (identifiers) {
    for (const r of parseCsvObjects(identifiers)) {
      const t = bs.get(r['unique_id']?.trim() ?? '');
      if (!t) {
        countProblem(problems, 'identifier_row_without_subject');
        continue;
      }
      const type = r['identifier_type']?.trim().toLowerCase();
      const v = r['raw_value']?.trim();
      if (type === 'imo') t.b.add('imoNumber', v?.replace(/^IMO\s*/i, ''));
      else if (type === 'passport') t.b.add('passportNumber', v);
      else if (type === 'business_registration') t.b.add('registrationNumber', v);
      else t.b.add('idNumber', v);
    }
  }
  const entities: Entity[] = [];
  for (const [uid, { b, listed }] of bs) {
    const e = b.build();
    if (!e.properties['name']) {
      const a = e.properties['alias']?.[0];
      if (!a) {
        countProblem(problems, 'subject_without_name');
        continue;
      }
      e.properties['name'] = [a];
      e.caption = a;
    }
    entities.push(e, sanction(e.id, uid, listed));
  }
  return { list: { id: UK_DATASET, title: 'UK Sanctions List', authority: AUTHORITY }, entities, problems, files };
}

/** Find a column by a header pattern. */
function column(header: string[], re: RegExp): number {
  return header.findIndex((h) => re.test(h.trim()));
}

/** Import the FCDO UK Sanctions List CSV (one row per name; a title row may precede the header). */
export function importUkCsv(text: string, files: string[] = []): ImportResult {
  const problems: Record<string, number> = {};
  const rows = parseCsv(text);
  const h = rows.findIndex((r) => r.some((c) => /^unique id$/i.test(c.trim())));
  if (h < 0) throw new Error('not a UK Sanctions List CSV: no "Unique ID" column');
  const header = rows[h];
  const published = isoDate(/(\d{1,2}[/-]\d{1,2}[/-]\d{4}|\d{1,2} \w+ \d{4})/.exec(rows.slice(0, h).flat().join(' '))?.[1] ?? '');
  const col = {
    uid: column(header, /^unique id$/i),
    type: column(header, /designation type|individual, entity, ship|^type$/i),
    nameType: column(header, /^name type$/i),
    names: [1, 2, 3, 4, 5, 6].map((i) => column(header, new RegExp(`^name ${i}$`, 'i'))),
    nonLatin: column(header, /non-latin script$/i),
    dob: column(header, /^d\.?o\.?b\.?$|date of birth/i),
    nationality: column(header, /nationalit/i),
    imo: column(header, /imo number/i),
    flag: column(header, /current believed flag/i),
    prevFlags: column(header, /previous flags/i),
    shipType: column(header, /type of ship/i),
    owner: column(header, /current owner/i),
    listed: column(header, /date designated/i),
    gender: column(header, /^gender$/i),
    un: column(header, /un reference/i),
  };
  const at = (r: string[], i: number): string => (i >= 0 ? (r[i] ?? '').trim() : '');
  const bs = new Map<string, { b: EntityBuilder; listed: string | undefined }>();
  for (const r of rows.slice(h + 1)) {
    const uid = at(r, col.uid);
    if (!uid) {
      countProblem(problems, 'row_without_unique_id');
      continue;
    }
    const schema: Schema = SCHEMA_OF[at(r, col.type).toLowerCase()] ?? 'Organization';
    let t = bs.get(uid);
    if (!t) {
      const b = new EntityBuilder(`${UK_DATASET}:${uid}`, schema, UK_DATASET);
      b.add('sourceId', uid).add('program', regimeOf(uid)).add('unscId', at(r, col.un));
      t = { b, listed: isoDate(at(r, col.listed)) };
      bs.set(uid, t);
    }
    const parts = col.names.slice(0, 5).map((i) => at(r, i)).filter(Boolean);
    const full = [...parts, at(r, col.names[5])].filter(Boolean).join(' ');
    if (full) addName(t.b, schema, at(r, col.nameType) || 'primary name', full);
    else countProblem(problems, 'row_without_name');
    const b = t.b;
    b.add('alias', at(r, col.nonLatin)).add('birthDate', ...at(r, col.dob).split(/\s*[;,]\s*/).map((d) => isoDate(d.replace(/^dd\/mm\//i, '')))).add('nationality', ...at(r, col.nationality).split(/\s*[;,]\s*/));
    b.add('imoNumber', ...extractImos(`IMO ${at(r, col.imo)}`)).add('flag', at(r, col.flag)).add('pastFlags', ...at(r, col.prevFlags).split(/\s*[;,]\s*/));
    b.add('type', at(r, col.shipType)).add('ownerName', at(r, col.owner)).add('gender', at(r, col.gender).toLowerCase());
  }
  const entities: Entity[] = [];
  for (const [uid, { b, listed }] of bs) {
    const e = b.build();
    if (!e.properties['name']) {
      const a = e.properties['alias']?.[0];
      if (!a) {
        countProblem(problems, 'subject_without_name');
        continue;
      }
      e.properties['name'] = [a];
      e.caption = a;
    }
    entities.push(e, sanction(e.id, uid, listed));
  }
  return { list: { id: UK_DATASET, title: 'UK Sanctions List', authority: AUTHORITY, published }, entities, problems, files };
}

const textOf = (el: XmlElement, name: string): string[] => descendants(el, name).map((e) => e.text.trim()).filter(Boolean);

/** Import the FCDO UK Sanctions List XML (`Designations/Designation`). */
export function importUkXml(xml: string, files: string[] = []): ImportResult {
  const problems: Record<string, number> = {};
  const root = parseXml(xml);
  const designations = descendants(root, 'Designation');
  if (designations.length === 0) throw new Error('not a UK Sanctions List XML file: no <Designation>');
  const entities: Entity[] = [];
  for (const d of designations) {
    const uid = kidText(d, 'UniqueID');
    if (!uid) {
      countProblem(problems, 'designation_without_unique_id');
      continue;
    }
    const schema: Schema = SCHEMA_OF[kidText(d, 'IndividualEntityShip').toLowerCase()] ?? 'Organization';
    const b = new EntityBuilder(`${UK_DATASET}:${uid}`, schema, UK_DATASET);
    b.add('sourceId', uid).add('program', kidText(d, 'RegimeName') || regimeOf(uid)).add('unscId', kidText(d, 'UNReferenceNumber'));
    for (const n of descendants(d, 'Name')) {
      const parts = ['Name1', 'Name2', 'Name3', 'Name4', 'Name5', 'Name6'].map((p) => kidText(n, p)).filter(Boolean);
      if (parts.length) addName(b, schema, kidText(n, 'NameType') || 'Primary Name', parts.join(' '));
    }
    for (const n of descendants(d, 'NonLatinName')) b.add('alias', kidText(n, 'NameNonLatinScript'));
    b.add('birthDate', ...textOf(d, 'DOB').map((x) => isoDate(x.replace(/^dd\/mm\//i, ''))));
    b.add('nationality', ...textOf(d, 'Nationality'));
    for (const v of textOf(d, 'IMONumber')) b.add('imoNumber', ...extractImos(`IMO ${v}`));
    b.add('flag', ...textOf(d, 'CurrentBelievedFlagOfShip')).add('pastFlags', ...textOf(d, 'PreviousFlag'));
    b.add('type', ...textOf(d, 'TypeOfShip')).add('ownerName', ...textOf(d, 'CurrentOwnerOperator'));
    const e = b.build();
    if (!e.properties['name']) {
      countProblem(problems, 'designation_without_name');
      continue;
    }
    entities.push(e, sanction(e.id, uid, isoDate(kidText(d, 'DateDesignated'))));
  }
  return { list: { id: UK_DATASET, title: 'UK Sanctions List', authority: AUTHORITY, published: isoDate(root.attrs['ReportDate'] ?? kidText(root, 'DateGenerated')) }, entities, problems, files };
}
