// Tests of the search query parser: each rule of the grammar (words, phrases in many quoting styles,
// exclusions, OR groups, upper-case operators), cleaning of hostile characters, the length and word caps,
// and describeQuery's canonical form.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_MAX_QUERY_LENGTH,
  DEFAULT_MAX_QUERY_TERMS,
  describeQuery,
  parseQuery,
  QUERY_NOTES,
  type QueryNode,
} from '../../src/search/query.js';

const t = (text: string): QueryNode => ({ kind: 'term', text });
const p = (text: string): QueryNode => ({ kind: 'phrase', text });
const not = (node: QueryNode): QueryNode => ({ kind: 'not', node });
const or = (...nodes: QueryNode[]): QueryNode => ({ kind: 'or', nodes });
const and = (...nodes: QueryNode[]): QueryNode => ({ kind: 'and', nodes });

function root(input: string): QueryNode | null {
  return parseQuery(input).root;
}

describe('parseQuery: words', () => {
  it('reads one word as a term, as typed', () => {
    assert.deepEqual(parseQuery('Algèbre'), { root: t('Algèbre'), notes: [], truncated: false });
  });

  it('ANDs words separated by any white space', () => {
    assert.deepEqual(
      root('linear\talgebra\u3000代数\u00A0x\ny'),
      and(t('linear'), t('algebra'), t('代数'), t('x'), t('y')),
    );
  });

  it('keeps a hyphen inside a word', () => {
    assert.deepEqual(root('e-learning K-12 x-'), and(t('e-learning'), t('K-12'), t('x-')));
  });

  it('gives one term per run of a script written without spaces', () => {
    assert.deepEqual(root('线性代数导论'), t('线性代数导论'));
    assert.deepEqual(root('คณิตศาสตร์พื้นฐาน'), t('คณิตศาสตร์พื้นฐาน'));
    assert.deepEqual(root('数学の基礎 代数'), and(t('数学の基礎'), t('代数')));
  });

  it('separates words at CJK sentence marks outside quotes', () => {
    assert.deepEqual(root('数学，物理、化学。'), and(t('数学'), t('物理'), t('化学')));
  });

  it('drops words made of punctuation only, silently', () => {
    assert.deepEqual(parseQuery('algebra ... & geometry'), {
      root: and(t('algebra'), t('geometry')),
      notes: [],
      truncated: false,
    });
  });

  it('keeps words of symbols and of letters in every script', () => {
    assert.deepEqual(root('C++ € ∑ حساب गणित'), and(t('C++'), t('€'), t('∑'), t('حساب'), t('गणित')));
  });

  it('keeps duplicate items once', () => {
    assert.deepEqual(root('math math -x -x'), and(t('math'), not(t('x'))));
    assert.deepEqual(root('a OR b b OR a'), or(t('a'), t('b')));
  });
});

describe('parseQuery: phrases', () => {
  it('reads quoted words as a phrase, with white space collapsed', () => {
    assert.deepEqual(root('"linear   algebra" matrices'), and(p('linear algebra'), t('matrices')));
  });

  it('accepts the quotation marks of many languages', () => {
    const styles = [
      '"x y"',
      '“x y”',
      '„x y“',
      '„x y”',
      '”x y”',
      '«x y»',
      '« x y »',
      '»x y«',
      '»x y»',
      '＂x y＂',
      '「x y」',
      '『x y』',
      '〝x y〞',
    ];
    for (const style of styles)
      assert.deepEqual(parseQuery(style), { root: p('x y'), notes: [], truncated: false }, style);
  });

  it('closes an unbalanced quote at the end, with a note', () => {
    assert.deepEqual(parseQuery('algebra "linear equa'), {
      root: and(t('algebra'), p('linear equa')),
      notes: [QUERY_NOTES.unbalancedQuote],
      truncated: false,
    });
  });

  it('ignores empty quotes, with a note', () => {
    assert.deepEqual(parseQuery('x "" " " y'), {
      root: and(t('x'), t('y')),
      notes: [QUERY_NOTES.emptyQuotes],
      truncated: false,
    });
  });

  it('ends a word at a quote', () => {
    assert.deepEqual(root('ab"cd ef"gh'), and(t('ab'), p('cd ef'), t('gh')));
  });

  it('reads operators and quote marks of another style inside a phrase as text', () => {
    assert.deepEqual(root('«a | b OR -c»'), p('a | b OR -c'));
    assert.deepEqual(root('«il dit "oui"»'), p('il dit oui'));
  });

  it('treats a closing-only mark outside a phrase as a separator', () => {
    assert.deepEqual(root('数学」物理'), and(t('数学'), t('物理')));
  });
});

