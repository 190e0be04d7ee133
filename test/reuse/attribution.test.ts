// TASL attributions: the three output forms checked word for word in English, every licence group's sentence
// and notes, every UI language rendering without leftovers, and hostile metadata (markup, Markdown syntax,
// line breaks, javascript: addresses) that must come out inert.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LICENSE_GROUPS, type LicenseValue } from '../../src/domain/profile.js';
import {
  buildAttribution,
  escapeMarkdown,
  markdownLine,
  type ReuseUse,
} from '../../src/reuse/attribution.js';
import { UI_LOCALES } from '../../src/web/i18n/locales.js';
import { BY, record, wording } from './fixtures.js';

const en = wording('en');
const people = [
  { type: 'Person' as const, name: 'Jane Doe' },
  { type: 'Person' as const, name: 'Wei Zhang' },
];

function attribute(license: LicenseValue | undefined, uses: ReuseUse[] = [], extra = {}) {
  return buildAttribution(
    {
      record: record({ creator: people, ...(license === undefined ? {} : { license }), ...extra }),
      sourceName: 'OpenStax',
      uses,
    },
    en,
  );
}

void describe('buildAttribution in English', () => {
  void it('writes title, authors, source and licence as plain text, HTML and Markdown', () => {
    const a = attribute(BY);
    assert.equal(
      a.text,
      '“Photosynthesis in green plants” by Jane Doe and Wei Zhang, from OpenStax (https://example.org/photo), ' +
        'is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).',
    );
    assert.equal(
      a.html,
      '“<a href="https://example.org/photo">Photosynthesis in green plants</a>” by Jane Doe and Wei Zhang, ' +
        'from OpenStax, is licensed under ' +
        '<a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.',
    );
    assert.equal(
      a.markdown,
      '“[Photosynthesis in green plants](https://example.org/photo)” by Jane Doe and Wei Zhang, from OpenStax, ' +
        'is licensed under [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/).',
    );
    assert.deepEqual(a.notes, []);
  });

  void it('leaves out "by" when no author is known and names the repository by host when unnamed', () => {
    const a = buildAttribution({ record: record({ license: BY }), sourceName: null }, en);
    assert.equal(
      a.text,
      '“Photosynthesis in green plants”, from example.org (https://example.org/photo), is licensed under ' +
        'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).',
    );
  });

  void it('says "and N others" past five authors, with the plural of the language', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ type: 'Person' as const, name: `Author ${i + 1}` }));
    const a = buildAttribution({ record: record({ license: BY, creator: many }), sourceName: 'X' }, en);
    assert.match(a.text, /by Author 1, Author 2, Author 3, Author 4, Author 5 and 2 others, from X/);
    const one = buildAttribution(
      { record: record({ license: BY, creator: many.slice(0, 6) }), sourceName: 'X' },
      en,
    );
    assert.match(one.text, /Author 5 and 1 other, from X/);
  });

  void it('uses the wording of each licence group', () => {
    const cases: [LicenseValue | undefined, RegExp][] = [
      [
        { id: 'https://creativecommons.org/publicdomain/zero/1.0/', group: 'public-domain' },
        /is marked with CC0 1\.0 \(/,
      ],
      [{ group: 'public-domain' }, /is in the public domain\.$/],
      [{ group: 'other-open' }, /is available under an open licence\.$/],
      [
        { id: 'https://spdx.org/licenses/MIT.html', group: 'other-open' },
        /is licensed under MIT \(https:\/\/spdx/,
      ],
      [{ group: 'restricted' }, /from OpenStax \(https:\/\/example\.org\/photo\)\. All rights reserved\.$/],
      [{ group: 'unknown' }, /\. Licence not stated\.$/],
      [undefined, /\. Licence not stated\.$/],
    ];
    for (const [license, pattern] of cases)
      assert.match(attribute(license).text, pattern, JSON.stringify(license));
  });
});

void describe('attribution notes', () => {
  const codes = (license: LicenseValue | undefined, uses: ReuseUse[]) =>
    attribute(license, uses).notes.map((n) => n.code);
  const cc = (group: LicenseValue['group']): LicenseValue => ({
    id: `https://creativecommons.org/licenses/${group}/4.0/`,
    group,
  });

  void it('warns when the licence forbids the use chosen', () => {
    assert.deepEqual(codes(cc('by-nd'), ['adapt']), ['adapt-forbidden']);
    assert.deepEqual(codes(cc('by-nc'), ['commercial']), ['commercial-forbidden']);
    assert.deepEqual(codes(cc('by-nc-nd'), ['adapt', 'commercial']), [
      'adapt-forbidden',
      'commercial-forbidden',
    ]);
  });

  void it('tells what adapting under a share-alike licence asks, and confirms allowed uses', () => {
    assert.deepEqual(codes(cc('by-sa'), ['adapt']), ['adapt-allowed', 'indicate-changes', 'share-alike']);
    assert.deepEqual(codes(cc('by'), ['adapt', 'commercial']), [
      'adapt-allowed',
      'indicate-changes',
      'commercial-allowed',
    ]);
    const note = attribute(cc('by-nc-sa'), ['adapt']).notes.find((n) => n.code === 'share-alike');
    assert.equal(
      note?.text,
      'If you share your adaptation, you must publish it under CC BY-NC-SA 4.0 or a compatible licence.',
    );
  });

  void it('says when no attribution is required, and that reuse needs permission when unknown or restricted', () => {
    assert.deepEqual(
      codes({ id: 'https://creativecommons.org/publicdomain/mark/1.0/', group: 'public-domain' }, []),
      ['no-attribution-required'],
    );
    assert.deepEqual(codes({ group: 'restricted' }, ['adapt']), ['permission-needed']);
    assert.deepEqual(codes({ group: 'unknown' }, []), ['licence-unknown']);
    assert.deepEqual(codes(undefined, ['commercial']), ['licence-unknown']);
    assert.deepEqual(codes({ ...cc('by'), conflict: true }, []), ['conflict']);
  });
});

