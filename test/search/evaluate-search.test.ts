// Checks that the labeled search query sets (test/fixtures/search/) are well-formed, spread over languages as
// their README promises, and judge only records that the import pipeline really puts in the collection; and
// that the scoring arithmetic of scripts/evaluate-search.ts is right. Never asserts how well search scores.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  categoryOf,
  checkQuerySet,
  importCorpus,
  ndcgAt,
  readQuerySets,
  recallAt,
  UN_LANGUAGES,
  type Collection,
  type QuerySet,
} from '../../scripts/evaluate-search.js';
import { CORPUS_DIR } from '../formats/corpus.js';
import { openHarness, type Harness } from '../harvest/oai-harness.js';

const sets = readQuerySets();
const primary = (tag: string) => tag.toLowerCase().split('-')[0] ?? '';

function countBy(set: QuerySet, key: (lang: string) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const q of set.queries) counts.set(key(q.lang), (counts.get(key(q.lang)) ?? 0) + 1);
  return counts;
}

describe('search query sets: format', () => {
  it('both files are well-formed (fields, grades, languages, categories that match the judged languages)', () => {
    for (const set of [sets.main, sets.holdout]) assert.deepEqual(checkQuerySet(set), [], set.set);
  });

  it('the checker reports broken sets', () => {
    const q = sets.main.queries[0];
    assert.ok(q !== undefined);
    const judgment = q.relevant[0];
    assert.ok(judgment !== undefined);
    const broken = {
      ...sets.main,
      queries: [
        { ...q, relevant: [] },
        { ...q, id: 'x-1', relevant: [{ ...judgment, grade: 3 }] },
        { ...q, id: 'x-2', relevant: [judgment, judgment] },
        { ...q, id: 'x-3', category: q.category === 'mixed' ? 'same-language' : 'mixed' },
        { ...q, id: 'x-4', relevant: [{ ...judgment, langs: [] }] },
        { ...q, id: 'x-1', q: ' ' },
      ],
    };
    const problems = checkQuerySet(broken);
    for (const expected of [
      /at least one judged record/,
      /"grade" must be 1 or 2/,
      /judged twice/,
      /judged languages make it/,
      /"langs" must be a non-empty list/,
      /duplicate id/,
      /"q" must be non-empty/,
    ]) {
      assert.ok(
        problems.some((p) => expected.test(p)),
        `${String(expected)} not in ${problems.join('; ')}`,
      );
    }
  });

  it('the main set has >= 60 queries, >= 6 in each UN language, and some in other languages', () => {
    assert.ok(sets.main.queries.length >= 60, `${sets.main.queries.length} queries`);
    const counts = countBy(sets.main, primary);
    for (const lang of UN_LANGUAGES)
      assert.ok((counts.get(lang) ?? 0) >= 6, `${lang}: ${counts.get(lang) ?? 0}`);
    const others = [...counts.keys()].filter((l) => !(UN_LANGUAGES as readonly string[]).includes(l));
    assert.ok(others.length >= 2, `other languages: ${others.join(', ')}`);
  });

  it('the held-out set is marked as such, has >= 18 queries, >= 3 in each UN language', () => {
    assert.equal(sets.holdout.heldOut, true);
    assert.equal(sets.main.heldOut, false);
    assert.ok(sets.holdout.queries.length >= 18);
    const counts = countBy(sets.holdout, primary);
    for (const lang of UN_LANGUAGES)
      assert.ok((counts.get(lang) ?? 0) >= 3, `${lang}: ${counts.get(lang) ?? 0}`);
  });

  it('ids and query texts are not shared between the two sets', () => {
    const fold = (q: { lang: string; q: string }) =>
      `${primary(q.lang)}|${q.q.normalize('NFKC').toLowerCase()}`;
    const mainIds = new Set(sets.main.queries.map((q) => q.id));
    const mainTexts = new Set(sets.main.queries.map(fold));
    for (const q of sets.holdout.queries) {
      assert.ok(!mainIds.has(q.id), q.id);
      assert.ok(!mainTexts.has(fold(q)), q.q);
    }
  });

  it('most queries need to cross languages, and every category is present', () => {
    for (const set of [sets.main, sets.holdout]) {
      const crossing = set.queries.filter((q) => categoryOf(q) !== 'same-language').length;
      assert.ok(crossing >= set.queries.length / 2, `${set.set}: ${crossing} of ${set.queries.length}`);
    }
    const categories = new Set(sets.main.queries.map((q) => q.category));
    assert.deepEqual([...categories].sort(), ['cross-language', 'mixed', 'same-language']);
  });
});

