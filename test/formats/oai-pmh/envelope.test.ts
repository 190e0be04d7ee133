// parseOaiResponse on real responses: each verb, OAI errors, deleted records, resumption tokens, and the
// namespace variants real providers send.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAtlasError } from '../../../src/domain/errors.js';
import { parseOaiDatestamp, parseOaiResponse } from '../../../src/formats/oai-pmh/envelope.js';
import { parseOaiPage } from '../../../src/formats/oai-pmh/salvage.js';
import { parseXml } from '../../../src/formats/xml/xml-tree.js';
import { corpusXml } from './support.js';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return isAtlasError(error) ? error.code : 'not an AtlasError';
  }
  return 'no error';
}

const OAI_DC = 'http://www.openarchives.org/OAI/2.0/oai_dc/';

void describe('parseOaiResponse: Identify, ListMetadataFormats, ListSets', () => {
  void it('reads Identify (DSpace, Erasmus 2003)', () => {
    const page = parseOaiResponse(corpusXml('oai-pmh', 'dspace-erasmus-2003_Identify.xml'));
    assert.equal(page.verb, 'Identify');
    assert.ok(page.identify !== null);
    assert.equal(page.identify.protocolVersion, '2.0');
    assert.ok(page.identify.repositoryName.length > 0);
    assert.match(page.identify.baseURL, /^http/);
    assert.ok(page.identify.adminEmail.length >= 1);
    assert.ok(['no', 'transient', 'persistent'].includes(page.identify.deletedRecord));
    assert.match(page.identify.granularity, /^YYYY-MM-DD/);
  });

  void it('reads Identify with compression and an unreadable earliest datestamp kept as given', () => {
    const page = parseOaiResponse(
      corpusXml('oai-pmh', 'broken_dspace-erasmus-2006_Identify_invalid-datestamp.xml'),
    );
    assert.equal(page.identify?.earliestDatestamp, 'aaaa-bb-cc');
    assert.equal(page.identify?.earliestDatestampIso, null);
    assert.deepEqual(page.identify?.compression, ['gzip', 'deflate']);
  });

  void it('accepts the PubMed Central Identify without the OAI namespace, reporting it', () => {
    const page = parseOaiResponse(corpusXml('oai-pmh', 'pmc_Identify_2006_no-default-namespace.xml'));
    assert.equal(page.verb, 'Identify');
    assert.equal(page.identify?.granularity, 'YYYY-MM-DD');
    assert.equal(page.identify?.earliestDatestampIso, '1999-01-01T00:00:00Z');
    assert.deepEqual(page.repairs, ['no-oai-namespace']);
  });

  void it('reads ListMetadataFormats', () => {
    const page = parseOaiResponse(corpusXml('oai-pmh', 'sickle_ListMetadataFormats.xml'));
    assert.equal(page.verb, 'ListMetadataFormats');
    const oaiDc = page.metadataFormats.find((f) => f.prefix === 'oai_dc');
    assert.equal(oaiDc?.namespace, OAI_DC);
    assert.ok(page.metadataFormats.length >= 5);
  });

  void it('reads ListSets, keeping setSpecs as given (hex, with spaces)', () => {
    const erasmus = parseOaiResponse(corpusXml('oai-pmh', 'dspace-erasmus-2003_ListSets.xml'));
    assert.ok(erasmus.sets.some((s) => s.spec.includes(':')));
    const hex = parseOaiResponse(
      corpusXml('oai-pmh', 'omeka-harvester-fixtures', 'eprints-caltechbook_ListSets_hex-setspec.xml'),
    );
    assert.ok(hex.sets.some((s) => /^[0-9A-F]+$/.test(s.spec) && s.name.length > 0));
    const spaced = parseOaiResponse(corpusXml('oai-pmh', 'lom', 'feb-ifrs_ListSets_setSpec-with-space.xml'));
    assert.ok(spaced.sets.some((s) => s.spec === 'IFRS Canoas'));
  });
});

