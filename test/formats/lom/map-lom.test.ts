// mapLom on real records of the national LOM profiles (ScoLOMFR, HS-OER-LOM, OBAA, LOM-ES, NL-LOM/CZP,
// IMS MD 1.2) and on small constructed ones for single rules. Every produced record must pass the
// profile schema.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAtlasError } from '../../../src/domain/errors.js';
import type { ResourceRecord } from '../../../src/domain/profile.js';
import { agentFromEntity, parseVCard } from '../../../src/formats/lom/vcard.js';
import { mapLom } from '../../../src/formats/lom/map-lom.js';
import { parseOaiPage } from '../../../src/formats/oai-pmh/salvage.js';
import { validateRecord } from '../../../src/formats/profile/validate-record.js';
import { corpusXml, mappingContext } from '../oai-pmh/support.js';

function valid(record: ResourceRecord): ResourceRecord {
  const result = validateRecord(record);
  assert.ok(result.valid, result.valid ? '' : JSON.stringify(result.problems));
  return record;
}

function mapFile(...parts: string[]): ResourceRecord {
  return valid(mapLom(corpusXml(...parts), mappingContext(parts.join('/'))));
}

function mapPageRecord(index: number, ...parts: string[]): ResourceRecord {
  const live = parseOaiPage(corpusXml(...parts)).page.records.filter((r) => r.metadataXml !== null);
  const record = live[index];
  assert.ok(record?.metadataXml !== null && record?.metadataXml !== undefined);
  return valid(mapLom(record.metadataXml, mappingContext(record.header.identifier)));
}

function ltsc(general: string, rest = ''): string {
  return `<lom xmlns="http://ltsc.ieee.org/xsd/LOM"><general>${general}</general>${rest}</lom>`;
}

void describe('mapLom: ScoLOMFR (EDUMEDIA notice)', () => {
  const record = mapFile('lom', 'scolomfr', 'scolomfr_real-notice_edumedia_echanges.xml');

  void it('reads the title in the language given as a LoC URI', () => {
    assert.deepEqual(record.name, { fr: 'Échanges organes sang' });
    assert.deepEqual(record.inLanguage, ['fr']);
  });

  void it('keeps vocabulary concept URIs with their French labels', () => {
    assert.deepEqual(record.learningResourceType, [
      { id: 'http://data.education.fr/voc/scolomfr/concept/simulation', prefLabel: { fr: 'simulation' } },
    ]);
    assert.deepEqual(record.audience, [
      { id: 'http://data.education.fr/voc/scolomfr/concept/learner', prefLabel: { fr: 'apprenant' } },
    ]);
  });

  void it('reads the publisher from a one-line vCard in CDATA, and its date', () => {
    assert.deepEqual(record.publisher, [{ type: 'Organization', name: 'EDUMEDIA' }]);
    assert.equal(record.datePublished, '2015-12-02');
  });

  void it('keeps the eight keywords and the landing page from technical/location', () => {
    assert.equal(record.keywords?.fr?.length, 8);
    assert.ok(record.keywords?.fr?.includes('circulation sanguine'));
    assert.equal(record.url, 'http://www.edumedia-sciences.com/docs/men-ao/echanges-organes-sang.html');
  });

  void it('takes teaching domains as subjects, the detailed level as level, the thumbnail as image', () => {
    assert.ok(record.about?.some((c) => c.prefLabel?.fr === 'sciences expérimentales et technologie'));
    assert.deepEqual(record.educationalLevel, [
      {
        id: 'http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-022-num-018',
        prefLabel: { fr: '6e' },
      },
    ]);
    assert.match(record.image ?? '', /thumbs\/files\/.*\.png$/);
  });

  void it('gives no licence when the record only says "copyright: yes"', () => {
    assert.equal(record.license, undefined);
  });
});

void describe('mapLom: ScoLOMFR official example (multilingual title)', () => {
  const record = mapFile('lom', 'scolomfr', 'scolomfr_official-example_harry-potter.xml');

  void it('puts a title string without language in the metadata language', () => {
    assert.deepEqual(record.name, { fr: 'Harry Potter', en: 'Harry Potter', el: 'Χάρρυ Πόττερ' });
  });

  void it('keeps the licence URL, the creator with e-mail and the ISBN', () => {
    assert.equal(record.license?.id, 'http://creativecommons.org/licenses/by/2.0/fr/');
    assert.deepEqual(record.creator, [
      { type: 'Person', name: 'Julie Martini', email: 'julie.martini@education.gouv.fr' },
    ]);
    assert.ok(record.identifiers?.some((i) => i.kind === 'isbn' && i.value === '2070643093'));
  });
});

