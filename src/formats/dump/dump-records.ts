// Turns the lines of an NDJSON dump and the text of a JSON dump into records: every JSON object is one
// record (AMB / schema.org JSON-LD), stored as its own JSON text with the @context it was given. JSON
// dumps may be a list, an object with `@graph`, a single record, or a list under a wrapper key ("items",
// "records", "data", "results", "resources", or Elasticsearch's hits.hits[]._source as OERSI serves it).
// A line or entry that is not a JSON object becomes a broken entry with its position ("line 12",
// "record 12") and the reason; the rest is kept. A record's id is its own `id` / `@id`, else its `url`,
// else its position. Pure; never performs I/O.
import { isAtlasError } from '../../domain/errors.js';
import { isObject, listOf, own, rawText, type JsonObject } from '../amb/jsonld-read.js';
import { parseLenientJson } from '../jsonld/lenient-json.js';
import { withContext } from '../jsonld/resource-nodes.js';
import type { NdjsonLine } from './ndjson.js';

export type DumpEntry =
  | {
      readonly kind: 'record';
      readonly sourceRecordId: string;
      /** True when the id is the record's position, the record having no id of its own. */
      readonly positional: boolean;
      /** The record's JSON text, with its @context. */
      readonly raw: string;
      /** The record's dateModified when it gives one, as given. */
      readonly datestamp: string | null;
    }
  | {
      readonly kind: 'broken';
      readonly sourceRecordId: string;
      readonly positional: boolean;
      readonly code: string;
      readonly message: string;
      readonly raw: string;
    };

export type JsonDumpShape = 'list' | 'graph' | 'single' | 'wrapped' | 'elasticsearch';

const WRAPPER_KEYS = ['items', 'records', 'data', 'results', 'resources', 'hits'] as const;
const MAX_ID_CHARS = 2048;

/** The record's own id (`id`, `@id`), else its `url`; null when it has neither as text. */
export function dumpRecordId(record: JsonObject): string | null {
  for (const key of ['id', '@id', 'url']) {
    const value = listOf(own(record, key), 1)[0];
    const text =
      rawText(value) ?? (isObject(value) ? rawText(own(value, 'id') ?? own(value, '@id')) : undefined);
    const id = text?.trim() ?? '';
    if (id !== '' && id.length <= MAX_ID_CHARS) return id;
  }
  return null;
}

function datestampOf(record: JsonObject): string | null {
  const value = rawText(own(record, 'dateModified'))?.trim() ?? '';
  return value === '' || value.length > 64 ? null : value;
}

function recordEntry(record: JsonObject, raw: string, position: string, maxRecordChars: number): DumpEntry {
  const ownId = dumpRecordId(record);
  const sourceRecordId = ownId ?? position;
  const positional = ownId === null;
  if (raw.length > maxRecordChars) {
    return {
      kind: 'broken',
      sourceRecordId,
      positional,
      code: 'response_too_large',
      message: `${position}: the record has ${raw.length} characters; at most ${maxRecordChars} are kept.`,
      raw: raw.slice(0, 10_000),
    };
  }
  return { kind: 'record', sourceRecordId, positional, raw, datestamp: datestampOf(record) };
}

function notAnObject(position: string, value: unknown, raw: string): DumpEntry {
  const what = Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value;
  return {
    kind: 'broken',
    sourceRecordId: position,
    positional: true,
    code: 'not_a_document',
    message: `${position}: a record must be a JSON object; found ${what}.`,
    raw: raw.slice(0, 10_000),
  };
}

