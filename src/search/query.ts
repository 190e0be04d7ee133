// Search query parsing: turns whatever a person typed into the search box into a small, safe tree of words
// and phrases (AND of OR-groups, with exclusions) that every search engine adapter can translate. Total: no
// string, however malformed, makes it throw; the worst input gives `root: null` and a note. Words are kept
// as typed (only cleaned and NFC-normalized); analysis (folding, segmentation, stemming) is the caller's.
//
// Grammar, as decided here:
// - Items are separated by white space (any Unicode space, line breaks, U+200B) and, outside quotes, by the
//   CJK sentence marks 、。，；：！？ (users of Chinese and Japanese separate words with them).
// - A phrase is quoted with "…", “…”, „…“, ”…”, «…», »…«, »…», ＂…＂, 「…」, 『…』, 〝…〞; a quote left open
//   closes at the end of the query (note). A quote always ends the word before it: `ab"cd"` is ab, "cd".
//   Inside a phrase, quote marks of other kinds are read as spaces; `|`, `-` and OR are plain text there.
// - A leading '-' (also U+2212 and the full-width U+FF0D) excludes the word or phrase after it; a '-' inside
//   a word ("e-learning", "K-12") is part of it. A leading '+' is accepted and ignored (AND is the default).
//   "-5" therefore excludes "5", as in the common web search engines.
// - OR (upper case only), `|` and `｜` join neighbouring items into an OR group; OR binds tighter than the
//   implicit AND: `a b OR c d` is a AND (b OR c) AND d. AND (upper case) between items is the default and
//   is dropped; NOT (upper case) before an item excludes it like '-'. Lower-case "or", "and", "not" are
//   words. An exclusion cannot be an alternative: `a OR -b` is read as a AND NOT b (note).
// - Operators without an item to act on (leading/trailing OR, a lone '-') are dropped (note). Words with
//   no letter, digit, symbol or mark (`...`, `&`) are dropped silently: no analyzer indexes them.
// - A query of exclusions only has nothing to rank, and excluding from "everything" is a filter nobody
//   asked for: we choose `root: null` with the note "nothing to search for" (same for operators only).
// - Cleaning: C0/C1 controls removed (tab and line breaks become spaces), invisible format characters
//   (soft hyphen, bidi controls, BOM, word joiner...) and noncharacters removed, unpaired surrogates
//   removed; ZWJ/ZWNJ are kept (Persian, Indic scripts, emoji). Then NFC.
// - Length: at most maxLength code points (default 1000) are read; the cut falls on a grapheme boundary,
//   (found in a window of 128 code units before it), and when it would split a word of a spaced script
//   the partial word is dropped. Items: at most maxTerms
//   (default 32) words and phrases are kept, the rest dropped. Both set `truncated` and a note.
// - Duplicate items (and duplicate OR groups) are kept once. The tree is at most 3 levels deep:
//   and -> (or | not) -> (term | phrase); `and` and `or` always have two or more children.
// describeQuery writes the tree back in this grammar; parsing its output gives the same tree.

export type QueryNode =
  | { readonly kind: 'term'; readonly text: string }
  | { readonly kind: 'phrase'; readonly text: string }
  | { readonly kind: 'not'; readonly node: QueryNode }
  | { readonly kind: 'or'; readonly nodes: readonly QueryNode[] }
  | { readonly kind: 'and'; readonly nodes: readonly QueryNode[] };

export interface ParsedQuery {
  readonly root: QueryNode | null;
  /** What was changed or ignored to read the query, in plain English (values of QUERY_NOTES), in order. */
  readonly notes: readonly string[];
  /** True when part of the query was not used (too long, or too many words). */
  readonly truncated: boolean;
}

export interface ParseQueryOptions {
  /** Code points read from the query (after cleaning); default 1000. */
  readonly maxLength?: number;
  /** Words and phrases kept; default 32. */
  readonly maxTerms?: number;
}

/** Every note parseQuery can give; stable texts, so a UI may translate them. */
export const QUERY_NOTES = {
  unbalancedQuote: 'unbalanced quote closed',
  emptyQuotes: 'empty quotes ignored',
  danglingOperator: 'operator without a word ignored',
  orWithExclusion: 'OR next to an excluded word read as AND',
  nothingToSearch: 'nothing to search for',
  tooLong: 'query too long; only its beginning is used',
  tooManyTerms: 'too many words; only the first ones are used',
} as const;

