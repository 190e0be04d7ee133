// Runs every labeled set of the repository through the functions the ingest pipeline uses (the mappers'
// language and licence normalizers, src/normalize/*, src/dedupe) and prints one table: the set, whether it was
// tuned on or held out, its rows, the share right (precision and recall for the duplicate pairs), the budget
// of BUDGETS.md (shared design folder) and whether it is met. Sets without a budget show the floor their test
// asserts instead. Sets that need the shared corpus are reported as not run when it is missing.
//   npm run evaluate [-- --verbose] [-- --json]
// --verbose lists each set's misses under the table; --json prints the same, misses included, as JSON.
// For the duplicate pairs, "in blocks" is the recall of 'same' counting only pairs that share a blocking key
// (matchKeys), since the works builder compares no other pairs; the budget is judged on comparePair alone,
// as the pairs test does.
// Exits 1 when a budget is missed (a set that could not be run is reported, but is no miss).
import { accessibilityFromText, normalizeAccessibility } from '../src/normalize/accessibility.js';
import type { AccessibilityProperty } from '../src/normalize/accessibility.js';
import { agentMatchKey, normalizeAgentName } from '../src/normalize/agent.js';
import { normalizeDate } from '../src/normalize/date.js';
import { normalizeIdentifier } from '../src/normalize/identifier.js';
import { detectLanguage } from '../src/normalize/language.js';
import { pipelineNormalizers } from '../src/normalize/record.js';
import { normalizeResourceType } from '../src/normalize/resource-type.js';
import { normalizeSubjects, type SubjectInput } from '../src/normalize/subject.js';
import { canonicalUrl, urlMatchKey } from '../src/normalize/url.js';
import { evaluatePairs, matchKeys, type LabeledPair } from '../src/dedupe/index.js';
import type { PairSetName } from '../test/dedupe/build-pairs.js';
import { ownTexts, type LabeledText } from '../test/normalize/language-corpus.js';
import { readLevelLabels, scoreLevels } from '../test/normalize/level-support.js';
import {
  pairSetHeldOut,
  readDetectionCorpus,
  readLabelTable,
  readPairSet,
  type LabelRow,
  type ReadOptions,
} from '../test/support/labels.js';

type Split = 'tuned' | 'held-out';
type Status = 'met' | 'missed' | 'no budget' | 'not run';

interface SetResult {
  readonly set: string;
  /** The label file, or the recipe the set is built by. */
  readonly source: string;
  readonly split: Split;
  readonly status: Status;
  readonly rows: number;
  /** Rows judged exactly right, and their share (label sets). */
  readonly correct?: number;
  readonly exact?: number;
  /** Duplicate pairs: precision and recall of 'same', translations merged as 'same'. */
  readonly precision?: number;
  readonly recall?: number;
  /** Recall of 'same' when only pairs that share a blocking key are compared, as the works builder does. */
  readonly recallInBlocks?: number;
  readonly translationsMerged?: number;
  /** The budget, or the floor the set's test asserts when BUDGETS.md has none. */
  readonly budget: string;
  readonly reason?: string;
  readonly milliseconds: number;
  readonly misses: readonly string[];
}

/** A budget on the share of exactly right rows (BUDGETS.md), or the floor of the test when there is none. */
type Floor = { readonly budget: number } | { readonly test: number };

const LABELS = new URL('../test/normalize/', import.meta.url);

function percent(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}

function floorText(floor: Floor): string {
  return 'budget' in floor ? `>= ${percent(floor.budget)}` : `none (test >= ${percent(floor.test)})`;
}

/** One row of a label set: right or not, and how to say a miss. */
interface Judged {
  readonly ok: boolean;
  readonly found: string;
}

function exactSet(
  set: string,
  file: string,
  options: ReadOptions,
  inputColumn: string,
  floor: Floor,
  judge: (row: LabelRow) => Judged & { readonly expected: string },
): SetResult {
  const started = performance.now();
  const table = readLabelTable(new URL(file, LABELS), options);
  const misses: string[] = [];
  for (const row of table.rows) {
    const j = judge(row);
    if (!j.ok) {
      misses.push(
        `line ${row.line}: ${JSON.stringify(row.get(inputColumn))} -> ${j.found}, expected ${j.expected}`,
      );
    }
  }
  return scored(set, file, table.heldOut ? 'held-out' : 'tuned', table.rows.length, misses, floor, started);
}

function scored(
  set: string,
  source: string,
  split: Split,
  rows: number,
  misses: readonly string[],
  floor: Floor,
  started: number,
): SetResult {
  const correct = rows - misses.length;
  const exact = rows === 0 ? 0 : correct / rows;
  const status: Status = 'budget' in floor ? (exact >= floor.budget ? 'met' : 'missed') : 'no budget';
  return {
    set,
    source,
    split,
    status,
    rows,
    correct,
    exact,
    budget: floorText(floor),
    milliseconds: Math.round(performance.now() - started),
    misses,
  };
}