void describe('parseOaiResponse: OAI errors', () => {
  const cases: [string, string][] = [
    ['error_badArgument_dspace-lume.xml', 'badArgument'],
    ['error_badArgument_loc.xml', 'badArgument'],
    ['error_badResumptionToken.xml', 'badResumptionToken'],
    ['error_cannotDisseminateFormat_arxiv.xml', 'cannotDisseminateFormat'],
    ['error_cannotDisseminateFormat_dspace-cesta.xml', 'cannotDisseminateFormat'],
    ['error_idDoesNotExist_loc.xml', 'idDoesNotExist'],
    ['error_noRecordsMatch_arxiv-real.xml', 'noRecordsMatch'],
    ['error_noRecordsMatch_dspace-cesta.xml', 'noRecordsMatch'],
    ['error_noRecordsMatch_perseus.xml', 'noRecordsMatch'],
    ['error_noSetHierarchy.xml', 'noSetHierarchy'],
    ['error_undefinedError.xml', 'undefinedError'],
    ['broken_error_noRecordsMatch_no-namespace-undeclared-xsi.xml', 'noRecordsMatch'],
  ];
  for (const [file, expected] of cases) {
    void it(`${file} -> ${expected}`, () => {
      const page = parseOaiResponse(corpusXml('oai-pmh', file));
      assert.equal(page.verb, null);
      assert.equal(page.errors.length, 1);
      assert.equal(page.errors[0]?.code, expected);
      assert.equal(typeof page.errors[0]?.message, 'string'); // may be empty: <error code="badArgument"/>
      assert.equal(page.records.length, 0);
    });
  }

  void it('collapses the white space of error messages and keeps the request echo', () => {
    const page = parseOaiResponse(
      corpusXml('oai-pmh', 'broken_error_noRecordsMatch_no-namespace-undeclared-xsi.xml'),
    );
    assert.equal(
      page.errors[0]?.message,
      'The combination of the values of the from, until, set, and metadataPrefix arguments results in an empty list.',
    );
    assert.equal(page.request.verb, 'ListRecords');
    assert.deepEqual(page.request.arguments, { metadataPrefix: 'oai_dc', from: '2012-06-11T15:34:01Z' });
    assert.deepEqual(page.repairs, ['no-oai-namespace', 'unbound-prefix:xsi']);
  });

  void it('reads a noRecordsMatch answer to a resumptionToken request (MLA Commons)', () => {
    const page = parseOaiResponse(
      corpusXml('oai-pmh', 'http-recordings', 'scrapi-vcr', 'bodies', 'mla.14.http200.xml'),
    );
    assert.equal(page.errors[0]?.code, 'noRecordsMatch');
  });
});

