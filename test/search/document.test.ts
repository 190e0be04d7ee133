// Tests of the search documents: hand-built records in several languages and scripts (text columns analyzed
// in the right language, concept labels in the record's languages, exact terms, concept tokens with their
// parents), facet values that the search filters' canonical values find, the scalar fields, concept tokens
// (letters and digits only, one per concept, never shared), and real corpus records mapped and normalized
// through the ingest pipeline. Expected terms come from the analyzer itself, never typed in by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResourceRecord } from '../../src/domain/profile.js';
import { mapOaiDc } from '../../src/formats/oai-dc/map-oai-dc.js';
import { parseOaiPage } from '../../src/formats/oai-pmh/salvage.js';
import { createNormalizers, normalizeRecord } from '../../src/normalize/record.js';
import { INDEX_FACETS, SEARCH_COLUMNS, type SearchDocument } from '../../src/ports/search-index.js';
import { analyze, exactTerms, foldTerm, MAX_TERM_LENGTH } from '../../src/search/analyzer.js';
import {
  buildSearchDocument,
  conceptToken,
  DESCRIPTION_LIMIT,
  TITLE_LIMIT,
  type SearchDocumentInput,
} from '../../src/search/document.js';
import { parseSearchParams } from '../../src/search/filters.js';
import { HCRT_CONCEPTS } from '../../src/vocab/hcrt.js';
import { iscedField, unescoConcept, unescoUri } from '../../src/vocab/index.js';
import { corpusXml } from '../formats/oai-pmh/support.js';

const REF = { sourceId: 'src_abcdefabcdef', sourceRecordId: 'oai:example.org:1' };

function record(fields: Partial<ResourceRecord>): ResourceRecord {
  return {
    id: 'https://example.org/resource/1',
    type: ['LearningResource'],
    name: { en: 'Untitled' },
    provenance: [
      {
        sourceId: REF.sourceId,
        sourceRecordId: REF.sourceRecordId,
        harvestedAt: '2024-05-01T12:00:00Z',
        fields: [],
      },
    ],
    ...fields,
  };
}

function build(r: ResourceRecord, extra: Partial<SearchDocumentInput> = {}): SearchDocument {
  return buildSearchDocument({
    ref: REF,
    record: r,
    workId: null,
    qualityScore: null,
    harvestedAt: '2024-05-01T12:00:00Z',
    sourceCountry: null,
    ...extra,
  });
}

const terms = (text: string, lang: string): string[] => analyze(text, lang).map((t) => t.term);

/** Whether `needle` occurs in `hay` at consecutive positions. */
function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= hay.length; i += 1) {
    if (needle.every((t, k) => hay[i + k] === t)) return true;
  }
  return false;
}

function assertWellFormed(doc: SearchDocument): void {
  for (const column of SEARCH_COLUMNS) {
    for (const term of doc.text[column]) {
      assert.ok(term.length > 0 && !/\s/u.test(term), `${column} term ${JSON.stringify(term)}`);
    }
  }
  for (const facet of INDEX_FACETS) {
    const values = doc.facets[facet];
    assert.equal(new Set(values).size, values.length, `${facet} values are distinct`);
  }
  assert.ok(doc.quality >= 0 && doc.quality <= 1);
  assert.ok(doc.date === null || /^\d{4}-\d{2}-\d{2}/.test(doc.date));
  assert.ok(doc.title.length <= TITLE_LIMIT);
  assert.equal(new Set(doc.words).size, doc.words.length);
  for (const w of doc.words) assert.ok(doc.text.exact.includes(w));
}

const CLIMATE = 'concept4559'; // UNESCO Thesaurus: Climate change