describe('parseQuery: exclusions', () => {
  it('excludes a word or phrase after a leading minus', () => {
    assert.deepEqual(
      root('algebra -geometry -"linear map"'),
      and(t('algebra'), not(t('geometry')), not(p('linear map'))),
    );
  });

  it('accepts the minus sign and the full-width hyphen-minus', () => {
    assert.deepEqual(root('a \u2212b \uFF0Dc'), and(t('a'), not(t('b')), not(t('c'))));
  });

  it('reads a run of dashes and pluses as one prefix', () => {
    assert.deepEqual(root('a --b +c +-d'), and(t('a'), not(t('b')), t('c'), not(t('d'))));
  });

  it('excludes with upper-case NOT, but lower-case not is a word', () => {
    assert.deepEqual(root('algebra NOT geometry'), and(t('algebra'), not(t('geometry'))));
    assert.deepEqual(root('algebra not geometry'), and(t('algebra'), t('not'), t('geometry')));
  });

  it('gives no root for exclusions only, with the note "nothing to search for"', () => {
    assert.deepEqual(parseQuery('-algebra -"x y" NOT z'), {
      root: null,
      notes: [QUERY_NOTES.nothingToSearch],
      truncated: false,
    });
  });

  it('drops a lone minus, with a note', () => {
    assert.deepEqual(parseQuery('a - b'), {
      root: and(t('a'), t('b')),
      notes: [QUERY_NOTES.danglingOperator],
      truncated: false,
    });
  });

  it('lets a negated operator word be a term', () => {
    assert.deepEqual(root('gate -OR'), and(t('gate'), not(t('OR'))));
  });
});

describe('parseQuery: OR', () => {
  it('binds OR tighter than the implicit AND', () => {
    assert.deepEqual(root('a b OR c d'), and(t('a'), or(t('b'), t('c')), t('d')));
    assert.deepEqual(root('a OR b OR "c d"'), or(t('a'), t('b'), p('c d')));
  });

  it('reads | and ｜ as OR, even without spaces', () => {
    assert.deepEqual(root('a|b ｜ c'), or(t('a'), t('b'), t('c')));
    assert.deepEqual(root('a || b'), or(t('a'), t('b')));
  });

  it('reads lower-case or as a word', () => {
    assert.deepEqual(root('black or white'), and(t('black'), t('or'), t('white')));
  });

  it('drops the explicit upper-case AND between items', () => {
    assert.deepEqual(parseQuery('a AND b'), { root: and(t('a'), t('b')), notes: [], truncated: false });
  });

  it('drops operators at the edges, with a note', () => {
    assert.deepEqual(parseQuery('OR a b |'), {
      root: and(t('a'), t('b')),
      notes: [QUERY_NOTES.danglingOperator],
      truncated: false,
    });
  });

  it('reads OR next to an exclusion as AND, with a note', () => {
    assert.deepEqual(parseQuery('a OR -b'), {
      root: and(t('a'), not(t('b'))),
      notes: [QUERY_NOTES.orWithExclusion],
      truncated: false,
    });
  });

  it('gives no root for operators only', () => {
    for (const input of ['OR', '| |', '-', 'AND OR NOT', '- + |', '""']) {
      const q = parseQuery(input);
      assert.equal(q.root, null, input);
      assert.ok(q.notes.includes(QUERY_NOTES.nothingToSearch), input);
    }
  });
});

describe('parseQuery: cleaning', () => {
  it('removes control and invisible format characters, and unpaired surrogates', () => {
    assert.deepEqual(
      root('al\u0000ge\u202Ebra\uFEFF \uD800x\uDFFF \u00ADy'),
      and(t('algebra'), t('x'), t('y')),
    );
  });

  it('reads tab, line breaks and zero-width space as spaces', () => {
    assert.deepEqual(root('a\tb\r\nc\u2028d\u200Be'), and(t('a'), t('b'), t('c'), t('d'), t('e')));
  });

  it('keeps zero-width joiners and non-joiners, and emoji sequences', () => {
    const persian = 'می\u200Cخواهم';
    assert.deepEqual(root(`${persian} 👩\u200D🔬`), and(t(persian), t('👩\u200D🔬')));
  });

  it('normalizes to NFC', () => {
    assert.deepEqual(root('cafe\u0301'), t('café'));
  });

  it('yields no root and no note for empty or blank input', () => {
    for (const input of ['', '   ', '\u0000\u200E', '\n\t']) {
      assert.deepEqual(parseQuery(input), { root: null, notes: [], truncated: false }, JSON.stringify(input));
    }
  });
});

