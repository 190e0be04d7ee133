// Raw payload packing shared by both store adapters: payloads are kept gzip-compressed (BLOB / bytea) because
// harvested XML and JSON shrink several times over, and the catalog keeps one per record.
// Must never alter a payload: what goes in as a string comes back as the identical string.
import { gunzipSync, gzipSync, constants } from 'node:zlib';

/**
 * Compresses a payload as UTF-8 inside gzip. Level 6 is zlib's usual trade-off; the best levels cost several
 * times the CPU for a few percent, and the upsert path compresses thousands of payloads per second.
 */
export function packPayload(raw: string): Buffer {
  return gzipSync(Buffer.from(raw, 'utf8'), { level: constants.Z_DEFAULT_COMPRESSION });
}

/** The inverse of packPayload. Accepts any byte view because drivers hand back Buffer or Uint8Array. */
export function unpackPayload(packed: Uint8Array): string {
  return gunzipSync(packed).toString('utf8');
}
