// parseOaiPage and salvageOaiPage: one bad record never loses its page. Broken pages are built from a real
// 100-record LUME page (truncated, an undefined entity, a never-closed element, garbage after the root, a
// DTD with entities) and the real truncated FROAC page is read as it is.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAtlasError } from '../../../src/domain/errors.js';
import { parseOaiPage, salvageOaiPage } from '../../../src/formats/oai-pmh/salvage.js';
import { parseXml } from '../../../src/formats/xml/xml-tree.js';
import { corpusXml } from './support.js';

const LUME = corpusXml('oai-pmh', 'dspace-lume-ufrgs_ListRecords_oai_dc_100.xml');

/** Offset of the n-th (0-based) "<record>" of the page. */
function recordStart(text: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf('<record>', at + 1);
  return at;
}

/** Replaces the first `search` inside the n-th record. */
function damageRecord(text: string, n: number, search: string, replacement: string): string {
  const start = recordStart(text, n);
  const at = text.indexOf(search, start);
  assert.ok(at !== -1 && at < recordStart(text, n + 1));
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return isAtlasError(error) ? error.code : 'not an AtlasError';
  }
  return 'no error';
}

void describe('parseOaiPage on a well-formed page', () => {
  void it('gives one ok outcome per record, in page order, without salvage', () => {
    const result = parseOaiPage(LUME);
    assert.equal(result.salvaged, false);
    assert.equal(result.outcomes.length, 100);
    assert.ok(result.outcomes.every((o, i) => o.status === 'ok' && o.index === i));
    assert.equal(result.page.records.length, 100);
    assert.equal(result.tokenStatus, 'intact');
  });

  void it('fails a record without an identifier on its own (sickle page 4)', () => {
    const result = parseOaiPage(corpusXml('oai-pmh', 'sickle_ListRecords_page4_missing-header-fields.xml'));
    assert.equal(result.outcomes.length, 2);
    const [first, second] = result.outcomes;
    assert.equal(first?.status, 'failed');
    assert.equal(first?.status === 'failed' ? first.code : '', 'invalid_record');
    assert.equal(second?.status, 'ok');
    assert.equal(result.page.records.length, 1);
  });

  void it('fails a record larger than the cap on its own', () => {
    const result = parseOaiPage(LUME, { maxRecordChars: 3000 });
    const failed = result.outcomes.filter((o) => o.status === 'failed');
    assert.ok(failed.length > 0 && failed.length < 100);
    assert.ok(
      failed.every(
        (o) => o.status === 'failed' && o.code === 'response_too_large' && o.identifier !== undefined,
      ),
    );
    assert.equal(result.page.records.length + failed.length, 100);
  });
});

void describe('parseOaiPage on broken pages', () => {
  void it('salvages the complete records of a truncated body and does not take the end as the end of the list', () => {
    const cut = recordStart(LUME, 50) + 400;
    const result = parseOaiPage(LUME.slice(0, cut));
    assert.equal(result.salvaged, true);
    assert.equal(result.page.records.length, 50);
    assert.equal(result.outcomes.length, 51);
    const last = result.outcomes[50];
    assert.equal(last?.status, 'failed');
    if (last?.status === 'failed') {
      assert.equal(last.code, 'xml_malformed');
      assert.equal(last.index, 50);
      assert.equal(last.identifier, 'oai:www.lume.ufrgs.br:10183/444');
      assert.match(last.reason, /cut off/);
    }
    assert.equal(result.page.resumptionToken, null);
    assert.equal(result.tokenStatus, 'unreadable');
    assert.equal(result.page.responseDate, '2011-09-26T15:11:53Z');
    assert.equal(result.page.request.verb, 'ListRecords');
    // Every salvaged record is whole and standalone.
    for (const record of result.page.records) parseXml(record.recordXml);
  });

  void it('recovers an intact resumptionToken of a body cut after it', () => {
    const end = LUME.indexOf('</resumptionToken>') + '</resumptionToken>'.length;
    const result = parseOaiPage(LUME.slice(0, end));
    assert.equal(result.salvaged, true);
    assert.equal(result.page.records.length, 100);
    assert.equal(result.tokenStatus, 'intact');
    assert.equal(result.page.resumptionToken?.value, '0001-01-01T00:00:00Z/9999-12-31T23:59:59Z//oai_dc/100');
  });

  void it('quarantines only the record with an undefined entity', () => {
    const broken = damageRecord(LUME, 3, '<dc:title>', '<dc:title>&bogus;');
    const result = parseOaiPage(broken);
    assert.equal(result.salvaged, true);
    assert.equal(result.page.records.length, 99);
    const failed = result.outcomes.filter((o) => o.status === 'failed');
    assert.equal(failed.length, 1);
    const bad = failed[0];
    assert.ok(bad?.status === 'failed');
    assert.equal(bad.index, 3);
    assert.equal(bad.code, 'xml_malformed');
    assert.match(bad.reason, /undefined entity/);
    assert.equal(bad.identifier, 'oai:www.lume.ufrgs.br:10183/397');
    assert.ok(bad.rawXml.startsWith('<record>') && bad.rawXml.includes('&bogus;'));
    assert.equal(result.tokenStatus, 'intact');
  });

  void it('quarantines only the record with a never-closed element', () => {
    const broken = damageRecord(LUME, 7, '</dc:creator>', '');
    const result = parseOaiPage(broken);
    assert.equal(result.page.records.length, 99);
    const failed = result.outcomes.find((o) => o.status === 'failed');
    assert.equal(failed?.index, 7);
  });

  void it('keeps every record of a page with garbage after the root', () => {
    const result = parseOaiPage(`${LUME}\n<br />\n<b>Notice</b>: Undefined index`);
    assert.equal(result.salvaged, true);
    assert.equal(result.page.records.length, 100);
    assert.equal(result.tokenStatus, 'intact');
  });

  void it('fails records that use entities of a refused DTD, keeping the rest', () => {
    const withDtd = LUME.replace(
      '<OAI-PMH',
      '<!DOCTYPE OAI-PMH [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<OAI-PMH',
    );
    const broken = damageRecord(withDtd, 10, '<dc:title>', '<dc:title>&lol2;');
    const result = parseOaiPage(broken);
    assert.equal(result.salvaged, true);
    assert.equal(result.page.records.length, 99);
    const bad = result.outcomes.find((o) => o.status === 'failed');
    assert.ok(bad?.status === 'failed');
    assert.equal(bad.code, 'xml_dtd_refused');
    assert.equal(bad.index, 10);
    assert.ok(result.page.repairs.includes('doctype-ignored'));
    assert.ok(result.page.records.every((r) => !r.recordXml.includes('lollol')));
  });

  void it('reads the real truncated FROAC page (no closing root) completely', () => {
    const result = parseOaiPage(
      corpusXml('oai-pmh', 'lom', 'oaicat-froac_ListRecords_lom_lowercase-namespaces.xml'),
    );
    assert.equal(result.salvaged, true);
    assert.equal(result.page.records.length, 91);
    assert.ok(result.outcomes.every((o) => o.status === 'ok'));
    assert.equal(result.tokenStatus, 'absent');
  });

  void it('refuses broken pages that are not list pages instead of guessing', () => {
    assert.equal(
      code(() => parseOaiPage(corpusXml('oai-pmh', 'broken_dspace-erasmus-2006_Identify_bogus-element.xml'))),
      'xml_malformed',
    );
    assert.equal(
      code(() =>
        parseOaiPage(corpusXml('oai-pmh', 'broken_dspace-erasmus-2006_Identify_undefined-entity.xml')),
      ),
      'xml_malformed',
    );
  });

  void it('keeps a billion-laughs document refused for its DTD, quickly', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><lolz>&lol2;</lolz>';
    const started = Date.now();
    assert.equal(
      code(() => parseOaiPage(bomb)),
      'xml_dtd_refused',
    );
    assert.ok(Date.now() - started < 1000);
  });
});

