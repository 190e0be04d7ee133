// Tests of URL normalization: the labeled set of real landing-page URLs, each canonicalization rule, match
// keys, and hostile input (script addresses, control characters, homographs, very long values).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalUrl, MAX_URL_LENGTH, urlMatchKey } from '../../src/normalize/url.js';
import { readLabelTable } from '../support/labels.js';

interface Label {
  readonly line: number;
  readonly input: string;
  readonly canonical: string | null;
  readonly key: string | null;
}

function readLabels(): Label[] {
  const table = readLabelTable(new URL('./url-labels.tsv', import.meta.url), {
    columns: ['input', 'canonical', 'match_key', 'note'],
  });
  return table.rows.map((row) => {
    const canonical = row.get('canonical');
    const key = row.get('match_key');
    return {
      line: row.line,
      input: row.get('input'),
      canonical: canonical === '' ? null : canonical,
      key: key === '' ? null : key,
    };
  });
}

function canonical(input: string): string | null {
  return canonicalUrl(input).value;
}

describe('URL labeled set', () => {
  const labels = readLabels();

  it('canonicalizes at least 99% of the labeled real-world URLs exactly', (t) => {
    assert.ok(labels.length >= 100, `${labels.length} rows`);
    const misses = labels.filter((l) => canonical(l.input) !== l.canonical);
    const accuracy = (labels.length - misses.length) / labels.length;
    t.diagnostic(
      `canonical URL accuracy ${(accuracy * 100).toFixed(2)}% (${labels.length - misses.length}/${labels.length})`,
    );
    for (const m of misses)
      t.diagnostic(`miss line ${m.line}: ${m.input} -> ${canonical(m.input) ?? '(null)'}`);
    assert.ok(accuracy >= 0.99, misses.map((m) => m.input).join('\n'));
  });

  it('gives the labeled match key for at least 99% of them', (t) => {
    const misses = labels.filter((l) => urlMatchKey(l.input) !== l.key);
    const accuracy = (labels.length - misses.length) / labels.length;
    t.diagnostic(
      `match key accuracy ${(accuracy * 100).toFixed(2)}% (${labels.length - misses.length}/${labels.length})`,
    );
    for (const m of misses)
      t.diagnostic(`miss line ${m.line}: ${m.input} -> ${urlMatchKey(m.input) ?? '(null)'}`);
    assert.ok(accuracy >= 0.99, misses.map((m) => m.input).join('\n'));
  });

  it('is idempotent: a canonical URL is its own canonical form and keeps its key', () => {
    for (const label of labels) {
      const value = canonical(label.input);
      if (value === null) continue;
      assert.equal(canonical(value), value, label.input);
      assert.equal(urlMatchKey(value), urlMatchKey(label.input), label.input);
    }
  });

  it('keeps the input and always names a rule', () => {
    for (const label of labels) {
      const found = canonicalUrl(label.input);
      assert.equal(found.input, label.input);
      assert.match(found.rule, /^[a-z0-9:+-]+$/);
    }
  });
});

