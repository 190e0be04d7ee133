// CSV: the real OER Commons export (2,176 rows, ";" separated, HTML in cells, "|" lists), delimiter and
// encoding sniffing, header recognition in several languages, the configured column mapping, and broken
// rows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isAtlasError } from '../../../src/domain/errors.js';
import { readColumnSetting, resolveColumns } from '../../../src/formats/csv/csv-columns.js';
import { readCsv, sniffDelimiter, type CsvEvent } from '../../../src/formats/csv/csv-read.js';
import { columnsFor, csvRowId, mapCsvRow } from '../../../src/formats/csv/map-csv-row.js';
import type { MappingContext } from '../../../src/formats/mapping.js';
import { basicNormalizers } from '../../support/basic-normalizers.js';
import { validateRecord } from '../../../src/formats/profile/validate-record.js';
import { corpusPath } from '../corpus.js';

function ctx(id: string): MappingContext {
  return {
    sourceId: 'csv',
    sourceRecordId: id,
    harvestedAt: '2024-01-01T00:00:00Z',
    normalize: basicNormalizers,
  };
}

function* chunks(bytes: Buffer, size = 65_536): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function events(
  bytes: Buffer,
  options: { delimiter?: string; skipRows?: number; size?: number } = {},
): Promise<CsvEvent[]> {
  const out: CsvEvent[] = [];
  for await (const e of readCsv(chunks(bytes, options.size), {
    maxRowChars: 1_000_000,
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.skipRows === undefined ? {} : { skipRows: options.skipRows }),
  })) {
    out.push(e);
  }
  return out;
}

const OER_COMMONS_COLUMNS = {
  name: 'NAME',
  url: 'URL',
  description: 'TEACHER_OVERVIEW',
  keywords: ['KEYWORDS', 'SUBJECTS'],
  license: ['LICENSE_URL', 'LICENSE_TITLE'],
  inLanguage: 'LANGUAGES',
  learningResourceType: 'MATERIAL_TYPES',
  educationalLevel: 'GRADE_SUBLEVELS',
  publisher: 'PROVIDER',
  dateCreated: 'CREATE_DATE',
  audience: 'PRIMARY_USER',
};

void describe('the OER Commons export (real, 2,176 rows)', () => {
  void it('reads every row and maps all but the 3 rows without a title', async (t) => {
    const bytes = readFileSync(corpusPath('jsonld', 'other-record-formats', 'oer-commons_records_2176.csv'));
    const all = await events(bytes);
    const header = all[0];
    assert.ok(header?.kind === 'header');
    assert.equal(header.delimiter, ';');
    assert.equal(header.headers.length, 17);
    const rows = all.filter((e) => e.kind === 'row');
    assert.equal(rows.length, 2176);
    assert.equal(all.filter((e) => e.kind === 'broken').length, 0);
    const settings = { columns: OER_COMMONS_COLUMNS };
    const mapping = columnsFor(header.headers, settings);
    let mapped = 0;
    const failed = new Map<string, number>();
    const ids = new Set<string>();
    for (const row of rows) {
      const id = csvRowId(row.cells, mapping, row.row);
      ids.add(id);
      try {
        const record = mapCsvRow(JSON.stringify(row.cells), ctx(id), settings);
        assert.ok(validateRecord(record).valid);
        mapped++;
      } catch (error) {
        const code = isAtlasError(error) ? error.code : 'unexpected';
        failed.set(code, (failed.get(code) ?? 0) + 1);
      }
    }
    t.diagnostic(
      `OER Commons CSV: ${rows.length} rows, ${mapped} mapped, failed ${JSON.stringify([...failed])}, ${ids.size} distinct ids`,
    );
    assert.equal(mapped, 2173);
    assert.deepEqual([...failed], [['invalid_record', 3]]);
  });

  void it('maps a row: HTML cell as text, "|" lists, licence URL, languages, minted vocabulary concepts', async () => {
    const bytes = readFileSync(corpusPath('jsonld', 'other-record-formats', 'oer-commons_records_2176.csv'));
    const first = (await events(bytes)).find((e) => e.kind === 'row');
    assert.ok(first?.kind === 'row');
    const record = mapCsvRow(JSON.stringify(first.cells), ctx('x'), { columns: OER_COMMONS_COLUMNS });
    assert.deepEqual(record.name, { en: 'Leveraging Virtual Reality in a School Library' });
    assert.match(
      record.description?.['en'] ?? '',
      /^The module asks students to think beyond .* "think out of the box"/,
    );
    assert.doesNotMatch(record.description?.['en'] ?? '', /<p>|&nbsp;|&quot;/);
    assert.deepEqual(record.keywords, {
      en: ['Gaming', 'Hologram', 'Virtual Reality', 'information-science'],
    });
    assert.equal(record.license?.id, 'http://creativecommons.org/licenses/by-sa/4.0/');
    assert.deepEqual(record.license?.original, [
      'http://creativecommons.org/licenses/by-sa/4.0/',
      'cc-by-sa',
    ]);
    assert.deepEqual(
      record.audience?.map((c) => c.prefLabel?.['en']),
      ['student', 'teacher'],
    );
    assert.equal(record.dateCreated, '2016-08-04T16:12:57');
    assert.equal(record.url, 'https://oercommons.org/courseware/lesson/10121/overview');
  });

  void it('recognizes its headers without configuration (URL, NAME, TEACHER_OVERVIEW, KEYWORDS + SUBJECTS, LICENSE_URL...)', async () => {
    const bytes = readFileSync(corpusPath('jsonld', 'other-record-formats', 'oer-commons_records_2176.csv'));
    const header = (await events(bytes.subarray(0, 4000))).find((e) => e.kind === 'header');
    assert.ok(header?.kind === 'header');
    const mapping = resolveColumns(header.headers, null);
    assert.deepEqual(mapping.url, ['URL']);
    assert.deepEqual(mapping.name, ['NAME']);
    assert.deepEqual(mapping.keywords, ['KEYWORDS', 'SUBJECTS']);
    assert.deepEqual(mapping.inLanguage, ['LANGUAGES']);
    assert.deepEqual(mapping.license, ['LICENSE_URL', 'LICENSE_TITLE']);
    assert.deepEqual(mapping.learningResourceType, ['MATERIAL_TYPES']);
    assert.deepEqual(mapping.dateCreated, ['CREATE_DATE']);
    assert.deepEqual(mapping.publisher, ['PROVIDER']);
    // Its description, grade sub-levels and primary users too: an import without settings loses none of them.
    assert.deepEqual(mapping.description, ['TEACHER_OVERVIEW']);
    assert.deepEqual(mapping.educationalLevel, ['GRADE_SUBLEVELS']);
    assert.deepEqual(mapping.audience, ['PRIMARY_USER']);
  });
});