describe('search query sets: judged records exist in the collection', () => {
  let h: Harness;
  let collection: Collection;
  before(async () => {
    h = await openHarness();
    collection = await importCorpus(
      {
        store: h.store,
        addSource: async (name, url) => (await h.addSource({ name, url, protocol: 'file', format: null })).id,
        harvest: async (id) => {
          await h.harvests.harvest(id, { mode: 'full' });
        },
      },
      CORPUS_DIR,
    );
  });
  after(async () => {
    await h.close();
  });

  it('every judged record is an active record the import pipeline maps from the corpus', () => {
    assert.ok(collection.byKey.size > 4000, `${collection.byKey.size} active records`);
    const missing: string[] = [];
    for (const set of [sets.main, sets.holdout])
      for (const q of set.queries)
        for (const j of q.relevant) if (!collection.byKey.has(j.record)) missing.push(`${q.id}: ${j.record}`);
    assert.deepEqual(missing, []);
  });

  it('a judged record written in Arabic or Cyrillic script has that language among its langs', () => {
    const wrong: string[] = [];
    for (const set of [sets.main, sets.holdout]) {
      for (const q of set.queries) {
        for (const j of q.relevant) {
          const title = Object.values(collection.byKey.get(j.record)?.record.name ?? {}).join(' ');
          const letters = title.match(/\p{L}/gu)?.length ?? 0;
          const arabic = title.match(/\p{Script=Arabic}/gu)?.length ?? 0;
          const cyrillic = title.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
          if (letters > 0 && arabic / letters > 0.5 && !j.langs.includes('ar')) wrong.push(j.record);
          if (letters > 0 && cyrillic / letters > 0.5 && !j.langs.some((l) => ['ru', 'uk', 'bg'].includes(l)))
            wrong.push(j.record);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });
});

describe('search evaluation arithmetic', () => {
  it('nDCG@k is 1 for the ideal order, less for a worse one, 0 with nothing relevant', () => {
    assert.equal(ndcgAt([2, 1, 0], [2, 1], 10), 1);
    const swapped = ndcgAt([1, 2, 0], [2, 1], 10);
    assert.ok(swapped > 0 && swapped < 1);
    assert.equal(ndcgAt([0, 0], [2], 10), 0);
    // Only the first k ranks count.
    assert.equal(ndcgAt([0, 2], [2], 1), 0);
  });

  it('recall@k caps the denominator at k and the result at 1', () => {
    assert.equal(recallAt(3, 4, 20), 0.75);
    assert.equal(recallAt(20, 30, 20), 1);
    assert.equal(recallAt(22, 25, 20), 1);
    assert.equal(recallAt(0, 0, 20), 0);
  });

  it('categories follow the judged languages', () => {
    const j = (langs: string[]) => ({ record: 'a|b', grade: 2 as const, langs });
    assert.equal(categoryOf({ lang: 'zh', relevant: [j(['en']), j(['pt'])] }), 'cross-language');
    assert.equal(categoryOf({ lang: 'pt-BR', relevant: [j(['pt']), j(['en', 'pt'])] }), 'same-language');
    assert.equal(categoryOf({ lang: 'es', relevant: [j(['es']), j(['en'])] }), 'mixed');
  });
});
