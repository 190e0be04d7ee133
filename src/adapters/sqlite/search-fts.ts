// How terms reach SQLite FTS5 whole and unfolded, and how a MatchExpr becomes an FTS5 query string.
// The search_text table uses FTS5's `ascii` tokenizer: every byte >= 0x80 is a token character and only ASCII
// letters and digits are token characters below it, so the tokenizer splits at ASCII punctuation and folds
// A-Z. encodeTerm therefore maps every ASCII character other than a-z and 0-9 to one private-use character
// (U+F700 + its code), so that the stored text holds only a-z, 0-9, non-ASCII and the separating spaces: a
// term stays one token, exactly as given. The code is prefix-free (a literal U+F6FF..U+F7FF is written as
// U+F6FF followed by itself), so a prefix of a term encodes to a prefix of the term's encoding and prefix
// queries keep their meaning. (unicode61 was not an option: it always folds case and splits at punctuation.)
// Every query term is double-quoted, so no term can act as an FTS5 operator (AND, OR, NOT, NEAR, *, ^, :).
import {
  COLUMN_WEIGHTS,
  SEARCH_COLUMNS,
  type MatchExpr,
  type SearchColumn,
} from '../../ports/search-index.js';

/** Characters that need no encoding: a-z, 0-9 and every non-ASCII character outside the escape block. */
const PLAIN = /^[a-z0-9\u0080-\uf6fe\uf800-\uffff]*$/;
/** A column of plain terms joined by spaces (terms never hold a space: the port refuses them). */
const PLAIN_COLUMN = /^[a-z0-9 \u0080-\uf6fe\uf800-\uffff]*$/;
const ESCAPE = '\uf6ff';
const SHIFT = 0xf700;

export function encodeTerm(term: string): string {
  if (PLAIN.test(term)) return term;
  let out = '';
  for (let i = 0; i < term.length; i += 1) {
    const code = term.charCodeAt(i);
    if (code < 0x80) {
      const plain = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
      out += plain ? term.charAt(i) : String.fromCharCode(SHIFT + code);
    } else if (code >= 0xf6ff && code <= 0xf7ff) {
      out += ESCAPE + term.charAt(i);
    } else {
      out += term.charAt(i);
    }
  }
  return out;
}

/** The text of one column as stored: encoded terms separated by single spaces (positions = term order). */
export function columnText(terms: readonly string[]): string {
  // Most columns need no encoding at all: one test of the joined text instead of one per term.
  const joined = terms.join(' ');
  if (PLAIN_COLUMN.test(joined)) return joined;
  let out = '';
  for (let i = 0; i < terms.length; i += 1) out += (i === 0 ? '' : ' ') + encodeTerm(terms[i] ?? '');
  return out;
}

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function columnFilter(columns: readonly SearchColumn[]): string {
  // Every column: no filter. Column names are our own constants, never caller text.
  const distinct = SEARCH_COLUMNS.filter((c) => columns.includes(c));
  return distinct.length === SEARCH_COLUMNS.length ? '' : `{${distinct.join(' ')}} : `;
}

/** The FTS5 query for an expression (checked beforehand with checkMatchExpr). */
export function compileMatch(expr: MatchExpr): string {
  switch (expr.kind) {
    case 'term':
      return `${columnFilter(expr.columns)}${quoted(encodeTerm(expr.term))}${expr.prefix === true ? ' *' : ''}`;
    case 'phrase':
      return `${columnFilter(expr.columns)}${quoted(expr.terms.map(encodeTerm).join(' '))}`;
    case 'and':
    case 'or': {
      if (expr.nodes.length === 1 && expr.nodes[0] !== undefined) return compileMatch(expr.nodes[0]);
      const op = expr.kind === 'and' ? ' AND ' : ' OR ';
      return expr.nodes.map((node) => `(${compileMatch(node)})`).join(op);
    }
  }
}

/** `a NOT b` without the NOT when there is nothing to take away. */
export function withoutMatches(query: string, excluded: readonly string[]): string {
  const parts = excluded.filter((q) => q !== '');
  if (parts.length === 0) return query;
  return `(${query}) NOT (${parts.map((p) => `(${p})`).join(' OR ')})`;
}

/** bm25 with the port's column weights, in SEARCH_COLUMNS order. */
export const BM25_SQL = `bm25(search_text, ${SEARCH_COLUMNS.map((c) => COLUMN_WEIGHTS[c].toFixed(3)).join(', ')})`;

/** The stored text of one document, split into its columns' tokens (SEARCH_COLUMNS order). */
export class StoredText {
  readonly #columns: readonly (readonly string[])[];
  readonly #positions: (Map<string, number[]> | undefined)[] = [];

  /** `columns`: each column's stored text (encoded terms separated by single spaces), in SEARCH_COLUMNS order. */
  constructor(columns: readonly string[]) {
    this.#columns = columns.map((text) => (text === '' ? [] : text.split(' ')));
  }

  tokens(column: number): readonly string[] {
    return this.#columns[column] ?? [];
  }

  /** Where each distinct token of a column stands, built on first use. */
  positions(column: number): Map<string, number[]> {
    let map = this.#positions[column];
    if (map === undefined) {
      map = new Map<string, number[]>();
      const tokens = this.tokens(column);
      for (let i = 0; i < tokens.length; i += 1) {
        const token = tokens[i] ?? '';
        const list = map.get(token);
        if (list === undefined) map.set(token, [i]);
        else list.push(i);
      }
      this.#positions[column] = map;
    }
    return map;
  }
}

/** A match expression compiled once per query to test the stored text of a few documents. */
export type TextMatcher = (text: StoredText) => boolean;

const COLUMN_NUMBER = new Map<string, number>(SEARCH_COLUMNS.map((c, i) => [c, i]));

/**
 * Whether a document's stored text matches `expr`, by FTS5's rules: a term equals a token (or starts one, for a
 * prefix), a phrase is consecutive tokens of one column. Used for the few documents of a page, where asking
 * FTS5 would cost a seek into every phrase's document list per document.
 */
export function compileTextMatcher(expr: MatchExpr): TextMatcher {
  switch (expr.kind) {
    case 'term': {
      const wanted = encodeTerm(expr.term);
      const columns = expr.columns.map((c) => COLUMN_NUMBER.get(c) ?? -1);
      if (expr.prefix === true) {
        return (text) =>
          columns.some((column) => {
            for (const token of text.positions(column).keys()) if (token.startsWith(wanted)) return true;
            return false;
          });
      }
      return (text) => columns.some((column) => text.positions(column).has(wanted));
    }
    case 'phrase': {
      const wanted = expr.terms.map(encodeTerm);
      const first = wanted[0] ?? '';
      const columns = expr.columns.map((c) => COLUMN_NUMBER.get(c) ?? -1);
      return (text) =>
        columns.some((column) => {
          const starts = text.positions(column).get(first);
          if (starts === undefined) return false;
          const tokens = text.tokens(column);
          return starts.some((at) => wanted.every((w, k) => tokens[at + k] === w));
        });
    }
    case 'and': {
      const nodes = expr.nodes.map(compileTextMatcher);
      return (text) => nodes.every((node) => node(text));
    }
    case 'or': {
      const nodes = expr.nodes.map(compileTextMatcher);
      return (text) => nodes.some((node) => node(text));
    }
  }
}