describe('canonicalUrl', () => {
  it('lower-cases scheme and host, drops default ports, the fragment and dot segments', () => {
    assert.equal(canonical('HTTP://Example.ORG:80/a/./b/../c#top'), 'http://example.org/a/c');
    assert.equal(canonical('https://example.org:443/'), 'https://example.org/');
    assert.equal(canonical('https://example.org:8443/x'), 'https://example.org:8443/x');
    assert.equal(canonical('http://example.org'), 'http://example.org/');
    assert.equal(canonical('http://example.org./x'), 'http://example.org/x');
  });

  it('normalizes percent-encoding: upper-case escapes, unreserved characters decoded, the rest kept', () => {
    assert.equal(
      canonical('http://example.org/%7euser/a%2fb/%e2%82%ac'),
      'http://example.org/~user/a%2Fb/%E2%82%AC',
    );
    assert.equal(canonical('http://example.org/a%2Db%5F?q=%41%26'), 'http://example.org/a-b_?q=A%26');
    assert.equal(canonical('http://example.org/a b/[1].pdf'), 'http://example.org/a%20b/%5B1%5D.pdf');
  });

  it('keeps the query in its order and drops only tracking parameters', () => {
    assert.equal(
      canonical('https://example.org/p?b=2&utm_source=x&a=1&UTM_Medium=y&fbclid=z&gclid=1&mc_eid=2'),
      'https://example.org/p?b=2&a=1',
    );
    assert.equal(canonicalUrl('https://example.org/p?utm_campaign=x').rule, 'tracking-removed');
    assert.equal(canonical('https://example.org/p?ref=search&id=5'), 'https://example.org/p?ref=search&id=5');
    // "si" is YouTube's share tracker, but may mean something elsewhere.
    assert.equal(canonical('https://youtu.be/dQw4w9WgXcQ?si=abc'), 'https://youtu.be/dQw4w9WgXcQ');
    assert.equal(canonical('https://example.org/?si=abc'), 'https://example.org/?si=abc');
    assert.equal(canonical('https://example.org/x?'), 'https://example.org/x');
  });

  it('repairs a query escaped twice as "&amp;"', () => {
    const found = canonicalUrl('http://example.org/view.cgi?article=1151&amp;context=news');
    assert.equal(found.value, 'http://example.org/view.cgi?article=1151&context=news');
    assert.equal(found.rule, 'html-escaped-query');
  });

  it('keeps single-page routes in the fragment', () => {
    assert.equal(canonical('https://example.org/#/course/12'), 'https://example.org/#/course/12');
    assert.equal(canonical('https://example.org/app#!page-3'), 'https://example.org/app#!page-3');
    assert.equal(canonical('https://example.org/doc#section-2'), 'https://example.org/doc');
  });

  it('reads addresses without scheme as https when they start with a host name, and says so', () => {
    const www = canonicalUrl('www.example.org/course');
    assert.equal(www.value, 'https://www.example.org/course');
    assert.equal(www.rule, 'no-scheme:https-assumed');
    assert.equal(canonical('repository.example.edu/item/7'), 'https://repository.example.edu/item/7');
    assert.equal(canonical('//cdn.example.org/x'), 'https://cdn.example.org/x');
    assert.equal(canonical('www.example.org:8080/x'), 'https://www.example.org:8080/x');
    for (const relative of [
      'index.html',
      'notes.pdf',
      'imsmanifest.xml',
      '/course/1',
      '../a',
      '?q=1',
      'course',
    ])
      assert.equal(canonical(relative), null, relative);
  });

  it('unwraps click-tracking redirects', () => {
    assert.equal(
      canonical(
        'https://www.google.de/url?sa=t&url=https%3A%2F%2Fexample.org%2Fcourse%3Futm_source%3Dg&usg=x',
      ),
      'https://example.org/course',
    );
    assert.equal(
      canonical('https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fa&h=AT0'),
      'https://example.org/a',
    );
    // A redirect whose target is not http(s) stays as it is.
    assert.equal(
      canonical('https://www.google.com/url?q=javascript:alert(1)'),
      'https://www.google.com/url?q=javascript:alert(1)',
    );
  });

  it('drops user names and passwords', () => {
    const found = canonicalUrl('https://user:secret@example.org/x');
    assert.equal(found.value, 'https://example.org/x');
    assert.equal(found.rule, 'userinfo-dropped');
  });

  it('strips what prose wraps around an address', () => {
    assert.equal(canonical(' <http://example.org/a>. '), 'http://example.org/a');
    assert.equal(canonical('"http://example.org/a",'), 'http://example.org/a');
    assert.equal(canonical('http://example.org/wiki/Foo_(bar)'), 'http://example.org/wiki/Foo_(bar)');
    assert.equal(canonical('URL:http://example.org/a'), 'http://example.org/a');
    assert.equal(
      canonical('http://example.org/very/long/\n        path'),
      'http://example.org/very/long/path',
    );
  });
});

