// Duplicate grouping end to end on real stores: profile records from three sources written the way the page
// writer writes them (with their matchKeys), grouped by the works service, and read back through the store and
// the service's listing. The same suite runs on a real SQLite file and on a throwaway PostgreSQL cluster.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { openPostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { FEATURES_VERSION } from '../../src/dedupe/index.js';
import type { RecordRef, SourceRecordInput, WorkEdge } from '../../src/domain/catalog.js';
import { AtlasError, type ErrorCode } from '../../src/domain/errors.js';
import type { ResourceRecord } from '../../src/domain/profile.js';
import { derivedFields } from '../../src/ingest/derived.js';
import type { Store, StoreSession } from '../../src/ports/store.js';
import { createWorksService, type WorksService } from '../../src/services/works-service.js';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.js';
import { skipUnless } from '../support/system-parts.js';
import { newSourceInput } from '../support/source-records.js';

interface StoreHarness {
  /** A migrated store on a fresh database. */
  readonly store: Store;
  /** Another store (own connections) on the same database, migrated. */
  readonly openAnother: () => Promise<Store>;
  readonly cleanup: () => Promise<void>;
}

const HARVESTED_AT = '2024-05-01T12:00:00.000Z';

// ---- records ----------------------------------------------------------------------------------------------

interface Spec {
  readonly source: string;
  readonly id: string;
  readonly title: string;
  readonly lang?: string;
  readonly description?: string;
  readonly url?: string;
  readonly doi?: string;
  readonly creators?: readonly string[];
  readonly extra?: Partial<ResourceRecord>;
}