void describe('buildSearchDocument: text columns', () => {
  void it('analyzes each name, keyword and description in its own language', () => {
    const r = record({
      name: { en: 'Photosynthesis for beginners', fr: 'La photosynthèse pour débutants' },
      description: { es: 'Las plantas convierten la energía luminosa en energía química.' },
      keywords: { en: ['plant biology', 'chlorophyll'], fr: ['énergie solaire'] },
      inLanguage: ['en', 'fr', 'es'],
    });
    const doc = build(r);
    assertWellFormed(doc);
    assert.deepEqual(doc.text.title, [
      ...terms('Photosynthesis for beginners', 'en'),
      ...terms('La photosynthèse pour débutants', 'fr'),
    ]);
    assert.ok(containsRun(doc.text.subjects, terms('plant biology', 'en')));
    assert.ok(containsRun(doc.text.subjects, terms('énergie solaire', 'fr')));
    assert.deepEqual(
      doc.text.description,
      terms('Las plantas convierten la energía luminosa en energía química.', 'es'),
    );
    // exact: names and keywords unfolded and unstemmed, in order
    assert.deepEqual(doc.text.exact, [
      ...exactTerms('Photosynthesis for beginners'),
      ...exactTerms('La photosynthèse pour débutants'),
      ...exactTerms('plant biology'),
      ...exactTerms('chlorophyll'),
      ...exactTerms('énergie solaire'),
    ]);
    assert.ok(doc.text.exact.includes('photosynthèse'));
    assert.ok(!doc.text.exact.includes('photosynthese'));
    assert.ok(doc.words.includes('débutants'));
  });

  void it('reads und values in the record language, else leaves them language-neutral', () => {
    const text = 'Les activités des élèves';
    const declared = build(record({ name: { und: text }, inLanguage: ['fr'] }));
    assert.deepEqual(declared.text.title, terms(text, 'fr'));
    assert.notDeepEqual(terms(text, 'fr'), terms(text, 'und')); // the language made a difference
    const unknown = build(record({ name: { und: text } }));
    assert.deepEqual(unknown.text.title, terms(text, 'und'));
    const skipsUnd = build(record({ description: { und: text }, inLanguage: ['und', 'fr'] }));
    assert.deepEqual(skipsUnd.text.description, terms(text, 'fr'));
  });

  void it('segments Chinese, keeps Arabic and Russian words, in their languages', () => {
    const zh = build(
      record({ name: { zh: '线性代数导论' }, keywords: { zh: ['数学'] }, inLanguage: ['zh'] }),
    );
    assertWellFormed(zh);
    assert.deepEqual(zh.text.title, terms('线性代数导论', 'zh'));
    assert.ok(zh.text.title.includes('代数'));
    assert.ok(zh.words.includes('代数'));
    const ar = build(record({ name: { ar: 'تغيّر المناخ والتعليم' }, inLanguage: ['ar'] }));
    assertWellFormed(ar);
    assert.deepEqual(ar.text.title, terms('تغيّر المناخ والتعليم', 'ar'));
    const ru = build(record({ name: { ru: 'Изменение климата для детей' }, inLanguage: ['ru'] }));
    assert.deepEqual(ru.text.title, terms('Изменение климата для детей', 'ru'));
    assert.equal(ru.titleKey, foldTerm('Изменение климата для детей'));
  });

  void it('adds the labels of concepts and fields in the record languages to subjects', () => {
    const es = unescoConcept(CLIMATE)?.prefLabel['es'];
    const en = unescoConcept(CLIMATE)?.prefLabel['en'];
    const field = iscedField('0532')?.prefLabel['es'];
    assert.ok(es !== undefined && en !== undefined && field !== undefined);
    const doc = build(
      record({
        name: { es: 'Un recurso' },
        inLanguage: ['es'],
        about: [
          { id: unescoUri(CLIMATE) },
          {
            id: 'https://example.org/subjects/7',
            prefLabel: { es: 'Glaciares andinos', en: 'Andean glaciers' },
          },
        ],
        iscedFields: ['0532'],
      }),
    );
    assert.ok(containsRun(doc.text.subjects, terms(es, 'es')));
    assert.ok(!containsRun(doc.text.subjects, terms(en, 'en')), 'no label of a language the record lacks');
    assert.ok(containsRun(doc.text.subjects, terms('Glaciares andinos', 'es')));
    assert.ok(containsRun(doc.text.subjects, terms(field, 'es')));
    // Without any language, the English labels are used.
    const bare = build(record({ name: { und: 'x' }, about: [{ id: unescoUri(CLIMATE) }] }));
    assert.ok(containsRun(bare.text.subjects, terms(en, 'en')));
  });

  void it('analyzes only the beginning of a long description', () => {
    const sentence = 'Students measure the growth of seedlings under coloured light filters every day. ';
    const long = sentence.repeat(Math.ceil((DESCRIPTION_LIMIT * 4) / sentence.length));
    const doc = build(record({ description: { en: long }, inLanguage: ['en'] }));
    const all = terms(long, 'en').length;
    const capped = terms(long.slice(0, DESCRIPTION_LIMIT), 'en').length;
    assert.ok(doc.text.description.length <= capped && doc.text.description.length >= capped - 20);
    assert.ok(doc.text.description.length < all / 3);
  });
});

