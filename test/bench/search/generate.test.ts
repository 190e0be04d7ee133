// Tests of the search benchmark's catalog generator and loader (bench/search/): the same seed gives the same
// records, records are valid profile records whose normalized fields are what the normalizers make, the
// catalog has the shape the benchmark promises (languages and scripts, duplicates across sources sharing a
// work, translations, skewed facets), and the loader writes it all through the Store port. Needs the shared
// corpus, which the generator reads; skipped with a note when it is missing.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '../../../src/adapters/sqlite/sqlite-store.js';
import { validateRecord } from '../../../src/formats/profile/validate-record.js';
import { licenseValue } from '../../../src/normalize/license.js';
import { normalizeRecord } from '../../../src/normalize/record.js';
import type { Store } from '../../../src/ports/store.js';
import {
  createRecordGenerator,
  type GeneratedRecord,
  type RecordGenerator,
} from '../../../bench/search/generate.js';
import { loadCatalog } from '../../../bench/search/load.js';
import { buildQueryMix, QUERY_LANGUAGES } from '../../../bench/search/queries.js';
import { CORPUS_DIR, readCorpusShapes, type CorpusShapes } from '../../../bench/search/shapes.js';

const skip = existsSync(CORPUS_DIR) ? false : `shared corpus missing (${CORPUS_DIR})`;
const SAMPLE = 8000;

void describe('search benchmark catalog', { skip }, () => {
  let shapes: CorpusShapes;
  let generator: RecordGenerator;
  let sample: GeneratedRecord[];

  before(async () => {
    shapes = await readCorpusShapes();
    generator = createRecordGenerator(shapes, { seed: 'test-seed' });
    sample = [...generator.batches(SAMPLE, 1000)].flat();
  });

  it('gives the same records for the same seed and index, and others for another seed', () => {
    const again = createRecordGenerator(shapes, { seed: 'test-seed' });
    for (const i of [0, 17, 999, 4321, SAMPLE - 1]) {
      assert.deepEqual(again.record(i), sample[i]);
      assert.deepEqual(generator.record(i), sample[i]);
    }
    const other = createRecordGenerator(shapes, { seed: 'another-seed' });
    const differ = [0, 1, 2, 3, 4].filter(
      (i) => JSON.stringify(other.record(i).input.record) !== JSON.stringify(sample[i]?.input.record),
    );
    assert.equal(differ.length, 5);
    const batch = [...generator.batches(30, 7, 2000)].flat();
    assert.deepEqual(
      batch.map((r) => r.index),
      Array.from({ length: 30 }, (_, i) => 2000 + i),
    );
    assert.deepEqual(batch[5], sample[2005]);
  });

  it('makes valid profile records whose normalized fields are what normalizeRecord makes of the payload', () => {
    for (const r of sample.filter((_, i) => i % 40 === 0)) {
      const record = r.input.record;
      assert.ok(record !== null);
      const checked = validateRecord(record);
      assert.ok(checked.valid, JSON.stringify(checked.valid ? null : checked.problems.slice(0, 3)));
      assert.deepEqual(record, normalizeRecord(JSON.parse(r.input.raw) as typeof record));
      if (record.license !== undefined) {
        assert.deepEqual(record.license, licenseValue(record.license.original ?? []));
      }
    }
  });

  it('writes in at least 10 languages with 1 % of records or more, in several scripts', () => {
    const byLanguage = new Map<string, number>();
    for (const r of sample) byLanguage.set(r.lang, (byLanguage.get(r.lang) ?? 0) + 1);
    const big = [...byLanguage].filter(([, n]) => n >= SAMPLE * 0.01).map(([l]) => l);
    assert.ok(big.length >= 10, big.join(' '));
    for (const lang of QUERY_LANGUAGES) assert.ok((byLanguage.get(lang) ?? 0) > 0, lang);
    const scripts = new Set<string>();
    const tests: [string, RegExp][] = [
      ['Latin', /\p{Script=Latin}/u],
      ['Arabic', /\p{Script=Arabic}/u],
      ['Han', /\p{Script=Han}/u],
      ['Cyrillic', /\p{Script=Cyrillic}/u],
      ['Devanagari', /\p{Script=Devanagari}/u],
    ];
    for (const r of sample) {
      const title = Object.values(r.input.record?.name ?? {}).join(' ');
      for (const [script, test] of tests) if (test.test(title)) scripts.add(script);
    }
    assert.deepEqual([...scripts].sort(), ['Arabic', 'Cyrillic', 'Devanagari', 'Han', 'Latin']);
  });

  it('copies 5-10 % of records from other sources into their original’s work, and makes some translations', () => {
    const duplicates = sample.filter((r) => r.kind === 'duplicate');
    const share = duplicates.length / SAMPLE;
    assert.ok(share >= 0.05 && share <= 0.1, `duplicates ${share}`);
    for (const d of duplicates.slice(0, 200)) {
      const original = generator.record(d.of ?? -1);
      assert.equal(original.kind, 'original');
      assert.equal(d.workId, original.workId);
      assert.notEqual(d.input.sourceId, original.input.sourceId);
      assert.deepEqual(d.input.record?.name, original.input.record?.name);
      assert.equal(d.input.record?.url, original.input.record?.url);
    }
    const translations = sample.filter((r) => r.kind === 'translation');
    assert.ok(translations.length > SAMPLE * 0.01, `translations ${translations.length}`);
    for (const t of translations.slice(0, 100)) {
      const original = generator.record(t.of ?? -1);
      assert.notEqual(t.workId, original.workId);
      assert.notEqual(t.lang, original.lang);
      assert.equal(t.input.record?.translationOfWork?.id, original.input.record?.url);
    }
    const ids = new Set(sample.map((r) => `${r.input.sourceId}/${r.input.sourceRecordId}`));
    assert.equal(ids.size, SAMPLE);
  });

  it('skews sources and facet values', () => {
    const count = (values: (string | undefined)[]) => {
      const m = new Map<string, number>();
      for (const v of values) if (v !== undefined) m.set(v, (m.get(v) ?? 0) + 1);
      return [...m.values()].sort((a, b) => b - a);
    };
    const sources = count(sample.map((r) => r.input.sourceId));
    assert.equal(sources.length, 40);
    assert.ok((sources[0] ?? 0) > 5 * (sources[20] ?? 0), `sources ${sources.join(' ')}`);
    const licences = count(sample.map((r) => r.input.record?.license?.group));
    assert.ok(licences.length >= 6 && (licences[0] ?? 0) > 3 * (licences[5] ?? 0), licences.join(' '));
    const types = count(
      sample.flatMap((r) =>
        (r.input.record?.learningResourceType ?? []).map((t) => t.id).filter((id) => id.includes('/hcrt/')),
      ),
    );
    assert.ok(types.length >= 10 && (types[0] ?? 0) > 5 * (types[9] ?? 0), types.join(' '));
    const levels = count(sample.flatMap((r) => r.input.record?.iscedLevels ?? []));
    assert.ok(levels.length >= 5, levels.join(' '));
    const withFields = sample.filter((r) => (r.input.record?.iscedFields?.length ?? 0) > 0).length;
    const withFeatures = sample.filter((r) => (r.input.record?.accessibilityFeature?.length ?? 0) > 0).length;
    assert.ok(withFields > SAMPLE * 0.2 && withFeatures > SAMPLE * 0.05, `${withFields} ${withFeatures}`);
  });

  it('builds a query mix of 1-3 words in the 10 languages, some phrases and filters', () => {
    const mix = buildQueryMix(generator, { records: 3000, count: 400, seed: 'test-seed' });
    assert.equal(mix.length, 400);
    assert.deepEqual(mix, buildQueryMix(generator, { records: 3000, count: 400, seed: 'test-seed' }));
    assert.deepEqual(new Set(mix.map((q) => q.lang)), new Set(QUERY_LANGUAGES));
    assert.ok(mix.every((q) => q.q.trim().length > 0 && q.words.length >= 1));
    assert.ok(mix.filter((q) => q.phrase).length > 10);
    assert.ok(mix.filter((q) => Object.keys(q.params).some((k) => k !== 'q' && k !== 'lang')).length > 60);
  });
});

