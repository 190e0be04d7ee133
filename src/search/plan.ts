// Query planning: turns a parsed query (src/search/query.ts) into the match expressions of the SearchIndex
// port (src/ports/search-index.ts): the user's own words, the exclusions, and the cross-language expansions
// through the concepts the query names. Pure (the vocabularies load once on first use) and total: any
// ParsedQuery, however large or malformed, gives a plan of bounded size, and nothing throws.
//
// A query word becomes an OR of the ways a document can hold it:
//   - its analysis in the query language (stemmed where the language has a stemmer) in title, subjects and
//     description; its folded, unstemmed form in the same columns (documents in languages without a
//     stemmer, or in `und`); its exact form in `exact` (an exact match scores above a folded one);
//   - with no query language, or one without a stemmer, also its stems under the stemmers of the languages
//     written in the word's script (Latin: en fr es pt de it nl; Cyrillic: ru; Arabic: ar fa; Greek el;
//     Devanagari hi ne; Armenian hy; Tamil ta), so that "matemáticas" typed without a language still meets the
//     Spanish stem "matemat" of Spanish documents;
//   - a word that analyzes to several terms ("e-learning", Chinese bigrams) is a phrase of them.
// Prefix matching (prefix: true, on the folded form of a one-term word): the last word of the query when it
//   has at least 4 letters (a person still typing "photosynth" expects photosynthesis; "art" must not turn
//   into article and artificial, so 1-3 letters never do), every word of at least 3 letters when the query
//   language has no stemmer (Swahili, Chinese, indigenous languages: prefixes stand in for stemming), and a
//   lone Han, kana or Hangul character (it then meets the bigrams it starts).
// Quoted phrases are phrases in each analysis (and in `exact`), never prefixes. OR groups stay OR groups;
// excluded items go to `exclude` as an OR, analyzed the same way without prefixes. A query with nothing
// analyzable gives match null (the caller decides what an empty query means).
//
// Cross-language expansion (when asked): the concepts the query names are found by the label index
// (src/vocab/label-index.ts: UNESCO Thesaurus concepts and ISCED-F fields, any language), by the thesaurus's
// labels and our glossary's terms in the query language once both are stemmed (French plurals in -x and
// Arabic plurals in -ات included), and by a small index of ISCED 2011 level and HCRT resource-type labels in
// every language. The longest label wins at each place; at one place, a concept whose preferred label the
// query names wins over one it names by an alternative label ("réfugiés": Refugees, not Housing). A label of
// one Han character counts only where Intl.Segmenter makes that character a word (波 is no wave in 哈利波特).
// With a query language the thesaurus labels (en fr es ru ar, and our zh pt de), only labels of that language
// count ("lecture" in an English query is not the French word for reading). Weak field names ("Education"),
// labels found inside a longer word, and curated subject terms of ISCED-F fields that are not the field's
// own name ("linear algebra" -> Mathematics would post the query up to the whole discipline) are not used,
// except that the curated terms do count for languages the thesaurus lacks (sw...), where the field is the
// only bridge; a refused place is searched again one word shorter at each end ("algebra").
// The concepts of one place (at most MAX_CONCEPTS in all: the thesaurus's Malaria and the glossary's malaria)
// give one Expansion, whose expression reaches documents in every language: their concept tokens in
// `concepts` (and, for a UNESCO concept with few relations, the tokens of related concepts that are not hubs
// themselves: records tagged Sexual abuse for Gender-based violence), or one of their labels (preferred
// labels of every language first, then alternative ones, at most MAX_LABELS_PER_CONCEPT each), analyzed in
// the label's own language. A label of one word is its stem (and its folded form); a label of several words
// is the AND of its content words (function words left out; a stem of 5+ letters also as a prefix: "changes
// in the climate", Russian "пожарная" and "пожар"), and for a preferred label also its phrase, which ranks
// close matches first; a preferred label is also matched by its exact words in `exact`, long ones as
// prefixes, so that titles and keywords filed under the wrong language still meet it. Chinese and other
// labels written without spaces are their phrase of bigrams. Language-neutral glossary names (`mul`:
// Plasmodium, Trypanosoma cruzi) are stemmed by every stemmer of their script, a one-word one also as a
// prefix.
// Decision for multi-word queries: an expansion covers every concept of the query. "cambio climático" is one
// concept, so its expansion is that concept alone. For "climate change for children", the expansion of
// Climate change is AND(Climate change in any form; Children, itself a concept, in any language or as typed);
// function words and words of one or two letters ("for") are dropped. Concepts that name learning, teaching
// or education as such (and Diseases, the head of disease names) neither narrow nor expand a query that names
// another concept: "学习西班牙语" (learn Spanish) reaches the Spanish courses. A content word that names no
// concept is not required in the expansion, since nothing translates it: "Zweiter Weltkrieg" reaches the
// records about world wars in every language and "linear algebra" the algebra records, all scored at the
// expansion factor (the index scores a record by the terms of the expansions it holds, so one that holds
// many forms of a concept can still rank above a weak match of the user's words). (Requiring such words kept
// the expansion precise but left most multi-word queries in their own language: on the labeled query set,
// cross-language recall@20 went from 0.32 to 0.39, and from 0.14 to 0.30 on the held-out set, when they
// stopped being required.) Such a word still ranks the records that hold it (or a cognate: French "agents",
// Spanish "agentes") first: the expansion is OR(itself, itself AND the word). The whole plan stays within
// MAX_PLAN_TERMS terms (the index refuses more than 1,024): fewer labels per concept, then fewer concepts.
import type { Expansion, MatchExpr, SearchColumn } from '../ports/search-index.js';
import { HCRT_CONCEPTS, hcrtLabel } from '../vocab/hcrt.js';
import {
  findConceptsInTokens,
  glossaryTerm,
  glossaryTerms,
  iscedField,
  iscedFieldLabel,
  iscedFields,
  iscedLevelLabel,
  iscedLevels,
  isStopToken,
  matchKey,
  matchTokens,
  minWordLength,
  unescoConcept,
  unescoLabel,
  unescoThesaurus,
  type ConceptMatch,
} from '../vocab/index.js';
import { analyze, exactTerms } from './analyzer.js';
import { primaryLanguage } from './analyzer-lang.js';
import { conceptToken, type ConceptScheme } from './document.js';
import type { ParsedQuery, QueryNode } from './query.js';

/** Vocabulary concepts, and the topics of our glossary (src/vocab/glossary.ts), which documents never carry. */
export type PlanScheme = ConceptScheme | 'term';

export interface PlannedConcept {
  /** The key of the concept's expansion ("unesco:concept4559", "isced-f:0531", "level:1", "type:video",
   * "term:g:dengue"). */
  readonly key: string;
  readonly scheme: PlanScheme;
  /** "concept4559", "0531", "1", or the HCRT URI (as the `type` facet holds it). */
  readonly id: string;
  /** Its label in the query language, else English. */
  readonly label: string;
}

export interface QueryPlan {
  /** The user's own words; null for an empty query (or one with nothing analyzable). */
  readonly match: MatchExpr | null;
  readonly exclude: MatchExpr | null;
  readonly expansions: Expansion[];
  /** The concepts the query names, in query order; the concepts of one place share one expansion, keyed by
   * the first of them (so every expansion key is a concept key, and a concept may have no expansion of its
   * own). */
  readonly concepts: PlannedConcept[];
  /** The positive query words as exact terms (src/search/analyzer.ts exactTerms), for spelling suggestions. */
  readonly words: string[];
}

export interface PlanOptions {
  /** The language the query is written in (BCP 47), or null when unknown. */
  readonly lang: string | null;
  readonly crossLanguage: boolean;
}

