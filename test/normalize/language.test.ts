import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LanguageTag } from '../../src/domain/profile.js';
import {
  languageOf,
  normalizeLanguage,
  normalizeLanguages,
  type LanguageResult,
} from '../../src/normalize/language.js';
import { ISO_LANGUAGES } from '../../src/normalize/language-tables.js';
import { readLabelTable } from '../support/labels.js';

const TAG = new RegExp(LanguageTag.pattern ?? '^$');

interface Label {
  readonly line: number;
  readonly input: string;
  readonly expected: string | null;
  readonly note: string;
}

function readLabels(): Label[] {
  const table = readLabelTable(new URL('./language-labels.tsv', import.meta.url), {
    columns: ['input', 'expected', 'note'],
  });
  return table.rows.map((row) => {
    const expected = row.get('expected');
    return {
      line: row.line,
      input: row.get('input'),
      expected: expected === '' ? null : expected,
      note: row.get('note'),
    };
  });
}

function expect(input: string, value: string | null, rule?: string): LanguageResult {
  const found = normalizeLanguage(input);
  assert.equal(found.value, value, `value of ${JSON.stringify(input)} [${found.rule}]`);
  if (rule !== undefined) assert.equal(found.rule, rule, `rule of ${JSON.stringify(input)}`);
  assert.equal(found.input, input);
  return found;
}

describe('language labeled set', () => {
  it('normalizes at least 99% of the labeled real-world values exactly', (t) => {
    const labels = readLabels();
    assert.ok(labels.length >= 400, `${labels.length} rows`);
    assert.equal(new Set(labels.map((l) => l.input)).size, labels.length, 'each input once');
    const fromCorpus = labels.filter((l) => l.note.startsWith('corpus:')).length;
    assert.ok(fromCorpus >= 100, `${fromCorpus} rows from the corpus`);
    const misses: string[] = [];
    for (const label of labels) {
      if (label.expected !== null) assert.match(label.expected, TAG, `line ${label.line}: expected is a tag`);
      const found = normalizeLanguage(label.input);
      if (found.value !== null) assert.match(found.value, TAG, `line ${label.line}: value is a tag`);
      if (found.value !== label.expected) {
        misses.push(
          `line ${label.line}: ${JSON.stringify(label.input)} -> ${found.value ?? '(null)'} [${found.rule}], expected ${label.expected ?? '(null)'}`,
        );
      }
    }
    const accuracy = (labels.length - misses.length) / labels.length;
    t.diagnostic(
      `language accuracy ${(accuracy * 100).toFixed(2)}% (${labels.length - misses.length}/${labels.length}; ${fromCorpus} rows from the corpus)`,
    );
    for (const miss of misses) t.diagnostic(`miss ${miss}`);
    assert.ok(accuracy >= 0.99, misses.join('\n'));
  });
});

