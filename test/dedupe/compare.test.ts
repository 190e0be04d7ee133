// comparePair rule by rule, on short records written for these tests (titles in several languages and
// scripts, identifiers in the forms repositories write them), plus evaluatePairs' arithmetic.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparePair, evaluatePairs, type PairRelation } from '../../src/dedupe/index.js';
import type { ResourceRecord } from '../../src/domain/profile.js';
import { record } from './records.js';

const PHOTOSYNTHESIS =
  'This unit explains how plants turn light, water and carbon dioxide into sugar and oxygen, with three ' +
  'laboratory activities on leaf pigments, gas exchange and the effect of light intensity on the rate.';
const TIDES =
  'Students measure the height of the tide at a harbour over two weeks and relate the pattern to the phases ' +
  'of the moon, then build a simple model of the forces involved.';

function relation(a: ResourceRecord, b: ResourceRecord): PairRelation {
  const ab = comparePair(a, b);
  const ba = comparePair(b, a);
  assert.equal(ab.relation, ba.relation, `${ab.reason} / ${ba.reason}`);
  assert.ok(ab.score >= 0 && ab.score <= 1);
  return ab.relation;
}

void describe('comparePair: identifiers and addresses', () => {
  void it('calls records with one DOI the same, whichever way the DOI is written', () => {
    const a = record({
      title: 'Cell division',
      identifiers: [{ kind: 'doi', value: '10.5281/zenodo.12345' }],
    });
    const b = record({
      title: 'Mitosis and meiosis',
      identifiers: [{ kind: 'url', value: 'https://doi.org/10.5281/ZENODO.12345/' }],
    });
    const decision = comparePair(a, b);
    assert.equal(decision.relation, 'same');
    assert.match(decision.reason, /DOI 10\.5281\/zenodo\.12345/);
  });

  void it('matches an ISBN-10 with its ISBN-13 and a handle with its resolver address', () => {
    const a = record({
      title: 'Linear algebra notes',
      identifiers: [{ kind: 'isbn', value: '0-306-40615-2' }],
    });
    const b = record({
      title: 'Linear Algebra: notes',
      identifiers: [{ kind: 'isbn', value: '978-0-306-40615-7' }],
    });
    assert.equal(relation(a, b), 'same');
    const c = record({ title: 'Railway stations', identifiers: [{ kind: 'handle', value: 'hdl:1765/311' }] });
    const d = record({
      title: 'Railway Stations',
      identifiers: [{ kind: 'url', value: 'http://hdl.handle.net/1765/311' }],
    });
    assert.equal(relation(c, d), 'same');
  });

  void it('reads http/https, www, a trailing slash, tracking parameters and a fragment as one address', () => {
    const a = record({ title: 'Tides', url: 'http://www.example.edu/oer/tides/' });
    const b = record({
      title: 'Tides and the moon',
      url: 'https://example.edu/oer/tides?utm_source=mail#top',
    });
    assert.equal(relation(a, b), 'same');
  });

  void it('reads an audience added to the title at one address as a copy, a numbered part as another part', () => {
    const url = 'https://lernportal.example.de/material/bruchrechnung';
    const plain = record({ title: 'Einführung in die Bruchrechnung', language: 'de', url });
    for (const title of [
      'Einführung in die Bruchrechnung (Klasse 5/6)',
      'Einführung in die Bruchrechnung: ab 10 Jahre',
    ]) {
      assert.equal(relation(plain, record({ title, language: 'de', url: `${url}/` })), 'same', title);
    }
    // A part number is not an audience, and two audiences are two resources.
    const part = record({ title: 'Einführung in die Bruchrechnung (Teil 2)', language: 'de', url });
    assert.equal(relation(plain, part), 'different');
    const grade3 = record({ title: 'Fractions (Grade 3)', url: 'https://k12.example.org/fractions' });
    const grade4 = record({ title: 'Fractions (Grade 4)', url: 'https://k12.example.org/fractions' });
    assert.equal(relation(grade3, grade4), 'different');
  });

  void it('reads a number that stands in the shared address as naming that resource, not another part', () => {
    const url = 'https://ocw.mit.edu/courses/18-06-linear-algebra-spring-2010/';
    const plain = record({ title: 'Linear Algebra', url });
    const coded = record({
      title: '18.06 Linear Algebra | Mathematics | MIT OpenCourseWare',
      url: 'http://ocw.mit.edu/courses/18-06-linear-algebra-spring-2010/index.html',
    });
    assert.equal(relation(plain, coded), 'same');
    // A number the address does not hold still makes another part.
    const volume = record({ title: 'Linear Algebra, Volume 2', url });
    assert.equal(relation(plain, volume), 'different');
  });

  void it('reads a course code in front of the title at one address as naming the course', () => {
    const url = 'https://acikders.ankara.edu.tr/course/view.php?id=8842';
    const coded = record({ title: 'FİZ101 Mekanik Ders Notları', language: 'tr', url });
    const plain = record({ title: 'Mekanik Ders Notları', language: 'tr', url });
    assert.equal(relation(coded, plain), 'same');
  });

  void it('reads an arXiv address and its identifier, and a Zenodo record page and its DOI, as one resource', () => {
    const description =
      'Notes on message passing, spectral convolutions and over-smoothing in graph neural networks.';
    const abs = record({
      title: 'Lecture Notes on Graph Neural Networks',
      url: 'https://arxiv.org/abs/2103.04518',
      description,
    });
    const pdf = record({
      title: 'Graph neural networks: lecture notes',
      url: 'https://arxiv.org/pdf/2103.04518v2',
      identifiers: [{ kind: 'other', value: 'arXiv:2103.04518' }],
      description: 'Graduate notes on GNNs.',
    });
    assert.equal(relation(abs, pdf), 'same');
    const page = record({
      title: 'Problemas de química orgánica',
      language: 'es',
      url: 'https://zenodo.org/records/7712345',
    });
    const doi = record({
      title: 'Colección de problemas de química orgánica',
      language: 'es',
      url: 'https://doi.org/10.5281/zenodo.7712345',
      identifiers: [{ kind: 'doi', value: '10.5281/zenodo.7712345' }],
    });
    assert.equal(relation(page, doi), 'same');
    const other = record({
      title: 'Problemas de química orgánica',
      language: 'es',
      url: 'https://zenodo.org/records/7712346',
    });
    assert.notEqual(relation(page, other), 'same');
  });

  void it('does not treat a shared book ISBN as sameness when the chapter numbers differ', () => {
    const isbn = [{ kind: 'isbn' as const, value: '9780306406157' }];
    const a = record({ title: 'Chapter 3: Forces', identifiers: isbn });
    const b = record({ title: 'Chapter 4: Energy', identifiers: isbn });
    assert.equal(relation(a, b), 'different');
  });

  void it('calls records with different DOIs different even with the same text', () => {
    const a = record({
      title: 'Photosynthesis explained',
      description: PHOTOSYNTHESIS,
      identifiers: [{ kind: 'doi', value: '10.1234/abc' }],
    });
    const b = record({
      title: 'Photosynthesis explained',
      description: PHOTOSYNTHESIS,
      identifiers: [{ kind: 'doi', value: '10.1234/abd' }],
    });
    assert.equal(relation(a, b), 'different');
  });
});

