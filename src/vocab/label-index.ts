// The label index: every label (preferred or alternative, any language) of the UNESCO Thesaurus concepts
// and every name of an ISCED-F field (data-bundled/vocab/subject-schemes.json `labels`), keyed by its match tokens
// (src/vocab/fold.ts). Built once on first use; a lookup walks the text's tokens left to right and, at each
// position, tries the longest token n-gram a label can have there first (Map lookups, no regex scans), so
// "Organic chemistry" wins over "Chemistry" and "Computer science education" over "Computer science".
// Single-word labels shorter than three letters or that are function words in some language ("Or", the
// French label of Gold; "News", which folds to "new") are not matched alone. A long word that no label
// names is tried as a compound: an English or multilingual one-word label at its end is its head
// ("Nanomedizin" -> "Medizin", "neuroanatomy" -> "anatomy").
import { matchTokens } from './fold.js';
import { subjectSchemes } from './schemes.js';
import { unescoThesaurus } from './unesco.js';

export type MatchScheme = 'unesco' | 'isced-f';

/** A concept whose label occurs in a text. */
export interface ConceptMatch {
  readonly scheme: MatchScheme;
  /** UNESCO local id ("concept123") or ISCED-F code ("0531"). */
  readonly id: string;
  /** Token positions of the match in the text: [start, end). */
  readonly start: number;
  readonly end: number;
  /** The matched label as a match key (folded tokens joined by spaces). */
  readonly key: string;
  /** Languages of the labels that matched ("mul" for field names without a language). */
  readonly langs: readonly string[];
  /** For ISCED-F names: a generic name ("Education") that should not decide a record's field alone. */
  readonly weak: boolean;
  /** The label is the last part of a longer word ("Medizin" in "Nanomedizin", "anatomy" in "neuroanatomy"). */
  readonly partOfWord?: true;
}

interface Entry {
  readonly scheme: MatchScheme;
  readonly id: string;
  langs: number;
  /** The languages of `langs` as a list, set when the index is complete. */
  langList: readonly string[];
  /** 1: a label written as the key; 2: a label the reductions changed ("Medicines" -> "medicine"). */
  forms: number;
  readonly weak: boolean;
}

const LANGS = ['en', 'fr', 'es', 'ru', 'ar', 'zh', 'pt', 'de', 'sw', 'mul'] as const;
const MUL = 1 << LANGS.indexOf('mul');
const EN = 1 << LANGS.indexOf('en');
const COMPOUND_MIN = 8;
const PART_MIN = 5;
const LATIN = /^[a-z]+$/;

// Function words of the languages our records are written in, and words the plural reduction produces
// ("News" -> "new", "Wells" -> "well"): a one-word label equal to one of these is not matched alone.
const STOP_WORDS =
  'the and for with from that this are was were has have had not but all any one two new well our out ' +
  'les des une que qui par pour dans sur aux ces son ses est pas plus sont ver ' +
  'los las del por para con sin sus una uno como mas pero ser sol mar sal gen fe ' +
  'dos das nos nas uma com sem mais ' +
  'der die das und mit von den dem ein eine auf ist nicht sie wir ' +
  'het een van voor met ' +
  'gli della con per non ' +
  'article ' +
  // Arabic function words of two letters (longer ones are kept out of one-word labels by the labels themselves).
  'في من عن ما لا او هو هي لم لن قد ان اي ثم بل كل مع';

/**
 * Fewest letters of a one-word label or a counted word: 3 (two-letter words in Latin, Cyrillic or Greek script
 * are mostly function words and acronyms), but 2 in Arabic script, where they are often the noun itself (فن art,
 * طب medicine, دم blood); its two-letter function words are in STOP_WORDS.
 */
export function minWordLength(token: string): number {
  return ARABIC_SCRIPT.test(token) ? 2 : 3;
}

const ARABIC_SCRIPT = /^\p{Script=Arabic}/u;

