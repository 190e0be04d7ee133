// Duplicate grouping over the stored catalog: records from different sources that describe the same resource
// become one work. Harvests queue every changed record; a grouping pass takes the queue in batches, finds the
// records that share a blocking key with each one, lets the pair rules (dedupe/) decide, keeps every decided
// pair with its reason and score, and rebuilds the works around what changed. Curators' decisions (join two
// records, split two records apart) are kept by record id, so they survive re-harvests and win over the rules.
import { createHash } from 'node:crypto';
import type { RecordRef, WorkDecision, WorkEdge } from '../domain/catalog.js';
import { AtlasError } from '../domain/errors.js';
import type { ResourceRecord } from '../domain/profile.js';
import { comparePair, matchKeys } from '../dedupe/index.js';
import type { Store } from '../ports/store.js';

/** Records sharing a key with more than this many others are not compared on that key (generic titles). */
export const MAX_RECORDS_PER_KEY = 50;
/** A work never grows past this many members through the rules; curators can still join more. */
const MAX_COMPONENT = 1000;
const BATCH = 200;

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

export interface WorksService {
  /** Groups every queued record; `onProgress` hears the number done and the number still queued. */
  groupPending(onProgress?: (done: number, queued: number) => void): Promise<GroupingReport>;
  /** Queues every record (of one source) for grouping again, e.g. after the rules changed. */
  regroupAll(sourceId?: string): Promise<GroupingReport>;
  list(options: {
    readonly sourceId?: string;
    readonly minMembers?: number;
    readonly limit?: number;
    readonly after?: string;
  }): Promise<readonly WorkListing[]>;
  /** A curator's decision that two records describe the same resource. */
  join(a: RecordRef, b: RecordRef, note?: string): Promise<WorkDecision>;
  /** A curator's decision that two records must never be in one work. */
  split(a: RecordRef, b: RecordRef, note?: string): Promise<WorkDecision>;
  /** Withdraws a curator's decision and regroups the records it touched. */
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

function compareRefs(a: RecordRef, b: RecordRef): number {
  if (a.sourceId !== b.sourceId) return a.sourceId < b.sourceId ? -1 : 1;
  if (a.sourceRecordId === b.sourceRecordId) return 0;
  return a.sourceRecordId < b.sourceRecordId ? -1 : 1;
}

/** The id a new work gets: derived from its first member, so regrouping the same records gives the same id. */
function workIdFor(first: RecordRef): string {
  return `w_${createHash('sha256').update(refKey(first)).digest('hex').slice(0, 20)}`;
}

/** Union-find over record keys with cannot-link constraints (curators' splits). */
class Groups {
  private readonly parent = new Map<string, string>();
  private readonly size = new Map<string, number>();
  private readonly forbidden = new Map<string, Set<string>>();

  add(key: string): void {
    if (!this.parent.has(key)) {
      this.parent.set(key, key);
      this.size.set(key, 1);
    }
  }

