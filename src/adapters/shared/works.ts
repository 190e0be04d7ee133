// Pure rules both store adapters apply to duplicate grouping and metadata quality, so the contract suite sees
// one behaviour: validation of match keys, quality and edges, the canonical order of a record pair, and the
// shaping of what a work listing shows, and the one dialect-neutral SQL condition both work listings use. Never
// performs I/O and never imports a database driver.
import { AtlasError } from '../../domain/errors.js';
import {
  MAX_GROUPING_FEATURES_LENGTH,
  MAX_MATCH_KEY_LENGTH,
  WORK_DECISION_ACTIONS,
  WORK_RELATIONS,
  type GroupingState,
  type QualityStats,
  type RecordQuality,
  type RecordRef,
  type SourceRecordInput,
  type StoredGroupingFeatures,
  type SourceRecordStatus,
  type UpsertOutcome,
  type WorkDecisionAction,
  type WorkEdgeInput,
  type WorkRelation,
} from '../../domain/catalog.js';
import { compareBytes } from './shaping.js';

/** The most match keys one call may look up, and the most ids a quality report lists per failed check. */
export const MAX_KEYS_PER_LOOKUP = 10_000;
export const MAX_EXAMPLES_PER_FIX = 1_000;

function invalid(field: string, message: string, value?: unknown): AtlasError {
  return new AtlasError('invalid_parameter', `${field} ${message}`, {
    details: value === undefined ? { field } : { field, value },
  });
}

/** Byte order of sourceId, then sourceRecordId: the canonical order of a pair and of every ref listing. */
export function compareRefs(a: RecordRef, b: RecordRef): number {
  return compareBytes(a.sourceId, b.sourceId) || compareBytes(a.sourceRecordId, b.sourceRecordId);
}

export function sameRef(a: RecordRef, b: RecordRef): boolean {
  return a.sourceId === b.sourceId && a.sourceRecordId === b.sourceRecordId;
}

/** A pair in canonical order (the smaller ref first); refuses a record paired with itself. */
export function canonicalPair(a: RecordRef, b: RecordRef, field: string): readonly [RecordRef, RecordRef] {
  checkRef(a, field);
  checkRef(b, field);
  if (sameRef(a, b)) {
    throw invalid(field, `pairs the record ${a.sourceId}/${a.sourceRecordId} with itself`);
  }
  return compareRefs(a, b) < 0 ? [a, b] : [b, a];
}

export function checkRef(ref: RecordRef, field: string): void {
  if (typeof ref.sourceId !== 'string' || typeof ref.sourceRecordId !== 'string') {
    throw invalid(field, 'must name a record by sourceId and sourceRecordId');
  }
}

/** A map key for a ref; JSON keeps ids with any characters apart. */
export function refKey(ref: RecordRef): string {
  return JSON.stringify([ref.sourceId, ref.sourceRecordId]);
}

/** Distinct refs in first-seen order. */
export function distinctRefs(refs: readonly RecordRef[], field = 'refs'): RecordRef[] {
  const seen = new Set<string>();
  const out: RecordRef[] = [];
  for (const ref of refs) {
    checkRef(ref, field);
    const key = refKey(ref);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ sourceId: ref.sourceId, sourceRecordId: ref.sourceRecordId });
  }
  return out;
}

/** What a write stores about grouping and quality for one record version. */
export interface GroupingFields {
  /** Distinct keys to store; always empty unless the record is active. */
  readonly keys: readonly string[];
  /** The same keys as the JSON array kept in source_records.match_keys, or null for none. */
  readonly keysJson: string | null;
  /** Stored grouping features (SourceRecordInput.groupingFeatures), or null for none. */
  readonly features: string | null;
  readonly qualityScore: number | null;
  /** JSON array of distinct fix codes, or null when unscored. */
  readonly qualityFixes: string | null;
  /** The work of a new active record (SourceRecordInput.workId), written only when the record is inserted. */
  readonly workId: string | null;
}

const NO_GROUPING: GroupingFields = {
  keys: [],
  keysJson: null,
  features: null,
  qualityScore: null,
  qualityFixes: null,
  workId: null,
};

/** Validates and normalizes the grouping and quality fields of one input; deleted and failed records get none. */
export function groupingFields(input: SourceRecordInput): GroupingFields {
  if (input.status !== 'active') return NO_GROUPING;
  const keys = input.matchKeys === undefined ? [] : checkMatchKeys(input.matchKeys, 'matchKeys');
  return {
    keys,
    keysJson: keys.length === 0 ? null : JSON.stringify(keys),
    features: input.groupingFeatures === undefined ? null : checkFeatures(input.groupingFeatures),
    ...qualityColumns(input.quality),
    workId: input.workId === undefined ? null : checkWorkId(input.workId, 'workId'),
  };
}

