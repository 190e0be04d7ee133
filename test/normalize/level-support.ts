// Reading the labeled education-level sets (level-labels.tsv, level-holdout*.tsv) and scoring them.
import assert from 'node:assert/strict';
import { levelsFromAgeRange, normalizeLevel, type LevelResult } from '../../src/normalize/level.js';
import { readLabelTable } from '../support/labels.js';

export interface LevelLabel {
  readonly line: number;
  readonly input: string;
  readonly expected: readonly string[] | null;
  readonly note: string;
  /** Rows whose note starts with "typicalAgeRange:" are read with levelsFromAgeRange. */
  readonly ageRange: boolean;
}

export function readLevelLabels(file: string): LevelLabel[] {
  const table = readLabelTable(new URL(file, import.meta.url), { columns: ['input', 'expected', 'note'] });
  return table.rows.map((row) => {
    const expected = row.get('expected');
    const note = row.get('note');
    const codes = expected === '' ? null : expected.split(',');
    if (codes !== null) {
      for (const code of codes) assert.match(code, /^[0-8]$/, `${file} line ${row.line}: level ${code}`);
      assert.deepEqual([...codes].sort(), codes, `${file} line ${row.line}: sorted`);
    }
    return {
      line: row.line,
      input: row.get('input'),
      expected: codes,
      note,
      ageRange: note.startsWith('typicalAgeRange:'),
    };
  });
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
