// Citations checked against references written out by hand: the CSL-JSON item (types, names split only when
// reliable, dates), APA 7, BibTeX and RIS; and hostile values (braces and LaTeX specials, line breaks in
// titles, non-ASCII names) that must neither break a format nor be lost.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  apa,
  bibtex,
  citationKey,
  cslItem,
  cslJson,
  escapeLatex,
  personName,
  ris,
  type CslItem,
} from '../../src/reuse/citation.js';
import { BY, record } from './fixtures.js';

const ACCESSED = new Date('2024-06-15T08:00:00Z');

function item(
  overrides: Parameters<typeof record>[0] = {},
  sourceName: string | null = 'OER Commons',
): CslItem {
  return cslItem({ record: record(overrides), id: 'w_1', lang: 'en', sourceName, accessed: ACCESSED });
}

const textbook = item({
  name: { en: 'Introduction to Linear Algebra', fr: 'Introduction à l’algèbre linéaire' },
  creator: [
    { type: 'Person', name: 'Jean-Pierre Dupont' },
    { type: 'Person', name: 'Mary K. Smith' },
    { type: 'Organization', name: 'Open University' },
  ],
  publisher: [{ type: 'Organization', name: 'OpenStax' }],
  datePublished: '2021-09-03',
  learningResourceType: [{ id: 'https://w3id.org/kim/hcrt/textbook' }],
  identifiers: [
    { kind: 'doi', value: '10.5555/linalg.2021' },
    { kind: 'isbn', value: '978-1-938168-00-0' },
  ],
  license: BY,
});

void describe('personName', () => {
  void it('splits only names whose order is certain', () => {
    assert.deepEqual(personName('Jane Doe'), { given: 'Jane', family: 'Doe' });
    assert.deepEqual(personName('Doe, Jane'), { family: 'Doe', given: 'Jane' });
    assert.deepEqual(personName('Mary K Smith'), { given: 'Mary K.', family: 'Smith' });
    assert.deepEqual(personName('Ludwig van Beethoven'), {
      given: 'Ludwig',
      'non-dropping-particle': 'van',
      family: 'Beethoven',
    });
    assert.deepEqual(personName('Анна Иванова'), { given: 'Анна', family: 'Иванова' });
    for (const name of [
      'Gabriel García Márquez',
      '张伟',
      'محمد علي',
      'Madonna',
      'jane doe',
      'J. R. R. Tolkien',
    ]) {
      assert.deepEqual(personName(name), { literal: name }, name);
    }
  });
});

void describe('cslItem', () => {
  void it('fills the CSL-JSON fields from the record', () => {
    assert.deepEqual(textbook, {
      id: 'w_1',
      type: 'book',
      title: 'Introduction to Linear Algebra',
      author: [
        { given: 'Jean-Pierre', family: 'Dupont' },
        { given: 'Mary K.', family: 'Smith' },
        { literal: 'Open University' },
      ],
      issued: { 'date-parts': [[2021, 9, 3]] },
      accessed: { 'date-parts': [[2024, 6, 15]] },
      publisher: 'OpenStax',
      'container-title': 'OER Commons',
      URL: 'https://example.org/photo',
      DOI: '10.5555/linalg.2021',
      ISBN: '978-1-938168-00-0',
      language: 'en',
    });
  });

  void it('takes the type from HCRT or schema.org types, webpage otherwise', () => {
    const typeOf = (o: Parameters<typeof record>[0]) => item(o).type;
    assert.equal(
      typeOf({ learningResourceType: [{ id: 'https://w3id.org/kim/hcrt/video' }] }),
      'motion_picture',
    );
    assert.equal(typeOf({ type: ['LearningResource', 'AudioObject'] }), 'song');
    assert.equal(typeOf({ learningResourceType: [{ id: 'https://w3id.org/kim/hcrt/data' }] }), 'dataset');
    assert.equal(
      typeOf({ learningResourceType: [{ id: 'https://w3id.org/kim/hcrt/worksheet' }] }),
      'webpage',
    );
    assert.equal(typeOf({}), 'webpage');
  });

  void it('chooses the title in the reader language and keeps partial dates partial', () => {
    const fr = cslItem({
      record: record({ name: { en: 'Algebra', fr: 'Algèbre' }, dateCreated: '2019-04' }),
      id: 'x',
      lang: 'fr',
      sourceName: null,
      accessed: ACCESSED,
    });
    assert.equal(fr.title, 'Algèbre');
    assert.deepEqual(fr.issued, { 'date-parts': [[2019, 4]] });
    assert.equal(fr['container-title'], undefined);
    assert.equal(item({ datePublished: 'sometime' }).issued, undefined);
  });

  void it('drops addresses that are not http(s)', () => {
    assert.equal(item({ url: 'javascript:alert(1)' }).URL, undefined);
  });

  void it('round-trips as a CSL-JSON array', () => {
    assert.deepEqual(JSON.parse(cslJson(textbook)), [textbook]);
  });
});