void describe('comparePair: translations are never the same', () => {
  void it('reads /en/ and /fr/ addresses of records in two languages as a translation', () => {
    const a = record({ title: 'The water cycle', url: 'https://oer.example.org/en/lesson/42' });
    const b = record({
      title: "Le cycle de l'eau",
      language: 'fr',
      url: 'https://oer.example.org/fr/lesson/42',
    });
    assert.equal(relation(a, b), 'translation');
  });

  void it('reads ?lang= versions and one shared landing page in two languages as a translation', () => {
    const a = record({ title: 'Fractions', url: 'https://oer.example.org/item?id=7&lang=en' });
    const b = record({
      title: 'Fracciones',
      language: 'es',
      url: 'https://oer.example.org/item?lang=es&id=7',
    });
    assert.equal(relation(a, b), 'translation');
    const c = record({ title: 'Introduction to statistics', url: 'https://oer.example.org/stats' });
    const d = record({
      title: 'Введение в статистику',
      language: 'ru',
      url: 'https://oer.example.org/stats',
    });
    assert.equal(relation(c, d), 'translation');
  });

  void it('follows translationOfWork and workTranslation links by address or by title', () => {
    const original = record({ title: 'Fuzzy logic', description: PHOTOSYNTHESIS });
    const byId = record({
      title: '模糊逻辑',
      language: 'zh',
      extra: { translationOfWork: { id: original.id } },
    });
    assert.equal(relation(original, byId), 'translation');
    const byName = record({
      title: 'المنطق الضبابي',
      language: 'ar',
      extra: { translationOfWork: { name: 'Fuzzy Logic' } },
    });
    assert.equal(relation(original, byName), 'translation');
    const listed = record({ title: 'Logique floue', language: 'fr' });
    const lister = record({
      title: 'Fuzzy logic',
      extra: { workTranslation: [{ id: listed.id, inLanguage: 'fr' }] },
    });
    assert.equal(relation(lister, listed), 'translation');
  });

  void it('reads isBasedOn across languages and "translated from <title>" as a translation', () => {
    const a = record({ title: 'Seagrass meadows', description: TIDES });
    const b = record({ title: 'Praderas marinas', language: 'es', extra: { isBasedOn: [{ id: a.id }] } });
    assert.equal(relation(a, b), 'translation');
    const c = record({
      title: 'Tradução de “Seagrass meadows”',
      language: 'pt',
      description: 'Tradução de “Seagrass meadows”, com exercícios novos.',
    });
    assert.equal(relation(a, c), 'translation');
  });

  void it('keeps records in two languages apart when nothing links them, even with one title', () => {
    const a = record({ title: 'Algebra', description: PHOTOSYNTHESIS, creators: ['Ana Souza'] });
    const b = record({
      title: 'Algebra',
      language: 'pt',
      description: PHOTOSYNTHESIS,
      creators: ['Ana Souza'],
    });
    assert.notEqual(relation(a, b), 'same');
  });
});

