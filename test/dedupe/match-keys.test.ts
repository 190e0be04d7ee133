// matchKeys and the key helpers on values written for these tests: identifier and address keys in every
// form repositories write them, language families of addresses, keys of linked works, and title keys that
// are script-aware and qualified when the title is generic.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchKeys } from '../../src/dedupe/index.js';
import { doiKey, handleKey, isbnKey, namesCompatible, nameTokens, urlKey } from '../../src/dedupe/keys.js';
import { fold, tokens } from '../../src/dedupe/text.js';
import { record } from './records.js';

void describe('key helpers', () => {
  void it('reads DOIs, handles and ISBNs in their usual forms', () => {
    for (const raw of [
      '10.1234/ABC.5',
      'doi:10.1234/abc.5',
      'https://doi.org/10.1234/abc.5',
      'http://dx.doi.org/10.1234/abc.5/',
    ]) {
      assert.equal(doiKey(raw) ?? urlKey(raw)?.key, 'doi:10.1234/abc.5', raw);
    }
    assert.equal(handleKey('hdl:1765/315'), 'handle:1765/315');
    assert.equal(urlKey('https://hdl.handle.net/1765/315')?.key, 'handle:1765/315');
    assert.equal(isbnKey('0-306-40615-2'), 'isbn:9780306406157');
    assert.equal(isbnKey('ISBN 978-0-306-40615-7'), 'isbn:9780306406157');
    assert.equal(isbnKey('0-306-40615-3'), null, 'a wrong check digit is no ISBN');
  });

  void it('makes one address key of an address however it is written, and keeps language versions apart', () => {
    const key = 'url:example.org/oer/item?id=7';
    for (const raw of [
      'http://www.example.org/oer/item?id=7',
      'https://EXAMPLE.org:443/oer/item/?id=7&utm_source=x#top',
      'https://example.org/oer//item?id=7&fbclid=abc',
    ]) {
      assert.equal(urlKey(raw)?.key, key, raw);
    }
    assert.equal(
      urlKey('https://youtu.be/Zl59P5ZNX3M')?.key,
      urlKey('https://www.youtube.com/watch?v=Zl59P5ZNX3M&list=PL1&index=3')?.key,
    );
    const en = urlKey('https://oer.example.org/en/lesson/42');
    const fr = urlKey('https://oer.example.org/fr/lesson/42');
    assert.notEqual(en?.key, fr?.key);
    assert.equal(en?.family, fr?.family);
    assert.deepEqual([en?.marker, fr?.marker], ['en', 'fr']);
    const q1 = urlKey('https://oer.example.org/item?lang=en&id=3');
    const q2 = urlKey('https://oer.example.org/item?id=3&lang=pt-BR');
    assert.notEqual(q1?.key, q2?.key);
    assert.equal(q1?.family, q2?.family);
    assert.equal(urlKey('https://example.org/')?.siteRoot, true);
    assert.equal(urlKey('not a url'), null);
  });

  void it('compares names in either order, with initials, and tells different people apart', () => {
    assert.ok(namesCompatible(nameTokens('Smith, John'), nameTokens('John Smith')));
    assert.ok(namesCompatible(nameTokens('Smith, J.'), nameTokens('Dr. John Smith (ed.)')));
    assert.ok(namesCompatible(nameTokens('Gonçalves, Vanda Lúcia'), nameTokens('Vanda Lucia Goncalves')));
    assert.ok(!namesCompatible(nameTokens('Smith, Jane'), nameTokens('Smith, John')));
    assert.ok(!namesCompatible(nameTokens('Silva, Ana'), nameTokens('Souza, Ana')));
  });

  void it('folds scripts as the multilingual design says', () => {
    assert.equal(fold('Éducation ÉLÉMENTAIRE'), 'education elementaire');
    assert.equal(fold('Straße'), 'strasse');
    assert.equal(fold('ёлка'), 'елка');
    assert.equal(fold('دَوْرَةُ الماءِ'), 'دوره الماء');
    assert.equal(fold('गतिविधियाँ'), 'गतिविधियाँ', 'Devanagari marks are letters of the word');
    assert.deepEqual(tokens(fold('线性代数')), ['线性', '性代', '代数']);
    assert.deepEqual(tokens(fold("l'algèbre 2e édition")), ['lalgebre', '2e', 'edition']);
  });
});

