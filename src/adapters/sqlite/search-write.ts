// Writes of the SQLite search index: inserting, replacing and removing documents with everything derived from
// them (the FTS5 text, facet value ids, work numbers and ranks, suggestion word counts, the blocks of document
// facts that searching processes keep in memory), and clearing it all. Used by the index's apply/clear and by
// the store's removeSource, always inside a write transaction the caller holds. Never builds SQL from values.
// Order matters for speed: FTS5 writes its pending terms to disk whenever a later statement of the transaction
// opens a statement savepoint (an INSERT into a table with a UNIQUE index does), so every transaction first
// takes old text out of the index (FTS5 reads it back from search_text_src), then writes the ordinary tables,
// and puts the new text into the index last: one flush per transaction instead of one per document.
import type Database from 'better-sqlite3';
import type { RecordRef } from '../../domain/catalog.js';
import { INDEX_FACETS, SEARCH_COLUMNS, type SearchDocument } from '../../ports/search-index.js';
import { workKeyOf } from '../../search/work-key.js';
import { dateSortKey, distinctValues } from '../shared/search-support.js';
import { blockOf, decodeBlock, encodeBlock, flagsOf, type DocFacts } from './search-blocks.js';
import { columnText } from './search-fts.js';

/** The part of a connection the index needs: cached prepared statements. */
export interface StatementSource {
  stmt<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R>;
}

/** Work ranks live in [1, RANK_LIMIT): exact integers in a double, with room to halve ~50 times. */
export const RANK_LIMIT = 2 ** 52;
const APPEND_GAP = 2 ** 32;

const NEXT_SEQ = `UPDATE search_state SET seq = seq + 1 WHERE id = 1 RETURNING seq`;
const ADD_COUNTS = `
UPDATE search_state SET documents = documents + ?, works = works + ?, words = words + ? WHERE id = 1`;

const FIND_FACET_VALUE = `SELECT id FROM search_facet_values WHERE facet = ? AND value = ?`;
const INSERT_FACET_VALUE = `INSERT INTO search_facet_values (facet, value) VALUES (?, ?) RETURNING id`;

const FIND_WORK = `SELECT num, rank FROM search_works WHERE key = ?`;
/** The ranks of the keys around a key that is not there. */
const WORK_NEIGHBOURS = `
SELECT (SELECT rank FROM search_works WHERE key < @key ORDER BY key DESC LIMIT 1) AS before,
       (SELECT rank FROM search_works WHERE key > @key ORDER BY key LIMIT 1) AS after`;
const RANK_BEFORE = `SELECT num, rank FROM search_works WHERE key < ? ORDER BY key DESC LIMIT ?`;
const RANK_AFTER = `SELECT num, rank FROM search_works WHERE key > ? ORDER BY key LIMIT ?`;
/** A new work starts with the one member that made it; finish() adds the others of the same change. */
const INSERT_WORK = `INSERT INTO search_works (key, rank, members) VALUES (?, ?, 1) RETURNING num`;
const SET_RANK = `UPDATE search_works SET rank = ? WHERE num = ?`;
const ADD_MEMBERS = `UPDATE search_works SET members = members + ? WHERE num = ? RETURNING members`;
const DELETE_WORK = `DELETE FROM search_works WHERE num = ?`;
const DOCS_OF_WORK = `SELECT id FROM search_docs WHERE work = ?`;

const FIND_DOC = `SELECT id, work, words FROM search_docs WHERE source_id = ? AND source_record_id = ?`;
const DOCS_OF_SOURCE = `SELECT id, work, words FROM search_docs WHERE source_id = ?`;
const INSERT_DOC = `
INSERT INTO search_docs (source_id, source_record_id, work, quality, date, facets, words, title, title_key)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id`;
const UPDATE_DOC = `
UPDATE search_docs SET work = ?, quality = ?, date = ?, facets = ?, words = ?, title = ?, title_key = ?
WHERE id = ?`;
const DELETE_DOC = `DELETE FROM search_docs WHERE id = ?`;

