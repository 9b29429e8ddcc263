/**
 * What the NMEA layer counts: every line ends in exactly one bucket, and every assembled
 * payload either becomes a message or is counted by the message layer's reason.
 */

/** Reasons a line (or one sentence on it) is rejected before any payload is decoded. */
export const LINE_ERROR_REASONS = [
  'line_too_long',
  'not_nmea',
  'not_ais',
  'malformed_sentence',
  'missing_checksum',
  'bad_checksum',
  'bad_tag_block_checksum',
] as const;

/** Reasons a multi-sentence message could not be assembled. */
export const FRAGMENT_ERROR_REASONS = ['orphan_fragment', 'incomplete_message'] as const;

/** Reasons an assembled payload could not be decoded (from the message layer). */
export const PAYLOAD_ERROR_REASONS = [
  'empty_payload',
  'bad_armour',
  'bad_fill_bits',
  'truncated',
  'unknown_type',
] as const;

export type LineErrorReason = (typeof LINE_ERROR_REASONS)[number];
export type FragmentErrorReason = (typeof FRAGMENT_ERROR_REASONS)[number];
export type PayloadErrorReason = (typeof PAYLOAD_ERROR_REASONS)[number];
/** Every reason the decoder counts. docs/decoding.md explains each. */
export type ErrorReason = LineErrorReason | FragmentErrorReason | PayloadErrorReason;

/** Every error reason, in the order reports list them. */
export const ERROR_REASONS: readonly ErrorReason[] = [
  ...LINE_ERROR_REASONS,
  ...FRAGMENT_ERROR_REASONS,
  ...PAYLOAD_ERROR_REASONS,
];

/**
 * Running counts of one decoder. Line accounting always balances:
 * `lines + joined === blank + comments + metadata + sentences + (sum of line errors)`.
 */
export interface DecodeStats {
  /** Physical input lines. */
  lines: number;
  /** Empty or whitespace-only lines (ignored). */
  blank: number;
  /** Lines starting with `#` (ignored). */
  comments: number;
  /** Gatehouse `$PGHP` lines whose reception time went to the next sentence. */
  metadata: number;
  /** Extra sentences found glued onto a line after the first (each is accounted like a line). */
  joined: number;
  /** AIS sentences accepted: well formed, checksums good. */
  sentences: number;
  /** Accepted sentences that were parts of multi-sentence messages. */
  fragments: number;
  /** Payloads handed to the message layer (single sentences plus reassembled messages). */
  payloads: number;
  /** Decoded messages. */
  messages: number;
  /** Decoded messages per message type; index = type (0–63). */
  types: number[];
  /** Rejections per reason. */
  errors: Record<ErrorReason, number>;
}

/** A fresh, all-zero stats object. */
export function createStats(): DecodeStats {
  const errors = {} as Record<ErrorReason, number>;
  for (const r of ERROR_REASONS) errors[r] = 0;
  return {
    lines: 0,
    blank: 0,
    comments: 0,
    metadata: 0,
    joined: 0,
    sentences: 0,
    fragments: 0,
    payloads: 0,
    messages: 0,
    types: new Array<number>(64).fill(0),
    errors,
  };
}

/** Sum of the line-level rejections (the reasons that stop a line before reassembly). */
export function lineErrorCount(stats: DecodeStats): number {
  let n = 0;
  for (const r of LINE_ERROR_REASONS) n += stats.errors[r];
  return n;
}

/** Sum of all rejections. */
export function errorCount(stats: DecodeStats): number {
  let n = 0;
  for (const r of ERROR_REASONS) n += stats.errors[r];
  return n;
}

/** Adds `from` into `into` (for totals over several inputs). */
export function addStats(into: DecodeStats, from: DecodeStats): void {
  into.lines += from.lines;
  into.blank += from.blank;
  into.comments += from.comments;
  into.metadata += from.metadata;
  into.joined += from.joined;
  into.sentences += from.sentences;
  into.fragments += from.fragments;
  into.payloads += from.payloads;
  into.messages += from.messages;
  for (let i = 0; i < into.types.length; i++) into.types[i] = (into.types[i] ?? 0) + (from.types[i] ?? 0);
  for (const r of ERROR_REASONS) into.errors[r] += from.errors[r];
}

/** Compact view for reports and JSON: only non-zero type and error counts. */
export function summarizeStats(stats: DecodeStats): {
  lines: number;
  sentences: number;
  messages: number;
  ignored: { blank: number; comments: number; metadata: number };
  types: Record<string, number>;
  errors: Partial<Record<ErrorReason, number>>;
} {
  const types: Record<string, number> = {};
  stats.types.forEach((n, t) => {
    if (n > 0) types[String(t)] = n;
  });
  const errors: Partial<Record<ErrorReason, number>> = {};
  for (const r of ERROR_REASONS) if (stats.errors[r] > 0) errors[r] = stats.errors[r];
  return {
    lines: stats.lines,
    sentences: stats.sentences,
    messages: stats.messages,
    ignored: { blank: stats.blank, comments: stats.comments, metadata: stats.metadata },
    types,
    errors,
  };
}
