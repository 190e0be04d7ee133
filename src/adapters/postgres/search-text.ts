// How search documents and match expressions become PostgreSQL text-search values, without ever letting
// PostgreSQL analyze text: the terms arrive pre-analyzed (src/search/analyzer.ts), so documents become tsvector
// literals and queries tsquery literals with every lexeme quoted, passed as bound parameters and cast. Pure: no
// I/O, no driver.
//
// One tsvector (`body`) answers every match with a single GIN lookup. It holds three namespaces of lexemes:
//   - plain terms of title (weight A), subjects (B) and description (C); positions are offset per column with a
//     gap, so a phrase never spans two columns, and a query over all three needs no weight restriction (which
//     would force PostgreSQL to recheck every candidate row);
//   - exact terms, each prefixed with EXACT_MARK;
//   - concept tokens, each prefixed with CONCEPT_MARK (weight D).
// Terms never hold control characters (checkIndexTerm), so the marks cannot collide with a real term.
// Ranking: ts_rank weighs positions by weight class, and five columns do not fit four classes, so a score is
// two ts_rank calls on `body`: one over plain and concept lexemes with the classes weighted as their columns,
// one over exact lexemes with every class at the exact column's weight.
import type { MatchExpr, SearchColumn, SearchDocument } from '../../ports/search-index.js';
import { COLUMN_WEIGHTS } from '../../ports/search-index.js';

export const EXACT_MARK = '\u0001';
export const CONCEPT_MARK = '\u0002';

/** Highest position a tsvector stores; larger ones are clamped (and then merge). */
const MAX_POSITION = 16_383;
/** Positions PostgreSQL keeps per lexeme; later ones are dropped. */
const MAX_POSITIONS_PER_LEXEME = 256;

const PLAIN_LABEL: Readonly<Partial<Record<SearchColumn, string>>> = {
  title: 'A',
  subjects: 'B',
  description: 'C',
};
const PLAIN_COLUMNS = ['title', 'subjects', 'description'] as const;

const MAX_WEIGHT = Math.max(...Object.values(COLUMN_WEIGHTS));
function weight(column: SearchColumn): string {
  return String(COLUMN_WEIGHTS[column] / MAX_WEIGHT);
}
/** ts_rank weights of `body`, in PostgreSQL's order {D, C, B, A}: concepts, description, subjects, title. */
export const BODY_RANK_WEIGHTS = `{${weight('concepts')},${weight('description')},${weight('subjects')},${weight('title')}}`;
/** ts_rank weights for exact lexemes: every class at the exact column's weight. */
export const EXACT_RANK_WEIGHTS = `{${Array<string>(4).fill(weight('exact')).join(',')}}`;

