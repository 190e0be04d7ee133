// Text folding and match tokens of the vocabulary label index (src/vocab/fold.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldText, matchKey, matchTokens } from '../../src/vocab/fold.js';

describe('foldText', () => {
  it('lower-cases and strips accents of Latin, Greek and Cyrillic letters only', () => {
    assert.equal(foldText('Éducation Ärzte Ελλάδα Ёлка'), 'education arzte ελλαδα елка');
    // Devanagari vowel signs are parts of letters, not accents.
    assert.equal(foldText('गतिविधियाँ'), 'गतिविधियाँ');
  });

  it('spells out ß, æ, œ, ø, ł and normalizes Arabic', () => {
    assert.equal(foldText('Straße Æsop Œuvre Ørsted Łódź'), 'strasse aesop oeuvre orsted lodz');
    assert.equal(foldText('التَّرْبِيَة أحمد إسلام آداب ـمـ مستوى ٢٠٢٤'), 'التربيه احمد اسلام اداب م مستوي 2024');
  });
});

describe('matchTokens', () => {
  it('splits on anything but letters and digits, and gives Han and Thai characters a token each', () => {
    assert.deepEqual(matchTokens("l'Histoire (XXe siècle) - 2e partie"), [
      'l',
      'histoire',
      'xxe',
      'siecle',
      '2e',
      'partie',
    ]);
    assert.deepEqual(matchTokens('线性代数'), ['线', '性', '代', '数']);
    assert.deepEqual(matchTokens('ภาษาไทย').length, 7);
  });

  it('gives the same key to inflected and cognate forms on both sides', () => {
    assert.equal(matchKey('Sciences'), matchKey('science'));
    assert.equal(matchKey('Matemáticas'), matchKey('Matemática'));
    assert.equal(matchKey('Educação'), matchKey('Educación'));
    assert.equal(matchKey('Sociedade'), matchKey('Sociedad'));
    assert.equal(matchKey('Labour market'), matchKey('labor market'));
    assert.equal(matchKey('Communication'), matchKey('Comunicación'));
    assert.equal(matchKey('Síntese'), matchKey('Síntesis'));
    assert.equal(matchKey('Synthèse'), matchKey('synthesis'));
    assert.equal(matchKey('Математические модели'), matchKey('МАТЕМАТИЧЕСКАЯ МОДЕЛЬ'));
    assert.equal(matchKey('التربية'), matchKey('تربية'));
    // Words whose s is not a plural keep it.
    assert.equal(matchKey('analysis'), 'analysis');
    assert.equal(matchKey('virus'), 'virus');
  });

  it('says which tokens the reductions changed', () => {
    const reduced: boolean[] = [];
    assert.deepEqual(matchTokens('Medicine medicines', reduced), ['medicine', 'medicine']);
    assert.deepEqual(reduced, [false, true]);
  });

  it('does not strip an Arabic article that is part of the word', () => {
    assert.equal(matchKey('بالاو'), 'بالاو');
  });
});
