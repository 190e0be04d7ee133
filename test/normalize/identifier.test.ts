// Tests of identifier normalization: the labeled set of real dc:identifier / LOM / JSON-LD values, DOI, ISBN,
// ISSN, handle, URN and arXiv forms with their checksums, and hostile input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IDENTIFIER_KINDS } from '../../src/domain/profile.js';
import {
  isbn10Valid,
  isbn13,
  isbn13Valid,
  issnValid,
  normalizeIdentifier,
  type IdentifierKind,
} from '../../src/normalize/identifier.js';
import { normalizeRecord } from '../../src/normalize/record.js';
import { readLabelTable } from '../support/labels.js';

interface Label {
  readonly line: number;
  readonly input: string;
  readonly kind: IdentifierKind | null;
  readonly value: string | null;
}

function readLabels(): Label[] {
  const table = readLabelTable(new URL('./identifier-labels.tsv', import.meta.url), {
    columns: ['input', 'kind', 'value', 'note'],
  });
  return table.rows.map((row) => {
    const kind = row.get('kind');
    const value = row.get('value');
    assert.ok(
      kind === '' || (IDENTIFIER_KINDS as readonly string[]).includes(kind),
      `line ${row.line}: kind`,
    );
    return {
      line: row.line,
      input: row.get('input'),
      kind: kind === '' ? null : (kind as IdentifierKind),
      value: value === '' ? null : value,
    };
  });
}

function expectId(input: string, kind: IdentifierKind | null, value: string | null, rule?: string): void {
  const found = normalizeIdentifier(input);
  assert.equal(found.kind, kind, `kind of ${JSON.stringify(input)} (${found.rule})`);
  assert.equal(found.value, value, `value of ${JSON.stringify(input)} (${found.rule})`);
  if (rule !== undefined) assert.equal(found.rule, rule, `rule of ${JSON.stringify(input)}`);
  assert.equal(found.input, input);
}

describe('identifier labeled set', () => {
  const labels = readLabels();

  it('recognises at least 99% of the labeled real-world identifiers exactly (kind and value)', (t) => {
    assert.ok(labels.length >= 120, `${labels.length} rows`);
    const misses = labels.filter((l) => {
      const found = normalizeIdentifier(l.input);
      return found.kind !== l.kind || found.value !== l.value;
    });
    const accuracy = (labels.length - misses.length) / labels.length;
    t.diagnostic(
      `identifier accuracy ${(accuracy * 100).toFixed(2)}% (${labels.length - misses.length}/${labels.length})`,
    );
    for (const m of misses) {
      const found = normalizeIdentifier(m.input);
      t.diagnostic(
        `miss line ${m.line}: ${m.input} -> ${found.kind ?? '(null)'} ${found.value ?? ''} [${found.rule}]`,
      );
    }
    assert.ok(accuracy >= 0.99, misses.map((m) => m.input).join('\n'));
  });

  it('is idempotent for DOIs, ISBNs, URNs and URLs', () => {
    for (const label of labels) {
      const found = normalizeIdentifier(label.input);
      if (found.value === null || found.kind === 'other' || found.kind === 'handle') continue;
      const again = normalizeIdentifier(found.value);
      assert.equal(again.kind, found.kind, label.input);
      assert.equal(again.value, found.value, label.input);
    }
  });
});