void describe('reading', () => {
  void it('sniffs ",", ";", tab and "|" from the header line, ignoring quoted ones', () => {
    assert.equal(sniffDelimiter('a,b,c\n1;2;3;4;5'), ',');
    assert.equal(sniffDelimiter('"a,b";c;d\n'), ';');
    assert.equal(sniffDelimiter('a\tb\tc'), '\t');
    assert.equal(sniffDelimiter('a|b|c'), '|');
  });

  void it('reads windows-1252 files, BOMs, quoted multi-line cells, ragged rows, and makes headers unique', async () => {
    const latin = Buffer.concat([
      Buffer.from('Titel;Titel;;Sprache\r\n'),
      Buffer.from('Caf\xe9;"zwei\r\nZeilen";x;de;extra\r\n\r\nkurz\r\n', 'latin1'),
    ]);
    const all = await events(latin, { size: 5 });
    assert.deepEqual(all[0], {
      kind: 'header',
      headers: ['Titel', 'Titel (2)', 'column 3', 'Sprache'],
      delimiter: ';',
    });
    assert.deepEqual(all.slice(1), [
      {
        kind: 'row',
        row: 1,
        cells: {
          Titel: 'Café',
          'Titel (2)': 'zwei\r\nZeilen',
          'column 3': 'x',
          Sprache: 'de',
          'column 5': 'extra',
        },
      },
      { kind: 'row', row: 2, cells: { Titel: 'kurz' } },
    ]);
    const bom = await events(Buffer.from('\uFEFFtitle,url\nA,https://a.example.org\n'));
    assert.deepEqual(bom[0], { kind: 'header', headers: ['title', 'url'], delimiter: ',' });
  });

  void it('reports a row that cannot be read by number and keeps the others; resumes after skipped rows', async () => {
    const text = 'title,url\nA,https://a.example.org\n"B,unclosed\n';
    const all = await events(Buffer.from(text));
    assert.deepEqual(
      all.filter((e) => e.kind === 'row').map((e) => (e.kind === 'row' ? e.cells['title'] : '')),
      ['A'],
    );
    const broken = all.filter((e) => e.kind === 'broken');
    assert.equal(broken.length, 1);
    assert.equal(broken[0]?.kind === 'broken' && broken[0].code, 'not_a_document');
    const resumed = await events(Buffer.from('title\nA\nB\nC\n'), { skipRows: 2 });
    assert.deepEqual(resumed.slice(1), [{ kind: 'row', row: 3, cells: { title: 'C' } }]);
  });

  void it('refuses a file without a header row', async () => {
    await assert.rejects(
      events(Buffer.alloc(0)),
      (e: unknown) => isAtlasError(e) && e.code === 'not_a_document',
    );
  });
});