void describe('parseOaiResponse: records', () => {
  void it('marks deleted records and keeps no metadata for them (DSpace, Erasmus 2004)', () => {
    const page = parseOaiResponse(corpusXml('oai-pmh', 'dspace-erasmus-2004_GetRecord_deleted.xml'));
    assert.equal(page.verb, 'GetRecord');
    const header = page.records[0]?.header;
    assert.deepEqual(header, {
      identifier: 'hdl:1765/1160',
      datestamp: '2004-02-16T13:29:54Z',
      datestampIso: '2004-02-16T13:29:54Z',
      setSpecs: ['1:1'], // sent twice; one record in a set is one membership
      deleted: true,
    });
    assert.equal(page.records[0]?.metadataXml, null);
  });

  void it('reads a page mixing deleted and live records (Edurep delta)', () => {
    const page = parseOaiResponse(
      corpusXml('oai-pmh', 'lom', 'edurep-meresco_ListRecords_lom_delta_deleted.xml'),
    );
    const deleted = page.records.filter((r) => r.header.deleted);
    const live = page.records.filter((r) => !r.header.deleted);
    assert.ok(deleted.length > 0 && live.length > 0);
    assert.ok(live.every((r) => r.metadataXml !== null));
  });

  void it('cuts out each payload so that it parses on its own, in its own namespace (LUME, 100 records)', () => {
    const page = parseOaiResponse(corpusXml('oai-pmh', 'dspace-lume-ufrgs_ListRecords_oai_dc_100.xml'));
    assert.equal(page.records.length, 100);
    for (const record of page.records) {
      assert.equal(record.metadataNamespace, OAI_DC);
      assert.equal(record.metadataLocalName, 'dc');
      assert.ok(record.metadataXml !== null && record.metadataXml.startsWith('<oai_dc:dc'));
      assert.equal(parseXml(record.metadataXml).root.uri, OAI_DC);
      assert.ok(record.recordXml.startsWith('<record xmlns="http://www.openarchives.org/OAI/2.0/"'));
      assert.ok(record.recordXml.endsWith('</record>'));
      parseXml(record.recordXml);
    }
    assert.equal(page.records[0]?.header.identifier, 'oai:www.lume.ufrgs.br:10183/394');
  });

  void it('carries the default namespace a payload inherits by mistake (AnatomyTOOL)', () => {
    const page = parseOaiResponse(corpusXml('oai-pmh', 'lom', 'anatomytool_ListRecords_nl_lom.xml'));
    const xml = page.records[0]?.metadataXml ?? '';
    assert.ok(xml.startsWith('<lom:lom xmlns="http://www.openarchives.org/OAI/2.0/"'));
    const general = parseXml(xml).root.children[0];
    assert.equal(general?.local, 'general');
    assert.equal(general?.uri, 'http://www.openarchives.org/OAI/2.0/');
  });

  void it('keeps DC elements sent directly in <metadata> together (eduCAPES qdc)', () => {
    const page = parseOaiResponse(
      corpusXml('oai-pmh', 'dspace-xoai-educapes_ListRecords_qdc_base64-token.xml'),
    );
    const record = page.records[0];
    assert.ok(record !== undefined);
    assert.deepEqual(record.notes, ['metadata-several-children']);
    assert.equal(record.metadataNamespace, 'http://purl.org/dc/elements/1.1/');
    assert.ok(record.metadataXml?.startsWith('<metadata'));
    assert.equal(record.header.setSpecs.length, 5);
  });

  void it('trims white space around header values (COPAC)', () => {
    const page = parseOaiResponse(
      corpusXml('oai-pmh', 'omeka-harvester-fixtures', 'copac_ListRecords_whitespace-padded-header.xml'),
    );
    const header = page.records[0]?.header;
    assert.equal(header?.identifier, 'foo-bar');
    assert.ok(header?.datestamp !== undefined && !/\s/.test(header.datestamp));
  });

  void it('reads a no-namespace GetRecord (arXiv test variant) and the Learning Registry variant', () => {
    const arxiv = parseOaiResponse(corpusXml('oai-pmh', 'broken_arxiv_GetRecord_no-namespace.xml'));
    assert.equal(arxiv.records[0]?.header.identifier, 'oai:arXiv.org:0804.2273');
    assert.deepEqual(arxiv.repairs, ['no-oai-namespace']);
    const lr = parseOaiResponse(
      corpusXml('oai-pmh', 'learning-registry', 'lr-oai_GetRecord_nsdl_dc_custom-namespace.xml'),
    );
    assert.equal(lr.records.length, 2);
    assert.equal(lr.records[0]?.metadataLocalName, 'nsdl_dc');
    assert.deepEqual(lr.repairs, ['other-oai-namespace:http://www.learningregistry.org/OAI/2.0/']);
  });

  void it('reads ListIdentifiers headers as records without metadata', () => {
    const page = parseOaiResponse(corpusXml('oai-pmh', 'sickle_ListIdentifiers_page1.xml'));
    assert.equal(page.verb, 'ListIdentifiers');
    assert.equal(page.records.length, 2);
    assert.ok(page.records.every((r) => r.metadataXml === null && r.recordXml.startsWith('<header')));
    assert.ok(page.records.some((r) => r.header.deleted));
  });

  void it('believes the body over the request echo, and says they disagree (CESTA)', () => {
    const page = parseOaiResponse(
      corpusXml('oai-pmh', 'lom', 'broken_dspace-cesta_GetRecord-request-with-ListRecords-body.xml'),
    );
    assert.equal(page.verb, 'ListRecords');
    assert.equal(page.records.length, 1);
    assert.deepEqual(page.repairs, ['request-verb-mismatch:GetRecord']);
  });
});