void describe('buildSearchDocument: concepts and facets', () => {
  const video = HCRT_CONCEPTS.find((c) => c.notation === 'video');
  const full = record({
    name: { en: 'Glaciers and climate' },
    inLanguage: ['en', 'pt-BR'],
    license: { id: 'https://creativecommons.org/licenses/by-sa/4.0/', group: 'by-sa' },
    iscedLevels: ['24', '3'],
    iscedFields: ['0532'],
    about: [{ id: unescoUri(CLIMATE) }, { id: 'https://example.org/not-unesco' }],
    learningResourceType: [{ id: video?.id ?? '' }, { id: 'urn:example:type:clip' }],
    accessibilityFeature: ['closedCaptions', 'transcript'],
    isAccessibleForFree: true,
    requiresLogin: false,
  });

  void it('writes one concept token per concept, with field and level parents', () => {
    const doc = build(full);
    assert.deepEqual(
      [...doc.text.concepts].sort(),
      [
        conceptToken('unesco', CLIMATE),
        conceptToken('isced-f', '05'),
        conceptToken('isced-f', '053'),
        conceptToken('isced-f', '0532'),
        conceptToken('level', '2'),
        conceptToken('level', '24'),
        conceptToken('level', '3'),
        conceptToken('type', video?.id ?? ''),
      ].sort(),
    );
  });

  void it('holds facet values that the filters of the search API find', () => {
    const doc = build(full, { sourceCountry: 'br' });
    assertWellFormed(doc);
    const filters = parseSearchParams({
      license: 'by-sa',
      level: '2',
      field: ['05', '053', '0532'],
      type: 'video',
      accessibility: 'closed-captions',
      source: REF.sourceId.toUpperCase(),
      country: 'br',
      inLanguage: 'pt_BR',
    }).filters;
    for (const facet of INDEX_FACETS) {
      for (const value of filters[facet]) {
        assert.ok(
          doc.facets[facet].includes(value),
          `${facet}=${value} in ${JSON.stringify(doc.facets[facet])}`,
        );
      }
    }
    assert.deepEqual(doc.facets.type, [video?.id]);
    assert.deepEqual(doc.facets.country, ['BR']);
    assert.deepEqual(doc.facets.license, ['by-sa']);
    assert.equal(doc.free, true);
    assert.equal(doc.noLogin, true);
  });

  void it('fills absent values with their defaults', () => {
    const doc = build(record({ name: { en: 'Bare' } }), { qualityScore: null });
    assert.deepEqual(doc.facets.license, ['unknown']);
    assert.deepEqual(doc.facets.country, []);
    assert.deepEqual(doc.facets.inLanguage, []);
    assert.deepEqual(doc.text.concepts, []);
    assert.equal(doc.free, null);
    assert.equal(doc.noLogin, null);
    assert.equal(doc.quality, 0.5);
    assert.equal(build(record({ requiresLogin: true })).noLogin, false);
    assert.equal(build(record({}), { qualityScore: 87 }).quality, 0.87);
    assert.equal(build(record({}), { qualityScore: 250 }).quality, 1);
    assert.deepEqual(build(record({}), { sourceCountry: 'Brazil' }).facets.country, []);
  });
});

void describe('buildSearchDocument: date, title and work', () => {
  void it('takes the first readable date, padded to a full day', () => {
    const at = (fields: Partial<ResourceRecord>, harvestedAt = '2024-05-01T12:00:00Z'): string | null =>
      build(record(fields), { harvestedAt }).date;
    assert.equal(at({ datePublished: '2019', dateCreated: '2018-02-03' }), '2019-01-01');
    assert.equal(at({ datePublished: '2019-07' }), '2019-07-01');
    assert.equal(at({ dateCreated: '2020-12-11T10:25:36Z' }), '2020-12-11T10:25:36Z');
    assert.equal(at({ dateModified: '2021-03-04' }), '2021-03-04');
    assert.equal(at({ datePublished: 'sometime', dateCreated: '2017-05-06' }), '2017-05-06');
    assert.equal(at({ datePublished: '12 March 2015' }), '2015-03-12');
    assert.equal(at({}), '2024-05-01T12:00:00Z');
    assert.equal(at({}, 'not a date'), null);
  });

  void it('keeps the first name as the title, cut and folded for completion', () => {
    const long = 'Introdução à álgebra linear '.repeat(20);
    const doc = build(record({ name: { pt: `  ${long}\n`, en: 'Second' } }));
    assert.ok(doc.title.startsWith('Introdução à álgebra linear Introdução'));
    assert.ok(doc.title.length <= TITLE_LIMIT && doc.title.length > TITLE_LIMIT - 30);
    assert.equal(doc.titleKey, foldTerm(doc.title));
    assert.ok(doc.titleKey.startsWith('introducao a algebra linear'));
    const emoji = build(record({ name: { en: 'x'.repeat(TITLE_LIMIT - 1) + '😀😀' } }));
    assert.ok(!/[\uD800-\uDBFF]$/.test(emoji.title));
  });

  void it('passes ref and work id through', () => {
    const doc = build(record({}), { workId: 'w_123' });
    assert.equal(doc.workId, 'w_123');
    assert.deepEqual(doc.ref, REF);
  });
});