void describe('mapLom: HS-OER-LOM (full example A)', () => {
  const record = mapFile('lom', 'hs-oer-lom-profil', 'full-example-a.xml');

  void it('reads the title in "und" when the resource has two languages and the string none', () => {
    assert.deepEqual(record.name, { und: 'Introduction to Difference Equations' });
    assert.deepEqual(record.inLanguage, ['de', 'en']);
  });

  void it('reads keywords in their languages', () => {
    assert.deepEqual(record.keywords, { de: ['Differenzengleichung'], en: ['Difference Equation'] });
  });

  void it('reads the author from a vCard 4.0 with ORCID', () => {
    assert.deepEqual(record.creator, [
      {
        type: 'Person',
        name: 'Thomas Dacher',
        orcid: 'https://orcid.org/0000-0002-5962-0349',
        id: 'https://orcid.org/0000-0002-5962-0349',
      },
    ]);
  });

  void it('keeps the licence statement and HCRT types', () => {
    assert.deepEqual(record.license?.original, [
      'https://creativecommons.org/publicdomain/zero/1.0/legalcode',
    ]);
    assert.deepEqual(
      record.learningResourceType?.map((c) => [c.id, c.prefLabel?.de]),
      [
        ['https://w3id.org/kim/hcrt/video', 'Video'],
        ['https://w3id.org/kim/hcrt/course', 'Lernkurs'],
      ],
    );
  });

  void it('reads DOI and handle identifiers, duration, format, size and the discipline', () => {
    assert.ok(record.identifiers?.some((i) => i.kind === 'doi' && i.value === '10.1137/S0036144500378302'));
    assert.ok(record.identifiers?.some((i) => i.kind === 'handle' && i.value === '10900.3/OER_ZZxWvFJV'));
    assert.equal(record.duration, 'PT0H31M33S');
    assert.deepEqual(record.encoding, [{ encodingFormat: 'video/mp4', contentSize: '45061194' }]);
    assert.ok(record.about?.some((c) => c.id === 'http://w3id.org/kim/hochschulfaechersystematik/n276'));
  });
});

void describe('mapLom: OBAA (Brazil)', () => {
  void it('reads a bare OBAA record with plain-text values and pt_BR', () => {
    const record = mapFile('lom', 'bare', 'obaa_record_pt_BR.xml');
    assert.deepEqual(record.name, { 'pt-BR': 'Título 1' });
    assert.deepEqual(record.creator, [{ type: 'Person', name: 'Tarouco, Liane' }]);
    assert.deepEqual(record.contributor, [{ type: 'Organization', name: 'CINTED/UFRGS' }]);
    assert.deepEqual(record.keywords, { 'pt-BR': ['TCP', 'segurança', 'ataque Mitnick'] });
    assert.equal(record.license?.id, 'http://creativecommons.org/licenses/by-sa/3.0/br/');
    assert.deepEqual(
      record.learningResourceType?.map((c) => c.prefLabel?.und),
      ['simulation', 'experiment'],
    );
    assert.equal(record.isAccessibleForFree, true);
    assert.deepEqual(record.isPartOf, [{ name: 'RECURSO 1' }]);
    assert.deepEqual(record.isBasedOn, [{ name: 'RECURSO 2' }]);
  });

  void it('reads the FEB federation flattened variant (obaaTitle, obaaEntity...)', () => {
    const record = mapPageRecord(
      1,
      'oai-pmh',
      'lom',
      'feb-obaa_fiocruz-arca_ListRecords_page-500_very-large.xml',
    );
    assert.match(record.name.en ?? '', /^First record of molluscs/);
    assert.equal(record.creator?.length, 10);
    assert.deepEqual(record.creator?.[0], { type: 'Person', name: 'Graeff-Teixeira, Carlos' });
    assert.ok(record.identifiers?.some((i) => i.kind === 'doi'));
    assert.equal(record.datePublished, '2007');
    assert.deepEqual(record.learningResourceType?.[0]?.prefLabel, { und: 'Article' });
  });
});