export const DEFAULT_MAX_QUERY_LENGTH = 1000;
export const DEFAULT_MAX_QUERY_TERMS = 32;
const LENGTH_CEILING = 100_000;
const TERMS_CEILING = 1000;
/** A word of a spaced script cut by maxLength is dropped only when its start is this close to the cut. */
const WORD_BACKOFF = 64;
/** Code units before the cut that are segmented into graphemes to find where to cut. */
const GRAPHEME_WINDOW = 128;

// --- cleaning --------------------------------------------------------------------------------------------

const TO_SPACE = /[\t\n\v\f\r\u0085\u2028\u2029\u200B]/g;
const REMOVE =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\x00-\x08\x0E-\x1F\x7F-\x84\x86-\x9F\u00AD\u061C\u180E\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\uD800-\uDFFF]|\p{Noncharacter_Code_Point}/gu;
const SPACE = /^\s$/u;
const HAS_CONTENT = /\S/u;
const SEARCHABLE = /[\p{L}\p{N}\p{S}\p{M}]/u;
const SPACES = /\s+/gu;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

// --- characters of the grammar ---------------------------------------------------------------------------

const STRAIGHT_CLOSERS = '"＂“”';
/** Opening quote -> the characters that close it. */
const QUOTE_PAIRS: ReadonlyMap<string, string> = new Map([
  ['"', STRAIGHT_CLOSERS],
  ['＂', STRAIGHT_CLOSERS],
  ['“', STRAIGHT_CLOSERS],
  ['”', STRAIGHT_CLOSERS],
  ['„', STRAIGHT_CLOSERS],
  ['‟', STRAIGHT_CLOSERS],
  ['«', '»'],
  ['»', '«»'],
  ['「', '」'],
  ['『', '』'],
  ['〝', '〞〟'],
  ['﹁', '﹂'],
  ['﹃', '﹄'],
]);
/** Quote marks that never open a phrase; outside one they separate words. */
const CLOSE_ONLY = new Set(['」', '』', '〞', '〟', '﹂', '﹄']);
const QUOTE_CHARS = new Set<string>([...QUOTE_PAIRS.keys(), ...CLOSE_ONLY]);
const PIPES = new Set(['|', '｜']);
const DASHES = new Set(['-', '\u2212', '\uFF0D']);
const PLUSES = new Set(['+', '\uFF0B']);
const CJK_SEPARATORS = new Set(['、', '。', '，', '；', '：', '！', '？']);
const OPERATORS: ReadonlySet<string> = new Set(['OR', 'AND', 'NOT']);

const escapeClass = (chars: Iterable<string>): string =>
  [...chars].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');
/** A run of characters that are neither separators, pipes nor quote marks: the body of a word. */
const WORD_RUN = new RegExp(`[^\\s${escapeClass([...CJK_SEPARATORS, ...PIPES, ...QUOTE_CHARS])}]+`, 'uy');

function isSeparator(ch: string): boolean {
  return SPACE.test(ch) || CJK_SEPARATORS.has(ch) || CLOSE_ONLY.has(ch);
}

// --- lexing ----------------------------------------------------------------------------------------------

interface Item {
  readonly type: 'item';
  readonly kind: 'term' | 'phrase';
  readonly text: string;
  readonly negated: boolean;
}
interface Operator {
  readonly type: 'op';
  readonly op: 'OR' | 'AND' | 'NOT';
}
type Lexeme = Item | Operator;

class Notes {
  readonly list: string[] = [];
  add(note: string): void {
    if (!this.list.includes(note)) this.list.push(note);
  }
}

/** The code point starting at index i of s (s holds no unpaired surrogates). */
function charAt(s: string, i: number): string {
  const cp = s.codePointAt(i) ?? 0;
  return cp > 0xffff ? s.slice(i, i + 2) : (s[i] ?? '');
}

