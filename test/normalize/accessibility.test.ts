import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accessibilityFromText,
  normalizeAccessibility,
  type AccessibilityProperty,
} from '../../src/normalize/accessibility.js';
import {
  ACCESSIBILITY_PROPERTIES,
  ACCESSIBILITY_VOCABULARY,
  LRMI_ACCESSIBILITY_SCHEMES,
  accessibilityTerm,
} from '../../src/vocab/accessibility.js';
import { readText } from '../formats/corpus.js';
import { readLabelTable } from '../support/labels.js';

interface Label {
  readonly line: number;
  readonly property: AccessibilityProperty | 'text';
  readonly input: string;
  readonly expected: string;
}

function readLabels(): Label[] {
  const table = readLabelTable(new URL('./accessibility-labels.tsv', import.meta.url), {
    columns: ['property', 'input', 'expected', 'comment'],
    optional: ['comment'],
  });
  return table.rows.map((row) => {
    const property = row.get('property');
    assert.ok(
      property === 'text' || (ACCESSIBILITY_PROPERTIES as readonly string[]).includes(property),
      `line ${row.line}: property ${property}`,
    );
    return {
      line: row.line,
      property: property as Label['property'],
      input: row.get('input'),
      expected: row.get('expected'),
    };
  });
}

/** What the code says for a row, in the notation of the labels. */
function found(label: Label): string {
  if (label.property === 'text') {
    const r = accessibilityFromText(label.input);
    return [...r.feature.map((f) => `feature:${f}`), ...r.hazard.map((h) => `hazard:${h}`)].sort().join(' ');
  }
  return normalizeAccessibility(label.property, label.input).value ?? '';
}

function expected(label: Label): string {
  return label.property === 'text'
    ? label.expected.split(' ').filter(Boolean).sort().join(' ')
    : label.expected;
}

describe('accessibility labeled set', () => {
  it('normalizes at least 95% of the labeled values and statements exactly', (t) => {
    const labels = readLabels();
    assert.ok(labels.length >= 80, `${labels.length} rows`);
    assert.ok(labels.filter((l) => l.property === 'text').length >= 30, 'free-text rows');
    const misses = labels
      .filter((l) => found(l) !== expected(l))
      .map((l) => `line ${l.line}: ${l.property} ${JSON.stringify(l.input)} -> ${JSON.stringify(found(l))}`);
    const accuracy = (labels.length - misses.length) / labels.length;
    t.diagnostic(`accessibility accuracy ${(accuracy * 100).toFixed(1)}% on ${labels.length} values`);
    for (const miss of misses) t.diagnostic(miss);
    assert.ok(accuracy >= 0.95, `accuracy ${accuracy}`);
  });

  it('expects only canonical, current terms of the right property', () => {
    for (const label of readLabels()) {
      if (label.property === 'text') {
        for (const part of label.expected.split(' ').filter(Boolean)) {
          const [kind, value = ''] = part.split(':');
          const property = kind === 'feature' ? 'accessibilityFeature' : 'accessibilityHazard';
          assert.ok(accessibilityTerm(property, value) !== undefined, `line ${label.line}: ${part}`);
        }
      } else if (label.expected !== '') {
        for (const value of label.expected.split(',')) {
          const term = accessibilityTerm(label.property, value);
          assert.ok(term !== undefined, `line ${label.line}: ${value}`);
          assert.equal(term.replacedBy, undefined, `line ${label.line}: ${value} is replaced`);
        }
      }
    }
  });

  it('never claims a feature from the negative statements of the set', () => {
    for (const label of readLabels()) {
      if (label.property !== 'text' || label.expected.includes('feature:')) continue;
      assert.deepEqual(accessibilityFromText(label.input).feature, [], `line ${label.line}`);
    }
  });
});

