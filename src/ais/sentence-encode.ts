/**
 * Message → NMEA 0183 `!xxVDM` / `!xxVDO` sentences, optionally behind NMEA 4.0 tag blocks:
 * what the simulator writes and what the round-trip tests feed the sentence decoder.
 */
import type { AisMessage } from './types.js';
import { checksumHex, nmeaChecksum } from './checksum.js';
import { encodePayload } from './messages/encode.js';

/** Payload characters per fragment: keeps every sentence within NMEA's 82 characters. */
export const MAX_FRAGMENT_CHARS = 60;

/** Options of toSentences. */
export interface SentenceOptions {
  /** Talker id, default 'AI'. */
  talker?: string;
  /** Radio channel, default 'A'. */
  channel?: 'A' | 'B';
  /** Sequential message id 0–9 for multi-sentence messages, default 0. */
  sequenceId?: number;
  /** true for VDO (own ship), default VDM. */
  own?: boolean;
  /** NMEA 4.0 tag block: c (unix seconds, from `time` in ms), s (station), g (group, multi-part only). */
  tagBlock?: { time?: number; station?: string; group?: number };
}

function tagBlock(fields: string[]): string {
  const body = fields.join(',');
  return `\\${body}*${checksumHex(nmeaChecksum(body))}\\`;
}

/** Frame a message as NMEA 0183 sentences (split into fragments of <= 60 payload chars / 82-char sentences), optional NMEA 4.0 tag block with its own checksum (c: unix seconds, s: station, g: group for multi-part). Throws like encodePayload for a type outside 1–27. */
export function toSentences(msg: AisMessage, opts: SentenceOptions = {}): string[] {
  const { payload, fillBits } = encodePayload(msg);
  const talker = opts.talker ?? 'AI';
  const kind = opts.own === true ? 'VDO' : 'VDM';
  const channel = opts.channel ?? 'A';
  const total = Math.max(1, Math.ceil(payload.length / MAX_FRAGMENT_CHARS));
  const seq = total > 1 ? String((opts.sequenceId ?? 0) % 10) : '';
  const out: string[] = [];
  for (let k = 0; k < total; k++) {
    const part = payload.slice(k * MAX_FRAGMENT_CHARS, (k + 1) * MAX_FRAGMENT_CHARS);
    const fill = k === total - 1 ? fillBits : 0;
    const body = `${talker}${kind},${total},${k + 1},${seq},${channel},${part},${fill}`;
    let line = `!${body}*${checksumHex(nmeaChecksum(body))}`;
    const tb = opts.tagBlock;
    if (tb !== undefined) {
      const fields: string[] = [];
      if (total > 1) fields.push(`g:${k + 1}-${total}-${tb.group ?? 1}`);
      if (k === 0 && tb.station !== undefined) fields.push(`s:${tb.station}`);
      if (k === 0 && tb.time !== undefined) fields.push(`c:${Math.floor(tb.time / 1000)}`);
      if (fields.length > 0) line = tagBlock(fields) + line;
    }
    out.push(line);
  }
  return out;
}