void describe('APA 7', () => {
  void it('writes a book with people, an organisation, a date and a DOI', () => {
    assert.equal(
      apa(textbook),
      'Dupont, J.-P., Smith, M. K., & Open University. (2021, September 3). Introduction to Linear Algebra. ' +
        'OpenStax. https://doi.org/10.5555/linalg.2021',
    );
  });

  void it('moves the title first without authors and says n.d. without a date', () => {
    assert.equal(
      apa(item({})),
      'Photosynthesis in green plants. (n.d.). OER Commons. https://example.org/photo',
    );
  });

  void it('names a video as such and does not repeat a group author as the site', () => {
    const video = item({
      creator: [{ type: 'Organization', name: 'Khan Academy' }],
      publisher: [{ type: 'Organization', name: 'Khan Academy' }],
      datePublished: '2020',
      learningResourceType: [{ id: 'https://w3id.org/kim/hcrt/video' }],
      name: { en: 'What is photosynthesis?' },
    });
    assert.equal(
      apa(video),
      'Khan Academy. (2020). What is photosynthesis? [Video]. https://example.org/photo',
    );
  });

  void it('lists up to 20 authors and shortens longer lists with an ellipsis', () => {
    const names = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        type: 'Person' as const,
        name: `Ann Author${String.fromCharCode(65 + i)}`,
      }));
    const twenty = apa(item({ creator: names(20) }));
    assert.match(twenty, /AuthorS, A\., & AuthorT, A\. \(n\.d\.\)/);
    const many = apa(item({ creator: names(22) }));
    assert.match(many, /AuthorS, A\., \. \. \. AuthorV, A\. \(n\.d\.\)/);
    assert.doesNotMatch(many, /AuthorT/);
  });
});

void describe('BibTeX', () => {
  void it('writes a book entry with a stable key', () => {
    assert.equal(
      bibtex(textbook),
      [
        '@book{dupont2021introduction,',
        '  author = {Dupont, Jean-Pierre and Smith, Mary K. and {Open University}},',
        '  title = {{Introduction to Linear Algebra}},',
        '  year = {2021},',
        '  month = sep,',
        '  publisher = {OpenStax},',
        '  url = {https://example.org/photo},',
        '  urldate = {2024-06-15},',
        '  doi = {10.5555/linalg.2021},',
        '  isbn = {978-1-938168-00-0},',
        '  language = {en}',
        '}',
        '',
      ].join('\n'),
    );
    // The key depends only on the first author, the year and the title: the same record gives the same key.
    assert.equal(citationKey(item(textbookRecord())), 'dupont2021introduction');
  });

  void it('escapes every LaTeX special and keeps braces balanced', () => {
    assert.equal(
      escapeLatex('a{b}c % & $ # _ ~ ^ \\ end'),
      'a\\textbraceleft{}b\\textbraceright{}c \\% \\& \\$ \\# \\_ \\textasciitilde{} \\textasciicircum{} \\textbackslash{} end',
    );
    const hostile = bibtex(
      item({ name: { en: 'Unbalanced } { braces }} and 100% \\input{/etc/passwd}\nnext line' } }),
    );
    let depth = 0;
    for (const char of hostile.replace(/\\[{}%&$#_]/g, '')) {
      if (char === '{') depth += 1;
      if (char === '}') depth -= 1;
      assert.ok(depth >= 0, hostile);
    }
    assert.equal(depth, 0, hostile);
    assert.doesNotMatch(hostile, /\\input/);
    assert.equal(hostile.split('\n').filter((l) => l.includes('title')).length, 1);
  });

  void it('keeps non-ASCII text as UTF-8 and falls back to a hashed key without ASCII letters', () => {
    const chinese = item({
      name: { zh: '光合作用简介' },
      inLanguage: ['zh'],
      creator: [{ type: 'Person', name: '张伟' }],
      datePublished: '2022',
    });
    const entry = bibtex(chinese);
    assert.match(entry, /title = \{\{光合作用简介\}\}/);
    assert.match(entry, /author = \{\{张伟\}\}/);
    assert.match(citationKey(chinese), /^oer2022[0-9a-z]{6}$/);
    assert.equal(
      citationKey(chinese),
      citationKey(
        item({
          name: { zh: '光合作用简介' },
          inLanguage: ['zh'],
          creator: [{ type: 'Person', name: '张伟' }],
          datePublished: '2022',
        }),
      ),
    );
    assert.equal(
      citationKey(item({ creator: [{ type: 'Person', name: 'José Núñez' }], datePublished: '2020' })),
      'nunez2020photosynthesis',
    );
  });
});

void describe('RIS', () => {
  void it('writes one tagged line per field and ends the record', () => {
    assert.equal(
      ris(textbook),
      [
        'TY  - BOOK',
        'TI  - Introduction to Linear Algebra',
        'AU  - Dupont, Jean-Pierre',
        'AU  - Smith, Mary K.',
        'AU  - Open University',
        'PY  - 2021',
        'DA  - 2021/09/03',
        'PB  - OpenStax',
        'UR  - https://example.org/photo',
        'DO  - 10.5555/linalg.2021',
        'SN  - 978-1-938168-00-0',
        'LA  - en',
        'Y2  - 2024/06/15',
        'ER  - ',
        '',
      ].join('\n'),
    );
  });

  void it('never lets a value break a line or forge a tag', () => {
    const text = ris(
      item({
        name: { en: 'Title\r\nER  - \nTY  - JOUR\u2028more' },
        creator: [{ type: 'Organization', name: 'Org\nAU  - Fake' }],
      }),
    );
    assert.doesNotMatch(text, /\r/);
    const lines = text.split('\n').filter((l) => l !== '');
    for (const line of lines) assert.match(line, /^[A-Z][A-Z0-9] {2}- /, line);
    assert.equal(lines.filter((l) => l.startsWith('ER  - ')).length, 1);
    assert.equal(lines.filter((l) => l.startsWith('AU  - ')).length, 1);
    assert.ok(lines.includes('TI  - Title ER - TY - JOUR more'), text);
  });
});

function textbookRecord(): Parameters<typeof record>[0] {
  return {
    name: { en: 'Introduction to Linear Algebra' },
    creator: [{ type: 'Person', name: 'Jean-Pierre Dupont' }],
    datePublished: '2021-09-03',
  };
}
