// What both stores share about link checks: validation of the checks they are asked to save, the shape of a
// stored check and of a record due for one, and the empty counts of the link statistics. Pure; never performs I/O.
import {
  LINK_OUTCOMES,
  LINK_VERDICTS,
  type DueLink,
  type LinkCheckState,
  type LinkCheckWrite,
  type LinkOutcome,
  type LinkVerdict,
} from '../../domain/catalog.js';
import { AtlasError } from '../../domain/errors.js';
import type { ResourceRecord } from '../../domain/profile.js';
import { toUtcIso } from './shaping.js';
import { checkCount, qualityColumns } from './works.js';

/** The most examples per outcome linkStats gives. */
export const MAX_LINK_EXAMPLES = 100;

const OUTCOMES: ReadonlySet<string> = new Set(LINK_OUTCOMES);
const VERDICTS: ReadonlySet<string> = new Set(LINK_VERDICTS);
const MAX_URL_LENGTH = 8192;

function invalid(field: string, message: string, value?: unknown): AtlasError {
  return new AtlasError('invalid_parameter', `${field} ${message}`, {
    details: value === undefined ? { field } : { field, value },
  });
}

/** A check to save, validated, with its columns as both stores write them. */
export interface LinkCheckColumns {
  readonly source_id: string;
  readonly source_record_id: string;
  readonly url: string;
  readonly outcome: LinkOutcome;
  readonly verdict: LinkVerdict;
  readonly http_status: number | null;
  readonly final_url: string | null;
  readonly error_code: string | null;
  readonly failures: number;
  readonly checked_at: string;
  readonly quality_score: number;
  /** JSON array of distinct fix codes. */
  readonly quality_fixes: string;
  readonly record_updated_at: string;
}

/** Validates one check to save; throws `invalid_parameter` naming the field. */
export function linkCheckColumns(check: LinkCheckWrite): LinkCheckColumns {
  if (typeof check.sourceId !== 'string' || check.sourceId === '') throw invalid('sourceId', 'is missing');
  if (typeof check.sourceRecordId !== 'string' || check.sourceRecordId === '') {
    throw invalid('sourceRecordId', 'is missing');
  }
  if (typeof check.url !== 'string' || check.url === '' || check.url.length > MAX_URL_LENGTH) {
    throw invalid('url', `must be a non-empty text of at most ${MAX_URL_LENGTH} characters`);
  }
  if (!OUTCOMES.has(check.outcome)) throw invalid('outcome', `must be one of ${LINK_OUTCOMES.join(', ')}`);
  if (!VERDICTS.has(check.verdict)) throw invalid('verdict', `must be one of ${LINK_VERDICTS.join(', ')}`);
  if (check.httpStatus !== null && (!Number.isInteger(check.httpStatus) || check.httpStatus < 100)) {
    throw invalid('httpStatus', 'must be an HTTP status or null', check.httpStatus);
  }
  if (!Number.isInteger(check.failures) || check.failures < 0) {
    throw invalid('failures', 'must be a whole number of at least 0', check.failures);
  }
  const quality = qualityColumns(check.quality);
  return {
    source_id: check.sourceId,
    source_record_id: check.sourceRecordId,
    url: check.url,
    outcome: check.outcome,
    verdict: check.verdict,
    http_status: check.httpStatus,
    final_url: check.finalUrl,
    error_code: check.errorCode,
    failures: check.failures,
    checked_at: toUtcIso(check.checkedAt, 'checkedAt'),
    quality_score: quality.qualityScore ?? 0,
    quality_fixes: quality.qualityFixes ?? '[]',
    record_updated_at: toUtcIso(check.recordUpdatedAt, 'recordUpdatedAt'),
  };
}

/** A stored check as both stores read it (checked_at already as ISO text). */
export interface LinkCheckRow {
  source_id: string;
  source_record_id: string;
  url: string;
  outcome: string;
  verdict: string;
  http_status: number | null;
  final_url: string | null;
  error_code: string | null;
  failures: number;
  checked_at: string;
}

export function toLinkCheckState(row: LinkCheckRow): LinkCheckState {
  return {
    sourceId: row.source_id,
    sourceRecordId: row.source_record_id,
    url: row.url,
    outcome: row.outcome as LinkOutcome,
    verdict: row.verdict as LinkVerdict,
    httpStatus: row.http_status,
    finalUrl: row.final_url,
    errorCode: row.error_code,
    failures: row.failures,
    checkedAt: row.checked_at,
  };
}

/** A record due for a check as both stores read it: its record parsed, its times as ISO text. */
export interface DueLinkRow {
  source_id: string;
  source_record_id: string;
  record: ResourceRecord;
  updated_at: string;
  current_url: string;
  checked_url: string | null;
  outcome: string | null;
  verdict: string | null;
  http_status: number | null;
  final_url: string | null;
  error_code: string | null;
  failures: number | null;
  checked_at: string | null;
}

/** A due record, with its last check when that check was of the same url. */
export function toDueLink(row: DueLinkRow): DueLink {
  const { checked_at: checkedAt } = row;
  return {
    sourceId: row.source_id,
    sourceRecordId: row.source_record_id,
    url: row.current_url,
    record: row.record,
    recordUpdatedAt: row.updated_at,
    previous:
      row.checked_url === row.current_url && checkedAt !== null
        ? toLinkCheckState({
            source_id: row.source_id,
            source_record_id: row.source_record_id,
            url: row.current_url,
            outcome: row.outcome ?? 'not_checked',
            verdict: row.verdict ?? 'unchecked',
            http_status: row.http_status,
            final_url: row.final_url,
            error_code: row.error_code,
            failures: row.failures ?? 0,
            checked_at: checkedAt,
          })
        : null,
  };
}

export function emptyOutcomeCounts(): Record<LinkOutcome, number> {
  return { alive: 0, redirected: 0, dead: 0, inconclusive: 0, not_checked: 0 };
}

export function emptyVerdictCounts(): Record<LinkVerdict, number> {
  return { alive: 0, redirected: 0, dead: 0, unchecked: 0 };
}

export function checkExamplesPerOutcome(n: number): number {
  return checkCount(n, 'examplesPerOutcome', 0, MAX_LINK_EXAMPLES);
}
