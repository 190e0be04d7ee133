// SourceQualityAccumulator over 10,000 generated records (deterministic from a seed, in several languages
// and scripts, with skewed fill rates): coverage shares and fix counts must equal what the generator put in,
// examples are capped, and nothing is NaN when there are no records.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResourceRecord } from '../../src/domain/profile.js';
import { assessRecord, COVERAGE_FIELDS, type RecordQuality } from '../../src/quality/record-quality.js';
import {
  MAX_EXAMPLES,
  SourceQualityAccumulator,
  type SourceQuality,
} from '../../src/quality/source-quality.js';
import { generate, mulberry32, type Generated } from './generate.js';

const N = 10_000;

interface Run {
  readonly result: SourceQuality;
  readonly generated: readonly Generated[];
  readonly qualities: readonly RecordQuality[];
  readonly msPerRecord: number;
}

function run(): Run {
  const random = mulberry32(20240501);
  const generated: Generated[] = [];
  for (let i = 0; i < N; i++) generated.push(generate(i, random));
  const acc = new SourceQualityAccumulator();
  const qualities: RecordQuality[] = [];
  for (const g of generated) qualities.push(assessRecord(g.record));
  // A second, warm pass for the speed diagnostic (a figure, not an assertion).
  const start = performance.now();
  for (const g of generated) assessRecord(g.record);
  const msPerRecord = (performance.now() - start) / N;
  generated.forEach((g, i) => {
    const q = qualities[i];
    if (q !== undefined) acc.add(g.id, q);
  });
  return { result: acc.result(), generated, qualities, msPerRecord };
}

void describe('SourceQualityAccumulator over 10,000 generated records', () => {
  const { result, generated, qualities, msPerRecord } = run();

  void it('counts the records and averages their scores', (t) => {
    t.diagnostic(`assessRecord: ${(msPerRecord * 1000).toFixed(1)} µs per record (warm pass over ${N})`);
    assert.equal(result.records, N);
    const sum = qualities.reduce((s, q) => s + q.score, 0);
    assert.equal(result.score, sum / N);
    assert.equal(
      result.histogram.reduce((s, n) => s + n, 0),
      N,
    );
    assert.ok(result.score > 20 && result.score < 90, `mean ${result.score}`);
  });

  void it('reports exactly the coverage the generator put in', () => {
    assert.deepEqual(Object.keys(result.coverage).sort(), [...COVERAGE_FIELDS].sort());
    for (const field of COVERAGE_FIELDS) {
      const expected = generated.filter((g) => g.fields.has(field)).length;
      assert.equal(result.coverage[field], expected / N, field);
    }
    // The generator's skew shows: every title, most urls, few accessibility features.
    assert.equal(result.coverage.name, 1);
    assert.ok((result.coverage.url ?? 0) > 0.9);
    assert.ok((result.coverage.accessibilityFeature ?? 1) < 0.2);
  });

  void it('counts each fix by the records that lack the field, with the first five ids as examples', () => {
    const expectations: [string, (g: Generated) => boolean][] = [
      ['license_missing', (g) => !g.fields.has('license')],
      ['language_missing', (g) => !g.fields.has('inLanguage')],
      ['url_missing', (g) => !g.fields.has('url')],
      ['description_missing', (g) => !g.fields.has('description')],
      ['license_not_open', (g) => g.record.license?.group === 'restricted'],
      ['license_unrecognised', (g) => g.record.license?.group === 'unknown'],
      ['language_detected', (g) => g.record.inLanguageOrigin === 'detected'],
      ['education_level_unmapped', (g) => !g.fields.has('iscedLevels') && g.fields.has('educationalLevel')],
    ];
    for (const [code, lacks] of expectations) {
      const affected = generated.filter(lacks);
      const fix = result.fixes.find((f) => f.code === code);
      assert.ok(fix !== undefined, code);
      assert.equal(fix.count, affected.length, code);
      assert.equal(fix.share, affected.length / N, code);
      assert.deepEqual(
        fix.examples,
        affected.slice(0, MAX_EXAMPLES).map((g) => g.id),
        code,
      );
      assert.doesNotMatch(fix.message, /\{\w+\}/);
    }
    for (const fix of result.fixes) assert.ok(fix.examples.length <= MAX_EXAMPLES && fix.count <= N);
  });

  void it('counts how often each check counted and passed', () => {
    const licence = result.checks.license;
    assert.equal(licence?.counted, N);
    assert.equal(licence?.passed, generated.filter((g) => g.fields.has('license')).length);
    const declared = result.checks.language_declared;
    assert.equal(declared?.counted, generated.filter((g) => g.fields.has('inLanguage')).length);
  });

  void it('lists errors first, then by records affected times weight', () => {
    const rank = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < result.fixes.length; i++) {
      const a = result.fixes[i - 1];
      const b = result.fixes[i];
      assert.ok(a !== undefined && b !== undefined);
      assert.ok(rank[a.severity] <= rank[b.severity], `${a.code} before ${b.code}`);
    }
  });
});

void describe('SourceQualityAccumulator edge cases', () => {
  void it('reports zeros, never NaN, when no record was added', () => {
    const result = new SourceQualityAccumulator().result();
    assert.equal(result.records, 0);
    assert.equal(result.score, 0);
    assert.deepEqual(result.fixes, []);
    for (const share of Object.values(result.coverage)) assert.equal(share, 0);
    const numbers: number[] = [];
    JSON.stringify(result, (_key, value: unknown) => {
      if (typeof value === 'number') numbers.push(value);
      return value;
    });
    assert.ok(numbers.length > 0 && numbers.every(Number.isFinite));
  });

  void it('gives a snapshot and keeps adding; counts a record once per fix code', () => {
    const random = mulberry32(7);
    const acc = new SourceQualityAccumulator();
    const records = Array.from({ length: 20 }, (_, i) => generate(i, random));
    for (const g of records.slice(0, 10)) acc.add(g.id, assessRecord(g.record));
    const first = acc.result();
    for (const g of records.slice(10)) acc.add(g.id, assessRecord(g.record));
    const second = acc.result();
    assert.equal(first.records, 10);
    assert.equal(second.records, 20);
    const twice = assessRecord(records[0]?.record as ResourceRecord);
    const doubled = { ...twice, fixes: [...twice.fixes, ...twice.fixes] };
    const one = new SourceQualityAccumulator();
    one.add('r1', doubled);
    for (const fix of one.result().fixes) assert.equal(fix.count, 1);
  });
});
