/** `lookout screen`: screen names, IMO numbers or a CSV of queries against the imported lists. */
import { readFileSync } from 'node:fs';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { DEFAULT_CONFIG, queryFromRow, type Screener, type MatchQuery, type MatchResult, type ScreenConfig } from '../../screen/matcher.js';
import { parseCsvObjects } from '../../screen/text.js';
import { decodeListBytes } from '../../screen/importers/index.js';
import { ListStore } from '../../store/lists/lists-store.js';
import { DEFAULT_DB } from './lists.js';

const HELP = `lookout screen: screen names and vessels against the imported sanctions lists

Usage:
  lookout screen NAME|IMO… [--db PATH] [--format text|jsonl] [options]
  lookout screen --csv FILE [--db PATH] [--format text|jsonl] [options]

A 7-digit argument (optionally 'IMO 1234567') is screened as a vessel IMO number; anything
else as a name of any kind. The CSV has the columns id,schema,name,imo,mmsi,callsign,flag,
country,birth_date (any may be empty). With --format jsonl, one line per query:
{"id", "matches": [{"entity_id", "schema", "name", "lists", "score", "decision", "explanation"}]}
best first. Load lists first with 'lookout lists import FILE…'.

  --db PATH          SQLite database (default ${DEFAULT_DB}, as for lookout serve)
  --schema S         Vessel, Person, Organization… for the positional queries
  --threshold X      match threshold (default ${DEFAULT_CONFIG.matchThreshold})
  --review X         review threshold (default ${DEFAULT_CONFIG.reviewThreshold})
  --limit N          results per query (default ${DEFAULT_CONFIG.limit})
`;

interface Query {
  id: string;
  query: MatchQuery;
}

/** A positional argument as a query: IMO numbers as vessels, anything else as a name. */
export function argumentQuery(arg: string, schema?: string): MatchQuery {
  const imo = /^\s*(?:IMO\s*)?(\d{7})\s*$/i.exec(arg);
  if (imo) return { schema: schema ?? 'Vessel', properties: { imoNumber: [imo[1]] } };
  return { schema, properties: { name: [arg] } };
}

/** One result as the jsonl contract shapes it. */
export function resultJson(r: MatchResult): Record<string, unknown> {
  return { entity_id: r.entity_id, schema: r.schema, name: r.name, lists: r.lists, score: r.score, decision: r.decision, explanation: r.explanation, programs: r.programs, matched_fields: r.matched_fields, ...(r.ownership ? { ownership: r.ownership } : {}) };
}

export const screenCommand: Command = {
  name: 'screen',
  summary: 'Screen names, IMO numbers or a CSV against the imported sanctions lists',
  help: HELP,
  async run(argv) {
    let db = DEFAULT_DB;
    let csv: string | undefined;
    let format: 'text' | 'jsonl' = 'text';
    let schema: string | undefined;
    const cfg: Partial<ScreenConfig> = {};
    const positional: string[] = [];
    const num = (k: string, v: string | undefined, min: number, max: number): number => {
      const n = Number(v);
      if (v === undefined || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`${k} needs a number in ${min}..${max}`);
      return n;
    };
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--db') db = argv[++i] ?? '';
      else if (a === '--csv') csv = argv[++i];
      else if (a === '--format') {
        const v = argv[++i];
        if (v !== 'text' && v !== 'jsonl') throw new UsageError('--format is text or jsonl');
        format = v;
      } else if (a === '--schema') schema = argv[++i];
      else if (a === '--threshold') cfg.matchThreshold = num(a, argv[++i], 0, 1);
      else if (a === '--review') cfg.reviewThreshold = num(a, argv[++i], 0, 1);
      else if (a === '--limit') cfg.limit = num(a, argv[++i], 1, 500);
      else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
      else positional.push(a);
    }
    if (!db) throw new UsageError('--db needs a path');
    if (!csv && positional.length === 0) throw new UsageError('give NAME|IMO arguments or --csv FILE');
    const queries: Query[] = positional.map((p) => ({ id: p, query: argumentQuery(p, schema) }));
    let skipped = 0;
    if (csv) {
      const rows = parseCsvObjects(decodeListBytes(readFileSync(csv)));
      rows.forEach((r, i) => {
        if (!r['name']?.trim() && !r['imo']?.trim() && !r['mmsi']?.trim() && !r['callsign']?.trim()) {
          skipped++;
          return;
        }
        queries.push({ id: r['id']?.trim() || String(i + 1), query: queryFromRow(r) });
      });
    }
    const store = await ListStore.open(db);
    let screener: Screener;
    try {
      if (store.status().length === 0) {
        process.stderr.write(`lookout screen: no lists in ${db}; load some with 'lookout lists import FILE…'\n`);
        return 1;
      }
      // Restored from the snapshot stored at import time (rebuilt only if the lists changed since).
      screener = store.screener(cfg);
    } finally {
      store.close();
    }
    const out: string[] = [];
    for (const q of queries) {
      const matches = screener.match(q.query);
      if (format === 'jsonl') out.push(JSON.stringify({ id: q.id, matches: matches.map(resultJson) }));
      else {
        out.push(`${q.id}: ${matches.length ? '' : 'no match'}`);
        for (const m of matches) {
          out.push(`  ${m.decision.padEnd(6)} ${m.score.toFixed(3)}  ${m.name} [${m.entity_id}] ${m.schema}; lists ${m.lists.join(', ')}${m.programs.length ? `; programmes ${m.programs.join(', ')}` : ''}`);
          for (const [k, v] of Object.entries(m.explanation)) out.push(`           ${k} ${v.score >= 0 ? '+' : ''}${v.score}: ${v.detail}`);
        }
      }
    }
    process.stdout.write(out.join('\n') + '\n');
    if (skipped) process.stderr.write(`lookout screen: ${skipped} CSV row(s) without name, imo, mmsi or callsign skipped\n`);
    return 0;
  },
};
