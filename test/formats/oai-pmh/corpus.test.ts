// Every file of the shared corpus folders oai-pmh/ and lom/ through the harvesting path (bytes -> text ->
// OAI-PMH page -> per-record outcome -> profile record), one test per file. Each file must either yield
// pages and records, or fail with a classified reason (an AtlasError code); never an unexpected exception.
// Every mapped record must pass the profile schema, and no record of a page may vanish: each item the page
// holds (counted independently of the envelope parser) has exactly one outcome. A summary is printed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { isAtlasError } from '../../../src/domain/errors.js';
import { mapLom } from '../../../src/formats/lom/map-lom.js';
import { mapperFor } from '../../../src/formats/mapping.js';
import { mapOaiDc } from '../../../src/formats/oai-dc/map-oai-dc.js';
import { parseOaiPage } from '../../../src/formats/oai-pmh/salvage.js';
import { validateRecord } from '../../../src/formats/profile/validate-record.js';
import { decodeXmlBytes } from '../../../src/formats/xml/decode-bytes.js';
import { parseXml, type XmlElement } from '../../../src/formats/xml/xml-tree.js';
import { CORPUS_DIR } from '../corpus.js';
import { mappingContext } from './support.js';

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

/** parse_check of each corpus file, from manifest.tsv ("xml-wellformed", "NOT-WELLFORMED: ...", "json-ok"...). */
function manifestChecks(): Map<string, string> {
  const checks = new Map<string, string>();
  const lines = readFileSync(path.join(CORPUS_DIR, 'manifest.tsv'), 'utf8').split('\n');
  const header = lines[0]?.split('\t') ?? [];
  const pathColumn = header.indexOf('path');
  const checkColumn = header.indexOf('parse_check');
  for (const line of lines.slice(1)) {
    const cells = line.split('\t');
    const file = cells[pathColumn];
    const check = cells[checkColumn];
    if (file !== undefined && check !== undefined) checks.set(file, check);
  }
  return checks;
}

const checks = manifestChecks();

const summary = {
  files: 0,
  filesWithPages: 0,
  filesSalvaged: 0,
  bareRecordFiles: 0,
  filesFailedByCode: new Map<string, number>(),
  pageItems: 0,
  recordsMapped: new Map<string, number>(),
  recordsFailedByCode: new Map<string, number>(),
  deleted: 0,
  headersOnly: 0,
  noMapperByFormat: new Map<string, number>(),
  failedFiles: [] as string[],
};

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function failFile(rel: string, code: string): void {
  bump(summary.filesFailedByCode, code);
  summary.failedFiles.push(`${rel} (${code})`);
}

function codeOf(error: unknown): string {
  if (!isAtlasError(error)) throw error; // an unexpected exception fails the test
  assert.notEqual(error.code, 'internal_error', error.message);
  return error.code;
}

/** Maps one payload; returns the mapper used, or throws the classified failure. */
function mapPayload(
  xml: string,
  namespace: string | null,
  local: string | null,
  id: string,
  lomFolder: boolean,
): string | null {
  const kind = mapperFor(namespace, local) ?? (lomFolder ? 'lom' : null);
  if (kind === null) return null;
  const record = kind === 'lom' ? mapLom(xml, mappingContext(id)) : mapOaiDc(xml, mappingContext(id));
  const validation = validateRecord(record);
  assert.ok(validation.valid, `${id}: ${validation.valid ? '' : JSON.stringify(validation.problems)}`);
  return kind;
}

/** The items a page holds, counted on the plain XML tree (not by the envelope parser). */
function itemsOnTree(text: string): number | null {
  const verb = parseXml(text).root.children.find((c: XmlElement) =>
    ['ListRecords', 'ListIdentifiers', 'GetRecord'].includes(c.local),
  );
  if (verb === undefined) return null;
  const item = verb.local === 'ListIdentifiers' ? 'header' : 'record';
  return verb.children.filter((c) => c.local === item).length;
}

