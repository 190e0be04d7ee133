// The key a search result is known by: the work id of a grouped record, else "SOURCE_ID/SOURCE_RECORD_ID"
// with each part percent-encoded, so that an ungrouped record is a work of its own and the key can travel in
// a URL path segment after one more encoding. Work ids never contain "/", so the two forms cannot collide.
import type { RecordRef } from '../domain/catalog.js';

export function workKeyOf(ref: RecordRef, workId: string | null): string {
  if (workId !== null) return workId;
  return `${encodeURIComponent(ref.sourceId)}/${encodeURIComponent(ref.sourceRecordId)}`;
}

/** The work id or the record a key names; null for a string that is neither. */
export function parseWorkKey(key: string): { workId: string } | { ref: RecordRef } | null {
  if (key.length === 0 || key.length > 4200) return null;
  const slash = key.indexOf('/');
  if (slash < 0) return /^[\w.-]+$/.test(key) ? { workId: key } : null;
  if (key.indexOf('/', slash + 1) >= 0) return null;
  try {
    const sourceId = decodeURIComponent(key.slice(0, slash));
    const sourceRecordId = decodeURIComponent(key.slice(slash + 1));
    if (sourceId.length === 0 || sourceRecordId.length === 0) return null;
    return { ref: { sourceId, sourceRecordId } };
  } catch {
    return null;
  }
}
