// Held-out education-level statements: written before the rules were tuned and never tuned on, so their
// accuracy estimates how the normalizer does on values nobody has seen.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readLevelLabels, scoreLevels } from './level-support.js';

describe('education-level held-out sets', () => {
  for (const file of ['./level-holdout.tsv', './level-holdout-2.tsv']) {
    it(`reads at least 80% of ${file.slice(2)} exactly`, (t) => {
      const labels = readLevelLabels(file);
      assert.ok(labels.length >= 40, `${labels.length} rows`);
      const score = scoreLevels(labels);
      t.diagnostic(
        `held-out accuracy ${(score.accuracy * 100).toFixed(2)}% (${score.correct}/${score.total}) in ${file.slice(2)}`,
      );
      for (const miss of score.misses) t.diagnostic(`miss ${miss}`);
      assert.ok(score.accuracy >= 0.8, score.misses.join('\n'));
    });
  }
});