const QUOTE_OR_BACKSLASH = /['\\]/g;

/** A lexeme quoted for tsvector and tsquery input: quotes doubled, backslashes escaped. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(QUOTE_OR_BACKSLASH, (c) => (c === "'" ? "''" : '\\\\'))}'`;
}

/** Collects the positions of lexemes (position and weight label, in ascending position order). */
class VectorBuilder {
  readonly #entries = new Map<string, string[]>();

  add(lexeme: string, position: number, label: string): void {
    let list = this.#entries.get(lexeme);
    if (list === undefined) this.#entries.set(lexeme, (list = []));
    if (list.length >= MAX_POSITIONS_PER_LEXEME) return;
    const pos = Math.min(position, MAX_POSITION);
    const text = `${pos}${label}`;
    // Clamped positions repeat: keep one.
    if (pos === MAX_POSITION && list.at(-1)?.startsWith(String(MAX_POSITION))) return;
    list.push(text);
  }

  toString(): string {
    const parts: string[] = [];
    for (const [lexeme, positions] of this.#entries)
      parts.push(`${quoteLexeme(lexeme)}:${positions.join(',')}`);
    return parts.join(' ');
  }
}

/** The tsvector literal of one document. */
export function documentVector(doc: SearchDocument): string {
  const body = new VectorBuilder();
  let start = 1;
  for (const column of PLAIN_COLUMNS) {
    const terms = doc.text[column];
    const label = PLAIN_LABEL[column] ?? '';
    for (let i = 0; i < terms.length; i += 1) body.add(terms[i] ?? '', start + i, label);
    // One unused position between columns: `<->` needs consecutive positions, so no phrase crosses it.
    if (terms.length > 0) start += terms.length + 1;
  }
  const concepts = doc.text.concepts;
  for (let i = 0; i < concepts.length; i += 1) body.add(CONCEPT_MARK + (concepts[i] ?? ''), i + 1, '');
  const exact = doc.text.exact;
  for (let i = 0; i < exact.length; i += 1) body.add(EXACT_MARK + (exact[i] ?? ''), i + 1, '');
  return body.toString();
}

/** Weight restriction of plain lexemes over `columns`: '' when all three plain columns (or none) are named. */
function plainLabels(columns: readonly SearchColumn[]): string | null {
  let labels = '';
  for (const column of PLAIN_COLUMNS) if (columns.includes(column)) labels += PLAIN_LABEL[column] ?? '';
  if (labels === '') return null;
  return labels.length === PLAIN_COLUMNS.length ? '' : labels;
}

function operand(lexeme: string, prefix: boolean, labels: string): string {
  const suffix = prefix ? `:*${labels}` : labels === '' ? '' : `:${labels}`;
  return quoteLexeme(lexeme) + suffix;
}

function anyOf(parts: readonly string[]): string {
  return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' | ')})`;
}

/** The namespaced alternatives a term or phrase becomes, one per column group it targets. */
function alternatives(terms: readonly string[], columns: readonly SearchColumn[], prefix: boolean): string[] {
  const out: string[] = [];
  const sequence = (mark: string, labels: string): string =>
    terms.map((t) => operand(mark + t, prefix, labels)).join(' <-> ');
  const labels = plainLabels(columns);
  if (labels !== null) out.push(sequence('', labels));
  if (columns.includes('exact')) out.push(sequence(EXACT_MARK, ''));
  if (columns.includes('concepts')) out.push(sequence(CONCEPT_MARK, ''));
  return out.map((s) => (terms.length > 1 ? `(${s})` : s));
}

/** The tsquery literal matching `expr` on `body` (expressions were validated: no empty node or term). */
export function matchQuery(expr: MatchExpr): string {
  switch (expr.kind) {
    case 'term':
      return anyOf(alternatives([expr.term], expr.columns, expr.prefix === true));
    case 'phrase':
      return anyOf(alternatives(expr.terms, expr.columns, false));
    case 'and':
      return expr.nodes.length === 1
        ? matchQuery(expr.nodes[0] as MatchExpr)
        : `(${expr.nodes.map(matchQuery).join(' & ')})`;
    case 'or':
      return expr.nodes.length === 1
        ? matchQuery(expr.nodes[0] as MatchExpr)
        : `(${expr.nodes.map(matchQuery).join(' | ')})`;
  }
}

/** Any of several expressions. */
export function anyQuery(queries: readonly string[]): string {
  return anyOf(queries);
}

/**
 * What ts_rank scores a match with: the OR of every term (phrases count their terms), because ts_rank on an AND
 * query measures proximity rather than weight; plain and concept lexemes in one query, exact ones in another.
 * ts_rank divides by the number of operands, so each part carries its size and the score multiplies it back:
 * the rank is then a sum over query terms, as BM25 is.
 */
export interface RankQuery {
  readonly body: string | null;
  readonly bodySize: number;
  readonly exact: string | null;
  readonly exactSize: number;
}

export function rankQuery(exprs: readonly MatchExpr[]): RankQuery {
  const body = new Set<string>();
  const exact = new Set<string>();
  const visit = (expr: MatchExpr): void => {
    switch (expr.kind) {
      case 'term':
      case 'phrase': {
        const terms = expr.kind === 'term' ? [expr.term] : expr.terms;
        const prefix = expr.kind === 'term' && expr.prefix === true;
        for (const term of terms) {
          if (plainLabels(expr.columns) !== null) body.add(operand(term, prefix, ''));
          if (expr.columns.includes('concepts')) body.add(operand(CONCEPT_MARK + term, prefix, ''));
          if (expr.columns.includes('exact')) exact.add(operand(EXACT_MARK + term, prefix, ''));
        }
        return;
      }
      case 'and':
      case 'or':
        for (const node of expr.nodes) visit(node);
        return;
    }
  };
  for (const expr of exprs) visit(expr);
  return {
    body: body.size === 0 ? null : [...body].join(' | '),
    bodySize: body.size,
    exact: exact.size === 0 ? null : [...exact].join(' | '),
    exactSize: exact.size,
  };
}

const ARRAY_SPECIAL = /["\\]/g;

/** A PostgreSQL array literal of strings, every element quoted. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(ARRAY_SPECIAL, (c) => `\\${c}`)}"`).join(',')}}`;
}
