// What the catalog keeps beside each mapped record: the blocking keys duplicate grouping looks candidates up
// by, the features it compares candidates on (stored, so that grouping need not read and analyse the whole
// record again), and the record's metadata quality (score and the codes of the checks it failed), which counts the last
// link check of its landing page while that check is of the record's current url. Computed wherever a record
// is written (harvest pages, remap, link checks), so every path stores the same.
import type { LinkCheckState, RecordQuality } from '../domain/catalog.js';
import type { ResourceRecord } from '../domain/profile.js';
import { encodeFeatures, matchKeysOf, RecordFeatures, storedKeys } from '../dedupe/index.js';
import { assessRecord, type LinkCheck } from '../quality/record-quality.js';

export interface DerivedFields {
  readonly matchKeys: readonly string[];
  /** Stored pair features (dedupe/stored-features.ts); left out when too long to store. */
  readonly groupingFeatures?: string;
  readonly quality: RecordQuality;
}

/** The link check quality counts for `record`: the stored one while it is of the record's current url. */
export function linkCheckFor(
  record: ResourceRecord,
  stored: LinkCheckState | undefined,
): LinkCheck | undefined {
  if (stored === undefined || stored.url !== record.url) return undefined;
  return {
    status: stored.verdict,
    ...(stored.httpStatus === null ? {} : { httpStatus: stored.httpStatus }),
    checkedAt: stored.checkedAt,
  };
}

/** The stored quality of `record`, counting `link` (its last stored check) when it is of the current url. */
export function recordQuality(record: ResourceRecord, link?: LinkCheckState): RecordQuality {
  const assessed = assessRecord(record, linkCheckFor(record, link));
  return { score: assessed.score, fixes: [...new Set(assessed.fixes.map((f) => f.code))] };
}

export function derivedFields(record: ResourceRecord, link?: LinkCheckState): DerivedFields {
  const features = new RecordFeatures(record);
  const stored = encodeFeatures(features);
  return {
    matchKeys: storedKeys(matchKeysOf(features)),
    ...(stored === null ? {} : { groupingFeatures: stored }),
    quality: recordQuality(record, link),
  };
}