function lex(text: string, notes: Notes): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let ch = charAt(text, i);
    if (isSeparator(ch)) {
      i += ch.length;
      continue;
    }
    if (PIPES.has(ch)) {
      out.push({ type: 'op', op: 'OR' });
      i += ch.length;
      continue;
    }
    // Prefix: any run of '-' and '+'; a dash excludes.
    let negated = false;
    let prefixed = false;
    while (i < n && (DASHES.has(ch) || PLUSES.has(ch))) {
      if (DASHES.has(ch)) negated = true;
      prefixed = true;
      i += ch.length;
      ch = i < n ? charAt(text, i) : '';
    }
    if (i >= n || isSeparator(ch) || PIPES.has(ch)) {
      if (prefixed) notes.add(QUERY_NOTES.danglingOperator);
      continue;
    }
    const closers = QUOTE_PAIRS.get(ch);
    if (closers !== undefined) {
      i += ch.length;
      let raw = '';
      let closed = false;
      while (i < n) {
        const c = charAt(text, i);
        i += c.length;
        if (closers.includes(c)) {
          closed = true;
          break;
        }
        raw += QUOTE_CHARS.has(c) ? ' ' : c;
      }
      if (!closed) notes.add(QUERY_NOTES.unbalancedQuote);
      const phrase = raw.replace(SPACES, ' ').trim();
      if (phrase === '') notes.add(QUERY_NOTES.emptyQuotes);
      else if (SEARCHABLE.test(phrase)) out.push({ type: 'item', kind: 'phrase', text: phrase, negated });
      continue;
    }
    WORD_RUN.lastIndex = i;
    const word = WORD_RUN.exec(text)?.[0] ?? ch;
    i += word.length;
    if (!negated && OPERATORS.has(word)) out.push({ type: 'op', op: word as Operator['op'] });
    else if (SEARCHABLE.test(word)) out.push({ type: 'item', kind: 'term', text: word, negated });
  }
  return out;
}

// --- cleaning and cutting --------------------------------------------------------------------------------

function clean(raw: string): string {
  return raw.replace(TO_SPACE, ' ').replace(REMOVE, '').normalize('NFC');
}

/** The index (in code units) after the first `max` code points, or -1 when the text is not longer. */
function codePointLimit(text: string, max: number): number {
  if (text.length <= max) return -1;
  let index = 0;
  for (let count = 0; count < max && index < text.length; count++) {
    index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
  }
  return index >= text.length ? -1 : index;
}

function cutAt(text: string, max: number): string | null {
  const limit = codePointLimit(text, max);
  if (limit < 0) return null;
  // Segmenting the whole text costs ~1 µs a character; a window before the limit finds the same boundary
  // unless one cluster (or a run of flags) is longer than the window, and then the cut still falls
  // between code points.
  let start = Math.max(0, limit - GRAPHEME_WINDOW);
  if (/[\uDC00-\uDFFF]/.test(text[start] ?? '')) start++;
  let boundary = start;
  for (const { index, segment } of graphemes.segment(text.slice(start, limit + 2))) {
    const end = start + index + segment.length;
    if (end > limit) break;
    boundary = end;
  }
  if (boundary === start) boundary = limit; // one cluster longer than the window (stacked marks): cut in it
  const next = text[boundary] ?? ' ';
  if (!SPACE.test(next)) {
    for (let j = boundary - 1; j >= 0 && j >= boundary - WORD_BACKOFF; j--) {
      if (SPACE.test(text[j] ?? '')) {
        boundary = j;
        break;
      }
    }
  }
  return text.slice(0, boundary);
}

function bounded(value: number | undefined, fallback: number, ceiling: number): number {
  if (value === undefined || !Number.isFinite(value) || value < 1) return fallback;
  return Math.min(Math.floor(value), ceiling);
}

// --- building the tree -----------------------------------------------------------------------------------

function itemKey(item: Item): string {
  return `${item.negated ? '-' : '+'}${item.kind}\u0000${item.text}`;
}

function itemNode(item: Item): QueryNode {
  const node: QueryNode = { kind: item.kind, text: item.text };
  return item.negated ? { kind: 'not', node } : node;
}

/** Applies NOT to the item after it; drops what follows the maxTerms-th distinct item (and operators before). */
function resolveNot(
  lexemes: readonly Lexeme[],
  maxTerms: number,
  notes: Notes,
): { lexemes: Lexeme[]; cut: boolean } {
  const out: Lexeme[] = [];
  const seen = new Set<string>(); // distinct items: repeating a word does not use up the allowance
  for (let k = 0; k < lexemes.length; k++) {
    let lexeme = lexemes[k];
    if (lexeme === undefined) continue;
    if (lexeme.type === 'op' && lexeme.op === 'NOT') {
      const next = lexemes[k + 1];
      if (next?.type !== 'item') {
        notes.add(QUERY_NOTES.danglingOperator);
        continue;
      }
      lexeme = { ...next, negated: true };
      k++;
    }
    if (lexeme.type === 'item') {
      const key = itemKey(lexeme);
      if (!seen.has(key)) {
        if (seen.size === maxTerms) {
          notes.add(QUERY_NOTES.tooManyTerms);
          while (out.length > 0 && out[out.length - 1]?.type === 'op') out.pop();
          return { lexemes: out, cut: true };
        }
        seen.add(key);
      }
    }
    out.push(lexeme);
  }
  return { lexemes: out, cut: false };
}