const READ_BLOCK = `SELECT data FROM search_doc_blocks WHERE block = ?`;
const WRITE_BLOCK = `
INSERT INTO search_doc_blocks (block, seq, data) VALUES (?, ?, ?)
ON CONFLICT (block) DO UPDATE SET seq = excluded.seq, data = excluded.data`;

const TEXT_COLUMNS = SEARCH_COLUMNS.join(', ');
const TEXT_VALUES = SEARCH_COLUMNS.map(() => '?').join(', ');
const INSERT_SOURCE_TEXT = `INSERT INTO search_text_src (id, ${TEXT_COLUMNS}) VALUES (?, ${TEXT_VALUES})`;
const DELETE_SOURCE_TEXT = `DELETE FROM search_text_src WHERE id = ?`;
const INSERT_TEXT = `INSERT INTO search_text (rowid, ${TEXT_COLUMNS}) VALUES (?, ${TEXT_VALUES})`;
const DELETE_TEXT = `DELETE FROM search_text WHERE rowid = ?`;

const ADD_WORD = `
INSERT INTO search_words (word, documents) VALUES (?, ?)
ON CONFLICT (word) DO UPDATE SET documents = documents + excluded.documents
RETURNING documents`;
const SUBTRACT_WORD = `UPDATE search_words SET documents = documents + ? WHERE word = ? RETURNING documents`;
const DELETE_WORD = `DELETE FROM search_words WHERE word = ?`;

const CLEAR = [
  `DELETE FROM search_docs`,
  `DELETE FROM search_works`,
  `DELETE FROM search_words`,
  `DELETE FROM search_doc_blocks`,
  `INSERT INTO search_text (search_text) VALUES ('delete-all')`,
  `DELETE FROM search_text_src`,
  `UPDATE search_state SET seq = seq + 1, epoch = epoch + 1, documents = 0, works = 0, words = 0 WHERE id = 1`,
];

/**
 * Facet value ids known to be committed, by facet then value, per connection; ids are never reused, so entries
 * never go stale.
 */
export type FacetIdCache = Map<string, Map<string, number>>;

function cachedFacetId(cache: FacetIdCache, facet: string, value: string): number | undefined {
  return cache.get(facet)?.get(value);
}

function cacheFacetId(cache: FacetIdCache, facet: string, value: string, id: number): void {
  let values = cache.get(facet);
  if (values === undefined) cache.set(facet, (values = new Map<string, number>()));
  values.set(value, id);
}

/** Adds to `cache` the ids of `committed` (what writeDocuments created, once its transaction committed). */
export function rememberFacetIds(cache: FacetIdCache, committed: FacetIdCache): void {
  for (const [facet, values] of committed) {
    for (const [value, id] of values) cacheFacetId(cache, facet, value, id);
  }
}

interface StoredDoc {
  id: number;
  work: number;
  words: string;
}

interface PendingText {
  readonly id: number;
  readonly text: readonly string[];
}

interface WorkRef {
  readonly num: number;
  readonly rank: number;
}

/** The changes of one write transaction, applied to the derived tables at the end. */
class IndexChange {
  readonly seq: number;
  readonly #wordDeltas = new Map<string, number>();
  readonly #memberDeltas = new Map<number, number>();
  /** Works inserted by this change (with one member already counted). */
  readonly #createdWorks = new Set<number>();
  /** Works met in this change, by key. */
  readonly #works = new Map<string, WorkRef>();
  /** New facts per block (null: the document went). */
  readonly #blocks = new Map<number, Map<number, DocFacts | null>>();
  /** Works whose rank changed, with the new rank. */
  readonly #reranked = new Map<number, number>();
  /** Facet ids inserted by this transaction: cached only once it commits. */
  readonly newFacetIds: FacetIdCache = new Map();
  #documentsDelta = 0;
  #worksDelta = 0;

  constructor(private readonly c: StatementSource) {
    const row = c.stmt<[], { seq: number }>(NEXT_SEQ).get();
    if (row === undefined) throw new Error('search_state has no row');
    this.seq = row.seq;
  }

  /** Step 1, before any other write: takes the document's text out of the FTS5 index. */
  unindex(doc: StoredDoc): void {
    this.c.stmt<[number]>(DELETE_TEXT).run(doc.id);
  }