void describe('comparePair: adaptations', () => {
  void it('reads isBasedOn in one language, and "adapted from <title>", as an adaptation', () => {
    const a = record({ title: 'Tides and the moon', description: TIDES, creators: ['Kofi Boateng'] });
    const b = record({
      title: 'Tides and the moon (for grade 6)',
      description: TIDES,
      extra: { isBasedOn: [{ id: a.id }] },
    });
    assert.equal(relation(a, b), 'adaptation');
    const c = record({
      title: 'Tides for young learners',
      description: `Adapted from “Tides and the moon” by Kofi Boateng. ${TIDES}`,
    });
    assert.equal(relation(a, c), 'adaptation');
  });

  void it('does not call two copies of one adaptation an adaptation of each other', () => {
    const text = `Adapted from “Tides and the moon” by Kofi Boateng. ${TIDES}`;
    const a = record({
      title: 'Tides for young learners',
      description: text,
      extra: { isBasedOn: [{ name: 'Tides and the moon' }] },
    });
    const b = record({
      title: 'Tides for Young Learners',
      description: text,
      extra: { isBasedOn: [{ name: 'Tides and the moon' }] },
    });
    assert.equal(relation(a, b), 'same');
  });
});

void describe('comparePair: near-duplicate text with guards', () => {
  void it('calls another repository’s copy the same: casing, punctuation, subtitle, truncation, names', () => {
    const a = record({
      title: 'Photosynthesis: light, water and sugar',
      description: PHOTOSYNTHESIS,
      creators: ['Okafor, Chidi'],
    });
    const b = record({
      title: 'PHOTOSYNTHESIS',
      description: `<p>${PHOTOSYNTHESIS.slice(0, 120)}...</p>`,
      creators: ['C. Okafor'],
    });
    const decision = comparePair(a, b);
    assert.equal(decision.relation, 'same');
    assert.match(decision.reason, /title .* \+ description .* \+ creators compatible/);
  });

  void it('keeps numbered parts, chapters, volumes and years apart', () => {
    const pairs: [string, string][] = [
      ['Algebra 1', 'Algebra 2'],
      ['Chemistry - Chapter 3', 'Chemistry - Chapter 4'],
      ['Annual report on open education 2019', 'Annual report on open education 2020'],
      ['História da Educação I', 'História da Educação II'],
      ['Beyond classroom walls: Module One', 'Beyond classroom walls: Module Two'],
      ['The Polygram, February 8, 1924', 'The Polygram, March 8, 1924'],
      ['Физика. Часть 1', 'Физика. Часть 2'],
      ['物理学 第1章', '物理学 第2章'],
    ];
    for (const [x, y] of pairs) {
      const a = record({ title: x, description: TIDES, creators: ['Lee, Min'] });
      const b = record({ title: y, description: TIDES, creators: ['Lee, Min'] });
      assert.equal(relation(a, b), 'different', `${x} / ${y}`);
    }
  });

  void it('reads "Algebra I" and "Algebra 1" as one number', () => {
    const a = record({ title: 'Algebra I', description: TIDES, creators: ['Lee, Min'] });
    const b = record({ title: 'ALGEBRA 1', description: TIDES, creators: ['Min Lee'] });
    assert.equal(relation(a, b), 'same');
  });

  void it('calls records with no creator in common different', () => {
    const a = record({
      title: 'Introduction to tides and currents',
      description: TIDES,
      creators: ['Silva, Ana'],
    });
    const b = record({
      title: 'Introduction to tides and currents',
      description: TIDES,
      creators: ['Tanaka, Aiko'],
    });
    assert.equal(relation(a, b), 'different');
  });

  void it('never decides by date alone, nor by a generic short title alone', () => {
    const a = record({ title: 'Tides', datePublished: '2020-03-01' });
    const b = record({ title: 'Photosynthesis', datePublished: '2020-03-01' });
    assert.equal(relation(a, b), 'different');
    const c = record({ title: 'Introduction' });
    const d = record({ title: 'Introduction' });
    assert.equal(relation(c, d), 'different');
    const e = record({ title: 'Introduction', creators: ['Smith, John'] });
    const f = record({ title: 'Introduction', creators: ['John Smith'] });
    assert.equal(relation(e, f), 'different');
  });

  void it('needs an informative matching description for a generic title', () => {
    const a = record({ title: 'Lecture notes', description: PHOTOSYNTHESIS });
    const b = record({ title: 'Lecture Notes', description: PHOTOSYNTHESIS.slice(0, 150) });
    assert.equal(relation(a, b), 'same');
    const c = record({ title: 'Lecture notes', description: TIDES });
    assert.equal(relation(a, c), 'different');
  });

  void it('does not take coming from one source as evidence', () => {
    const template =
      'Weekly issue of the student newspaper, digitized by the university library from the bound volumes.';
    const a = record({ title: 'The Mustang, weekly issue', description: template, source: 'newspapers' });
    const b = record({
      title: 'The Mustang weekly issues index',
      description: template,
      source: 'newspapers',
    });
    assert.equal(relation(a, b), 'different');
  });

  void it('works on Chinese, Arabic and Russian titles', () => {
    const zhText =
      '本课程介绍线性代数的基本概念，包括向量空间、线性变换、矩阵的秩以及特征值和特征向量的计算方法。';
    const a = record({ title: '线性代数导论', language: 'zh', description: zhText, creators: ['王伟'] });
    const b = record({
      title: '线性代数导论（第一版）',
      language: 'zh-Hans',
      description: zhText.slice(0, 30),
      creators: ['王伟'],
    });
    assert.equal(relation(a, b), 'different', 'an edition number only one copy names');
    const c = record({ title: '《线性代数导论》', language: 'zh', description: zhText, creators: ['王伟'] });
    assert.equal(relation(a, c), 'same');
    const arText =
      'يتناول هذا الدرس دورة الماء في الطبيعة من التبخر إلى التكاثف والهطول مع أنشطة عملية للطلاب في الصف الخامس.';
    const d = record({ title: 'دَوْرَةُ الماءِ في الطبيعة', language: 'ar', description: arText });
    const e = record({ title: 'دورة الماء في الطبيعة', language: 'ar', description: arText });
    assert.equal(relation(d, e), 'same');
    const ruText =
      'Курс знакомит студентов с основами теории вероятностей: случайные события, распределения и их свойства.';
    const f = record({
      title: 'ТЕОРИЯ ВЕРОЯТНОСТЕЙ',
      language: 'ru',
      description: ruText,
      creators: ['Иванов, Пётр'],
    });
    const g = record({
      title: 'Теория вероятностей',
      language: 'ru',
      description: ruText,
      creators: ['Пётр Иванов'],
    });
    assert.equal(relation(f, g), 'same');
  });
});

