// The per-document data a search needs besides the text (work number, quality, date, free/noLogin, facet value
// ids) and the rank of every work key, held in typed arrays indexed by document id and work number, and the
// evaluation of one query over them: filters, facet counts of works, collapse to the best member, keyset
// selection of one page. FTS5 finds the matching documents and scores them; everything else happens here in
// one pass over the matches, because the same work in SQL (a join per document and a GROUP BY per facet)
// costs several times more per matching document (see BENCHMARKS notes in the adapter's header).
// The arrays follow the database: each search first compares search_state.seq with what was loaded and reads
// only the blocks of facts (search-blocks.ts) rewritten since, inside the search's own read transaction, so the
// arrays and the FTS5 answers always describe one snapshot. About 60 bytes per document and 60 per work.
// Pure computation apart from sync().
import { INDEX_FACETS, type IndexFacet } from '../../ports/search-index.js';
import {
  BLOCK_SIZE,
  FREE_KNOWN,
  FREE_TRUE,
  NO_LOGIN_KNOWN,
  NO_LOGIN_TRUE,
  RECORD_HEADER,
} from './search-blocks.js';
import type { StatementSource } from './search-write.js';

const FACET_INDEX = new Map<string, number>(INDEX_FACETS.map((f, i) => [f, i]));
const NO_FACET = 255;

const READ_STATE = `SELECT seq, epoch FROM search_state WHERE id = 1`;
const ALL_BLOCKS = `SELECT block, data FROM search_doc_blocks`;
const SIZES = `
SELECT (SELECT coalesce(max(block), 0) FROM search_doc_blocks) AS blocks,
       (SELECT coalesce(max(num), 0) FROM search_works) AS works`;
const CHANGED_BLOCKS = `SELECT block, data FROM search_doc_blocks WHERE seq > ?`;
const NEW_FACET_VALUES = `SELECT id, facet, value FROM search_facet_values WHERE id > ? ORDER BY id`;

function grow<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(
  array: T,
  size: number,
  make: (n: number) => T,
  fill?: number,
): T {
  if (array.length >= size) return array;
  let n = Math.max(1024, array.length);
  while (n < size) n *= 2;
  const next = make(n);
  next.set(array);
  if (fill !== undefined) next.fill(fill, array.length);
  return next;
}

/** One list of matching documents with their positive text ranks (FTS5 -bm25), or none. */
export interface MatchList {
  readonly ids: Int32Array;
  readonly ranks: Float64Array | null;
}

export interface Evaluation {
  /** Works with at least one matching document that passes every filter. */
  readonly total: number;
  readonly facets: Partial<Record<IndexFacet, Map<string, number>>>;
  readonly page: readonly PageWork[];
}

export interface PageWork {
  readonly work: number;
  /** The work key's rank (byte order of keys). */
  readonly rank: number;
  readonly bestDoc: number;
  readonly score: number;
  /** The newest matching member's date key (NaN for none) and that member. */
  readonly dateKey: number;
  readonly newestDoc: number;
  /** The best member matched only through expansions. */
  readonly viaOnly: boolean;
  /** Members equal to the best on score and date (the best among them), when there are several: the smallest
   * ref decides. Empty otherwise. */
  readonly tiedDocs: readonly number[];
}

export interface EvaluationSpec {
  /** The user's words; null = every document (browse). */
  readonly own: MatchList | null;
  /** Documents found through expansions (those the user's words found too are skipped). */
  readonly expansions: MatchList | null;
  /** Documents to leave out (only used in browse: text queries exclude inside FTS5). */
  readonly excluded: Int32Array;
  readonly filters: Readonly<Record<IndexFacet, readonly string[]>>;
  readonly free: boolean | null;
  readonly noLogin: boolean | null;
  readonly facets: readonly IndexFacet[];
  readonly sort: 'relevance' | 'date';
  readonly limit: number;
  /** Results strictly after: value (score, or date key with NaN for null) then works ranked at or above rankFloor. */
  readonly after: { readonly value: number; readonly rankFloor: number } | null;
  readonly expansionFactor: number;
  readonly score: (rank: number, quality: number) => number;
}

/**
 * Whether a work at (value, rank) comes after the cursor: a lower value (score, or date key with NaN for none,
 * which sorts last), or the same value and a rank at or above the cursor's floor.
 */
