// Duplicate grouping over the stored catalog: records from different sources that describe the same resource
// become one work. Harvests queue every changed record; a grouping pass takes the queue in batches. For each
// batch it first reads and compares, outside any transaction: the records sharing a blocking key with each
// queued record are found, the pair rules (dedupe/) decide on the features stored with each record (computed
// from the record when none are stored, or of an older version), and every kept pair gets its relation,
// score and reason. A pair whose other record is still queued outside the batch is left to that record's batch
// (each pair is compared once, where a first harvest would compare it in both batches), unless it is stored
// already; the transaction checks that those records are still queued, else plans the batch again. Then one
// transaction per batch stores those pairs, rebuilds the works around what changed (curators'
// joins as must-link, their splits as cannot-link, then 'same' pairs strongest first), sets the work ids and
// takes the batch off the queue with the tickets it was listed with, in that order (the order page writes lock
// records and queue entries in). A work keeps its id while members join or leave: each old id goes to the new
// group holding most of its members, and a part split off gets a new id. Curators' decisions are kept by
// record id, so they survive re-harvests; the latest decision about a pair is the one that counts.
import {
  type QueuedRecordRef,
  type RecordRef,
  type WorkDecision,
  type WorkEdge,
  type WorkEdgeInput,
} from '../domain/catalog.js';
import { AtlasError } from '../domain/errors.js';
import { newWorkId } from '../domain/work-id.js';
import { compareFeatures, decodeFeatures, RecordFeatures, type PairFeatures } from '../dedupe/index.js';
import type { Store, StoreSession } from '../ports/store.js';

/** Records sharing a key with more than this many others are not compared on that key (generic titles). */
export const MAX_RECORDS_PER_KEY = 50;
/** A work never grows past this many members through the rules; curators can still join more. */
const MAX_COMPONENT = 1000;
/** A rebuild stops following pairs past this many records (a pathological blob of look-alikes). */
const MAX_REBUILD = MAX_COMPONENT * 4;
/**
 * Records per grouping batch. A batch holds the comparison features of its records and of every candidate they
 * meet: on the ingest benchmark's catalog (shaped like real ones, where records meet 2-5
 * candidates each) 500 a batch raised the peak memory of a 20,000-record harvest 20-40 MB above what 200 did, for
 * no measurable difference in time (at 100,000 records no difference was measured).
 */
const BATCH = 200;
const KEYS_PER_LOOKUP = 10_000;
/** Tries of one batch that a deadlock, a serialization failure or a record removed meanwhile aborted. */
const ATTEMPTS = 4;
/**
 * Written first in every grouping transaction: the row lock it takes on PostgreSQL keeps two grouping passes
 * (two workers' afterRun) from rebuilding the same works at once; SQLite serializes writers anyway.
 */
export const GROUPED_AT_META = 'works.grouped_at';

export interface GroupingReport {
  /** Queued records processed. */
  readonly processed: number;
  /** Pairs compared by the rules. */
  readonly compared: number;
  /** Pairs kept (same, translation, adaptation). */
  readonly linked: number;
  /** Records whose work changed. */
  readonly regrouped: number;
}

export interface WorkMember {
  readonly ref: RecordRef;
  readonly name: string | null;
  readonly inLanguage: readonly string[];
}

export interface WorkListing {
  readonly workId: string;
  readonly members: readonly WorkMember[];
  /** The decided pairs between members (same) and to other works (translation, adaptation). */
  readonly links: readonly WorkEdge[];
  readonly decisions: readonly WorkDecision[];
}

/** A curator's decision and what it did. */
export interface DecisionOutcome {
  readonly decision: WorkDecision;
  /** The works of the two records afterwards (null for a record that is not active). */
  readonly workIds: readonly [string | null, string | null];
  /**
   * True when the records now are in one work (join) or in two (split); false when they are not active or
   * when other decisions prevent it (a join across a curator's split).
   */
  readonly effective: boolean;
}

