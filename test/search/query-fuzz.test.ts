// Property tests of the search query parser over thousands of seeded random strings built from the nasty
// classes (random code units with unpaired surrogates, controls, bidi and format characters, every quote
// style, operators, dashes, words in many scripts, combining marks, emoji sequences, 10 kB inputs): it
// never throws, the tree is well formed and within the caps, and describeQuery round-trips.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_MAX_QUERY_LENGTH,
  DEFAULT_MAX_QUERY_TERMS,
  describeQuery,
  parseQuery,
  QUERY_NOTES,
  type ParsedQuery,
  type QueryNode,
} from '../../src/search/query.js';

/** mulberry32: a small seeded generator, so every run tries the same strings. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES: readonly (readonly string[])[] = [
  // words in many scripts
  ['algebra', 'Algèbre', 'e-learning', 'K-12', 'C++', 'l’eau', "don't", 'ÉCOLE', 'straße', 'x'],
  [
    'математика',
    'حساب',
    'الرِّيَاضِيَّات',
    'गणित',
    'गतिविधियाँ',
    'คณิตศาสตร์',
    '线性代数',
    '数学の基礎',
    '수학',
    'ʻōlelo',
  ],
  [
    'می\u200Cخواهم',
    '👩\u200D🔬',
    '🇫🇷',
    '🏳️\u200D🌈',
    'e\u0301',
    'a\u0301\u0323',
    'Z\u0335\u0336\u0337\u0338',
    '\u0301',
    '1,5',
    '2024',
  ],
  // operators and their look-alikes
  [
    'OR',
    'AND',
    'NOT',
    'or',
    'Or',
    '|',
    '||',
    '｜',
    '-',
    '--',
    '+',
    '−',
    '－',
    '＋',
    '-OR',
    'NOT NOT',
    'OR OR',
  ],
  // every quote style, open and close
  [
    '"',
    '＂',
    '“',
    '”',
    '„',
    '‟',
    '«',
    '»',
    '「',
    '」',
    '『',
    '』',
    '〝',
    '〞',
    '〟',
    '﹁',
    '﹂',
    '﹃',
    '﹄',
    "'",
    '‹',
    '›',
  ],
  // separators and white space
  [
    ' ',
    '  ',
    '\t',
    '\n',
    '\r\n',
    '\u00A0',
    '\u202F',
    '\u3000',
    '\u2028',
    '\u200B',
    '、',
    '。',
    '，',
    '！',
    '？',
  ],
  // controls, format characters, unpaired surrogates, noncharacters, punctuation
  [
    '\u0000',
    '\u0007',
    '\u001B',
    '\u007F',
    '\u0085',
    '\u009F',
    '\u00AD',
    '\u200E',
    '\u202E',
    '\u2066',
    '\uFEFF',
    '\uD800',
    '\uDFFF',
    '\uDBFF',
    '\uFFFE',
    '\uFDD0',
    '\u{10FFFF}',
    '...',
    '&',
    '(',
    ')',
    '#',
    '\\',
    '*',
    ':',
    '=',
  ],
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  const value = list[Math.floor(rnd() * list.length)];
  assert.ok(value !== undefined);
  return value;
}

/** One random string: pieces of the classes above, or raw random code units, sometimes 10 kB long. */
function randomQuery(rnd: () => number): string {
  const mode = rnd();
  if (mode < 0.1) {
    let s = '';
    const n = Math.floor(rnd() * 60);
    for (let k = 0; k < n; k++) s += String.fromCharCode(Math.floor(rnd() * 0x10000));
    return s;
  }
  const long = mode > 0.95;
  const count = long ? 2500 + Math.floor(rnd() * 1000) : Math.floor(rnd() * 40);
  const parts: string[] = [];
  for (let k = 0; k < count; k++) {
    const cls = pick(rnd, PIECES);
    parts.push(pick(rnd, cls));
    if (rnd() < 0.5) parts.push(' ');
  }
  return parts.join('');
}

function codePoints(text: string): number {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
}