describe('normalizeAccessibility', () => {
  it('returns every vocabulary term as itself, or as its replacement, under every spelling of it', () => {
    for (const property of ACCESSIBILITY_PROPERTIES) {
      for (const term of ACCESSIBILITY_VOCABULARY[property]) {
        const want = term.replacedBy ?? term.term;
        for (const spelling of [
          term.term,
          term.term.toUpperCase(),
          term.term.replace(/([a-z])([A-Z])/g, '$1 $2'),
        ]) {
          assert.equal(normalizeAccessibility(property, spelling).value, want, `${property} ${spelling}`);
        }
        assert.equal(
          normalizeAccessibility(property, term.label.en).value,
          want,
          `${property} ${term.label.en}`,
        );
        if (term.label.de !== undefined) {
          assert.equal(
            normalizeAccessibility(property, term.label.de).value,
            want,
            `${property} ${term.label.de}`,
          );
        }
      }
    }
  });

  it('says which rule decided', () => {
    assert.equal(normalizeAccessibility('accessibilityFeature', 'alternativeText').rule, 'term');
    assert.equal(normalizeAccessibility('accessibilityFeature', 'Alternative-Text').rule, 'spelling');
    assert.equal(
      normalizeAccessibility('accessibilityFeature', 'highContrast').rule,
      'deprecated:highContrast>highContrastDisplay',
    );
    assert.equal(normalizeAccessibility('accessibilityFeature', 'sous-titres').rule, 'word');
    assert.equal(normalizeAccessibility('accessibilityHazard', 'no flashing').rule, 'negated:flashing');
    assert.equal(
      normalizeAccessibility('accessibilityFeature', 'https://schema.org/captions').rule,
      'uri>term',
    );
    assert.deepEqual(normalizeAccessibility('accessMode', ' '), { input: ' ', value: null, rule: 'empty' });
  });

  it('reads schema.org and LRMI URIs, prefixes and the old slash extensions', () => {
    assert.equal(
      normalizeAccessibility('accessibilityFeature', 'http://schema.org/accessibilityFeature/MathML').value,
      'MathML',
    );
    assert.equal(
      normalizeAccessibility(
        'accessibilityHazard',
        'http://purl.org/dcx/lrmi-vocabs/accessibilityHazard/noSoundHazard',
      ).value,
      'noSoundHazard',
    );
    assert.equal(
      normalizeAccessibility('accessibilityFeature', 'schema:longDescription').value,
      'longDescription',
    );
    assert.equal(
      normalizeAccessibility('accessibilityFeature', 'alternativeText/image').value,
      'alternativeText',
    );
  });

  it('keeps values of one property out of another', () => {
    assert.equal(normalizeAccessibility('accessibilityFeature', 'noFlashingHazard').value, null);
    assert.equal(normalizeAccessibility('accessMode', 'alternativeText').value, null);
    assert.equal(normalizeAccessibility('accessibilityControl', 'ARIA').value, null);
  });

  it('reads a sufficient combination only when every part is an access mode', () => {
    assert.equal(normalizeAccessibility('accessModeSufficient', 'visual,textual').value, 'visual,textual');
    assert.equal(
      normalizeAccessibility('accessModeSufficient', 'textual+auditory').value,
      'textual,auditory',
    );
    assert.equal(normalizeAccessibility('accessModeSufficient', 'textual, textual').value, 'textual');
    assert.equal(normalizeAccessibility('accessModeSufficient', 'textual,colour').value, null);
  });
});

