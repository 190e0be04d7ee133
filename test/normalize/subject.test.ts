// Subject normalization: the labeled set of real subject values, scheme tables and the free-text rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeSubjects, type SubjectInput } from '../../src/normalize/subject.js';
import { schemeIdField, schemeText } from '../../src/normalize/subject-schemes.js';
import { iscedField, UNESCO_SCHEME } from '../../src/vocab/index.js';
import { readLabelTable } from '../support/labels.js';

interface Row {
  readonly line: number;
  readonly kind: string;
  readonly value: string;
  readonly lang: string;
  /** Acceptable field sets, each sorted and joined by a space. */
  readonly expected: readonly string[];
}

function readRows(): Row[] {
  const table = readLabelTable(new URL('./subject-labels.tsv', import.meta.url), {
    columns: ['kind', 'value', 'lang', 'expected', 'source', 'comment'],
    optional: ['comment'],
  });
  return table.rows.map((row) => {
    const kind = row.get('kind');
    assert.ok(['keyword', 'subject-id', 'subject-label', 'record'].includes(kind), `line ${row.line}: kind`);
    assert.ok(row.get('source') !== '', `line ${row.line}: source`);
    const alternatives = row
      .get('expected')
      .split('|')
      .map((a) => a.trim().split(/\s+/).filter(Boolean).sort().join(' '));
    for (const code of alternatives.flatMap((a) => (a === '' ? [] : a.split(' ')))) {
      assert.ok(iscedField(code), `line ${row.line}: unknown field ${code}`);
    }
    return { line: row.line, kind, value: row.get('value'), lang: row.get('lang'), expected: alternatives };
  });
}

function inputOf(row: Row): SubjectInput {
  const language = row.lang === '' ? {} : { language: row.lang };
  switch (row.kind) {
    case 'keyword':
      return { keywords: [row.value], ...language };
    case 'subject-id':
      return { subjects: [{ id: row.value }], ...language };
    case 'subject-label':
      return { subjects: [{ label: row.value }], ...language };
    default: {
      const items = row.value.split(' || ');
      return {
        keywords: items.filter((i) => !i.startsWith('id:')),
        subjects: items.filter((i) => i.startsWith('id:')).map((i) => ({ id: i.slice(3) })),
        ...language,
      };
    }
  }
}

describe('subject labeled set', () => {
  it('gives the expected ISCED-F fields for most real subject values', (t) => {
    const rows = readRows();
    assert.ok(rows.length >= 150, `${rows.length} rows`);
    const languages = new Set(rows.map((r) => r.lang).filter((l) => l !== ''));
    assert.ok(languages.size >= 8, [...languages].join(' '));
    const misses: string[] = [];
    let wrongField = 0;
    for (const row of rows) {
      const got = [...normalizeSubjects(inputOf(row)).fields].sort().join(' ');
      if (!row.expected.includes(got)) {
        misses.push(
          `line ${row.line}: ${JSON.stringify(row.value)} -> ${got === '' ? '(none)' : got}, expected ${row.expected.join(' | ')}`,
        );
        if (got !== '') wrongField += 1;
      }
    }
    const accuracy = (rows.length - misses.length) / rows.length;
    t.diagnostic(
      `subject accuracy ${(accuracy * 100).toFixed(1)}% (${rows.length - misses.length}/${rows.length})`,
    );
    t.diagnostic(
      `misses with a wrong field: ${wrongField}; misses with no field: ${misses.length - wrongField}`,
    );
    for (const miss of misses) t.diagnostic(`miss ${miss}`);
    assert.ok(accuracy >= 0.8, misses.join('\n'));
    assert.ok(wrongField / rows.length <= 0.05, `${wrongField} wrong fields`);
  });
});