void describe('parseOaiResponse: resumption tokens', () => {
  void it('reads a token with its attributes', () => {
    const page = parseOaiResponse(
      corpusXml('oai-pmh', 'dspace-xoai-educapes_ListRecords_qdc_base64-token.xml'),
    );
    assert.deepEqual(page.resumptionToken, {
      value: 'MToxMDAwfDI6Y29tX2NhcGVzXzI1MDN8Mzp8NDp8NTpxZGM=',
      completeListSize: 7951,
      cursor: 9,
    });
  });

  void it('reads an expiration date', () => {
    const page = parseOaiResponse(corpusXml('oai-pmh', 'dspace-lume-ufrgs_ListRecords_oai_dc_100.xml'));
    assert.deepEqual(page.resumptionToken, {
      value: '0001-01-01T00:00:00Z/9999-12-31T23:59:59Z//oai_dc/100',
      expirationDate: '2011-09-26T16:11:54Z',
    });
  });

  void it('takes an empty token with attributes as the end of the list (Gulbenkian)', () => {
    const page = parseOaiResponse(
      corpusXml(
        'oai-pmh',
        'http-recordings',
        'bodies',
        'dspace-xoai-gulbenkian_ListIdentifiers_resumption.02.http200.xml',
      ),
    );
    assert.deepEqual(page.resumptionToken, { value: '', completeListSize: 154, cursor: 1 });
  });

  void it('takes a self-closed empty token as the end of the list (FEB / Fiocruz)', () => {
    const page = parseOaiResponse(
      corpusXml('oai-pmh', 'lom', 'feb-obaa_fiocruz-arca_ListRecords_last-page_empty-token.xml'),
    );
    assert.deepEqual(page.resumptionToken, { value: '' });
  });

  void it('has no token at all on a single-page answer', () => {
    const page = parseOaiResponse(corpusXml('oai-pmh', 'dspace-erasmus-2003_ListRecords_oai_dc.xml'));
    assert.equal(page.resumptionToken, null);
  });
});

void describe('parseOaiResponse: what is not OAI-PMH', () => {
  void it('refuses "broken xml", an HTML error page, another XML format and an empty body', () => {
    assert.equal(
      code(() => parseOaiPage(corpusXml('oai-pmh', 'broken_sickle_ListRecords_not-xml.xml'))),
      'not_oai_pmh',
    );
    assert.equal(
      code(() =>
        parseOaiPage(
          corpusXml(
            'oai-pmh',
            'http-recordings',
            'bodies',
            'arxiv_ListRecords_503-retry-after.01.http503.html',
          ),
        ),
      ),
      'not_oai_pmh',
    );
    assert.equal(
      code(() =>
        parseOaiPage('<!DOCTYPE html><html><head><title>Error</title></head><body><p>Oops</p></body></html>'),
      ),
      'not_oai_pmh',
    );
    assert.equal(
      code(() => parseOaiPage('<html><body><h1>Service unavailable<br></h1></body></html>')),
      'not_oai_pmh',
    );
    assert.equal(
      code(() => parseOaiPage(corpusXml('oai-pmh', 'bare_oai_dc_minimal.xml'))),
      'not_oai_pmh',
    );
    assert.equal(
      code(() => parseOaiPage('')),
      'not_oai_pmh',
    );
    assert.equal(
      code(() =>
        parseOaiPage(
          corpusXml('oai-pmh', 'mycore-duepublico-oer_harvest_Identify-LMF-ListSets-ListRecords-mods.xml'),
        ),
      ),
      'not_oai_pmh',
    );
  });
});

void describe('parseOaiDatestamp', () => {
  const cases: [string, string | null][] = [
    ['2004-02-16T13:29:54Z', '2004-02-16T13:29:54Z'],
    ['2004-02-16', '2004-02-16T00:00:00Z'],
    ['2011-03-16T00:38:03.212595', '2011-03-16T00:38:03Z'],
    ['2011-03-14T13:37:15.398095Z', '2011-03-14T13:37:15Z'],
    ['2020-10-28T03:39:34+02:00', '2020-10-28T01:39:34Z'],
    [' 2015-03-16 ', '2015-03-16T00:00:00Z'],
    ['2015-02-30', null],
    ['aaaa-bb-cc', null],
    ['', null],
  ];
  for (const [input, expected] of cases) {
    void it(`${JSON.stringify(input)} -> ${String(expected)}`, () => {
      assert.equal(parseOaiDatestamp(input), expected);
    });
  }
});
