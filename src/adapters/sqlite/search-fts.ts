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

/**
 * Whether a document whose columns hold `columns` (each the stored text: encoded terms separated by spaces,
 * in SEARCH_COLUMNS order) matches `expr`, by FTS5's rules: a term equals a token (or starts one, for a
 * prefix), a phrase is consecutive tokens of one column. Used for the few documents of a page, where asking
 * FTS5 would cost a seek into every phrase's document list per document.
 */
export function matchesText(expr: MatchExpr, columns: readonly (readonly string[])[]): boolean {
  switch (expr.kind) {
    case 'term': {
      const wanted = encodeTerm(expr.term);
      return expr.columns.some((column) => {
        const tokens = columns[SEARCH_COLUMNS.indexOf(column)] ?? [];
        return expr.prefix === true ? tokens.some((t) => t.startsWith(wanted)) : tokens.includes(wanted);
      });
    }
    case 'phrase': {
      const wanted = expr.terms.map(encodeTerm);
      return expr.columns.some((column) => {
        const tokens = columns[SEARCH_COLUMNS.indexOf(column)] ?? [];
        for (let i = 0; i + wanted.length <= tokens.length; i += 1) {
          if (wanted.every((w, k) => tokens[i + k] === w)) return true;
        }
        return false;
      });
    }
    case 'and':
      return expr.nodes.every((node) => matchesText(node, columns));
    case 'or':
      return expr.nodes.some((node) => matchesText(node, columns));
  }
}