describe('normalizeIdentifier: DOIs', () => {
  it('reads every written form and lower-cases the DOI', () => {
    const doi = '10.1371/journal.pone.0142474';
    for (const form of [
      '10.1371/journal.pone.0142474',
      'doi:10.1371/journal.pone.0142474',
      'DOI: 10.1371/JOURNAL.PONE.0142474',
      'doi 10.1371/journal.pone.0142474',
      'https://doi.org/10.1371/journal.pone.0142474',
      'http://dx.doi.org/10.1371/journal.pone.0142474',
      'https://www.doi.org/10.1371/journal.pone.0142474',
      'doi.org/10.1371/journal.pone.0142474',
      'info:doi/10.1371/journal.pone.0142474',
      'urn:doi:10.1371/journal.pone.0142474',
      'https://hdl.handle.net/10.1371/journal.pone.0142474',
      'https://doi.org/10.1371%2Fjournal.pone.0142474',
      'https://doi.org/10.1371/journal.pone.0142474?download=1',
      ' <doi:10.1371/journal.pone.0142474> ',
    ])
      expectId(form, 'doi', doi);
  });

  it('finds a DOI inside a citation and drops the punctuation around it', () => {
    expectId(
      'Loschky LC, Larson AM (2015) What Would Jaws Do? PLoS ONE 10(11): e0142474. doi:10.1371/journal.pone.0142474.',
      'doi',
      '10.1371/journal.pone.0142474',
      'doi-in-text',
    );
    expectId('(see doi:10.1000/182)', 'doi', '10.1000/182', 'doi-in-text');
    // Brackets that belong to the DOI stay.
    expectId('10.1016/S0140-6736(12)60367-5', 'doi', '10.1016/s0140-6736(12)60367-5');
    expectId(
      'doi:10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O',
      'doi',
      '10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-o',
    );
  });

  it("reads publishers' DOI proxies", () => {
    expectId('http://doi.acm.org/10.1145/1234567.1234568', 'doi', '10.1145/1234567.1234568', 'doi-proxy-url');
    expectId(
      'http://doi.ieeecomputersociety.org/10.1109/PACT.2007.40',
      'doi',
      '10.1109/pact.2007.40',
      'doi-proxy-url',
    );
  });

  it('does not take CiteSeerX "10.1.1" numbers or other look-alikes for DOIs', () => {
    expectId(
      'http://citeseerx.ist.psu.edu/viewdoc/summary?doi=10.1.1.578.8085',
      'url',
      'http://citeseerx.ist.psu.edu/viewdoc/summary?doi=10.1.1.578.8085',
    );
    expectId('oai:CiteSeerX.psu:10.1.1.410.3180', 'other', 'oai:CiteSeerX.psu:10.1.1.410.3180');
    expectId('10.12/abc', 'other', '10.12/abc');
  });

  it('refuses DOI fragments', () => {
    for (const fragment of [
      '10.1234/',
      'doi:10.1234/',
      'https://doi.org/10.1234/',
      'doi:10.',
      '10.1234',
      'https://doi.org/',
      'doi:',
    ])
      assert.equal(normalizeIdentifier(fragment).value, null, fragment);
    assert.equal(normalizeIdentifier('10.1234/').rule, 'doi-incomplete');
  });
});