export interface WorksService {
  /** Groups every queued record; `onProgress` hears the number done and the number still queued. */
  groupPending(onProgress?: (done: number, queued: number) => void): Promise<GroupingReport>;
  /** Queues every record (of one source) for grouping again, e.g. after the rules changed. */
  regroupAll(sourceId?: string): Promise<GroupingReport>;
  /** Works with their members, the pairs that touch them and curators' decisions (see ListWorksOptions). */
  list(options: {
    readonly sourceId?: string;
    readonly minMembers?: number;
    /** Also works of one record that a translation or adaptation links to another work. */
    readonly linked?: boolean;
    readonly limit?: number;
    readonly after?: string;
  }): Promise<readonly WorkListing[]>;
  /** A curator's decision that two records describe the same resource. */
  join(a: RecordRef, b: RecordRef, note?: string): Promise<DecisionOutcome>;
  /** A curator's decision that two records must never be in one work. */
  split(a: RecordRef, b: RecordRef, note?: string): Promise<DecisionOutcome>;
  /** Withdraws a curator's decision and regroups the records it touched; false when there is no such id. */
  undo(decisionId: string): Promise<boolean>;
}

export interface WorksServiceDeps {
  readonly store: Store;
  readonly clock?: () => Date;
}

/** "src_1:oai:x:1" <-> { sourceId: "src_1", sourceRecordId: "oai:x:1" }: the source id never holds a colon. */
export function refKey(ref: RecordRef): string {
  return `${ref.sourceId}:${ref.sourceRecordId}`;
}

export function parseRecordRef(text: string): RecordRef {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) {
    throw new AtlasError(
      'invalid_parameter',
      `"${text}" is not a record reference; write SOURCE_ID:SOURCE_RECORD_ID (e.g. src_0h7k3m9q2c4x:oai:example.org:42).`,
      { details: { parameter: 'record', value: text } },
    );
  }
  return { sourceId: text.slice(0, colon), sourceRecordId: text.slice(colon + 1) };
}

/** A map key for a ref that no pair of ids can share. */
function keyOf(ref: RecordRef): string {
  return `${ref.sourceId}\u0000${ref.sourceRecordId}`;
}

function pairKey(a: RecordRef, b: RecordRef): string {
  const x = keyOf(a);
  const y = keyOf(b);
  return x < y ? `${x}\u0001${y}` : `${y}\u0001${x}`;
}

/** UTF-16 code unit made to sort like its code point, so strings compare in UTF-8 byte order. */
function codePointOrder(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

function compareText(x: string, y: string): number {
  if (x === y) return 0;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i += 1) {
    const cx = x.charCodeAt(i);
    const cy = y.charCodeAt(i);
    if (cx !== cy) return codePointOrder(cx) - codePointOrder(cy);
  }
  return x.length - y.length;
}

/** The stores' canonical order of refs: sourceId, then sourceRecordId, in UTF-8 byte order. */
function compareRefs(a: RecordRef, b: RecordRef): number {
  return compareText(a.sourceId, b.sourceId) || compareText(a.sourceRecordId, b.sourceRecordId);
}