describe('normalizeLanguage: codes', () => {
  it('maps every ISO 639-2 code, B and T, in any case, to the 639-1 code where one exists', () => {
    let twoLetter = 0;
    for (const language of ISO_LANGUAGES) {
      const found = normalizeLanguage(language.tag);
      if (language.tag.length === 2) twoLetter++;
      assert.equal(found.value, language.tag, language.tag);
      assert.equal(normalizeLanguage(language.tag.toUpperCase()).value, language.tag);
    }
    assert.ok(twoLetter >= 180, `${twoLetter} two-letter codes`);
    expect('ger', 'de', 'iso639-2');
    expect('deu', 'de', 'iso639-2');
    expect('GER', 'de');
    expect('sqi', 'sq');
    expect('alb', 'sq');
    expect('haw', 'haw', 'iso639-2');
    expect('fr', 'fr', 'iso639-1');
  });

  it('reads the English name CLDR gives every two-letter language back as that language', () => {
    const english = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    const misses: string[] = [];
    for (const language of ISO_LANGUAGES) {
      if (language.tag.length !== 2) continue;
      const name = english.of(language.tag);
      if (name === undefined) continue;
      const found = normalizeLanguage(name).value;
      if (found !== language.tag && found?.split('-')[0] !== language.tag) misses.push(`${name} -> ${found}`);
    }
    // A handful of English names are shared by two codes (e.g. a macrolanguage and its main member).
    assert.ok(misses.length <= 3, misses.join(', '));
  });

  it('maps members of a macrolanguage to it where CLDR does, and keeps other 639-3 codes', () => {
    expect('cmn', 'zh', 'iso639-3-macrolanguage');
    expect('arb', 'ar');
    expect('swh', 'sw');
    expect('pes', 'fa');
    expect('zsm', 'ms');
    expect('yue', 'yue', 'iso639-3');
    expect('ase', 'ase', 'iso639-3');
  });

  it('refuses three-letter strings that are no code rather than guess', () => {
    expect('xyz', null, 'no-match');
    expect('qwe', null, 'no-match');
    expect('zzz', null, 'no-match');
  });

  it('replaces deprecated codes and grandfathered tags', () => {
    expect('iw', 'he', 'deprecated');
    expect('in', 'id');
    expect('mo', 'ro');
    expect('i-klingon', 'tlh', 'grandfathered');
    expect('zh-min-nan', 'nan');
    expect('zh-CHS', 'zh-Hans');
  });

  it('reads country codes sent as language codes as the country language, but never a real code', () => {
    expect('jp', 'ja', 'region-code');
    expect('cz', 'cs', 'region-code');
    expect('uk', 'uk', 'iso639-1');
    expect('se', 'se', 'iso639-1');
    expect('xx', null, 'no-match');
  });
});

describe('normalizeLanguage: tags and locales', () => {
  it('canonicalizes case and separators, keeps regions, scripts and UN M.49 areas', () => {
    expect('pt_BR', 'pt-BR', 'posix-locale');
    expect('pt-br', 'pt-BR', 'bcp47');
    expect('EN-gb', 'en-GB');
    expect('es-419', 'es-419');
    expect('zh-hant-tw', 'zh-Hant-TW');
    expect('sr-latn', 'sr-Latn');
    expect('en_US.UTF-8', 'en-US', 'posix-locale');
    expect('sr_RS@latin', 'sr-Latn-RS');
    expect('en-UK', 'en-GB');
  });

  it('drops redundant scripts, unknown regions, extensions and private use: the shortest form', () => {
    expect('en-Latn', 'en');
    expect('ru-Cyrl-RU', 'ru-RU');
    expect('zh-Hans', 'zh-Hans');
    expect('sr-Cyrl', 'sr-Cyrl');
    expect('en-XX', 'en');
    expect('en-US-u-ca-gregory', 'en-US');
    expect('de-CH-x-phonebk', 'de-CH');
    expect('zh-cmn-Hans-CN', 'zh-Hans-CN');
  });

  it('reads language URIs of the Library of Congress, lexvo and the EU', () => {
    expect('http://id.loc.gov/vocabulary/iso639-2/fre', 'fr', 'uri');
    expect('https://id.loc.gov/vocabulary/iso639-1/de', 'de', 'uri');
    expect('http://id.loc.gov/vocabulary/languages/swa', 'sw', 'uri');
    expect('http://lexvo.org/id/iso639-3/arb', 'ar', 'uri');
    expect('http://publications.europa.eu/resource/authority/language/POR', 'pt', 'uri');
    expect('http://id.loc.gov/vocabulary/iso639-2/zxx', 'zxx', 'uri');
    expect('https://example.org/resource/42', null, 'no-match');
  });

  it('keeps the special values apart: no content, undetermined, several', () => {
    expect('x-none', 'zxx');
    expect('none', 'zxx');
    expect('zxx', 'zxx');
    expect('und', 'und');
    expect('Unknown', 'und');
    expect('mul', 'mul');
    expect('Multilingual', 'mul');
    expect('no', 'no', 'iso639-1');
  });
});

