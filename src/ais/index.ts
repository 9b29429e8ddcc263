/**
 * Lookout's AIS package, the public API: decode NMEA lines or streams into messages with
 * reception metadata, and encode messages back into sentences. docs/decoding.md explains it.
 */
export type { AisBase, AisMessage, ReceptionMeta, ReceivedMessage } from './types.js';
export { AisDecoder, decodeText, type AisDecoderOptions } from './nmea/decoder.js';
export { AisMessageStream, decodeStream, type ChunkSource } from './nmea/stream.js';
export {
  ERROR_REASONS,
  LINE_ERROR_REASONS,
  FRAGMENT_ERROR_REASONS,
  PAYLOAD_ERROR_REASONS,
  createStats,
  addStats,
  errorCount,
  lineErrorCount,
  summarizeStats,
  type DecodeStats,
  type ErrorReason,
} from './nmea/stats.js';
export { decodePayload, isPayloadError, type PayloadError, type PayloadErrorReason } from './messages/decode.js';
export { encodePayload } from './messages/encode.js';
export { toSentences } from './sentence-encode.js';
export { nmeaChecksum } from './checksum.js';
