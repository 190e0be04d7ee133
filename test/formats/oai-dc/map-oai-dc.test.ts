// mapOaiDc on real records (a Portuguese LUME thesis, OJS, PUC-Rio, eduCAPES, Learning Registry) and on
// small constructed ones for single rules. Every produced record must pass the profile schema.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAtlasError } from '../../../src/domain/errors.js';
import type { ResourceRecord } from '../../../src/domain/profile.js';
import { mapOaiDc } from '../../../src/formats/oai-dc/map-oai-dc.js';
import { parseOaiPage } from '../../../src/formats/oai-pmh/salvage.js';
import { validateRecord } from '../../../src/formats/profile/validate-record.js';
import { corpusXml, mappingContext } from '../oai-pmh/support.js';

function valid(record: ResourceRecord): ResourceRecord {
  const result = validateRecord(record);
  assert.ok(result.valid, result.valid ? '' : JSON.stringify(result.problems));
  return record;
}

function dc(body: string): string {
  return (
    '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    `${body}</oai_dc:dc>`
  );
}

function map(body: string, id = 'oai:test:1'): ResourceRecord {
  return valid(mapOaiDc(dc(body), mappingContext(id)));
}

void describe('mapOaiDc on a Portuguese LUME thesis (UFRGS, DSpace)', () => {
  const page = parseOaiPage(corpusXml('oai-pmh', 'dspace-lume-ufrgs_ListRecords_oai_dc_from.xml')).page;
  const source = page.records[0];
  assert.ok(source?.metadataXml !== null && source?.metadataXml !== undefined);
  const record = valid(
    mapOaiDc(source.metadataXml, {
      ...mappingContext(source.header.identifier, 'lume'),
      sourceDatestamp: source.header.datestamp,
    }),
  );

  void it('takes the title in the record language (dc:language "por" -> pt)', () => {
    assert.deepEqual(record.name, {
      pt: 'Um algoritmo de criptografia de chave pública semanticamente seguro baseado em curvas elípticas',
    });
    assert.deepEqual(record.inLanguage, ['pt']);
    assert.equal(record.inLanguageOrigin, 'declared');
  });

  void it('reads "Last, First" creators and contributors as people', () => {
    assert.deepEqual(record.creator, [{ type: 'Person', name: 'Araujo Neto, Afonso Comba de' }]);
    assert.deepEqual(record.contributor, [{ type: 'Person', name: 'Weber, Raul Fernando' }]);
  });

  void it('keeps the rights statement as given for the licence normalizer', () => {
    assert.deepEqual(record.license, { group: 'unknown', original: ['Open Access'] });
  });

  void it('keeps subjects as keywords, the handle as landing page and identifier', () => {
    assert.ok(record.keywords?.pt?.includes('Criptografia'));
    assert.ok(record.keywords?.pt?.includes('Elliptic curves'));
    assert.equal(record.url, 'http://hdl.handle.net/10183/394');
    assert.equal(record.id, 'http://hdl.handle.net/10183/394');
    assert.deepEqual(record.identifiers, [
      { kind: 'handle', value: '10183/394' },
      { kind: 'other', value: '000578214' },
    ]);
  });

  void it('takes the earliest dc:date as publication date and the format as encoding', () => {
    assert.equal(record.datePublished, '2006');
    assert.deepEqual(record.encoding, [{ encodingFormat: 'application/pdf' }]);
  });

  void it('keeps the thesis type as a concept with its label', () => {
    assert.deepEqual(record.learningResourceType, [
      { id: 'urn:oer-atlas:vocab:dc-type:disserta%C3%A7%C3%A3o', prefLabel: { pt: 'Dissertação' } },
    ]);
  });

  void it('records its provenance', () => {
    assert.deepEqual(record.provenance[0]?.sourceId, 'lume');
    assert.equal(record.provenance[0]?.sourceRecordId, 'oai:www.lume.ufrgs.br:10183/394');
    assert.equal(record.provenance[0]?.sourceDatestamp, '2012-05-16T09:34:56Z');
    assert.ok(record.provenance[0]?.fields.includes('name'));
    assert.ok(!record.provenance[0]?.fields.includes('id'));
  });
});

void describe('mapOaiDc reuses the page parser tree without changing the result', () => {
  void it('maps every LUME record the same from the remembered tree and from a fresh parse', () => {
    const { page } = parseOaiPage(corpusXml('oai-pmh', 'dspace-lume-ufrgs_ListRecords_oai_dc_100.xml'));
    for (const r of page.records) {
      const xml = r.metadataXml ?? '';
      const first = mapOaiDc(xml, mappingContext(r.header.identifier)); // takes the remembered tree
      const second = mapOaiDc(xml, mappingContext(r.header.identifier)); // parses the text again
      assert.deepEqual(first, second);
      valid(first);
    }
  });
});