/** Words and phrases of the query that are planned; the rest is ignored. */
export const MAX_PLANNED_ITEMS = 32;
/** Excluded words and phrases that are planned. */
export const MAX_EXCLUDED_ITEMS = 16;
/** Terms of one phrase (or one word's analysis) that are kept. */
export const MAX_PHRASE_TERMS = 32;
/** Concepts expanded per query. */
export const MAX_CONCEPTS = 8;
/** Concepts kept for one place of the query (a label shared by a UNESCO concept and an ISCED-F field). */
const MAX_CONCEPTS_PER_SPAN = 3;
/** Labels (preferred ones first, every language) of one concept in an expansion. */
export const MAX_LABELS_PER_CONCEPT = 16;
/** Most related UNESCO concepts a concept may have for their tokens to join its expansion. */
const MAX_RELATED = 8;
/** Term occurrences of a whole plan (match, exclusions, expansions): below the index's limit (1,024). */
export const MAX_PLAN_TERMS = 1000;
/** Characters of one word or phrase that are analyzed. */
const MAX_ITEM_LENGTH = 512;
/** Query tree depth and nodes visited before the rest is ignored (hand-made trees). */
const MAX_DEPTH = 8;
const MAX_VISITED = 4096;
const LAST_WORD_PREFIX_MIN = 4;
const UNSTEMMED_PREFIX_MIN = 3;

const TEXT: readonly SearchColumn[] = ['title', 'subjects', 'description'];
const EXACT: readonly SearchColumn[] = ['exact'];
const CONCEPTS: readonly SearchColumn[] = ['concepts'];

/** Languages with a Snowball stemmer in the analyzer (analyzer-lang.ts SNOWBALL; a test keeps them equal). */
const SNOWBALL_CODES =
  'ar ca cs da de el en eo es et eu fa fi fr ga hi hu hy id it lt nb ne nl nn no pl pt ro ru sr st sv ta tr yi';
export const STEMMED_LANGUAGES: ReadonlySet<string> = new Set(SNOWBALL_CODES.split(' '));

/** Stemmers tried for a word typed without a (stemmed) language, by the script of its first letter. */
const SCRIPT_STEMMERS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/\p{Script=Latin}/u, ['en', 'fr', 'es', 'pt', 'de', 'it', 'nl']],
  [/\p{Script=Cyrillic}/u, ['ru']],
  [/\p{Script=Arabic}/u, ['ar', 'fa']],
  [/\p{Script=Greek}/u, ['el']],
  [/\p{Script=Devanagari}/u, ['hi', 'ne']],
  [/\p{Script=Armenian}/u, ['hy']],
  [/\p{Script=Tamil}/u, ['ta']],
];
const FIRST_LETTER = /\p{L}/u;
const CJK_CHAR = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
const SINGLE_TOKEN_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/** Label languages in the order they are kept when a concept has more than MAX_LABELS_PER_CONCEPT. */
const LABEL_ORDER = ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'pt', 'sw', 'de', 'mul'];

// --- expressions -------------------------------------------------------------------------------------------

function keyOf(e: MatchExpr): string {
  switch (e.kind) {
    case 'term':
      return `t${e.prefix === true ? '*' : ''}:${e.columns.join(',')}:${e.term}`;
    case 'phrase':
      return `p:${e.columns.join(',')}:${e.terms.join(' ')}`;
    case 'and':
    case 'or':
      return `${e.kind}(${e.nodes.map(keyOf).join('|')})`;
  }
}

/** An AND or OR of the nodes, flattened, without duplicates; a single node stands alone; none gives null. */
function combine(kind: 'and' | 'or', nodes: readonly (MatchExpr | null)[]): MatchExpr | null {
  const out: MatchExpr[] = [];
  const seen = new Set<string>();
  const add = (node: MatchExpr): void => {
    if (node.kind === kind) {
      for (const inner of node.nodes) add(inner);
      return;
    }
    const key = keyOf(node);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(node);
  };
  for (const node of nodes) if (node !== null) add(node);
  if (out.length === 0) return null;
  if (out.length === 1) return out[0] ?? null;
  return { kind, nodes: out };
}

/** A term or a phrase of the terms (null when there are none). */
function sequence(
  terms: readonly string[],
  columns: readonly SearchColumn[],
  prefix = false,
): MatchExpr | null {
  if (terms.length === 0) return null;
  if (terms.length === 1) {
    const term = terms[0] ?? '';
    return prefix ? { kind: 'term', term, columns, prefix: true } : { kind: 'term', term, columns };
  }
  return { kind: 'phrase', terms: terms.slice(0, MAX_PHRASE_TERMS), columns };
}

function termsOf(text: string, lang: string, stem: boolean): string[] {
  const tokens = analyze(text, lang, { stem });
  const n = Math.min(tokens.length, MAX_PHRASE_TERMS);
  const out = new Array<string>(n);
  for (let i = 0; i < n; i += 1) out[i] = tokens[i]?.term ?? '';
  return out;
}

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n += 1;
  }
  return n;
}

function cutItem(text: string): string {
  if (text.length <= MAX_ITEM_LENGTH) return text;
  const cut = text.slice(0, MAX_ITEM_LENGTH);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

interface Context {
  /** The analysis language: the query language, or 'und'. */
  readonly lang: string;
  /** Primary subtag of the query language, or null. */
  readonly primary: string | null;
  readonly stemmed: boolean;
}

function scriptStemmers(text: string): readonly string[] {
  const letter = FIRST_LETTER.exec(text)?.[0];
  if (letter === undefined) return [];
  for (const [script, langs] of SCRIPT_STEMMERS) if (script.test(letter)) return langs;
  return [];
}

/**
 * The OR of the ways a document holds a word or phrase (see the file comment); `last` marks the last word of
 * the query, `exclusion` an excluded item (no prefixes, no `exact` column).
 */
function itemExpr(
  kind: 'term' | 'phrase',
  raw: string,
  ctx: Context,
  last: boolean,
  exclusion: boolean,
): MatchExpr | null {
  const text = cutItem(raw);
  const stemmed = termsOf(text, ctx.lang, true);
  const folded = ctx.stemmed ? termsOf(text, ctx.lang, false) : stemmed;
  const nodes: (MatchExpr | null)[] = [sequence(stemmed, TEXT)];
  let prefix = false;
  const only = folded[0];
  if (kind === 'term' && !exclusion && folded.length === 1 && only !== undefined) {
    const length = codePointLength(only);
    prefix =
      CJK_CHAR.test(only) ||
      (last && length >= LAST_WORD_PREFIX_MIN) ||
      (ctx.primary !== null && !ctx.stemmed && length >= UNSTEMMED_PREFIX_MIN);
  }
  if (folded !== stemmed) nodes.push(sequence(folded, TEXT));
  if (prefix) nodes.push(sequence(folded, TEXT, true));
  if (!ctx.stemmed) {
    for (const lang of scriptStemmers(text)) nodes.push(sequence(termsOf(text, lang, true), TEXT));
  }
  if (!exclusion) nodes.push(sequence(exactTerms(text).slice(0, MAX_PHRASE_TERMS), EXACT));
  return combine('or', nodes);
}

// --- reading the tree --------------------------------------------------------------------------------------

interface Item {
  readonly kind: 'term' | 'phrase';
  readonly text: string;
}

/**
 * A positive part of the query: one item, an OR of items, or (from hand-made trees only) something else,
 * planned as a whole and left out of concept detection.
 */
type Conjunct =
  { readonly type: 'items'; readonly items: Item[] } | { readonly type: 'opaque'; readonly node: QueryNode };

interface Reading {
  readonly conjuncts: Conjunct[];
  readonly excluded: QueryNode[];
}

function isItem(node: QueryNode): node is { kind: 'term' | 'phrase'; text: string } {
  return (node.kind === 'term' || node.kind === 'phrase') && typeof node.text === 'string';
}

function childrenOf(node: QueryNode): readonly QueryNode[] {
  const nodes = (node as { nodes?: unknown }).nodes;
  return Array.isArray(nodes) ? (nodes as QueryNode[]) : [];
}

function isNode(value: unknown): value is QueryNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'
  );
}