describe('canonicalUrl: hostile input', () => {
  it('refuses script, data, mail, file and other schemes, however they are written', () => {
    for (const value of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      '  javascript:void(0)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'mailto:someone@example.org',
      'file:///etc/passwd',
      'ftp://ftp.example.org/pub/x.tar.gz',
      'rtsp://media.example.org/video.wmv',
    ]) {
      const found = canonicalUrl(value);
      assert.equal(found.value, null, value);
      assert.match(found.rule, /^scheme:/, value);
    }
  });

  it('refuses control characters, and removes invisible marks', () => {
    assert.equal(canonicalUrl('http://example.org/\u0000x').rule, 'control-characters');
    assert.equal(canonicalUrl('http://exa\u0007mple.org/').value, null);
    assert.equal(canonical('http://example.org/x\u200e'), 'http://example.org/x');
    assert.equal(canonical('\ufeffhttp://example.org/\u202ex'), 'http://example.org/x');
  });

  it('writes internationalized and homograph host names as punycode', () => {
    // Cyrillic "а" in "аpple.com" must not pass as the Latin brand.
    assert.equal(canonical('http://\u0430pple.com/'), 'http://xn--pple-43d.com/');
    assert.equal(canonical('https://bücher.example/'), 'https://xn--bcher-kva.example/');
    assert.equal(canonical('https://xn--bcher-kva.example/'), 'https://xn--bcher-kva.example/');
    // Full-width letters are mapped to ASCII by IDNA.
    assert.equal(canonical('https://ｅｘａｍｐｌｅ.org/'), 'https://example.org/');
  });

  it('refuses loopback, private and single-label hosts', () => {
    for (const value of [
      'http://localhost:8080/OAI-PMH',
      'http://127.0.0.1/',
      'http://0x7f.1/',
      'http://2130706433/',
      'http://10.0.0.5/x',
      'http://192.168.1.1/',
      'http://172.16.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://intranet/',
      'http://printer.local/',
    ])
      assert.equal(canonical(value), null, value);
    assert.equal(
      canonical('http://143.54.83.84:9090/feb/OAIHandler'),
      'http://143.54.83.84:9090/feb/OAIHandler',
    );
  });

  it('refuses prose, empty values, bad ports and very long strings quickly', () => {
    assert.equal(canonical(''), null);
    assert.equal(canonical('   '), null);
    assert.equal(canonical('see the address above'), null);
    assert.equal(canonical('http://exa mple.org/'), null);
    assert.equal(canonical('http://example.com:99999/'), null);
    assert.equal(canonical('http://'), null);
    const long = `http://example.org/${'a'.repeat(MAX_URL_LENGTH)}`;
    assert.equal(canonicalUrl(long).rule, 'too-long');
    const huge = `http://example.org/?${'x='.repeat(500_000)}`;
    const start = process.hrtime.bigint();
    assert.equal(canonical(huge), null);
    assert.ok(process.hrtime.bigint() - start < 200_000_000n, 'a huge value is refused without parsing it');
  });
});

describe('urlMatchKey', () => {
  it('drops scheme, "www.", trailing slash and index pages', () => {
    const key = urlMatchKey('https://www.oer.uni-beispiel.de/course/');
    assert.equal(key, 'oer.uni-beispiel.de/course');
    assert.equal(urlMatchKey('http://oer.uni-beispiel.de/course/index.html'), key);
    assert.equal(urlMatchKey('http://OER.uni-beispiel.de/course/index.php'), key);
    assert.equal(urlMatchKey('oer.uni-beispiel.de/course'), key);
    // "www2." may be another server: only "www." is dropped.
    assert.notEqual(urlMatchKey('http://www2.oer.uni-beispiel.de/course'), key);
  });

  it('folds DOI and handle resolvers, YouTube, mobile Wikipedia and arXiv addresses', () => {
    const doi = 'doi.org/10.1000/abc';
    assert.equal(urlMatchKey('https://doi.org/10.1000/ABC'), doi);
    assert.equal(urlMatchKey('http://dx.doi.org/10.1000/abc'), doi);
    assert.equal(urlMatchKey('https://hdl.handle.net/10.1000/abc'), doi);
    assert.equal(urlMatchKey('http://hdl.handle.net/1721.1/92487'), 'hdl.handle.net/1721.1/92487');
    const video = 'youtube.com/watch?v=dQw4w9WgXcQ';
    assert.equal(urlMatchKey('https://youtu.be/dQw4w9WgXcQ'), video);
    assert.equal(urlMatchKey('https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share&t=42'), video);
    assert.equal(urlMatchKey('https://m.youtube.com/watch?v=dQw4w9WgXcQ'), video);
    assert.equal(urlMatchKey('https://www.youtube.com/embed/dQw4w9WgXcQ'), video);
    assert.equal(urlMatchKey('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'), video);
    assert.equal(urlMatchKey('https://en.m.wikipedia.org/wiki/Algebra'), 'en.wikipedia.org/wiki/Algebra');
    assert.equal(urlMatchKey('http://arxiv.org/pdf/1207.1019.pdf'), 'arxiv.org/abs/1207.1019');
    assert.equal(urlMatchKey('https://export.arxiv.org/abs/1207.1019'), 'arxiv.org/abs/1207.1019');
  });

  it('sorts query parameters so their order does not matter', () => {
    const a = urlMatchKey('https://oer.uni-beispiel.de/view?id=3&lang=de');
    assert.equal(a, 'oer.uni-beispiel.de/view?id=3&lang=de');
    assert.equal(urlMatchKey('https://oer.uni-beispiel.de/view?lang=de&id=3'), a);
    assert.notEqual(urlMatchKey('https://oer.uni-beispiel.de/view?id=4&lang=de'), a);
  });

  it('is null for unusable values, bare hosts and reserved example domains', () => {
    assert.equal(urlMatchKey('javascript:alert(1)'), null);
    assert.equal(urlMatchKey('https://www.example-repository.org/'), null);
    assert.equal(urlMatchKey('https://example.org/course/1'), null);
    assert.equal(urlMatchKey('https://demo.test/course/1'), null);
    assert.equal(urlMatchKey('https://doi.org/10.1234/'), null);
  });
});
