/**
 * Detection quality: match predicted events to ground truth, per event type, and report
 * precision, recall, F1 and the median start/end time errors. Pure (runs in a browser too).
 *
 * Matching rule: same type, same vessel (the unordered MMSI pair for encounters and for IMO
 * conflicts), and time
 * intervals that overlap — or, when either event is instantaneous (start = end), lie within
 * `instantToleranceMs` (30 min) of each other. One to one, greedy: candidate pairs are taken in
 * order of largest overlap (then smallest start error), each event used at most once.
 */
import type { LookoutEvent } from '../detect/event.js';

export interface ScoreOptions {
  /** Tolerance for instantaneous events, ms (default 30 min). */
  instantToleranceMs?: number;
}

export interface TypeScore {
  type: string;
  truth: number;
  predicted: number;
  matched: number;
  /** undefined when nothing was predicted. */
  precision: number | undefined;
  /** undefined when there is no truth of this type. */
  recall: number | undefined;
  f1: number | undefined;
  /** Median |start error| and |end error| of matched pairs, minutes. */
  medianStartErrorMin: number | undefined;
  medianEndErrorMin: number | undefined;
}

export interface ScoreResult {
  types: TypeScore[];
  total: TypeScore;
  /** Unmatched events, for inspection. */
  missed: LookoutEvent[];
  extra: LookoutEvent[];
}

/**
 * The vessel key an event is matched on: the MMSI; the sorted pair for events between two
 * vessels — encounters (`other_mmsi`) and identity anomalies naming the other claimant of an
 * IMO (`details.other_mmsi`), which a detector may report under either MMSI.
 */
export function vesselKey(e: Pick<LookoutEvent, 'type' | 'mmsi' | 'other_mmsi'> & { details?: Record<string, unknown> }): string {
  let other: number | undefined;
  if (e.type === 'encounter') other = e.other_mmsi;
  else if (e.type === 'identity_anomaly' && typeof e.details?.other_mmsi === 'number') other = e.details.other_mmsi;
  if (other !== undefined) {
    const [a, b] = e.mmsi < other ? [e.mmsi, other] : [other, e.mmsi];
    return `${a}:${b}`;
  }
  return String(e.mmsi);
}

interface Span {
  s: number;
  e: number;
}

const span = (e: LookoutEvent): Span => {
  const s = Date.parse(e.start);
  const en = Date.parse(e.end);
  return { s, e: Math.max(s, en) };
};

/**
 * How well two spans match: positive overlap in ms, or for instantaneous events minus the gap
 * between them (≥ −tolerance); undefined when they do not match.
 */
export function matchQuality(a: Span, b: Span, toleranceMs: number): number | undefined {
  const overlap = Math.min(a.e, b.e) - Math.max(a.s, b.s);
  const instant = a.s === a.e || b.s === b.e;
  if (!instant) return overlap > 0 ? overlap : undefined;
  // Instantaneous: distance between the spans (0 when one contains the other).
  const gap = Math.max(0, Math.max(a.s, b.s) - Math.min(a.e, b.e));
  return gap <= toleranceMs ? -gap : undefined;
}

function median(xs: number[]): number | undefined {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : ((s[m - 1]) + (s[m])) / 2;
}

function typeScore(type: string, truth: number, predicted: number, matched: number, startErr: number[], endErr: number[]): TypeScore {
  const precision = predicted > 0 ? matched / predicted : undefined;
  const recall = truth > 0 ? matched / truth : undefined;
  const f1 = precision !== undefined && recall !== undefined ? (precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0) : undefined;
  return { type, truth, predicted, matched, precision, recall, f1, medianStartErrorMin: median(startErr), medianEndErrorMin: median(endErr) };
}