/** Splits the tree into positive conjuncts and exclusions. */
function read(root: QueryNode): Reading {
  const conjuncts: Conjunct[] = [];
  const excluded: QueryNode[] = [];
  let visited = 0;
  const visit = (node: unknown, depth: number): void => {
    visited += 1;
    if (!isNode(node) || depth > MAX_DEPTH || visited > MAX_VISITED) return;
    if (isItem(node)) conjuncts.push({ type: 'items', items: [{ kind: node.kind, text: node.text }] });
    else if (node.kind === 'and') for (const child of childrenOf(node)) visit(child, depth + 1);
    else if (node.kind === 'not') {
      const inner = (node as { node?: unknown }).node;
      if (isNode(inner) && inner.kind !== 'not') excluded.push(inner);
    } else if (node.kind === 'or') {
      const children = childrenOf(node);
      const items = children.filter((c) => isNode(c) && isItem(c));
      if (items.length === children.length) {
        conjuncts.push({ type: 'items', items: items.map((c) => ({ kind: c.kind, text: c.text })) });
      } else conjuncts.push({ type: 'opaque', node });
    }
  };
  visit(root, 0);
  return { conjuncts, excluded };
}

/** Builds any (sub)tree without exclusions inside it; `budget` counts items planned. */
function treeExpr(
  node: unknown,
  ctx: Context,
  budget: { left: number },
  exclusion: boolean,
  depth = 0,
): MatchExpr | null {
  if (!isNode(node) || depth > MAX_DEPTH || budget.left <= 0) return null;
  if (isItem(node)) {
    budget.left -= 1;
    return itemExpr(node.kind, node.text, ctx, false, exclusion);
  }
  if (node.kind === 'and' || node.kind === 'or') {
    const parts: (MatchExpr | null)[] = [];
    for (const child of childrenOf(node)) {
      if (budget.left <= 0) break;
      parts.push(treeExpr(child, ctx, budget, exclusion, depth + 1));
    }
    return combine(node.kind, parts);
  }
  return null; // a `not` below an OR or another NOT: not expressible, ignored
}

// --- concepts ------------------------------------------------------------------------------------------------

interface ConceptRef {
  readonly scheme: PlanScheme;
  readonly id: string;
  /** Languages of the labels that matched the query ("mul" for field names). */
  readonly langs: readonly string[];
}

interface Candidate extends ConceptRef {
  readonly start: number;
  readonly end: number;
}

interface ExtraEntry {
  readonly scheme: 'level' | 'type';
  readonly id: string;
  readonly langs: Set<string>;
}

interface ExtraIndex {
  readonly byKey: ReadonlyMap<string, readonly ExtraEntry[]>;
  /** Longest label (in tokens) starting with a token. */
  readonly longest: ReadonlyMap<string, number>;
  /** Languages each concept has labels in. */
  readonly labelLangs: ReadonlyMap<string, ReadonlySet<string>>;
}

let extraIndex: ExtraIndex | undefined;

/** ISCED 2011 levels (0-8) and HCRT types (but "other") by every label, as match tokens. */
function extra(): ExtraIndex {
  if (extraIndex !== undefined) return extraIndex;
  const byKey = new Map<string, ExtraEntry[]>();
  const longest = new Map<string, number>();
  const labelLangs = new Map<string, Set<string>>();
  const add = (scheme: 'level' | 'type', id: string, lang: string, label: string): void => {
    const tokens = matchTokens(label);
    const first = tokens[0];
    if (
      first === undefined ||
      (tokens.length === 1 && isStopToken(first) && !SINGLE_TOKEN_SCRIPT.test(first))
    )
      return;
    const key = tokens.join(' ');
    const primary = primaryLanguage(lang);
    const list = byKey.get(key) ?? [];
    let entry = list.find((e) => e.scheme === scheme && e.id === id);
    if (entry === undefined) {
      entry = { scheme, id, langs: new Set() };
      list.push(entry);
      byKey.set(key, list);
    }
    entry.langs.add(primary);
    longest.set(first, Math.max(longest.get(first) ?? 0, tokens.length));
    const langs = labelLangs.get(`${scheme}:${id}`) ?? new Set<string>();
    langs.add(primary);
    labelLangs.set(`${scheme}:${id}`, langs);
  };
  for (const level of iscedLevels()) {
    if (!/^[0-8]$/.test(level.code)) continue;
    for (const [lang, label] of Object.entries(level.prefLabel)) add('level', level.code, lang, label);
  }
  for (const c of HCRT_CONCEPTS) {
    if (c.notation === 'other') continue;
    for (const [lang, label] of Object.entries(c.prefLabel)) add('type', c.id, lang, label);
    for (const [lang, labels] of Object.entries(c.altLabel))
      for (const l of labels) add('type', c.id, lang, l);
    for (const [lang, label] of Object.entries(c.curatedLabel)) add('type', c.id, lang, label);
  }
  extraIndex = { byKey, longest, labelLangs };
  return extraIndex;
}

/** Levels and types named in the tokens, longest label first at each place. */
function findExtra(tokens: readonly string[]): Candidate[] {
  const { byKey, longest } = extra();
  const out: Candidate[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] ?? '';
    const max = Math.min(longest.get(first) ?? 0, tokens.length - i);
    let matched = 0;
    for (let len = max; len >= 1 && matched === 0; len -= 1) {
      const list = byKey.get(tokens.slice(i, i + len).join(' '));
      if (list === undefined) continue;
      for (const e of list)
        out.push({ scheme: e.scheme, id: e.id, langs: [...e.langs], start: i, end: i + len });
      matched = len;
    }
    i += matched > 0 ? matched : 1;
  }
  return out;
}

/** UNESCO labels of one language by their stemmed match tokens, so that inflected queries meet them. */
interface StemmedIndex {
  readonly byKey: ReadonlyMap<string, readonly string[]>;
  readonly longest: ReadonlyMap<string, number>;
}

const stemmedIndexes = new Map<string, StemmedIndex>();

/** French plurals in -x of nouns in -eu, -au, -ou (jeux, tuyaux, genoux), which Snowball keeps whole. */
const FRENCH_X_PLURAL = /(?<=[aeo]u)x$/;

/** A final ه (a folded ة) after the stem: the noun آلة and the adjective آلي meet at آل. */
const ARABIC_FINAL_HA = /^(.{2,})ه$/u;

/**
 * A match token's stem for concept lookup (labels and queries alike): Snowball, with the French plurals in -x
 * taken off and, in Arabic, the ا that Snowball leaves of a plural -ات (لقاحات: لقاحا, لقاح) and a final ة.
 */
function stemToken(token: string, lang: string): string {
  const stem = analyze(token, lang)[0]?.term ?? token;
  if (lang === 'fr') return stem.replace(FRENCH_X_PLURAL, '');
  if (lang !== 'ar') return stem;
  const singular = token.endsWith('ات') && stem.endsWith('ا') ? stem.slice(0, -1) : stem;
  return singular.replace(ARABIC_FINAL_HA, '$1');
}

/** Built on first use per language, from the thesaurus's labels (and ours) in that language. */
function stemmedIndex(lang: string): StemmedIndex {
  let index = stemmedIndexes.get(lang);
  if (index !== undefined) return index;
  const byKey = new Map<string, string[]>();
  const longest = new Map<string, number>();
  const add = (id: string, label: string): void => {
    const tokens = matchTokens(label).map((t) => stemToken(t, lang));
    const first = tokens[0];
    if (first === undefined || (tokens.length === 1 && first.length < 4)) return;
    const key = tokens.join(' ');
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
    longest.set(first, Math.max(longest.get(first) ?? 0, tokens.length));
  };
  for (const concept of unescoThesaurus().concepts) {
    const pref = concept.prefLabel[lang];
    if (pref !== undefined) add(concept.id, pref);
    for (const alt of concept.altLabel?.[lang] ?? []) add(concept.id, alt);
  }
  index = { byKey, longest };
  stemmedIndexes.set(lang, index);
  return index;
}

/**
 * UNESCO concepts whose label in the query language meets the query once both are stemmed ("incendios
 * forestales" and the label "Incendio forestal"; "в лесу" and "Лес"), longest first at each place.
 */
