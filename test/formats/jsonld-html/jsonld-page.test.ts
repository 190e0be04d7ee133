// JSON-LD in web pages: the real DCMI LRMI page snippets and every official AMB example embedded in a page,
// then the shapes pages really use (several blocks, @graph, lists, entities, CDATA, comments, http/https
// contexts, trailing commas, control characters) and hostile blocks.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readJsonLdPage, jsonLdScriptBlocks } from '../../../src/formats/jsonld-html/jsonld-page.js';
import { parseLenientJson } from '../../../src/formats/jsonld/lenient-json.js';
import { isLearningResource, selectResourceNodes } from '../../../src/formats/jsonld/resource-nodes.js';
import { mapAmbJsonLd } from '../../../src/formats/jsonld/map-amb-jsonld.js';
import type { MappingContext } from '../../../src/formats/mapping.js';
import { basicNormalizers } from '../../support/basic-normalizers.js';
import { isAtlasError } from '../../../src/domain/errors.js';
import { corpusPath, readText } from '../corpus.js';

const PAGE = 'https://oer.example.org/lessons/1';

function ctx(id: string): MappingContext {
  return {
    sourceId: 'web',
    sourceRecordId: id,
    harvestedAt: '2024-05-01T12:00:00Z',
    normalize: basicNormalizers,
  };
}

function page(...blocks: string[]): string {
  return `<!doctype html><html><head><title>t</title>${blocks
    .map((b) => `<script type="application/ld+json">${b}</script>`)
    .join('\n')}</head><body><p>x</p></body></html>`;
}

function mapCount(
  html: string,
  url = PAGE,
): { mapped: number; failed: Map<string, number>; resources: number } {
  const result = readJsonLdPage(html, { url });
  let mapped = 0;
  const failed = new Map<string, number>();
  for (const r of result.resources) {
    try {
      mapAmbJsonLd(r.raw, ctx(r.sourceRecordId));
      mapped++;
    } catch (error) {
      const code = isAtlasError(error) ? error.code : 'unexpected';
      failed.set(code, (failed.get(code) ?? 0) + 1);
    }
  }
  return { mapped, failed, resources: result.resources.length };
}

void describe('real pages and official examples', () => {
  void it('reads both DCMI LRMI page snippets (WebPage and CreativeWork with LRMI properties, http://schema.org/)', () => {
    for (const file of ['alignmentsUK_jsonld.json', 'type+audience+level_jsonld.json']) {
      const html = readText('jsonld', 'lrmi-dcmi', file);
      const result = readJsonLdPage(html, { url: PAGE });
      assert.equal(result.blocks, 1, file);
      assert.equal(result.resources.length, 1, file);
      assert.equal(result.resources[0]?.sourceRecordId, 'http://example.org/lessonplan');
      const record = mapAmbJsonLd(result.resources[0]?.raw ?? '', ctx('x'));
      assert.equal(record.url, 'http://example.org/lessonplan');
    }
  });

  void it('maps all 35 valid AMB examples embedded in pages', (t) => {
    const files = readdirSync(corpusPath('jsonld', 'amb', 'valid')).filter((f) => f.endsWith('.json'));
    assert.equal(files.length, 35);
    let mapped = 0;
    for (const file of files) {
      const outcome = mapCount(page(readText('jsonld', 'amb', 'valid', file)));
      assert.equal(outcome.resources, 1, file);
      mapped += outcome.mapped;
    }
    t.diagnostic(`AMB valid examples in pages: ${mapped} of ${files.length} mapped`);
    assert.equal(mapped, 35);
  });

  void it('takes all 37 invalid AMB examples as resources and maps or refuses each with a reason', (t) => {
    const files = readdirSync(corpusPath('jsonld', 'amb', 'invalid')).filter((f) => f.endsWith('.json'));
    let resources = 0;
    let mapped = 0;
    const failed = new Map<string, number>();
    for (const file of files) {
      const outcome = mapCount(page(readText('jsonld', 'amb', 'invalid', file)));
      resources += outcome.resources;
      mapped += outcome.mapped;
      for (const [code, n] of outcome.failed) failed.set(code, (failed.get(code) ?? 0) + n);
    }
    t.diagnostic(
      `AMB invalid examples in pages: ${files.length} files, ${resources} resources, ${mapped} mapped, failed ${JSON.stringify([...failed])}`,
    );
    assert.equal(files.length, 37);
    // Each names a learning resource; what AMB forbids the mapper leaves out (and notes) or refuses.
    assert.equal(resources, 37);
    assert.equal(mapped + [...failed.values()].reduce((a, b) => a + b, 0), 37);
    for (const code of failed.keys()) assert.equal(code, 'invalid_record');
  });

  void it('selects no OER World Map organisation, person, event, service or plain article', () => {
    const dir = corpusPath('jsonld', 'oerworldmap');
    const files = readdirSync(dir).filter((f) => f.startsWith('SchemaTest_') || f.startsWith('Service_'));
    assert.ok(files.length >= 8);
    for (const file of files) {
      const result = readJsonLdPage(page(readText('jsonld', 'oerworldmap', file)), { url: PAGE });
      assert.equal(result.resources.length, 0, file);
    }
  });
});

