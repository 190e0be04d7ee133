// Reading the labeled education-level sets (level-labels.tsv, level-holdout*.tsv) and scoring them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { levelsFromAgeRange, normalizeLevel, type LevelResult } from '../../src/normalize/level.js';

export interface LevelLabel {
  readonly line: number;
  readonly input: string;
  readonly expected: readonly string[] | null;
  readonly note: string;
  /** Rows whose note starts with "typicalAgeRange:" are read with levelsFromAgeRange. */
  readonly ageRange: boolean;
}

export function readLevelLabels(file: string): LevelLabel[] {
  const text = readFileSync(new URL(file, import.meta.url), 'utf8');
  const labels: LevelLabel[] = [];
  let header = true;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) return;
    if (header) {
      assert.equal(line, 'input\texpected\tnote', `${file}: header`);
      header = false;
      return;
    }
    const [input, expected, note, ...extra] = line.split('\t');
    assert.equal(extra.length, 0, `${file} line ${index + 1}: three columns`);
    assert.ok(
      input !== undefined && expected !== undefined && note !== undefined,
      `${file} line ${index + 1}`,
    );
    const codes = expected === '' ? null : expected.split(',');
    if (codes !== null) {
      for (const code of codes) assert.match(code, /^[0-8]$/, `${file} line ${index + 1}: level ${code}`);
      assert.deepEqual([...codes].sort(), codes, `${file} line ${index + 1}: sorted`);
    }
    labels.push({
      line: index + 1,
      input,
      expected: codes,
      note,
      ageRange: note.startsWith('typicalAgeRange:'),
    });
  });
  return labels;
}

export interface Score {
  readonly total: number;
  readonly correct: number;
  readonly accuracy: number;
  readonly misses: readonly string[];
}

export function scoreLevels(labels: readonly LevelLabel[]): Score {
  const misses: string[] = [];
  for (const label of labels) {
    const found: LevelResult = label.ageRange ? levelsFromAgeRange(label.input) : normalizeLevel(label.input);
    const same =
      found.value === null || label.expected === null
        ? found.value === label.expected
        : found.value.join(',') === label.expected.join(',');
    if (!same) {
      misses.push(
        `line ${label.line}: ${JSON.stringify(label.input)} -> ${found.value?.join(',') ?? '(null)'} [${found.rule}], expected ${label.expected?.join(',') ?? '(null)'}`,
      );
    }
  }
  const correct = labels.length - misses.length;
  return { total: labels.length, correct, accuracy: correct / labels.length, misses };
}
