/**
 * US OFAC SDN importer: the legacy CSV set (sdn.csv + alt.csv + add.csv, Latin-1, `-0-` nulls)
 * and the classic SDN XML (`sdnList/sdnEntry`). Vessel IMO, MMSI, former flags and the
 * `Linked To:` owner/operator only exist in the free-text Remarks, so they are parsed from there.
 */
import { EntityBuilder, countProblem, type Entity, type ImportResult, type Schema } from '../model.js';
import { extractImos, isValidShipImo } from '../ids.js';
import { isoDate, kid, kidText, kids, parseCsv, parseXml, type XmlElement } from '../text.js';
import { normaliseForKey } from '../normalise.js';

export const OFAC_DATASET = 'us_ofac_sdn';
const AUTHORITY = 'US Office of Foreign Assets Control (OFAC)';

/**
 * Known IMO typos in the OFAC data, as corrected by OpenSanctions' crawler
 * (datasets/us/ofac/us_ofac_sdn.yml): written value → correct value.
 */
export const OFAC_IMO_CORRECTIONS: Readonly<Record<string, string>> = {
  '0543400': '5434300',
  '9207391': '6207391',
};

const nul = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return t === undefined || t === '' || t === '-0-' ? undefined : t;
};

const SCHEMA_BY_TYPE: Record<string, Schema> = { individual: 'Person', vessel: 'Vessel', aircraft: 'Airplane' };

/** Split `IRAN] [IFSR` into programmes. */
const programs = (v: string | undefined): string[] => (v ? v.split(/\]\s*\[/).map((p) => p.replace(/[[\]]/g, '').trim()).filter(Boolean) : []);

/** "LAST, First Middle" → "First Middle LAST" (persons only; OFAC writes the family name first). */
export function reorderOfacPersonName(name: string): string {
  const i = name.indexOf(',');
  if (i < 0) return name;
  const last = name.slice(0, i).trim();
  const rest = name.slice(i + 1).trim();
  return rest ? `${rest} ${last}` : last;
}