function findStemmed(tokens: readonly string[], primary: string | null): Candidate[] {
  if (primary === null || !STEMMED_LANGUAGES.has(primary)) return [];
  const { byKey, longest } = stemmedIndex(primary);
  const stems = tokens.map((t) => stemToken(t, primary));
  const out: Candidate[] = [];
  let i = 0;
  while (i < stems.length) {
    const max = Math.min(longest.get(stems[i] ?? '') ?? 0, stems.length - i);
    let matched = 0;
    for (let len = max; len >= 1 && matched === 0; len -= 1) {
      const ids = byKey.get(stems.slice(i, i + len).join(' '));
      if (ids === undefined) continue;
      for (const id of ids.slice(0, MAX_CONCEPTS_PER_SPAN)) {
        out.push({ scheme: 'unesco', id, langs: [primary], start: i, end: i + len });
      }
      matched = len;
    }
    i += matched > 0 ? matched : 1;
  }
  return out;
}

/** Glossary terms of one language by their match tokens, stemmed where the language has a stemmer. */
const glossaryIndexes = new Map<string, StemmedIndex>();

function glossaryIndex(lang: string): StemmedIndex {
  let index = glossaryIndexes.get(lang);
  if (index !== undefined) return index;
  const stem = STEMMED_LANGUAGES.has(lang);
  const byKey = new Map<string, string[]>();
  const longest = new Map<string, number>();
  for (const term of glossaryTerms()) {
    for (const label of [...(term.labels[lang] ?? []), ...(term.labels['mul'] ?? [])]) {
      const tokens = matchTokens(label).map((t) => (stem ? stemToken(t, lang) : t));
      const first = tokens[0];
      if (
        first === undefined ||
        (tokens.length === 1 && !SINGLE_TOKEN_SCRIPT.test(first) && first.length < minWordLength(first))
      )
        continue;
      const key = tokens.join(' ');
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [term.id]);
      else if (!list.includes(term.id)) list.push(term.id);
      longest.set(first, Math.max(longest.get(first) ?? 0, tokens.length));
    }
  }
  index = { byKey, longest };
  glossaryIndexes.set(lang, index);
  return index;
}

/**
 * Glossary topics named in the tokens, in the query language (stemmed), or with no language in English and
 * in the languages of the tokens' script; longest first at each place.
 */
function findGlossary(tokens: readonly string[], primary: string | null): Candidate[] {
  const langs = primary !== null ? [primary] : ['en', ...scriptStemmers(tokens.join(' ')), 'zh'];
  const out: Candidate[] = [];
  for (const lang of [...new Set(langs)]) {
    const { byKey, longest } = glossaryIndex(lang);
    const keys = STEMMED_LANGUAGES.has(lang) ? tokens.map((t) => stemToken(t, lang)) : tokens;
    let i = 0;
    while (i < keys.length) {
      const max = Math.min(longest.get(keys[i] ?? '') ?? 0, keys.length - i);
      let matched = 0;
      for (let len = max; len >= 1 && matched === 0; len -= 1) {
        const ids = byKey.get(keys.slice(i, i + len).join(' '));
        if (ids === undefined) continue;
        for (const id of ids.slice(0, MAX_CONCEPTS_PER_SPAN)) {
          out.push({ scheme: 'term', id, langs: [lang], start: i, end: i + len });
        }
        matched = len;
      }
      i += matched > 0 ? matched : 1;
    }
  }
  return out;
}

/** Languages a concept has labels in (primary subtags). */
function labelLanguagesOf(scheme: PlanScheme, id: string): ReadonlySet<string> | undefined {
  if (scheme === 'term') {
    const t = glossaryTerm(id);
    return t === undefined ? undefined : new Set(Object.keys(t.labels).map(primaryLanguage));
  }
  if (scheme === 'unesco') {
    const c = unescoConcept(id);
    return c === undefined ? undefined : new Set(Object.keys(c.prefLabel).map(primaryLanguage));
  }
  if (scheme === 'isced-f') return undefined; // field names of every language are "mul": no language check
  return extra().labelLangs.get(`${scheme}:${id}`);
}

/**
 * Whether a match counts for a query in `primary` (see the file comment). Level and type labels are short
 * curated names shared by several languages ("Audio", "Video"), so any language counts for them.
 */
function inQueryLanguage(c: ConceptRef, primary: string | null): boolean {
  if (primary === null || c.scheme === 'level' || c.scheme === 'type') return true;
  if (c.langs.includes('mul') || c.langs.includes(primary)) return true;
  return !(labelLanguagesOf(c.scheme, c.id)?.has(primary) ?? false);
}

let unescoLanguageSet: ReadonlySet<string> | undefined;

/**
 * Languages the UNESCO Thesaurus (with our curated labels: zh, pt, de) labels most concepts in: a query in
 * one of them is served by the thesaurus itself.
 */
function unescoLanguages(): ReadonlySet<string> {
  if (unescoLanguageSet !== undefined) return unescoLanguageSet;
  const counts = new Map<string, number>();
  const { concepts } = unescoThesaurus();
  for (const c of concepts)
    for (const lang of Object.keys(c.prefLabel)) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  unescoLanguageSet = new Set(
    [...counts].filter(([, n]) => n * 2 >= concepts.length).map(([lang]) => primaryLanguage(lang)),
  );
  return unescoLanguageSet;
}
let fieldNames: ReadonlyMap<string, ReadonlySet<string>> | undefined;

/** The match keys of the names (prefLabels, every language) of each ISCED-F field. */
function fieldNameKeys(code: string): ReadonlySet<string> | undefined {
  if (fieldNames === undefined) {
    const map = new Map<string, Set<string>>();
    for (const f of iscedFields()) map.set(f.code, new Set(Object.values(f.prefLabel).map(matchKey)));
    fieldNames = map;
  }
  return fieldNames.get(code);
}

/**
 * A label-index match as a candidate, or null. ISCED-F fields are also reached through curated subject terms
 * ("linear algebra", "数学" -> 0541 Mathematics), which are often narrower than the field: expanding them
 * would post the query up to the whole discipline. They count only where the UNESCO Thesaurus cannot serve
 * the query language (zh, pt, sw, de...; with no language, for Han, kana, Hangul and Thai text), where the
 * field is the only bridge; the field's own names (its prefLabels) always count.
 */
function fromLabelIndex(
  m: ConceptMatch,
  primary: string | null,
  tokens: readonly string[],
): Candidate | null {
  if (m.weak || m.partOfWord === true) return null;
  if (m.scheme === 'isced-f' && !(fieldNameKeys(m.id)?.has(m.key) ?? false)) {
    const bridge =
      primary === null
        ? tokens.slice(m.start, m.end).every((t) => SINGLE_TOKEN_SCRIPT.test(t))
        : !unescoLanguages().has(primary);
    if (!bridge) return null;
  }
  return { scheme: m.scheme, id: m.id, langs: m.langs, start: m.start, end: m.end };
}

let zhSegmenter: Intl.Segmenter | undefined;

/**
 * Positions of the tokens (one character each for Han, kana and Hangul) that are one-character words in their
 * run of such characters, as Intl.Segmenter cuts the run; null when no run has more than one character.
 */
function cjkWords(tokens: readonly string[]): Set<number> | null {
  let out: Set<number> | null = null;
  let i = 0;
  while (i < tokens.length) {
    if (!CJK_CHAR.test(tokens[i] ?? '')) {
      i += 1;
      continue;
    }
    let end = i + 1;
    while (end < tokens.length && CJK_CHAR.test(tokens[end] ?? '')) end += 1;
    out ??= new Set<number>();
    if (end - i === 1) out.add(i);
    else {
      zhSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
      // Token k starts at UTF-16 offset starts[k - i] of the run (a character may be a surrogate pair).
      const starts: number[] = [];
      let offset = 0;
      for (let k = i; k < end; k += 1) {
        starts.push(offset);
        offset += (tokens[k] ?? '').length;
      }
      starts.push(offset);
      for (const seg of zhSegmenter.segment(tokens.slice(i, end).join(''))) {
        const at = starts.indexOf(seg.index);
        if (at >= 0 && starts[at + 1] === seg.index + seg.segment.length) out.add(i + at);
      }
    }
    i = end;
  }
  return out;
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly concepts: ConceptRef[];
  /**
   * For a place that only our glossary names ("music therapy"), the concepts found inside it that together
   * cover its every content word (Music; Therapy): a record of any language that holds them all is reached
   * too, since records often name such a topic by its parts rather than by a label of the topic.
   */
  inner?: ConceptRef[][];
}