describe('normalizeSubjects: schemes', () => {
  it('maps Destatis subject URIs at every level, in both URI forms and with the stray zero', () => {
    const fields = (id: string): readonly string[] => normalizeSubjects({ subjects: [{ id }] }).fields;
    assert.deepEqual(fields('https://w3id.org/kim/hochschulfaechersystematik/n079'), ['0613']);
    assert.deepEqual(fields('http://w3id.org/kim/hochschulfaechersystematik/n079'), ['0613']);
    assert.deepEqual(fields('https://w3id.org/kim/hochschulfaechersystematik/n37'), ['0541']);
    assert.deepEqual(fields('https://w3id.org/kim/hochschulfaechersystematik/n4'), ['05']);
    assert.deepEqual(fields('https://w3id.org/kim/hochschulfaechersystematik/n0128'), ['0533']);
    const rule = normalizeSubjects({
      subjects: [{ id: 'https://w3id.org/kim/hochschulfaechersystematik/n079' }],
    }).rules[0];
    assert.deepEqual(rule, {
      input: 'https://w3id.org/kim/hochschulfaechersystematik/n079',
      output: '0613',
      rule: 'scheme:destatis',
    });
  });

  it('maps OpenEduHub, ESC / ISCED-F, UNESCO, Dewey and UDC subjects', () => {
    assert.equal(schemeIdField('http://w3id.org/openeduhub/vocabs/discipline/460')?.field, '0533');
    assert.equal(schemeIdField('https://w3id.org/class/esc/n0231-fr')?.field, '0231');
    assert.equal(schemeIdField('https://w3id.org/kim/isced-2013/n0912')?.field, '0912');
    assert.equal(schemeIdField('urn:oer-atlas:vocab:taxon:ddc:621.38')?.field, '0714');
    assert.equal(schemeIdField('510', 'DDC')?.field, '0541');
    assert.equal(schemeIdField('info:eu-repo/classification/ddc/004')?.field, '0613');
    assert.equal(schemeText('УДК 621.3')?.field, '0713');
    assert.equal(schemeText('UDC 37.01')?.field, '0111');
    assert.equal(schemeText('ddc:796.3')?.field, '1014');
    const unesco = schemeIdField('http://vocabularies.unesco.org/thesaurus/concept143');
    assert.equal(unesco?.rule, 'unesco');
    assert.equal(unesco?.unesco, 'concept143');
    assert.equal(schemeIdField('https://example.org/subjects/42'), null);
  });

  it('maps arXiv categories and subject names, old archives included', () => {
    assert.equal(schemeText('cs.LG')?.field, '0613');
    assert.equal(schemeText('math.ST')?.field, '0542');
    assert.equal(schemeText('hep-th')?.field, '0533');
    assert.equal(schemeText('q-bio.BM')?.field, '0512');
    assert.equal(schemeText('solv-int')?.field, '0533');
    assert.equal(schemeText('High Energy Physics - Phenomenology')?.field, '0533');
    assert.equal(schemeText('Quantitative Finance - Economics')?.field, '0412');
    assert.deepEqual(normalizeSubjects({ keywords: ['cs.IT math.IT'] }).fields, ['0613']);
    assert.deepEqual(normalizeSubjects({ keywords: ['physics:astro-ph'] }).fields, ['0533']);
    assert.deepEqual(normalizeSubjects({ keywords: ['hep-ph astro-ph.CO hep-th'] }).fields, ['0533']);
    // Ordinary words with a hyphen or a dot are not categories.
    assert.equal(schemeText('e-learning'), null);
    assert.equal(schemeText('Mr. Smith'), null);
  });
});

