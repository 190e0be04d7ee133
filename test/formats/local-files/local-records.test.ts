// Local XML files of the corpus as `oer-atlas import` sees them: every OAI-PMH response, bare oai_dc and
// LOM record and IMS manifest is recognized, its records taken (deleted headers as deletions) and mapped,
// and what is no metadata is reported with the file's path.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isAtlasError } from '../../../src/domain/errors.js';
import {
  detectLocalFormat,
  forcedFormat,
  localXmlRecords,
} from '../../../src/formats/local-files/local-records.js';
import { decodeXmlBytes } from '../../../src/formats/xml/decode-bytes.js';
import { mapRawPayload, rawMappingContext } from '../../../src/ingest/raw-mapping.js';
import { testSource } from '../../harvest/web-harvest-support.js';
import { CORPUS_DIR, corpusPath, readText } from '../corpus.js';

function xmlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const full = path.join(dir, f);
      return statSync(full).isDirectory() ? xmlFiles(full) : f.endsWith('.xml') ? [full] : [];
    });
}

void describe('corpus XML files as local files', () => {
  void it('recognizes every OAI-PMH, oai_dc, LOM and IMS file and maps their records', (t) => {
    const files = [...xmlFiles(corpusPath('oai-pmh')), ...xmlFiles(corpusPath('lom'))];
    const kinds = new Map<string, number>();
    const outcomes = new Map<string, number>();
    const add = (map: Map<string, number>, key: string): void => {
      map.set(key, (map.get(key) ?? 0) + 1);
    };
    const source = testSource('file', 'file:///corpus');
    for (const file of files) {
      const rel = path.relative(CORPUS_DIR, file);
      const text = decodeXmlBytes(readFileSync(file)).text;
      const result = localXmlRecords(text, rel, 4 * 1024 * 1024);
      add(kinds, result.kind);
      for (const record of result.records) {
        if (record.kind === 'record') {
          try {
            mapRawPayload(
              record.rawFormat,
              record.raw,
              rawMappingContext(
                source,
                record.sourceRecordId,
                '2024-01-01T00:00:00Z',
                record.sourceDatestamp,
              ),
            );
            add(outcomes, `mapped ${record.rawFormat}`);
          } catch (error) {
            add(outcomes, `failed ${record.rawFormat} ${isAtlasError(error) ? error.code : 'unexpected'}`);
          }
        } else if (record.kind === 'deleted') {
          add(outcomes, 'deleted');
        } else {
          add(outcomes, `broken ${record.code}`);
        }
      }
    }
    t.diagnostic(`${files.length} files; kinds ${JSON.stringify([...kinds])}`);
    t.diagnostic(`records ${JSON.stringify([...outcomes].sort())}`);
    assert.equal(files.length, 165);
    assert.deepEqual(Object.fromEntries(kinds), {
      'oai-pmh': 129,
      oai_dc: 4,
      lom: 25,
      'ims-manifest': 2,
      xml: 5,
    });
    assert.equal(outcomes.get('deleted'), 530);
    assert.equal(outcomes.get('broken unsupported_format'), 307);
    assert.ok((outcomes.get('mapped oai_dc') ?? 0) >= 2100);
    assert.ok((outcomes.get('mapped lom') ?? 0) >= 800);
    for (const key of outcomes.keys())
      assert.match(key, /^(mapped|deleted|broken|failed \w+ invalid_record)/);
  });

  void it('names a bare record by a global identifier, else by its path', () => {
    const dc = localXmlRecords(
      readText('oai-pmh', 'dspace-erasmus-2003_bare_oai_dc_record.xml'),
      'a/dc.xml',
      1e6,
    );
    assert.equal(dc.kind, 'oai_dc');
    assert.equal(dc.records[0]?.kind, 'record');
    assert.match(dc.records[0]?.sourceRecordId ?? '', /^(https?:|hdl|oai:|urn:|10\.)|a\/dc\.xml/);
    const lom = localXmlRecords(
      readText('lom', 'scorm-packages', 'articulate-rise_metadata_no-namespace.xml'),
      'pkg/metadata.xml',
      1e6,
    );
    assert.equal(lom.kind, 'lom');
    // Its identifier is "Catalog" / "1": not unique beyond the file.
    assert.equal(lom.records[0]?.sourceRecordId, 'pkg/metadata.xml');
  });

  void it('takes the LOM inside a manifest, or says which file holds it', () => {
    const external = localXmlRecords(
      readText('lom', 'scorm-packages', 'articulate-rise_imsmanifest_scorm2004.xml'),
      'pkg/imsmanifest.xml',
      1e6,
    );
    assert.equal(external.metadataLocation, 'metadata.xml');
    const lomText = readText('lom', 'exelearning', 'exe_imsmd-v1p2_spanish_teoria-celular.xml').replace(
      /^<\?xml[^>]*\?>/,
      '',
    );
    const inline = localXmlRecords(
      `<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m1"><metadata><schema>IMS Content</schema>${lomText}</metadata><organizations/><resources/></manifest>`,
      'pkg2/imsmanifest.xml',
      1e6,
    );
    assert.equal(inline.kind, 'ims-manifest');
    assert.equal(inline.records[0]?.kind, 'record');
    assert.equal(inline.records[0]?.kind === 'record' && inline.records[0].rawFormat, 'lom');
  });

  void it('reports XML that is no metadata, and broken XML, with the path', () => {
    const xsd = localXmlRecords(readText('schema', 'OAI-PMH.xsd'), 'schema.xsd', 1e6);
    assert.deepEqual(
      xsd.records.map((r) => [r.sourceRecordId, r.kind === 'broken' ? r.code : '']),
      [['schema.xsd', 'unsupported_format']],
    );
    const broken = localXmlRecords('<lom><general>', 'x.xml', 1e6);
    assert.deepEqual(
      broken.records.map((r) => (r.kind === 'broken' ? r.code : '')),
      ['xml_malformed'],
    );
    const bomb = localXmlRecords(
      '<!DOCTYPE lom [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><lom><general><title>&b;</title></general></lom>',
      'b.xml',
      1e6,
    );
    assert.deepEqual(
      bomb.records.map((r) => (r.kind === 'broken' ? r.code : '')),
      ['xml_dtd_refused'],
    );
  });
});

void describe('detecting formats', () => {
  void it('goes by extension, then by content, and honours a forced format', () => {
    const d = (name: string, head: string, forced: string | null = null) =>
      detectLocalFormat(name, Buffer.from(head), forcedFormat(forced));
    assert.equal(d('a.ndjson', '{}'), 'ndjson');
    assert.equal(d('a.jsonl.gz', ''), 'ndjson');
    assert.equal(d('a.csv', 'x'), 'csv');
    assert.equal(d('a.json', '[]'), 'json');
    assert.equal(d('page.htm', '<p>'), 'html');
    assert.equal(d('noext', '<!DOCTYPE html><html>'), 'html');
    assert.equal(d('noext', '  <?xml version="1.0"?><rss/>'), 'xml');
    assert.equal(d('data.txt', '{"a":1}'), 'json');
    assert.equal(d('notes.txt', 'hello'), 'unsupported');
    assert.equal(d('notes.txt', 'a,b\n1,2', 'csv'), 'csv');
    assert.throws(
      () => forcedFormat('pdf'),
      (e: unknown) => isAtlasError(e) && e.code === 'invalid_parameter',
    );
  });
});