void describe('attribution in every UI language', () => {
  for (const locale of UI_LOCALES) {
    void it(`${locale}: every licence group and use renders with no placeholder or key left`, () => {
      for (const group of LICENSE_GROUPS) {
        const license: LicenseValue =
          group === 'unknown' || group === 'restricted' || group === 'other-open'
            ? { group }
            : group === 'public-domain'
              ? { id: 'https://creativecommons.org/publicdomain/zero/1.0/', group }
              : { id: `https://creativecommons.org/licenses/${group}/4.0/`, group };
        for (const creator of [people, []]) {
          const a = buildAttribution(
            { record: record({ license, creator }), sourceName: 'OpenStax', uses: ['adapt', 'commercial'] },
            wording(locale),
          );
          for (const text of [a.text, a.html, a.markdown, ...a.notes.map((n) => n.text)]) {
            assert.doesNotMatch(text, /[\uE000-\uE003]|reuse\.|\{|\}/, `${locale} ${group}: ${text}`);
          }
          assert.ok(a.text.includes('Photosynthesis in green plants'), `${locale} ${group}`);
          assert.ok(a.text.includes('OpenStax'), `${locale} ${group}`);
          if (creator.length > 0) assert.ok(a.text.includes('Wei Zhang'), `${locale} ${group}: ${a.text}`);
          if (a.terms.name !== null) {
            assert.ok(a.text.includes(a.terms.name), `${locale} ${group}`);
          }
          if (a.terms.uri !== null)
            assert.match(a.html, /<a rel="license" href="https:\/\/creativecommons\.org\//);
          if (locale !== 'en' && group === 'by') {
            assert.notEqual(a.text, attribute(license).text, `${locale} is translated`);
          }
        }
      }
    });
  }
});

void describe('hostile metadata', () => {
  const evil = record({
    name: { en: '<script>alert(1)</script> *bold* [x](javascript:alert(1)) `code`\nsecond line' },
    url: 'javascript:alert(1)',
    creator: [{ type: 'Person', name: '<img src=x onerror=alert(1)>' }],
    license: { id: 'javascript:alert(2)', group: 'by' },
  });
  const a = buildAttribution({ record: evil, sourceName: '# Heading & <b>' }, en);

  void it('never links an address that is not http(s)', () => {
    assert.equal(a.url, null);
    assert.doesNotMatch(a.html, /href/);
    assert.doesNotMatch(a.markdown, /(?<!\\)\]\(/);
    assert.doesNotMatch(a.text, /javascript:alert\(2\)/);
  });

  void it('escapes markup in HTML and keeps every form on one line', () => {
    assert.doesNotMatch(a.html, /<script|<img|<b>/);
    assert.match(a.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    for (const text of [a.text, a.html, a.markdown]) assert.doesNotMatch(text, /[\r\n]/);
    assert.match(a.text, /`code` second line/);
  });

  void it('escapes Markdown syntax so that nothing becomes a link, emphasis, code or HTML', () => {
    assert.match(
      a.markdown,
      /\\<script\\>alert\(1\)\\<\/script\\> \\\*bold\\\* \\\[x\\\]\(javascript:alert\(1\)\) \\`code\\`/,
    );
    assert.match(a.markdown, /from # Heading \\& \\<b\\>/);
    assert.equal(escapeMarkdown('a_b|c~d!e$f'), 'a\\_b\\|c\\~d\\!e\\$f');
  });

  void it('escapes a line start that Markdown would read as a heading, list or quote', () => {
    assert.equal(markdownLine('1. Team and others'), '1\\. Team and others');
    assert.equal(markdownLine('12) Team'), '12\\) Team');
    assert.equal(markdownLine('# Title'), '\\# Title');
    assert.equal(markdownLine('- item'), '\\- item');
    assert.equal(markdownLine('“Title” by A'), '“Title” by A');
  });

  void it('links titles in Markdown with parentheses and spaces in the address encoded', () => {
    const odd = buildAttribution(
      { record: record({ license: BY, url: 'https://example.org/a_(b)/c d' }), sourceName: 'S' },
      en,
    );
    assert.match(odd.markdown, /\]\(https:\/\/example\.org\/a_%28b%29\/c%20d\)/);
    assert.match(odd.html, /href="https:\/\/example\.org\/a_\(b\)\/c%20d"/);
  });
});
