// The form in which blocking keys are stored and looked up: a key longer than the store takes (a very long
// landing URL, a long title) is replaced by a digest of itself, so that equal keys still meet and no record
// write is refused for the length of a key. Used by the page writer and by the grouping pass alike.
import { createHash } from 'node:crypto';
import { MAX_MATCH_KEY_LENGTH } from '../domain/catalog.js';

export function storedKeys(keys: readonly string[]): string[] {
  const out = new Set<string>();
  for (const key of keys) {
    if (key.length === 0) continue;
    out.add(
      key.length <= MAX_MATCH_KEY_LENGTH ? key : `#${createHash('sha256').update(key).digest('base64url')}`,
    );
  }
  return [...out];
}
