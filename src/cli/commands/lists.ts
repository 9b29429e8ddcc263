/** `lookout lists import|status|history`: load sanctions lists into the store and report on them. */
import { readFileSync } from 'node:fs';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { decodeListBytes, importFiles } from '../../screen/importers/index.js';
import { ListStore } from '../../store/lists/lists-store.js';

/** The same default database `lookout serve` uses (src/cli/commands/serve.ts). */
export const DEFAULT_DB = 'lookout-data/lookout.db';

const HELP = `lookout lists: import sanctions lists into the store, and show what is loaded

Usage:
  lookout lists import FILE… [--db PATH] [--format text|json]
  lookout lists status [--db PATH] [--format text|json]
  lookout lists history [LIST] [--db PATH] [--format text|json]

Formats are recognised from the content: OpenSanctions FtM entities (entities.ftm.json),
OFAC SDN CSV (sdn.csv with alt.csv/add.csv in the same call) and SDN XML, UN consolidated
XML, EU Official Journal annex CSV and EU FSF XML, UK Sanctions List (CSV, XML, or the
subjects/subject_names/subject_identifiers tables together), Japan METI lists (text) and
the MOF bilingual CSV, and custom CSV watchlists (a header with name and/or imo).
Re-importing a list reports entities added, removed and changed; history is kept.

  --db PATH     SQLite database (default ${DEFAULT_DB}, as for lookout serve)
  --format      text (default) or json
`;

interface Options {
  db: string;
  format: 'text' | 'json';
  rest: string[];
}

function parse(argv: string[]): Options {
  const o: Options = { db: DEFAULT_DB, format: 'text', rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--db') {
      const v = argv[++i];
      if (!v) throw new UsageError('--db needs a path');
      o.db = v;
    } else if (a === '--format') {
      const v = argv[++i];
      if (v !== 'text' && v !== 'json') throw new UsageError('--format is text or json');
      o.format = v;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else o.rest.push(a);
  }
  return o;
}

const fmtProblems = (p: Record<string, number>): string =>
  Object.keys(p).length ? Object.entries(p).map(([k, v]) => `${k} ${v}`).join(', ') : 'none';

export const listsCommand: Command = {
  name: 'lists',
  summary: 'Import sanctions lists (OFAC, UN, EU, UK, Japan, FtM, custom) and show their status',
  help: HELP,
  async run(argv) {
    const [sub, ...args] = argv;
    if (sub !== 'import' && sub !== 'status' && sub !== 'history') throw new UsageError('expected import, status or history');
    const o = parse(args);
    const store = await ListStore.open(o.db);
    try {
      if (sub === 'import') {
        if (o.rest.length === 0) throw new UsageError('import needs at least one FILE');
        const files = o.rest.map((f) => ({ name: f, text: decodeListBytes(readFileSync(f)) }));
        const batch = importFiles(files);
        const summaries = batch.results.map((r) => store.importList(r));
        // Index now, once, so that `lookout screen` and the server restore it in milliseconds.
        const t0 = performance.now();
        if (summaries.length) store.buildIndex();
        const indexS = (performance.now() - t0) / 1000;
        if (o.format === 'json') process.stdout.write(`${JSON.stringify({ imports: summaries, unrecognised: batch.unrecognised }, null, 1)}\n`);
        else {
          for (const s of summaries) {
            process.stdout.write(`${s.list_id} (${s.title}): ${s.entities} entities; added ${s.added}, removed ${s.removed}, changed ${s.changed}, unchanged ${s.unchanged} [import ${s.import_id}]\n`);
            process.stdout.write(`  input problems: ${fmtProblems(s.problems)}\n`);
            for (const k of ['added', 'removed', 'changed'] as const) if (s[k] > 0 && s.import_id > 0 && s[k] !== s.entities) for (const x of s.examples[k].slice(0, 5)) process.stdout.write(`  ${k}: ${x}\n`);
          }
          if (summaries.length) process.stdout.write(`screening index built and stored in ${indexS.toFixed(1)} s\n`);
          for (const u of batch.unrecognised) process.stderr.write(`lookout lists: ${u}: format not recognised, skipped\n`);
        }
        return batch.unrecognised.length && summaries.length === 0 ? 1 : 0;
      }
      if (sub === 'status') {
        const st = store.status();
        if (o.format === 'json') process.stdout.write(`${JSON.stringify({ db: o.db, lists: st }, null, 1)}\n`);
        else if (st.length === 0) process.stdout.write(`no lists in ${o.db}; load some with 'lookout lists import FILE…'\n`);
        else {
          for (const l of st) {
            const when = new Date(l.imported_at).toISOString();
            const kinds = Object.entries(l.by_schema).map(([k, v]) => `${k} ${v}`).join(', ');
            process.stdout.write(`${l.list_id}  ${l.title} (${l.authority})\n  ${l.entities} entities: ${kinds}\n  published ${l.published ?? 'unknown'}; imported ${when}; ${l.imports} import(s)\n`);
          }
        }
        return 0;
      }
      const hist = store.history(o.rest[0]);
      if (o.format === 'json') process.stdout.write(`${JSON.stringify({ imports: hist }, null, 1)}\n`);
      else for (const h of hist) process.stdout.write(`#${h.import_id} ${new Date(h.imported_at).toISOString()} ${h.list_id}: ${h.entities} entities, +${h.added} -${h.removed} ~${h.changed} (${h.files.join(', ')})\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