/** Parse the Remarks field into properties of the builder; returns linked names. */
function applyRemarks(b: EntityBuilder, schema: Schema, remarks: string, problems: Record<string, number>): string[] {
  const linked: string[] = [];
  for (const m of remarks.matchAll(/\b(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s*'([^']+)'/g)) {
    b.add(m[1] === 'f.k.a.' ? 'previousName' : 'alias', m[2]);
  }
  for (const imo of extractImos(remarks)) {
    // "IMO" on an organisation is its company number (owner/manager registration).
    if (schema === 'Vessel') {
      const fixed = OFAC_IMO_CORRECTIONS[imo];
      if (fixed) countProblem(problems, 'imo_corrected_from_known_typo');
      const v = fixed ?? imo;
      if (!isValidShipImo(v)) countProblem(problems, 'vessel_imo_check_digit_failed');
      b.add('imoNumber', v);
    } else {
      b.add('imoNumber', imo);
    }
  }
  for (const m of remarks.matchAll(/\bMMSI\s*(\d{9})\b/g)) b.add('mmsi', m[1]);
  for (const m of remarks.matchAll(/\bFormer Vessel Flag ([^;.]+)/g)) b.add('pastFlags', m[1]);
  for (const m of remarks.matchAll(/\bDOB ([^;]+?)(?:;|\.$|$)/g)) {
    for (const part of m[1].split(/\s+to\s+|\s*,\s*/)) b.add('birthDate', isoDate(part.replace(/^(circa|approximately)\s+/i, '')));
  }
  for (const m of remarks.matchAll(/\b(?:nationality|citizen) ([A-Za-z ,'()-]+?)(?:;|\.$|$)/g)) b.add('nationality', m[1]);
  for (const m of remarks.matchAll(/\bGender (Male|Female)\b/g)) b.add('gender', m[1].toLowerCase());
  for (const m of remarks.matchAll(/\bVessel Year of Build (\d{4})/g)) b.add('buildDate', m[1]);
  for (const m of remarks.matchAll(/\bLinked To: ([^;]+?)(?:;|\.$|\.\s|$)/g)) linked.push(m[1].trim());
  return linked;
}

/** Sanction record for an SDN entry. */
function sanction(entityId: string, progs: string[], listed?: string): Entity {
  const b = new EntityBuilder(`${entityId}:sanction`, 'Sanction', OFAC_DATASET);
  b.add('entity', entityId).add('authority', AUTHORITY).add('program', ...progs);
  b.add('programId', ...progs.map((p) => `US-${p}`));
  if (listed) b.add('listingDate', listed);
  b.entity.caption = `OFAC ${progs.join(', ')}`;
  return b.build();
}

/** Resolve `Linked To:` names to entities of the same list (exact normalised name); unknown → text only. */
function linkRecords(entities: Entity[], pending: { from: string; names: string[] }[], problems: Record<string, number>): Entity[] {
  const byName = new Map<string, string>();
  for (const e of entities) {
    if (e.schema === 'Sanction') continue;
    for (const n of e.properties['name'] ?? []) byName.set(normaliseForKey(n), e.id);
  }
  const links: Entity[] = [];
  for (const p of pending) {
    for (const name of p.names) {
      const target = byName.get(normaliseForKey(name));
      if (!target) {
        countProblem(problems, 'linked_to_name_not_on_list');
        continue;
      }
      // "Linked To" gives neither a percentage nor a direction of control: an UnknownLink.
      const b = new EntityBuilder(`${p.from}:link:${target}`, 'UnknownLink', OFAC_DATASET);
      b.add('subject', p.from).add('object', target).add('role', 'Linked To');
      b.entity.caption = 'Linked To';
      links.push(b.build());
    }
  }
  return links;
}

/** Import the OFAC CSV set. `alt` and `add` are optional; rows are joined on ent_num. */
export function importOfacCsv(sdn: string, alt?: string, add?: string, files: string[] = []): ImportResult {
  const problems: Record<string, number> = {};
  const builders = new Map<string, { b: EntityBuilder; schema: Schema; progs: string[] }>();
  const pending: { from: string; names: string[] }[] = [];
  for (const row of parseCsv(sdn)) {
    if (row.length < 12 || !/^\d+$/.test(row[0].trim())) {
      countProblem(problems, 'sdn_row_malformed');
      continue;
    }
    const [ent, rawName, type, prog, title, callSign, vessType, tonnage, grt, flag, owner, remarks] = row.map(nul);
    const schema: Schema = SCHEMA_BY_TYPE[(type ?? '').toLowerCase()] ?? 'Organization';
    const id = `${OFAC_DATASET}:${ent}`;
    const b = new EntityBuilder(id, schema, OFAC_DATASET);
    const name = rawName ?? '';
    if (schema === 'Person') b.add('name', reorderOfacPersonName(name)).add('alias', name !== reorderOfacPersonName(name) ? name : undefined);
    else b.add('name', name);
    b.entity.caption = schema === 'Person' ? reorderOfacPersonName(name) : name;
    b.add('position', title).add('callSign', callSign).add('type', vessType).add('tonnage', tonnage);
    b.add('grossRegisteredTonnage', grt).add('flag', flag).add('ownerName', owner);
    const progs = programs(prog);
    b.add('program', ...progs);
    b.add('sourceId', ent);
    if (remarks) {
      b.add('notes', remarks);
      const linked = applyRemarks(b, schema, remarks, problems);
      if (linked.length) pending.push({ from: id, names: linked });
    }
    builders.set(ent!, { b, schema, progs });
  }
  if (alt) {
    for (const row of parseCsv(alt)) {
      const [ent, , type, name] = row.map(nul);
      if (!ent || !name || !/^\d+$/.test(ent)) {
        countProblem(problems, 'alt_row_malformed');
        continue;
      }
      const t = builders.get(ent);
      if (!t) {
        countProblem(problems, 'alt_row_without_sdn_entry');
        continue;
      }
      const written = t.schema === 'Person' ? reorderOfacPersonName(name) : name;
      const kind = (type ?? '').toLowerCase();
      t.b.add(kind === 'fka' ? 'previousName' : kind === 'nka' ? 'name' : 'alias', written);
    }
  }
  if (add) {
    for (const row of parseCsv(add)) {
      const [ent, , address, city, country] = row.map(nul);
      if (!ent || !/^\d+$/.test(ent)) {
        countProblem(problems, 'add_row_malformed');
        continue;
      }
      const t = builders.get(ent);
      if (!t) {
        countProblem(problems, 'add_row_without_sdn_entry');
        continue;
      }
      t.b.add('address', [address, city, country].filter(Boolean).join(', ')).add('country', country);
    }
  }
  const entities: Entity[] = [];
  for (const { b, progs } of builders.values()) {
    const e = b.build();
    entities.push(e, sanction(e.id, progs));
  }
  entities.push(...linkRecords(entities, pending, problems));
  return {
    list: { id: OFAC_DATASET, title: 'OFAC Specially Designated Nationals (SDN) List', authority: AUTHORITY },
    entities,
    problems,
    files,
  };
}

const XML_SCHEMA: Record<string, Schema> = { individual: 'Person', vessel: 'Vessel', aircraft: 'Airplane', entity: 'Organization' };

/** Import the classic OFAC `SDN.XML` (`sdnList` of `sdnEntry`). */
export function importOfacXml(xml: string, files: string[] = []): ImportResult {
  const problems: Record<string, number> = {};
  const root = parseXml(xml);
  if (root.name !== 'sdnList') throw new Error(`not an OFAC SDN XML file (root <${root.name}>)`);
  // OFAC writes dates the US way: MM/DD/YYYY.
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(kidText(kid(root, 'publshInformation'), 'Publish_Date'));
  const published = us ? `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}` : undefined;
  const entities: Entity[] = [];
  const pending: { from: string; names: string[] }[] = [];
  for (const entry of kids(root, 'sdnEntry')) {
    const uid = kidText(entry, 'uid');
    if (!uid) {
      countProblem(problems, 'sdn_entry_without_uid');
      continue;
    }
    const schema = XML_SCHEMA[kidText(entry, 'sdnType').toLowerCase()] ?? 'Organization';
    const id = `${OFAC_DATASET}:${uid}`;
    const b = new EntityBuilder(id, schema, OFAC_DATASET);
    const nameOf = (el: XmlElement): string => [kidText(el, 'firstName'), kidText(el, 'lastName')].filter(Boolean).join(' ');
    b.add('name', nameOf(entry)).add('sourceId', uid).add('position', kidText(entry, 'title'));
    const progs = kids(kid(entry, 'programList'), 'program').map((p) => p.text.trim());
    b.add('program', ...progs);
    for (const aka of kids(kid(entry, 'akaList'), 'aka')) {
      const type = kidText(aka, 'type').toLowerCase();
      const weak = kidText(aka, 'category').toLowerCase() === 'weak';
      b.add(type === 'f.k.a.' ? 'previousName' : weak ? 'weakAlias' : 'alias', nameOf(aka));
    }
    for (const idEl of kids(kid(entry, 'idList'), 'id')) {
      const type = kidText(idEl, 'idType');
      const num = kidText(idEl, 'idNumber');
      if (/Vessel Registration Identification/i.test(type)) {
        const imo = extractImos(num)[0] ?? num.replace(/\D/g, '');
        const v = OFAC_IMO_CORRECTIONS[imo] ?? imo;
        if (schema === 'Vessel' && !isValidShipImo(v)) countProblem(problems, 'vessel_imo_check_digit_failed');
        b.add('imoNumber', v);
      } else if (/^MMSI$/i.test(type)) b.add('mmsi', num);
      else if (/Gender/i.test(type)) b.add('gender', num.toLowerCase());
      else b.add('idNumber', num);
    }
    const vi = kid(entry, 'vesselInfo');
    if (vi) {
      b.add('callSign', kidText(vi, 'callSign')).add('type', kidText(vi, 'vesselType')).add('flag', kidText(vi, 'vesselFlag'));
      b.add('tonnage', kidText(vi, 'tonnage')).add('grossRegisteredTonnage', kidText(vi, 'grossRegisteredTonnage'));
      const owner = kidText(vi, 'vesselOwner');
      b.add('ownerName', owner);
      if (owner) pending.push({ from: id, names: [owner] });
    }
    for (const d of kids(kid(entry, 'dateOfBirthList'), 'dateOfBirthItem')) b.add('birthDate', isoDate(kidText(d, 'dateOfBirth')));
    for (const n of kids(kid(entry, 'nationalityList'), 'nationality')) b.add('nationality', kidText(n, 'country'));
    for (const a of kids(kid(entry, 'addressList'), 'address')) b.add('country', kidText(a, 'country'));
    const remarks = kidText(entry, 'remarks');
    if (remarks) {
      b.add('notes', remarks);
      const linked = applyRemarks(b, schema, remarks, problems);
      if (linked.length) pending.push({ from: id, names: linked });
    }
    const e = b.build();
    entities.push(e, sanction(id, progs));
  }
  entities.push(...linkRecords(entities, pending, problems));
  return {
    list: { id: OFAC_DATASET, title: 'OFAC Specially Designated Nationals (SDN) List', authority: AUTHORITY, published },
    entities,
    problems,
    files,
  };
}