/** Score predicted events against ground truth. */
export function score(truth: readonly LookoutEvent[], predicted: readonly LookoutEvent[], opts: ScoreOptions = {}): ScoreResult {
  const tol = opts.instantToleranceMs ?? 30 * 60_000;
  const types = [...new Set([...truth.map((e) => e.type), ...predicted.map((e) => e.type)])].sort();
  const out: TypeScore[] = [];
  const missed: LookoutEvent[] = [];
  const extra: LookoutEvent[] = [];
  let tT = 0, tP = 0, tM = 0;
  const allStart: number[] = [];
  const allEnd: number[] = [];
  for (const type of types) {
    const T = truth.filter((e) => e.type === type);
    const P = predicted.filter((e) => e.type === type);
    // Candidate pairs by vessel key.
    const byKey = new Map<string, number[]>();
    P.forEach((p, i) => {
      const k = vesselKey(p);
      let l = byKey.get(k);
      if (!l) byKey.set(k, (l = []));
      l.push(i);
    });
    const pairs: { t: number; p: number; q: number; ds: number }[] = [];
    T.forEach((t, ti) => {
      const ts = span(t);
      for (const pi of byKey.get(vesselKey(t)) ?? []) {
        const ps = span(P[pi]);
        const q = matchQuality(ts, ps, tol);
        if (q !== undefined) pairs.push({ t: ti, p: pi, q, ds: Math.abs(ts.s - ps.s) });
      }
    });
    pairs.sort((a, b) => b.q - a.q || a.ds - b.ds || a.t - b.t || a.p - b.p);
    const usedT = new Set<number>();
    const usedP = new Set<number>();
    const startErr: number[] = [];
    const endErr: number[] = [];
    for (const pr of pairs) {
      if (usedT.has(pr.t) || usedP.has(pr.p)) continue;
      usedT.add(pr.t);
      usedP.add(pr.p);
      const ts = span(T[pr.t]);
      const ps = span(P[pr.p]);
      startErr.push(Math.abs(ts.s - ps.s) / 60_000);
      endErr.push(Math.abs(ts.e - ps.e) / 60_000);
    }
    T.forEach((t, i) => usedT.has(i) || missed.push(t));
    P.forEach((p, i) => usedP.has(i) || extra.push(p));
    out.push(typeScore(type, T.length, P.length, usedT.size, startErr, endErr));
    tT += T.length;
    tP += P.length;
    tM += usedT.size;
    allStart.push(...startErr);
    allEnd.push(...endErr);
  }
  return { types: out, total: typeScore('all', tT, tP, tM, allStart, allEnd), missed, extra };
}

const f3 = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(3));
const f1 = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(1));

/** The score as a fixed-width text table. */
export function formatTable(r: ScoreResult): string {
  const head = ['type', 'truth', 'pred', 'match', 'precision', 'recall', 'F1', 'Δstart min', 'Δend min'];
  const rows = [...r.types, r.total].map((t) => [t.type, String(t.truth), String(t.predicted), String(t.matched), f3(t.precision), f3(t.recall), f3(t.f1), f1(t.medianStartErrorMin), f1(t.medianEndErrorMin)]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i]).length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...rows.slice(0, -1).map(line), line(w.map((n) => '-'.repeat(n))), line(rows[rows.length - 1])].join('\n') + '\n';
}

/** Parse JSON lines of events, collecting the lines that are not events. */
export function parseEvents(text: string): { events: LookoutEvent[]; errors: { line: number; reason: string }[] } {
  const events: LookoutEvent[] = [];
  const errors: { line: number; reason: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      errors.push({ line: i + 1, reason: 'not JSON' });
      return;
    }
    const e = v as Partial<LookoutEvent>;
    if (!e || typeof e !== 'object' || typeof e.type !== 'string' || typeof e.mmsi !== 'number' || typeof e.start !== 'string' || typeof e.end !== 'string' || !Number.isFinite(Date.parse(e.start)) || !Number.isFinite(Date.parse(e.end))) {
      errors.push({ line: i + 1, reason: 'missing type, mmsi, start or end' });
      return;
    }
    events.push(e as LookoutEvent);
  });
  return { events, errors };
}