interface Index {
  readonly stop: ReadonlySet<string>;
  readonly byKey: ReadonlyMap<string, readonly Entry[]>;
  /** The lengths (in tokens, as bits: 1 << length) of the labels that start with a given token. */
  readonly lengths: ReadonlyMap<string, number>;
  /** One-word English or multilingual labels, for reading compounds. */
  readonly parts: ReadonlyMap<string, readonly Entry[]>;
  readonly longestPart: number;
  readonly entries: number;
  readonly buildMs: number;
}

let index: Index | undefined;

function langBit(lang: string): number {
  const at = (LANGS as readonly string[]).indexOf(lang);
  return at < 0 ? MUL : 1 << at;
}

function build(): Index {
  const started = performance.now();
  const stop = new Set(STOP_WORDS.split(' ').flatMap((w) => matchTokens(w)));
  const byKey = new Map<string, Entry[]>();
  const lengths = new Map<string, number>();
  let entries = 0;
  const add = (label: string, scheme: MatchScheme, id: string, lang: string, weak: boolean): void => {
    const reduced: boolean[] = [];
    const tokens = matchTokens(label, reduced);
    const first = tokens[0];
    if (first === undefined) return;
    if (tokens.length === 1 && (first.length < minWordLength(first) || stop.has(first))) return;
    const key = tokens.join(' ');
    const form = reduced.includes(true) ? 2 : 1;
    const entry: Entry = { scheme, id, langs: langBit(lang), langList: NO_LANGS, forms: form, weak };
    const list = byKey.get(key);
    // A literal of one: an empty array that is pushed to reserves room for 17 (most keys keep one entry).
    if (list === undefined) byKey.set(key, [entry]);
    else {
      const same = list.find((e) => e.scheme === scheme && e.id === id);
      if (same !== undefined) {
        same.langs |= entry.langs;
        same.forms |= form;
        return;
      }
      list.push(entry);
    }
    entries += 1;
    lengths.set(first, (lengths.get(first) ?? 0) | (1 << Math.min(tokens.length, 30)));
  };
  const thesaurus = unescoThesaurus();
  for (const concept of thesaurus.concepts) {
    for (const [lang, text] of Object.entries(concept.prefLabel))
      add(text, 'unesco', concept.id, lang, false);
    for (const [lang, list] of Object.entries(concept.altLabel ?? {})) {
      for (const text of list) add(text, 'unesco', concept.id, lang, false);
    }
  }
  for (const [text, field, weak] of subjectSchemes().labels) add(text, 'isced-f', field, 'mul', weak === 1);
  const parts = new Map<string, Entry[]>();
  let longestPart = 0;
  for (const [key, list] of byKey) {
    for (const e of list) e.langList = langsOf(e.langs);
    if (key.includes(' ') || key.length < PART_MIN || !LATIN.test(key)) continue;
    const usable = list.filter((e) => (e.langs & (EN | MUL)) !== 0);
    if (usable.length === 0) continue;
    parts.set(key, usable);
    longestPart = Math.max(longestPart, key.length);
  }
  return { stop, byKey, lengths, parts, longestPart, entries, buildMs: performance.now() - started };
}

function labelIndex(): Index {
  index ??= build();
  return index;
}

const wantedBits = new Map<string, number>();

/** The language bit a lookup prefers for a BCP 47 tag (0: no preference). */
function wantedBit(lang: string): number {
  let bit = wantedBits.get(lang);
  if (bit === undefined) {
    const b = langBit(lang.toLowerCase().split(/[-_]/)[0] ?? '');
    bit = b === MUL ? 0 : b;
    if (wantedBits.size < 1000) wantedBits.set(lang, bit);
  }
  return bit;
}

const NO_LANGS: readonly string[] = [];
/** One list per combination of languages, shared by every entry that has it. */
const langLists = new Map<number, readonly string[]>();

function langsOf(bits: number): readonly string[] {
  let list = langLists.get(bits);
  if (list === undefined) {
    list = Object.freeze(LANGS.filter((_, i) => (bits & (1 << i)) !== 0));
    langLists.set(bits, list);
  }
  return list;
}

