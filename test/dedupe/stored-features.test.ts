// The stored form of the pair features: what the grouping pass reads back must be what comparePair computes
// from the record, for every record of the labeled pair sets (real corpus records), so that grouping decides
// every pair as it would from the records. A pin of the encoding fails when what features.ts computes changes
// without FEATURES_VERSION being bumped (stored features of the old version would then be read as current).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import {
  compareFeatures,
  comparePair,
  decodeFeatures,
  encodeFeatures,
  FEATURES_VERSION,
  RecordFeatures,
  type LabeledPair,
  type PairFeatures,
} from '../../src/dedupe/index.js';
import type { TitleFeatures } from '../../src/dedupe/features.js';
import { MAX_GROUPING_FEATURES_LENGTH } from '../../src/domain/catalog.js';
import type { ResourceRecord } from '../../src/domain/profile.js';
import { derivedFields } from '../../src/ingest/derived.js';
import { readPairSets } from '../support/labels.js';
import { record } from './records.js';

/**
 * sha256 of the stored features of the main set's records, one per line in the set's order. When it changes,
 * what features.ts computes changed: bump FEATURES_VERSION (so that features stored by the older code are no
 * longer read) and write the new digest here.
 */
const PINNED: { readonly version: number; readonly digest: string } = {
  version: 2,
  digest: '3e15f86443f80e10ae0d56e7da7c92c4e297e85ad5a20e40d9ef81788ee5151a',
};

function plainTitle(t: TitleFeatures | null): unknown {
  if (t === null) return null;
  return {
    ...t,
    content: [...t.content],
    main: [...t.main],
    sub: t.sub === null ? null : [...t.sub],
  };
}

/** Everything comparePair reads, as plain data (sets and maps in their order, hashes as numbers). */
function plain(f: PairFeatures): unknown {
  return {
    titles: f.titles.map(plainTitle),
    languages: [...f.languages],
    strong: [...f.strong],
    families: [...f.families],
    links: f.links.map((l) => ({ kind: l.kind, keys: [...l.keys], title: plainTitle(l.title) })),
    sourceId: f.sourceId,
    sourceRecordId: f.sourceRecordId,
    descriptions: f.descriptions.map((d) => ({ content: [...d.content], numbers: [...d.numbers] })),
    statements: f.statements.map((s) => ({ kind: s.kind, tokens: [...s.tokens], title: s.title })),
    creators: f.creators.map((c) => [...c]),
    contributors: f.contributors.map((c) => [...c]),
    creatorPeople: f.creatorPeople,
  };
}

function stored(r: ResourceRecord): PairFeatures {
  const text = encodeFeatures(new RecordFeatures(r));
  assert.ok(text !== null, `the features of ${r.id} are too long to store`);
  const back = decodeFeatures(text);
  assert.ok(back !== null, `the stored features of ${r.id} do not read back`);
  return back;
}

let sets = new Map<string, readonly LabeledPair[]>();

void describe('stored pair features', () => {
  before(async () => {
    sets = await readPairSets();
  });

  const pairs = (): LabeledPair[] => [...sets.values()].flat();

  void it('reads back what comparePair computes, for every record of the labeled pairs', () => {
    let records = 0;
    let withSubtitle = 0;
    let withStatements = 0;
    for (const p of pairs()) {
      for (const r of [p.a, p.b]) {
        const computed = new RecordFeatures(r);
        assert.deepEqual(plain(stored(r)), plain(computed), r.id);
        records += 1;
        if (computed.titles.some((t) => t.sub !== null)) withSubtitle += 1;
        if (computed.statements.length > 0) withStatements += 1;
      }
    }
    // The sets exercise every part of the encoding.
    assert.ok(records > 1000, `${records} records`);
    assert.ok(withSubtitle > 50, `${withSubtitle} records with a subtitle`);
    assert.ok(withStatements > 5, `${withStatements} records with a derivation statement`);
  });

  void it('decides every labeled pair as from the records: relation, score and reason', () => {
    for (const p of pairs()) {
      assert.deepEqual(compareFeatures(stored(p.a), stored(p.b)), comparePair(p.a, p.b), p.note ?? p.a.id);
    }
  });

  void it(`pins the encoding of the main set's records to FEATURES_VERSION ${FEATURES_VERSION}`, () => {
    const hash = createHash('sha256');
    for (const p of sets.get('main') ?? []) {
      for (const r of [p.a, p.b]) hash.update(`${encodeFeatures(new RecordFeatures(r))}\n`);
    }
    const digest = hash.digest('hex');
    assert.deepEqual(
      { version: FEATURES_VERSION, digest },
      PINNED,
      'the stored features changed: bump FEATURES_VERSION in src/dedupe/stored-features.ts and pin the new digest',
    );
  });

  void it('reads a text of another version, or a damaged one, as none', () => {
    const text = encodeFeatures(new RecordFeatures(record({ title: 'Introduction to cell biology' })));
    assert.ok(text !== null);
    assert.ok(decodeFeatures(text) !== null);
    assert.equal(decodeFeatures(text.replace(/^\[\d+,/, `[${FEATURES_VERSION + 1},`)), null);
    assert.equal(decodeFeatures(text.slice(0, -5)), null);
    assert.equal(decodeFeatures(`[${FEATURES_VERSION},1,2]`), null);
    assert.equal(decodeFeatures(''), null);
  });

  void it('stores no features too long for the stores; the record is then compared from itself', () => {
    const long = record({
      title: 'Photosynthesis in aquatic plants',
      creators: Array.from({ length: 20 }, (_v, i) => `Author${i} ${'Longname'.repeat(300)}`),
    });
    assert.equal(encodeFeatures(new RecordFeatures(long)), null);
    const derived = derivedFields(long);
    assert.equal(derived.groupingFeatures, undefined);
    assert.ok(derived.matchKeys.length > 0);
    const plainRecord = record({ title: 'Photosynthesis in aquatic plants' });
    const features = derivedFields(plainRecord).groupingFeatures;
    assert.ok(features !== undefined && features.length <= MAX_GROUPING_FEATURES_LENGTH);
    assert.deepEqual(
      plain(decodeFeatures(features) ?? assert.fail()),
      plain(new RecordFeatures(plainRecord)),
    );
  });
});