void describe('mapping', () => {
  void it('recognizes German, French, Spanish and Portuguese headers', () => {
    assert.deepEqual(
      resolveColumns(['Titel', 'Beschreibung', 'Schlagwörter', 'Lizenz', 'Autor', 'Sprache'], null),
      {
        name: ['Titel'],
        description: ['Beschreibung'],
        license: ['Lizenz'],
        inLanguage: ['Sprache'],
        keywords: ['Schlagwörter'],
        creator: ['Autor'],
      },
    );
    const fr = resolveColumns(['Titre', 'Lien', 'Mots-clés', 'Niveau'], null);
    assert.deepEqual(
      [fr.name, fr.url, fr.keywords, fr.educationalLevel],
      [['Titre'], ['Lien'], ['Mots-clés'], ['Niveau']],
    );
    const es = resolveColumns(['Título', 'Descripción', 'Licencia', 'Idioma'], null);
    assert.deepEqual(
      [es.name, es.description, es.license, es.inLanguage],
      [['Título'], ['Descripción'], ['Licencia'], ['Idioma']],
    );
  });

  void it('follows settings.columns (the documented example) and splits multi-valued cells', () => {
    const columns = {
      name: 'Title',
      url: 'Link',
      description: 'Abstract',
      license: 'License',
      inLanguage: 'Language',
      keywords: 'Tags',
      creator: 'Author',
      learningResourceType: 'Type',
      educationalLevel: 'Level',
      id: 'ID',
    };
    const cells = {
      ID: 'doi:10.5555/abc',
      Title: 'Vectors',
      Link: 'https://v.example.org/1',
      Abstract: 'All about <b>vectors</b>.',
      License: 'https://creativecommons.org/licenses/by/4.0/',
      Language: 'en|de',
      Tags: 'math; vectors, algebra',
      Author: 'Smith, John | University of Somewhere',
      Type: 'worksheet',
      Level: 'secondary school',
    };
    const settings = { columns, language: 'en' };
    const mapping = columnsFor(Object.keys(cells), settings);
    assert.equal(csvRowId(cells, mapping, 4), 'doi:10.5555/abc');
    const record = mapCsvRow(JSON.stringify(cells), ctx('doi:10.5555/abc'), settings);
    assert.deepEqual(record.name, { en: 'Vectors' });
    assert.deepEqual(record.description, { en: 'All about vectors.' });
    assert.deepEqual(record.inLanguage, ['en', 'de']);
    assert.deepEqual(record.keywords, { en: ['math', 'vectors', 'algebra'] });
    assert.deepEqual(record.creator, [
      { type: 'Person', name: 'Smith, John' },
      { type: 'Organization', name: 'University of Somewhere' },
    ]);
    assert.deepEqual(record.identifiers, [
      { kind: 'doi', value: '10.5555/abc' },
      { kind: 'url', value: 'https://v.example.org/1' },
    ]);
    assert.equal(record.learningResourceType?.[0]?.id, 'urn:oer-atlas:vocab:learningResourceType:worksheet');
  });

  void it('ids: id column, else URL, else the row number', () => {
    assert.equal(
      csvRowId({ url: 'https://a.example.org/x' }, { url: ['url'] }, 3),
      'https://a.example.org/x',
    );
    assert.equal(csvRowId({ title: 'x' }, { name: ['title'] }, 3), 'row 3');
  });

  void it('refuses unusable settings.columns naming every problem', () => {
    assert.throws(
      () => readColumnSetting({ titel: 'A', name: 3, url: [] }),
      (e: unknown) =>
        isAtlasError(e) &&
        e.code === 'invalid_parameter' &&
        /titel/.test(e.message) &&
        /"name"/.test(e.message) &&
        /"url"/.test(e.message),
    );
  });

  void it('refuses a row without a title and keeps hostile cells within the profile limits', () => {
    assert.throws(
      () => mapCsvRow(JSON.stringify({ url: 'https://x.example.org' }), ctx('x'), {}),
      (e: unknown) => isAtlasError(e) && e.code === 'invalid_record',
    );
    const record = mapCsvRow(
      JSON.stringify({
        title: `<script>alert(1)</script>${'T'.repeat(150_000)}`,
        url: 'javascript:alert(1)',
        keywords: Array.from({ length: 500 }, (_, i) => `k${i}`).join('|'),
      }),
      ctx('x'),
      {},
    );
    assert.equal(record.url, undefined);
    assert.equal(Object.values(record.name)[0]?.length, 100_000);
    assert.doesNotMatch(Object.values(record.name)[0] ?? '', /alert/);
    assert.ok(validateRecord(record).valid);
  });
});