function group(lexemes: readonly Lexeme[], notes: Notes): Item[][] {
  const groups: Item[][] = [];
  let pending: 'OR' | 'AND' | null = null;
  for (const lexeme of lexemes) {
    if (lexeme.type === 'op') {
      if (groups.length === 0) notes.add(QUERY_NOTES.danglingOperator);
      else pending = pending === 'OR' || lexeme.op === 'OR' ? 'OR' : 'AND';
      continue;
    }
    const last = groups[groups.length - 1];
    if (pending === 'OR' && last !== undefined) {
      const lastNegated = last[0]?.negated ?? false;
      if (!lexeme.negated && !lastNegated) last.push(lexeme);
      else {
        notes.add(QUERY_NOTES.orWithExclusion);
        groups.push([lexeme]);
      }
    } else {
      groups.push([lexeme]);
    }
    pending = null;
  }
  if (pending !== null) notes.add(QUERY_NOTES.danglingOperator);
  return groups;
}

function dedupe(groups: readonly Item[][]): Item[][] {
  const seenGroups = new Set<string>();
  const out: Item[][] = [];
  for (const g of groups) {
    const seen = new Set<string>();
    const members = g.filter((item) => {
      const key = itemKey(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const key = [...seen].sort().join('\u0001');
    if (seenGroups.has(key)) continue;
    seenGroups.add(key);
    out.push(members);
  }
  return out;
}

function groupNode(g: readonly Item[]): QueryNode {
  const [first] = g;
  if (g.length === 1 && first !== undefined) return itemNode(first);
  return { kind: 'or', nodes: g.map(itemNode) };
}

// --- public ----------------------------------------------------------------------------------------------

/** Reads a search query into a tree of words and phrases; never throws. */
export function parseQuery(input: string, options: ParseQueryOptions = {}): ParsedQuery {
  const maxLength = bounded(options.maxLength, DEFAULT_MAX_QUERY_LENGTH, LENGTH_CEILING);
  const maxTerms = bounded(options.maxTerms, DEFAULT_MAX_QUERY_TERMS, TERMS_CEILING);
  const notes = new Notes();
  let raw = typeof input === 'string' ? input : '';
  let truncated = false;
  // Bound the work on huge inputs before cleaning: nothing past this can survive the cut below.
  const rawCeiling = maxLength * 8 + 64;
  if (raw.length > rawCeiling) {
    raw = raw.slice(0, rawCeiling);
    truncated = true;
  }
  let text = clean(raw);
  const cut = cutAt(text, maxLength);
  if (cut !== null) {
    text = cut;
    truncated = true;
  }
  if (truncated) notes.add(QUERY_NOTES.tooLong);

  const { lexemes, cut: tooMany } = resolveNot(lex(text, notes), maxTerms, notes);
  if (tooMany) truncated = true;
  const groups = dedupe(group(lexemes, notes));
  let root: QueryNode | null = null;
  if (groups.some((g) => g.some((item) => !item.negated))) {
    const nodes = groups.map(groupNode);
    const [only] = nodes;
    root = nodes.length === 1 && only !== undefined ? only : { kind: 'and', nodes };
  } else if (HAS_CONTENT.test(text)) {
    notes.add(QUERY_NOTES.nothingToSearch);
  }
  return { root, notes: notes.list, truncated };
}

function describeNode(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return node.text;
    case 'phrase':
      return `"${node.text}"`;
    case 'not':
      return `-${describeNode(node.node)}`;
    case 'or':
      return node.nodes.map(describeNode).join(' OR ');
    case 'and':
      return node.nodes.map(describeNode).join(' ');
  }
}

/** The query in canonical text form ("a (b OR c) -d" is written `a b OR c -d`); "" when there is none. */
export function describeQuery(q: ParsedQuery): string {
  return q.root === null ? '' : describeNode(q.root);
}