/** A profile record as a mapper and the normalizers leave it. */
function resource(spec: Spec): ResourceRecord {
  const lang = spec.lang ?? 'en';
  const url =
    spec.url ?? `https://${spec.source.toLowerCase()}.example.org/items/${encodeURIComponent(spec.id)}`;
  return {
    id: url,
    type: ['LearningResource'],
    name: { [lang]: spec.title },
    ...(spec.description === undefined ? {} : { description: { [lang]: spec.description } }),
    url,
    identifiers: [
      { kind: 'url', value: url },
      ...(spec.doi === undefined ? [] : [{ kind: 'doi' as const, value: spec.doi }]),
    ],
    inLanguage: [lang],
    inLanguageOrigin: 'declared',
    ...(spec.creators === undefined
      ? {}
      : { creator: spec.creators.map((name) => ({ type: 'Person' as const, name })) }),
    provenance: [
      { sourceId: spec.source, sourceRecordId: spec.id, harvestedAt: HARVESTED_AT, fields: ['name', 'url'] },
    ],
    ...spec.extra,
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * What the page writer stores for a mapped record; `version` changes the raw payload (a re-harvest).
 * `features` replaces the stored grouping features: another text, or null for none.
 */
function activeInput(record: ResourceRecord, version = 1, features?: string | null): SourceRecordInput {
  const [p] = record.provenance;
  assert.ok(p !== undefined);
  const raw = JSON.stringify({ version, record });
  const derived = derivedFields(record);
  const groupingFeatures = features === undefined ? derived.groupingFeatures : features;
  return {
    sourceId: p.sourceId,
    sourceRecordId: p.sourceRecordId,
    status: 'active',
    sourceDatestamp: '2024-04-30',
    rawFormat: 'amb-jsonld',
    raw,
    rawHash: sha256(raw),
    record,
    errorCode: null,
    errorMessage: null,
    harvestedAt: HARVESTED_AT,
    matchKeys: derived.matchKeys,
    ...(groupingFeatures === null || groupingFeatures === undefined ? {} : { groupingFeatures }),
  };
}

function tombstone(ref: RecordRef): SourceRecordInput {
  const raw = `<header status="deleted"><identifier>${ref.sourceRecordId}</identifier></header>`;
  return {
    ...ref,
    status: 'deleted',
    sourceDatestamp: '2024-05-02',
    rawFormat: 'oai_dc',
    raw,
    rawHash: sha256(raw),
    record: null,
    errorCode: null,
    errorMessage: null,
    harvestedAt: HARVESTED_AT,
  };
}

function refOf(record: ResourceRecord): RecordRef {
  const [p] = record.provenance;
  assert.ok(p !== undefined);
  return { sourceId: p.sourceId, sourceRecordId: p.sourceRecordId };
}

function name(ref: RecordRef): string {
  return `${ref.sourceId}/${ref.sourceRecordId}`;
}

function hasCode(code: ErrorCode): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(err instanceof AtlasError, `expected an AtlasError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return true;
  };
}

/** The catalog the scenarios start from: three sources and the records each said. */
function catalog(s: { a: string; b: string; c: string }) {
  const sociologyPage = 'https://openstax.org/details/books/introduction-sociology-3e';
  return {
    // One textbook, one DOI written two ways.
    stats1: resource({
      source: s.a,
      id: 'oai:a:stats',
      title: 'Introductory Statistics',
      doi: '10.5555/stats.2023',
      description:
        'An introduction to descriptive and inferential statistics for first-year college students.',
      creators: ['Barbara Illowsky', 'Susan Dean'],
    }),
    stats2: resource({
      source: s.b,
      id: 'b-991',
      title: 'Introductory statistics (OpenStax)',
      doi: 'https://doi.org/10.5555/STATS.2023',
      creators: ['Illowsky, Barbara'],
    }),
    // One book page, its address written differently (scheme, www, trailing slash, tracking parameter).
    soc1: resource({
      source: s.a,
      id: 'oai:a:soc',
      title: 'Introduction to Sociology 3e',
      url: sociologyPage,
      description:
        'Introduction to Sociology 3e aligns to the topics and objectives of many introductory sociology courses.',
    }),
    soc2: resource({
      source: s.c,
      id: 'merlot-77',
      title: 'Introduction to Sociology 3e',
      url: 'http://www.openstax.org/details/books/introduction-sociology-3e/?utm_source=merlot',
      description: 'A free, peer-reviewed textbook for the introductory sociology course.',
    }),
    // Its German translation, which says so.
    socDe: resource({
      source: s.c,
      id: 'merlot-78',
      lang: 'de',
      title: 'Einführung in die Soziologie',
      url: 'https://oer.example.de/soziologie',
      description: 'Eine deutsche Übersetzung des Lehrbuchs Introduction to Sociology für Einführungskurse.',
      extra: { translationOfWork: { id: sociologyPage, inLanguage: 'en' } },
    }),
    // A near duplicate: no identifier in common, title and description nearly the same, one author.
    photo1: resource({
      source: s.b,
      id: 'b-100',
      title: 'Photosynthesis and Cellular Respiration: An Interactive Lesson',
      description:
        'Students explore how plants capture light energy in photosynthesis and how cells release that energy ' +
        'in cellular respiration, using an interactive simulation and guided questions.',
      creators: ['Maria Lopez'],
    }),
    photo2: resource({
      source: s.c,
      id: 'merlot-100',
      title: 'Photosynthesis & cellular respiration - an interactive lesson',
      description:
        'Students explore how plants capture light energy in photosynthesis and how cells release that energy ' +
        'in cellular respiration using an interactive simulation and guided questions',
      creators: ['Lopez, Maria'],
    }),
    // A hard negative: two courses of one series on one landing page, same author and description.
    algebra1: resource({
      source: s.a,
      id: 'oai:a:alg1',
      title: 'Algebra 1',
      url: 'https://math.example.org/courses/algebra',
      description:
        'A complete open course in high school algebra with lessons, practice problems and assessments.',
      creators: ['Kim Chen'],
    }),
    algebra2: resource({
      source: s.b,
      id: 'b-alg2',
      title: 'Algebra 2',
      url: 'https://math.example.org/courses/algebra/',
      description:
        'A complete open course in high school algebra with lessons, practice problems and assessments.',
      creators: ['Kim Chen'],
    }),
  };
}

// ---- the suite ----------------------------------------------------------------------------------------------

function defineWorksSuite(backend: string, open: () => Promise<StoreHarness>): void {
  void describe(`works service on ${backend}`, () => {
    let h: StoreHarness;
    let store: Store;
    let works: WorksService;
    let src: { a: string; b: string; c: string };
    let r: ReturnType<typeof catalog>;

    beforeEach(async () => {
      h = await open();
      store = h.store;
      works = createWorksService({ store });
      const add = async (label: string) =>
        (
          await store.createSource(
            newSourceInput({ name: `Repository ${label}`, url: `https://${label}.example.org/oai` }),
          )
        ).id;
      src = { a: await add('a'), b: await add('b'), c: await add('c') };
      r = catalog(src);
    });
    afterEach(async () => {
      await h.cleanup();
    });

    async function write(...inputs: SourceRecordInput[]): Promise<void> {
      await store.upsertSourceRecords(inputs);
    }

    async function workOf(record: ResourceRecord | RecordRef): Promise<string | null> {
      const ref = 'provenance' in record ? refOf(record) : record;
      const [row] = await store.getRecordsForGrouping([ref]);
      assert.ok(row !== undefined, `${name(ref)} is stored`);
      return row.workId;
    }

    /** Every stored record's work, by "source/record". */
    async function snapshot(): Promise<Map<string, string | null>> {
      const refs = Object.values(r).map(refOf);
      const rows = await store.getRecordsForGrouping(refs);
      return new Map(rows.map((row) => [name(row.ref), row.workId]));
    }

    function withoutTimes(edges: readonly WorkEdge[]) {
      return edges.map(({ createdAt: _createdAt, ...rest }) => rest);
    }

    async function memberSets(): Promise<string[][]> {
      return (await works.list({ limit: 1000 }))
        .map((w) => w.members.map((m) => name(m.ref)).sort())
        .sort((x, y) => (x[0] ?? '').localeCompare(y[0] ?? ''));
    }

    void it('groups one resource from two sources, keeps translations and look-alikes apart, and says why', async () => {
      await write(...Object.values(r).map((rec) => activeInput(rec)));
      const report = await works.groupPending();
      assert.equal(report.processed, 9);
      assert.ok(report.compared >= 5, `pairs compared: ${report.compared}`);
      assert.equal(await store.countQueuedForGrouping(), 0);

      const listed = await works.list({});
      const expected = [
        [r.stats1, r.stats2],
        [r.soc1, r.soc2],
        [r.photo1, r.photo2],
      ].map((pair) => pair.map((x) => name(refOf(x))).sort());
      assert.deepEqual(
        listed.map((w) => w.members.map((m) => name(m.ref)).sort()).sort(),
        expected.sort(),
        'exactly the three duplicate pairs form works',
      );
      const reasons = new Map<string, string>();
      for (const work of listed) {
        const same = work.links.filter((l) => l.relation === 'same');
        assert.equal(same.length, 1, `${work.workId} holds its one pair`);
        const [link] = same;
        assert.ok(link !== undefined);
        assert.ok(link.score > 0.5 && link.score <= 1);
        for (const m of work.members) assert.ok([name(link.a), name(link.b)].includes(name(m.ref)));
        reasons.set(
          work.members
            .map((m) => m.ref.sourceRecordId)
            .sort()
            .join(' '),
          link.reason,
        );
        assert.ok(work.members.every((m) => m.name !== null && m.inLanguage.includes('en')));
      }
      assert.match(reasons.get('b-991 oai:a:stats') ?? '', /DOI 10\.5555\/stats\.2023/);
      assert.match(reasons.get('merlot-77 oai:a:soc') ?? '', /address openstax\.org/);
      assert.match(reasons.get('b-100 merlot-100') ?? '', /title .*description/);

      // The translation: its own work, linked to the book's records.
      const bookWork = await workOf(r.soc1);
      const germanWork = await workOf(r.socDe);
      assert.ok(bookWork !== null && germanWork !== null);
      assert.notEqual(germanWork, bookWork);
      const sociology = listed.find((w) => w.workId === bookWork);
      const translations = sociology?.links.filter((l) => l.relation === 'translation') ?? [];
      assert.equal(translations.length, 2, 'both copies of the book are linked to the translation');
      for (const link of translations) {
        assert.ok([name(link.a), name(link.b)].includes(name(refOf(r.socDe))));
        assert.match(link.reason, /translation/);
      }

      // The hard negative: compared (they share an address) and kept apart.
      const alg1 = await workOf(r.algebra1);
      const alg2 = await workOf(r.algebra2);
      assert.ok(alg1 !== null && alg2 !== null);
      assert.notEqual(alg1, alg2);
      assert.deepEqual(await store.listWorkEdges([refOf(r.algebra1)]), [], 'no pair kept for Algebra 1/2');

      // Every active record is in exactly one work; works of one are not listed.
      const all = await snapshot();
      assert.ok([...all.values()].every((w) => w !== null));
      assert.equal(new Set(all.values()).size, 6);
      assert.equal((await works.list({ minMembers: 1, limit: 100 })).length, 6);
      assert.deepEqual(
        (await works.list({ sourceId: src.b })).map((w) => w.workId).sort(),
        [await workOf(r.stats1), await workOf(r.photo1)].sort(),
      );
    });

    void it('decides on the stored features, and from the records when none are stored or of another version', async () => {
      const edgesNow = async () => withoutTimes(await store.listWorkEdges(Object.values(r).map(refOf)));
      await write(...Object.values(r).map((rec) => activeInput(rec)));
      await works.groupPending();
      const fromStored = await edgesNow();
      const groups = await memberSets();
      assert.equal(groups.length, 3);
      // Written again without features, then with features of an older version: the same pairs and works.
      for (const [version, features] of [
        [2, null],
        [3, `[${FEATURES_VERSION - 1},[],[],[],[],[],"","",[],[],[],[],0]`],
      ] as const) {
        await write(...Object.values(r).map((rec) => activeInput(rec, version, features)));
        const report = await works.groupPending();
        assert.equal(report.processed, 9);
        assert.deepEqual(await edgesNow(), fromStored, `features ${String(features)}`);
        assert.deepEqual(await memberSets(), groups);
      }
      // Stored features are what the rules read: photo2 stored with the features of Algebra 2 no longer
      // matches photo1, which it still meets on its keys.
      const algebraFeatures = derivedFields(r.algebra2).groupingFeatures;
      assert.ok(algebraFeatures !== undefined);
      await write(activeInput(r.photo2, 4, algebraFeatures));
      await works.groupPending();
      assert.notEqual(await workOf(r.photo1), await workOf(r.photo2));
      await write(activeInput(r.photo2, 5));
      await works.groupPending();
      assert.equal(await workOf(r.photo1), await workOf(r.photo2));
    });

    void it('changes nothing on a second pass or a full regrouping', async () => {
      await write(...Object.values(r).map((rec) => activeInput(rec)));
      await works.groupPending();
      const before = await snapshot();
      const edgesBefore = withoutTimes(await store.listWorkEdges(Object.values(r).map(refOf)));
      const edgesAt = (await store.listWorkEdges(Object.values(r).map(refOf))).map((e) => e.createdAt);
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.deepEqual(await works.groupPending(), { processed: 0, compared: 0, linked: 0, regrouped: 0 });
      const again = await works.regroupAll();
      assert.equal(again.processed, 9);
      assert.equal(again.regrouped, 0, 'no record changed work');
      assert.deepEqual(await snapshot(), before);
      assert.deepEqual(withoutTimes(await store.listWorkEdges(Object.values(r).map(refOf))), edgesBefore);
      assert.deepEqual(
        (await store.listWorkEdges(Object.values(r).map(refOf))).map((e) => e.createdAt),
        edgesAt,
        'pairs decided the same way are not rewritten',
      );
      // An unchanged re-harvest queues nothing.
      await write(activeInput(r.stats1), activeInput(r.stats2));
      assert.equal(await store.countQueuedForGrouping(), 0);
    });

    void it('groups later what was written while a pass ran, with the version written last', async () => {
      await write(...Object.values(r).map((rec) => activeInput(rec)));
      const stats3 = resource({
        source: src.c,
        id: 'merlot-stats',
        title: 'Introductory Statistics',
        doi: 'doi:10.5555/stats.2023',
      });
      // soc2 is re-harvested as another book while the first batch is being grouped.
      const soc2Moved = resource({
        ...{ source: src.c, id: 'merlot-77' },
        title: 'Principles of Economics',
        url: 'https://openstax.org/details/books/principles-economics-3e',
      });
      // A harvest writes right after the pass listed its first batch.
      let wrote = false;
      const listQueued = async (limit: number) => {
        const listed = await store.listQueuedForGrouping(limit);
        if (!wrote) {
          wrote = true;
          await store.upsertSourceRecords([activeInput(soc2Moved, 2), activeInput(stats3)]);
        }
        return listed;
      };
      const racing = new Proxy(store, {
        get(target, property) {
          if (property === 'listQueuedForGrouping') return listQueued;
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function'
            ? (value as (...args: unknown[]) => unknown).bind(target)
            : value;
        },
      });
      const service = createWorksService({ store: racing });
      const report = await service.groupPending();
      assert.equal(report.processed, 9 + 2, 'the re-written record and the new one are grouped again');
      assert.equal(await store.countQueuedForGrouping(), 0);
      assert.equal(await workOf(stats3), await workOf(r.stats1));
      assert.notEqual(await workOf(r.soc1), await workOf(soc2Moved));
      assert.deepEqual(await store.listWorkEdges([refOf(r.soc1)]).then((e) => e.map((x) => x.relation)), [
        'translation',
      ]);
    });

    void it('lets a record that no longer matches leave its work, which keeps its id; a deleted one leaves too', async () => {
      const stats3 = resource({
        source: src.c,
        id: 'merlot-stats',
        title: 'Introductory Statistics',
        doi: 'doi:10.5555/stats.2023',
      });
      await write(activeInput(r.stats1), activeInput(r.stats2), activeInput(stats3));
      await write(activeInput(r.soc1), activeInput(r.soc2));
      await works.groupPending();
      const statsWork = await workOf(r.stats1);
      const socWork = await workOf(r.soc1);
      assert.ok(statsWork !== null && socWork !== null);
      assert.equal(await workOf(r.stats2), statsWork);
      assert.equal(await workOf(stats3), statsWork);
      assert.equal(await workOf(r.soc2), socWork);

      // stats2 turns out to describe another book; soc2 is re-catalogued under another address.
      const other = resource({
        source: src.b,
        id: 'b-991',
        title: 'Introductory Business Statistics',
        doi: '10.5555/busstats.2021',
      });
      const socMoved = resource({
        source: src.c,
        id: 'merlot-77',
        title: 'Introduction to Philosophy',
        url: 'https://openstax.org/details/books/introduction-philosophy',
      });
      await write(activeInput(other, 2), activeInput(socMoved, 2));
      const report = await works.groupPending();
      assert.equal(report.processed, 2);
      assert.equal(await workOf(r.stats1), statsWork, 'the remaining members keep their work id');
      assert.equal(await workOf(stats3), statsWork);
      const leftWork = await workOf(other);
      assert.ok(leftWork !== null && leftWork !== statsWork);
      assert.equal(await workOf(r.soc1), socWork, 'of two, the record that did not change keeps the id');
      assert.notEqual(await workOf(socMoved), socWork);
      assert.deepEqual(
        (await store.getWorkMembers(statsWork)).map(name).sort(),
        [name(refOf(r.stats1)), name(refOf(stats3))].sort(),
      );

      // A tombstone leaves its work; the remaining record keeps the id.
      await write(tombstone(refOf(stats3)));
      await works.groupPending();
      assert.equal(await workOf(stats3), null);
      assert.equal(await workOf(r.stats1), statsWork);
      assert.deepEqual(await store.getWorkMembers(statsWork), [refOf(r.stats1)]);
      assert.deepEqual(await store.listWorkEdges([refOf(stats3)]), []);

      // stats2 is corrected back: it rejoins the work under its old id.
      await write(activeInput(r.stats2, 3));
      await works.groupPending();
      assert.equal(await workOf(r.stats2), statsWork);
      assert.deepEqual(await memberSets(), [[name(refOf(r.stats1)), name(refOf(r.stats2))].sort()]);
    });

    void it('keeps a curator split through re-harvests and regrouping, and undo restores the rules', async () => {
      await write(activeInput(r.stats1), activeInput(r.stats2));
      await works.groupPending();
      const work = await workOf(r.stats1);
      assert.equal(await workOf(r.stats2), work);

      const outcome = await works.split(refOf(r.stats2), refOf(r.stats1), 'the 2023 and 2013 editions');
      assert.equal(outcome.effective, true);
      assert.equal(outcome.decision.action, 'split');
      assert.notEqual(outcome.workIds[0], outcome.workIds[1]);
      assert.deepEqual(
        [await workOf(r.stats1), await workOf(r.stats2)].filter((id) => id === work).length,
        1,
        'one side keeps the id, the part split off gets a new one',
      );
      assert.deepEqual(await works.list({}), []);

      // Both re-harvested with new payloads: queued, compared again (still 'same' by the rules), still apart.
      await write(activeInput(r.stats1, 2), activeInput(r.stats2, 2));
      assert.equal(await store.countQueuedForGrouping(), 2);
      const report = await works.groupPending();
      assert.equal(report.linked, 2, 'the rules still call them the same (one pair, seen from both)');
      assert.notEqual(await workOf(r.stats1), await workOf(r.stats2));
      await works.regroupAll();
      assert.notEqual(await workOf(r.stats1), await workOf(r.stats2));
      assert.deepEqual(await works.list({}), []);

      const apart = [await workOf(r.stats1), await workOf(r.stats2)];
      assert.equal(await works.undo(outcome.decision.id), true);
      assert.equal(await workOf(r.stats1), await workOf(r.stats2));
      assert.ok(apart.includes(await workOf(r.stats1)), 'the rejoined work takes one of the two ids');
      assert.equal(await works.undo(outcome.decision.id), false, 'already taken back');
      assert.deepEqual(await store.listWorkDecisions(), []);
    });

    void it('keeps a curator join of unrelated records through re-harvests; undo parts them', async () => {
      await write(activeInput(r.photo1), activeInput(r.algebra1), activeInput(r.algebra2));
      await works.groupPending();
      assert.notEqual(await workOf(r.photo1), await workOf(r.algebra1));

      const outcome = await works.join(refOf(r.photo1), refOf(r.algebra1), 'same lesson kit');
      assert.equal(outcome.effective, true);
      const joined = await workOf(r.photo1);
      assert.equal(await workOf(r.algebra1), joined);
      assert.notEqual(await workOf(r.algebra2), joined);

      await write(activeInput(r.photo1, 2), activeInput(r.algebra1, 2));
      await works.groupPending();
      assert.equal(await workOf(r.algebra1), await workOf(r.photo1));
      await works.regroupAll();
      assert.equal(await workOf(r.algebra1), await workOf(r.photo1));
      const [listed] = await works.list({});
      assert.ok(listed !== undefined);
      assert.deepEqual(
        listed.decisions.map((d) => [d.action, d.note]),
        [['join', 'same lesson kit']],
      );
      assert.deepEqual(listed.links, [], 'no rule links them');

      assert.equal(await works.undo(outcome.decision.id), true);
      assert.notEqual(await workOf(r.algebra1), await workOf(r.photo1));
      assert.deepEqual(await works.list({}), []);
    });

    void it('does not chain A~B and B~C into one work when A and C are split', async () => {
      works = createWorksService({ store, clock: () => new Date('2024-06-01T08:00:00.000Z') });
      const title = 'Open Music Theory';
      const description =
        'An interactive, open textbook for the core music theory curriculum of American colleges and universities.';
      const a = resource({ source: src.a, id: 'a', title, doi: '10.5555/omt', description });
      const b = resource({
        source: src.b,
        id: 'b',
        title,
        doi: '10.5555/OMT',
        url: 'https://viva.pressbooks.pub/openmusictheory',
        description,
      });
      const c = resource({
        source: src.c,
        id: 'c',
        title: 'Open music theory',
        url: 'https://viva.pressbooks.pub/openmusictheory/',
      });
      await write(activeInput(a), activeInput(b), activeInput(c));
      await works.groupPending();
      const one = await workOf(a);
      assert.equal(await workOf(b), one);
      assert.equal(await workOf(c), one, 'the chain makes one work without a decision');

      const outcome = await works.split(refOf(a), refOf(c));
      assert.equal(outcome.effective, true);
      assert.notEqual(await workOf(a), await workOf(c));
      assert.equal(await workOf(b), await workOf(a), 'B goes with the stronger pair (the DOI)');

      await write(activeInput(a, 2), activeInput(b, 2), activeInput(c, 2));
      await works.regroupAll();
      assert.notEqual(await workOf(a), await workOf(c));
      assert.equal(await workOf(b), await workOf(a));

      // A curator joins B and C: that beats the rules' A~B pair, and the split still holds.
      const joinBC = await works.join(refOf(b), refOf(c));
      assert.equal(joinBC.effective, true);
      assert.equal(await workOf(b), await workOf(c));
      assert.notEqual(await workOf(a), await workOf(c));
      // Joining A and B too would put A and C together: the split wins and the join says it did not apply.
      const joinAB = await works.join(refOf(a), refOf(b));
      assert.equal(joinAB.effective, false);
      assert.notEqual(await workOf(a), await workOf(c));
      assert.equal(await workOf(b), await workOf(c), 'the earlier join stands');
    });

    void it('lets the latest decision about a pair count, even within one millisecond', async () => {
      await write(activeInput(r.stats1), activeInput(r.stats2));
      // A clock that never moves: decisions still apply in the order they were made.
      works = createWorksService({ store, clock: () => new Date('2024-06-01T08:00:00.000Z') });
      await works.groupPending();
      await works.split(refOf(r.stats1), refOf(r.stats2));
      const join = await works.join(refOf(r.stats1), refOf(r.stats2));
      assert.equal(join.effective, true);
      assert.equal(await workOf(r.stats1), await workOf(r.stats2));
      await works.undo(join.decision.id);
      assert.notEqual(await workOf(r.stats1), await workOf(r.stats2), 'the split counts again');
    });

    void it('refuses decisions about unknown records or a record with itself', async () => {
      await write(activeInput(r.stats1));
      await works.groupPending();
      await assert.rejects(
        works.join(refOf(r.stats1), { sourceId: src.b, sourceRecordId: 'nope' }),
        hasCode('not_found'),
      );
      await assert.rejects(works.split(refOf(r.stats1), refOf(r.stats1)), hasCode('invalid_parameter'));
      assert.equal(await works.undo('dec_unknown'), false);
      assert.deepEqual(await store.listWorkDecisions(), []);
    });

    /** `pairs` duplicates (one DOI, one title) from sources a and b, all of a written first, then all of b. */
    function pairsAcrossBatches(pairs: number, offset = 0): SourceRecordInput[][] {
      const side = (source: string, prefix: string): SourceRecordInput[] =>
        Array.from({ length: pairs }, (_, n) => {
          const i = n + offset;
          const title = `Unit ${i} of the open physics course`;
          return activeInput(resource({ source, id: `${prefix}-${i}`, title, doi: `10.5555/phys.${i}` }));
        });
      return [side(src.a, 'phys'), side(src.b, 'p')];
    }

    /** `n` records of source c that share no key with any other. */
    function unrelated(n: number): SourceRecordInput[] {
      return Array.from({ length: n }, (_, i) =>
        activeInput(
          resource({
            source: src.c,
            id: `sheet-${i}`,
            title: `Lab safety sheet ${i}`,
            doi: `10.5555/s.${i}`,
          }),
        ),
      );
    }

    void it('compares a pair once when its records are grouped in different batches', async () => {
      // 300 queued records: the first batch (200) holds every record of a and 50 of b.
      const [a, b] = pairsAcrossBatches(150);
      await write(...(a ?? []));
      await write(...(b ?? []));
      const report = await works.groupPending();
      assert.equal(report.processed, 300);
      assert.equal(report.compared, 150, 'each of the 150 pairs once (both batches compared it before)');
      const sets = await memberSets();
      assert.equal(sets.length, 150);
      assert.ok(sets.every((members) => members.length === 2));
    });

    void it('keeps a stored pair whose records come back in different batches, and their work with it', async () => {
      const [a, b] = pairsAcrossBatches(1);
      const x = a?.[0]?.record;
      const y = b?.[0]?.record;
      assert.ok(x !== undefined && x !== null && y !== undefined && y !== null);
      await write(activeInput(x), activeInput(y));
      await works.groupPending();
      const work = await workOf(x);
      assert.equal(await workOf(y), work);
      // Both re-harvested, 199 new records queued between them: the first batch meets y still queued.
      await write(activeInput(x, 2));
      await write(...unrelated(199));
      await write(activeInput(y, 2));
      const report = await works.groupPending();
      assert.equal(report.processed, 201);
      assert.equal(report.regrouped, 199, 'only the new records got a work; the pair never left its own');
      assert.equal(await workOf(x), work);
      assert.equal(await workOf(y), work);
    });

    void it('compares a pair left to a later batch when another pass grouped that batch meanwhile', async () => {
      // A pass plans its first batch (a's record and 199 others) and leaves the pair to b's record, queued
      // 201st; before it writes, a second pass groups everything, b's record included, leaving that pair to
      // the first batch. Writing the first batch as planned would drop the pair the second pass stored.
      const [a, b] = pairsAcrossBatches(1);
      const others = unrelated(199);
      await write(...(a ?? []));
      await write(...others);
      await write(...(b ?? []));
      const other = await h.openAnother();
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let planned = (): void => undefined;
      const waiting = new Promise<void>((resolve) => (planned = resolve));
      let gated = true;
      const held = new Proxy(other, {
        get(target, property) {
          if (property === 'transaction' && gated) {
            gated = false;
            return async <T>(fn: (tx: StoreSession) => Promise<T>): Promise<T> => {
              planned();
              await gate;
              return await target.transaction(fn);
            };
          }
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function'
            ? (value as (...args: unknown[]) => unknown).bind(target)
            : value;
        },
      });
      const first = createWorksService({ store: held }).groupPending();
      await waiting;
      const second = await works.groupPending();
      assert.equal(second.processed, 201);
      release();
      await first;
      assert.equal(await store.countQueuedForGrouping(), 0);
      const [x, y] = [a?.[0], b?.[0]].map((input) => {
        assert.ok(input !== undefined);
        return { sourceId: input.sourceId, sourceRecordId: input.sourceRecordId };
      });
      assert.ok(x !== undefined && y !== undefined);
      const edges = withoutTimes(await store.listWorkEdges([x]));
      assert.deepEqual(
        edges.map((e) => [[name(e.a), name(e.b)].sort(), e.relation]),
        [[[name(x), name(y)].sort(), 'same']],
      );
      assert.equal(await workOf(x), await workOf(y));
    });

    void it('ends two grouping passes run at once on two connections in one consistent grouping', async () => {
      const pairs = 120;
      const inputs: SourceRecordInput[] = [];
      for (let i = 0; i < pairs; i += 1) {
        const topic = `Unit ${i} of the open chemistry course`;
        inputs.push(
          activeInput(resource({ source: src.a, id: `chem-${i}`, title: topic, doi: `10.5555/chem.${i}` })),
          activeInput(
            resource({ source: src.b, id: `x${i}`, title: topic, doi: `https://doi.org/10.5555/chem.${i}` }),
          ),
          activeInput(resource({ source: src.c, id: `solo-${i}`, title: `Lab safety sheet ${i}` })),
        );
      }
      await store.upsertSourceRecords(inputs);
      const other = await h.openAnother();
      const reports = await Promise.all([
        works.groupPending(),
        createWorksService({ store: other }).groupPending(),
      ]);
      assert.ok(reports.every((x) => x.processed > 0));
      assert.equal(await store.countQueuedForGrouping(), 0);
      const rows = await store.getRecordsForGrouping(
        inputs.map((x) => ({ sourceId: x.sourceId, sourceRecordId: x.sourceRecordId })),
      );
      const workIds = new Map(rows.map((row) => [name(row.ref), row.workId]));
      const seen = new Set<string>();
      for (let i = 0; i < pairs; i += 1) {
        const x = workIds.get(`${src.a}/chem-${i}`);
        const y = workIds.get(`${src.b}/x${i}`);
        const solo = workIds.get(`${src.c}/solo-${i}`);
        assert.ok(typeof x === 'string' && typeof solo === 'string');
        assert.equal(y, x, `pair ${i} is one work`);
        assert.ok(!seen.has(x) && !seen.has(solo), `pair ${i} shares no work with another`);
        seen.add(x);
        seen.add(solo);
      }
      assert.equal((await works.list({ limit: 1000 })).length, pairs);
    });
  });
}