/** The records of one NDJSON line: usually one object; a line holding a list or a @graph gives several. */
export function ndjsonEntries(line: NdjsonLine, maxRecordChars: number): DumpEntry[] {
  const position = `line ${line.line}`;
  if (line.text === null) {
    return [
      {
        kind: 'broken',
        sourceRecordId: position,
        positional: true,
        code: 'response_too_large',
        message: `${position} has ${line.bytes} bytes; at most ${maxRecordChars} are read.`,
        raw: '',
      },
    ];
  }
  let value: unknown;
  let repaired: boolean;
  try {
    const parsed = parseLenientJson(line.text);
    value = parsed.value;
    repaired = parsed.repairs.length > 0;
  } catch (error) {
    return [
      {
        kind: 'broken',
        sourceRecordId: position,
        positional: true,
        code: isAtlasError(error) ? error.code : 'json_malformed',
        message: `${position}: ${error instanceof Error ? error.message : 'unreadable'}`,
        raw: line.text.slice(0, maxRecordChars),
      },
    ];
  }
  if (isObject(value) && own(value, '@graph') === undefined) {
    // The line exactly as received, unless it had to be repaired to be read.
    return [recordEntry(value, repaired ? JSON.stringify(value) : line.text, position, maxRecordChars)];
  }
  const nodes = nodesOf(value);
  if (nodes === null) return [notAnObject(position, value, line.text)];
  return nodes.map((n, i) =>
    n.node === null
      ? notAnObject(`${position}#${i + 1}`, n.value, JSON.stringify(n.value) ?? '')
      : recordEntry(n.node, JSON.stringify(n.node), `${position}#${i + 1}`, maxRecordChars),
  );
}

interface Node {
  readonly node: JsonObject | null;
  readonly value: unknown;
}

/** The entries of a list or @graph, each with the context it inherits; null for a value of neither kind. */
function nodesOf(value: unknown, context?: unknown): Node[] | null {
  if (Array.isArray(value)) {
    return (value as unknown[]).map((v) =>
      isObject(v) ? { node: withContext(v, context), value: v } : { node: null, value: v },
    );
  }
  if (isObject(value)) {
    const graph = own(value, '@graph');
    if (graph !== undefined)
      return nodesOf(listOf(graph, Number.MAX_SAFE_INTEGER), own(value, '@context') ?? context);
  }
  return null;
}

/** The list a wrapper object holds, and what kind of wrapper it is; null when it is not a wrapper. */
function unwrapList(value: JsonObject): { list: unknown[]; shape: JsonDumpShape } | null {
  const hits = own(value, 'hits');
  if (isObject(hits) && Array.isArray(own(hits, 'hits'))) {
    const list = (own(hits, 'hits') as unknown[]).map((h) =>
      isObject(h) && isObject(own(h, '_source')) ? own(h, '_source') : h,
    );
    return { list, shape: 'elasticsearch' };
  }
  // A record has a name or a type; a wrapper has only the list and bookkeeping (count, next, total...).
  if (
    own(value, 'name') !== undefined ||
    own(value, 'type') !== undefined ||
    own(value, '@type') !== undefined
  ) {
    return null;
  }
  for (const key of WRAPPER_KEYS) {
    const list = own(value, key);
    if (Array.isArray(list) && list.some(isObject)) return { list, shape: 'wrapped' };
  }
  return null;
}

/**
 * The records of a JSON dump (see the file comment). Throws AtlasError `json_malformed` when the text is
 * not JSON at all.
 */
export function jsonDumpEntries(
  text: string,
  maxRecordChars: number,
): { entries: DumpEntry[]; shape: JsonDumpShape } {
  const { value } = parseLenientJson(text);
  let nodes: Node[];
  let shape: JsonDumpShape;
  if (Array.isArray(value)) {
    nodes = nodesOf(value) ?? [];
    shape = 'list';
  } else if (isObject(value) && own(value, '@graph') !== undefined) {
    nodes = nodesOf(value) ?? [];
    shape = 'graph';
  } else if (isObject(value)) {
    const wrapped = unwrapList(value);
    if (wrapped !== null) {
      const context = own(value, '@context');
      nodes = wrapped.list.map((v) =>
        isObject(v) ? { node: withContext(v, context), value: v } : { node: null, value: v },
      );
      shape = wrapped.shape;
    } else {
      nodes = [{ node: value, value }];
      shape = 'single';
    }
  } else {
    nodes = [{ node: null, value }];
    shape = 'single';
  }
  const entries = nodes.map((n, i) =>
    n.node === null
      ? notAnObject(`record ${i + 1}`, n.value, JSON.stringify(n.value) ?? '')
      : recordEntry(n.node, JSON.stringify(n.node), `record ${i + 1}`, maxRecordChars),
  );
  return { entries, shape };
}