describe('normalizeSubjects: free text', () => {
  it('keeps a generic concept from taking over a record about something else', () => {
    const record = normalizeSubjects({
      keywords: ['Education', 'Organic chemistry', 'Students'],
      language: 'en',
    });
    assert.deepEqual(record.fields, ['0531']);
    assert.deepEqual(normalizeSubjects({ keywords: ['Education'] }).fields, ['011']);
    // A generic word inside a longer keyword decides nothing.
    assert.deepEqual(normalizeSubjects({ keywords: ['Enthalpy of formation'] }).fields, []);
  });

  it('gives the most specific justified field and drops its ancestors', () => {
    const r = normalizeSubjects({ keywords: ['Physical sciences', 'Physics', 'Quantum physics'] });
    assert.deepEqual(r.fields, ['0533']);
  });

  it('keeps several fields when the keywords say several, at most three', () => {
    const r = normalizeSubjects({ keywords: ['Economics', 'Statistics', 'Psychology', 'Law', 'Music'] });
    assert.equal(r.fields.length, 3);
    const two = normalizeSubjects({ keywords: ['Physical Sciences and Mathematics'] });
    assert.deepEqual(two.fields, ['053', '0541']);
  });

  it('reads the head of a phrase', () => {
    assert.deepEqual(normalizeSubjects({ keywords: ['Population biology'], language: 'en' }).fields, [
      '0511',
    ]);
    assert.deepEqual(normalizeSubjects({ keywords: ['Chinese literature'], language: 'en' }).fields, [
      '0232',
    ]);
  });

  it('does not take one-word labels of another language for the record language', () => {
    // "Mode" is the French label of Fashion; "sleep modes" is not about fashion.
    assert.ok(!normalizeSubjects({ keywords: ['sleep modes'], language: 'en' }).fields.includes('0212'));
  });

  it('returns UNESCO concepts as profile concepts, at most five, generic ones only when named exactly', () => {
    const r = normalizeSubjects({
      keywords: [
        'Organic chemistry',
        'Physics',
        'Biology',
        'Geology',
        'Astronomy',
        'Botany',
        'Zoology',
        'Genetics of education',
      ],
    });
    assert.equal(r.concepts.length, 5);
    for (const c of r.concepts) {
      // The shape of the profile's Concept: nothing but id, prefLabel, inScheme (and notation).
      assert.deepEqual(Object.keys(c).sort(), ['id', 'inScheme', 'prefLabel']);
      for (const [lang, label] of Object.entries(c.prefLabel ?? {}))
        assert.ok(/^[a-z]{2}$/.test(lang) && label !== '');
      assert.equal(c.inScheme, UNESCO_SCHEME);
      assert.ok(c.id.startsWith('http://vocabularies.unesco.org/thesaurus/concept'));
      assert.ok(c.prefLabel?.['en'] !== undefined && c.prefLabel['fr'] !== undefined);
    }
    const generic = normalizeSubjects({ keywords: ['Students of chemistry'] }).concepts.map(
      (c) => c.prefLabel?.['en'],
    );
    assert.ok(!generic.includes('Students'), generic.join(', '));
    const exact = normalizeSubjects({ keywords: ['Students'] }).concepts.map((c) => c.prefLabel?.['en']);
    assert.deepEqual(exact, ['Students']);
  });

  it('explains each decision with a rule, and gives the same answer twice (cache)', () => {
    const input = { keywords: ['Chemistry (0485)', 'cs.LG', 'Herbicida : Adsorção'], language: 'pt' };
    const first = normalizeSubjects(input);
    assert.deepEqual(normalizeSubjects(input), first);
    const rules = first.rules.map((r) => r.rule);
    assert.ok(rules.includes('scheme:arxiv'));
    assert.ok(rules.some((r) => r.startsWith('label:unesco:')));
    assert.ok(rules.includes('fields:best-scores'));
    for (const r of first.rules) assert.ok(r.input !== '' && r.output !== '' && r.rule !== '');
  });

  it('returns nothing for empty or unknown input', () => {
    assert.deepEqual(normalizeSubjects({}), { fields: [], concepts: [], rules: [] });
    assert.deepEqual(normalizeSubjects({ keywords: ['', '  ', 'Record Subject'] }).fields, []);
    assert.deepEqual(
      normalizeSubjects({ subjects: [{ id: 'https://example.org/x', label: 'Xyzzy' }] }).fields,
      [],
    );
  });
});