void describe('search benchmark loader', { skip }, () => {
  let dir: string;
  let store: Store;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-bench-load-'));
    store = await openSqliteStore({ file: path.join(dir, 'atlas.sqlite') });
    await store.migrate();
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the sources and records through the store, with the generator’s work ids', async () => {
    const figures = await loadCatalog(store, { records: 1500, seed: 'test-seed', batchSize: 500 });
    assert.equal(figures.records, 1500);
    assert.equal((await store.listSources()).length, 40);
    assert.equal((await store.countSourceRecords()).active, 1500);
    assert.equal(await store.countQueuedForGrouping(), 0);
    const generator = createRecordGenerator(await readCorpusShapes(), { seed: 'test-seed' });
    const duplicate = [...generator.batches(500, 500, 1000)].flat().find((r) => r.kind === 'duplicate');
    assert.ok(duplicate !== undefined && duplicate.of !== null);
    const original = generator.record(duplicate.of);
    const members = (await store.getWorkMembers(duplicate.workId)).map((m) => m.sourceRecordId);
    assert.ok(members.includes(original.input.sourceRecordId), members.join(' '));
    assert.ok(members.includes(duplicate.input.sourceRecordId), members.join(' '));
    const stored = await store.getSourceRecord(duplicate.input.sourceId, duplicate.input.sourceRecordId);
    assert.deepEqual(stored?.record, duplicate.input.record);
  });
});
