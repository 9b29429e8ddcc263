/**
 * Format detection and dispatch: given the files of one `lists import` call, group the files
 * that form one list (OFAC sdn/alt/add; the UK three tables) and run the right importer.
 */
import type { ImportResult, InputFile } from '../model.js';
import { importCustomCsv } from './custom.js';
import { importEuFsfXml, importEuJournalCsv } from './eu.js';
import { importFtm } from './ftm.js';
import { importMetiText, importMofCsv } from './jp.js';
import { importOfacCsv, importOfacXml } from './ofac.js';
import { importUkCsv, importUkTables, importUkXml } from './uk.js';
import { importUnXml } from './un.js';

export type ListFormat =
  | 'ftm'
  | 'ofac-sdn-csv'
  | 'ofac-alt-csv'
  | 'ofac-add-csv'
  | 'ofac-sdn-xml'
  | 'un-xml'
  | 'eu-journal-csv'
  | 'eu-fsf-xml'
  | 'uk-subjects-csv'
  | 'uk-names-csv'
  | 'uk-identifiers-csv'
  | 'uk-csv'
  | 'uk-xml'
  | 'jp-meti-text'
  | 'jp-mof-csv'
  | 'custom-csv';

const base = (name: string): string => name.split(/[\\/]/).pop() ?? name;

/** Dataset name from a file name: `my_watchlist.csv` → `my_watchlist`. */
export function datasetFromFileName(name: string): string {
  return base(name).replace(/\.(ftm\.json|json|jsonl|csv|txt|xml)$/i, '').replace(/[^A-Za-z0-9_-]+/g, '_').toLowerCase() || 'list';
}

/** Recognise a file's format from its name and first bytes; undefined when unknown. */
export function detectFormat(file: InputFile): ListFormat | undefined {
  const name = base(file.name).toLowerCase();
  const head = file.text.slice(0, 4000).replace(/^\ufeff/, '');
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  if (/^\s*\{/.test(head) && /"schema"\s*:/.test(firstLine)) return 'ftm';
  if (/^\s*</.test(head)) {
    if (/<sdnList[\s>]/.test(head)) return 'ofac-sdn-xml';
    if (/<CONSOLIDATED_LIST[\s>]/.test(head)) return 'un-xml';
    if (/<export[\s>]/.test(head) && /sanctionEntity|generationDate/.test(head)) return 'eu-fsf-xml';
    if (/<Designations?[\s>]/.test(head)) return 'uk-xml';
    return undefined;
  }
  if (/^celex,/.test(firstLine)) return 'eu-journal-csv';
  if (/^unique_id,subject_type/.test(firstLine)) return 'uk-subjects-csv';
  if (/^name_id,unique_id/.test(firstLine)) return 'uk-names-csv';
  if (/^id,unique_id,.*identifier_type/.test(firstLine)) return 'uk-identifiers-csv';
  if (/unique id/i.test(head) && /name 6/i.test(head)) return 'uk-csv';
  if (/(氏名|名称).*(英語)/.test(firstLine)) return 'jp-mof-csv';
  if (/(禁止措置|告示)/.test(head) && /[A-Za-z]/.test(head)) return 'jp-meti-text';
  // OFAC legacy CSVs have no header: numeric ent_num first, then quoted fields.
  if (/^\d+,(\d+,)?"/.test(firstLine)) {
    const cols = firstLine.split(',').length;
    if (/^\d+,\d+,"(aka|fka|nka)"/i.test(firstLine) || name.startsWith('alt')) return 'ofac-alt-csv';
    if (name.startsWith('add') || /^\d+,\d+,/.test(firstLine)) return 'ofac-add-csv';
    if (cols >= 12 || name.startsWith('sdn')) return 'ofac-sdn-csv';
  }
  if (/(^|,)name(,|$)/.test(firstLine) || /(^|,)imo(,|$)/.test(firstLine)) return 'custom-csv';
  return undefined;
}

/** The outcome of importing a set of files: results per list, and files not understood. */
export interface ImportBatch {
  results: ImportResult[];
  unrecognised: string[];
}

/** Import a batch of files, grouping OFAC and UK companion files into one list each. */
export function importFiles(files: InputFile[]): ImportBatch {
  const byFormat = new Map<ListFormat, InputFile[]>();
  const unrecognised: string[] = [];
  for (const f of files) {
    const fmt = detectFormat(f);
    if (!fmt) unrecognised.push(f.name);
    else byFormat.set(fmt, [...(byFormat.get(fmt) ?? []), f]);
  }
  const one = (fmt: ListFormat): InputFile | undefined => byFormat.get(fmt)?.[0];
  const results: ImportResult[] = [];
  const sdn = one('ofac-sdn-csv');
  if (sdn) {
    const alt = one('ofac-alt-csv');
    const add = one('ofac-add-csv');
    results.push(importOfacCsv(sdn.text, alt?.text, add?.text, [sdn, alt, add].filter((f): f is InputFile => !!f).map((f) => f.name)));
  } else for (const f of [...(byFormat.get('ofac-alt-csv') ?? []), ...(byFormat.get('ofac-add-csv') ?? [])]) unrecognised.push(`${f.name} (OFAC alt/add file needs its sdn.csv in the same import)`);
  const subjects = one('uk-subjects-csv');
  const names = one('uk-names-csv');
  if (subjects && names) {
    const ids = one('uk-identifiers-csv');
    results.push(importUkTables(subjects.text, names.text, ids?.text, [subjects, names, ids].filter((f): f is InputFile => !!f).map((f) => f.name)));
  } else for (const f of [subjects, names, one('uk-identifiers-csv')]) if (f) unrecognised.push(`${f.name} (UK tables need subjects and names files together)`);
  for (const [fmt, list] of byFormat) {
    for (const f of list) {
      switch (fmt) {
        case 'ftm':
          results.push(importFtm(f.text, datasetFromFileName(f.name), [f.name]));
          break;
        case 'ofac-sdn-xml':
          results.push(importOfacXml(f.text, [f.name]));
          break;
        case 'un-xml':
          results.push(importUnXml(f.text, [f.name]));
          break;
        case 'eu-journal-csv':
          results.push(importEuJournalCsv(f.text, [f.name]));
          break;
        case 'eu-fsf-xml':
          results.push(importEuFsfXml(f.text, [f.name]));
          break;
        case 'uk-csv':
          results.push(importUkCsv(f.text, [f.name]));
          break;
        case 'uk-xml':
          results.push(importUkXml(f.text, [f.name]));
          break;
        case 'jp-meti-text':
          results.push(importMetiText(f.text, `jp_meti_${datasetFromFileName(f.name).replace(/_?\d{4}-\d{2}-\d{2}$/, '')}`, [f.name]));
          break;
        case 'jp-mof-csv':
          results.push(importMofCsv(f.text, [f.name]));
          break;
        case 'custom-csv':
          results.push(importCustomCsv(f.text, datasetFromFileName(f.name), [f.name]));
          break;
        case 'ofac-sdn-csv':
        case 'ofac-alt-csv':
        case 'ofac-add-csv':
        case 'uk-subjects-csv':
        case 'uk-names-csv':
        case 'uk-identifiers-csv':
          break;
      }
    }
  }
  return { results, unrecognised };
}

/** Decode file bytes: UTF-8 when valid, else Windows-1252 (OFAC's legacy CSVs). */
export function decodeListBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