function show(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '(none)' : value;
}

function nullable(cell: string): string | null {
  return cell === '' ? null : cell;
}

function sortedWords(text: string): string {
  return text.split(' ').filter(Boolean).sort().join(' ');
}

// ---------------------------------------------------------------------------------------------------------
// The label sets. Each judge reads a row as the set's test does.

function licences(): SetResult {
  return exactSet(
    'licence',
    'license-labels.tsv',
    { columns: ['input', 'expected_value', 'expected_group'] },
    'input',
    { budget: 0.99 },
    (row) => {
      // The mappers' licence normalizer, as every record's licence statements go through it.
      const found = pipelineNormalizers.license([row.get('input')]);
      const value = nullable(row.get('expected_value'));
      const group = row.get('expected_group');
      return {
        ok: (found.id ?? null) === value && found.group === group,
        found: `${show(found.id)} ${found.group}`,
        expected: `${show(value)} ${group}`,
      };
    },
  );
}

function languageCodes(): SetResult {
  return exactSet(
    'language codes and names',
    'language-labels.tsv',
    { columns: ['input', 'expected', 'note'] },
    'input',
    { budget: 0.99 },
    (row) => {
      const found = pipelineNormalizers.language(row.get('input'));
      const expected = nullable(row.get('expected'));
      return { ok: found === expected, found: show(found), expected: show(expected) };
    },
  );
}

function detection(set: string, source: string, texts: readonly LabeledText[], started: number): SetResult {
  const misses: string[] = [];
  for (const x of texts) {
    const found = detectLanguage(x.text);
    if (found.value !== x.expected) {
      misses.push(
        `${x.source} (${x.label}) ${JSON.stringify(x.text.slice(0, 60))}... -> ${show(found.value)} [${found.rule}], expected ${x.expected}`,
      );
    }
  }
  return scored(set, source, 'tuned', texts.length, misses, { budget: 0.95 }, started);
}

async function detectionSets(): Promise<SetResult[]> {
  const ownStarted = performance.now();
  const own = detection('language detection, own texts', 'language-detect.tsv', ownTexts(), ownStarted);
  const started = performance.now();
  const corpus = await readDetectionCorpus();
  const source = 'shared corpus + language-detect-corpus.tsv';
  const set = 'language detection, corpus texts';
  if (corpus.status === 'missing') {
    return [own, notRun(set, source, 'tuned', { budget: 0.95 }, corpus.reason)];
  }
  return [own, detection(set, source, corpus.items, started)];
}

function notRun(set: string, source: string, split: Split, floor: Floor | string, reason: string): SetResult {
  return {
    set,
    source,
    split,
    status: 'not run',
    rows: 0,
    budget: typeof floor === 'string' ? floor : floorText(floor),
    reason,
    milliseconds: 0,
    misses: [],
  };
}

function levels(): SetResult[] {
  return ['level-labels.tsv', 'level-holdout.tsv', 'level-holdout-2.tsv'].map((file) => {
    const started = performance.now();
    const labels = readLevelLabels(`./${file}`);
    const score = scoreLevels(labels);
    const split = readLabelTable(new URL(file, LABELS)).heldOut ? 'held-out' : 'tuned';
    const set = `education levels${file === 'level-labels.tsv' ? '' : ` (${file.replace(/\.tsv$/, '')})`}`;
    return scored(set, file, split, score.total, score.misses, { budget: 0.9 }, started);
  });
}

/** A subject row as the normalizer gets it (the reading of subject.test.ts). */
function subjectInput(kind: string, value: string, lang: string): SubjectInput {
  const language = lang === '' ? {} : { language: lang };
  switch (kind) {
    case 'keyword':
      return { keywords: [value], ...language };
    case 'subject-id':
      return { subjects: [{ id: value }], ...language };
    case 'subject-label':
      return { subjects: [{ label: value }], ...language };
    default: {
      const items = value.split(' || ');
      return {
        keywords: items.filter((i) => !i.startsWith('id:')),
        subjects: items.filter((i) => i.startsWith('id:')).map((i) => ({ id: i.slice(3) })),
        ...language,
      };
    }
  }
}

function subjects(): SetResult {
  return exactSet(
    'subjects (ISCED-F fields)',
    'subject-labels.tsv',
    { columns: ['kind', 'value', 'lang', 'expected', 'source', 'comment'], optional: ['comment'] },
    'value',
    { test: 0.8 },
    (row) => {
      const alternatives = row
        .get('expected')
        .split('|')
        .map((a) => a.trim().split(/\s+/).filter(Boolean).sort().join(' '));
      const input = subjectInput(row.get('kind'), row.get('value'), row.get('lang'));
      const found = [...normalizeSubjects(input).fields].sort().join(' ');
      return {
        ok: alternatives.includes(found),
        found: show(found),
        expected: alternatives.map(show).join(' | '),
      };
    },
  );
}