describe('parseQuery: caps', () => {
  it('has the documented defaults', () => {
    assert.equal(DEFAULT_MAX_QUERY_LENGTH, 1000);
    assert.equal(DEFAULT_MAX_QUERY_TERMS, 32);
  });

  it('keeps the first maxTerms distinct items and says so', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const q = parseQuery(words.join(' '));
    assert.equal(q.truncated, true);
    assert.deepEqual(q.notes, [QUERY_NOTES.tooManyTerms]);
    assert.deepEqual(q.root, and(...words.slice(0, DEFAULT_MAX_QUERY_TERMS).map(t)));
    const few = parseQuery('a b c d OR e', { maxTerms: 3 });
    assert.deepEqual(few.root, and(t('a'), t('b'), t('c')));
  });

  it('does not count a repeated word twice', () => {
    const q = parseQuery(Array.from({ length: 100 }, () => 'x').join(' ') + ' y');
    assert.deepEqual(q, { root: and(t('x'), t('y')), notes: [], truncated: false });
  });

  it('cuts at maxLength, dropping a partial word of a spaced script', () => {
    const q = parseQuery('alpha beta gamma', { maxLength: 13 });
    assert.deepEqual(q, { root: and(t('alpha'), t('beta')), notes: [QUERY_NOTES.tooLong], truncated: true });
    assert.equal(parseQuery('alpha beta gamma', { maxLength: 16 }).truncated, false);
  });

  it('cuts a run without spaces at a character boundary', () => {
    const q = parseQuery('线性代数导论', { maxLength: 4 });
    assert.deepEqual(q.root, t('线性代数'));
    assert.equal(q.truncated, true);
  });

  it('never splits a surrogate pair or a grapheme', () => {
    const flag = '🇫🇷';
    const q = parseQuery(`${flag}${flag}${flag}`, { maxLength: 3 });
    assert.deepEqual(q.root, t(flag));
    const accent = 'e\u0301'.repeat(3); // NFC composes; with a mark NFC cannot compose, it stays attached
    assert.deepEqual(parseQuery(accent, { maxLength: 2 }).root, t('éé'));
    const stacked = 'a\u0301\u0323b';
    assert.deepEqual(parseQuery(stacked, { maxLength: 2 }).root, t('ạ\u0301'.normalize('NFC')));
  });

  it('handles 10 kB of text quickly and within the caps', () => {
    const input = 'algèbre linéaire '.repeat(600);
    const q = parseQuery(input);
    assert.deepEqual(q, {
      root: and(t('algèbre'), t('linéaire')),
      notes: [QUERY_NOTES.tooLong],
      truncated: true,
    });
    const random = Array.from({ length: 2000 }, (_, i) => `m${i}`).join(' ');
    const r = parseQuery(random);
    assert.equal(r.truncated, true);
    assert.ok(r.notes.includes(QUERY_NOTES.tooLong));
  });

  it('falls back to the defaults for options that are not positive numbers', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    for (const maxTerms of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const q = parseQuery(words, { maxTerms });
      assert.equal(
        q.root?.kind === 'and' ? q.root.nodes.length : 0,
        DEFAULT_MAX_QUERY_TERMS,
        String(maxTerms),
      );
    }
  });
});

describe('describeQuery', () => {
  it('writes the canonical form', () => {
    assert.equal(describeQuery(parseQuery('  a   b|c  -"d  e" NOT f «g»')), 'a b OR c -"d e" -f "g"');
  });

  it('writes nothing for an empty query', () => {
    assert.equal(describeQuery(parseQuery('-x')), '');
  });

  it('gives text that parses back to the same tree, without notes', () => {
    for (const input of [
      'a b OR c d',
      '„x y“ -z',
      'x OR OR y -',
      'e-learning -OR',
      '«a "b" c»',
      '数学，物理',
    ]) {
      const q = parseQuery(input);
      const again = parseQuery(describeQuery(q));
      assert.deepEqual(again.root, q.root, input);
      assert.deepEqual(again.notes, [], input);
    }
  });
});
