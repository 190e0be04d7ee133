// Metadata quality of a whole source, built one record at a time so that a source of a million records
// never sits in memory: the mean score, a score histogram, how many records fill each field, how often each
// check passes, and each fix with how many records need it and a few of their ids. Memory stays bounded by
// the number of distinct fix codes and fields, whatever the number of records. Pure; never performs I/O.
import { FIX_MESSAGES, renderMessage, type FixCode, type FixSeverity } from './messages.js';
import { COVERAGE_FIELDS, fixOrder, fixWeight, SEVERITY_RANK, type RecordQuality } from './record-quality.js';

/** How many record ids a source-level fix keeps as examples. */
export const MAX_EXAMPLES = 5;

export interface SourceFix {
  readonly code: string;
  readonly field: string;
  readonly severity: FixSeverity;
  /** The English message about the records of the source that need this fix. */
  readonly message: string;
  /** Records that need it (a record counts once per code and field). */
  readonly count: number;
  /** count / records. */
  readonly share: number;
  /** The ids of the first records that needed it, at most MAX_EXAMPLES. */
  readonly examples: readonly string[];
  /** The element to fill, as the first such record named it. */
  readonly params: Readonly<Record<string, string | number>>;
}

export interface CheckRate {
  /** Records where the check counted. */
  readonly counted: number;
  readonly passed: number;
  /** passed / counted; 0 when it never counted. */
  readonly share: number;
}

export interface SourceQuality {
  readonly records: number;
  /** Mean of the record scores; 0 when there are no records. */
  readonly score: number;
  /** Records per score band: [0..9], [10..19] ... [90..100]. */
  readonly histogram: readonly number[];
  /** Field -> share (0..1) of records that fill it, for every field of COVERAGE_FIELDS. */
  readonly coverage: Readonly<Record<string, number>>;
  /** Check code -> how often it counted and passed. */
  readonly checks: Readonly<Record<string, CheckRate>>;
  /** Errors first, then by records affected times the weight of their check, then table order. */
  readonly fixes: readonly SourceFix[];
}

interface FixTally {
  readonly code: string;
  readonly field: string;
  readonly severity: FixSeverity;
  readonly params: Readonly<Record<string, string | number>>;
  count: number;
  readonly examples: string[];
}

/** Adds record qualities one by one; `result()` may be asked any time and does not stop the adding. */
export class SourceQualityAccumulator {
  private records = 0;
  private scoreSum = 0;
  private readonly histogram: number[] = Array.from({ length: 10 }, () => 0);
  private readonly filled = new Map<string, number>(COVERAGE_FIELDS.map((f) => [f, 0]));
  private readonly checks = new Map<string, { counted: number; passed: number; weight: number }>();
  private readonly fixes = new Map<string, FixTally>();
  private readonly seenInRecord = new Set<string>();

  add(recordId: string, quality: RecordQuality): void {
    this.records += 1;
    const score = Number.isFinite(quality.score) ? Math.min(100, Math.max(0, quality.score)) : 0;
    this.scoreSum += score;
    const band = Math.min(9, Math.floor(score / 10));
    this.histogram[band] = (this.histogram[band] ?? 0) + 1;
    for (const field of quality.filled) this.filled.set(field, (this.filled.get(field) ?? 0) + 1);
    for (const check of quality.checks) {
      let rate = this.checks.get(check.code);
      if (rate === undefined) {
        rate = { counted: 0, passed: 0, weight: check.weight };
        this.checks.set(check.code, rate);
      }
      rate.counted += 1;
      if (check.passed) rate.passed += 1;
    }
    this.seenInRecord.clear();
    for (const fix of quality.fixes) {
      // One tally per code and field: date_invalid in datePublished and in dateModified are two fixes.
      const key = `${fix.code}\u0000${fix.field}`;
      if (this.seenInRecord.has(key)) continue;
      this.seenInRecord.add(key);
      let tally = this.fixes.get(key);
      if (tally === undefined) {
        const element = fix.params?.element;
        tally = {
          code: fix.code,
          field: fix.field,
          severity: fix.severity,
          params: element === undefined ? {} : { element },
          count: 0,
          examples: [],
        };
        this.fixes.set(key, tally);
      }
      tally.count += 1;
      if (tally.examples.length < MAX_EXAMPLES) tally.examples.push(recordId);
    }
  }

  result(): SourceQuality {
    const n = this.records;
    const share = (count: number, of: number): number => (of === 0 ? 0 : count / of);
    const coverage: Record<string, number> = {};
    for (const [field, count] of this.filled) coverage[field] = share(count, n);
    const checks: Record<string, CheckRate> = {};
    for (const [code, rate] of this.checks) {
      checks[code] = { counted: rate.counted, passed: rate.passed, share: share(rate.passed, rate.counted) };
    }
    // Errors first; within a severity, what weighs most on the source's score (records x weight).
    const tallies = [...this.fixes.values()].sort(
      (x, y) =>
        SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] ||
        y.count * fixWeight(y.code) - x.count * fixWeight(x.code) ||
        fixOrder(x.code) - fixOrder(y.code),
    );
    return {
      records: n,
      score: share(this.scoreSum, n),
      histogram: [...this.histogram],
      coverage,
      checks,
      fixes: tallies.map((t) => ({
        code: t.code,
        field: t.field,
        severity: t.severity,
        message: sourceMessage(t.code, t.params),
        count: t.count,
        share: share(t.count, n),
        examples: [...t.examples],
        params: t.params,
      })),
    };
  }
}

function sourceMessage(code: string, params: Readonly<Record<string, string | number>>): string {
  const entry = Object.hasOwn(FIX_MESSAGES, code) ? FIX_MESSAGES[code as FixCode] : undefined;
  return entry === undefined ? code : renderMessage(entry.source, params);
}