/** Errors after which running the batch again from its reads can succeed. */
function retryable(error: unknown): boolean {
  if (error instanceof AtlasError) return error.code === 'not_found';
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/** Union-find over record keys with cannot-link constraints (curators' splits). */
class Groups {
  private readonly parent = new Map<string, string>();
  private readonly size = new Map<string, number>();
  /** Per root: the records its group may never be joined with. */
  private readonly forbidden = new Map<string, Set<string>>();

  add(key: string): void {
    if (!this.parent.has(key)) {
      this.parent.set(key, key);
      this.size.set(key, 1);
    }
  }

  find(key: string): string {
    let root = key;
    for (let up = this.parent.get(root); up !== undefined && up !== root; up = this.parent.get(root)) {
      root = up;
    }
    for (let node = key; node !== root;) {
      const next = this.parent.get(node) ?? root;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  forbid(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    let fa = this.forbidden.get(ra);
    if (fa === undefined) this.forbidden.set(ra, (fa = new Set()));
    let fb = this.forbidden.get(rb);
    if (fb === undefined) this.forbidden.set(rb, (fb = new Set()));
    fa.add(b);
    fb.add(a);
  }

  private refuses(root: string, other: string): boolean {
    const set = this.forbidden.get(root);
    if (set === undefined) return false;
    for (const key of set) if (this.find(key) === other) return true;
    return false;
  }

  /** Joins the groups of a and b unless a split forbids it or the group would pass `cap`; false when refused. */
  union(a: string, b: string, cap: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return true;
    const sa = this.size.get(ra) ?? 1;
    const sb = this.size.get(rb) ?? 1;
    if (sa + sb > cap) return false;
    if (this.refuses(ra, rb) || this.refuses(rb, ra)) return false;
    const [big, small] = sa >= sb ? [ra, rb] : [rb, ra];
    this.parent.set(small, big);
    this.size.set(big, sa + sb);
    const moved = this.forbidden.get(small);
    if (moved !== undefined) {
      const target = this.forbidden.get(big);
      if (target === undefined) this.forbidden.set(big, moved);
      else for (const key of moved) target.add(key);
      this.forbidden.delete(small);
    }
    return true;
  }

  components(): string[][] {
    const out = new Map<string, string[]>();
    for (const key of this.parent.keys()) {
      const root = this.find(key);
      const list = out.get(root);
      if (list === undefined) out.set(root, [key]);
      else list.push(key);
    }
    return [...out.values()];
  }
}

interface PlannedEdges {
  readonly ref: RecordRef;
  readonly edges: readonly WorkEdgeInput[];
}

interface BatchPlan {
  readonly plans: readonly PlannedEdges[];
  readonly compared: number;
  readonly linked: number;
  /** Candidates left to their own batch: still queued when planned, and with no stored pair to a batch record. */
  readonly deferred: readonly RecordRef[];
}

/** A deferred candidate was grouped by another pass between planning and writing: the batch is planned again. */
class StalePlan extends Error {}

/** What a rebuild knows of one record. */
interface RecordState {
  readonly ref: RecordRef;
  readonly active: boolean;
  readonly workId: string | null;
}

export function createWorksService(deps: WorksServiceDeps): WorksService {
  const { store } = deps;
  const clock = deps.clock ?? (() => new Date());

  // One pass or curator change at a time in this process (a harvest's afterRun, `works group`, a join).
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  /**
   * The comparison features of the active records among `refs`: those stored with each record, else (written
   * without them, or by an older version of the rules) computed from the record.
   */
  async function featuresOf(refs: readonly RecordRef[]): Promise<Map<string, PairFeatures>> {
    const out = new Map<string, PairFeatures>();
    const unstored: RecordRef[] = [];
    for (const row of await store.getGroupingFeatures(refs)) {
      if (row.status !== 'active') continue;
      const features = row.features === null ? null : decodeFeatures(row.features);
      if (features === null) unstored.push(row.ref);
      else out.set(keyOf(row.ref), features);
    }
    if (unstored.length > 0) {
      for (const row of await store.getRecordsForGrouping(unstored)) {
        if (row.status === 'active' && row.record !== null) {
          out.set(keyOf(row.ref), new RecordFeatures(row.record));
        }
      }
    }
    return out;
  }

  /**
   * The candidates a batch leaves to their own batch, by key. A candidate still queued outside the batch will
   * have its own batch later in this pass (or in the next one), which compares it with this batch's records:
   * each pair is compared once, by the batch of the record processed last. A pair already stored is compared
   * now all the same, so that writing this batch's pairs does not drop it until the other record's batch puts
   * it back (its work would split meanwhile).
   */
  async function leftToOwnBatch(
    batch: readonly RecordRef[],
    candidatesOf: ReadonlyMap<string, readonly RecordRef[]>,
  ): Promise<Map<string, RecordRef>> {
    const inBatch = new Set(batch.map((r) => keyOf(r)));
    const outside = new Map<string, RecordRef>();
    for (const list of candidatesOf.values()) {
      for (const ref of list) if (!inBatch.has(keyOf(ref))) outside.set(keyOf(ref), ref);
    }
    const left = new Map<string, RecordRef>();
    if (outside.size === 0) return left;
    for (const ref of await store.getQueuedForGrouping([...outside.values()])) left.set(keyOf(ref), ref);
    if (left.size === 0) return left;
    for (const edge of await store.listWorkEdges(batch)) {
      left.delete(keyOf(edge.a));
      left.delete(keyOf(edge.b));
    }
    return left;
  }

  /**
   * Reads the queued records and their candidates and lets the rules decide each pair. No writes. The keys
   * come from what each record stored; whole records are read only for the records that meet another on a key
   * and for those others (most records of a new harvest meet nobody).
   */
  async function planEdges(batch: readonly RecordRef[], defer: boolean): Promise<BatchPlan> {
    const rows = await store.getGroupingStates(batch);
    const allKeys = new Set<string>();
    for (const row of rows) {
      if (row.status === 'active') for (const key of row.matchKeys) allKeys.add(key);
    }
    const holders = new Map<string, readonly RecordRef[]>();
    const keyList = [...allKeys];
    for (let i = 0; i < keyList.length; i += KEYS_PER_LOOKUP) {
      const hits = await store.findByMatchKeys(keyList.slice(i, i + KEYS_PER_LOOKUP), MAX_RECORDS_PER_KEY);
      for (const hit of hits) if (hit.refs.length > 0) holders.set(hit.key, hit.refs);
    }

    // Every record sharing a key with an active record of the batch, once per batch record.
    const candidatesOf = new Map<string, RecordRef[]>();
    for (const row of rows) {
      if (row.status !== 'active') continue;
      const own = keyOf(row.ref);
      const seen = new Set<string>([own]);
      const list: RecordRef[] = [];
      for (const key of row.matchKeys) {
        for (const ref of holders.get(key) ?? []) {
          const k = keyOf(ref);
          if (seen.has(k)) continue;
          seen.add(k);
          list.push(ref);
        }
      }
      if (list.length > 0) candidatesOf.set(own, list);
    }
    const deferred = defer ? await leftToOwnBatch(batch, candidatesOf) : new Map<string, RecordRef>();
    const needed = new Map<string, RecordRef>();
    for (const row of rows) {
      const own = keyOf(row.ref);
      const list = candidatesOf.get(own)?.filter((ref) => !deferred.has(keyOf(ref))) ?? [];
      if (list.length === 0) {
        candidatesOf.delete(own);
        continue;
      }
      candidatesOf.set(own, list);
      needed.set(own, row.ref);
      for (const ref of list) needed.set(keyOf(ref), ref);
    }
    const records =
      needed.size > 0 ? await featuresOf([...needed.values()]) : new Map<string, PairFeatures>();

    // Each pair is decided once, in canonical order, so the reason's "A" is the edge's first record.
    const decided = new Map<string, WorkEdgeInput | null>();
    let compared = 0;
    let linked = 0;
    const plans: PlannedEdges[] = [];
    for (const row of rows) {
      const own = keyOf(row.ref);
      const record = records.get(own);
      const edges: WorkEdgeInput[] = [];
      if (record !== undefined) {
        for (const other of candidatesOf.get(own) ?? []) {
          const otherRecord = records.get(keyOf(other));
          if (otherRecord === undefined) continue;
          const pair = pairKey(row.ref, other);
          let found = decided.get(pair);
          if (found === undefined) {
            compared += 1;
            const ownFirst = compareRefs(row.ref, other) < 0;
            const d = ownFirst ? compareFeatures(record, otherRecord) : compareFeatures(otherRecord, record);
            found =
              d.relation === 'different'
                ? null
                : { other, relation: d.relation, score: d.score, reason: d.reason };
            decided.set(pair, found);
          }
          if (found !== null) edges.push({ ...found, other });
        }
      }
      linked += edges.length;
      plans.push({ ref: row.ref, edges });
    }
    return { plans, compared, linked, deferred: [...deferred.values()] };
  }

  /**
   * Rebuilds the works of `seeds` and of everything tied to them: records sharing a work with one of them, and
   * records reached by 'same' pairs and curators' decisions. Writes only the work ids that change; returns how
   * many records changed work.
   */
  async function rebuild(s: StoreSession, seeds: readonly RecordRef[]): Promise<number> {
    const reached = new Map<string, RecordRef>();
    const states = new Map<string, RecordState>();
    const edges = new Map<string, WorkEdge>();
    const decisions = new Map<string, WorkDecision>();
    const expandedWorks = new Set<string>();
    const reach = (ref: RecordRef, into: RecordRef[]): void => {
      const k = keyOf(ref);
      if (reached.has(k)) return;
      reached.set(k, ref);
      into.push(ref);
    };
    let frontier: RecordRef[] = [];
    for (const ref of seeds) reach(ref, frontier);
    while (frontier.length > 0) {
      const next: RecordRef[] = [];
      for (const row of await s.getGroupingStates(frontier)) {
        states.set(keyOf(row.ref), { ref: row.ref, active: row.status === 'active', workId: row.workId });
        // Every member of a work met is rebuilt too: a record leaving a work may split it, and a work id is
        // only handed on when everyone holding it is in view.
        if (row.workId !== null && !expandedWorks.has(row.workId)) {
          expandedWorks.add(row.workId);
          for (const member of await s.getWorkMembers(row.workId)) reach(member, next);
        }
      }
      for (const edge of await s.listWorkEdges(frontier)) {
        edges.set(pairKey(edge.a, edge.b), edge);
        if (edge.relation === 'same') {
          reach(edge.a, next);
          reach(edge.b, next);
        }
      }
      for (const decision of await s.listWorkDecisions(frontier)) {
        decisions.set(decision.id, decision);
        reach(decision.a, next);
        reach(decision.b, next);
      }
      // Records reached past the limit keep their work until a pass of their own.
      if (reached.size > MAX_REBUILD) break;
      frontier = next;
    }

    const groups = new Groups();
    for (const [key, state] of states) if (state.active) groups.add(key);
    const active = (ref: RecordRef): boolean => states.get(keyOf(ref))?.active === true;

    // The latest decision about a pair is the one that counts; splits bind joins and rules alike.
    const latest = new Map<string, WorkDecision>();
    const chronological = [...decisions.values()].sort((x, y) =>
      x.at < y.at ? -1 : x.at > y.at ? 1 : compareText(x.id, y.id),
    );
    for (const decision of chronological) {
      const pair = pairKey(decision.a, decision.b);
      latest.delete(pair);
      latest.set(pair, decision);
    }
    for (const d of latest.values()) {
      if (d.action === 'split' && active(d.a) && active(d.b)) groups.forbid(keyOf(d.a), keyOf(d.b));
    }
    for (const d of latest.values()) {
      if (d.action === 'join' && active(d.a) && active(d.b)) {
        groups.union(keyOf(d.a), keyOf(d.b), Number.MAX_SAFE_INTEGER);
      }
    }
    const same = [...edges.values()]
      .filter((e) => e.relation === 'same' && active(e.a) && active(e.b))
      .sort((x, y) => y.score - x.score || compareRefs(x.a, y.a) || compareRefs(x.b, y.b));
    for (const edge of same) groups.union(keyOf(edge.a), keyOf(edge.b), MAX_COMPONENT);

    // Work ids: each old id goes to the group holding most of the records that had it; on a tie, to the group
    // where more of them did not change in this pass (the work the others left), then the first by ref.
    const seedKeys = new Set(seeds.map(keyOf));
    const components = groups.components().map((keys) => {
      const refs = keys.map((k) => states.get(k)?.ref).filter((r): r is RecordRef => r !== undefined);
      refs.sort(compareRefs);
      return refs;
    });
    interface Claim {
      readonly component: number;
      readonly workId: string;
      votes: number;
      unchanged: number;
    }
    const claims = new Map<string, Claim>();
    components.forEach((refs, component) => {
      for (const ref of refs) {
        const workId = states.get(keyOf(ref))?.workId ?? null;
        if (workId === null) continue;
        const id = `${component}\u0000${workId}`;
        let claim = claims.get(id);
        if (claim === undefined) claims.set(id, (claim = { component, workId, votes: 0, unchanged: 0 }));
        claim.votes += 1;
        if (!seedKeys.has(keyOf(ref))) claim.unchanged += 1;
      }
    });
    const firstRef = (component: number): RecordRef =>
      components[component]?.[0] ?? { sourceId: '', sourceRecordId: '' };
    const ranked = [...claims.values()].sort(
      (x, y) =>
        y.votes - x.votes ||
        y.unchanged - x.unchanged ||
        compareRefs(firstRef(x.component), firstRef(y.component)) ||
        compareText(x.workId, y.workId),
    );
    const workOf = new Map<number, string>();
    const handedOn = new Set<string>();
    for (const claim of ranked) {
      if (workOf.has(claim.component) || handedOn.has(claim.workId)) continue;
      workOf.set(claim.component, claim.workId);
      handedOn.add(claim.workId);
    }

    const assignments: { ref: RecordRef; workId: string | null }[] = [];
    components.forEach((refs, component) => {
      const workId = workOf.get(component) ?? newWorkId();
      for (const ref of refs) {
        if (states.get(keyOf(ref))?.workId !== workId) assignments.push({ ref, workId });
      }
    });
    // Deleted and failed records leave their work.
    for (const state of states.values()) {
      if (!state.active && state.workId !== null) assignments.push({ ref: state.ref, workId: null });
    }
    if (assignments.length > 0) await s.setWorkIds(assignments);
    return assignments.length;
  }

  /**
   * Replaces the stored pairs of each planned record that differ from the plan. Unchanged pairs stay as stored,
   * and a pair both of whose records are in the batch is written once.
   */
  async function storeEdges(tx: StoreSession, plans: readonly PlannedEdges[]): Promise<void> {
    // What is stored, per planned record: the other record's key -> relation, score and reason.
    const stored = new Map<string, Map<string, string>>();
    for (const { ref } of plans) stored.set(keyOf(ref), new Map());
    const describe = (e: { relation: string; score: number; reason: string }): string =>
      `${e.relation}\u0000${e.score}\u0000${e.reason}`;
    for (const edge of await tx.listWorkEdges(plans.map((p) => p.ref))) {
      const a = keyOf(edge.a);
      const b = keyOf(edge.b);
      stored.get(a)?.set(b, describe(edge));
      stored.get(b)?.set(a, describe(edge));
    }
    for (const { ref, edges } of plans) {
      const own = keyOf(ref);
      const before = stored.get(own) ?? new Map<string, string>();
      const unchanged =
        before.size === edges.length && edges.every((e) => before.get(keyOf(e.other)) === describe(e));
      if (unchanged) continue;
      await tx.replaceWorkEdges(ref, edges);
      // Keep the view of the other planned records in step with what was just written.
      for (const other of before.keys()) stored.get(other)?.delete(own);
      const after = new Map<string, string>();
      for (const e of edges) {
        const other = keyOf(e.other);
        after.set(other, describe(e));
        stored.get(other)?.set(own, describe(e));
      }
      stored.set(own, after);
    }
  }

  /** Plans one batch, then stores its pairs, work ids and dequeue in one transaction; tries again if aborted. */
  async function processBatch(batch: readonly QueuedRecordRef[]): Promise<GroupingReport> {
    let defer = true;
    for (let attempt = 1; ; attempt += 1) {
      const plan = await planEdges(batch, defer);
      try {
        const regrouped = await store.transaction(async (tx) => {
          await tx.setMeta(GROUPED_AT_META, clock().toISOString());
          // Passes are serialized from here on. A deferred candidate no longer queued was grouped by another
          // pass since this one planned, and that pass may have deferred the same pair to this batch.
          if (plan.deferred.length > 0) {
            const queued = await tx.getQueuedForGrouping(plan.deferred);
            if (queued.length < plan.deferred.length) throw new StalePlan();
          }
          await storeEdges(tx, plan.plans);
          const changed = await rebuild(tx, batch);
          await tx.dequeueGrouped(batch);
          return changed;
        });
        return { processed: batch.length, compared: plan.compared, linked: plan.linked, regrouped };
      } catch (error) {
        if (error instanceof StalePlan) {
          // Planned again comparing every candidate, which cannot be stale.
          defer = false;
          continue;
        }
        if (attempt >= ATTEMPTS || !retryable(error)) throw error;
      }
    }
  }

  async function groupPendingNow(
    onProgress?: (done: number, queued: number) => void,
  ): Promise<GroupingReport> {
    let processed = 0;
    let compared = 0;
    let linked = 0;
    let regrouped = 0;
    let previous = '';
    for (;;) {
      const batch = await store.listQueuedForGrouping(BATCH);
      if (batch.length === 0) break;
      // A batch listed again with the same tickets was not taken off the queue: stop instead of looping.
      const tickets = batch.map((q) => `${keyOf(q)}\u0000${q.ticket}`).join('\u0001');
      if (tickets === previous) {
        throw new AtlasError(
          'internal_error',
          'The grouping queue did not shrink after a batch was grouped.',
        );
      }
      previous = tickets;
      const report = await processBatch(batch);
      processed += report.processed;
      compared += report.compared;
      linked += report.linked;
      regrouped += report.regrouped;
      onProgress?.(processed, await store.countQueuedForGrouping());
    }
    return { processed, compared, linked, regrouped };
  }

  async function decide(
    action: 'join' | 'split',
    a: RecordRef,
    b: RecordRef,
    note?: string,
  ): Promise<DecisionOutcome> {
    if (a.sourceId === b.sourceId && a.sourceRecordId === b.sourceRecordId) {
      throw new AtlasError('invalid_parameter', 'A record cannot be joined with or split from itself.', {
        details: { parameter: 'record', value: refKey(a) },
      });
    }
    const found = new Set((await store.getRecordsForGrouping([a, b])).map((r) => keyOf(r.ref)));
    for (const ref of [a, b]) {
      if (!found.has(keyOf(ref))) {
        throw new AtlasError('not_found', `There is no record ${refKey(ref)}.`, {
          details: { record: refKey(ref) },
        });
      }
    }
    return await store.transaction(async (tx) => {
      await tx.setMeta(GROUPED_AT_META, clock().toISOString());
      // Decisions apply in the order they were made (the latest about a pair counts; of two joins that a split
      // makes incompatible, the earlier stands), so a new one sorts after all others even when the clock has
      // not moved on since the last one.
      const last = (await tx.listWorkDecisions()).at(-1);
      const at = Math.max(clock().getTime(), last === undefined ? 0 : Date.parse(last.at) + 1);
      const decision = await tx.addWorkDecision({
        action,
        a,
        b,
        at: new Date(at).toISOString(),
        note: note ?? null,
      });
      await rebuild(tx, [a, b]);
      const after = await tx.getRecordsForGrouping([a, b]);
      const workIdOf = (ref: RecordRef): string | null => {
        const row = after.find((r) => keyOf(r.ref) === keyOf(ref));
        return row?.status === 'active' ? row.workId : null;
      };
      const workIds = [workIdOf(a), workIdOf(b)] as const;
      const together = workIds[0] !== null && workIds[0] === workIds[1];
      const bothActive = workIds[0] !== null && workIds[1] !== null;
      return { decision, workIds, effective: bothActive && (action === 'join' ? together : !together) };
    });
  }

  return {
    groupPending: (onProgress) => exclusive(() => groupPendingNow(onProgress)),
    regroupAll: (sourceId) =>
      exclusive(async () => {
        await store.enqueueAllForGrouping(sourceId);
        return groupPendingNow();
      }),
    async list(options) {
      const works = await store.listWorks({
        minMembers: options.minMembers ?? 2,
        ...(options.linked === true ? { linked: true } : {}),
        limit: options.limit ?? 100,
        ...(options.sourceId === undefined ? {} : { sourceId: options.sourceId }),
        ...(options.after === undefined ? {} : { after: options.after }),
      });
      // One read of the pairs and decisions for the whole page, handed to the works their records are in.
      const workOf = new Map<string, number>();
      works.forEach((work, index) => {
        for (const m of work.members) workOf.set(keyOf(m.ref), index);
      });
      const refs = works.flatMap((w) => w.members.map((m) => m.ref));
      const links = works.map((): WorkEdge[] => []);
      const decisions = works.map((): WorkDecision[] => []);
      const place = <T extends { a: RecordRef; b: RecordRef }>(lists: T[][], item: T): void => {
        const x = workOf.get(keyOf(item.a));
        const y = workOf.get(keyOf(item.b));
        if (x !== undefined) lists[x]?.push(item);
        if (y !== undefined && y !== x) lists[y]?.push(item);
      };
      if (refs.length > 0) {
        for (const edge of await store.listWorkEdges(refs)) place(links, edge);
        for (const decision of await store.listWorkDecisions(refs)) place(decisions, decision);
      }
      return works.map((work, index) => ({
        workId: work.workId,
        members: work.members,
        links: links[index] ?? [],
        decisions: decisions[index] ?? [],
      }));
    },
    join: (a, b, note) => exclusive(() => decide('join', a, b, note)),
    split: (a, b, note) => exclusive(() => decide('split', a, b, note)),
    undo: (decisionId) =>
      exclusive(async () => {
        const decision = (await store.listWorkDecisions()).find((d) => d.id === decisionId);
        if (decision === undefined) return false;
        return await store.transaction(async (tx) => {
          await tx.setMeta(GROUPED_AT_META, clock().toISOString());
          if (!(await tx.removeWorkDecision(decisionId))) return false;
          await rebuild(tx, [decision.a, decision.b]);
          return true;
        });
      }),
  };
}
