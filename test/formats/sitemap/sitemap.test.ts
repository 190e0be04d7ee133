// Sitemaps (urlset, sitemapindex, plain text, broken, hostile) and robots.txt rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtlasError } from '../../../src/domain/errors.js';
import { isAllowed, parseRobotsTxt } from '../../../src/formats/robots/robots-txt.js';
import { lastmodUpperBound, parseSitemap } from '../../../src/formats/sitemap/sitemap.js';

const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

void describe('parseSitemap', () => {
  void it('reads a urlset with lastmod, resolving, deduplicating and dropping what is not http(s)', () => {
    const map = parseSitemap(
      `<?xml version="1.0" encoding="UTF-8"?><urlset ${NS}>
        <url><loc> https://oer.example.org/a?x=1&amp;y=2 </loc><lastmod>2024-05-01</lastmod></url>
        <url><loc>/b</loc></url>
        <url><loc>https://oer.example.org/a?x=1&amp;y=2</loc></url>
        <url><loc>javascript:alert(1)</loc></url>
        <url><loc>ftp://oer.example.org/c</loc></url>
        <url><lastmod>2024-01-01</lastmod></url>
      </urlset>`,
      { url: 'https://oer.example.org/sitemap.xml' },
    );
    assert.equal(map.kind, 'urlset');
    assert.deepEqual(map.entries, [
      { loc: 'https://oer.example.org/a?x=1&y=2', lastmod: '2024-05-01' },
      { loc: 'https://oer.example.org/b', lastmod: null },
    ]);
    assert.equal(map.dropped, 4);
  });

  void it('reads a sitemap index', () => {
    const map = parseSitemap(
      `<sitemapindex ${NS}><sitemap><loc>https://x.example.org/s1.xml.gz</loc><lastmod>2024-01-01T10:00:00+01:00</lastmod></sitemap></sitemapindex>`,
    );
    assert.equal(map.kind, 'sitemapindex');
    assert.deepEqual(map.entries, [
      { loc: 'https://x.example.org/s1.xml.gz', lastmod: '2024-01-01T10:00:00+01:00' },
    ]);
  });

  void it('reads the plain-text form and sitemaps without the namespace', () => {
    assert.deepEqual(
      parseSitemap('https://x.example.org/1\r\nhttps://x.example.org/2\n\n').entries.map((e) => e.loc),
      ['https://x.example.org/1', 'https://x.example.org/2'],
    );
    const bare = parseSitemap('<urlset><url><loc>https://x.example.org/1</loc></url></urlset>');
    assert.deepEqual(bare.repairs, ['no-namespace']);
  });

  void it('salvages the complete entries of a cut-off sitemap', () => {
    const map = parseSitemap(
      `<urlset ${NS}><url><loc>https://x.example.org/1</loc></url><url><loc>https://x.example.org/2</loc></url><url><loc>https://x.exa`,
    );
    assert.deepEqual(
      map.entries.map((e) => e.loc),
      ['https://x.example.org/1', 'https://x.example.org/2'],
    );
    assert.ok(map.repairs.includes('salvaged'));
  });

  void it('salvages in linear time, whatever number of entries never close', () => {
    const hostile = `<urlset ${NS}><url><loc>https://x.example.org/ok</loc></url>${'<url><loc>https://x.example.org/</loc></urlz>'.repeat(200_000)}`;
    const started = performance.now();
    const map = parseSitemap(hostile);
    assert.deepEqual(
      map.entries.map((e) => e.loc),
      ['https://x.example.org/ok'],
    );
    assert.ok(performance.now() - started < 2000);
  });

  void it('refuses entity declarations (billion laughs) without expanding them', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><urlset ${NS}><url><loc>https://x.example.org/&c;</loc></url></urlset>`;
    assert.throws(
      () => parseSitemap(bomb),
      (e: unknown) => e instanceof AtlasError && e.code === 'xml_dtd_refused',
    );
  });

  void it('refuses HTML and other XML as not a sitemap', () => {
    assert.throws(
      () => parseSitemap('<html><body>hi</body></html>'),
      (e: unknown) => e instanceof AtlasError && e.code === 'not_a_document',
    );
    assert.throws(
      () => parseSitemap('hello world'),
      (e: unknown) => e instanceof AtlasError && e.code === 'not_a_document',
    );
  });

  void it('caps the entries it keeps', () => {
    const urls = Array.from(
      { length: 50 },
      (_, i) => `<url><loc>https://x.example.org/${i}</loc></url>`,
    ).join('');
    const map = parseSitemap(`<urlset ${NS}>${urls}</urlset>`, { maxEntries: 10 });
    assert.equal(map.entries.length, 10);
    assert.equal(map.dropped, 40);
  });

  void it('reads lastmod as the end of the period it names', () => {
    assert.equal(lastmodUpperBound('2024-05-01'), Date.parse('2024-05-02T00:00:00Z') - 1);
    assert.equal(lastmodUpperBound('2024-12'), Date.parse('2025-01-01T00:00:00Z') - 1);
    assert.equal(lastmodUpperBound('2024'), Date.parse('2025-01-01T00:00:00Z') - 1);
    assert.equal(lastmodUpperBound('2024-05-01T10:00:00+02:00'), Date.parse('2024-05-01T08:00:00Z'));
    assert.equal(lastmodUpperBound('2024-05-01T10:00:00'), Date.parse('2024-05-01T10:00:00Z'));
    assert.equal(lastmodUpperBound('yesterday'), null);
  });
});

void describe('robots.txt', () => {
  const robots = parseRobotsTxt(`
# comment
User-agent: *
Disallow: /private/
Allow: /private/open
Disallow: /*.pdf$

User-agent: otherbot
Disallow: /

Sitemap: https://x.example.org/sitemap.xml
`);

  void it('applies the * group: longest match wins, Allow wins ties, * and $ patterns', () => {
    assert.equal(isAllowed(robots, 'https://x.example.org/public'), true);
    assert.equal(isAllowed(robots, 'https://x.example.org/private/x'), false);
    assert.equal(isAllowed(robots, 'https://x.example.org/private/open/1'), true);
    assert.equal(isAllowed(robots, 'https://x.example.org/files/a.pdf'), false);
    assert.equal(isAllowed(robots, 'https://x.example.org/files/a.pdf?x=1'), true);
    assert.deepEqual(robots.sitemaps, ['https://x.example.org/sitemap.xml']);
  });

  void it('prefers the oer-atlas group over *', () => {
    const own = parseRobotsTxt(
      'User-agent: *\nDisallow: /\n\nUser-agent: OER-Atlas\nUser-agent: other\nDisallow: /drafts\n',
    );
    assert.equal(own.group, 'oer-atlas');
    assert.equal(isAllowed(own, 'https://x.example.org/lesson'), true);
    assert.equal(isAllowed(own, 'https://x.example.org/drafts/1'), false);
  });

  void it('allows everything without a group for us, and with an empty Disallow', () => {
    assert.equal(
      isAllowed(parseRobotsTxt('User-agent: otherbot\nDisallow: /'), 'https://x.example.org/a'),
      true,
    );
    assert.equal(isAllowed(parseRobotsTxt('User-agent: *\nDisallow:'), 'https://x.example.org/a'), true);
  });

  void it('matches many wildcards in linear time', () => {
    const hostile = parseRobotsTxt(`User-agent: *\nDisallow: /${'*a'.repeat(200)}b\n`);
    const started = performance.now();
    assert.equal(isAllowed(hostile, `https://x.example.org/${'a'.repeat(2000)}`), true);
    assert.ok(performance.now() - started < 1000);
  });
});