// ---- backends -----------------------------------------------------------------------------------------------

defineWorksSuite('SQLite', async () => {
  const folder = await mkdtemp(path.join(tmpdir(), 'oer-atlas-works-'));
  const file = path.join(folder, 'atlas.sqlite');
  const opened: Store[] = [];
  const openOne = async (): Promise<Store> => {
    const store = await openSqliteStore({ file });
    opened.push(store);
    await store.migrate();
    return store;
  };
  return {
    store: await openOne(),
    openAnother: openOne,
    cleanup: async () => {
      await Promise.all(opened.map((s) => s.close()));
      await rm(folder, { recursive: true, force: true });
    },
  };
});

void describe('PostgreSQL', { skip: skipUnless('postgresql') }, () => {
  let cluster: PostgresCluster | undefined;
  before(async () => {
    cluster = await startPostgresCluster();
  });
  after(async () => {
    await cluster?.stop();
  });

  defineWorksSuite('PostgreSQL', async () => {
    if (cluster === undefined) throw new Error('The PostgreSQL cluster did not start.');
    const running = cluster;
    const url = await running.createDatabase();
    const opened: Store[] = [];
    const openOne = async (): Promise<Store> => {
      const store = await openPostgresStore({ connectionString: url, poolSize: 4 });
      opened.push(store);
      await store.migrate();
      return store;
    };
    return {
      store: await openOne(),
      openAnother: openOne,
      cleanup: async () => {
        await Promise.all(opened.map((s) => s.close()));
        await running.dropDatabase(url);
      },
    };
  });
});
