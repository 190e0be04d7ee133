// Pure rules both store adapters must apply identically so the contract suite sees one behaviour: id minting,
// timestamp normalisation, canonical JSON for comparisons, the upsert outcome decision, paging limits and the
// narrowing of JSON read back from a database. Never performs I/O and never imports a database driver.
import { randomUUID } from 'node:crypto';
import { AtlasError } from '../../domain/errors.js';
import {
  EMPTY_COUNTS,
  type HarvestCounts,
  type SourceRecordStatus,
  type UpsertOutcome,
} from '../../domain/catalog.js';

// Crockford's base32 alphabet in lower case: no i, l, o or u, so ids read aloud or copied by hand survive.
const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A short random id such as `src_0h7k3m9q2c4x`: 12 base32 characters carry 60 random bits, enough that a busy
 * installation creating millions of runs has a negligible chance of a collision (which would surface as a
 * `conflict`, never as a silent overwrite).
 */
export function newId(prefix: 'src' | 'run' | 'dec' | 'tkt'): string {
  // Drop the version nibble and the variant nibble so every character we keep is random.
  const hex = randomUUID().replaceAll('-', '');
  const randomHex = hex.slice(0, 12) + hex.slice(13, 16) + hex.slice(17);
  let value = BigInt(`0x${randomHex.slice(0, 15)}`);
  let out = '';
  for (let i = 0; i < 12; i += 1) {
    out = (BASE32[Number(value & 31n)] ?? '0') + out;
    value >>= 5n;
  }
  return `${prefix}_${out}`;
}

/**
 * Brings any ISO-8601 instant to the one form both backends return (`2024-05-01T10:00:00.000Z`): PostgreSQL
 * gives timestamps back in milliseconds with `Z`, and SQLite compares TEXT, which only orders correctly when
 * every value has the same shape.
 */
export function toUtcIso(value: string, field: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new AtlasError('invalid_parameter', `${field} is not an ISO-8601 date and time: "${value}"`, {
      details: { field },
    });
  }
  return new Date(time).toISOString();
}

export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * JSON with object keys sorted at every depth. Two mapped records that differ only in key order are the same
 * record; PostgreSQL's jsonb already ignores key order, and this gives SQLite's TEXT column the same view.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedDeep(value));
}

/** A copy with object keys sorted at every depth (a replacer function would be several times slower). */
function sortedDeep(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const list = value as unknown[];
    const out: unknown[] = new Array<unknown>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = sortedDeep(list[i]);
    return out;
  }
  const source = value as Record<string, unknown>;
  if (typeof (source as { toJSON?: unknown }).toJSON === 'function') return value;
  const keys = sortKeys(Object.keys(source));
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = sortedDeep(source[key]);
  return out;
}

/**
 * Sorts object keys in place in code-unit order (the order of Array.prototype.sort without a comparator), by
 * insertion: key lists are short and often nearly sorted, and the built-in sort allocates for every call.
 */
function sortKeys(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] ?? '';
    let j = i - 1;
    if ((keys[j] ?? '') < key) continue;
    while (j >= 0 && (keys[j] ?? '') > key) {
      keys[j + 1] = keys[j] ?? '';
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** What the upsert compares between the stored row and the incoming version. */
export interface RecordState {
  readonly status: SourceRecordStatus;
  readonly rawHash: string;
  /** canonicalJson of the mapped record, or null when there is none. */
  readonly recordJson: string | null;
}

/**
 * The outcome of writing `next` over `previous` (null when the key was never stored). A tombstone written
 * over a tombstone is `unchanged` even when its payload differs, because for the catalog nothing happened.
 */
export function decideOutcome(previous: RecordState | null, next: RecordState): UpsertOutcome {
  switch (next.status) {
    case 'failed':
      return 'failed';
    case 'deleted':
      return previous?.status === 'deleted' ? 'unchanged' : 'deleted';
    case 'active':
      if (previous === null) return 'new';
      return previous.status === 'active' &&
        previous.rawHash === next.rawHash &&
        previous.recordJson === next.recordJson
        ? 'unchanged'
        : 'updated';
  }
}

export function emptyStatusCounts(): Record<SourceRecordStatus, number> {
  return { active: 0, deleted: 0, failed: 0 };
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 10_000;
export const DEFAULT_RUN_LIMIT = 50;
export const DEFAULT_ISSUE_LIMIT = 1_000;

/**
 * Record ids per statement when a call names many records (state lookups, marking records seen): a batch of
 * any size costs one statement per chunk, and no statement grows without bound.
 */
export const ID_CHUNK_SIZE = 500;

/** The distinct values of `items` in slices of at most `size`, in first-seen order. */
export function distinctChunks(items: readonly string[], size = ID_CHUNK_SIZE): string[][] {
  const distinct = [...new Set(items)];
  const out: string[][] = [];
  for (let i = 0; i < distinct.length; i += size) out.push(distinct.slice(i, i + size));
  return out;
}

/** UTF-8 byte order: the order of SQLite's BINARY and PostgreSQL's "C" collation, so both list ids alike. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Checks a caller-supplied limit; an absurd one is a caller bug, so it fails loudly instead of being clamped. */
export function checkLimit(limit: number | undefined, fallback: number, field = 'limit'): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new AtlasError('invalid_parameter', `${field} must be a whole number from 1 to ${MAX_PAGE_SIZE}`, {
      details: { field, value: limit },
    });
  }
  return limit;
}

// Narrowing of JSON read back from our own columns. The database only ever holds what the adapters wrote, so
// a mismatch means damage; the fallbacks keep one bad row from taking a whole listing down.

export function jsonObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function jsonStringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function jsonNumberMap(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, inner] of Object.entries(jsonObject(value))) {
    if (typeof inner === 'number') out[key] = inner;
  }
  return out;
}

export function jsonCounts(value: unknown): HarvestCounts {
  return { ...EMPTY_COUNTS, ...jsonNumberMap(value) };
}

/** Parses a JSON TEXT column; null stays null. */
export function parseJsonText(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}
