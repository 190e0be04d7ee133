// Labels of facet values in the UI languages: every ISCED level, ISCED-F field, HCRT type, licence group and
// accessibility feature has a real label (not its code, not the English one where the language differs) in
// all eight languages; languages, countries and sources get names; unknown values are shown as they are.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LICENSE_GROUPS } from '../../src/domain/profile.js';
import { FACETS } from '../../src/search/filters.js';
import { ACCESSIBILITY_VOCABULARY } from '../../src/vocab/accessibility.js';
import { HCRT_CONCEPTS } from '../../src/vocab/hcrt.js';
import { iscedFields, iscedLevels } from '../../src/vocab/isced.js';
import { UI_LOCALES } from '../../src/web/i18n/locales.js';
import { createPageContext } from '../../src/web/pages/context.js';
import {
  accessFilterLabel,
  facetName,
  facetValueLabel,
  licenceGroupLabel,
} from '../../src/web/pages/labels.js';

/** Facet values whose labels must exist in every UI language. */
const VOCABULARY_VALUES: readonly {
  facet: 'level' | 'field' | 'type' | 'license' | 'accessibility';
  value: string;
  code: string;
}[] = [
  ...iscedLevels()
    .filter((l) => /^[0-8]$/.test(l.code))
    .map((l) => ({ facet: 'level' as const, value: l.code, code: l.code })),
  ...iscedFields().map((f) => ({ facet: 'field' as const, value: f.code, code: f.code })),
  ...HCRT_CONCEPTS.map((c) => ({ facet: 'type' as const, value: c.id, code: c.notation })),
  ...LICENSE_GROUPS.map((g) => ({ facet: 'license' as const, value: g, code: g })),
  ...ACCESSIBILITY_VOCABULARY.accessibilityFeature
    .filter((t) => t.replacedBy === undefined)
    .map((t) => ({ facet: 'accessibility' as const, value: t.term, code: t.term })),
];

/** Words that are the same in English and in another UI language. */
const SAME_AS_ENGLISH: Readonly<Partial<Record<string, ReadonlySet<string>>>> = {
  fr: new Set([
    'Arts',
    'Agriculture',
    'Horticulture',
    'Services',
    'Sports',
    'Image',
    'Questionnaire',
    'Simulation',
    'Annotations',
    'Index',
    'Braille',
  ]),
  es: new Set(['Video', 'Braille']),
  pt: new Set(['Braille']),
  sw: new Set(['Data', 'Video']),
};

/** Labels that are rightly the same in every language (names of formats). */
const INTERNATIONAL: ReadonlySet<string> = new Set(['latex', 'MathML']);

void describe('facet value labels', () => {
  void it('has every level, field, type, licence and accessibility value in all eight languages', () => {
    const english = createPageContext('en', '/search');
    let checked = 0;
    for (const locale of UI_LOCALES) {
      const ctx = createPageContext(locale, '/search');
      for (const { facet, value, code } of VOCABULARY_VALUES) {
        const label = facetValueLabel(ctx, facet, value);
        assert.ok(label.trim() !== '', `${locale} ${facet} ${value}: empty`);
        if (!INTERNATIONAL.has(value)) {
          assert.notEqual(label, value, `${locale} ${facet} ${value}: the value itself`);
          assert.notEqual(label, code, `${locale} ${facet} ${value}: the code`);
        }
        assert.doesNotMatch(label, /^labels\./, `${locale} ${facet} ${value}: a message key`);
        if (locale !== 'en' && !INTERNATIONAL.has(value) && facet !== 'license') {
          // Not the English label shown to a reader of another language, unless the word is the same there.
          const en = facetValueLabel(english, facet, value);
          if (label === en)
            assert.ok(SAME_AS_ENGLISH[locale]?.has(label), `${locale} ${facet} ${value}: English "${label}"`);
        }
        checked += 1;
      }
    }
    assert.ok(checked >= 8 * 200, `${checked} labels checked`);
  });

  void it('uses the curated labels where the vocabulary lacks the language', () => {
    assert.equal(facetValueLabel(createPageContext('ar', '/'), 'field', '0541'), 'الرياضيات');
    assert.equal(facetValueLabel(createPageContext('zh', '/'), 'field', '0533'), '物理学');
    assert.equal(facetValueLabel(createPageContext('sw', '/'), 'field', '0511'), 'Biolojia');
    // Where the vocabulary has the language, its label wins.
    assert.equal(facetValueLabel(createPageContext('fr', '/'), 'field', '0541'), 'Mathématiques');
    assert.equal(facetValueLabel(createPageContext('en', '/'), 'level', '1'), 'Primary education');
    assert.equal(facetValueLabel(createPageContext('ru', '/'), 'level', '1'), 'Начальное образование');
    assert.equal(
      facetValueLabel(createPageContext('es', '/'), 'type', 'https://w3id.org/kim/hcrt/worksheet'),
      'Hoja de trabajo',
    );
  });

  void it('names languages, countries and sources in the UI language', () => {
    const fr = createPageContext('fr', '/');
    assert.equal(facetValueLabel(fr, 'inLanguage', 'en'), 'Anglais');
    assert.equal(facetValueLabel(fr, 'country', 'KE'), 'Kenya');
    assert.equal(facetValueLabel(createPageContext('ar', '/'), 'inLanguage', 'fr'), 'الفرنسية');
    assert.equal(facetValueLabel(createPageContext('zh', '/'), 'country', 'BR'), '巴西');
    const names = new Map([['src_abcdefabcdef', 'OpenStax']]);
    assert.equal(facetValueLabel(fr, 'source', 'src_abcdefabcdef', names), 'OpenStax');
    assert.equal(facetValueLabel(fr, 'source', 'src_abcdefabcdef'), 'src_abcdefabcdef');
  });

  void it('shows an unknown value as it is', () => {
    const en = createPageContext('en', '/');
    assert.equal(facetValueLabel(en, 'level', '42'), '42');
    assert.equal(facetValueLabel(en, 'field', '9999'), '9999');
    assert.equal(facetValueLabel(en, 'type', 'https://example.org/type/x'), 'https://example.org/type/x');
    assert.equal(facetValueLabel(en, 'accessibility', 'somethingNew'), 'somethingNew');
    assert.equal(licenceGroupLabel(en, 'nonsense'), 'nonsense');
  });

  void it('names every facet and the access filters in every language', () => {
    for (const locale of UI_LOCALES) {
      const ctx = createPageContext(locale, '/');
      for (const facet of FACETS)
        assert.doesNotMatch(facetName(ctx, facet), /^labels\./, `${locale} ${facet}`);
      for (const flag of ['free', 'noLogin'] as const) {
        for (const value of [true, false])
          assert.doesNotMatch(accessFilterLabel(ctx, flag, value), /^labels\./);
      }
    }
    assert.equal(facetName(createPageContext('en', '/'), 'license'), 'Licence');
    assert.equal(
      licenceGroupLabel(createPageContext('es', '/'), 'by-sa'),
      'Reconocimiento–CompartirIgual (CC BY-SA)',
    );
  });
});