void describe('mapLom: LOM-ES (eXeLearning)', () => {
  void it('reads a rich Spanish record with its free-text licence', () => {
    const record = mapFile('lom', 'exelearning', 'exe_lom-es_spanish_rich_asi-soy-yo.xml');
    assert.deepEqual(record.name, { es: '¡Así soy yo!' });
    assert.equal(record.keywords?.es?.length, 7);
    assert.deepEqual(record.license, {
      group: 'unknown',
      original: ['creative commons: attribution - non commercial - share alike'],
    });
    assert.deepEqual(
      record.learningResourceType?.map((c) => c.id),
      ['urn:oer-atlas:vocab:learningResourceType:guided%20reading'],
    );
    assert.deepEqual(
      record.creator?.map((a) => a.type),
      ['Person', 'Person', 'Person', 'Person', 'Organization'],
    );
    assert.equal(record.creator?.[0]?.name, 'Laura Laserna Rojo');
    assert.match(
      record.creator?.[0]?.type === 'Person' ? (record.creator[0].affiliation?.name ?? '') : '',
      /Junta de Andalucía$/,
    );
  });

  void it('reads a Basque record and ignores the eleven copies of a platform requirement', () => {
    const record = mapFile('lom', 'exelearning', 'exe_lom-es_basque_portfolioa.xml');
    assert.deepEqual(record.name, { eu: 'Nire Portafolioa' });
    assert.deepEqual(record.creator, [{ type: 'Person', name: 'Joxemiel Aranzadi Lozano' }]);
    assert.deepEqual(record.license?.original, ['creative commons: attribution - share alike']);
  });

  void it('believes a declared string language even when it looks wrong (Indonesian title as "en")', () => {
    const record = mapFile('lom', 'exelearning', 'exe_lom-es_indonesian_celengan.xml');
    assert.deepEqual(record.name, { en: 'Mendengarkan Cerita' });
  });
});

void describe('mapLom: IMS MD 1.2 bindings', () => {
  void it('reads eXeLearning IMS MD 1.2.1 (langstring, catalogentry, centity/vcard)', () => {
    const record = mapFile('lom', 'exelearning', 'exe_imsmd-v1p2_spanish_teoria-celular.xml');
    assert.deepEqual(record.name, { es: 'Introducción a la Teoría Celular' });
    assert.deepEqual(record.creator, [{ type: 'Person', name: 'Gustavo Javier Acevedo Hernández' }]);
    assert.equal(record.contributor, undefined); // an empty placeholder vCard names nobody
    assert.equal(record.dateCreated, '2020-07-15');
  });

  void it('reads CZP / NL-LOM records from Edurep', () => {
    const record = mapPageRecord(0, 'oai-pmh', 'lom', 'edurep-meresco_ListRecords_lom_page1.xml');
    assert.deepEqual(record.name, { en: 'Exercises 5' });
    assert.deepEqual(record.contributor, [{ type: 'Organization', name: 'Codarts Rotterdam' }]);
    assert.equal(record.license?.id, 'https://creativecommons.org/licenses/by-nc/4.0/');
    assert.equal(record.isAccessibleForFree, true);
    assert.ok(record.educationalLevel?.some((c) => c.prefLabel?.und === 'HBO'));
  });
});

