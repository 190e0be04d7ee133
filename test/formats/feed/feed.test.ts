// RSS 2.0, RSS 1.0 and Atom: splitting into standalone items, mapping them (Dublin Core, Media RSS, CC
// modules, licence links, enclosures), re-mapping a stored item on its own, and hostile feeds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtlasError } from '../../../src/domain/errors.js';
import type { ResourceRecord } from '../../../src/domain/profile.js';
import { mapFeedItem } from '../../../src/formats/feed/map-feed-item.js';
import { parseFeed, type FeedEntry } from '../../../src/formats/feed/parse-feed.js';
import type { MappingContext } from '../../../src/formats/mapping.js';
import { basicNormalizers } from '../../support/basic-normalizers.js';
import { validateRecord } from '../../../src/formats/profile/validate-record.js';
import { ATOM, BILLION_LAUGHS, EXTERNAL_ENTITY, RSS1, RSS2, SLOPPY_RSS } from './feed-fixtures.js';

function ctx(id: string): MappingContext {
  return {
    sourceId: 'feed',
    sourceRecordId: id,
    harvestedAt: '2024-05-21T00:00:00Z',
    normalize: basicNormalizers,
  };
}

function map(entry: FeedEntry | undefined): ResourceRecord {
  assert.ok(entry !== undefined);
  const record = mapFeedItem(entry.raw, ctx(entry.sourceRecordId ?? 'x'));
  assert.ok(validateRecord(record).valid);
  return record;
}

void describe('RSS 2.0 with Dublin Core, Media RSS and the Creative Commons module', () => {
  const feed = parseFeed(RSS2, { url: 'https://oer.example.org/feed.xml' });

  void it('splits the items, with ids from guid, and finds the next page', () => {
    assert.equal(feed.kind, 'rss');
    assert.deepEqual(
      feed.entries.map((e) => [e.rawFormat, e.sourceRecordId]),
      [
        ['rss-item', 'oer-example-1042'],
        ['rss-item', 'https://oer.example.org/resources/fractions'],
        ['rss-item', 'https://oer.example.org/resources/untitled'],
      ],
    );
    assert.equal(feed.next, 'https://oer.example.org/feed.xml?page=2');
    assert.equal(feed.entries[0]?.datestamp, 'Tue, 14 May 2024 09:30:00 +0200');
    assert.equal(feed.entries[0]?.dateMs, Date.parse('2024-05-14T07:30:00Z'));
  });

  void it('maps an item with HTML description, DC, enclosure, thumbnail, keywords and the channel licence', () => {
    const record = map(feed.entries[0]);
    assert.deepEqual(record.name, { 'en-US': 'Introduction to Photosynthesis' });
    assert.equal(
      record.description?.['en-US'],
      'A lesson on how plants turn light into energy. Includes a worksheet.\n\nGrades 6–8.',
    );
    assert.equal(record.url, 'https://oer.example.org/resources/photosynthesis');
    assert.deepEqual(record.inLanguage, ['en-US']);
    assert.equal(record.license?.id, 'https://creativecommons.org/licenses/by/4.0/');
    assert.deepEqual(record.keywords?.['en-US'], [
      'Biology',
      'Plants',
      'Science',
      'Photosynthesis',
      'chlorophyll',
      'light',
      'energy',
    ]);
    assert.deepEqual(record.creator, [
      { type: 'Person', name: 'Maria Gonzalez', email: 'teacher@oer.example.org' },
      { type: 'Person', name: 'Jane Smith' },
    ]);
    assert.deepEqual(record.publisher, [{ type: 'Organization', name: 'Open Science Foundation' }]);
    assert.deepEqual(
      record.learningResourceType?.map((c) => c.id),
      ['http://purl.org/dc/dcmitype/InteractiveResource'],
    );
    assert.equal(record.educationalLevel?.[0]?.prefLabel?.['en-US'], 'Middle School');
    assert.deepEqual(record.encoding, [
      {
        contentUrl: 'https://oer.example.org/files/photosynthesis.pdf',
        encodingFormat: 'application/pdf',
        contentSize: '506857',
      },
    ]);
    assert.equal(record.image, 'https://oer.example.org/img/photosynthesis.jpg');
    assert.equal(record.datePublished, '2024-05-14T07:30:00Z');
  });

  void it('maps Media RSS groups: video, duration, credit, the item licence over the channel one', () => {
    const record = map(feed.entries[1]);
    assert.deepEqual(record.name, { 'en-US': 'Fractions with <em>pizza</em> — video' });
    assert.equal(record.url, 'https://oer.example.org/resources/fractions');
    assert.equal(record.duration, 'PT312S');
    assert.equal(record.license?.id, 'https://creativecommons.org/licenses/by-sa/4.0/');
    assert.deepEqual(record.creator, [{ type: 'Person', name: 'Luis Ortega' }]);
    assert.deepEqual(record.encoding, [
      {
        contentUrl: 'https://cdn.example.org/fractions.mp4',
        encodingFormat: 'video/mp4',
        contentSize: '10485760',
      },
    ]);
  });

  void it('reads a description as HTML only when it holds tags of HTML elements', () => {
    const item = (description: string): string =>
      `<item><title>Fractions</title><link>https://oer.example.org/f</link><description>${description}</description></item>`;
    const text = (description: string): string | undefined => {
      const parsed = parseFeed(
        `<rss version="2.0"><channel><title>T</title>${item(description)}</channel></rss>`,
        {
          url: 'https://oer.example.org/feed.xml',
        },
      );
      return Object.values(map(parsed.entries[0]).description ?? {})[0];
    };
    // Escaped HTML becomes its text; words in angle brackets and a lone "<" stay as written.
    assert.equal(text('&lt;p&gt;Halves and &lt;b&gt;quarters&lt;/b&gt;&lt;/p&gt;'), 'Halves and quarters');
    assert.equal(
      text('Worksheet &lt;draft&gt; for &lt;basics&gt;, p &lt; 0.05'),
      'Worksheet <draft> for <basics>, p < 0.05',
    );
    // A second escaping is undone without reading the text as markup.
    assert.equal(text('R&amp;amp;D for &lt;beginners&gt;'), 'R&D for <beginners>');
  });

  void it('refuses an item without title with invalid_record', () => {
    assert.throws(
      () => map(feed.entries[2]),
      (e: unknown) => e instanceof AtlasError && e.code === 'invalid_record',
    );
  });

  void it('stores items that map on their own: namespaces, xml:base, xml:lang and the channel licence carried in', () => {
    const raw = feed.entries[1]?.raw ?? '';
    assert.match(
      raw,
      /^<item xml:base="https:\/\/oer\.example\.org\/feed\.xml" xml:lang="en-us" xmlns:media=/,
    );
    const first = feed.entries[0]?.raw ?? '';
    assert.match(
      first,
      /<creativeCommons:license xmlns:creativeCommons="http:\/\/backend\.userland\.com\/creativeCommonsRssModule">/,
    );
    // The second item has its own licence, so the channel's is not added.
    assert.doesNotMatch(raw, /creativeCommons:license/);
  });
});