void describe('conceptToken', () => {
  const ids: [Parameters<typeof conceptToken>[0], string][] = [];
  for (const id of [
    'concept1',
    'concept12',
    'concept123',
    'concept0123',
    '123',
    'concept',
    'Concept1',
    'c1',
    'x',
  ]) {
    ids.push(['unesco', id]);
  }
  for (const id of ['05', '053', '0532', 'n0532', '5', 'x05', 'xx05', '10']) ids.push(['isced-f', id]);
  for (const id of ['0', '3', '24', '9', 'level3', 'l3']) ids.push(['level', id]);
  for (const c of HCRT_CONCEPTS) ids.push(['type', c.id]);
  for (const id of [
    'uestionnaire',
    'q',
    'xz',
    'clip',
    'Clip',
    'ção',
    '数学',
    'a'.repeat(300),
    'b'.repeat(300),
  ]) {
    ids.push(['type', id]);
  }

  void it('gives one analyzer-safe term of letters and digits', () => {
    for (const [scheme, id] of ids) {
      const token = conceptToken(scheme, id);
      assert.match(token, /^[a-z0-9]+$/, `${scheme} ${id}`);
      assert.ok(token.length <= MAX_TERM_LENGTH);
      assert.deepEqual(terms(token, 'und'), [token]);
    }
  });

  void it('never gives two different concepts the same token', () => {
    const seen = new Map<string, string>();
    for (const [scheme, id] of ids) {
      const token = conceptToken(scheme, id);
      const other = seen.get(token);
      assert.ok(other === undefined || other === `${scheme} ${id}`, `${token}: ${other} and ${scheme} ${id}`);
      seen.set(token, `${scheme} ${id}`);
    }
    assert.equal(seen.size, ids.length);
  });

  void it('gives the URI and the short id of one concept the same token', () => {
    assert.equal(conceptToken('unesco', unescoUri(CLIMATE)), conceptToken('unesco', CLIMATE));
    assert.equal(
      conceptToken('isced-f', 'https://w3id.org/kim/isced-2013/n0532'),
      conceptToken('isced-f', '0532'),
    );
    assert.equal(conceptToken('level', 'https://w3id.org/kim/isced-2011/level3'), conceptToken('level', '3'));
    assert.equal(conceptToken('isced-f', ' 0532 '), conceptToken('isced-f', '0532'));
    assert.equal(conceptToken('type', 'https://w3id.org/kim/hcrt/video'), conceptToken('type', 'video'));
    assert.equal(conceptToken('type', 'hcrt:video'), conceptToken('type', 'Video'));
    assert.notEqual(conceptToken('unesco', '4559'), conceptToken('unesco', CLIMATE));
  });
});

void describe('buildSearchDocument on real records', () => {
  void it('builds well-formed documents from harvested LUME and Erasmus records', () => {
    let built = 0;
    const languages = new Set<string>();
    for (const file of [
      'dspace-lume-ufrgs_ListRecords_oai_dc_100.xml',
      'dspace-erasmus-2004_ListRecords_oai_dc_large.xml',
    ]) {
      const { page } = parseOaiPage(corpusXml('oai-pmh', file));
      for (const r of page.records) {
        let mapped: ResourceRecord;
        try {
          mapped = normalizeRecord(
            mapOaiDc(r.metadataXml ?? '', {
              sourceId: REF.sourceId,
              sourceRecordId: r.header.identifier,
              harvestedAt: '2024-05-01T12:00:00Z',
              normalize: createNormalizers(),
            }),
          );
        } catch {
          continue; // deleted records and records without Dublin Core
        }
        const doc = build(mapped, { sourceCountry: 'BR' });
        assertWellFormed(doc);
        assert.ok(doc.text.title.length > 0);
        assert.ok(doc.date !== null);
        for (const code of mapped.iscedFields ?? []) {
          assert.ok(doc.text.concepts.includes(conceptToken('isced-f', code)));
          assert.ok(doc.facets.field.includes(code.slice(0, 2)));
        }
        for (const l of doc.facets.inLanguage) languages.add(l);
        built += 1;
      }
    }
    assert.ok(built >= 150, `built ${built}`);
    assert.ok(languages.size >= 2, [...languages].join(' '));
  });
});