void describe('mapOaiDc on other real records', () => {
  void it('follows xml:lang on titles (OJS serialization)', () => {
    const record = valid(
      mapOaiDc(corpusXml('oai-pmh', 'ojs_oai_dc_expected-serialization.xml'), mappingContext('ojs:1')),
    );
    assert.deepEqual(record.name, { en: 'article-title-en', de: 'article-title-de' });
    assert.deepEqual(record.publisher, [{ type: 'Organization', name: 'journal-publisher' }]);
    assert.ok(record.learningResourceType?.some((c) => c.id === 'info:eu-repo/semantics/article'));
    assert.equal(record.id, 'urn:oer-atlas:test-source:ojs%3A1');
  });

  void it('reads the language PUC-Rio writes in front of values ("[pt] ...")', () => {
    const page = parseOaiPage(
      corpusXml('oai-pmh', 'http-recordings', 'scrapi-vcr', 'bodies', 'pcurio.01.http200.xml'),
    ).page;
    const xml = page.records[0]?.metadataXml ?? '';
    const record = valid(mapOaiDc(xml, mappingContext('pcurio:1')));
    const title = record.name.pt ?? '';
    assert.match(title, /^APERFEIÇOAMENTO/);
    assert.ok(record.keywords?.pt?.includes('PERFURACAO'));
  });

  void it('reads DC elements lying directly in <metadata> (eduCAPES qdc)', () => {
    const page = parseOaiPage(
      corpusXml('oai-pmh', 'dspace-xoai-educapes_ListRecords_qdc_base64-token.xml'),
    ).page;
    const record = valid(mapOaiDc(page.records[0]?.metadataXml ?? '', mappingContext('capes:5365')));
    assert.deepEqual(record.name, { 'pt-BR': 'História da Educação Brasileira I' });
    assert.deepEqual(record.creator, [{ type: 'Person', name: 'MACHADO, CHARLITON JOSE DOS SANTOS' }]);
    assert.ok(record.description?.['pt-BR']?.startsWith('Analisar a tajetória'));
  });

  void it('reads nsdl_dc (Learning Registry) with its education levels', () => {
    const page = parseOaiPage(
      corpusXml('oai-pmh', 'learning-registry', 'lr-oai_GetRecord_nsdl_dc_custom-namespace.xml'),
    ).page;
    const record = valid(mapOaiDc(page.records[0]?.metadataXml ?? '', mappingContext('lr:1')));
    assert.deepEqual(record.name, { 'en-US': 'Ratios' });
    assert.equal(record.url, 'http://www.purplemath.com/modules/ratio.htm');
    assert.ok((record.educationalLevel ?? []).length > 0);
  });
});

void describe('mapOaiDc rules', () => {
  void it('fails a record without a title with invalid_record', () => {
    try {
      mapOaiDc(dc('<dc:creator>Nobody</dc:creator>'), mappingContext('x'));
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(isAtlasError(error));
      assert.equal(error.code, 'invalid_record');
      assert.match(error.message, /title/);
    }
  });

  void it('puts a title without xml:lang in "und" when the record has several languages', () => {
    const record = map(
      '<dc:title>Bilingual</dc:title><dc:language>en</dc:language><dc:language>fr</dc:language>',
    );
    assert.deepEqual(record.name, { und: 'Bilingual' });
    assert.deepEqual(record.inLanguage, ['en', 'fr']);
  });

  void it('splits subject lines that are clearly lists, and only those', () => {
    const record = map(
      '<dc:title>T</dc:title><dc:language>en</dc:language>' +
        '<dc:subject>Physics; Optics; Lenses</dc:subject>' +
        '<dc:subject>A long sentence; which happens to contain a semicolon and goes on for many many words</dc:subject>',
    );
    assert.deepEqual(record.keywords?.en, [
      'Physics',
      'Optics',
      'Lenses',
      'A long sentence; which happens to contain a semicolon and goes on for many many words',
    ]);
  });

  void it('guesses people and organisations simply', () => {
    const record = map(
      '<dc:title>T</dc:title><dc:creator>Smith, Jane</dc:creator><dc:creator>Jane Smith</dc:creator>' +
        '<dc:creator>Universidade Federal do Rio Grande do Sul</dc:creator>' +
        '<dc:contributor>Simpósio de Plantas Medicinais (7. : 1982)</dc:contributor><dc:publisher>UNESCO</dc:publisher>',
    );
    assert.deepEqual(
      record.creator?.map((a) => a.type),
      ['Person', 'Person', 'Organization'],
    );
    assert.equal(record.contributor?.[0]?.type, 'Organization');
    assert.equal(record.publisher?.[0]?.type, 'Organization');
  });

  void it('recognizes DOIs, handles, ISBNs and URNs, and picks a landing page over a file', () => {
    const record = map(
      '<dc:title>T</dc:title>' +
        '<dc:identifier>https://example.org/files/paper.pdf</dc:identifier>' +
        '<dc:identifier>doi:10.1000/xyz123</dc:identifier>' +
        '<dc:identifier>hdl:10183/77</dc:identifier>' +
        '<dc:identifier>ISBN 978-3-16-148410-0</dc:identifier>' +
        '<dc:identifier>urn:nbn:de:0000-123</dc:identifier>' +
        '<dc:identifier>SILVA, J. et al. A citation is not an identifier. 2001.</dc:identifier>' +
        '<dc:format>application/pdf</dc:format>',
    );
    assert.deepEqual(record.identifiers, [
      { kind: 'url', value: 'https://example.org/files/paper.pdf' },
      { kind: 'doi', value: '10.1000/xyz123' },
      { kind: 'handle', value: '10183/77' },
      { kind: 'isbn', value: '9783161484100' },
      { kind: 'urn', value: 'urn:nbn:de:0000-123' },
    ]);
    assert.equal(record.url, 'https://doi.org/10.1000/xyz123');
    assert.deepEqual(record.encoding, [
      { encodingFormat: 'application/pdf', contentUrl: 'https://example.org/files/paper.pdf' },
    ]);
  });

  void it('turns DCMI type names into DCMI Type concepts', () => {
    const record = map('<dc:title>T</dc:title><dc:type>InteractiveResource</dc:type><dc:type>text</dc:type>');
    assert.deepEqual(
      record.learningResourceType?.map((c) => c.id),
      ['http://purl.org/dc/dcmitype/InteractiveResource', 'http://purl.org/dc/dcmitype/Text'],
    );
  });

  void it('links dc:source only when it is a URL or DOI, and leaves dc:relation alone', () => {
    const record = map(
      '<dc:title>T</dc:title><dc:source>https://example.org/original</dc:source>' +
        '<dc:source>Revista X, v. 2</dc:source><dc:relation>http://example.org/series</dc:relation>',
    );
    assert.deepEqual(record.isBasedOn, [{ id: 'https://example.org/original' }]);
    assert.equal(record.isPartOf, undefined);
  });

  void it('passes every rights statement to the licence normalizer, URL first if any', () => {
    const record = map(
      '<dc:title>T</dc:title><dc:rights>Open Access</dc:rights>' +
        '<dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>',
    );
    assert.deepEqual(record.license, {
      id: 'http://creativecommons.org/licenses/by/4.0/',
      group: 'unknown',
      original: ['Open Access', 'http://creativecommons.org/licenses/by/4.0/'],
    });
  });

  void it('joins several descriptions of one language and collapses layout white space', () => {
    const record = map(
      '<dc:title xml:lang="pt">T</dc:title><dc:description xml:lang="pt">\n\t\tParte 1\n\t</dc:description>' +
        '<dc:description xml:lang="pt">Parte 2</dc:description>',
    );
    assert.deepEqual(record.description, { pt: 'Parte 1\n\nParte 2' });
  });
});