void describe('page shapes', () => {
  void it('reads several blocks, a @graph with site furniture, and lists, each resource with its own id', () => {
    const html = page(
      JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'WebSite',
        name: 'Site',
        url: 'https://oer.example.org/',
      }),
      JSON.stringify({
        '@context': 'https://schema.org/',
        '@graph': [
          { '@type': 'BreadcrumbList', itemListElement: [] },
          { '@type': 'Organization', name: 'Uni' },
          { '@type': 'Course', '@id': 'https://oer.example.org/c/1', name: 'Algebra I' },
          {
            '@type': 'VideoObject',
            name: 'Video',
            learningResourceType: 'video',
            url: 'https://oer.example.org/v/9',
          },
        ],
      }),
      JSON.stringify([
        { '@context': 'http://schema.org', '@type': 'LearningResource', name: 'No id one' },
        { '@context': 'http://schema.org', '@type': 'Article', name: 'Just news' },
      ]),
    );
    const result = readJsonLdPage(html, { url: PAGE });
    assert.equal(result.blocks, 3);
    assert.deepEqual(
      result.resources.map((r) => r.sourceRecordId),
      ['https://oer.example.org/c/1', 'https://oer.example.org/v/9', `${PAGE}#3`],
    );
    // Every resource carries the @context of its surroundings.
    for (const r of result.resources)
      assert.ok((JSON.parse(r.raw) as Record<string, unknown>)['@context'] !== undefined);
    assert.equal(mapCount(html).mapped, 3);
  });

  void it('uses the page URL for one resource without an id, and resolves relative ids against <base>', () => {
    const single = readJsonLdPage(page('{"@context":"https://schema.org","@type":"Course","name":"C"}'), {
      url: `${PAGE}#top`,
    });
    assert.deepEqual(
      single.resources.map((r) => r.sourceRecordId),
      [PAGE],
    );
    const based = readJsonLdPage(
      `<html><head><base href="https://cdn.example.org/x/"></head><body><script type="application/ld+json">{"@context":"https://schema.org","@type":"Course","name":"C","url":"../c/7"}</script></body></html>`,
      { url: PAGE },
    );
    assert.deepEqual(
      based.resources.map((r) => r.sourceRecordId),
      ['https://cdn.example.org/c/7'],
    );
    assert.equal(
      (JSON.parse(based.resources[0]?.raw ?? '{}') as Record<string, unknown>)['url'],
      'https://cdn.example.org/c/7',
    );
  });

  void it('finds the main entity of a page and the courses of an ItemList', () => {
    const result = readJsonLdPage(
      page(
        JSON.stringify({
          '@context': 'https://schema.org',
          '@type': 'WebPage',
          name: 'p',
          mainEntity: { '@type': 'Quiz', name: 'Q', '@id': 'https://q.example.org/1' },
        }),
        JSON.stringify({
          '@context': 'https://schema.org',
          '@type': 'ItemList',
          itemListElement: [
            {
              '@type': 'ListItem',
              position: 1,
              item: { '@type': 'Course', name: 'A', url: 'https://c.example.org/a' },
            },
            {
              '@type': 'ListItem',
              position: 2,
              item: { '@type': 'Course', name: 'B', url: 'https://c.example.org/b' },
            },
          ],
        }),
      ),
      { url: PAGE },
    );
    assert.deepEqual(
      result.resources.map((r) => r.sourceRecordId),
      ['https://q.example.org/1', 'https://c.example.org/a', 'https://c.example.org/b'],
    );
  });

  void it('matches the script type in any case and with parameters, and ignores other scripts', () => {
    const blocks = jsonLdScriptBlocks(
      '<script type="Application/LD+JSON; charset=utf-8">{"a":1}</script><script>var x = "<script type=\\"application/ld+json\\">";</script><script type="application/json">{}</script>',
    );
    assert.equal(blocks.blocks.length, 1);
  });

  void it('keeps the same resource given twice on a page once', () => {
    const node = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Course',
      name: 'C',
      '@id': 'https://c.example.org/1',
    });
    const result = readJsonLdPage(page(node, node), { url: PAGE });
    assert.equal(result.resources.length, 1);
    assert.equal(result.duplicates, 1);
  });
});