describe('normalizeIdentifier: ISBN and ISSN', () => {
  it('verifies ISBN checksums', () => {
    assert.ok(isbn13Valid('9783161484100'));
    assert.ok(!isbn13Valid('9783161484101'));
    assert.ok(isbn10Valid('080442957X'));
    assert.ok(!isbn10Valid('0804429578'));
    assert.equal(isbn13('0-8044-2957-X'), '9780804429573');
    assert.equal(isbn13('979-10-90636-07-1'), '9791090636071');
    assert.equal(isbn13('1234567890123'), null);
  });

  it('reads ISBNs with label, hyphens or spaces and turns ISBN-10 into ISBN-13', () => {
    expectId('ISBN 978-3-16-148410-0', 'isbn', '9783161484100', 'isbn');
    expectId('ISBN-13: 978 3 16 148410 0', 'isbn', '9783161484100');
    expectId('isbn:0-8044-2957-x', 'isbn', '9780804429573', 'isbn-10');
    expectId('90-9016760-9', 'isbn', '9789090167602', 'isbn-10');
    expectId('9780121374204', 'isbn', '9780121374204');
    expectId('urn:isbn:0-7695-2944-5', 'isbn', '9780769529448', 'urn-isbn');
    expectId(
      'Reprinted in: Handbook of X. Berlin 2010. ISBN 978-3-16-148410-0',
      'isbn',
      '9783161484100',
      'isbn-in-text',
    );
  });

  it('refuses ISBNs with a wrong checksum and bare ten-digit numbers', () => {
    expectId('ISBN 978-3-16-148410-1', null, null, 'isbn-checksum');
    expectId('ISBN 0-8044-2957-8', null, null, 'isbn-checksum');
    expectId('978-3-86618-026-9', null, null, 'isbn-checksum');
    // Ten digits without label or grouping may be any number.
    expectId('0804429573', 'other', '0804429573', 'local-id');
  });

  it('reads ISSNs with their checksum, but not spans of years', () => {
    assert.ok(issnValid('0012821X'));
    assert.ok(!issnValid('00128210'));
    expectId('ISSN: 0012-821X', 'other', 'ISSN 0012-821X', 'issn');
    expectId('eISSN 1932-6203', 'other', 'ISSN 1932-6203', 'issn');
    expectId('0012-821x', 'other', 'ISSN 0012-821X', 'issn');
    expectId('ISSN 0012-8210', null, null, 'issn-checksum');
    expectId('1989-2009', 'other', '1989-2009', 'local-id');
  });
});

describe('normalizeIdentifier: handles, URNs, arXiv, ARK, OAI', () => {
  it('reads handles from hdl:, handle proxy URLs and unambiguous bare forms', () => {
    expectId('hdl:2200/20061002172127544T', 'handle', '2200/20061002172127544T', 'handle');
    expectId('info:hdl/1721.1/92487', 'handle', '1721.1/92487', 'handle');
    expectId('http://hdl.handle.net/1854/LU-5914544', 'handle', '1854/LU-5914544', 'handle-url');
    expectId(
      'https://hdl.handle.net/20.500.12345/678?locatt=view:master',
      'handle',
      '20.500.12345/678',
      'handle-url',
    );
    expectId('1721.1/92487', 'handle', '1721.1/92487', 'handle-bare');
    expectId('10066/17224', 'handle', '10066/17224', 'handle-bare');
    // A four-digit prefix could be a year: "2007/2009", "1866/10058".
    expectId('2007/2009', 'other', '2007/2009', 'local-id');
    // A DSpace page URL is a URL, not a handle.
    expectId(
      'http://repo.example.edu/jspui/handle/2062/145',
      'url',
      'http://repo.example.edu/jspui/handle/2062/145',
    );
  });

  it('writes "urn:" and the namespace in lower case and repairs a doubled prefix', () => {
    expectId('URN:NBN:de:hbz:464-20200101-123456-7', 'urn', 'urn:nbn:de:hbz:464-20200101-123456-7', 'urn');
    expectId('urn:urn:nbn:de:0183-mbi0002641', 'urn', 'urn:nbn:de:0183-mbi0002641', 'urn-doubled-prefix');
    expectId(
      'urn:uuid:10a0c842-2fa6-11e5-a60f-001999ac7927',
      'urn',
      'urn:uuid:10a0c842-2fa6-11e5-a60f-001999ac7927',
    );
    expectId(
      'https://nbn-resolving.org/urn:nbn:de:0183-mbi0002641',
      'urn',
      'urn:nbn:de:0183-mbi0002641',
      'urn-resolver-url',
    );
    expectId('urn:', null, null);
  });

  it('reads arXiv identifiers, old and new, with their version', () => {
    expectId('arXiv:2101.00001', 'other', 'arXiv:2101.00001', 'arxiv');
    expectId('arxiv: 1207.1019v2 [math.CO]', 'other', 'arXiv:1207.1019v2', 'arxiv');
    expectId('oai:arXiv.org:astro-ph/0110169', 'other', 'arXiv:astro-ph/0110169', 'arxiv');
    expectId('https://arxiv.org/abs/2101.00001v3', 'other', 'arXiv:2101.00001v3', 'arxiv-url');
    expectId('http://arxiv.org/pdf/1207.1019.pdf', 'other', 'arXiv:1207.1019', 'arxiv-url');
    // Month 13 does not exist: no arXiv id.
    expectId('arXiv:2113.00001', null, null);
  });

  it('keeps ARKs, OAI identifiers and local identifiers as written', () => {
    expectId('ark:/12345/b6KN/1', 'other', 'ark:/12345/b6KN/1', 'ark');
    expectId('https://n2t.net/ark:/13030/tf5p30086k', 'other', 'ark:/13030/tf5p30086k', 'ark');
    expectId(
      'oai:papyrus.bib.umontreal.ca:1866/10058',
      'other',
      'oai:papyrus.bib.umontreal.ca:1866/10058',
      'oai-identifier',
    );
    expectId('froac:10', 'other', 'froac:10', 'local-id');
    expectId('Call Number: SM1472', 'other', 'Call Number: SM1472', 'labelled-local-id');
  });

  it('gives kind url for other http(s) addresses, in canonical form', () => {
    expectId('HTTP://WWW.Example.ORG:80/Course/?utm_source=x', 'url', 'http://www.example.org/Course/');
    expectId('www.oer.uni-beispiel.de/kurs/7', 'url', 'https://www.oer.uni-beispiel.de/kurs/7');
  });

  it('gives null for prose that names no identifier', () => {
    expectId('Acta Horticulturae', null, null, 'free-text');
    expectId(
      'Dulk, L. den, Doorne-Huiskes, A. van (2003). Arbeid en Zorg in Europees Perpectief.',
      null,
      null,
      'free-text',
    );
  });
});