function checkFeatures(features: string): string {
  if (
    typeof features !== 'string' ||
    features.length === 0 ||
    features.length > MAX_GROUPING_FEATURES_LENGTH
  ) {
    throw invalid(
      'groupingFeatures',
      `must be a non-empty text of at most ${MAX_GROUPING_FEATURES_LENGTH} characters`,
    );
  }
  return features;
}

/** `items` (each about one ref) in the order of `wanted`, one per ref; refs no item is about are left out. */
export function inAskedOrder<T extends { readonly ref: RecordRef }>(
  wanted: readonly RecordRef[],
  items: Iterable<T>,
): T[] {
  const found = new Map<string, T>();
  for (const item of items) found.set(refKey(item.ref), item);
  return wanted.flatMap((ref) => found.get(refKey(ref)) ?? []);
}

/** The keys kept in source_records.match_keys: JSON text (SQLite), an array (PostgreSQL jsonb) or null. */
export function parseStoredKeys(value: unknown): string[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
}

/** One row of a grouping-state query, as both stores return it (match_keys as JSON text or jsonb). */
export interface GroupingStateColumns {
  readonly source_id: string;
  readonly source_record_id: string;
  readonly status: string;
  readonly work_id: string | null;
  readonly match_keys: unknown;
}

export function groupingState(row: GroupingStateColumns): GroupingState {
  return {
    ref: { sourceId: row.source_id, sourceRecordId: row.source_record_id },
    status: row.status as SourceRecordStatus,
    workId: row.work_id,
    matchKeys: parseStoredKeys(row.match_keys),
  };
}

/** One row of a grouping-features query, as both stores return it. */
export interface GroupingFeaturesColumns {
  readonly source_id: string;
  readonly source_record_id: string;
  readonly status: string;
  readonly grouping_features: string | null;
}

export function storedGroupingFeatures(row: GroupingFeaturesColumns): StoredGroupingFeatures {
  const status = row.status as SourceRecordStatus;
  return {
    ref: { sourceId: row.source_id, sourceRecordId: row.source_record_id },
    status,
    features: status === 'active' ? row.grouping_features : null,
  };
}

/** One row of a queued-for-grouping query, as both stores return it. */
export interface QueuedColumns {
  readonly source_id: string;
  readonly source_record_id: string;
}

export function queuedForGrouping(row: QueuedColumns): { readonly ref: RecordRef } {
  return { ref: { sourceId: row.source_id, sourceRecordId: row.source_record_id } };
}

/** What turns the stored key set into the new one: keys to delete and keys to insert. */
export function keyChanges(
  stored: readonly string[],
  next: readonly string[],
): { readonly removed: string[]; readonly added: string[] } {
  if (stored.length === 0) return { removed: [], added: [...next] };
  const before = new Set(stored);
  const after = new Set(next);
  return { removed: stored.filter((k) => !after.has(k)), added: next.filter((k) => !before.has(k)) };
}

/** Distinct keys in first-seen order; refuses an empty, too long or non-string key. */
export function checkMatchKeys(keys: readonly string[], field: string): string[] {
  if (!Array.isArray(keys)) throw invalid(field, 'must be a list of strings');
  const distinct = new Set<string>();
  for (const key of keys) {
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_MATCH_KEY_LENGTH) {
      throw invalid(
        field,
        `holds a key that is not a string of 1 to ${MAX_MATCH_KEY_LENGTH} characters`,
        typeof key === 'string' ? key.slice(0, 80) : String(key),
      );
    }
    distinct.add(key);
  }
  return [...distinct];
}

export function qualityColumns(
  quality: RecordQuality | undefined,
): Pick<GroupingFields, 'qualityScore' | 'qualityFixes'> {
  if (quality === undefined) return { qualityScore: null, qualityFixes: null };
  const { score, fixes } = quality;
  if (!Number.isInteger(score) || score < 0 || score > 100) {
    throw invalid('quality.score', 'must be a whole number from 0 to 100', score);
  }
  if (!Array.isArray(fixes) || fixes.some((code) => typeof code !== 'string' || code.length === 0)) {
    throw invalid('quality.fixes', 'must be a list of non-empty codes');
  }
  return { qualityScore: score, qualityFixes: JSON.stringify([...new Set(fixes)]) };
}

/** A validated edge from `ref`, in canonical order. */
export interface CanonicalEdge {
  readonly a: RecordRef;
  readonly b: RecordRef;
  readonly relation: WorkRelation;
  readonly score: number;
  readonly reason: string;
}

const RELATIONS: ReadonlySet<string> = new Set(WORK_RELATIONS);
const ACTIONS: ReadonlySet<string> = new Set(WORK_DECISION_ACTIONS);