/**
 * Concepts whose labels occur in already tokenized text (see matchTokens), longest match first, left to
 * right. With `lang`, where a matched label exists in that language (or is a field name), only those
 * concepts are kept for that span; labels of other languages still match when none does. With `reduced`
 * (from matchTokens), a label written as the text is preferred to one that only meets it after reduction
 * ("Medicine" is the discipline, "Medicines" the drugs).
 */
export function findConceptsInTokens(
  tokens: readonly string[],
  lang?: string,
  reduced?: readonly boolean[],
): ConceptMatch[] {
  const index = labelIndex();
  const { byKey, lengths } = index;
  const wanted = lang === undefined ? 0 : wantedBit(lang);
  const out: ConceptMatch[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i];
    const bits = first === undefined ? undefined : lengths.get(first);
    let matched = 0;
    if (first !== undefined && bits !== undefined) {
      for (let len = Math.min(30, tokens.length - i); len >= 1; len -= 1) {
        if ((bits & (1 << len)) === 0) continue;
        let key = first;
        for (let k = i + 1; k < i + len; k += 1) key += ' ' + (tokens[k] ?? '');
        const list = byKey.get(key);
        if (list === undefined) continue;
        let candidates = list;
        if (wanted !== 0 && list.length > 1 && !list.every((e) => (e.langs & (wanted | MUL)) !== 0)) {
          const inLanguage = list.filter((e) => (e.langs & (wanted | MUL)) !== 0);
          if (inLanguage.length > 0) candidates = inLanguage;
        }
        if (reduced !== undefined && candidates.length > 1) {
          const form = reduced.slice(i, i + len).includes(true) ? 2 : 1;
          const sameForm = candidates.filter((e) => (e.forms & form) !== 0);
          if (sameForm.length > 0) candidates = sameForm;
        }
        for (const e of candidates) {
          out.push({
            scheme: e.scheme,
            id: e.id,
            start: i,
            end: i + len,
            key,
            langs: e.langList,
            weak: e.weak,
          });
        }
        matched = len;
        break;
      }
    }
    if (matched === 0 && first !== undefined) compoundMatch(index, first, i, out);
    i += matched > 0 ? matched : 1;
  }
  return out;
}

/**
 * A long word no label names may end with one (German and Dutch compounds, "neuro-"/"bio-" formations):
 * the longest English or multilingual one-word label at its end is taken as the word's head.
 */
function compoundMatch(index: Index, token: string, at: number, out: ConceptMatch[]): void {
  if (token.length < COMPOUND_MIN || !LATIN.test(token)) return;
  for (let cut = Math.max(3, token.length - index.longestPart); token.length - cut >= PART_MIN; cut += 1) {
    const part = token.slice(cut);
    const list = index.parts.get(part);
    if (list === undefined) continue;
    for (const e of list) {
      out.push({
        scheme: e.scheme,
        id: e.id,
        start: at,
        end: at + 1,
        key: part,
        langs: e.langList,
        weak: e.weak,
        partOfWord: true,
      });
    }
    return;
  }
}

/**
 * Concepts (UNESCO Thesaurus and ISCED-F fields) whose label, in any language, occurs in `text`, compared
 * after folding (lower case; accents removed on Latin, Greek and Cyrillic letters; Arabic normalized),
 * preferring the longest multi-word label at each position.
 */
export function findConcepts(text: string, lang?: string): ConceptMatch[] {
  const reduced: boolean[] = [];
  const tokens = matchTokens(text, reduced);
  return findConceptsInTokens(tokens, lang, reduced);
}

/** True when a match token is a function word (not counted when weighing how much of a text a label covers). */
export function isStopToken(token: string): boolean {
  if (token.length < minWordLength(token)) return true;
  stopTokens ??= new Set(STOP_WORDS.split(' ').flatMap((w) => matchTokens(w)));
  return stopTokens.has(token);
}

let stopTokens: ReadonlySet<string> | undefined;

/** Size of the index and the time its construction took (built on first call). */
export function labelIndexStats(): {
  readonly keys: number;
  readonly entries: number;
  readonly buildMs: number;
} {
  const { byKey, entries, buildMs } = labelIndex();
  return { keys: byKey.size, entries, buildMs };
}
