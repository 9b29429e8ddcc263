/**
 * OpenSanctions / FollowTheMoney importer: the line-delimited `entities.ftm.json` export.
 * Entities keep their FtM ids and properties; schemata outside the screener's set become `Other`.
 */
import { SCHEMATA, countProblem, type Entity, type ImportResult, type Schema } from '../model.js';

const KNOWN = new Set<string>(SCHEMATA);
const ALIAS: Record<string, Schema> = { PublicBody: 'Organization', Security: 'Asset', Vehicle: 'Asset', Employment: 'UnknownLink', Membership: 'UnknownLink', Representation: 'UnknownLink', Associate: 'UnknownLink', Succession: 'UnknownLink' };

/** Import a line-delimited FtM file; `dataset` names the list (default from the file name). */
export function importFtm(text: string, dataset: string, files: string[] = []): ImportResult {
  const problems: Record<string, number> = {};
  const entities: Entity[] = [];
  const lines = text.split(/\r?\n/);
  for (const line of lines) {
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      countProblem(problems, 'line_not_json');
      continue;
    }
    if (typeof raw !== 'object' || raw === null) {
      countProblem(problems, 'line_not_an_object');
      continue;
    }
    const o = raw as Record<string, unknown>;
    if (typeof o['id'] !== 'string' || typeof o['schema'] !== 'string' || typeof o['properties'] !== 'object' || o['properties'] === null) {
      countProblem(problems, 'entity_without_id_schema_or_properties');
      continue;
    }
    const schemaName = o['schema'];
    const schema: Schema = KNOWN.has(schemaName) ? (schemaName as Schema) : (ALIAS[schemaName] ?? 'Other');
    if (schema === 'Other') countProblem(problems, `schema_kept_as_other:${schemaName}`);
    const properties: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(o['properties'] as Record<string, unknown>)) {
      if (!Array.isArray(v)) {
        countProblem(problems, 'property_not_an_array');
        continue;
      }
      const vals = v.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
      if (vals.length) properties[k] = vals;
    }
    if (schemaName !== schema) properties['ftmSchema'] = [schemaName];
    if (o['target'] === true) {
      const topics = (properties['topics'] ??= []);
      if (!topics.includes('target')) topics.push('target');
    }
    const caption = typeof o['caption'] === 'string' && o['caption'] ? o['caption'] : (properties['name']?.[0] ?? o['id']);
    const sourceDatasets = Array.isArray(o['datasets']) ? o['datasets'].filter((d): d is string => typeof d === 'string') : [];
    if (sourceDatasets.length) properties['sourceDatasets'] = sourceDatasets;
    entities.push({ id: o['id'], schema, caption, properties, datasets: [dataset] });
  }
  return {
    list: { id: dataset, title: `FollowTheMoney entities (${dataset})`, authority: 'OpenSanctions / FollowTheMoney export' },
    entities,
    problems,
    files,
  };
}
