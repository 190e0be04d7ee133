// The HCRT vocabulary module and the URI tables against their sources in the shared corpus.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Parser } from 'n3';
import { OEH_LEARNING_RESOURCE_TYPE, OEH_NEW_LRT, COAR } from '../../src/normalize/resource-type-uris.js';
import {
  HCRT_CONCEPTS,
  HCRT_SCHEME,
  HCRT_UI_LANGUAGES,
  hcrtByNotation,
  hcrtConcept,
  hcrtEntry,
  hcrtLabel,
} from '../../src/vocab/hcrt.js';
import { Ajv } from 'ajv';
import { Concept } from '../../src/domain/profile.js';
import { addGuardedFormats } from '../../src/formats/profile/validate-record.js';
import { readText } from '../formats/corpus.js';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';

describe('HCRT vocabulary', () => {
  it('has exactly the concepts, prefLabels and altLabels of hcrt.ttl', () => {
    const quads = new Parser().parse(readText('vocab', 'hcrt.ttl'));
    const top = quads.filter((q) => q.predicate.value === `${SKOS}hasTopConcept`).map((q) => q.object.value);
    assert.deepEqual(
      HCRT_CONCEPTS.map((c) => c.id),
      top,
    );
    for (const q of quads) {
      const concept = hcrtEntry(q.subject.value);
      if (q.object.termType !== 'Literal' || concept === undefined) continue;
      const lang = q.object.language;
      const value = q.object.value.trim();
      if (q.predicate.value === `${SKOS}prefLabel`) {
        assert.equal(concept.prefLabel[lang], value, `${concept.notation} prefLabel@${lang}`);
      } else if (q.predicate.value === `${SKOS}altLabel`) {
        assert.ok(concept.altLabel[lang]?.includes(value), `${concept.notation} altLabel@${lang} ${value}`);
      } else if (q.predicate.value === `${SKOS}scopeNote`) {
        assert.equal(concept.scopeNote[lang], value, `${concept.notation} scopeNote@${lang}`);
      }
    }
  });

  it('has a curated, non-empty label in every UI language for every concept', () => {
    for (const c of HCRT_CONCEPTS) {
      for (const lang of HCRT_UI_LANGUAGES)
        assert.ok((c.curatedLabel[lang] ?? '').trim().length > 0, `${c.id} ${lang}`);
    }
    const zh = new Set(HCRT_CONCEPTS.map((c) => c.curatedLabel.zh));
    assert.equal(zh.size, HCRT_CONCEPTS.length, 'Chinese labels tell the concepts apart');
  });

  it('looks concepts up by URI, notation and prefixed name, in the profile shape', () => {
    assert.equal(hcrtEntry('http://w3id.org/kim/hcrt/video/')?.notation, 'video');
    assert.equal(hcrtEntry('hcrt:web_page')?.id, 'https://w3id.org/kim/hcrt/web_page');
    assert.equal(hcrtEntry('https://w3id.org/kim/hcrt/lecture'), undefined);
    assert.equal(hcrtByNotation('map')?.prefLabel.de, 'Karte');
    const concept = hcrtConcept('https://w3id.org/kim/hcrt/slide');
    assert.ok(concept !== undefined);
    assert.equal(concept.inScheme, HCRT_SCHEME);
    assert.equal(concept.prefLabel?.de, 'Präsentation');
    assert.equal(concept.prefLabel?.ar, 'عرض تقديمي');
    const ajv = new Ajv({ allErrors: true, strict: true });
    addGuardedFormats(ajv, { dateTime: 'rfc3339' });
    const valid = ajv.compile(Concept);
    for (const c of HCRT_CONCEPTS)
      assert.ok(valid(hcrtConcept(c.id)), `${c.id}: ${ajv.errorsText(valid.errors)}`);
    assert.equal(hcrtLabel('https://w3id.org/kim/hcrt/script', 'en'), 'Lecture notes');
    assert.equal(hcrtLabel('https://w3id.org/kim/hcrt/script', 'pt-BR'), 'Apostila');
    assert.equal(hcrtLabel('https://w3id.org/kim/hcrt/script', 'nl'), 'Script');
    assert.equal(hcrtLabel('https://w3id.org/kim/hcrt/script', 'ja'), 'Lecture notes');
  });
});

describe('resource type URI tables', () => {
  it('carry the OpenEduHub -> HCRT mapping of oersi-etl unchanged', () => {
    const rows = readText('vocab', 'mappings-oersi', 'OEH_LRT-HCRT.tsv')
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((p) => p.length >= 2);
    assert.ok(rows.length > 200);
    for (const [from = '', to = ''] of rows) {
      const m = /\/vocabs\/(learningResourceType|new_lrt)\/(.+)$/.exec(from);
      assert.ok(m !== null, from);
      const table = m[1] === 'new_lrt' ? OEH_NEW_LRT : OEH_LEARNING_RESOURCE_TYPE;
      assert.equal(`https://w3id.org/kim/hcrt/${table[m[2] ?? ''] ?? '?'}`, to, from);
    }
  });

  it('carry the COAR -> HCRT mapping of oersi-etl unchanged', () => {
    for (const line of readText('vocab', 'mappings-oersi', 'coarResource2hcrt.tsv').split('\n')) {
      const [from = '', to = ''] = line.trim().split(/\s+/);
      if (from === '') continue;
      const code = from.replace(/.*\//, '');
      assert.equal(`https://w3id.org/kim/hcrt/${COAR[code] ?? '?'}`, to, from);
    }
  });

  it('map only to HCRT notations', () => {
    const notations = new Set(HCRT_CONCEPTS.map((c) => c.notation));
    for (const table of [OEH_NEW_LRT, OEH_LEARNING_RESOURCE_TYPE, COAR]) {
      for (const [k, v] of Object.entries(table)) assert.ok(v === null || notations.has(v), `${k} -> ${v}`);
    }
  });
});