void describe('repairs of embedded JSON', () => {
  const course = '{"@context": "https://schema.org", "@type": "Course", "name": "Repaired"}';
  const cases: [string, string, string][] = [
    ['HTML comment wrapper', `<!-- ${course} -->`, 'html-comment-wrapper'],
    ['CDATA wrapper', `//<![CDATA[\n${course}\n//]]>`, 'cdata-wrapper'],
    ['quotes as HTML entities', course.replace(/"/g, '&quot;'), 'html-entities'],
    [
      'trailing commas',
      '{"@context": "https://schema.org", "@type": "Course", "name": "Repaired", "keywords": ["a", "b",],}',
      'trailing-commas:2',
    ],
    [
      'raw newline and tab in a string',
      '{"@context": "https://schema.org", "@type": "Course", "name": "Re\npaired\tnow"}',
      'control-characters-in-strings:2',
    ],
    [
      'stray control characters between tokens',
      `{\u0001"@context": "https://schema.org",\u0007 "@type": "Course", "name": "Repaired"}`,
      'control-characters:2',
    ],
    ['JavaScript comments', `// generated\n${course} /* end */`, 'comments:2'],
  ];
  for (const [label, block, repair] of cases) {
    void it(`repairs ${label}`, () => {
      const result = readJsonLdPage(page(block), { url: PAGE });
      assert.equal(result.problems.length, 0, JSON.stringify(result.problems));
      assert.equal(result.resources.length, 1);
      assert.ok(result.repairs.includes(repair), `${JSON.stringify(result.repairs)} lacks ${repair}`);
      const record = mapAmbJsonLd(result.resources[0]?.raw ?? '', ctx('x'));
      assert.match(Object.values(record.name)[0] ?? '', /Re\s?paired/);
    });
  }

  void it('reads JSON objects written one after the other', () => {
    const parsed = parseLenientJson('{"a":1}\n{"b":2}');
    assert.deepEqual(parsed.value, [{ a: 1 }, { b: 2 }]);
  });

  void it('never changes JSON that is already valid', () => {
    const text = '{"name": "a, ] // not a comment /* either */ &quot;", "x": [1,2]}';
    const parsed = parseLenientJson(text);
    assert.deepEqual(parsed.repairs, []);
    assert.deepEqual(parsed.value, JSON.parse(text));
  });
});

void describe('hostile blocks', () => {
  void it('reports a block that is not JSON with the page and block number, and keeps the other blocks', () => {
    const result = readJsonLdPage(
      page(
        '{"@type": "Course", "name": ',
        '{"@context":"https://schema.org","@type":"Course","name":"Fine"}',
      ),
      { url: PAGE },
    );
    assert.equal(result.resources.length, 1);
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0]?.sourceRecordId, `${PAGE}#block-1`);
    assert.equal(result.problems[0]?.code, 'json_malformed');
  });

  void it('survives nesting far deeper than any engine stack', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const result = readJsonLdPage(
      page(deep, '{"@context":"https://schema.org","@type":"Course","name":"Fine"}'),
      { url: PAGE },
    );
    assert.equal(result.resources.length, 1);
  });

  void it('refuses a resource larger than the record cap, naming it', () => {
    const huge = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Course',
      name: 'Big',
      '@id': 'https://b.example.org/1',
      description: 'x'.repeat(50_000),
    });
    const result = readJsonLdPage(page(huge), { url: PAGE, maxRecordChars: 10_000 });
    assert.equal(result.resources.length, 0);
    assert.deepEqual(
      result.problems.map((p) => [p.sourceRecordId, p.code]),
      [['https://b.example.org/1', 'response_too_large']],
    );
  });

  void it('reads __proto__ and constructor keys as data only', () => {
    const html = page(
      '{"@context":"https://schema.org","@type":"Course","name":"P","__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
    );
    const result = readJsonLdPage(html, { url: PAGE });
    assert.equal(result.resources.length, 1);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    mapAmbJsonLd(result.resources[0]?.raw ?? '', ctx('p'));
  });

  void it('ends a block at </script> as a browser does, and reports the broken rest', () => {
    const result = readJsonLdPage(
      page('{"@context":"https://schema.org","@type":"Course","name":"a</script><script>alert(1)</script>"}'),
      { url: PAGE },
    );
    assert.equal(result.resources.length, 0);
    assert.equal(result.problems[0]?.code, 'json_malformed');
  });

  void it('does not take pages, sites, people or typeless objects for resources', () => {
    const sel = selectResourceNodes([
      { '@context': 'https://schema.org', '@type': 'WebPage', name: 'About us' },
      { '@context': 'https://schema.org', '@type': 'Person', name: 'Ada', learningResourceType: 'x' },
      { '@context': 'https://schema.org', name: 'no type' },
    ]);
    assert.equal(sel.resources.length, 0);
    assert.equal(
      isLearningResource({ '@type': 'schema:Course', name: 'x' }, { schema: 'http://schema.org/' }),
      true,
    );
    assert.equal(
      isLearningResource({ name: 'x' }, ['https://w3id.org/kim/amb/context.jsonld', { '@language': 'de' }]),
      true,
    );
  });
});