void describe('matchKeys', () => {
  void it('gives strong keys for identifiers and the record address', () => {
    const r = record({
      title: 'Tides and the moon',
      url: 'http://www.example.edu/oer/tides/',
      identifiers: [
        { kind: 'url', value: 'https://doi.org/10.1234/Tides' },
        { kind: 'handle', value: '1765/311' },
        { kind: 'isbn', value: '0306406152' },
        { kind: 'other', value: '000578214' },
      ],
    });
    const keys = matchKeys(r);
    for (const key of [
      'doi:10.1234/tides',
      'handle:1765/311',
      'isbn:9780306406157',
      'url:example.edu/oer/tides',
    ]) {
      assert.ok(keys.includes(key), `${key} in ${keys.join(', ')}`);
    }
    assert.ok(!keys.some((k) => k.includes('000578214')), 'local record numbers are no key');
  });

  void it('gives a title key for a specific title in any script, the same for copies', () => {
    const pairs: [string, string, string][] = [
      ['Photosynthesis: light, water and sugar', 'PHOTOSYNTHESIS - Light, Water & Sugar.', 'en'],
      ['线性代数导论', '《线性代数导论》', 'zh'],
      ['دَوْرَةُ الماءِ في الطبيعة', 'دورة الماء في الطبيعة', 'ar'],
      ['ТЕОРИЯ ВЕРОЯТНОСТЕЙ И СТАТИСТИКА', 'Теория вероятностей и статистика', 'ru'],
    ];
    for (const [x, y, language] of pairs) {
      const kx = matchKeys(record({ title: x, language })).filter((k) => k.startsWith('t:'));
      const ky = new Set(matchKeys(record({ title: y, language })).filter((k) => k.startsWith('t:')));
      assert.ok(kx.length > 0, x);
      assert.ok(
        kx.some((k) => ky.has(k)),
        `${x} / ${y}: ${kx.join(', ')}`,
      );
    }
  });

  void it('gives a copy with a typo in a long title a shared key', () => {
    const a = new Set(
      matchKeys(record({ title: 'Transoral treatment strategies for head and neck tumors' })),
    );
    const b = matchKeys(record({ title: 'Transoral treatment startegies for head and neck tumors' }));
    assert.ok(b.some((k) => a.has(k)));
  });

  void it('gives generic titles no bare key, only keys qualified by creator or description', () => {
    const description = 'Students measure the height of the tide at a harbour over two weeks.';
    const keys = matchKeys(record({ title: 'Introduction', creators: ['Smith, John'], description }));
    assert.ok(!keys.includes('t:introduction'));
    assert.ok(keys.includes('t:introduction|c:smith'), keys.join(', '));
    assert.ok(keys.includes('t:introduction|d:students measure height tide'), keys.join(', '));
    assert.deepEqual(
      matchKeys(record({ title: 'Introduction', url: 'https://example.org/' })).filter((k) =>
        k.startsWith('t'),
      ),
      [],
      'no key at all without a creator or a description, and none for a home page',
    );
  });

  void it('lets linked works meet: translationOfWork, isBasedOn by address or title, "adapted from"', () => {
    const original = record({ title: 'Tides, currents and the moon', url: 'https://oer.example.org/item/9' });
    const originalKeys = new Set(matchKeys(original));
    const linked = [
      record({
        title: 'Las mareas',
        language: 'es',
        extra: { translationOfWork: { id: 'http://oer.example.org/item/9/' } },
      }),
      record({
        title: 'Tides for grade 6',
        extra: { isBasedOn: [{ name: 'Tides, Currents and the Moon' }] },
      }),
      record({
        title: 'Tides for grade 6',
        description: 'Adapted from “Tides, currents and the moon” by K. Boateng, with new exercises.',
      }),
    ];
    for (const r of linked)
      assert.ok(
        matchKeys(r).some((k) => originalKeys.has(k)),
        JSON.stringify(r.name),
      );
  });

  void it('lets a record naming a generic title meet it through a creator: the one it names, or its own', () => {
    // "Principles of Economics" is too generic for a bare title key: its keys carry a creator.
    const original = record({
      title: 'Principles of Economics',
      description: 'A comprehensive introductory textbook.',
      creators: ['Tim Carter'],
    });
    const originalKeys = new Set(matchKeys(original));
    const remix = record({
      title: 'Principles of Economics - Remix for Online Learners',
      description: 'Remix of Principles of Economics by Tim Carter with new videos and exercises.',
      organisations: ['Online Learning Team'],
    });
    assert.ok(matchKeys(remix).includes('t:economics principles|c:carter'));
    assert.ok(matchKeys(remix).some((k) => originalKeys.has(k)));
    const translation = record({
      title: 'Statistik für Einsteiger',
      language: 'de',
      description: 'Ein offener Kurs. Übersetzung von Statistics for Beginners.',
      creators: ['Laura Green'],
    });
    const statistics = record({ title: 'Statistics for Beginners', creators: ['Laura Green'] });
    const statisticsKeys = new Set(matchKeys(statistics));
    assert.ok(matchKeys(translation).some((k) => statisticsKeys.has(k)));
    // Without a creator on either side, the generic named title gives no key.
    const anonymous = record({
      title: 'Statistik kompakt',
      language: 'de',
      description: 'Übersetzung von Statistics for Beginners.',
    });
    assert.ok(!matchKeys(anonymous).some((k) => k.startsWith('t:beginners statistics')));
    // A title that ends at punctuation names no creator: what follows is not read as one.
    const noted = record({
      title: 'Economics notes',
      description: 'Adapted from Principles of Economics. This version adds a glossary.',
    });
    assert.ok(!matchKeys(noted).some((k) => k.startsWith('t:economics principles|c:')));
  });

  void it('reads the title after a source language named in a statement, not the language', () => {
    const original = record({ title: 'Understanding Climate Change: A Teacher’s Guide' });
    const originalKeys = new Set(matchKeys(original));
    for (const [language, description] of [
      [
        'fr',
        'Guide pour les enseignants. Traduit de l’anglais (« Understanding Climate Change: A Teacher’s Guide »).',
      ],
      [
        'en',
        'A guide for teachers. Translated from English: "Understanding Climate Change: A Teacher’s Guide".',
      ],
      ['ar', 'دليل للمعلمين. مترجم عن الإنجليزية: «Understanding Climate Change: A Teacher’s Guide».'],
    ] as const) {
      const translation = record({ title: 'Guide', language, description });
      assert.ok(
        matchKeys(translation).some((k) => originalKeys.has(k)),
        description,
      );
    }
    // A quoted title a few words after the statement ("del curso «...»").
    const course = new Set(
      matchKeys(record({ title: 'Ecología de los ecosistemas acuáticos', language: 'es' })),
    );
    const adapted = record({
      title: 'Ecosistemas acuáticos de la Patagonia',
      language: 'es',
      description: 'Adaptación del curso «Ecología de los ecosistemas acuáticos» de la Universidad Abierta.',
    });
    assert.ok(matchKeys(adapted).some((k) => course.has(k)));
    // A language word that opens the title is part of it.
    const grammar = record({ title: 'English Grammar in Use', creators: ['Raymond Murphy'] });
    const grammarAdapted = record({
      title: 'Grammar exercises',
      description: 'Adapted from English Grammar in Use by Raymond Murphy.',
    });
    const grammarKeys = new Set(matchKeys(grammar));
    assert.ok(matchKeys(grammarAdapted).some((k) => grammarKeys.has(k)));
  });

  void it('gives a specific subtitle a key of its own, so a copy without the series or subject meets it', () => {
    const withSubject = new Set(matchKeys(record({ title: 'Biology 101: Cell Structure and Function' })));
    const plain = matchKeys(record({ title: 'Cell Structure and Function' }));
    assert.ok(plain.some((k) => withSubject.has(k)));
    const chinese = new Set(matchKeys(record({ title: '高中化学：化学反应速率与化学平衡', language: 'zh' })));
    assert.ok(
      matchKeys(record({ title: '化学反应速率与化学平衡', language: 'zh' })).some((k) => chinese.has(k)),
    );
    // A subtitle that only numbers a part gets none.
    assert.ok(!matchKeys(record({ title: 'Calculus: Part 2' })).includes('t:2 part'));
  });

  void it('gives language versions of one address a shared family key', () => {
    const a = new Set(
      matchKeys(record({ title: 'The water cycle', url: 'https://oer.example.org/en/lesson/42' })),
    );
    const b = matchKeys(
      record({ title: "Le cycle de l'eau", language: 'fr', url: 'https://oer.example.org/fr/lesson/42' }),
    );
    assert.ok(b.includes('url~:oer.example.org/{lang}/lesson/42'));
    assert.ok(b.some((k) => a.has(k)));
  });
});
