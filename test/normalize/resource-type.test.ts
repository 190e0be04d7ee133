import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeResourceType, TERM_CONFLICTS } from '../../src/normalize/resource-type.js';
import { HCRT_CONCEPTS } from '../../src/vocab/hcrt.js';
import { readLabelTable } from '../support/labels.js';

const H = 'https://w3id.org/kim/hcrt/';

interface Label {
  readonly line: number;
  readonly input: string;
  readonly expected: readonly string[];
}

function readLabels(): Label[] {
  const table = readLabelTable(new URL('./resource-type-labels.tsv', import.meta.url), {
    columns: ['input', 'expected', 'comment'],
    optional: ['comment'],
  });
  return table.rows.map((row) => ({
    line: row.line,
    input: row.get('input'),
    expected: row
      .get('expected')
      .split(' ')
      .filter((x) => x !== ''),
  }));
}

function same(a: readonly string[] | null, b: readonly string[]): boolean {
  const x = [...(a ?? [])].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function expectType(input: string, ...notations: string[]): void {
  const found = normalizeResourceType(input);
  const want = notations.map((n) => H + n);
  assert.ok(
    same(found.value, want),
    `${JSON.stringify(input)} -> ${JSON.stringify(found)}; expected ${want.join(' ')}`,
  );
  if (notations.length === 0) assert.equal(found.value, null, `${JSON.stringify(input)}: null, not []`);
  assert.equal(found.input, input);
}

describe('resource type labeled set', () => {
  it('maps at least 90% of the labeled real-world values exactly', (t) => {
    const labels = readLabels();
    assert.ok(labels.length >= 200, `${labels.length} rows`);
    const ids = new Set(HCRT_CONCEPTS.map((c) => c.id));
    const misses: string[] = [];
    for (const label of labels) {
      for (const id of label.expected) assert.ok(ids.has(id), `line ${label.line}: ${id} is no HCRT concept`);
      const found = normalizeResourceType(label.input);
      if (!same(found.value, label.expected)) {
        misses.push(
          `line ${label.line}: ${JSON.stringify(label.input)} -> ${found.value?.join(' ') ?? '(none)'} [${found.rule}]`,
        );
      }
    }
    const accuracy = (labels.length - misses.length) / labels.length;
    t.diagnostic(`resource type accuracy ${(accuracy * 100).toFixed(1)}% on ${labels.length} values`);
    for (const miss of misses) t.diagnostic(miss);
    assert.ok(accuracy >= 0.9, `accuracy ${accuracy}`);
  });

  it('has rows that name several types, no type at all, and URIs', () => {
    const labels = readLabels();
    assert.ok(labels.filter((l) => l.expected.length === 0).length >= 30);
    assert.ok(labels.some((l) => l.expected.length > 1));
    assert.ok(labels.filter((l) => /^https?:/.test(l.input)).length >= 20);
  });
});

describe('normalizeResourceType', () => {
  it('keeps the term tables free of phrases mapped two ways', () => {
    assert.deepEqual(TERM_CONFLICTS, []);
  });

  it('reads HCRT URIs in every spelling and rejects unknown ones', () => {
    expectType('https://w3id.org/kim/hcrt/video', 'video');
    expectType('http://w3id.org/kim/hcrt/drill_and_practice/', 'drill_and_practice');
    expectType('hcrt:sheet_music', 'sheet_music');
    assert.equal(normalizeResourceType('https://w3id.org/kim/hcrt/podcast').value, null);
    assert.equal(normalizeResourceType('https://w3id.org/kim/hcrt/video').rule, 'uri:hcrt');
  });

  it('reads DCMI types, info:eu-repo types and leaves versions and access rights out', () => {
    expectType('MovingImage', 'video');
    expectType('StillImage', 'image');
    expectType('http://purl.org/dc/dcmitype/Sound', 'audio');
    expectType('info:eu-repo/semantics/lecture', 'script');
    expectType('info:eu-repo/semantics/submittedVersion');
    expectType('info:eu-repo/semantics/openAccess');
    assert.equal(normalizeResourceType('info:eu-repo/semantics/openAccess').rule, 'eu-repo:not-a-type');
  });

  it('reads LOM learning resource types in many languages', () => {
    for (const v of [
      'exercise',
      'Übung',
      'Übungen',
      'ejercicio',
      'ejercicios',
      'exercício',
      'exercice',
      'oefening',
    ]) {
      expectType(v, 'drill_and_practice');
    }
    for (const v of ['questionnaire', 'Fragebogen', 'cuestionario', 'questionário', 'vragenlijst']) {
      expectType(v, 'questionnaire');
    }
    expectType('self assessment', 'assessment');
    expectType('Selbstbewertung', 'assessment');
    expectType('problem statement', 'drill_and_practice');
    expectType('narrative text', 'text');
    expectType('Tabelle', 'other');
  });

  it('reads schema.org and LRMI types and concept URIs', () => {
    expectType('VideoObject', 'video');
    expectType('https://schema.org/Quiz', 'assessment');
    expectType('SpreadsheetDigitalDocument', 'data');
    expectType('VideoGame', 'educational_game');
    expectType('http://purl.org/dcx/lrmi-vocabs/learningResourceType/unitPlan', 'lesson_plan');
    expectType('http://purl.org/dcx/lrmi-vocabs/learningResourceType/recordedLesson');
    expectType('CreativeWork');
  });

  it('reads OpenEduHub, COAR and ScoLOMFR concept URIs by their tables', () => {
    expectType('http://w3id.org/openeduhub/vocabs/learningResourceType/demonstration', 'experiment');
    expectType('https://w3id.org/openeduhub/vocabs/new_lrt/a0218a48-a008-4975-a62a-27b1a83d454f', 'video');
    expectType('http://w3id.org/openeduhub/vocabs/new_lrt/00000000-0000-0000-0000-000000000000');
    expectType('http://purl.org/coar/resource_type/c_c513', 'image');
    expectType('http://purl.org/coar/resource_type/c_ddb1', 'data');
    expectType('http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-005-num-030', 'sheet_music');
  });

  it('uses MIME types only for media and documents that say what they are', () => {
    expectType('video/mp4', 'video');
    expectType('audio/ogg', 'audio');
    expectType('image/svg+xml', 'image');
    expectType('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'slide');
    expectType('application/pdf');
    expectType('application/zip');
    assert.equal(normalizeResourceType('video/mp4').rule, 'mime:video');
  });

  it('matches whole words and phrases, never substrings of other words', () => {
    expectType('Lesson Plan', 'lesson_plan');
    expectType('Moving Image', 'video');
    expectType('mappings');
    expectType('Videography techniques');
    expectType('contest');
    expectType('Greatest hits');
  });

  it('reads German and Dutch compounds by their head, and words written apart', () => {
    expectType('Erklärvideo', 'video');
    expectType('Selbstlernkurs', 'course');
    expectType('Vortragsfolien', 'slide');
    expectType('Rechenaufgaben', 'drill_and_practice');
    expectType('Post-print', 'text');
    expectType('Arbeits-Blatt', 'worksheet');
  });

  it('lets a weak word count only when nothing else names a type', () => {
    expectType('Interactive', 'other');
    expectType('Interactive Simulation', 'simulation');
    expectType('Document', 'text');
    expectType('Document de référence', 'index');
  });

  it('reads Chinese, Arabic, Russian and Swahili words', () => {
    expectType('教学视频', 'video');
    expectType('练习题', 'drill_and_practice');
    expectType('الفيديو', 'video');
    expectType('Учебник', 'textbook');
    expectType('Mazoezi', 'drill_and_practice');
  });

  it('gives null with a rule for empty, overlong and non-type values', () => {
    assert.deepEqual(normalizeResourceType('  '), { input: '  ', value: null, rule: 'empty' });
    assert.equal(normalizeResourceType('doi:10.1000/182').rule, 'not-a-type:doi');
    const long = 'A description that somebody put into the type field of a record, mentioning video and text';
    assert.equal(normalizeResourceType(long).value, null);
    assert.equal(normalizeResourceType(long).rule, 'too-long');
    assert.equal(normalizeResourceType('PeerReviewed').rule, 'no-match');
  });

  it('returns every curated UI label as the concept it labels', () => {
    for (const concept of HCRT_CONCEPTS) {
      for (const [lang, label] of Object.entries(concept.curatedLabel)) {
        const found = normalizeResourceType(label).value ?? [];
        assert.ok(
          found.includes(concept.id),
          `${lang} ${JSON.stringify(label)} -> ${found.join(' ')}; want ${concept.id}`,
        );
      }
    }
  });

  it('normalizes a value in a few microseconds', (t) => {
    const values = readLabels().map((l) => l.input);
    for (const v of values) normalizeResourceType(`${v} warm-up`);
    // Distinct inputs defeat the cache and time the matching itself; CPU time, so that a busy machine does
    // not count.
    let n = 0;
    let before = process.cpuUsage();
    for (let round = 0; round < 20; round++) {
      for (const v of values) {
        normalizeResourceType(`${v} ${round}`);
        n++;
      }
    }
    let used = process.cpuUsage(before);
    const cold = (used.user + used.system) / n;
    before = process.cpuUsage();
    for (let round = 0; round < 20; round++) for (const v of values) normalizeResourceType(v);
    used = process.cpuUsage(before);
    const warm = (used.user + used.system) / (values.length * 20);
    t.diagnostic(`resource type: ${cold.toFixed(2)} µs CPU per uncached value, ${warm.toFixed(3)} µs cached`);
    assert.ok(cold < 100, `${cold} µs per value`);
  });
});