export function comesAfter(
  value: number,
  rank: number,
  after: { readonly value: number; readonly rankFloor: number },
): boolean {
  const y = after.value;
  if (value === y || (value !== value && y !== y)) return rank >= after.rankFloor;
  if (value !== value) return true;
  if (y !== y) return false;
  return value < y;
}

export class SearchMirror {
  #epoch = -1;
  #seq = -1;
  // Documents, by id; work 0 = no document.
  #work = new Int32Array(0);
  #quality = new Float64Array(0);
  #dateKey = new Float64Array(0);
  #flags = new Uint8Array(0);
  #facetStart = new Uint32Array(0);
  #facetLen = new Uint16Array(0);
  #pool = new Uint32Array(0);
  #poolUsed = 0;
  #poolGarbage = 0;
  #maxId = 0;
  // Works, by number.
  #rank = new Float64Array(0);
  #workSize = new Int32Array(0);
  // Facet values, by id.
  #facetOf = new Uint8Array(0);
  #values: string[] = [];
  #valueIds: Map<string, number>[] = INDEX_FACETS.map(() => new Map<string, number>());
  #maxValueId = 0;
  // Scratch space of one evaluation, reused.
  #stamp = 0;
  #docStamp = new Int32Array(0);
  #workStamp = new Int32Array(0);
  #bestDoc = new Int32Array(0);
  #bestScore = new Float64Array(0);
  #bestDate = new Float64Array(0);
  #newest = new Float64Array(0);
  #newestDoc = new Int32Array(0);
  #workFlags = new Uint8Array(0);
  #valueStamp = new Int32Array(0);
  #counts = new Int32Array(0);
  #filterBit = new Uint8Array(0);
  #countBitCache: { mask: number; size: number; bits: Uint8Array } | null = null;
  #sharedHead = new Int32Array(0);
  #touchedWorks = new Int32Array(0);
  #sharedWorks = new Int32Array(0);
  #sharedStamp = new Int32Array(0);
  #sharedNext = new Int32Array(0);
  #sharedDoc = new Int32Array(0);
  #sharedFailed = new Int32Array(0);