void describe('Atom 1.0', () => {
  const feed = parseFeed(ATOM, { url: 'https://lernen.example.de/feed' });

  void it('splits entries with their ids and the RFC 5005 next link, resolved against xml:base', () => {
    assert.equal(feed.kind, 'atom');
    assert.deepEqual(
      feed.entries.map((e) => [e.rawFormat, e.sourceRecordId]),
      [
        ['atom-entry', 'https://lernen.example.de/material/4711'],
        ['atom-entry', 'urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6'],
      ],
    );
    assert.equal(feed.next, 'https://lernen.example.de/feed?seite=2');
    assert.equal(feed.entries[0]?.datestamp, '2024-05-19T08:00:00Z');
  });

  void it('maps an entry with the feed author, rights and licence link from its atom:source', () => {
    const record = map(feed.entries[0]);
    assert.deepEqual(record.name, { de: 'Bruchrechnung & Dezimalzahlen' });
    assert.deepEqual(record.description, { de: 'Arbeitsblätter zur Bruchrechnung' });
    assert.equal(record.url, 'https://lernen.example.de/material/4711');
    assert.deepEqual(record.creator, [
      { type: 'Organization', name: 'Institut für Schulqualität', id: 'https://lernen.example.de/' },
    ]);
    assert.equal(record.license?.id, 'https://creativecommons.org/licenses/by/4.0/');
    assert.deepEqual(record.keywords, { de: ['Mathematik'] });
    assert.deepEqual(record.about, [
      { id: 'http://w3id.org/kim/schulfaecher/s1017', prefLabel: { de: 'Mathematik' } },
    ]);
    assert.deepEqual(record.encoding, [
      {
        contentUrl: 'https://lernen.example.de/dateien/4711.pdf',
        encodingFormat: 'application/pdf',
        contentSize: '2048',
      },
    ]);
    assert.equal(record.datePublished, '2024-05-01T08:00:00Z');
    assert.equal(record.dateModified, '2024-05-19T08:00:00Z');
  });

  void it('prefers the entry author and licence, and reads XHTML content', () => {
    const record = map(feed.entries[1]);
    assert.deepEqual(record.creator, [
      { type: 'Person', name: 'Dr. Erika Muster', email: 'erika@lernen.example.de' },
    ]);
    assert.equal(record.license?.id, 'https://creativecommons.org/publicdomain/zero/1.0/');
    assert.deepEqual(record.description, { de: 'Ein Quiz zur Photosynthese.' });
    assert.deepEqual(record.identifiers, [
      { kind: 'urn', value: 'urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6' },
    ]);
  });
});