/** The edges of `ref` in canonical order, one per other record (the last given wins). */
export function canonicalEdges(ref: RecordRef, edges: readonly WorkEdgeInput[]): CanonicalEdge[] {
  checkRef(ref, 'ref');
  const byOther = new Map<string, CanonicalEdge>();
  for (const edge of edges) {
    if (!RELATIONS.has(edge.relation)) {
      throw invalid('relation', `must be one of ${WORK_RELATIONS.join(', ')}`, edge.relation);
    }
    if (typeof edge.score !== 'number' || !Number.isFinite(edge.score)) {
      throw invalid('score', 'must be a finite number', edge.score);
    }
    if (typeof edge.reason !== 'string') throw invalid('reason', 'must be a string');
    const [a, b] = canonicalPair(ref, edge.other, 'edges');
    const key = refKey(edge.other);
    byOther.delete(key);
    byOther.set(key, {
      a: { sourceId: a.sourceId, sourceRecordId: a.sourceRecordId },
      b: { sourceId: b.sourceId, sourceRecordId: b.sourceRecordId },
      relation: edge.relation,
      score: edge.score,
      reason: edge.reason,
    });
  }
  return [...byOther.values()];
}

export function checkDecisionAction(action: string): WorkDecisionAction {
  if (!ACTIONS.has(action)) {
    throw invalid('action', `must be one of ${WORK_DECISION_ACTIONS.join(', ')}`, action);
  }
  return action as WorkDecisionAction;
}

export function checkWorkId(workId: unknown, field = 'workId'): string {
  if (typeof workId !== 'string' || workId.length === 0 || workId.length > 500) {
    throw invalid(field, 'must be a string of 1 to 500 characters');
  }
  return workId;
}

/** Checks a whole number from `min` to `max` given by the caller. */
export function checkCount(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `must be a whole number from ${min} to ${max}`, value);
  }
  return value;
}

/**
 * The display name of a listing member: the value under the first language tag in byte order, the order of
 * SQLite's canonical JSON; PostgreSQL's jsonb orders keys otherwise, so both pick it here.
 */
export function firstName(name: unknown): string | null {
  if (name === null || typeof name !== 'object' || Array.isArray(name)) return null;
  let bestTag: string | null = null;
  let best: string | null = null;
  for (const [tag, value] of Object.entries(name as Record<string, unknown>)) {
    if (typeof value !== 'string') continue;
    if (bestTag === null || compareBytes(tag, bestTag) < 0) {
      bestTag = tag;
      best = value;
    }
  }
  return best;
}

export function languageList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Whether a write sends the record to the grouping queue: anything that changed what the catalog holds
 * (`new`, `updated`, `deleted`), and a failed write over an active record, which leaves the catalog just as
 * a deletion does. Unchanged writes queue nothing.
 */
export function queuesForGrouping(
  outcome: UpsertOutcome,
  previousStatus: SourceRecordStatus | null,
): boolean {
  switch (outcome) {
    case 'new':
    case 'updated':
    case 'deleted':
      return true;
    case 'failed':
      return previousStatus === 'active';
    case 'unchanged':
      return false;
  }
}

/**
 * The report's list of fixes from the per-code counts and the example rows (code, id). Sorted here by count,
 * then code in byte order, so both backends agree whatever their collation.
 */
export function foldQualityFixes(
  counts: readonly { readonly code: string; readonly n: number }[],
  examples: readonly { readonly code: string; readonly source_record_id: string }[],
): QualityStats['fixes'] {
  const byCode = new Map<string, string[]>();
  for (const row of examples) {
    let list = byCode.get(row.code);
    if (list === undefined) byCode.set(row.code, (list = []));
    list.push(row.source_record_id);
  }
  return counts
    .map((row) => ({ code: row.code, count: row.n, examples: byCode.get(row.code) ?? [] }))
    .sort((a, b) => b.count - a.count || compareBytes(a.code, b.code));
}

/**
 * The condition of a work listing's page query (its rows aliased `s`, grouped by work) that one of the active
 * records of the work `s.work_id` has a translation or adaptation edge to an active record, looked up through each
 * side's index of work_edges. Plain SQL with no parameters, the same in both stores.
 */
export const WORK_LINKED_SQL = `EXISTS (
         SELECT 1 FROM source_records m JOIN work_edges e
           ON e.a_source_id = m.source_id AND e.a_record_id = m.source_record_id
         JOIN source_records o ON o.source_id = e.b_source_id AND o.source_record_id = e.b_record_id
         WHERE m.work_id = s.work_id AND m.status = 'active' AND e.relation <> 'same' AND o.status = 'active'
         UNION ALL
         SELECT 1 FROM source_records m JOIN work_edges e
           ON e.b_source_id = m.source_id AND e.b_record_id = m.source_record_id
         JOIN source_records o ON o.source_id = e.a_source_id AND o.source_record_id = e.a_record_id
         WHERE m.work_id = s.work_id AND m.status = 'active' AND e.relation <> 'same' AND o.status = 'active')`;