void describe('mapLom rules', () => {
  void it('fails a record without a title with invalid_record, and a document without LOM too', () => {
    for (const xml of [ltsc('<language>en</language>'), '<manifest><organizations/></manifest>']) {
      try {
        mapLom(xml, mappingContext('x'));
        assert.fail('expected an error');
      } catch (error) {
        assert.ok(isAtlasError(error));
        assert.equal(error.code, 'invalid_record');
      }
    }
    // Articulate Rise exports empty title strings.
    try {
      mapLom(
        corpusXml('lom', 'scorm-packages', 'articulate-rise_metadata_no-namespace.xml'),
        mappingContext('x'),
      );
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(isAtlasError(error) && error.code === 'invalid_record');
    }
  });

  void it('reads titles escaped twice and descriptions sent as escaped HTML as text', () => {
    const xml = ltsc(
      '<title><string language="en">Ultra high voltage (UHV&amp;amp;EHV) lines</string></title>' +
        '<description><string language="en">&lt;p&gt;One&lt;/p&gt;&lt;ul&gt;&lt;li&gt;two&lt;/li&gt;&lt;/ul&gt;</string></description>',
    );
    const record = valid(mapLom(xml, mappingContext('x')));
    assert.deepEqual(record.name, { en: 'Ultra high voltage (UHV&EHV) lines' });
    assert.deepEqual(record.description, { en: 'One\n\ntwo' });
  });

  void it('ignores unknown extension elements without losing the known fields', () => {
    const xml = ltsc(
      '<ext:rating xmlns:ext="urn:example:ext"><ext:stars>5</ext:stars></ext:rating>' +
        '<title><string language="en">Known title</string><ext:note xmlns:ext="urn:example:ext">x</ext:note></title>' +
        '<keyword><string language="en">kept</string></keyword>',
      '<ext:extra xmlns:ext="urn:example:ext"><general><title><string>not this</string></title></general></ext:extra>',
    );
    const record = valid(mapLom(xml, mappingContext('x')));
    assert.deepEqual(record.name, { en: 'Known title' });
    assert.deepEqual(record.keywords, { en: ['kept'] });
  });

  void it('maps relations by kind and cost "yes" to not free', () => {
    const xml = ltsc(
      '<title><string language="en">T</string></title>',
      '<rights><cost><source>LOMv1.0</source><value>yes</value></cost></rights>' +
        '<relation><kind><source>LOMv1.0</source><value>isbasedon</value></kind><resource><identifier>' +
        '<catalog>URI</catalog><entry>https://example.org/original</entry></identifier></resource></relation>' +
        '<relation><kind><source>LOMv1.0</source><value>haspart</value></kind><resource>' +
        '<description><string language="en">Chapter 1</string></description></resource></relation>' +
        '<relation><kind><source>LOMv1.0</source><value>references</value></kind><resource><identifier>' +
        '<entry>https://example.org/cited</entry></identifier></resource></relation>',
    );
    const record = valid(mapLom(xml, mappingContext('x')));
    assert.equal(record.isAccessibleForFree, false);
    assert.deepEqual(record.isBasedOn, [{ id: 'https://example.org/original' }]);
    assert.deepEqual(record.hasPart, [{ name: 'Chapter 1' }]);
    assert.equal(record.isPartOf, undefined);
  });

  void it('maps LOM interactivity types to LRMI and reads typical learning time', () => {
    const xml = ltsc(
      '<title><string language="en">T</string></title>',
      '<educational><interactivityType><source>LOMv1.0</source><value>active</value></interactivityType>' +
        '<typicalLearningTime><duration>PT45M</duration></typicalLearningTime></educational>',
    );
    const record = valid(mapLom(xml, mappingContext('x')));
    assert.deepEqual(record.interactivityType, {
      id: 'http://purl.org/dcx/lrmi-vocabs/interactivityType/active',
    });
    assert.equal(record.duration, 'PT45M');
  });

  void it('reads OBAA accessibility when present', () => {
    const xml = ltsc(
      '<title><string language="en">T</string></title>',
      '<accessibility><resourceDescription><primary><hasVisual>true</hasVisual><hasAuditory>false</hasAuditory>' +
        '<hasText>true</hasText></primary></resourceDescription></accessibility>',
    );
    const record = valid(mapLom(xml, mappingContext('x')));
    assert.deepEqual(record.accessMode, ['visual', 'textual']);
  });
});

void describe('vCard reading', () => {
  void it('reads folded, indented and one-line vCards', () => {
    const oneLine = parseVCard(
      'BEGIN:VCARD VERSION:3.0 FN:Joxemiel Aranzadi Lozano EMAIL;TYPE=INTERNET: ORG: END:VCARD',
    );
    assert.equal(oneLine?.fn, 'Joxemiel Aranzadi Lozano');
    assert.equal(oneLine?.org, '');
    const indented = parseVCard(
      'BEGIN:VCARD\n\t\t\tVERSION:4.0\n\t\t\tN:Dacher;Thomas\n\t\t\tFN:Thomas Dacher\n\t\t\tEND:VCARD',
    );
    assert.deepEqual(indented?.n, ['Dacher', 'Thomas']);
    assert.equal(parseVCard('Tarouco, Liane'), null);
  });

  void it('reads a hostile entity in linear time', () => {
    const started = Date.now();
    assert.equal(parseVCard(`BEGIN:VCARD N${';'.repeat(100_000)}x`)?.fn ?? null, null);
    assert.ok(Date.now() - started < 1000);
  });

  void it('tells people from organisations', () => {
    assert.deepEqual(
      agentFromEntity(
        'BEGIN:VCARD\nFN:Codarts Rotterdam\nN:Codarts Rotterdam;;;;\nORG:Codarts Rotterdam\nEND:VCARD',
      ),
      {
        type: 'Organization',
        name: 'Codarts Rotterdam',
      },
    );
    assert.deepEqual(
      agentFromEntity(
        'BEGIN:VCARD\nKIND:org\nFN:Universität Tübingen\nURL:https://ror.org/03a1kwz48\nEND:VCARD',
      ),
      {
        type: 'Organization',
        name: 'Universität Tübingen',
        ror: 'https://ror.org/03a1kwz48',
        id: 'https://ror.org/03a1kwz48',
      },
    );
    assert.deepEqual(agentFromEntity('BEGIN:VCARD\nN:Silva;Ana;;Dr.;\nORG:UFRGS\nEND:VCARD'), {
      type: 'Person',
      name: 'Ana Silva',
      honorificPrefix: 'Dr.',
      affiliation: { type: 'Organization', name: 'UFRGS' },
    });
    assert.equal(agentFromEntity('BEGIN:vCard FN: END:vCard'), null);
  });
});
