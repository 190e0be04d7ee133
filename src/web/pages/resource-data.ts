// What the resource page shows, read through the search service and the store port: the work's best record,
// every member with its source and harvest time, and the works linked to it as translations or adaptations.
// No HTML here; resource.ts renders it.
import type { RecordRef, Source } from '../../domain/catalog.js';
import { AtlasError } from '../../domain/errors.js';
import type { ResourceRecord } from '../../domain/profile.js';
import { workKeyOf } from '../../search/work-key.js';
import type { PageDeps } from './index.js';

/** One source record of the work. */
export interface ResourceMember {
  readonly ref: RecordRef;
  readonly source: Source | null;
  readonly record: ResourceRecord;
  readonly harvestedAt: string;
}

/** Another work linked to this one by the grouping pass. */
export interface LinkedWork {
  /** Its key, for a link to its own page. */
  readonly key: string;
  readonly relation: 'translation' | 'adaptation';
  readonly record: ResourceRecord;
}

export interface ResourceView {
  /** The work key the page was asked for. */
  readonly key: string;
  /** The member with the best metadata: it stands for the work. */
  readonly record: ResourceRecord;
  readonly ref: RecordRef;
  /** Active members, the best one first. */
  readonly members: readonly ResourceMember[];
  readonly linked: readonly LinkedWork[];
}

/** Links to other works shown at most. */
const MAX_LINKED = 50;

function refId(ref: RecordRef): string {
  return `${ref.sourceId}\u0000${ref.sourceRecordId}`;
}

/** The resource a work key names, or an AtlasError 'not_found'. */
export async function loadResource(deps: PageDeps, key: string): Promise<ResourceView> {
  const found = await deps.search.resource(key);
  if (found === null) {
    throw new AtlasError('not_found', `There is no resource ${JSON.stringify(key.slice(0, 200))}.`, {
      details: { id: key.slice(0, 200) },
    });
  }
  const [rows, sources, edges] = await Promise.all([
    deps.store.getRecordsForIndex(found.members),
    deps.store.listSources(),
    deps.store.listWorkEdges(found.members),
  ]);
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const members: ResourceMember[] = [];
  for (const row of rows) {
    if (row.status !== 'active' || row.record === null) continue;
    members.push({
      ref: row.ref,
      source: sourceById.get(row.ref.sourceId) ?? null,
      record: row.record,
      harvestedAt: row.harvestedAt,
    });
  }
  const best = refId(found.ref);
  members.sort((a, b) => Number(refId(b.ref) === best) - Number(refId(a.ref) === best));

  const inWork = new Set(found.members.map(refId));
  const others = new Map<string, { ref: RecordRef; relation: 'translation' | 'adaptation' }>();
  for (const edge of edges) {
    if (edge.relation === 'same') continue;
    const other = inWork.has(refId(edge.a)) ? edge.b : edge.a;
    if (inWork.has(refId(other)) || others.has(refId(other))) continue;
    others.set(refId(other), { ref: other, relation: edge.relation });
    if (others.size >= MAX_LINKED) break;
  }
  const linked: LinkedWork[] = [];
  const seenKeys = new Set([key]);
  if (others.size > 0) {
    const otherRows = await deps.store.getRecordsForIndex([...others.values()].map((o) => o.ref));
    for (const row of otherRows) {
      const link = others.get(refId(row.ref));
      if (row.status !== 'active' || row.record === null || link === undefined) continue;
      const otherKey = workKeyOf(row.ref, row.workId);
      if (seenKeys.has(otherKey)) continue;
      seenKeys.add(otherKey);
      linked.push({ key: otherKey, relation: link.relation, record: row.record });
    }
  }
  return { key, record: found.record, ref: found.ref, members, linked };
}