  /** Brings the arrays to the snapshot of the read transaction the caller holds. */
  sync(c: StatementSource): void {
    const state = c.stmt<[], { seq: number; epoch: number }>(READ_STATE).get();
    if (state === undefined) throw new Error('search_state has no row');
    if (state.epoch === this.#epoch && state.seq === this.#seq) return;
    this.syncValues(c);
    if (state.epoch !== this.#epoch) {
      this.#work = new Int32Array(0);
      this.#workSize = new Int32Array(0);
      this.#poolUsed = 0;
      this.#poolGarbage = 0;
      this.#maxId = 0;
      // Sized once from the largest block and work number, so that loading copies no array.
      const sizes = c.stmt<[], { blocks: number; works: number }>(SIZES).get();
      this.#ensureDocs(((sizes?.blocks ?? 0) + 1) * BLOCK_SIZE);
      this.#ensureWorks(sizes?.works ?? 0);
      this.#pool = grow(this.#pool, ((sizes?.blocks ?? 0) + 1) * BLOCK_SIZE * 8, (n) => new Uint32Array(n));
      for (const [block, data] of c.stmt<[], [number, Buffer]>(ALL_BLOCKS).raw().iterate()) {
        this.#loadBlock(block, data);
      }
    } else {
      for (const [block, data] of c
        .stmt<[number], [number, Buffer]>(CHANGED_BLOCKS)
        .raw()
        .iterate(this.#seq)) {
        this.#loadBlock(block, data);
      }
      if (this.#poolGarbage > this.#poolUsed / 2 && this.#poolGarbage > 1 << 16) this.#compactPool();
    }
    this.#epoch = state.epoch;
    this.#seq = state.seq;
  }

  /** Changes whenever the arrays change. */
  get version(): string {
    return `${this.#epoch}:${this.#seq}`;
  }

  /** Whether the arrays describe the index state (search_state seq and epoch) a worker read. */
  isSnapshot(seq: number, epoch: number): boolean {
    return seq === this.#seq && epoch === this.#epoch;
  }

  /** The largest document id loaded (ids run from 1): how far a rowid range must reach. */
  get documentSlots(): number {
    return this.#maxId;
  }

  /** Reads the facet values added since the last call. */
  syncValues(c: StatementSource): void {
    const rows = c
      .stmt<[number], { id: number; facet: string; value: string }>(NEW_FACET_VALUES)
      .all(this.#maxValueId);
    if (rows.length === 0) return;
    const last = rows.at(-1)?.id ?? 0;
    this.#facetOf = grow(this.#facetOf, last + 1, (n) => new Uint8Array(n), NO_FACET);
    for (const row of rows) {
      const facet = FACET_INDEX.get(row.facet) ?? NO_FACET;
      this.#facetOf[row.id] = facet;
      this.#values[row.id] = row.value;
      if (facet !== NO_FACET) this.#valueIds[facet]?.set(row.value, row.id);
    }
    this.#maxValueId = last;
  }

  /** Replaces what is known of the documents of one block with the block's records. */
  #loadBlock(block: number, data: Buffer): void {
    const first = block * BLOCK_SIZE;
    this.#ensureDocs(first + BLOCK_SIZE - 1);
    for (let id = first; id < first + BLOCK_SIZE; id += 1) this.#clearDoc(id);
    // Inline reading of search-blocks.ts records: this runs for every document when a process starts.
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let at = 0;
    while (at + RECORD_HEADER <= data.byteLength) {
      const id = first + view.getUint8(at);
      const count = view.getUint16(at + 2, true);
      const work = view.getUint32(at + 4, true);
      if (work >= this.#rank.length) this.#ensureWorks(work);
      this.#work[id] = work;
      this.#workSize[work] = (this.#workSize[work] ?? 0) + 1;
      this.#rank[work] = view.getFloat64(at + 8, true);
      this.#flags[id] = view.getUint8(at + 1);
      this.#quality[id] = view.getFloat64(at + 16, true);
      this.#dateKey[id] = view.getFloat64(at + 24, true);
      if (this.#poolUsed + count > this.#pool.length) {
        this.#pool = grow(this.#pool, this.#poolUsed + count, (n) => new Uint32Array(n));
      }
      const pool = this.#pool;
      let next = this.#poolUsed;
      at += RECORD_HEADER;
      for (let i = 0; i < count; i += 1) {
        pool[next++] = view.getUint32(at, true);
        at += 4;
      }
      this.#facetStart[id] = this.#poolUsed;
      this.#facetLen[id] = count;
      this.#poolUsed = next;
      if (id > this.#maxId) this.#maxId = id;
    }
  }

  #ensureDocs(id: number): void {
    const size = id + 1;
    if (this.#work.length >= size) return;
    this.#work = grow(this.#work, size, (n) => new Int32Array(n));
    this.#quality = grow(this.#quality, size, (n) => new Float64Array(n));
    this.#dateKey = grow(this.#dateKey, size, (n) => new Float64Array(n));
    this.#flags = grow(this.#flags, size, (n) => new Uint8Array(n));
    this.#facetStart = grow(this.#facetStart, size, (n) => new Uint32Array(n));
    this.#facetLen = grow(this.#facetLen, size, (n) => new Uint16Array(n));
    this.#docStamp = grow(this.#docStamp, size, (n) => new Int32Array(n));
  }

  #ensureWorks(num: number): void {
    const size = num + 1;
    if (this.#rank.length >= size) return;
    this.#rank = grow(this.#rank, size, (n) => new Float64Array(n));
    this.#workSize = grow(this.#workSize, size, (n) => new Int32Array(n));
    this.#workStamp = grow(this.#workStamp, size, (n) => new Int32Array(n));
    this.#bestDoc = grow(this.#bestDoc, size, (n) => new Int32Array(n));
    this.#bestScore = grow(this.#bestScore, size, (n) => new Float64Array(n));
    this.#bestDate = grow(this.#bestDate, size, (n) => new Float64Array(n));
    this.#newest = grow(this.#newest, size, (n) => new Float64Array(n));
    this.#newestDoc = grow(this.#newestDoc, size, (n) => new Int32Array(n));
    this.#workFlags = grow(this.#workFlags, size, (n) => new Uint8Array(n));
    this.#sharedHead = grow(this.#sharedHead, size, (n) => new Int32Array(n));
    this.#touchedWorks = grow(this.#touchedWorks, size, (n) => new Int32Array(n));
    this.#sharedWorks = grow(this.#sharedWorks, size, (n) => new Int32Array(n));
    this.#sharedStamp = grow(this.#sharedStamp, size, (n) => new Int32Array(n));
  }

  #clearDoc(id: number): void {
    if (id > this.#maxId) return;
    const work = this.#work[id] ?? 0;
    if (work === 0) return;
    this.#workSize[work] = (this.#workSize[work] ?? 1) - 1;
    this.#work[id] = 0;
    this.#poolGarbage += this.#facetLen[id] ?? 0;
    this.#facetLen[id] = 0;
  }

  #compactPool(): void {
    const next = new Uint32Array(Math.max(1024, this.#poolUsed - this.#poolGarbage));
    let used = 0;
    for (let id = 1; id <= this.#maxId; id += 1) {
      const len = this.#facetLen[id] ?? 0;
      if (len === 0) continue;
      const start = this.#facetStart[id] ?? 0;
      next.set(this.#pool.subarray(start, start + len), used);
      this.#facetStart[id] = used;
      used += len;
    }
    this.#pool = next;
    this.#poolUsed = used;
    this.#poolGarbage = 0;
  }

  /** The values of `facet` among the facet value ids of a stored blob, in stored order (call syncValues first). */
  facetValues(blob: Buffer, facet: IndexFacet): string[] {
    const f = FACET_INDEX.get(facet) ?? NO_FACET;
    const out: string[] = [];
    for (let i = 0; i + 4 <= blob.length; i += 4) {
      const v = blob.readUInt32LE(i);
      if (this.#facetOf[v] === f) out.push(this.#values[v] ?? '');
    }
    return out;
  }

  #nextStamp(): number {
    if (this.#stamp >= 0x7ffffff0) {
      this.#stamp = 0;
      this.#docStamp.fill(0);
      this.#workStamp.fill(0);
      this.#valueStamp.fill(0);
      this.#sharedStamp.fill(0);
    }
    this.#stamp += 1;
    return this.#stamp;
  }

  /** Per value id, the bit of its facet when that facet is counted (cached per set of counted facets). */
  #countBits(requestedMask: number): Uint8Array {
    const cached = this.#countBitCache;
    if (cached !== null && cached.mask === requestedMask && cached.size === this.#maxValueId + 1)
      return cached.bits;
    const bits = new Uint8Array(this.#maxValueId + 1);
    for (let v = 1; v <= this.#maxValueId; v += 1) {
      const f = this.#facetOf[v] ?? NO_FACET;
      if (f !== NO_FACET && ((requestedMask >> f) & 1) !== 0) bits[v] = 1 << f;
    }
    this.#countBitCache = { mask: requestedMask, size: this.#maxValueId + 1, bits };
    return bits;
  }

  /** Runs one query over the matches (see EvaluationSpec); the caller resolves the page into hits. */
  evaluate(spec: EvaluationSpec): Evaluation {
    const valueCount = this.#maxValueId + 1;
    this.#valueStamp = grow(this.#valueStamp, valueCount, (n) => new Int32Array(n));
    this.#counts = grow(this.#counts, valueCount, (n) => new Int32Array(n));
    this.#filterBit = grow(this.#filterBit, valueCount, (n) => new Uint8Array(n));
    const work = this.#work;
    const quality = this.#quality;
    const dateKey = this.#dateKey;
    const flags = this.#flags;
    const facetStart = this.#facetStart;
    const facetLen = this.#facetLen;
    const pool = this.#pool;
    const workSize = this.#workSize;
    const counts = this.#counts;
    const filterBit = this.#filterBit;
    const workStamp = this.#workStamp;
    const bestDoc = this.#bestDoc;
    const bestScore = this.#bestScore;
    const bestDate = this.#bestDate;
    const newest = this.#newest;
    const newestDoc = this.#newestDoc;
    const workFlags = this.#workFlags;

    // Filters: each filtered facet has a bit; a value id carries its facet's bit when it is selected.
    let filteredMask = 0;
    const selectedIds: number[] = [];
    for (const facet of INDEX_FACETS) {
      const values = spec.filters[facet];
      if (values.length === 0) continue;
      const f = FACET_INDEX.get(facet) ?? 0;
      filteredMask |= 1 << f;
      for (const value of values) {
        const id = this.#valueIds[f]?.get(value);
        if (id !== undefined) {
          filterBit[id] = 1 << f;
          selectedIds.push(id);
        }
      }
    }
    let requestedMask = 0;
    for (const facet of spec.facets) requestedMask |= 1 << (FACET_INDEX.get(facet) ?? 0);
    const countBit = this.#countBits(requestedMask);
    let flagMask = 0;
    let flagWant = 0;
    if (spec.free !== null) {
      flagMask |= FREE_KNOWN | FREE_TRUE;
      flagWant |= FREE_KNOWN | (spec.free ? FREE_TRUE : 0);
    }
    if (spec.noLogin !== null) {
      flagMask |= NO_LOGIN_KNOWN | NO_LOGIN_TRUE;
      flagWant |= NO_LOGIN_KNOWN | (spec.noLogin ? NO_LOGIN_TRUE : 0);
    }

    const stamp = this.#nextStamp();
    // Typed lists, filled up to their counters: a growing JS array costs several times more per element.
    const touchedWorks = this.#touchedWorks;
    let touchedCount = 0;
    const touchedValues: number[] = [];
    // Documents of works with several members, chained per work, so that each work counts a value once.
    const sharedHead = this.#sharedHead;
    let sharedCount = 0;
    const sharedWorks = this.#sharedWorks;
    let sharedWorkCount = 0;

    const visit = (id: number, score: number, viaOnly: boolean): void => {
      const w = work[id] ?? 0;
      if (w === 0 || ((flags[id] ?? 0) & flagMask) !== flagWant) return;
      const start = facetStart[id] ?? 0;
      const end = start + (facetLen[id] ?? 0);
      let failed = filteredMask;
      if (failed !== 0) for (let i = start; i < end; i += 1) failed &= ~(filterBit[pool[i] ?? 0] ?? 0);
      if (failed === 0) {
        const date = dateKey[id] ?? Number.NaN;
        if (workStamp[w] !== stamp) {
          workStamp[w] = stamp;
          touchedWorks[touchedCount++] = w;
          bestDoc[w] = id;
          bestScore[w] = score;
          bestDate[w] = date;
          newest[w] = date;
          newestDoc[w] = id;
          workFlags[w] = viaOnly ? 1 : 0;
        } else {
          const best = bestScore[w] ?? 0;
          const bestD = bestDate[w] ?? Number.NaN;
          if (score > best || (score === best && (date > bestD || (date === date && bestD !== bestD)))) {
            bestDoc[w] = id;
            bestScore[w] = score;
            bestDate[w] = date;
            workFlags[w] = viaOnly ? 1 : 0;
          } else if (score === best && (date === bestD || (date !== date && bestD !== bestD))) {
            workFlags[w] = (workFlags[w] ?? 0) | 2;
          }
          const newestD = newest[w] ?? Number.NaN;
          if (date > newestD || (date === date && newestD !== newestD)) {
            newest[w] = date;
            newestDoc[w] = id;
          }
        }
      }
      // Counted for facet f when every filter but f's own passes.
      if (requestedMask === 0) return;
      if (failed !== 0 && ((failed & (failed - 1)) !== 0 || (failed & requestedMask) === 0)) return;
      if ((workSize[w] ?? 0) > 1) {
        if (sharedCount === this.#sharedNext.length) this.#growShared();
        if (this.#sharedStamp[w] !== stamp) {
          this.#sharedStamp[w] = stamp;
          sharedHead[w] = -1;
          sharedWorks[sharedWorkCount++] = w;
        }
        this.#sharedDoc[sharedCount] = id;
        this.#sharedFailed[sharedCount] = failed;
        this.#sharedNext[sharedCount] = sharedHead[w] ?? -1;
        sharedHead[w] = sharedCount;
        sharedCount += 1;
        return;
      }
      for (let i = start; i < end; i += 1) {
        const v = pool[i] ?? 0;
        const bit = countBit[v] ?? 0;
        if (bit === 0 || (failed & ~bit) !== 0) continue;
        if (counts[v] === 0) touchedValues.push(v);
        counts[v] = (counts[v] ?? 0) + 1;
      }
    };

    if (spec.own === null) {
      const docStamp = this.#docStamp;
      for (const id of spec.excluded) if (id < docStamp.length) docStamp[id] = stamp;
      const last = this.#maxId;
      for (let id = 1; id <= last; id += 1) {
        if (work[id] !== 0 && docStamp[id] !== stamp) visit(id, 0, false);
      }
    } else {
      const { ids, ranks } = spec.own;
      const score = spec.score;
      const docStamp = this.#docStamp;
      for (let i = 0; i < ids.length; i += 1) {
        const id = ids[i] ?? 0;
        if (id < docStamp.length) docStamp[id] = stamp;
        visit(id, ranks === null ? 0 : score(ranks[i] ?? 0, quality[id] ?? 0), false);
      }
      if (spec.expansions !== null) {
        // Expansions count only for documents the user's words did not find.
        const { ids: more, ranks: moreRanks } = spec.expansions;
        const factor = spec.expansionFactor;
        for (let i = 0; i < more.length; i += 1) {
          const id = more[i] ?? 0;
          if (docStamp[id] === stamp) continue;
          visit(id, moreRanks === null ? 0 : factor * score(moreRanks[i] ?? 0, quality[id] ?? 0), true);
        }
      }
    }

    // Facet values of shared works: each value once per work.
    if (sharedWorkCount > 0) {
      const valueStamp = this.#valueStamp;
      const sharedDoc = this.#sharedDoc;
      const sharedFailed = this.#sharedFailed;
      const sharedNext = this.#sharedNext;
      for (let k = 0; k < sharedWorkCount; k += 1) {
        const w = sharedWorks[k] ?? 0;
        const group = this.#nextStamp();
        for (let at = sharedHead[w] ?? -1; at >= 0; at = sharedNext[at] ?? -1) {
          const id = sharedDoc[at] ?? 0;
          const failed = sharedFailed[at] ?? 0;
          const start = facetStart[id] ?? 0;
          const end = start + (facetLen[id] ?? 0);
          for (let i = start; i < end; i += 1) {
            const v = pool[i] ?? 0;
            const bit = countBit[v] ?? 0;
            if (bit === 0 || (failed & ~bit) !== 0 || valueStamp[v] === group) continue;
            valueStamp[v] = group;
            if (counts[v] === 0) touchedValues.push(v);
            counts[v] = (counts[v] ?? 0) + 1;
          }
        }
      }
    }

    const facets: Partial<Record<IndexFacet, Map<string, number>>> = {};
    for (const facet of spec.facets) facets[facet] = new Map();
    for (const v of touchedValues) {
      const facet = INDEX_FACETS[this.#facetOf[v] ?? NO_FACET];
      if (facet !== undefined) facets[facet]?.set(this.#values[v] ?? '', counts[v] ?? 0);
      counts[v] = 0;
    }

    const page = this.#select(spec, touchedWorks, touchedCount);
    const tied = page.filter((p) => p.tiedDocs.length > 0);
    if (tied.length > 0) {
      // A second pass over the matches collects every member equal to a tied page work's best.
      const lists = new Map<number, number[]>(tied.map((p) => [p.work, p.tiedDocs as number[]]));
      for (const list of lists.values()) list.length = 0;
      const consider = (id: number, score: number): void => {
        const w = work[id] ?? 0;
        const list = lists.get(w);
        if (list === undefined || score !== bestScore[w]) return;
        if (spec.own === null && this.#docStamp[id] === stamp) return;
        if (((flags[id] ?? 0) & flagMask) !== flagWant) return;
        const date = dateKey[id] ?? Number.NaN;
        const bestD = bestDate[w] ?? Number.NaN;
        if (!(date === bestD || (date !== date && bestD !== bestD))) return;
        if (filteredMask !== 0) {
          let failed = filteredMask;
          const start = facetStart[id] ?? 0;
          const end = start + (facetLen[id] ?? 0);
          for (let i = start; i < end; i += 1) failed &= ~(filterBit[pool[i] ?? 0] ?? 0);
          if (failed !== 0) return;
        }
        list.push(id);
      };
      this.#forEachMatch(spec, stamp, consider);
    }
    for (const id of selectedIds) filterBit[id] = 0;
    return { total: touchedCount, facets, page };
  }

  /** Calls `fn` with every matching document and its score, as evaluate visits them. */
  #forEachMatch(spec: EvaluationSpec, ownStamp: number, fn: (id: number, score: number) => void): void {
    if (spec.own === null) {
      for (let id = 1; id <= this.#maxId; id += 1) if (this.#work[id] !== 0) fn(id, 0);
      return;
    }
    const { ids, ranks } = spec.own;
    for (let i = 0; i < ids.length; i += 1) {
      const id = ids[i] ?? 0;
      fn(id, ranks === null ? 0 : spec.score(ranks[i] ?? 0, this.#quality[id] ?? 0));
    }
    if (spec.expansions !== null) {
      // evaluate() stamped the documents the user's words found.
      const docStamp = this.#docStamp;
      const { ids: more, ranks: moreRanks } = spec.expansions;
      for (let i = 0; i < more.length; i += 1) {
        const id = more[i] ?? 0;
        if (docStamp[id] === ownStamp) continue;
        const rank = moreRanks === null ? 0 : (moreRanks[i] ?? 0);
        fn(id, spec.expansionFactor * spec.score(rank, this.#quality[id] ?? 0));
      }
    }
  }

  #growShared(): void {
    const n = Math.max(1024, this.#sharedNext.length * 2);
    const more = (old: Int32Array): Int32Array<ArrayBuffer> => {
      const next = new Int32Array(n);
      next.set(old);
      return next;
    };
    this.#sharedNext = more(this.#sharedNext);
    this.#sharedDoc = more(this.#sharedDoc);
    this.#sharedFailed = more(this.#sharedFailed);
  }

  /** The page: works after the cursor, best first, at most `limit`, kept in a bounded heap. */
  #select(spec: EvaluationSpec, works: Int32Array, count: number): PageWork[] {
    const limit = spec.limit;
    if (limit === 0) return [];
    const byDate = spec.sort === 'date';
    const value = byDate ? this.#newest : this.#bestScore;
    const rank = this.#rank;
    // Negative when work a comes before work b.
    const compare = (a: number, b: number): number => {
      const x = value[a] ?? 0;
      const y = value[b] ?? 0;
      if (x !== y && (x === x || y === y)) {
        if (x !== x) return 1;
        if (y !== y) return -1;
        return x > y ? -1 : 1;
      }
      return (rank[a] ?? 0) - (rank[b] ?? 0);
    };
    const after = spec.after;
    const isAfter = (w: number): boolean => after === null || comesAfter(value[w] ?? 0, rank[w] ?? 0, after);
    // A max-heap on "comes later": its top is the worst work kept.
    const heap: number[] = [];
    const up = (i: number): void => {
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (compare(heap[i] ?? 0, heap[parent] ?? 0) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent] ?? 0, heap[i] ?? 0];
        i = parent;
      }
    };
    const down = (i: number): void => {
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let worst = i;
        if (left < heap.length && compare(heap[left] ?? 0, heap[worst] ?? 0) > 0) worst = left;
        if (right < heap.length && compare(heap[right] ?? 0, heap[worst] ?? 0) > 0) worst = right;
        if (worst === i) return;
        [heap[i], heap[worst]] = [heap[worst] ?? 0, heap[i] ?? 0];
        i = worst;
      }
    };
    for (let k = 0; k < count; k += 1) {
      const w = works[k] ?? 0;
      if (!isAfter(w)) continue;
      if (heap.length < limit) {
        heap.push(w);
        up(heap.length - 1);
      } else if (compare(w, heap[0] ?? 0) < 0) {
        heap[0] = w;
        down(0);
      }
    }
    heap.sort(compare);
    return heap.map((w) => ({
      work: w,
      rank: rank[w] ?? 0,
      bestDoc: this.#bestDoc[w] ?? 0,
      score: this.#bestScore[w] ?? 0,
      dateKey: this.#newest[w] ?? Number.NaN,
      newestDoc: this.#newestDoc[w] ?? 0,
      viaOnly: ((this.#workFlags[w] ?? 0) & 1) !== 0,
      tiedDocs: ((this.#workFlags[w] ?? 0) & 2) !== 0 ? [0] : [],
    }));
  }
}
