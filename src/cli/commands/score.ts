/** `lookout score`: detection quality of predicted events against ground truth. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { formatTable, parseEvents, score } from '../../score/score.js';

const HELP = `lookout score: precision, recall and timing error of detected events

Usage: lookout score --truth truth.jsonl --events events.jsonl [--format table|json] [--tolerance MIN]

Per event type: precision, recall, F1 and the median start/end error (minutes). A predicted
event matches a true one of the same type and vessel (the unordered pair for encounters)
when their times overlap, or lie within --tolerance minutes (default 30) when either is
instantaneous; one to one, greedy by overlap. docs/scoring.md has the details.
`;

function read(file: string): string {
  const buf = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}

export const scoreCommand: Command = {
  name: 'score',
  summary: 'Score detected events against ground truth (precision, recall, timing)',
  help: HELP,
  run(argv) {
    let truthFile: string | undefined;
    let eventsFile: string | undefined;
    let format = 'table';
    let tolerance = 30;
    for (let i = 0; i < argv.length; i++) {
      const k = argv[i];
      const v = argv[i + 1];
      if (k === '--truth') truthFile = v;
      else if (k === '--events') eventsFile = v;
      else if (k === '--format') format = v ?? '';
      else if (k === '--tolerance') tolerance = Number(v);
      else throw new UsageError(`unknown option ${k}`);
      i++;
    }
    if (!truthFile || !eventsFile) throw new UsageError('--truth and --events are required');
    if (format !== 'table' && format !== 'json') throw new UsageError('--format is table or json');
    if (!Number.isFinite(tolerance) || tolerance < 0) throw new UsageError('--tolerance needs minutes >= 0');
    const t = parseEvents(read(truthFile));
    const p = parseEvents(read(eventsFile));
    for (const [file, r] of [[truthFile, t], [eventsFile, p]] as const) {
      if (r.errors.length) process.stderr.write(`lookout score: ${file}: ${r.errors.length} line(s) skipped (first: line ${r.errors[0]?.line}: ${r.errors[0]?.reason})\n`);
    }
    const result = score(t.events, p.events, { instantToleranceMs: tolerance * 60_000 });
    if (format === 'json') {
      process.stdout.write(JSON.stringify({ types: result.types, total: result.total, missed: result.missed.length, extra: result.extra.length }, null, 1) + '\n');
    } else process.stdout.write(formatTable(result));
    return Promise.resolve(0);
  },
};