void describe('mapOaiDc reads text escaped twice and descriptions sent as HTML', () => {
  void it('decodes character references left after the XML is read, in titles, descriptions and subjects', () => {
    const record = map(
      '<dc:title>R&amp;amp;D in &amp;quot;small&amp;quot; firms</dc:title>' +
        '<dc:description>Significant (p &amp;lt;0.05) &amp;#8211; and p &lt; 1 stays.</dc:description>' +
        '<dc:subject>R&amp;amp;D</dc:subject><dc:language>en</dc:language>',
    );
    assert.deepEqual(record.name, { en: 'R&D in "small" firms' });
    assert.deepEqual(record.description, { en: 'Significant (p <0.05) – and p < 1 stays.' });
    assert.deepEqual(record.keywords, { en: ['R&D'] });
  });

  void it('keeps words in angle brackets that are no HTML element as they are written', () => {
    const record = map(
      '<dc:title>Fractions &amp; ratios &lt;basics&gt;</dc:title>' +
        '<dc:description>Fill in &lt;name&gt; &amp;amp; &lt;date&gt;.</dc:description><dc:language>en</dc:language>',
    );
    assert.deepEqual(record.name, { en: 'Fractions & ratios <basics>' });
    assert.deepEqual(record.description, { en: 'Fill in <name> & <date>.' });
  });

  void it('keeps the text of an escaped HTML description with its paragraphs, and of markup in a title', () => {
    const record = map(
      '<dc:title>H&lt;sub&gt;2&lt;/sub&gt;O in &lt;i&gt;plants&lt;/i&gt;</dc:title>' +
        '<dc:description>&lt;p&gt;First &amp;amp; one.&lt;/p&gt;&lt;p&gt;Second&lt;br/&gt;line.&lt;/p&gt;' +
        '&lt;script&gt;alert(1)&lt;/script&gt;</dc:description><dc:language>en</dc:language>',
    );
    assert.deepEqual(record.name, { en: 'H2O in plants' });
    assert.deepEqual(record.description, { en: 'First & one.\n\nSecond line.' });
  });

  void it('reads the real double-escaped abstracts of RCAAP as text', () => {
    const page = parseOaiPage(
      corpusXml('oai-pmh', 'http-recordings', 'scrapi-vcr', 'bodies', 'rcaap.01.http200.xml'),
    );
    const texts = page.page.records
      .filter((r) => r.metadataXml !== null)
      .map((r) => mapOaiDc(r.metadataXml ?? '', mappingContext(r.header.identifier)))
      .flatMap((r) => Object.values(r.description ?? {}));
    assert.ok(texts.some((t) => /p ?<0[.,]05/.test(t)));
    assert.ok(texts.every((t) => !/&(?:amp|lt|gt|quot);/.test(t)));
  });
});