void describe('salvage stays linear and keeps nested records whole', () => {
  const head =
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate>' +
    '<request verb="ListRecords">http://x.org/oai</request><ListRecords>';

  void it('quarantines hundreds of records that never close, quickly, each on its own', () => {
    const record = (i: number): string =>
      `<record><header><identifier>oai:x:${i}</identifier><datestamp>2024-01-01</datestamp></header>` +
      '<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"/></metadata>';
    const page = `${head}${Array.from({ length: 2000 }, (_, i) => record(i)).join('')}</ListRecords></OAI-PMH>`;
    const started = Date.now();
    const result = parseOaiPage(page);
    assert.ok(Date.now() - started < 5000);
    assert.equal(result.outcomes.length, 2000);
    assert.ok(result.outcomes.every((o) => o.status === 'failed'));
    assert.equal(
      result.outcomes[1999]?.status === 'failed' ? result.outcomes[1999].identifier : '',
      'oai:x:1999',
    );
  });

  void it('keeps a MARCXML <record> nested in an OAI <record> whole', () => {
    const marc =
      '<record><header><identifier>oai:x:1</identifier><datestamp>2024-01-01</datestamp></header><metadata>' +
      '<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam</leader></record></metadata></record>';
    const result = parseOaiPage(`${head}${marc}${marc.replace('oai:x:1', 'oai:x:2')}`); // truncated after two
    assert.equal(result.salvaged, true);
    assert.equal(result.page.records.length, 2);
    assert.equal(result.page.records[0]?.metadataNamespace, 'http://www.loc.gov/MARC21/slim');
  });
});

void describe('salvageOaiPage', () => {
  void it('lists what it recovered and what it quarantined, with the reason the page needed it', () => {
    const broken = damageRecord(LUME, 0, '<dc:title>', '<dc:title>&nbsp;');
    const result = salvageOaiPage(broken, 'undefined entity (line 20, column 17)');
    assert.equal(result.reason, 'undefined entity (line 20, column 17)');
    assert.equal(result.page.records.length, 99);
    assert.equal(result.recordIndexes[0], 1);
    assert.deepEqual(
      result.quarantined.map((q) => ({ index: q.index, code: q.code, identifier: q.identifier })),
      [{ index: 0, code: 'xml_malformed', identifier: 'oai:www.lume.ufrgs.br:10183/394' }],
    );
    assert.ok(result.page.repairs.includes('salvaged'));
  });

  void it('says so when the text is not an OAI-PMH response at all', () => {
    assert.equal(
      code(() => salvageOaiPage('broken xml')),
      'not_oai_pmh',
    );
    assert.equal(
      code(() => salvageOaiPage('<html><body>Error 500')),
      'not_oai_pmh',
    );
  });
});