void describe('evaluatePairs', () => {
  void it('counts precision and recall of same, merged translations and the confusion table', () => {
    const a = record({ title: 'Tides and the moon', description: TIDES, creators: ['Kofi Boateng'] });
    const copy = record({ title: 'Tides and the Moon.', description: TIDES, creators: ['Boateng, Kofi'] });
    const other = record({ title: 'Photosynthesis explained', description: PHOTOSYNTHESIS });
    const translated = record({
      title: 'Las mareas y la luna',
      language: 'es',
      extra: { translationOfWork: { id: a.id } },
    });
    const e = evaluatePairs([
      { a, b: copy, relation: 'same' },
      { a, b: other, relation: 'same' },
      { a, b: other, relation: 'different' },
      { a, b: translated, relation: 'translation' },
      { a, b: copy, relation: 'different' },
    ]);
    assert.equal(e.total, 5);
    assert.equal(e.confusion.same.same, 1);
    assert.equal(e.confusion.same.different, 1);
    assert.equal(e.confusion.different.same, 1);
    assert.equal(e.confusion.translation.translation, 1);
    assert.equal(e.precision, 0.5);
    assert.equal(e.recall, 0.5);
    assert.equal(e.translationsMerged, 0);
    assert.equal(e.errors.length, 2);
    assert.equal(e.accuracy, 3 / 5);
  });
});
