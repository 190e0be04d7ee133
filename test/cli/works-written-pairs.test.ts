// Duplicate grouping end to end on pairs written as two repositories publish them (test/dedupe/written-pairs/):
// both files imported with `oer-atlas import` into a real SQLite catalog, the works read back with
// `oer-atlas works --linked --json`, and each pair checked against what labels.tsv expects of it: copies in one
// work, look-alikes apart, translations and adaptations linked and never merged, no work holding records of
// two pairs. The pairs were written apart from the rules (copies with changed case, punctuation, addresses,
// identifiers, creators and descriptions in eleven languages; volumes, grades, editions, answer keys and
// generic titles; translations and adaptations with and without a link or statement).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runInProcess, type CliResult } from '../support/cli-harness.js';

const PAIRS_DIR = path.join(import.meta.dirname, '..', 'dedupe', 'written-pairs');

type Expected = 'grouped' | 'apart' | 'linked' | 'unlinked';
interface Pair {
  readonly index: number;
  readonly label: 'same' | 'different' | 'translation' | 'adaptation';
  readonly expected: Expected;
}
interface Ref {
  readonly sourceId: string;
  readonly sourceRecordId: string;
}
interface ListedWork {
  readonly workId: string;
  readonly members: readonly { readonly ref: Ref }[];
  readonly links: readonly {
    readonly a: Ref;
    readonly b: Ref;
    readonly relation: string;
    readonly reason: string;
  }[];
}

function readPairs(): Pair[] {
  return readFileSync(path.join(PAIRS_DIR, 'labels.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('pair\t'))
    .map((line) => {
      const [index = '', label = '', expected = ''] = line.split('\t');
      return { index: Number(index), label: label as Pair['label'], expected: expected as Expected };
    });
}

/** The pair a record belongs to, from its id (".../records/12" in source A, ".../items/12" in source B). */
function pairOf(ref: Ref): number {
  return Number(/\/(\d+)$/.exec(ref.sourceRecordId)?.[1] ?? Number.NaN);
}

function parse(result: CliResult): unknown {
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

describe('oer-atlas works on pairs written as two repositories publish them', () => {
  let dir: string;
  let works: ListedWork[];
  const pairs = readPairs();

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-written-pairs-'));
    const env = { ATLAS_DATA_DIR: path.join(dir, 'data') };
    mkdirSync(env.ATLAS_DATA_DIR);
    const run = (args: readonly string[]): Promise<CliResult> => runInProcess(args, { env });
    for (const [file, name] of [
      ['source-a.ndjson', 'repo-a'],
      ['source-b.ndjson', 'repo-b'],
    ] as const) {
      const report = parse(
        await run(['import', path.join(PAIRS_DIR, file), '--format', 'ndjson', '--name', name, '--json']),
      ) as { run: { status: string; report: { afterRunError?: unknown } } };
      assert.equal(report.run.status, 'succeeded');
      assert.equal(report.run.report.afterRunError, undefined);
    }
    const listed = parse(await run(['works', '--linked', '--limit', '1000', '--json'])) as {
      works: ListedWork[];
      next: string | null;
    };
    assert.equal(listed.next, null, 'every work on one page');
    works = listed.works;
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds every pair of the set, in the four labels', () => {
    assert.equal(pairs.length, 102);
    assert.deepEqual(
      pairs.map((p) => p.index),
      pairs.map((_, i) => i),
    );
    for (const label of ['same', 'different', 'translation', 'adaptation'])
      assert.ok(
        pairs.some((p) => p.label === label),
        label,
      );
  });

  it('never puts records of two pairs into one work', () => {
    for (const work of works) {
      const of = new Set(work.members.map((m) => pairOf(m.ref)));
      assert.ok(of.size <= 1, `work ${work.workId} holds pairs ${[...of].join(', ')}`);
    }
  });

  it('gives each pair what its label expects: copies grouped, look-alikes apart, derivations linked, never merged', () => {
    const grouped = new Set<number>();
    const linked = new Map<number, string>();
    for (const work of works) {
      if (work.members.length === 2)
        grouped.add(pairOf(work.members[0]?.ref ?? { sourceId: '', sourceRecordId: '' }));
      for (const link of work.links) {
        if (link.relation === 'translation' || link.relation === 'adaptation') {
          const a = pairOf(link.a);
          if (a === pairOf(link.b)) linked.set(a, link.relation);
        }
      }
    }
    const wrong: string[] = [];
    for (const pair of pairs) {
      const isGrouped = grouped.has(pair.index);
      const relation = linked.get(pair.index);
      let got: Expected;
      if (isGrouped) got = 'grouped';
      else if (relation !== undefined) got = 'linked';
      else got = pair.label === 'same' || pair.label === 'different' ? 'apart' : 'unlinked';
      if (got !== pair.expected)
        wrong.push(`pair ${pair.index} (${pair.label}): ${got}, expected ${pair.expected}`);
      // A link carries the label's relation (a translation is linked as a translation).
      if (relation !== undefined && pair.expected === 'linked')
        assert.equal(relation, pair.label, `pair ${pair.index}`);
      // Whatever else happens, a translation or adaptation is never merged with its original.
      if (pair.label === 'translation' || pair.label === 'adaptation' || pair.label === 'different')
        assert.ok(!isGrouped, `pair ${pair.index} (${pair.label}) was merged`);
    }
    assert.deepEqual(wrong, []);
  });
});