void describe('RSS 1.0 (RDF)', () => {
  void it('reads items with rdf:about ids, Dublin Core, cc:license and a DOI', () => {
    const feed = parseFeed(RSS1);
    assert.equal(feed.kind, 'rdf');
    assert.equal(feed.entries[0]?.sourceRecordId, 'https://repo.example.org/handle/123/45');
    const record = map(feed.entries[0]);
    assert.deepEqual(record.name, { fr: 'Cours de chimie organique' });
    assert.deepEqual(record.creator, [{ type: 'Person', name: 'Dupont, Jean' }]);
    assert.equal(record.license?.id, 'https://creativecommons.org/licenses/by-nc/4.0/');
    assert.deepEqual(record.identifiers, [{ kind: 'doi', value: '10.1234/chimie.45' }]);
    assert.equal(record.datePublished, '2023-11-02');
  });
});

void describe('hostile and sloppy feeds', () => {
  void it('refuses a billion-laughs feed without expanding it', () => {
    const started = performance.now();
    assert.throws(
      () => parseFeed(BILLION_LAUGHS),
      (e: unknown) => e instanceof AtlasError && e.code === 'xml_dtd_refused',
    );
    assert.ok(performance.now() - started < 1000);
  });

  void it('refuses external entities', () => {
    assert.throws(
      () => parseFeed(EXTERNAL_ENTITY),
      (e: unknown) => e instanceof AtlasError && e.code === 'xml_dtd_refused',
    );
  });

  void it('repairs HTML entity names and salvages the readable items around a broken one', () => {
    const feed = parseFeed(SLOPPY_RSS);
    assert.ok(feed.repairs.includes('salvaged'));
    assert.ok(feed.repairs.some((r) => r.startsWith('html-entities:')));
    assert.deepEqual(
      feed.entries.map((e) => e.sourceRecordId),
      ['https://x.example.org/1', 'https://x.example.org/3'],
    );
    assert.deepEqual(
      feed.problems.map((p) => [p.sourceRecordId, p.code]),
      [['https://x.example.org/2', 'xml_malformed']],
    );
    const record = map(feed.entries[0]);
    assert.deepEqual(record.name, { fr: 'Le café au lait' });
    assert.deepEqual(record.description, { fr: 'Très bien…' });
  });

  void it('salvages in linear time, whatever number of items never close', () => {
    const hostile = `<rss version="2.0"><channel><item><title>ok</title><guid>g1</guid></item>${'<item><title>&nbsp;x</title></itemz>'.repeat(100_000)}`;
    const started = performance.now();
    const feed = parseFeed(hostile);
    assert.deepEqual(
      feed.entries.map((e) => e.sourceRecordId),
      ['g1'],
    );
    assert.ok(performance.now() - started < 3000);
  });

  void it('refuses what is not a feed', () => {
    assert.throws(
      () => parseFeed('<html><body/></html>'),
      (e: unknown) => e instanceof AtlasError && e.code === 'not_a_document',
    );
    assert.throws(
      () => parseFeed('not xml at all'),
      (e: unknown) => e instanceof AtlasError && e.code === 'xml_malformed',
    );
  });

  void it('keeps huge fields within the profile limits and refuses items past the record cap', () => {
    const big = `<rss version="2.0"><channel><item><title>${'T'.repeat(200_000)}</title><guid>https://x.example.org/big</guid><description>${'d '.repeat(300_000)}</description></item></channel></rss>`;
    const record = map(parseFeed(big).entries[0]);
    assert.equal(Object.values(record.name)[0]?.length, 100_000);
    const capped = parseFeed(big, { maxRecordChars: 50_000 });
    assert.deepEqual(
      capped.problems.map((p) => p.code),
      ['response_too_large'],
    );
  });

  void it('never lets markup or script links through as URLs', () => {
    const feed = parseFeed(
      '<rss version="2.0"><channel><item><title>x</title><link>javascript:alert(1)</link><guid>g</guid><enclosure url="data:text/html,hi" type="text/html"/></item></channel></rss>',
    );
    const record = map(feed.entries[0]);
    assert.equal(record.url, undefined);
    assert.equal(record.encoding, undefined);
  });
});
