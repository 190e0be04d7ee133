// The shipped vocabularies: ISCED 2011 levels, ISCED-F 2013 fields (labels in every UI language), UNESCO Thesaurus.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  UNESCO_SCHEME,
  conceptLabel,
  iscedField,
  iscedFieldLabel,
  iscedFields,
  iscedLevel,
  iscedLevelLabel,
  iscedLevels,
  unescoConcept,
  unescoField,
  unescoGroup,
  unescoLocalId,
  unescoThesaurus,
  unescoUri,
} from '../../src/vocab/index.js';

const UI_LANGUAGES = ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'pt', 'sw'];

describe('ISCED 2011 levels', () => {
  it('has levels 0 to 9, each labelled in every UI language, curated languages marked', () => {
    assert.deepEqual(
      iscedLevels().map((l) => l.code),
      ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    );
    for (const level of iscedLevels()) {
      for (const lang of UI_LANGUAGES) assert.ok(level.prefLabel[lang], `level ${level.code} ${lang}`);
      assert.ok(!level.curated.includes('en'), 'English comes from the source');
      assert.ok(level.curated.includes('zh'));
    }
    assert.equal(iscedLevelLabel('1', 'en'), iscedLevel('1')?.prefLabel['en']);
    assert.equal(iscedLevelLabel('3', 'pt-BR'), iscedLevel('3')?.prefLabel['pt']);
  });
});

describe('ISCED-F 2013 fields', () => {
  it('has the broad, narrow and detailed fields, each below its parent', () => {
    const fields = iscedFields();
    assert.equal(fields.filter((f) => f.level === 'broad').length, 11);
    assert.ok(fields.filter((f) => f.level === 'narrow').length >= 29);
    assert.ok(fields.filter((f) => f.level === 'detailed').length >= 80);
    for (const f of fields) {
      assert.equal(f.code.length, f.level === 'broad' ? 2 : f.level === 'narrow' ? 3 : 4);
      if (f.parent !== undefined) {
        assert.equal(iscedField(f.parent)?.code.length, f.code.length - 1);
        assert.ok(f.code.startsWith(f.parent));
      }
    }
  });

  it('labels broad, narrow and detailed fields in every UI language', () => {
    for (const f of iscedFields()) {
      for (const lang of UI_LANGUAGES) assert.ok(f.prefLabel[lang], `${f.code} ${lang}`);
    }
  });

  it('falls back to the base language, then English', () => {
    assert.equal(iscedFieldLabel('0541', 'fr-CA'), 'Mathématiques');
    assert.equal(iscedFieldLabel('0541', 'sw'), 'Hisabati');
    assert.equal(iscedFieldLabel('0541', 'it'), iscedField('0541')?.prefLabel['en']);
    assert.equal(conceptLabel('https://w3id.org/kim/isced-2013/n0541', 'es'), 'Matemáticas');
    assert.equal(conceptLabel('https://w3id.org/class/esc/n0231-zh', 'en'), 'Language acquisition');
    assert.equal(
      conceptLabel('https://w3id.org/kim/isced-2011/level3', 'fr'),
      iscedLevel('3')?.prefLabel['fr'],
    );
  });
});

describe('UNESCO Thesaurus', () => {
  it('has every concept with labels in the thesaurus languages and its micro-thesaurus', () => {
    const file = unescoThesaurus();
    assert.ok(file.concepts.length >= 4400, `${file.concepts.length}`);
    assert.equal(file.groups.filter((g) => g.kind === 'domain').length, 7);
    assert.equal(file.groups.filter((g) => g.kind === 'microThesaurus').length, 88);
    let withAll = 0;
    for (const c of file.concepts) {
      assert.ok(c.prefLabel['en'], c.id);
      if (['fr', 'es', 'ru', 'ar'].every((l) => c.prefLabel[l])) withAll += 1;
      if (c.group !== undefined) assert.equal(unescoGroup(c.group)?.kind, 'microThesaurus');
      for (const b of c.broader ?? []) assert.ok(unescoConcept(b), `${c.id} broader ${b}`);
    }
    assert.ok(withAll / file.concepts.length > 0.95);
    assert.equal(file.scheme, UNESCO_SCHEME);
  });

  it('reads local ids and URIs alike', () => {
    const id = unescoThesaurus().concepts[0]?.id ?? '';
    assert.equal(unescoLocalId(unescoUri(id)), id);
    assert.equal(unescoLocalId(`https://vocabularies.unesco.org/thesaurus/${id}`), id);
    assert.equal(unescoLocalId(`http://vocabularies.unesco.org/browser/thesaurus/en/page/${id}`), id);
    assert.equal(unescoLocalId('http://example.org/concept1'), null);
    assert.equal(conceptLabel(unescoUri(id), 'ru'), unescoConcept(id)?.prefLabel['ru']);
  });

  it('maps most concepts to an existing ISCED-F field', () => {
    let mapped = 0;
    for (const c of unescoThesaurus().concepts) {
      const f = unescoField(c.id);
      if (f === undefined) continue;
      mapped += 1;
      assert.ok(iscedField(f.field), `${c.id} -> ${f.field}`);
    }
    assert.ok(mapped / unescoThesaurus().concepts.length > 0.8, `${mapped} mapped`);
  });
});