describe('accessibilityFromText', () => {
  it('reads negation before and after, and across a list, but not past "but"', () => {
    assert.deepEqual(accessibilityFromText('No captions or transcripts.').feature, []);
    assert.deepEqual(accessibilityFromText('Untertitel: nein').feature, []);
    assert.deepEqual(accessibilityFromText('No captions, but a transcript is included.').feature, [
      'transcript',
    ]);
    assert.deepEqual(accessibilityFromText('sans sous-titres mais avec transcription').feature, [
      'transcript',
    ]);
  });

  it('keeps sentences apart and skips questions', () => {
    const r = accessibilityFromText(
      'The video has no audio description. Captions are included! Is a transcript available?',
    );
    assert.deepEqual(r.feature, ['captions']);
    assert.ok(r.rules.includes('negated:audioDescription'));
    assert.ok(r.rules.includes('question:transcript'));
  });

  it('drops hazards stated both ways and "none" next to a specific statement', () => {
    assert.deepEqual(accessibilityFromText('Flashing lights in scene 2. No flashing.').hazard, []);
    assert.deepEqual(accessibilityFromText('No hazards. No flashing.').hazard, ['noFlashingHazard']);
  });

  it('does not read Adobe Flash, figure captions or a book subtitle as accessibility statements', () => {
    assert.deepEqual(accessibilityFromText('Requires the Flash player').hazard, []);
    assert.deepEqual(accessibilityFromText('All tables have captions').feature, []);
    assert.deepEqual(accessibilityFromText('The subtitle of the book explains it').feature, []);
  });

  it('reads a statement in a few microseconds', (t) => {
    const statements = readLabels()
      .filter((l) => l.property === 'text')
      .map((l) => l.input);
    let n = 0;
    const before = process.cpuUsage();
    for (let round = 0; round < 20; round++) {
      for (const s of statements) {
        accessibilityFromText(`${s} ${round}`);
        n++;
      }
    }
    const used = process.cpuUsage(before);
    const perText = (used.user + used.system) / n;
    let m = 0;
    const before2 = process.cpuUsage();
    for (let round = 0; round < 20; round++) {
      for (const l of readLabels()) {
        if (l.property !== 'text') normalizeAccessibility(l.property, `${l.input}${' '.repeat(round)}`);
        m++;
      }
    }
    const used2 = process.cpuUsage(before2);
    const perValue = (used2.user + used2.system) / m;
    t.diagnostic(
      `accessibility: ${perValue.toFixed(2)} µs CPU per uncached value, ${perText.toFixed(2)} µs per statement`,
    );
    assert.ok(perText < 200 && perValue < 100);
  });
});

describe('accessibility vocabulary', () => {
  it('holds every concept of the LRMI accessibility schemes, with its labels', () => {
    // Read with a pattern: the Feature file is not valid Turtle (a ";" is missing in its scheme description).
    const files: Record<string, AccessibilityProperty> = {
      'schemaorg-accessibilityFeature.ttl': 'accessibilityFeature',
      'schemaorg-accessibilityHazard.ttl': 'accessibilityHazard',
      'schemaorg-accessibilityControl.ttl': 'accessibilityControl',
      'schemaorg-accessibilityAPI.ttl': 'accessibilityAPI',
    };
    let concepts = 0;
    for (const [file, property] of Object.entries(files)) {
      const scheme = LRMI_ACCESSIBILITY_SCHEMES[property] ?? '';
      for (const block of readText('vocab', 'lrmi', file).split(/\n\s*\n/)) {
        const m = /^<([^>]+)> a skos:Concept\s*;/m.exec(block);
        if (m === null || !(m[1] ?? '').startsWith(scheme)) continue;
        const local = (m[1] ?? '').slice(scheme.length);
        concepts++;
        // The LRMI files spell "bookMarks"; the vocabulary's term is "bookmarks".
        const value = normalizeAccessibility(property, local).value;
        assert.ok(value !== null, `${property} ${local}`);
        const labels = /skos:(?:prefLabel|altLabel)\s+([^;]*);/g;
        for (const lm of block.matchAll(labels)) {
          for (const [, label = ''] of (lm[1] ?? '').matchAll(/"([^"]+)"@(?:en|de)/g)) {
            assert.equal(normalizeAccessibility(property, label).value, value, `${local} label ${label}`);
          }
        }
      }
    }
    assert.equal(concepts, 29 + 6 + 6 + 11);
  });

  it('replaces deprecated terms only by current terms of the same property', () => {
    for (const property of ACCESSIBILITY_PROPERTIES) {
      for (const term of ACCESSIBILITY_VOCABULARY[property]) {
        if (term.replacedBy === undefined) continue;
        assert.equal(term.status, 'deprecated');
        assert.equal(accessibilityTerm(property, term.replacedBy)?.status, 'current', term.term);
      }
    }
  });
});