/** Concepts of a token sequence as non-overlapping spans, longest first, left to right. */
function conceptSpans(
  tokens: readonly string[],
  reduced: readonly boolean[],
  primary: string | null,
): Span[] {
  if (tokens.length === 0) return [];
  const candidates: Candidate[] = [];
  // A place whose every concept is refused ("linear algebra", a curated term of a field) is searched again
  // one word shorter at either end, once, so that a shorter label there ("algebra") can still count.
  const search = (from: number, to: number, retry: boolean): void => {
    const accepted = new Set<string>();
    const refused = new Map<string, ConceptMatch>();
    const sub = from === 0 && to === tokens.length ? tokens : tokens.slice(from, to);
    for (const found of findConceptsInTokens(sub, primary ?? undefined, reduced.slice(from, to))) {
      const m = { ...found, start: found.start + from, end: found.end + from };
      const place = `${m.start}:${m.end}`;
      const c = fromLabelIndex(m, primary, tokens);
      if (c !== null && inQueryLanguage(c, primary)) {
        candidates.push(c);
        accepted.add(place);
      } else refused.set(place, m);
    }
    if (!retry) return;
    for (const [place, m] of refused) {
      if (accepted.has(place) || m.end - m.start < 2) continue;
      search(m.start + 1, m.end, false);
      search(m.start, m.end - 1, false);
    }
  };
  search(0, tokens.length, true);
  for (const c of findStemmed(tokens, primary)) candidates.push(c);
  for (const c of findGlossary(tokens, primary)) candidates.push(c);
  for (const c of findExtra(tokens)) if (inQueryLanguage(c, primary)) candidates.push(c);
  const words = cjkWords(tokens);
  if (words !== null) {
    // A one-character label counts only where the character is a word of its own ("波" is not a wave in
    // 哈利波特, Harry Potter; it is in 电磁波).
    for (let i = candidates.length - 1; i >= 0; i -= 1) {
      const c = candidates[i];
      if (c === undefined || c.end - c.start !== 1 || !CJK_CHAR.test(tokens[c.start] ?? '')) continue;
      if (!words.has(c.start)) candidates.splice(i, 1);
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const spans: Span[] = [];
  const nested: Candidate[] = [];
  for (const c of candidates) {
    const last = spans[spans.length - 1];
    if (last !== undefined && last.start === c.start && last.end === c.end) {
      if (!last.concepts.some((x) => sameConcept(x, c))) last.concepts.push(c);
      continue;
    }
    if (spans.some((s) => c.start < s.end && s.start < c.end)) {
      if (spans.some((s) => s.start <= c.start && c.end <= s.end)) nested.push(c);
      continue;
    }
    spans.push({ start: c.start, end: c.end, concepts: [c] });
  }
  for (const s of spans) {
    const preferred = byPreferredLabel(s.concepts, tokens.slice(s.start, s.end), primary);
    s.concepts.splice(0, s.concepts.length, ...preferred.slice(0, MAX_CONCEPTS_PER_SPAN));
    if (s.concepts.every((c) => c.scheme === 'term')) {
      const inner = innerParts(s, nested, tokens);
      if (inner !== null) s.inner = inner;
    }
  }
  return spans;
}

/**
 * The concepts inside a glossary span, grouped by place (longest first, left to right, as for the spans
 * themselves), when there are at least two places, none of them generic, and together they cover every content
 * word of the span; else null.
 */
function innerParts(
  span: Span,
  nested: readonly Candidate[],
  tokens: readonly string[],
): ConceptRef[][] | null {
  const places: { start: number; end: number; concepts: ConceptRef[] }[] = [];
  for (const c of nested) {
    if (c.start < span.start || c.end > span.end || c.scheme === 'term' || isGeneric(c)) continue;
    const same = places.find((p) => p.start === c.start && p.end === c.end);
    if (same !== undefined) {
      if (!same.concepts.some((x) => sameConcept(x, c)) && same.concepts.length < MAX_CONCEPTS_PER_SPAN) {
        same.concepts.push(c);
      }
      continue;
    }
    if (places.some((p) => c.start < p.end && p.start < c.end)) continue;
    places.push({ start: c.start, end: c.end, concepts: [c] });
  }
  if (places.length < 2) return null;
  for (let i = span.start; i < span.end; i += 1) {
    if (!isContent(tokens[i] ?? '')) continue;
    if (!places.some((p) => p.start <= i && i < p.end)) return null;
  }
  return places.map((p) => p.concepts);
}

/**
 * At one place of the query, UNESCO concepts whose preferred label in the query language is what the query
 * says (as written or once stemmed) win over those it names only by an alternative label: "réfugiés" is
 * Refugees, not Housing (alternative label "Refuge"); "teoría celular" is about the Cell, not Mobile phones
 * (Spanish alternative label "Celular"). A label the query names as written wins over one of the same kind it
 * meets only once both are stemmed: Arabic "الرياضيات" is Mathematics (رياضيات), not Athletes (رياضيون), and
 * "مدرسة" is Schools (alternative label مدرسة), not Teachers (مدرس), which the light stemmer reduces to the
 * same stem. Other schemes are kept.
 */
function byPreferredLabel(
  concepts: readonly ConceptRef[],
  tokens: readonly string[],
  primary: string | null,
): ConceptRef[] {
  const unesco = concepts.filter((c) => c.scheme === 'unesco');
  if (primary === null || unesco.length < 2) return [...concepts];
  const key = tokens.join(' ');
  const stemmed = STEMMED_LANGUAGES.has(primary);
  const stems = stemmed ? tokens.map((t) => stemToken(t, primary)).join(' ') : key;
  const says = (label: string, exact: number, stem: number): number => {
    const labelTokens = matchTokens(label);
    if (labelTokens.join(' ') === key) return exact;
    return stemmed && labelTokens.map((t) => stemToken(t, primary)).join(' ') === stems ? stem : 0;
  };
  // 4: the preferred label as written, 3: once stemmed; 2: an alternative label as written, 1: once stemmed.
  const named = (c: ConceptRef): number => {
    const concept = unescoConcept(c.id);
    const pref = concept?.prefLabel[primary];
    let rank = pref === undefined ? 0 : says(pref, 4, 3);
    for (const alt of concept?.altLabel?.[primary] ?? []) {
      if (rank >= 2) break;
      rank = Math.max(rank, says(alt, 2, 1));
    }
    return rank;
  };
  const best = Math.max(...unesco.map(named));
  if (best === 0) return [...concepts];
  return concepts.filter((c) => c.scheme !== 'unesco' || named(c) === best);
}

function sameConcept(a: ConceptRef, b: ConceptRef): boolean {
  return a.scheme === b.scheme && a.id === b.id;
}

function conceptKey(c: ConceptRef): string {
  if (c.scheme === 'type') {
    const notation = HCRT_CONCEPTS.find((h) => h.id === c.id)?.notation ?? c.id;
    return `type:${notation}`;
  }
  return `${c.scheme}:${c.id}`;
}

function displayLabel(c: ConceptRef, lang: string | null): string {
  const l = lang ?? 'en';
  if (c.scheme === 'term') {
    const labels = glossaryTerm(c.id)?.labels;
    return labels?.[l.split('-')[0] ?? l]?.[0] ?? labels?.en?.[0] ?? c.id;
  }
  const label =
    c.scheme === 'unesco'
      ? unescoLabel(c.id, l)
      : c.scheme === 'isced-f'
        ? iscedFieldLabel(c.id, l)
        : c.scheme === 'level'
          ? iscedLevelLabel(c.id, l)
          : hcrtLabel(c.id, l);
  return label ?? c.id;
}

/**
 * Every label of a concept as [language, label]: the preferred label of each language in LABEL_ORDER (then
 * alphabetically), then the alternative labels in the same order of languages.
 */
function labelsOf(c: ConceptRef): [string, string][] {
  const lists: Record<string, string[]> = {};
  const add = (lang: string, label: string | undefined): void => {
    if (label === undefined || label.trim() === '') return;
    const list = (lists[lang] ??= []);
    if (!list.includes(label)) list.push(label);
  };
  if (c.scheme === 'term') {
    for (const [lang, list] of Object.entries(glossaryTerm(c.id)?.labels ?? {}))
      for (const l of list) add(lang, l);
  } else if (c.scheme === 'unesco') {
    const concept = unescoConcept(c.id);
    for (const [lang, l] of Object.entries(concept?.prefLabel ?? {})) add(lang, l);
    for (const [lang, list] of Object.entries(concept?.altLabel ?? {})) for (const l of list) add(lang, l);
  } else if (c.scheme === 'isced-f') {
    for (const [lang, l] of Object.entries(iscedField(c.id)?.prefLabel ?? {})) add(lang, l);
  } else if (c.scheme === 'level') {
    const level = iscedLevels().find((l) => l.code === c.id);
    for (const [lang, l] of Object.entries(level?.prefLabel ?? {})) add(lang, l);
  } else {
    const h = HCRT_CONCEPTS.find((x) => x.id === c.id);
    if (h !== undefined) {
      for (const [lang, l] of Object.entries(h.prefLabel)) add(lang, l);
      for (const [lang, l] of Object.entries(h.curatedLabel)) add(lang, l);
      for (const [lang, list] of Object.entries(h.altLabel)) for (const l of list) add(lang, l);
    }
  }
  const rank = (lang: string): number => {
    const at = LABEL_ORDER.indexOf(lang);
    return at < 0 ? LABEL_ORDER.length : at;
  };
  const langs = Object.keys(lists).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: [string, string][] = [];
  for (let i = 0; out.length < MAX_LABELS_PER_CONCEPT * 2; i += 1) {
    let any = false;
    for (const lang of langs) {
      const label = lists[lang]?.[i];
      if (label === undefined) continue;
      out.push([lang, label]);
      any = true;
    }
    if (!any) break;
  }
  return out;
}

/** Function words of one or two letters (and a few longer ones the label index does not list), folded. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'of to in on at as by or an is it be de du la le el en da do di um im am zu au et ou ni se lo al ao ' +
    'no na em ' +
    'ya wa za cha vya kwa katika ' +
    'во со ко по от до из об для при без как или ' +
    'من في عن مع ضد على الى او ' +
    'des aux avec entre sous unos unas las los del dos das ao aos nas nos pelo pela zur zum des fur ' +
    'against between into about'
  )
    .split(' ')
    .flatMap((w) => matchTokens(w)),
);

/** Whether a word of a label is a function word (left out of the AND of its words). */
function isFunctionWord(word: string): boolean {
  const tokens = matchTokens(word);
  if (tokens.length !== 1) return false;
  const t = tokens[0] ?? '';
  if (SINGLE_TOKEN_SCRIPT.test(t)) return false;
  if (codePointLength(t) === 1) return true;
  return FUNCTION_WORDS.has(t) || (codePointLength(t) >= 3 && isStopToken(t));
}

const LABEL_WORD = /[^\s/,;:()[\]]+/gu;
const LABEL_PREFIX_MIN = 4;
/** Shortest stem of a word of a several-word label that is also matched as a prefix. */
const STEM_PREFIX_MIN = 5;

/**
 * The ways a document holds one label of a concept (see the file comment): the label analyzed in its own
 * language as a phrase, and as the AND of its content words (each a term, or a phrase when the word analyzes
 * to several terms); its folded, unstemmed form as a phrase; and its exact words in `exact`, each as a prefix
 * when long enough, so that titles and keywords filed under a wrong language still meet it.
 */
function labelForms(label: string, lang: string, preferred: boolean): (MatchExpr | null)[] {
  if (lang === 'mul') return neutralForms(label);
  const stemmed = termsOf(label, lang, true);
  if (stemmed.length === 0) return [null];
  if (stemmed.some((t) => SINGLE_TOKEN_SCRIPT.test(t))) return [sequence(stemmed, TEXT)]; // CJK: the phrase
  const out: (MatchExpr | null)[] = [];
  const words =
    stemmed.length === 1 ? [label] : (label.match(LABEL_WORD) ?? []).filter((w) => !isFunctionWord(w));
  const byWord: (MatchExpr | null)[] = [];
  const exactWords: (MatchExpr | null)[] = [];
  for (const w of words.slice(0, MAX_PHRASE_TERMS)) {
    // A word's stem also as a prefix: Russian "пожарная" and "пожар", English "therapy" and "therapeutic".
    const stems = termsOf(w, lang, true);
    const stem = stems.length === 1 ? (stems[0] ?? '') : '';
    byWord.push(sequence(stems, TEXT, stemmed.length > 1 && codePointLength(stem) >= STEM_PREFIX_MIN));
    if (!preferred) continue;
    const exact = exactTerms(w);
    const term = exact[0];
    if (exact.length === 1 && term !== undefined) {
      const prefix = codePointLength(term) >= LABEL_PREFIX_MIN;
      exactWords.push({ kind: 'term', term, columns: EXACT, ...(prefix ? { prefix: true } : {}) });
    } else exactWords.push(sequence(exact, EXACT));
  }
  // Several words: their AND, and for a preferred label also its phrase, which ranks the records that hold
  // the words together above those where they only meet ("operating" and "system" in an abstract).
  if (byWord.length > 1) {
    if (preferred) out.push(sequence(stemmed, TEXT));
    out.push(combine('and', byWord));
  } else out.push(sequence(stemmed, TEXT));
  if (stemmed.length === 1) {
    const folded = termsOf(label, lang, false);
    if (folded[0] !== stemmed[0]) out.push(sequence(folded, TEXT));
  }
  if (exactWords.length > 0) out.push(combine('and', exactWords));
  return out;
}

/** Shortest stem of a one-word language-neutral label that is used as a prefix. */
const NEUTRAL_PREFIX_MIN = 6;

/**
 * The forms of a language-neutral label (a glossary `mul` name: "Plasmodium", "Trypanosoma cruzi", "MOOC"):
 * its stems under each stemmer of its script, since each document stems it in its own language; a one-word
 * name is also a prefix of its shortest stem (Schistosoma, schistosome, schistosomal, schistosomiasis);
 * and its exact words in `exact`.
 */
function neutralForms(label: string): (MatchExpr | null)[] {
  const out: (MatchExpr | null)[] = [];
  const folded = termsOf(label, 'und', false);
  if (folded.length === 0) return [null];
  out.push(sequence(folded, TEXT));
  let shortest = folded.length === 1 ? (folded[0] ?? '') : '';
  for (const l of scriptStemmers(label)) {
    const stems = termsOf(label, l, true);
    out.push(sequence(stems, TEXT));
    const stem = stems[0] ?? '';
    if (stems.length === 1 && stem.length < shortest.length) shortest = stem;
  }
  if (codePointLength(shortest) >= NEUTRAL_PREFIX_MIN) out.push(sequence([shortest], TEXT, true));
  const exact = exactTerms(label).slice(0, MAX_PHRASE_TERMS);
  if (exact.length > 0 && !exact.some((t) => SINGLE_TOKEN_SCRIPT.test(t))) {
    out.push(
      combine(
        'and',
        exact.map((term): MatchExpr => ({ kind: 'term', term, columns: EXACT })),
      ),
    );
  }
  return out;
}

const alternativesCache = new Map<string, MatchExpr | null>();
const ALTERNATIVES_CACHE_LIMIT = 2048;

/** The concept in documents of any language: its token, or one of its labels, each in its own language. */
function alternatives(c: ConceptRef, limit: number): MatchExpr | null {
  const cacheKey = `${conceptKey(c)}|${limit}`;
  const hit = alternativesCache.get(cacheKey);
  if (hit !== undefined) return hit;
  const nodes: (MatchExpr | null)[] =
    c.scheme === 'term' ? [] : [{ kind: 'term', term: conceptToken(c.scheme, c.id), columns: CONCEPTS }];
  if (c.scheme === 'unesco') {
    // Records the subject normalization tagged with a concept the thesaurus relates to this one (Gender-based
    // violence: Sexual abuse, Domestic violence): their tokens only, not their labels, which would reach far
    // wider. A hub with more than MAX_RELATED relations (Education) relates too many subjects to reach them.
    // A related concept that is itself such a hub (Biology, for Cell biology) is a field, not a neighbour.
    const related = unescoConcept(c.id)?.related ?? [];
    if (related.length <= MAX_RELATED) {
      for (const r of related) {
        if ((unescoConcept(r)?.related?.length ?? 0) > MAX_RELATED) continue;
        nodes.push({ kind: 'term', term: conceptToken('unesco', r), columns: CONCEPTS });
      }
    }
  }
  let count = 0;
  const seen = new Set<string>();
  for (const [lang, label] of labelsOf(c)) {
    if (count >= limit) break;
    const forms = labelForms(label, lang, !seen.has(lang));
    seen.add(lang);
    if (forms[0] === null) continue;
    nodes.push(...forms);
    count += 1;
  }
  const expr = combine('or', nodes);
  if (alternativesCache.size >= ALTERNATIVES_CACHE_LIMIT) alternativesCache.clear();
  alternativesCache.set(cacheKey, expr);
  return expr;
}

/**
 * UNESCO concepts that name learning, teaching or education as such (Education, Learning, Teaching, Training,
 * Educational resources, Open educational resources): in a catalog of learning resources they qualify every
 * record, so they do not narrow a query that names a subject. Diseases is the head word of disease names
 * ("مرض السكري", diabetes; "maladie de Lyme"), which records of other languages often give without it.
 */
const GENERIC_CONCEPTS: ReadonlySet<string> = new Set([
  'concept2',
  'concept5',
  'concept82',
  'concept84',
  'concept8865',
  'concept17093',
  'concept8188',
]);

function isGeneric(c: ConceptRef): boolean {
  return c.scheme === 'unesco' && GENERIC_CONCEPTS.has(c.id);
}

/** A content token: not a function word or a short word, or one character of a script without spaces. */
function isContent(token: string): boolean {
  return SINGLE_TOKEN_SCRIPT.test(token) || !isStopToken(token);
}

/** One expansion and the concepts it stands for (the first names it). */
interface ExpansionGroup {
  readonly expansion: Expansion;
  readonly concepts: PlannedConcept[];
}

/**
 * The expansions of the positive conjuncts (see the file comment); `own` holds the match expression of each
 * conjunct (null when it had nothing analyzable, or was dropped by the budget).
 */
function expand(
  conjuncts: readonly Conjunct[],
  own: readonly (MatchExpr | null)[],
  itemExprs: readonly (readonly (MatchExpr | null)[])[],
  lang: string | null,
  primary: string | null,
  labelLimit: number,
): ExpansionGroup[] {
  // Token runs of consecutive single items (concepts may span them), broken by OR groups.
  const tokens: string[] = [];
  const reduced: boolean[] = [];
  const owner: number[] = [];
  const runs: { start: number; end: number }[] = [];
  let runStart = 0;
  const closeRun = (): void => {
    if (tokens.length > runStart) runs.push({ start: runStart, end: tokens.length });
    runStart = tokens.length;
  };
  conjuncts.forEach((c, index) => {
    if (own[index] === null) return;
    const single = c.type === 'items' && c.items.length === 1 ? c.items[0] : undefined;
    if (single === undefined) {
      closeRun();
      return;
    }
    const before = tokens.length;
    for (const t of matchTokens(cutItem(single.text), reduced)) {
      if (tokens.length - before >= MAX_PHRASE_TERMS) break;
      tokens.push(t);
      owner.push(index);
    }
    reduced.length = tokens.length;
  });
  closeRun();

  const spans: Span[] = [];
  for (const run of runs) {
    for (const s of conceptSpans(
      tokens.slice(run.start, run.end),
      reduced.slice(run.start, run.end),
      primary,
    )) {
      spans.push({ ...s, start: s.start + run.start, end: s.end + run.start });
    }
  }
  // OR groups: an alternative counts when one concept place covers all its content.
  const groupConcepts = new Map<number, (ConceptRef[] | null)[]>();
  conjuncts.forEach((c, index) => {
    if (own[index] === null || c.type !== 'items' || c.items.length < 2) return;
    groupConcepts.set(
      index,
      c.items.map((item) => {
        const red: boolean[] = [];
        const toks = matchTokens(cutItem(item.text), red).slice(0, MAX_PHRASE_TERMS);
        const found = conceptSpans(toks, red.slice(0, toks.length), primary);
        const content = toks.map((t, i) => (isContent(t) ? i : -1)).filter((i) => i >= 0);
        const whole = found.find(
          (s) => content.length > 0 && content.every((i) => i >= s.start && i < s.end),
        );
        return whole === undefined ? null : whole.concepts;
      }),
    );
  });

  // Pick the concepts to expand, in query order, at most MAX_CONCEPTS.
  interface Place {
    readonly span?: number;
    readonly group?: number;
    readonly alternative?: number;
  }
  const picked: { concept: ConceptRef; place: Place }[] = [];
  const places: { place: Place; concepts: ConceptRef[] }[] = [];
  let spanAt = 0;
  conjuncts.forEach((_, index) => {
    for (; spanAt < spans.length && (owner[spans[spanAt]?.start ?? 0] ?? -1) <= index; spanAt += 1) {
      places.push({ place: { span: spanAt }, concepts: spans[spanAt]?.concepts ?? [] });
    }
    const alts = groupConcepts.get(index);
    alts?.forEach((list, alternative) => {
      if (list !== null) places.push({ place: { group: index, alternative }, concepts: list });
    });
  });
  // Learning, teaching and education themselves are what every record offers: with another concept in the
  // query they are neither expanded nor required ("学习西班牙语", learn Spanish, reaches the Spanish courses).
  const specific = places.some(({ concepts }) => concepts.some((c) => !isGeneric(c)));
  for (const { place, concepts } of places) {
    for (const concept of concepts) {
      if (picked.length >= MAX_CONCEPTS) break;
      if (specific && isGeneric(concept)) continue;
      if (!picked.some((p) => sameConcept(p.concept, concept))) picked.push({ concept, place });
    }
  }
  if (picked.length === 0) return [];

  const anyLanguage = (list: readonly ConceptRef[]): MatchExpr | null =>
    combine(
      'or',
      list.map((c) => alternatives(c, labelLimit)),
    );
  // A glossary topic's place is also reached through the concepts inside it, all of them (see Span.inner).
  const byParts = (s: Span | undefined): MatchExpr | null =>
    s?.inner === undefined ? null : combine('and', s.inner.map(anyLanguage));
  // First and last token of each conjunct.
  const firstToken = new Map<number, number>();
  const lastToken = new Map<number, number>();
  owner.forEach((index, i) => {
    if (!firstToken.has(index)) firstToken.set(index, i);
    lastToken.set(index, i);
  });
  const spanOwn = (s: Span): MatchExpr | null => {
    // The user's own words for the place, when it holds whole conjuncts.
    const inside: (MatchExpr | null)[] = [];
    for (let i = s.start; i < s.end; i += 1) {
      const index = owner[i] ?? -1;
      if (firstToken.get(index) === i && (lastToken.get(index) ?? Infinity) < s.end) {
        inside.push(own[index] ?? null);
      }
    }
    return combine('and', inside);
  };

  // Words no concept covers are not required in other languages, but a record that holds them (as typed, or
  // as a cognate: French "agents" and Spanish "agentes" share the stem "agent") ranks higher among the
  // concept's records: the expansion ORs itself with itself AND those words.
  const covered = new Set<number>();
  for (const s of spans) for (let i = s.start; i < s.end; i += 1) covered.add(owner[i] ?? -1);
  const boosts: (MatchExpr | null)[] = [];
  conjuncts.forEach((c, index) => {
    const expr = own[index] ?? null;
    const single = c.type === 'items' && c.items.length === 1 ? c.items[0] : undefined;
    if (expr === null || single === undefined || covered.has(index)) return;
    const content = matchTokens(cutItem(single.text)).some(isContent);
    if (!content) return;
    const forms: (MatchExpr | null)[] = [expr];
    for (const l of scriptStemmers(single.text))
      forms.push(sequence(termsOf(cutItem(single.text), l, true), TEXT));
    boosts.push(combine('or', forms));
  });
  const boost = combine('or', boosts);

  // The concepts of one place (a thesaurus concept and the glossary topic of the same name, a field, a type)
  // share one expansion: the OR of their forms, without the duplicates each would bring on its own.
  const byPlace: { place: Place; members: ConceptRef[] }[] = [];
  for (const { concept, place } of picked) {
    const same = byPlace.find(
      (g) =>
        g.place.span === place.span &&
        g.place.group === place.group &&
        g.place.alternative === place.alternative,
    );
    if (same !== undefined) same.members.push(concept);
    else byPlace.push({ place, members: [concept] });
  }
  const groups: ExpansionGroup[] = [];
  for (const { place, members } of byPlace) {
    const parts: (MatchExpr | null)[] = [
      combine('or', [
        ...members.map((c) => alternatives(c, labelLimit)),
        place.span === undefined ? null : byParts(spans[place.span]),
      ]),
    ];
    spans.forEach((s, i) => {
      if (i === place.span || s.concepts.some(isGeneric)) return;
      parts.push(combine('or', [anyLanguage(s.concepts), byParts(s), spanOwn(s)]));
    });
    conjuncts.forEach((c, index) => {
      const expr = own[index] ?? null;
      if (expr === null) return;
      if (c.type === 'opaque') {
        parts.push(expr);
        return;
      }
      // A word no concept covers is not required in another language: "Zweiter Weltkrieg" reaches the
      // records about world wars in every language, below those that also say "zweiter".
      if (c.items.length === 1) return;
      if (index === place.group) return;
      const alts = groupConcepts.get(index) ?? [];
      const exprs = itemExprs[index] ?? [];
      parts.push(
        combine(
          'or',
          c.items.map((_, k) => {
            const list = alts[k];
            return combine('or', [
              exprs[k] ?? null,
              list === null || list === undefined ? null : anyLanguage(list),
            ]);
          }),
        ),
      );
    });
    const base = combine('and', parts);
    if (base === null) continue;
    let expr = base;
    if (boost !== null) {
      // The words no concept covers rank the records that hold them first (see the file comment).
      expr = combine('or', [base, combine('and', [base, boost])]) ?? base;
    }
    const concepts = members.map((c): PlannedConcept => ({
      key: conceptKey(c),
      scheme: c.scheme,
      id: c.id,
      label: displayLabel(c, lang),
    }));
    groups.push({ expansion: { key: concepts[0]?.key ?? '', expr }, concepts });
  }
  return groups;
}

/** Term occurrences of an expression, as the index counts them against its limit. */
function termCount(e: MatchExpr | null): number {
  if (e === null) return 0;
  if (e.kind === 'term') return 1;
  if (e.kind === 'phrase') return e.terms.length;
  let n = 0;
  for (const node of e.nodes) n += termCount(node);
  return n;
}

function expansionTerms(groups: readonly ExpansionGroup[]): number {
  let n = 0;
  for (const g of groups) n += termCount(g.expansion.expr);
  return n;
}

// --- the plan ------------------------------------------------------------------------------------------------

/** The expression with every AND turned into an OR (phrases stay phrases); null when it has no AND. */
function relaxExpr(e: MatchExpr): MatchExpr | null {
  if (e.kind === 'term' || e.kind === 'phrase') return null;
  let changed = e.kind === 'and';
  const nodes = e.nodes.map((node) => {
    const relaxed = relaxExpr(node);
    if (relaxed === null) return node;
    changed = true;
    return relaxed;
  });
  return changed ? combine('or', nodes) : null;
}

/**
 * The plan that also finds documents holding only some of the query's parts: each AND of the user's words,
 * of the concepts of a multi-concept query and of the content words of a multi-word label becomes an OR, so
 * that a document holding any of them matches and BM25 ranks those holding more (and rarer) parts first.
 * Quoted phrases, OR groups and exclusions stay as they are. Null when nothing in the plan is required
 * jointly (a one-word query): relaxing it would find nothing more.
 */
export function relaxPlan(plan: QueryPlan): QueryPlan | null {
  if (plan.match === null) return null;
  const match = relaxExpr(plan.match);
  let changed = match !== null;
  const expansions = plan.expansions.map((x) => {
    const expr = relaxExpr(x.expr);
    if (expr === null) return x;
    changed = true;
    return { key: x.key, expr };
  });
  return changed ? { ...plan, match: match ?? plan.match, expansions } : null;
}

const EMPTY: QueryPlan = { match: null, exclude: null, expansions: [], concepts: [], words: [] };

function contextOf(lang: string | null): Context {
  if (typeof lang !== 'string' || lang.trim() === '' || lang.length > 64) {
    return { lang: 'und', primary: null, stemmed: false };
  }
  const primary = primaryLanguage(lang);
  if (primary === 'und' || primary === 'mul' || primary === 'zxx' || primary === '') {
    return { lang: 'und', primary: null, stemmed: false };
  }
  return { lang, primary, stemmed: STEMMED_LANGUAGES.has(primary) };
}

function plan(query: ParsedQuery, options: PlanOptions): QueryPlan {
  const root = (query as { root?: unknown } | null)?.root;
  if (!isNode(root)) return EMPTY;
  const ctx = contextOf(options.lang);
  const { conjuncts, excluded } = read(root);

  // The last word typed, for prefix matching: the last conjunct when it is a single word.
  const lastConjunct = conjuncts[conjuncts.length - 1];
  const lastItem =
    lastConjunct?.type === 'items' && lastConjunct.items.length === 1 ? lastConjunct.items[0] : undefined;

  let left = MAX_PLANNED_ITEMS;
  const own: (MatchExpr | null)[] = [];
  const itemExprs: (MatchExpr | null)[][] = [];
  const words: string[] = [];
  const seenWords = new Set<string>();
  for (const c of conjuncts) {
    if (left <= 0) {
      own.push(null);
      itemExprs.push([]);
      continue;
    }
    if (c.type === 'opaque') {
      const budget = { left };
      own.push(treeExpr(c.node, ctx, budget, false));
      left = budget.left;
      itemExprs.push([]);
      continue;
    }
    const exprs: (MatchExpr | null)[] = [];
    for (const item of c.items) {
      if (left <= 0) break;
      left -= 1;
      const last = item === lastItem && item.kind === 'term';
      exprs.push(itemExpr(item.kind, item.text, ctx, last, false));
      for (const w of exactTerms(cutItem(item.text))) {
        if (seenWords.has(w) || words.length >= MAX_PLANNED_ITEMS * 2) continue;
        seenWords.add(w);
        words.push(w);
      }
    }
    itemExprs.push(exprs);
    own.push(combine('or', exprs));
  }
  const match = combine('and', own);

  const budget = { left: MAX_EXCLUDED_ITEMS };
  const exclude = combine(
    'or',
    excluded.map((node) => treeExpr(node, ctx, budget, true)),
  );
  if (match === null) return { ...EMPTY, exclude };

  if (!options.crossLanguage) return { match, exclude, expansions: [], concepts: [], words };
  // Fewer labels per concept, then fewer concepts, until the whole query fits the index's term budget.
  const room = MAX_PLAN_TERMS - termCount(match) - termCount(exclude);
  const expandWith = (limit: number): ExpansionGroup[] =>
    expand(conjuncts, own, itemExprs, ctx.primary === null ? null : options.lang, ctx.primary, limit);
  let groups = expandWith(MAX_LABELS_PER_CONCEPT);
  for (let limit = MAX_LABELS_PER_CONCEPT >> 1; limit >= 1 && expansionTerms(groups) > room; limit >>= 1)
    groups = expandWith(limit);
  while (groups.length > 0 && expansionTerms(groups) > room) groups = groups.slice(0, -1);
  return {
    match,
    exclude,
    expansions: groups.map((g) => g.expansion),
    concepts: groups.flatMap((g) => g.concepts),
    words,
  };
}

/**
 * Plans a parsed query: the user's words (`match`), exclusions, cross-language expansions with the concepts
 * they stand for, and the query's words as exact terms. Never throws; the plan's size is bounded whatever
 * the query.
 */
export function planQuery(query: ParsedQuery, options: PlanOptions): QueryPlan {
  try {
    return plan(query, options);
  } catch {
    return EMPTY; // not reached in fuzzing; a bug must not turn a search into a server error
  }
}
