// The shipped glossary of learning-resource topics (data-bundled/vocab/curated/glossary.*.tsv): every file names
// its languages in its first line, every topic has its term in English and in the other UN languages, ids are
// unique, and a topic found in one language leads to its terms in the others.
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
});
