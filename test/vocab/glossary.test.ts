// The shipped glossary of learning-resource topics (data-bundled/vocab/curated/glossary.*.tsv): every file names
// its languages in its first line, every topic has its term in English and in the other UN languages, ids are
// unique, a topic found in one language leads to its terms in the others, and rows of several files with the
// same English term are one topic (a file of language-neutral names adds to the topics of another).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { glossaryTerm, glossaryTerms } from '../../src/vocab/glossary.js';
import { loadCuratedTables } from '../../src/vocab/load.js';

const UN = ['en', 'fr', 'es', 'ru', 'ar', 'zh'];

void describe('glossary of topics', () => {
  void it('ships files whose first line names the languages of the columns', () => {
    const tables = loadCuratedTables('glossary.');
    assert.ok(tables.size >= 1, 'at least one glossary file');
    for (const [name, rows] of tables) {
      const header = rows[0] ?? [];
      for (const lang of UN) assert.ok(header.includes(lang), `${name}: column ${lang}`);
      for (const [i, row] of rows.entries()) {
        assert.ok(row.length <= header.length, `${name} line ${i + 1}: ${row.length} cells`);
      }
    }
  });

  void it('gives every topic a unique id and its term in every UN language', () => {
    const terms = glossaryTerms();
    assert.ok(terms.length >= 500, `${terms.length} topics`);
    assert.equal(new Set(terms.map((t) => t.id)).size, terms.length);
    for (const term of terms) {
      assert.match(term.id, /^g:\S+$/);
      for (const lang of UN)
        assert.ok((term.labels[lang]?.length ?? 0) > 0, `${term.id} has no ${lang} term`);
      assert.equal(glossaryTerm(term.id), term);
    }
  });

  void it('merges the rows of one English term, language-neutral names included', () => {
    let merged = 0;
    for (const rows of loadCuratedTables('glossary.').values()) {
      const [header = [], ...entries] = rows;
      const mul = header.indexOf('mul');
      if (mul < 0) continue;
      for (const row of entries) {
        const english = (row[0] ?? '').split('|')[0]?.trim() ?? '';
        const term = glossaryTerm(`g:${english.toLowerCase().split(/\s+/).join('-')}`);
        assert.ok(term !== undefined, `${english}: no topic of that English term`);
        const names = (row[mul] ?? '')
          .split('|')
          .map((n) => n.trim())
          .filter((n) => n !== '');
        for (const name of names) assert.ok(term.labels['mul']?.includes(name), `${english}: ${name}`);
        // The topic keeps the terms of the file that defines it.
        for (const lang of UN) assert.ok((term.labels[lang]?.length ?? 0) > 0, `${english} ${lang}`);
        merged += 1;
      }
    }
    assert.ok(merged > 0, 'a file of language-neutral names');
  });
});
