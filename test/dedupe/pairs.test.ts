// The labeled duplicate-pair sets (built from the shared corpus by build-pairs.ts) against comparePair and
// matchKeys: the product's promises on 'same' (precision >= 0.99, recall >= 0.95), no translation ever
// merged, decisions that do not depend on argument order, labeled pairs that meet in a block, and title
// blocks that stay small. Fails with a clear message when the corpus is missing.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  comparePair,
  evaluatePairs,
  matchKeys,
  type LabeledPair,
  type PairEvaluation,
} from '../../src/dedupe/index.js';
import { readPairSets } from '../support/labels.js';
import { loadRecipePool, RECIPES, type PairSetName } from './build-pairs.js';

function count(pairs: readonly LabeledPair[], relation: LabeledPair['relation']): number {
  return pairs.filter((p) => p.relation === relation).length;
}

function notes(pairs: readonly LabeledPair[], pattern: RegExp): number {
  return pairs.filter((p) => pattern.test(p.note ?? '')).length;
}

function summary(name: string, e: PairEvaluation): string {
  const rows = Object.entries(e.confusion)
    .map(
      ([label, row]) =>
        `${label}: ${Object.entries(row)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
    )
    .join(' | ');
  return `${name}: ${e.total} pairs, precision ${e.precision.toFixed(4)}, recall ${e.recall.toFixed(4)}, translations merged ${e.translationsMerged}, accuracy ${e.accuracy.toFixed(4)} [${rows}]`;
}

function shareKey(p: LabeledPair): boolean {
  const keys = new Set(matchKeys(p.a));
  return matchKeys(p.b).some((k) => keys.has(k));
}

let sets = new Map<PairSetName, readonly LabeledPair[]>();

void describe('labeled duplicate pairs', () => {
  before(async () => {
    sets = await readPairSets();
  });

  const get = (name: PairSetName): readonly LabeledPair[] => {
    const pairs = sets.get(name);
    assert.ok(pairs !== undefined, `the ${name} set was not built`);
    return pairs;
  };

  void it('has the composition the budget asks for', () => {
    const main = get('main');
    assert.ok(main.length >= 600, `main: ${main.length} pairs`);
    assert.ok(count(main, 'same') >= 250, `main: ${count(main, 'same')} same`);
    assert.ok(count(main, 'different') >= 250, `main: ${count(main, 'different')} different`);
    assert.ok(count(main, 'translation') >= 60, `main: ${count(main, 'translation')} translations`);
    assert.ok(count(main, 'adaptation') >= 30, `main: ${count(main, 'adaptation')} adaptations`);
    // Hard negatives of each kind the budget names.
    for (const kind of [
      /real series/,
      /numbered parts/,
      /namesakes|other author/,
      /generic title/,
      /version/,
    ]) {
      assert.ok(notes(main, kind) >= 5, `main: hard negatives ${String(kind)}: ${notes(main, kind)}`);
    }
    const heldout = get('heldout');
    assert.ok(heldout.length >= 100, `held-out: ${heldout.length} pairs`);
    for (const relation of ['same', 'different', 'translation', 'adaptation'] as const) {
      assert.ok(count(heldout, relation) >= 5, `held-out: ${count(heldout, relation)} ${relation}`);
    }
    // The held-out set reads other corpus files than the main set.
    const mainFiles = new Set([...RECIPES.main.oai, ...RECIPES.main.csv, ...RECIPES.main.learningRegistry]);
    for (const file of [
      ...RECIPES.heldout.oai,
      ...RECIPES.heldout.csv,
      ...RECIPES.heldout.learningRegistry,
    ]) {
      assert.ok(!mainFiles.has(file), `${file} is in both sets`);
    }
  });

  for (const name of ['main', 'heldout'] as const) {
    void it(`${name}: 'same' precision >= 0.99 and recall >= 0.95, no translation merged`, (t) => {
      const e = evaluatePairs(get(name));
      t.diagnostic(summary(name, e));
      for (const error of e.errors.slice(0, 10)) {
        t.diagnostic(
          `  ${error.expected} -> ${error.decision.relation}: ${error.decision.reason} (${error.note ?? ''})`,
        );
      }
      assert.ok(e.precision >= 0.99, `${name}: precision ${e.precision}`);
      assert.ok(e.recall >= 0.95, `${name}: recall ${e.recall}`);
      assert.equal(e.translationsMerged, 0, `${name}: translations merged`);
    });

    void it(`${name}: decides the same whichever record comes first, with a score and a reason`, () => {
      for (const p of get(name)) {
        const ab = comparePair(p.a, p.b);
        const ba = comparePair(p.b, p.a);
        assert.equal(ab.relation, ba.relation, `${p.note ?? ''}: ${ab.reason} / ${ba.reason}`);
        assert.ok(ab.score >= 0 && ab.score <= 1, `score ${ab.score}`);
        assert.ok(ab.reason.length >= 5);
      }
    });

    void it(`${name}: labeled duplicates, translations and adaptations share a blocking key`, (t) => {
      const pairs = get(name);
      const share = (relation: LabeledPair['relation']): number => {
        const of = pairs.filter((p) => p.relation === relation);
        return of.filter(shareKey).length / of.length;
      };
      t.diagnostic(
        `${name}: share a key: same ${share('same').toFixed(3)}, translation ${share('translation').toFixed(3)}, adaptation ${share('adaptation').toFixed(3)}`,
      );
      assert.ok(share('same') >= 0.95);
      assert.equal(share('translation'), 1);
      assert.ok(share('adaptation') >= 0.85);
    });
  }

  void it('keeps title blocks small on the corpus', async (t) => {
    for (const name of ['main', 'heldout'] as const) {
      const pool = await loadRecipePool(RECIPES[name]);
      const blocks = new Map<string, number>();
      for (const p of pool) {
        for (const key of matchKeys(p.record))
          if (key.startsWith('t')) blocks.set(key, (blocks.get(key) ?? 0) + 1);
      }
      const largest = [...blocks.entries()].sort((x, y) => y[1] - x[1])[0] ?? ['-', 0];
      t.diagnostic(
        `${name}: ${pool.length} records, ${blocks.size} title keys, largest block ${largest[1]} (${largest[0]})`,
      );
      assert.ok(pool.length > 500);
      assert.ok(largest[1] <= 40, `${name}: a title block of ${largest[1]} records (${largest[0]})`);
    }
  });
});
