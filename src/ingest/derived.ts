// What the catalog keeps beside each mapped record: the blocking keys duplicate grouping looks candidates up
// by, and the record's metadata quality (score and the codes of the checks it failed). Computed wherever a
// record is written (harvest pages, remap), so both paths store the same.
import type { RecordQuality } from '../domain/catalog.js';
import type { ResourceRecord } from '../domain/profile.js';
import { matchKeys, storedKeys } from '../dedupe/index.js';
import { assessRecord } from '../quality/record-quality.js';

export interface DerivedFields {
  readonly matchKeys: readonly string[];
  readonly quality: RecordQuality;
}

export function derivedFields(record: ResourceRecord): DerivedFields {
  const assessed = assessRecord(record);
  return {
    matchKeys: storedKeys(matchKeys(record)),
    quality: { score: assessed.score, fixes: [...new Set(assessed.fixes.map((f) => f.code))] },
  };
}