describe('normalizeIdentifier: hostile input', () => {
  it('refuses script and data addresses', () => {
    expectId('javascript:alert(1)', null, null, 'scheme:javascript');
    expectId('JAVASCRIPT:alert(1)', null, null, 'scheme:javascript');
    expectId('data:text/html,<script>alert(1)</script>', null, null, 'scheme:data');
    expectId('https://doi.org/javascript:alert(1)', null, null);
  });

  it('ignores control characters and refuses very long values', () => {
    expectId('doi:10.1000/\u0000182', 'doi', '10.1000/182');
    expectId('\u202e10.1000/182', 'doi', '10.1000/182');
    expectId('', null, null, 'empty');
    expectId(' \t ', null, null, 'empty');
    const long = `10.1000/${'x'.repeat(10_000)}`;
    expectId(long, null, null, 'too-long');
    const start = process.hrtime.bigint();
    normalizeIdentifier('10.'.repeat(1300));
    normalizeIdentifier(`doi:${'1'.repeat(4000)}`);
    normalizeIdentifier('a '.repeat(2000));
    assert.ok(process.hrtime.bigint() - start < 200_000_000n, 'pathological values stay fast');
  });
});

describe('identifiers of a record', () => {
  it('reads a bare value the mapper knew the kind of as that kind', () => {
    // "ISBN 3-946212-41-7" reaches the record as the bare ISBN-10 "3946212417": still an ISBN, as ISBN-13.
    const record = normalizeRecord({
      id: 'https://example.org/book',
      type: ['LearningResource'],
      name: { de: 'Grundlagen der Statistik' },
      identifiers: [
        { kind: 'isbn', value: '3946212417' },
        { kind: 'doi', value: '10.5281/zenodo.7712345' },
        { kind: 'other', value: '3946212417' },
      ],
      provenance: [],
    });
    assert.deepEqual(record.identifiers, [
      { kind: 'isbn', value: '9783946212416' },
      { kind: 'doi', value: '10.5281/zenodo.7712345' },
      { kind: 'other', value: '3946212417' },
    ]);
  });
});