function resourceTypes(): SetResult {
  return exactSet(
    'resource types (HCRT)',
    'resource-type-labels.tsv',
    { columns: ['input', 'expected', 'comment'], optional: ['comment'] },
    'input',
    { test: 0.9 },
    (row) => {
      const found = sortedWords((normalizeResourceType(row.get('input')).value ?? []).join(' '));
      const expected = sortedWords(row.get('expected'));
      return { ok: found === expected, found: show(found), expected: show(expected) };
    },
  );
}

function accessibility(): SetResult {
  return exactSet(
    'accessibility terms and statements',
    'accessibility-labels.tsv',
    { columns: ['property', 'input', 'expected', 'comment'], optional: ['comment'] },
    'input',
    { test: 0.95 },
    (row) => {
      const property = row.get('property');
      const input = row.get('input');
      let found: string;
      let expected: string;
      if (property === 'text') {
        const r = accessibilityFromText(input);
        found = [...r.feature.map((f) => `feature:${f}`), ...r.hazard.map((h) => `hazard:${h}`)]
          .sort()
          .join(' ');
        expected = sortedWords(row.get('expected'));
      } else {
        found = normalizeAccessibility(property as AccessibilityProperty, input).value ?? '';
        expected = row.get('expected');
      }
      return { ok: found === expected, found: `${property} ${show(found)}`, expected: show(expected) };
    },
  );
}

const URL_COLUMNS: ReadOptions = { columns: ['input', 'canonical', 'match_key', 'note'] };
const AGENT_COLUMNS: ReadOptions = { columns: ['input', 'name', 'sort_name', 'kind', 'match_key', 'note'] };

function urls(): SetResult[] {
  return [
    exactSet('URLs: canonical form', 'url-labels.tsv', URL_COLUMNS, 'input', { test: 0.99 }, (row) => {
      const found = canonicalUrl(row.get('input')).value;
      const expected = nullable(row.get('canonical'));
      return { ok: found === expected, found: show(found), expected: show(expected) };
    }),
    exactSet('URLs: match key', 'url-labels.tsv', URL_COLUMNS, 'input', { test: 0.99 }, (row) => {
      const found = urlMatchKey(row.get('input'));
      const expected = nullable(row.get('match_key'));
      return { ok: found === expected, found: show(found), expected: show(expected) };
    }),
  ];
}

function identifiers(): SetResult {
  return exactSet(
    'identifiers (kind and value)',
    'identifier-labels.tsv',
    { columns: ['input', 'kind', 'value', 'note'] },
    'input',
    { test: 0.99 },
    (row) => {
      const found = normalizeIdentifier(row.get('input'));
      const kind = nullable(row.get('kind'));
      const value = nullable(row.get('value'));
      return {
        ok: found.kind === kind && found.value === value,
        found: `${show(found.kind)} ${show(found.value)} [${found.rule}]`,
        expected: `${show(kind)} ${show(value)}`,
      };
    },
  );
}

function dates(): SetResult {
  return exactSet(
    'dates (value and precision)',
    'date-labels.tsv',
    { columns: ['input', 'value', 'precision', 'note'] },
    'input',
    { test: 0.99 },
    (row) => {
      const found = normalizeDate(row.get('input'));
      const value = nullable(row.get('value'));
      const precision = nullable(row.get('precision'));
      return {
        ok: found.value === value && found.precision === precision,
        found: `${show(found.value)} ${show(found.precision)} [${found.rule}]`,
        expected: `${show(value)} ${show(precision)}`,
      };
    },
  );
}

function agents(): SetResult[] {
  return [
    exactSet(
      'agents: name, sort name, kind',
      'agent-labels.tsv',
      AGENT_COLUMNS,
      'input',
      { test: 0.98 },
      (row) => {
        const found = normalizeAgentName(row.get('input'));
        const name = row.get('name');
        const sortName = row.get('sort_name') === '' ? undefined : row.get('sort_name');
        const kind = nullable(row.get('kind'));
        return {
          ok: found.name === name && found.sortName === sortName && found.kind === kind,
          found: `${found.name} | ${found.sortName ?? ''} | ${show(found.kind)} [${found.rule}]`,
          expected: `${name} | ${sortName ?? ''} | ${show(kind)}`,
        };
      },
    ),
    exactSet('agents: match key', 'agent-labels.tsv', AGENT_COLUMNS, 'input', { test: 0.98 }, (row) => {
      const found = agentMatchKey(row.get('input'));
      const expected = nullable(row.get('match_key'));
      return { ok: found === expected, found: show(found), expected: show(expected) };
    }),
  ];
}