  find(key: string): string {
    let root = key;
    for (let up = this.parent.get(root); up !== undefined && up !== root; up = this.parent.get(root))
      root = up;
    // Path compression.
    for (let node = key; node !== root;) {
      const next = this.parent.get(node) ?? root;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  forbid(a: string, b: string): void {
    this.add(a);
    this.add(b);
    const ra = this.find(a);
    const rb = this.find(b);
    if (!this.forbidden.has(ra)) this.forbidden.set(ra, new Set());
    if (!this.forbidden.has(rb)) this.forbidden.set(rb, new Set());
    this.forbidden.get(ra)?.add(b);
    this.forbidden.get(rb)?.add(a);
  }

  /** Joins the groups of a and b unless a curator split forbids it; false when refused. */
  union(a: string, b: string, cap: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return true;
    const sa = this.size.get(ra) ?? 1;
    const sb = this.size.get(rb) ?? 1;
    if (sa + sb > cap) return false;
    const fa = this.forbidden.get(ra);
    const fb = this.forbidden.get(rb);
    if (fa !== undefined && [...fa].some((k) => this.find(k) === rb)) return false;
    if (fb !== undefined && [...fb].some((k) => this.find(k) === ra)) return false;
    const [big, small] = sa >= sb ? [ra, rb] : [rb, ra];
    this.parent.set(small, big);
    this.size.set(big, sa + sb);
    const fs = this.forbidden.get(small);
    if (fs !== undefined) {
      const target = this.forbidden.get(big) ?? new Set<string>();
      for (const k of fs) target.add(k);
      this.forbidden.set(big, target);
      this.forbidden.delete(small);
    }
    return true;
  }

  components(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const key of this.parent.keys()) {
      const root = this.find(key);
      const list = out.get(root);
      if (list === undefined) out.set(root, [key]);
      else list.push(key);
    }
    return out;
  }
}

export function createWorksService(deps: WorksServiceDeps): WorksService {
  const { store } = deps;
  const clock = deps.clock ?? (() => new Date());

  /** Decides the pairs of each queued record anew and stores them. */
  async function relink(batch: readonly RecordRef[]): Promise<{ compared: number; linked: number }> {
    const rows = await store.getRecordsForGrouping(batch);
    const candidatesOf = new Map<string, RecordRef[]>();
    const wanted = new Map<string, RecordRef>();
    for (const row of rows) {
      if (row.status !== 'active' || row.record === null) continue;
      const keys = matchKeys(row.record);
      const found = keys.length === 0 ? [] : await store.findByMatchKeys(keys, MAX_RECORDS_PER_KEY);
      const own = refKey(row.ref);
      const seen = new Set<string>([own]);
      const list: RecordRef[] = [];
      for (const entry of found) {
        for (const ref of entry.refs) {
          const key = refKey(ref);
          if (seen.has(key)) continue;
          seen.add(key);
          list.push(ref);
          wanted.set(key, ref);
        }
      }
      candidatesOf.set(own, list);
    }
    const records = new Map<string, ResourceRecord>();
    for (const row of rows) if (row.record !== null) records.set(refKey(row.ref), row.record);
    const missing = [...wanted.entries()].filter(([key]) => !records.has(key)).map(([, ref]) => ref);
    for (let i = 0; i < missing.length; i += 500) {
      for (const row of await store.getRecordsForGrouping(missing.slice(i, i + 500))) {
        if (row.status === 'active' && row.record !== null) records.set(refKey(row.ref), row.record);
      }
    }
    let compared = 0;
    let linked = 0;
    await store.transaction(async (tx) => {
      for (const row of rows) {
        const own = refKey(row.ref);
        const record = row.status === 'active' ? row.record : null;
        if (record === null) {
          await tx.replaceWorkEdges(row.ref, []);
          continue;
        }
        const edges = [];
        for (const other of candidatesOf.get(own) ?? []) {
          const otherRecord = records.get(refKey(other));
          if (otherRecord === undefined) continue;
          compared += 1;
          const decision = comparePair(record, otherRecord);
          if (decision.relation === 'different') continue;
          edges.push({ other, relation: decision.relation, score: decision.score, reason: decision.reason });
        }
        linked += edges.length;
        await tx.replaceWorkEdges(row.ref, edges);
      }
    });
    return { compared, linked };
  }

  /** Rebuilds the works of everything connected to `seeds` by 'same' pairs or curator joins. */
  async function regroup(seeds: readonly RecordRef[]): Promise<number> {
    const refs = new Map<string, RecordRef>();
    const edges = new Map<string, WorkEdge>();
    let frontier = [...seeds];
    for (const ref of seeds) refs.set(refKey(ref), ref);
    // Current members of the seeds' works belong to the rebuild too: a record leaving a work may split it.
    const seedRows = await store.getRecordsForGrouping(seeds);
    const oldWorks = new Set(seedRows.flatMap((r) => (r.workId === null ? [] : [r.workId])));
    for (const workId of oldWorks) {
      for (const ref of await store.getWorkMembers(workId)) {
        if (!refs.has(refKey(ref))) {
          refs.set(refKey(ref), ref);
          frontier.push(ref);
        }
      }
    }
    const decisions = new Map<string, WorkDecision>();
    while (frontier.length > 0 && refs.size <= MAX_COMPONENT * 4) {
      const next: RecordRef[] = [];
      for (let i = 0; i < frontier.length; i += 500) {
        const part = frontier.slice(i, i + 500);
        const found = await store.listWorkEdges(part);
        for (const decision of await store.listWorkDecisions(part)) {
          decisions.set(decision.id, decision);
          for (const ref of [decision.a, decision.b]) {
            if (!refs.has(refKey(ref))) {
              refs.set(refKey(ref), ref);
              next.push(ref);
            }
          }
        }
        for (const edge of found) {
          edges.set(`${refKey(edge.a)}\u0000${refKey(edge.b)}`, edge);
          if (edge.relation !== 'same') continue;
          for (const ref of [edge.a, edge.b]) {
            if (!refs.has(refKey(ref))) {
              refs.set(refKey(ref), ref);
              next.push(ref);
            }
          }
        }
      }
      frontier = next;
    }

    const rows = new Map<string, { active: boolean; workId: string | null }>();
    const all = [...refs.values()];
    for (let i = 0; i < all.length; i += 500) {
      for (const row of await store.getRecordsForGrouping(all.slice(i, i + 500))) {
        rows.set(refKey(row.ref), { active: row.status === 'active', workId: row.workId });
      }
    }
    const groups = new Groups();
    for (const [key, row] of rows) if (row.active) groups.add(key);
    const active = (key: string) => rows.get(key)?.active === true;
    for (const decision of decisions.values()) {
      const a = refKey(decision.a);
      const b = refKey(decision.b);
      if (decision.action === 'split' && active(a) && active(b)) groups.forbid(a, b);
    }
    for (const decision of decisions.values()) {
      const a = refKey(decision.a);
      const b = refKey(decision.b);
      if (decision.action === 'join' && active(a) && active(b)) groups.union(a, b, Number.MAX_SAFE_INTEGER);
    }
    const same = [...edges.values()]
      .filter((e) => e.relation === 'same' && active(refKey(e.a)) && active(refKey(e.b)))
      .sort((x, y) => y.score - x.score || compareRefs(x.a, y.a) || compareRefs(x.b, y.b));
    for (const edge of same) groups.union(refKey(edge.a), refKey(edge.b), MAX_COMPONENT);

    // Each component keeps the work id most of its members already had, unless another component took it.
    const taken = new Set<string>();
    const assignments: { ref: RecordRef; workId: string }[] = [];
    const components = [...groups.components().values()].sort((x, y) => y.length - x.length);
    for (const members of components) {
      const votes = new Map<string, number>();
      for (const key of members) {
        const workId = rows.get(key)?.workId;
        if (workId !== null && workId !== undefined) votes.set(workId, (votes.get(workId) ?? 0) + 1);
      }
      const ranked = [...votes.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
      const memberRefs = members.map((key) => refs.get(key)).filter((r): r is RecordRef => r !== undefined);
      memberRefs.sort(compareRefs);
      const first = memberRefs[0];
      if (first === undefined) continue;
      let workId = ranked.find(([id]) => !taken.has(id))?.[0] ?? workIdFor(first);
      if (taken.has(workId)) workId = workIdFor(first);
      taken.add(workId);
      for (const ref of memberRefs) {
        if (rows.get(refKey(ref))?.workId !== workId) assignments.push({ ref, workId });
      }
    }
    if (assignments.length > 0) await store.setWorkIds(assignments);
    return assignments.length;
  }

  async function groupPending(onProgress?: (done: number, queued: number) => void): Promise<GroupingReport> {
    let processed = 0;
    let compared = 0;
    let linked = 0;
    let regrouped = 0;
    for (;;) {
      const batch = await store.listQueuedForGrouping(BATCH);
      if (batch.length === 0) break;
      const linkedNow = await relink(batch);
      compared += linkedNow.compared;
      linked += linkedNow.linked;
      regrouped += await regroup(batch);
      await store.dequeueGrouped(batch);
      processed += batch.length;
      onProgress?.(processed, await store.countQueuedForGrouping());
    }
    return { processed, compared, linked, regrouped };
  }

  async function decide(action: 'join' | 'split', a: RecordRef, b: RecordRef, note?: string) {
    if (refKey(a) === refKey(b)) {
      throw new AtlasError('invalid_parameter', 'A record cannot be joined with or split from itself.', {
        details: { parameter: 'record', value: refKey(a) },
      });
    }
    const rows = await store.getRecordsForGrouping([a, b]);
    for (const ref of [a, b]) {
      if (!rows.some((r) => refKey(r.ref) === refKey(ref))) {
        throw new AtlasError('not_found', `There is no record ${refKey(ref)}.`, {
          details: { record: refKey(ref) },
        });
      }
    }
    const decision = await store.addWorkDecision({
      action,
      a,
      b,
      at: clock().toISOString(),
      note: note ?? null,
    });
    await regroup([a, b]);
    return decision;
  }

  return {
    groupPending,
    async regroupAll(sourceId) {
      await store.enqueueAllForGrouping(sourceId);
      return groupPending();
    },
    async list(options) {
      const works = await store.listWorks({
        minMembers: options.minMembers ?? 2,
        limit: options.limit ?? 100,
        ...(options.sourceId === undefined ? {} : { sourceId: options.sourceId }),
        ...(options.after === undefined ? {} : { after: options.after }),
      });
      const out: WorkListing[] = [];
      for (const work of works) {
        const refs = work.members.map((m) => m.ref);
        out.push({
          workId: work.workId,
          members: work.members,
          links: await store.listWorkEdges(refs),
          decisions: await store.listWorkDecisions(refs),
        });
      }
      return out;
    },
    join: (a, b, note) => decide('join', a, b, note),
    split: (a, b, note) => decide('split', a, b, note),
    async undo(decisionId) {
      const all = await store.listWorkDecisions();
      const decision = all.find((d) => d.id === decisionId);
      if (decision === undefined) return false;
      const removed = await store.removeWorkDecision(decisionId);
      if (removed) await regroup([decision.a, decision.b]);
      return removed;
    },
  };
}