const QUOTES = /["＂“”„‟«»「」『』〝〞〟﹁﹂﹃﹄]/u;
const NOTES: ReadonlySet<string> = new Set(Object.values(QUERY_NOTES));

/** Asserts that the result is well formed; returns the leaves. */
function checkWellFormed(q: ParsedQuery, input: string, maxLength: number, maxTerms: number): QueryNode[] {
  const label = JSON.stringify(input.slice(0, 200));
  assert.equal(typeof q.truncated, 'boolean', label);
  const notes: unknown = q.notes;
  assert.ok(Array.isArray(notes), label);
  assert.equal(new Set(q.notes).size, q.notes.length, `duplicate notes for ${label}`);
  for (const note of q.notes) assert.ok(NOTES.has(note), `unknown note ${note}`);
  if (q.root === null) return [];
  assert.notEqual(q.root.kind, 'not', `a root exclusion for ${label}`);
  const leaves: QueryNode[] = [];
  const walk = (node: QueryNode, depth: number, parent: QueryNode['kind'] | null): void => {
    assert.ok(depth <= 3, `depth ${depth} for ${label}`);
    switch (node.kind) {
      case 'term':
      case 'phrase': {
        const { text } = node;
        assert.ok(text.length > 0, `empty ${node.kind} for ${label}`);
        assert.equal(text, text.trim(), label);
        assert.equal(text, text.normalize('NFC'), label);
        assert.ok(!/[\uD800-\uDFFF]/u.test(text), `unpaired surrogate in ${label}`);
        assert.ok(!/[\p{Cc}\u00AD\u202A-\u202E\uFEFF]/u.test(text), `control in ${JSON.stringify(text)}`);
        assert.ok(!QUOTES.test(text), `quote mark in ${JSON.stringify(text)}`);
        assert.ok(/[\p{L}\p{N}\p{S}\p{M}]/u.test(text), `nothing searchable in ${JSON.stringify(text)}`);
        if (node.kind === 'term') {
          assert.ok(!/[\s|｜、。，；：！？]/u.test(text), `separator in term ${JSON.stringify(text)}`);
          assert.ok(!/^[-+\u2212\uFF0D\uFF0B]/u.test(text), `prefix left on ${JSON.stringify(text)}`);
          if (parent !== 'not') assert.ok(!['OR', 'AND', 'NOT'].includes(text), label);
        } else {
          assert.ok(!/\s\s|[^\S ]/u.test(text), `white space not collapsed in ${JSON.stringify(text)}`);
        }
        leaves.push(node);
        return;
      }
      case 'not':
        assert.ok(node.node.kind === 'term' || node.node.kind === 'phrase', label);
        walk(node.node, depth + 1, 'not');
        return;
      case 'or':
        assert.ok(node.nodes.length >= 2, label);
        for (const child of node.nodes) {
          assert.ok(child.kind === 'term' || child.kind === 'phrase', label);
          walk(child, depth + 1, 'or');
        }
        return;
      case 'and':
        assert.equal(parent, null, label);
        assert.ok(node.nodes.length >= 2, label);
        assert.ok(
          node.nodes.some((c) => c.kind !== 'not'),
          `only exclusions for ${label}`,
        );
        for (const child of node.nodes) walk(child, depth + 1, 'and');
        return;
    }
  };
  walk(q.root, 1, null);
  const distinct = new Set(
    leaves.map((l) => `${l.kind}:${l.kind === 'term' || l.kind === 'phrase' ? l.text : ''}`),
  );
  assert.ok(distinct.size <= maxTerms, `${distinct.size} items > ${maxTerms} for ${label}`);
  const chars = leaves.reduce(
    (sum, l) => sum + (l.kind === 'term' || l.kind === 'phrase' ? codePoints(l.text) : 0),
    0,
  );
  assert.ok(chars <= maxLength, `${chars} characters > ${maxLength} for ${label}`);
  return leaves;
}

describe('parseQuery under fuzzing', () => {
  it('never throws and always gives a well-formed tree (6,000 seeded strings, default caps)', () => {
    const rnd = random(20240611);
    const seen = {
      notes: new Set<string>(),
      truncated: 0,
      nullRoot: 0,
      and: 0,
      or: 0,
      not: 0,
      phrase: 0,
      long: 0,
    };
    for (let k = 0; k < 6000; k++) {
      const input = randomQuery(rnd);
      if (input.length > 5000) seen.long++;
      const q = parseQuery(input);
      checkWellFormed(q, input, DEFAULT_MAX_QUERY_LENGTH, DEFAULT_MAX_QUERY_TERMS);
      for (const note of q.notes) seen.notes.add(note);
      if (q.truncated) seen.truncated++;
      if (q.root === null) seen.nullRoot++;
      const text = describeQuery(q);
      if (q.root?.kind === 'and') seen.and++;
      if (text.includes(' OR ')) seen.or++;
      if (/(^| )-/.test(text)) seen.not++;
      if (text.includes('"')) seen.phrase++;
    }
    // The generator reaches every branch: otherwise this test would prove little.
    assert.deepEqual([...seen.notes].sort(), [...NOTES].sort());
    for (const [name, count] of Object.entries(seen)) {
      if (typeof count === 'number') assert.ok(count > 20, `only ${count} cases of ${name}`);
    }
  });

  it('stays well formed with small caps', () => {
    const rnd = random(7);
    for (let k = 0; k < 3000; k++) {
      const input = randomQuery(rnd);
      const maxLength = 1 + Math.floor(rnd() * 40);
      const maxTerms = 1 + Math.floor(rnd() * 5);
      const q = parseQuery(input, { maxLength, maxTerms });
      checkWellFormed(q, input, maxLength, maxTerms);
    }
  });

  it('round-trips through describeQuery, without notes, and is deterministic', () => {
    const rnd = random(99);
    for (let k = 0; k < 4000; k++) {
      const input = randomQuery(rnd);
      const q = parseQuery(input);
      assert.deepEqual(parseQuery(input), q);
      const text = describeQuery(q);
      const again = parseQuery(text, { maxLength: 100_000, maxTerms: 1000 });
      const label = JSON.stringify(input.slice(0, 200));
      assert.deepEqual(again.root, q.root, `${label} -> ${JSON.stringify(text)}`);
      assert.deepEqual(again.notes, [], `${label} -> ${JSON.stringify(text)}`);
      assert.equal(describeQuery(again), text);
    }
  });

  it('survives inputs of 10 kB to 1 MB, and non-string input from JavaScript callers', () => {
    const rnd = random(3);
    for (const size of [1e4, 1e5, 1e6]) {
      let s = '';
      while (s.length < size) s += randomQuery(rnd);
      const q = parseQuery(s);
      checkWellFormed(q, s, DEFAULT_MAX_QUERY_LENGTH, DEFAULT_MAX_QUERY_TERMS);
      assert.equal(q.truncated, true);
    }
    const odd: readonly unknown[] = [undefined, null, 42, {}, ['a']];
    for (const value of odd) {
      assert.deepEqual(parseQuery(value as string), { root: null, notes: [], truncated: false });
    }
  });
});
