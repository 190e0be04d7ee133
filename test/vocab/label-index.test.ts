// The multilingual label index: longest multi-word match, folding of Arabic and Russian, function words, compounds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findConcepts, labelIndexStats, unescoConcept, unescoLabel } from '../../src/vocab/index.js';

function unescoIds(text: string, lang?: string): string[] {
  return findConcepts(text, lang)
    .filter((m) => m.scheme === 'unesco')
    .map((m) => m.id);
}

function idOf(english: string): string {
  const hits = findConcepts(english, 'en').filter(
    (m) => m.scheme === 'unesco' && unescoLabel(m.id, 'en') === english,
  );
  const id = hits[0]?.id;
  assert.ok(id !== undefined, `no concept labelled ${english}`);
  return id;
}

describe('label index', () => {
  it('holds every label of the thesaurus and the field names', () => {
    const stats = labelIndexStats();
    assert.ok(stats.keys > 30_000, `${stats.keys} keys`);
    assert.ok(stats.entries >= stats.keys);
  });

  it('prefers the longest multi-word label at each position', () => {
    const organic = idOf('Organic chemistry');
    const chemistry = idOf('Chemistry');
    const found = unescoIds('Advances in organic chemistry');
    assert.ok(found.includes(organic));
    assert.ok(!found.includes(chemistry), 'the shorter label inside the longer one is not reported');
    const matches = findConcepts('Advances in organic chemistry').filter((m) => m.id === organic);
    assert.deepEqual(
      matches.map((m) => [m.start, m.end]),
      [[2, 4]],
    );
  });

  it('finds the same concept from its labels in every language', () => {
    const environment = idOf('Environmental education');
    for (const [text, lang] of [
      ['Environmental education', 'en'],
      ['éducation relative à l’environnement', 'fr'],
      ['Educación ambiental', 'es'],
      ['Экологическое образование', 'ru'],
      ['التربية البيئية', 'ar'],
    ] as const) {
      const concept = unescoConcept(environment);
      const label = concept?.prefLabel[lang] ?? '';
      assert.ok(label !== '', `${lang} label`);
      assert.ok(unescoIds(label).includes(environment), `${lang}: ${label}`);
      if (lang !== 'fr') assert.ok(unescoIds(text).includes(environment), `${lang}: ${text}`);
    }
  });

  it('folds Arabic: harakat, tatweel, alef forms, taa marbuta and the article do not matter', () => {
    const id = idOf('Environmental education');
    assert.ok(unescoIds('التَّرْبِيَةُ البِيئِيَّة').includes(id));
    assert.ok(unescoIds('تربيـة بيئية').includes(id));
  });

  it('folds Russian: case, ё and inflection do not matter', () => {
    const models = idOf('Mathematical models');
    assert.ok(unescoIds('МАТЕМАТИЧЕСКАЯ МОДЕЛЬ').includes(models));
    assert.ok(unescoIds('математические модели').includes(models));
  });

  it('matches field names written without spaces inside a longer Chinese text', () => {
    const found = findConcepts('高中数学课程').filter((m) => m.scheme === 'isced-f');
    assert.ok(
      found.some((m) => m.id === '0541'),
      JSON.stringify(found),
    );
  });

  it('does not match one-word labels that are function words elsewhere', () => {
    // "Or" is the French label of Gold; "News" folds to "new".
    assert.deepEqual(unescoIds('gold or silver, new or old').length, 1);
  });

  it('prefers labels of the requested language where the same key has several', () => {
    const all = findConcepts('Lecture');
    const en = findConcepts('Lecture', 'en');
    assert.ok(en.length <= all.length);
    for (const m of en)
      assert.ok(m.langs.includes('en') || m.langs.includes('mul') || en.length === all.length);
  });

  it('reads a compound by its last part when no label names the whole word', () => {
    const found = findConcepts('Nanomedizin').filter((m) => m.scheme === 'isced-f');
    assert.deepEqual(
      found.map((m) => [m.id, m.partOfWord]),
      [['0912', true]],
    );
  });
});