describe('normalizeLanguage: names', () => {
  it('reads names in English, in the language itself and in other languages, in any case and without diacritics', () => {
    for (const [name, tag] of [
      ['English', 'en'],
      ['ENGLISH', 'en'],
      ['inglés', 'en'],
      ['Ingles', 'en'],
      ['Englisch', 'en'],
      ['anglais', 'en'],
      ['Inglês', 'en'],
      ['Deutsch', 'de'],
      ['français', 'fr'],
      ['FRANCAIS', 'fr'],
      ['Español', 'es'],
      ['中文', 'zh'],
      ['简体中文', 'zh-Hans'],
      ['العربية', 'ar'],
      ['русский', 'ru'],
      ['Kiswahili', 'sw'],
      ['हिन्दी', 'hi'],
      ['日本語', 'ja'],
      ['한국어', 'ko'],
      ['Türkçe', 'tr'],
      ['Português (Brasil)', 'pt-BR'],
    ] as const) {
      expect(name, tag);
    }
  });

  it('reads a region or script given with the name, in brackets, after a dash or a preposition', () => {
    expect('Español (México)', 'es-MX', 'name+region');
    expect('English - United States', 'en-US', 'name+region');
    expect('français du Canada', 'fr-CA', 'name+region');
    expect('Spanish (Latin America)', 'es-419');
    expect('Chinese (Traditional)', 'zh-Hant');
    expect('Uzbek (Cyrillic)', 'uz-Cyrl', 'name+script');
    expect('中文（简体）', 'zh-Hans');
    expect('Serbian (Latin)', 'sr-Latn');
    expect('English (original version)', 'en', 'name+qualifier');
  });

  it('drops the words around a name', () => {
    expect('langue française', 'fr');
    expect('Língua Portuguesa', 'pt');
    expect('Language: English', 'en');
    expect('Bahasa Indonesia', 'id');
    expect('русский язык', 'ru');
  });

  it('reads lists as "mul" and normalizeLanguages gives each language', () => {
    expect('en; fr', 'mul', 'list');
    expect('English/Spanish', 'mul', 'list');
    expect('en fr', 'mul', 'list');
    expect('English; en', 'en');
    assert.deepEqual(normalizeLanguages('en|ar|fr|en'), ['en', 'ar', 'fr']);
    assert.deepEqual(normalizeLanguages('Deutsch, Englisch'), ['de', 'en']);
    assert.deepEqual(normalizeLanguages('pt_BR'), ['pt-BR']);
    assert.deepEqual(normalizeLanguages('other'), []);
  });

  it('says no-match for what names no language, and empty for nothing', () => {
    expect('', null, 'empty');
    expect('  ', null, 'empty');
    expect('other', null, 'no-match');
    expect('Lorem ipsum', null, 'no-match');
    expect('text/html', null, 'no-match');
    expect('x-i18n', null, 'no-match');
    expect('a'.repeat(400), null, 'no-match');
  });

  it('gives the same answer on repeated calls', () => {
    const first = normalizeLanguage('Português (Brasil)');
    assert.deepEqual(normalizeLanguage('Português (Brasil)'), first);
    assert.deepEqual(normalizeLanguage('pt_BR'), { input: 'pt_BR', value: 'pt-BR', rule: 'posix-locale' });
  });
});

describe('languageOf', () => {
  it('prefers a declared language and detects only when none is usable', () => {
    assert.deepEqual(languageOf(['und', 'fre'], 'whatever'), {
      value: 'fr',
      origin: 'declared',
      rule: 'iso639-2',
    });
    const detected = languageOf(
      ['unknown'],
      'Dieser Kurs führt in die Grundbegriffe der beschreibenden Statistik ein und zeigt viele Beispiele.',
    );
    assert.equal(detected.value, 'de');
    assert.equal(detected.origin, 'detected');
    assert.deepEqual(languageOf([], 'Algebra'), { value: null, origin: null, rule: 'too-short' });
  });
});
