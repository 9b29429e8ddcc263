/**
 * The normalised list model, shaped like FollowTheMoney (FtM): every list importer produces
 * entities with a schema and a bag of string-array properties, so that one matcher, one store
 * and one export serve OFAC, UN, EU, UK, Japan, OpenSanctions and custom watchlists alike.
 */

/** The schemata the screener understands (a subset of FtM). */
export const SCHEMATA = [
  'Vessel',
  'Person',
  'Organization',
  'Company',
  'LegalEntity',
  'Asset',
  'Airplane',
  'Ownership',
  'Directorship',
  'UnknownLink',
  'Family',
  'Sanction',
  'Address',
  'Other',
] as const;

export type Schema = (typeof SCHEMATA)[number];

/** Schemata that are screened (things with names); the rest are links and records. */
export const SCREENABLE: ReadonlySet<Schema> = new Set<Schema>([
  'Vessel',
  'Person',
  'Organization',
  'Company',
  'LegalEntity',
  'Asset',
  'Airplane',
]);

/** One FtM-like entity. Property values are always arrays of strings, as in FtM. */
export interface Entity {
  /** Stable across re-imports of the same list: `<dataset>:<source id>`. */
  id: string;
  schema: Schema;
  /** The display name. */
  caption: string;
  properties: Record<string, string[]>;
  /** The list(s) it came from (dataset names such as `us_ofac_sdn`). */
  datasets: string[];
}

/** Metadata of one imported list. */
export interface ListInfo {
  /** Dataset name, e.g. `us_ofac_sdn`, `un_sc_sanctions`, `eu_journal_32017R1509`. */
  id: string;
  title: string;
  /** The issuing authority (US OFAC, UN Security Council, EU Council, UK FCDO, Japan METI…). */
  authority: string;
  /** Publication date of the list when the file says so (ISO date). */
  published?: string | undefined;
}

/** What an importer returns: the list, its entities and the input it could not use, by reason. */
export interface ImportResult {
  list: ListInfo;
  entities: Entity[];
  /** Rows or records skipped or repaired, counted by reason (never silently dropped). */
  problems: Record<string, number>;
  /** The files this result was built from. */
  files: string[];
}

/** One input file handed to the importers: its name (for format detection) and its text. */
export interface InputFile {
  name: string;
  text: string;
}

/** Read a property's values (empty array when absent). */
export function prop(e: Entity, name: string): string[] {
  return e.properties[name] ?? [];
}

/** First value of a property, if any. */
export function first(e: Entity, name: string): string | undefined {
  return e.properties[name]?.[0];
}

/** Builder that de-duplicates values and drops empty strings. */
export class EntityBuilder {
  readonly entity: Entity;
  constructor(id: string, schema: Schema, dataset: string) {
    this.entity = { id, schema, caption: '', properties: {}, datasets: [dataset] };
  }
  /** Add values to a property (trimmed, de-duplicated, empties dropped). */
  add(name: string, ...values: (string | undefined | null)[]): this {
    for (const raw of values) {
      if (raw === undefined || raw === null) continue;
      const v = raw.replace(/\s+/g, ' ').trim();
      if (v === '') continue;
      const list = (this.entity.properties[name] ??= []);
      if (!list.includes(v)) list.push(v);
    }
    return this;
  }
  /** Finish: the caption defaults to the first name. */
  build(): Entity {
    if (this.entity.caption === '') this.entity.caption = this.entity.properties['name']?.[0] ?? this.entity.id;
    return this.entity;
  }
}

/** Count a problem by reason. */
export function countProblem(problems: Record<string, number>, reason: string, n = 1): void {
  problems[reason] = (problems[reason] ?? 0) + n;
}

/** Stable JSON of an entity (sorted properties and values) for hashing and diffs. */
export function canonicalJson(e: Entity): string {
  const props: Record<string, string[]> = {};
  for (const k of Object.keys(e.properties).sort()) props[k] = [...(e.properties[k] ?? [])].sort();
  return JSON.stringify({ id: e.id, schema: e.schema, caption: e.caption, properties: props, datasets: [...e.datasets].sort() });
}

/** A 64-bit FNV-1a-style content hash (hex), portable (no crypto module). */
export function contentHash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