// ---------------------------------------------------------------------------------------------------------
// The duplicate pairs.

const PAIR_BUDGET = 'P >= 0.99, R >= 0.95, 0 merged';

function shareKey(p: LabeledPair): boolean {
  const keys = new Set(matchKeys(p.a));
  return matchKeys(p.b).some((k) => keys.has(k));
}

async function pairs(name: PairSetName): Promise<SetResult> {
  const set = `duplicate pairs, ${name === 'main' ? 'main' : 'held-out'} set`;
  const source = `test/dedupe/build-pairs.ts ${name}`;
  const split: Split = pairSetHeldOut(name) ? 'held-out' : 'tuned';
  const started = performance.now();
  const built = await readPairSet(name);
  if (built.status === 'missing') return notRun(set, source, split, PAIR_BUDGET, built.reason);
  const e = evaluatePairs(built.items);
  const wrong = new Set(e.errors.map((error) => error.index));
  const labeledSame = built.items.filter((p) => p.relation === 'same');
  const foundInBlocks = built.items.filter(
    (p, index) => p.relation === 'same' && !wrong.has(index) && shareKey(p),
  ).length;
  const met = e.precision >= 0.99 && e.recall >= 0.95 && e.translationsMerged === 0;
  return {
    set,
    source,
    split,
    status: met ? 'met' : 'missed',
    rows: e.total,
    correct: e.total - e.errors.length,
    exact: e.accuracy,
    precision: e.precision,
    recall: e.recall,
    recallInBlocks: labeledSame.length === 0 ? 1 : foundInBlocks / labeledSame.length,
    translationsMerged: e.translationsMerged,
    budget: PAIR_BUDGET,
    milliseconds: Math.round(performance.now() - started),
    misses: e.errors.map(
      (error) =>
        `pair ${error.index}: ${error.expected} -> ${error.decision.relation}: ${error.decision.reason} (${error.note ?? ''})`,
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Report.

function resultText(r: SetResult): string {
  if (r.status === 'not run') return 'not run: shared corpus missing';
  if (r.precision !== undefined && r.recall !== undefined) {
    const inBlocks = r.recallInBlocks === undefined ? '' : ` (${r.recallInBlocks.toFixed(4)} in blocks)`;
    return `P ${r.precision.toFixed(4)} R ${r.recall.toFixed(4)}${inBlocks}, ${r.translationsMerged ?? 0} merged`;
  }
  return `${r.correct ?? 0}/${r.rows} = ${percent(r.exact ?? 0)}`;
}

function table(results: readonly SetResult[]): string {
  const head = ['set', 'split', 'rows', 'exact (pairs: precision/recall)', 'budget', 'status', 'ms'];
  const body = results.map((r) => [
    r.set,
    r.split,
    r.status === 'not run' ? '-' : String(r.rows),
    resultText(r),
    r.budget,
    r.status === 'missed' ? 'MISSED' : r.status,
    r.status === 'not run' ? '-' : r.milliseconds.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const numeric = new Set([2, 6]);
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main(): Promise<number> {
  const args = new Set(process.argv.slice(2));
  for (const arg of args) {
    if (arg !== '--verbose' && arg !== '--json') {
      process.stderr.write(`unknown option ${arg}\nusage: npm run evaluate [-- --verbose] [-- --json]\n`);
      return 2;
    }
  }
  const results: SetResult[] = [
    licences(),
    languageCodes(),
    ...(await detectionSets()),
    ...levels(),
    await pairs('main'),
    await pairs('heldout'),
    subjects(),
    resourceTypes(),
    accessibility(),
    ...urls(),
    identifiers(),
    dates(),
    ...agents(),
  ];
  const missed = results.filter((r) => r.status === 'missed');
  if (args.has('--json')) {
    process.stdout.write(`${JSON.stringify({ sets: results, budgetsMissed: missed.length }, null, 2)}\n`);
  } else {
    const out = [table(results), ''];
    for (const r of results.filter((x) => x.status === 'not run'))
      out.push(`${r.set}: not run: ${r.reason ?? ''}`);
    out.push(
      missed.length === 0
        ? 'Every budget that could be measured is met.'
        : `Budgets missed: ${missed.map((r) => r.set).join('; ')}`,
    );
    if (args.has('--verbose')) {
      for (const r of results) {
        if (r.misses.length === 0) continue;
        out.push('', `${r.set} (${r.source}): ${r.misses.length} misses`, ...r.misses.map((m) => `  ${m}`));
      }
    }
    process.stdout.write(`${out.join('\n')}\n`);
  }
  return missed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
