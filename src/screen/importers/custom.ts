/**
 * Custom watchlist importer: a CSV with a header naming at least `name` or `imo`; the other
 * recognised columns are `id, schema, aliases, previous_names, imo, mmsi, callsign, flag,
 * country, birth_date, program, authority, list` (multi-values separated by `;`).
 */
import { EntityBuilder, SCHEMATA, countProblem, type Entity, type ImportResult, type Schema } from '../model.js';
import { contentHash } from '../model.js';
import { parseCsvObjects } from '../text.js';

const SCHEMA_SET = new Set<string>(SCHEMATA);

/** Import a custom CSV watchlist; `dataset` names the list (default from the file name). */
export function importCustomCsv(text: string, dataset: string, files: string[] = []): ImportResult {
  const problems: Record<string, number> = {};
  const entities: Entity[] = [];
  const rows = parseCsvObjects(text);
  const split = (v: string | undefined): string[] => (v ? v.split(';').map((x) => x.trim()).filter(Boolean) : []);
  for (const r of rows) {
    const name = r['name']?.trim() ?? '';
    const imo = r['imo']?.trim() ?? '';
    if (!name && !imo) {
      countProblem(problems, 'row_without_name_or_imo');
      continue;
    }
    let schema = (r['schema']?.trim() || (imo || r['mmsi'] ? 'Vessel' : 'LegalEntity')) as Schema;
    if (!SCHEMA_SET.has(schema)) {
      countProblem(problems, 'unknown_schema_as_legalentity');
      schema = 'LegalEntity';
    }
    const sourceId = r['id']?.trim() || contentHash(`${schema}|${name}|${imo}`);
    const id = `${dataset}:${sourceId}`;
    const b = new EntityBuilder(id, schema, dataset);
    b.add('name', name || `IMO ${imo}`).add('alias', ...split(r['aliases'])).add('previousName', ...split(r['previous_names']));
    b.add('imoNumber', ...split(imo)).add('mmsi', ...split(r['mmsi'])).add('callSign', ...split(r['callsign']));
    b.add(schema === 'Vessel' ? 'flag' : 'country', ...split(r['flag'])).add('country', ...split(r['country']));
    b.add('birthDate', ...split(r['birth_date'])).add('program', ...split(r['program'])).add('sourceId', sourceId);
    entities.push(b.build());
    const s = new EntityBuilder(`${id}:sanction`, 'Sanction', dataset);
    s.add('entity', id).add('authority', r['authority']?.trim() || `custom watchlist ${dataset}`).add('program', ...split(r['program']));
    entities.push(s.build());
  }
  return { list: { id: dataset, title: `Custom watchlist ${dataset}`, authority: 'custom' }, entities, problems, files };
}