function runFile(file: string, lomFolder: boolean): void {
  const rel = path.relative(CORPUS_DIR, file);
  summary.files++;
  let text: string;
  try {
    text = decodeXmlBytes(readFileSync(file)).text;
  } catch (error) {
    failFile(rel, codeOf(error));
    return;
  }

  let parsed: ReturnType<typeof parseOaiPage>;
  try {
    parsed = parseOaiPage(text);
  } catch (error) {
    const code = codeOf(error);
    if (code !== 'not_oai_pmh') {
      failFile(rel, code);
      return;
    }
    // Not a response page: a bare metadata record (lom/ files, bare oai_dc) is mapped as it is.
    let root: XmlElement;
    try {
      root = parseXml(text).root;
    } catch (xmlError) {
      // Under lom/ the file was meant as a record, so its own XML failure is the reason; elsewhere the
      // page verdict (not OAI-PMH) stands.
      failFile(rel, lomFolder ? codeOf(xmlError) : code);
      return;
    }
    if (mapperFor(root.uri, root.local) === null && !lomFolder) {
      failFile(rel, code);
      return;
    }
    summary.bareRecordFiles++;
    try {
      const kind = mapPayload(text, root.uri, root.local, rel, lomFolder);
      bump(summary.recordsMapped, kind ?? 'none');
    } catch (mapError) {
      bump(summary.recordsFailedByCode, codeOf(mapError));
    }
    return;
  }

  summary.filesWithPages++;
  if (parsed.salvaged) summary.filesSalvaged++;
  // The corpus says which files are well-formed; those must never need salvage.
  if (checks.get(rel) === 'xml-wellformed') assert.equal(parsed.salvaged, false, `${rel} is well-formed`);

  const items = parsed.salvaged ? (text.match(/<record[\s>]/g) ?? []).length : itemsOnTree(text);
  if (items !== null) assert.equal(parsed.outcomes.length, items, `${rel}: one outcome per item of the page`);
  summary.pageItems += parsed.outcomes.length;

  let accounted = 0;
  parsed.outcomes.forEach((outcome, i) => {
    assert.equal(outcome.index, i);
    accounted++;
    if (outcome.status === 'failed') {
      bump(summary.recordsFailedByCode, outcome.code);
      return;
    }
    const { record } = outcome;
    if (record.header.deleted) {
      summary.deleted++;
      return;
    }
    if (record.metadataXml === null) {
      summary.headersOnly++;
      return;
    }
    try {
      const kind = mapPayload(
        record.metadataXml,
        record.metadataNamespace,
        record.metadataLocalName,
        record.header.identifier,
        false,
      );
      if (kind === null) bump(summary.noMapperByFormat, record.metadataNamespace ?? '(none)');
      else bump(summary.recordsMapped, kind);
    } catch (error) {
      bump(summary.recordsFailedByCode, codeOf(error));
    }
  });
  assert.equal(accounted, parsed.outcomes.length);
}

for (const folder of ['oai-pmh', 'lom']) {
  void describe(`corpus ${folder}/`, () => {
    for (const file of walk(path.join(CORPUS_DIR, folder))) {
      void it(path.relative(path.join(CORPUS_DIR, folder), file), () => {
        runFile(file, folder === 'lom');
      });
    }
  });
}

void describe('corpus summary', () => {
  void it('covers both folders', () => {
    assert.ok(walk(path.join(CORPUS_DIR, 'oai-pmh')).length >= 170);
    assert.ok(walk(path.join(CORPUS_DIR, 'lom')).length >= 25);
  });
});

after(() => {
  const table = (map: Map<string, number>): string =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k}=${v}`)
      .join(', ') || '-';
  const mapped = [...summary.recordsMapped.values()].reduce((a, b) => a + b, 0);
  const failed = [...summary.recordsFailedByCode.values()].reduce((a, b) => a + b, 0);
  const noMapper = [...summary.noMapperByFormat.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(
    [
      '',
      'Corpus summary (oai-pmh/ + lom/)',
      `  files: ${summary.files}; with OAI-PMH pages: ${summary.filesWithPages} (salvaged: ${summary.filesSalvaged}); bare records: ${summary.bareRecordFiles}`,
      `  files failed by code: ${table(summary.filesFailedByCode)}`,
      ...summary.failedFiles.filter((f) => !/\.(json|yaml|txt|html|empty)\b/.test(f)).map((f) => `    ${f}`),
      `  page items: ${summary.pageItems}; deleted: ${summary.deleted}; headers only (ListIdentifiers): ${summary.headersOnly}`,
      `  records mapped: ${mapped} (${table(summary.recordsMapped)})`,
      `  records failed by code: ${failed} (${table(summary.recordsFailedByCode)})`,
      `  records in formats without a mapper: ${noMapper} (${table(summary.noMapperByFormat)})`,
      '',
    ].join('\n'),
  );
});