  /** Step 2: forgets what the stored document held (its text is already out of the index). */
  forget(doc: StoredDoc, removed: boolean): void {
    const { c } = this;
    c.stmt<[number]>(DELETE_SOURCE_TEXT).run(doc.id);
    this.#addMembers(doc.work, -1);
    if (doc.words !== '') this.#addWords(doc.words.split(' '), -1);
    if (removed) {
      c.stmt<[number]>(DELETE_DOC).run(doc.id);
      this.#setFacts(doc.id, null);
      this.#documentsDelta -= 1;
    }
  }

  /** Step 2: writes a document's row, facts and text; returns its id and text for step 3. */
  store(doc: SearchDocument, existing: StoredDoc | undefined, cache: FacetIdCache): PendingText {
    const { c } = this;
    if (existing !== undefined) this.forget(existing, false);
    const work = this.#work(workKeyOf(doc.ref, doc.workId));
    this.#addMembers(work.num, 1);
    const words = distinctValues(doc.words);
    this.#addWords(words, 1);
    const facets = this.#facetIds(doc, cache);
    const blob = Buffer.allocUnsafe(facets.length * 4);
    for (let i = 0; i < facets.length; i += 1) blob.writeUInt32LE(facets[i] ?? 0, i * 4);
    const values = [work.num, doc.quality, doc.date, blob, words.join(' '), doc.title, doc.titleKey];
    let id: number;
    if (existing === undefined) {
      const row = c
        .stmt<unknown[], { id: number }>(INSERT_DOC)
        .get(doc.ref.sourceId, doc.ref.sourceRecordId, ...values);
      id = (row as { id: number }).id;
      this.#documentsDelta += 1;
    } else {
      id = existing.id;
      c.stmt(UPDATE_DOC).run(...values, id);
    }
    this.#setFacts(id, {
      id,
      work: work.num,
      rank: work.rank,
      flags: flagsOf(doc.free, doc.noLogin),
      quality: doc.quality,
      dateKey: dateSortKey(doc.date) ?? Number.NaN,
      facets,
    });
    const text = SEARCH_COLUMNS.map((column) => columnText(doc.text[column]));
    c.stmt(INSERT_SOURCE_TEXT).run(id, ...text);
    return { id, text };
  }

  /** Step 3, last: puts the new text into the FTS5 index. */
  index(pending: readonly PendingText[]): void {
    const insert = this.c.stmt(INSERT_TEXT);
    for (const { id, text } of pending) insert.run(id, ...text);
  }

  #setFacts(id: number, facts: DocFacts | null): void {
    const block = blockOf(id);
    let changes = this.#blocks.get(block);
    if (changes === undefined) this.#blocks.set(block, (changes = new Map<number, DocFacts | null>()));
    changes.set(id, facts);
  }

  #facetIds(doc: SearchDocument, cache: FacetIdCache): number[] {
    const ids: number[] = [];
    for (const facet of INDEX_FACETS) {
      const values = doc.facets[facet];
      if (values.length === 0) continue;
      const known = cache.get(facet);
      if (values.length === 1) {
        const value = values[0] ?? '';
        ids.push(known?.get(value) ?? this.#facetId(facet, value, cache));
        continue;
      }
      for (const value of distinctValues(values))
        ids.push(known?.get(value) ?? this.#facetId(facet, value, cache));
    }
    return ids;
  }

  #facetId(facet: string, value: string, cache: FacetIdCache): number {
    const known = cachedFacetId(cache, facet, value) ?? cachedFacetId(this.newFacetIds, facet, value);
    if (known !== undefined) return known;
    const { c } = this;
    const found = c.stmt<[string, string], { id: number }>(FIND_FACET_VALUE).get(facet, value);
    if (found !== undefined) {
      cacheFacetId(cache, facet, value, found.id);
      return found.id;
    }
    const inserted = c.stmt<[string, string], { id: number }>(INSERT_FACET_VALUE).get(facet, value);
    if (inserted === undefined) throw new Error('search_facet_values insert returned nothing');
    cacheFacetId(this.newFacetIds, facet, value, inserted.id);
    return inserted.id;
  }

  #addWords(words: readonly string[], delta: number): void {
    const deltas = this.#wordDeltas;
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i] ?? '';
      deltas.set(word, (deltas.get(word) ?? 0) + delta);
    }
  }

  #addMembers(work: number, delta: number): void {
    this.#memberDeltas.set(work, (this.#memberDeltas.get(work) ?? 0) + delta);
  }

  #work(key: string): WorkRef {
    const known = this.#works.get(key);
    if (known !== undefined) return known;
    const { c } = this;
    const found = c.stmt<[string], { num: number; rank: number }>(FIND_WORK).get(key);
    let work: WorkRef;
    if (found !== undefined) {
      work = { num: found.num, rank: this.#reranked.get(found.num) ?? found.rank };
    } else {
      type Around = { before: number | null; after: number | null };
      const around = c.stmt<[{ key: string }], Around>(WORK_NEIGHBOURS).get({ key });
      const rank = this.#rankFor(key, around?.before ?? null, around?.after ?? null);
      const row = c.stmt<[string, number], { num: number }>(INSERT_WORK).get(key, rank);
      work = { num: (row as { num: number }).num, rank };
      this.#createdWorks.add(work.num);
      this.#worksDelta += 1;
    }
    this.#works.set(key, work);
    return work;
  }

  /**
   * A rank between the ranks of the neighbouring keys. When they are adjacent integers, the nearest works
   * around the key are spread evenly over a wider range (doubling it until it has room); the facts of their
   * documents are rewritten with the new ranks in finish().
   */
  #rankFor(key: string, prev: number | null, next: number | null): number {
    const lo = prev ?? 0;
    const hi = next ?? RANK_LIMIT;
    if (hi - lo >= 2) {
      if (prev === null && next === null) return RANK_LIMIT / 2;
      const half = Math.floor((hi - lo) / 2);
      if (next === null) return lo + Math.min(APPEND_GAP, half);
      if (prev === null) return hi - Math.min(APPEND_GAP, half);
      return lo + half;
    }
    const { c } = this;
    const before = c.stmt<[string, number], { num: number; rank: number }>(RANK_BEFORE);
    const after = c.stmt<[string, number], { num: number; rank: number }>(RANK_AFTER);
    for (let width = 8; ; width *= 2) {
      const lower = before.all(key, width);
      const upper = after.all(key, width);
      // The outermost neighbour found keeps its rank and bounds the range, unless the list ran out first.
      const floor = lower.length === width ? (lower.pop()?.rank ?? 0) : 0;
      const ceiling = upper.length === width ? (upper.pop()?.rank ?? RANK_LIMIT) : RANK_LIMIT;
      const count = lower.length + upper.length + 1;
      if (ceiling - floor < 2 * (count + 1)) continue;
      const step = Math.floor((ceiling - floor) / (count + 1));
      const setRank = c.stmt<[number, number]>(SET_RANK);
      const move = (num: number, rank: number): void => {
        setRank.run(rank, num);
        this.#reranked.set(num, rank);
      };
      let position = 1;
      for (const work of lower.reverse()) move(work.num, floor + step * position++);
      const rank = floor + step * position++;
      for (const work of upper) move(work.num, floor + step * position++);
      // Works already met in this change keep their number but take the new rank.
      for (const [known, ref] of this.#works) {
        const moved = this.#reranked.get(ref.num);
        if (moved !== undefined) this.#works.set(known, { num: ref.num, rank: moved });
      }
      return rank;
    }
  }

  /** Applies the collected member, word and block changes and the counters (before step 3). */
  finish(): void {
    const { c } = this;
    const addMembers = c.stmt<[number, number], { members: number }>(ADD_MEMBERS);
    const deleteWork = c.stmt<[number]>(DELETE_WORK);
    for (const [work, counted] of this.#memberDeltas) {
      // A work this change created already counts the member that created it.
      const delta = this.#createdWorks.has(work) ? counted - 1 : counted;
      if (delta === 0) continue;
      const members = addMembers.get(delta, work)?.members ?? 0;
      if (members <= 0) {
        deleteWork.run(work);
        this.#worksDelta -= 1;
      }
    }
    let wordsDelta = 0;
    const words = [...this.#wordDeltas].filter(([, delta]) => delta !== 0);
    // Sorted only so that neighbouring words are written together; any order would do.
    words.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const add = c.stmt<[string, number], { documents: number }>(ADD_WORD);
    const subtract = c.stmt<[number, string], { documents: number }>(SUBTRACT_WORD);
    const remove = c.stmt<[string]>(DELETE_WORD);
    for (const [word, delta] of words) {
      if (delta > 0) {
        if (add.get(word, delta)?.documents === delta) wordsDelta += 1;
      } else {
        const left = subtract.get(delta, word);
        if (left !== undefined && left.documents <= 0) {
          remove.run(word);
          wordsDelta -= 1;
        }
      }
    }
    this.#writeBlocks();
    c.stmt<[number, number, number]>(ADD_COUNTS).run(this.#documentsDelta, this.#worksDelta, wordsDelta);
  }

  #writeBlocks(): void {
    const { c } = this;
    // Documents of renumbered works carry the old rank in blocks this change did not otherwise touch.
    if (this.#reranked.size > 0) {
      const docsOf = c.stmt<[number], number>(DOCS_OF_WORK).pluck();
      for (const work of this.#reranked.keys()) {
        for (const id of docsOf.all(work)) {
          const block = blockOf(id);
          if (!this.#blocks.has(block)) this.#blocks.set(block, new Map<number, DocFacts | null>());
        }
      }
    }
    const read = c.stmt<[number], Buffer>(READ_BLOCK).pluck();
    const write = c.stmt<[number, number, Buffer]>(WRITE_BLOCK);
    for (const [block, changes] of this.#blocks) {
      const stored = read.get(block);
      const facts = stored === undefined ? new Map<number, DocFacts>() : decodeBlock(block, stored);
      for (const [id, fact] of changes) {
        if (fact === null) facts.delete(id);
        else facts.set(id, fact);
      }
      if (this.#reranked.size > 0) {
        for (const fact of facts.values()) {
          const rank = this.#reranked.get(fact.work);
          if (rank !== undefined) fact.rank = rank;
        }
      }
      write.run(block, this.seq, encodeBlock(facts.values()));
    }
  }
}

function findDoc(c: StatementSource, ref: RecordRef): StoredDoc | undefined {
  return c.stmt<[string, string], StoredDoc>(FIND_DOC).get(ref.sourceId, ref.sourceRecordId);
}

/**
 * Inserts or replaces `upserts` and removes `removals` (distinct refs, checked by planApply); returns the facet
 * value ids it created, which the caller adds to its cache once the transaction has committed.
 */
export function writeDocuments(
  c: StatementSource,
  upserts: readonly SearchDocument[],
  removals: readonly RecordRef[],
  cache: FacetIdCache,
): FacetIdCache {
  const change = new IndexChange(c);
  const removed = removals.flatMap((ref) => findDoc(c, ref) ?? []);
  const replaced = upserts.map((doc) => findDoc(c, doc.ref));
  for (const doc of removed) change.unindex(doc);
  for (const doc of replaced) if (doc !== undefined) change.unindex(doc);
  for (const doc of removed) change.forget(doc, true);
  const pending = upserts.map((doc, i) => change.store(doc, replaced[i], cache));
  change.finish();
  change.index(pending);
  return change.newFacetIds;
}

/** Removes every document of a source (the store calls it when it removes the source); returns how many. */
export function removeSourceDocuments(c: StatementSource, sourceId: string): number {
  const docs = c.stmt<[string], StoredDoc>(DOCS_OF_SOURCE).all(sourceId);
  if (docs.length === 0) return 0;
  const change = new IndexChange(c);
  for (const doc of docs) change.unindex(doc);
  for (const doc of docs) change.forget(doc, true);
  change.finish();
  return docs.length;
}

/** Removes every document, work and word; readers reload from nothing. Facet value ids stay. */
export function clearDocuments(c: StatementSource): void {
  for (const sql of CLEAR) c.stmt(sql).run();
}
