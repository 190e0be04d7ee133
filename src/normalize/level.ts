// Education-level normalization: what one education-level statement of a record (LOM educational context,
// LRMI/AMB educationalLevel free text, a grade or grade range, an age range, or a concept URI of the KIM,
// ISCED, OpenEduHub, LOM, ScoLOMFR or OER World Map vocabularies), in any of many languages, says about
// ISCED 2011 levels.
//
// Values are single-digit ISCED 2011 levels "0".."8", sorted, as a list, because statements often span
// levels ("K-12" is 0-3, "posgrado" 7 and 8). Decision: two-digit sub-levels ("24", "35") are not produced;
// a statement names them too rarely to be worth a second vocabulary, and the profile accepts single digits.
//
// How a statement is read: the text is folded and tokenized (level-text.ts), terms are looked up longest
// first in the per-language tables (level-vocab.ts), numbers are grouped into lists and ranges, and each
// group is read by what stands beside it: an ISCED marker, an age word, a grade marker with its country's
// numbering, a named stage whose own numbering it follows ("6º ano do ensino fundamental"), or an ordinal
// marker ("6e" is the French collège class, "7th" a grade). Several stages that nest ("WO - Bachelor")
// narrow to the most specific; stages that do not nest ("primary and secondary") add up. Parts separated
// by "|" or ";" add up. Grades follow the most common mapping (1-6 primary, 7-9 lower secondary, 10-12
// upper secondary) unless a country's own word decides; ages follow typical entry ages (under 6 early
// childhood, 6-10 primary, 11-14 lower secondary, 15-17 upper secondary; 18 and over says nothing).
// Pure functions; never performs I/O.

import {
  foldLevelText,
  tokenize,
  tokenKey,
  type HanLexicon,
  type Ordinal,
  type Token,
} from './level-text.js';
import {
  GLUED_MARKERS,
  GRADE_SYSTEMS,
  HAN_TERMS,
  L0,
  L1,
  L2,
  L3,
  L4,
  L5,
  L6,
  L7,
  L8,
  LOM_CONTEXT,
  OEH_CONTEXT,
  OERWORLDMAP_SECTORS,
  SCOLOMFR,
  TERMS,
  UNIV,
  type GradeSystem,
  type TermEntry,
} from './level-vocab.js';

/** What one statement says about ISCED 2011 levels, and the rule that decided. */
export interface LevelResult {
  readonly input: string;
  /** ISCED 2011 levels "0".."8", sorted; null when the statement says nothing about level. */
  readonly value: readonly string[] | null;
  /**
   * The rule that decided: "term", "grade:generic", "grade:de", "stage-grade:fundamental", "age",
   * "isced-2011", "uri:kim-educationalLevel"... joined with "+" when several did; for null values one of
   * "empty", "no-level" (says "all", "other", a role...), "not-a-level" (adult, continuing or special-needs
   * education), "age-adult", "bare-number", "unknown-uri", "no-match".
   */
  readonly rule: string;
}

// ---------------------------------------------------------------------------------------------------------
// Tables, compiled once.

const HAN_LEXICON: HanLexicon = (() => {
  const terms = new Set<string>();
  let maxLength = 1;
  for (const [term] of HAN_TERMS) {
    terms.add(term);
    maxLength = Math.max(maxLength, term.length);
  }
  return { terms, maxLength };
})();

const PHRASES = new Map<string, TermEntry>();
const FIRST_MAX = new Map<string, number>();
/** Phrases of the tables that fold to the same key as an earlier one but mean something else. */
export const TERM_CONFLICTS: string[] = [];

function sameEntry(a: TermEntry, b: TermEntry): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function addPhrase(phrase: string, entry: TermEntry): void {
  const tokens = tokenize(foldLevelText(phrase), HAN_LEXICON);
  const first = tokens[0];
  if (first === undefined) return;
  const key = tokens.map(tokenKey).join(' ');
  const known = PHRASES.get(key);
  if (known !== undefined) {
    if (!sameEntry(known, entry)) TERM_CONFLICTS.push(`${phrase} (${key})`);
    return;
  }
  PHRASES.set(key, entry);
  const firstKey = tokenKey(first);
  FIRST_MAX.set(firstKey, Math.max(FIRST_MAX.get(firstKey) ?? 0, tokens.length));
}

for (const [phrase, entry] of TERMS) addPhrase(phrase, entry);
for (const [term, entry] of HAN_TERMS) addPhrase(term, entry);

const GLUED = new Map<string, GradeSystem>(GLUED_MARKERS.map(([k, sys]) => [foldLevelText(k), sys]));

const ROMAN_OR_DIGIT = new Set(['i', 'ii', 'iii', '1', '2', '3']);

/** Frozen, sorted level lists for every mask. */
const MASK_VALUES: readonly (readonly string[])[] = Array.from({ length: 512 }, (_, mask) => {
  const list: string[] = [];
  for (let level = 0; level <= 8; level += 1) if ((mask & (1 << level)) !== 0) list.push(String(level));
  return Object.freeze(list);
});

// ---------------------------------------------------------------------------------------------------------
// Items: tokens with their table meaning.

type Item =
  | { readonly t: 'num'; readonly n: number; readonly ord: Ordinal; readonly digits: string }
  | { readonly t: 'stage'; readonly m: number; readonly map: GradeSystem | undefined }
  | { readonly t: 'marker'; readonly sys: GradeSystem; readonly rel: boolean; readonly ageAfter: 0 | 1 | 2 }
  | { readonly t: 'age'; readonly at: 'pre' | 'post' }
  | { readonly t: 'range'; readonly lead: 'under' | 'none' }
  | { readonly t: 'isced'; readonly scheme: '2011' | '1997' }
  | { readonly t: 'sep' | 'from' | 'over' | 'up' | 'under' | 'null' | 'nonlevel' | 'adult' | 'word' };

type MarkerItem = Item & { t: 'marker' };

const WORD: Item = { t: 'word' };

const ITEMS = new Map<TermEntry, Item>();

/** The item of a table entry; items are immutable, so each entry has one. */
function itemOf(entry: TermEntry): Item {
  let item = ITEMS.get(entry);
  if (item === undefined) {
    item = makeItem(entry);
    ITEMS.set(entry, item);
  }
  return item;
}

function makeItem(entry: TermEntry): Item {
  switch (entry.k) {
    case 'stage':
      return { t: 'stage', m: entry.m, map: entry.map };
    case 'marker':
      return { t: 'marker', sys: entry.sys, rel: entry.rel, ageAfter: entry.ageAfter };
    case 'age':
      return { t: 'age', at: entry.at };
    case 'num':
      return { t: 'num', n: entry.n, ord: entry.ord, digits: String(entry.n) };
    case 'range':
      return { t: 'range', lead: entry.lead };
    case 'isced':
      return { t: 'isced', scheme: entry.scheme };
    case 'sep':
    case 'from':
    case 'over':
    case 'up':
    case 'under':
    case 'null':
    case 'nonlevel':
    case 'adult':
      return { t: entry.k };
  }
}

function numItem(token: Token & { kind: 'num' }): Item {
  return { t: 'num', n: token.n, ord: token.ord, digits: token.digits };
}

function lookupPhrase(keys: readonly string[], start: number): [TermEntry, number] | null {
  const first = keys[start];
  if (first === undefined) return null;
  const max = FIRST_MAX.get(first);
  if (max !== undefined) {
    // Longest match: grow the key word by word and keep the last hit.
    let key = first;
    let best: TermEntry | undefined = PHRASES.get(key);
    let bestLength = 1;
    const limit = Math.min(max, keys.length - start);
    for (let len = 2; len <= limit; len += 1) {
      key = `${key} ${keys[start + len - 1] ?? ''}`;
      const entry = PHRASES.get(key);
      if (entry !== undefined) {
        best = entry;
        bestLength = len;
      }
    }
    if (best !== undefined) return [best, bestLength];
  }
  // A plural or other simple suffix the tables do not list: "universities" stays unknown, "grades" is listed.
  if (first.length > 4 && first.endsWith('s')) {
    const entry = PHRASES.get(first.slice(0, -1));
    if (entry !== undefined) return [entry, 1];
  }
  return null;
}

function toItems(tokens: readonly Token[]): Item[] {
  const keys = tokens.map(tokenKey);
  const items: Item[] = [];
  let lastPhrase: readonly string[] | null = null;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token === undefined) break;
    if (token.kind === 'num') {
      // A phrase that starts with a number ("1er degré", "2nd degré").
      const phrase = token.glued ? null : lookupPhrase(keys, i);
      if (phrase !== null && phrase[1] > 1) {
        items.push(itemOf(phrase[0]));
        lastPhrase = null;
        i += phrase[1];
        continue;
      }
      // A number glued to letters no marker claimed is part of a name ("STI2D", "DP3"), not a grade.
      items.push(token.glued ? WORD : numItem(token));
      lastPhrase = null;
      i += 1;
      continue;
    }
    const next = tokens[i + 1];
    if (next !== undefined && next.kind === 'num' && next.glued) {
      if (token.key === 'u') {
        // "U18": under eighteen.
        items.push({ t: 'under' }, numItem(next));
        i += 2;
        continue;
      }
      if (token.key === 'k') {
        // "K12": kindergarten to grade 12.
        items.push({ t: 'num', n: 0, ord: 'k', digits: '0' }, { t: 'range', lead: 'none' }, numItem(next));
        i += 2;
        continue;
      }
      const sys = GLUED.get(token.key);
      if (sys !== undefined) {
        items.push({ t: 'marker', sys, rel: false, ageAfter: 0 }, numItem(next));
        i += 2;
        continue;
      }
    }
    // "Sekundarstufe I und II", "Sek I/II": the second numeral continues the phrase before it.
    if (
      lastPhrase !== null &&
      (token.key === 'und' ||
        token.key === 'and' ||
        token.key === '/' ||
        token.key === ',' ||
        token.key === '+') &&
      next !== undefined
    ) {
      const nextKey = tokenKey(next);
      if (ROMAN_OR_DIGIT.has(nextKey)) {
        const entry = PHRASES.get([...lastPhrase.slice(0, -1), nextKey].join(' '));
        if (entry !== undefined) {
          items.push(itemOf(entry));
          i += 2;
          continue;
        }
      }
    }
    const found = lookupPhrase(keys, i);
    if (found !== null) {
      const [entry, len] = found;
      const numbered = items[items.length - 1]?.t === 'num' || tokens[i + len]?.kind === 'num';
      if (entry.k === 'stage' && entry.asMarker !== undefined && numbered) {
        items.push({ t: 'marker', sys: entry.asMarker, rel: false, ageAfter: 0 });
      } else {
        items.push(itemOf(entry));
      }
      const phraseKeys = keys.slice(i, i + len);
      const lastKey = phraseKeys[phraseKeys.length - 1];
      lastPhrase =
        entry.k === 'stage' && lastKey !== undefined && ROMAN_OR_DIGIT.has(lastKey) ? phraseKeys : null;
      i += len;
      continue;
    }
    items.push(WORD);
    i += 1;
  }
  return items;
}

// ---------------------------------------------------------------------------------------------------------
// Number groups: "6-8", "6, 7 and 8", "10-", "14+", "ab 10", "U18".

interface Group {
  readonly start: number;
  readonly end: number;
  /** Closed intervals of the numbers as written. */
  readonly spans: readonly (readonly [number, number])[];
  readonly ord: Ordinal;
  readonly digits: string;
  /** The numbers and everything above ("10-", "14+", "a partir de 14"). */
  readonly openUp: boolean;
  /** Strictly above the number ("over 18", "> 15"). */
  readonly over: boolean;
  /** Below the number ("under 12", "U18", "bis 12"). */
  readonly under: boolean;
  /** A grade marker inside the range ("Kindergarten - Grade 2", "Grade 3 - Grade 5"). */
  readonly inner: MarkerItem | null;
}

function findGroups(items: readonly Item[]): Group[] {
  const groups: Group[] = [];
  let i = 0;
  while (i < items.length) {
    const first = items[i];
    if (first === undefined || first.t !== 'num') {
      i += 1;
      continue;
    }
    const start = i;
    const spans: [number, number][] = [[first.n, first.n]];
    let ord: Ordinal = first.ord;
    let j = i + 1;
    let openUp = false;
    let inner: MarkerItem | null = null;
    for (;;) {
      const link = items[j];
      const after = items[j + 1];
      const afterTwo = items[j + 2];
      if ((link?.t === 'range' || link?.t === 'sep') && after?.t === 'marker' && afterTwo?.t === 'num') {
        if (link.t === 'range') {
          const last = spans[spans.length - 1];
          if (last !== undefined) last[1] = afterTwo.n;
        } else {
          spans.push([afterTwo.n, afterTwo.n]);
        }
        inner = after;
        j += 3;
        continue;
      }
      if (link?.t === 'num') {
        spans.push([link.n, link.n]);
        if (ord === '') ord = link.ord;
        j += 1;
        continue;
      }
      if ((link?.t === 'range' || link?.t === 'sep') && after?.t === 'num') {
        if (link.t === 'range') {
          const last = spans[spans.length - 1];
          if (last !== undefined) last[1] = after.n;
        } else {
          spans.push([after.n, after.n]);
        }
        if (ord === '') ord = after.ord;
        j += 2;
        continue;
      }
      if (link?.t === 'range' && link.lead === 'none' && (after === undefined || after.t !== 'num')) {
        // LOM's open form "18-": eighteen and above.
        openUp = true;
        j += 1;
      }
      break;
    }
    const end = j - 1;
    // "14+", "10 anos ou mais", "10 Jahre und älter": up to two items after the numbers.
    for (let k = end + 1; k <= end + 3 && k < items.length; k += 1) {
      const item = items[k];
      if (item === undefined) break;
      if (item.t === 'up') {
        openUp = true;
        break;
      }
      if (item.t !== 'age' && item.t !== 'marker' && item.t !== 'word') break;
    }
    const before = items[start - 1];
    const beforeTwo = items[start - 2];
    let over = false;
    let under = false;
    const single = spans.every(([a, b]) => a === b);
    if (
      single &&
      (before?.t === 'from' || ((before?.t === 'word' || before?.t === 'marker') && beforeTwo?.t === 'from'))
    ) {
      openUp = true;
    }
    if (before?.t === 'over') over = true;
    if (
      before?.t === 'under' ||
      (before?.t === 'range' && before.lead === 'under' && beforeTwo?.t !== 'num')
    ) {
      under = true;
    }
    groups.push({ start, end, spans, ord, digits: first.digits, openUp, over, under, inner });
    i = j;
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------------------
// Reading numbers.

function systemMask(sys: GradeSystem, n: number): number {
  if (!Number.isFinite(n)) return 0;
  for (const [from, to, mask] of GRADE_SYSTEMS[sys]) if (n >= from && n <= to) return mask;
  return 0;
}

/** A system, and the one it falls back to for numbers outside its range. */
function gradeMask(group: Group, sys: GradeSystem, fallback: GradeSystem | null): number {
  let mask = 0;
  for (const [a, b] of group.spans) {
    if (!Number.isFinite(a) || !Number.isFinite(b) || b < a || b - a > 20 || a > 20) continue;
    for (let n = a; n <= b; n += 1) {
      const m = systemMask(sys, n);
      mask |= m !== 0 || fallback === null ? m : systemMask(fallback, n);
    }
  }
  if (group.openUp) {
    const last = group.spans[group.spans.length - 1];
    if (last !== undefined) for (let n = last[1]; n <= 13; n += 1) mask |= systemMask(sys, n);
  }
  return mask;
}

/** Typical ages of each level, as half-open intervals [from, to). */
const AGE_BANDS: readonly (readonly [number, number, number])[] = [
  [0, 6, L0],
  [6, 11, L1],
  [11, 15, L2],
  [15, 18, L3],
];
const ADULT_AGE = 18;

/** Levels of an age interval [from, to); 0 when it lies wholly in adulthood. */
function ageMask(from: number, to: number): number {
  let mask = 0;
  for (const [a, b, m] of AGE_BANDS) if (from < b && to > a) mask |= m;
  return mask;
}

function ageGroupMask(group: Group): { mask: number; adult: boolean } {
  let mask = 0;
  let adult = false;
  for (const [a, b] of group.spans) {
    if (!Number.isFinite(a) || !Number.isFinite(b) || a > 120) continue;
    let from = a;
    // A range "6-11" means from 6 until 11 (ScoLOMFR's "3-6 ans", "6-11 ans", "11-15 ans" share their ends).
    let to = b > a ? b : a + 1;
    if (group.under) {
      from = 0;
      to = a;
    } else if (group.over) {
      from = a + 1;
      to = 200;
    } else if (group.openUp) {
      to = 200;
    }
    const m = ageMask(from, to);
    if (m === 0 && from >= ADULT_AGE) adult = true;
    mask |= m;
  }
  return { mask, adult };
}

const ISCED_1997: readonly number[] = [L0, L1, L2, L3, L4, L5 | L6 | L7, L8];

function iscedMask(group: Group, scheme: '2011' | '1997'): number {
  let mask = 0;
  for (const [a, b] of group.spans) {
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    // Two-digit codes ("24", "01") are sub-levels: their first digit is the level.
    const first = a === b && group.digits.length === 2 && a < 100 ? Math.floor(a / 10) : -1;
    const lo = first >= 0 ? first : a;
    const hi = first >= 0 ? first : b;
    if (hi - lo > 9) continue;
    for (let n = lo; n <= hi; n += 1) {
      if (scheme === '1997') {
        if (n === 5 && group.ord === 'es' && a === b)
          mask |= L6 | L7; // 5A (folded ª/a)
        else mask |= ISCED_1997[n] ?? 0;
      } else if (n >= 0 && n <= 8) mask |= 1 << n;
    }
  }
  return mask;
}

// ---------------------------------------------------------------------------------------------------------
// Reading one segment.

interface Reading {
  mask: number;
  rules: string[];
  nonlevel: boolean;
  isNull: boolean;
  adult: boolean;
  bare: boolean;
}

/** True when every two masks nest (one holds the other). */
function nests(masks: readonly number[]): boolean {
  for (let a = 0; a < masks.length; a += 1) {
    for (let b = a + 1; b < masks.length; b += 1) {
      const x = masks[a] ?? 0;
      const y = masks[b] ?? 0;
      if ((x & y) !== x && (x & y) !== y) return false;
    }
  }
  return true;
}

function nearestIsced(items: readonly Item[], group: Group): '2011' | '1997' | null {
  for (let k = group.start - 1; k >= 0 && k >= group.start - 5; k -= 1) {
    const item = items[k];
    if (item === undefined) break;
    if (item.t === 'isced') return item.scheme;
    if (item.t !== 'word' && item.t !== 'null' && item.t !== 'sep' && item.t !== 'num') return null;
  }
  return null;
}

/** The grade marker read with a group: right after it, else before it (a few words away at most). */
function nearestMarker(items: readonly Item[], group: Group): MarkerItem | null {
  if (group.inner !== null) return group.inner;
  const after = items[group.end + 1];
  if (after?.t === 'marker') return after;
  for (let k = group.start - 1; k >= 0 && k >= group.start - 3; k -= 1) {
    const item = items[k];
    if (item === undefined) break;
    if (item.t === 'marker') return item;
    if (item.t === 'range' && k === group.start - 1) continue; // "grade-7"
    if (item.t !== 'word' && item.t !== 'null' && item.t !== 'sep' && item.t !== 'from' && item.t !== 'under')
      break;
  }
  const afterTwo = items[group.end + 2];
  if (after?.t === 'word' && afterTwo?.t === 'marker') return afterTwo;
  return null;
}

function hasAgeWord(items: readonly Item[], group: Group): boolean {
  for (let k = group.end + 1; k <= group.end + 2 && k < items.length; k += 1) {
    const item = items[k];
    if (item?.t === 'age' && item.at === 'post') return true;
    if (item?.t !== 'word' && item?.t !== 'up') break;
  }
  for (let k = group.start - 1; k >= 0 && k >= group.start - 4; k -= 1) {
    const item = items[k];
    if (item === undefined) break;
    if (item.t === 'age' && item.at === 'pre') return true;
    if (
      item.t !== 'word' &&
      item.t !== 'null' &&
      item.t !== 'from' &&
      item.t !== 'under' &&
      item.t !== 'over'
    ) {
      if (item.t !== 'range' && item.t !== 'sep') break;
    }
  }
  return false;
}

function readSegment(tokens: readonly Token[], ageMode: boolean): Reading {
  const items = toItems(tokens);
  const reading: Reading = { mask: 0, rules: [], nonlevel: false, isNull: false, adult: false, bare: false };
  const stages: (Item & { t: 'stage' })[] = [];
  for (const item of items) {
    if (item.t === 'stage') stages.push(item);
    else if (item.t === 'nonlevel') reading.nonlevel = true;
    else if (item.t === 'null') reading.isNull = true;
    else if (item.t === 'adult') reading.adult = true;
  }
  const stageMasks = stages.map((s) => s.m);
  let single: (Item & { t: 'stage' }) | null = null;
  if (stages.length > 0 && nests(stageMasks)) {
    for (const s of stages) if (single === null || (s.m & single.m) === s.m) single = s;
  }
  const rules: string[] = [];
  const addRule = (rule: string): void => {
    if (!rules.includes(rule)) rules.push(rule);
  };
  const sets: number[] = [];
  let stageUsed = false;
  const readByStage = (group: Group, stage: Item & { t: 'stage' }): number => {
    stageUsed = true;
    if (stage.map !== undefined) {
      const mask = gradeMask(group, stage.map, null);
      addRule(`stage-grade:${stage.map}`);
      return mask !== 0 ? mask : stage.m;
    }
    // A year of a university ("대학교 1학년", "Universität, 2. Semester"): the first years are the bachelor's.
    if (stage.m === UNIV && group.spans.every(([from, to]) => from >= 1 && to <= 4)) {
      addRule('university-year');
      return L6;
    }
    addRule('term');
    return stage.m;
  };

  for (const group of findGroups(items)) {
    const scheme = nearestIsced(items, group);
    if (scheme !== null) {
      const mask = iscedMask(group, scheme);
      if (mask !== 0) {
        sets.push(mask);
        addRule(`isced-${scheme}`);
      }
      continue;
    }
    const marker = nearestMarker(items, group);
    const plain = group.ord === '';
    const ageByMarker =
      marker !== null &&
      items[group.end + 1] === marker &&
      plain &&
      (marker.ageAfter === 2 || (marker.ageAfter === 1 && single === null));
    const markerIsGrade = marker !== null && !ageByMarker;
    // Without any marker, an open range ("13+", "18-", "U18", "over 12") is an age.
    const openAge = marker === null && single === null && (group.openUp || group.under || group.over);
    if (
      ageByMarker ||
      openAge ||
      hasAgeWord(items, group) ||
      (ageMode && !markerIsGrade && single === null)
    ) {
      const { mask, adult } = ageGroupMask(group);
      if (mask !== 0) sets.push(mask);
      if (adult) reading.adult = true;
      addRule('age');
      continue;
    }
    if (marker !== null) {
      if (marker.sys === 'none') continue;
      // Cycles are not grades: with a stage that numbers grades, the cycle is read on its own and the
      // two then nest ("3.º ciclo do ensino básico").
      const cycle = marker.sys === 'ptCiclo' || marker.sys === 'frCycle';
      if (
        single !== null &&
        (marker.rel || single.map !== undefined) &&
        !(cycle && single.map !== undefined)
      ) {
        sets.push(readByStage(group, single));
        continue;
      }
      let sys = marker.sys;
      if (sys === 'frInverse' && group.ord !== 'fr') sys = 'generic';
      // "Cycle 4 (5e, 4e, 3e)": the classes listed after a cycle are classes ("3e cycle" before it is a cycle).
      if (sys === 'frCycle' && group.ord === 'fr' && items[group.end + 1] !== marker) sys = 'frInverse';
      const mask = gradeMask(group, sys, sys === 'frInverse' ? 'generic' : null);
      if (mask !== 0) {
        sets.push(mask);
        addRule(`grade:${sys}`);
      }
      continue;
    }
    if (single !== null) {
      sets.push(readByStage(group, single));
      continue;
    }
    if (group.ord === 'fr') {
      const mask = gradeMask(group, 'frInverse', 'generic');
      if (mask !== 0) {
        sets.push(mask);
        addRule('grade:frInverse');
      }
      continue;
    }
    if (group.ord === 'en' || group.ord === 'es' || group.ord === 'k') {
      const mask = gradeMask(group, 'generic', null);
      if (mask !== 0) {
        sets.push(mask);
        addRule('grade:generic');
      }
      continue;
    }
    reading.bare = true;
  }

  if (!stageUsed) {
    for (const s of stages) sets.push(s.m);
    if (stages.length > 0) addRule('term');
  }
  const nonZero = sets.filter((m) => m !== 0);
  if (nonZero.length > 0) {
    if (nests(nonZero)) {
      let mask = 511;
      for (const m of nonZero) mask &= m;
      reading.mask = mask;
    } else {
      for (const m of nonZero) reading.mask |= m;
    }
  }
  reading.rules = rules;
  return reading;
}

function nullRule(readings: readonly Reading[]): string {
  if (readings.some((r) => r.nonlevel)) return 'not-a-level';
  if (readings.some((r) => r.adult)) return 'age-adult';
  if (readings.some((r) => r.isNull)) return 'no-level';
  if (readings.some((r) => r.bare)) return 'bare-number';
  return 'no-match';
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .replace(/&(?:amp|#38);/g, '&')
    .replace(/&(?:nbsp|#160);/g, ' ')
    .replace(/&(?:ndash|mdash);/g, '-')
    .replace(/&(?:lt|gt|quot|apos);/g, ' ');
}

const TEXT_LIMIT = 1000;
const SEGMENT_BREAK = /[|;\n\r]/;
const SEGMENT_SPLIT = /[|;\n\r]+/;

function readText(raw: string, ageMode: boolean): { mask: number; rule: string } {
  // Only the start of an overlong statement is read: level statements are short, and the reading of a
  // long text must stay cheap.
  const folded = foldLevelText(decodeEntities(raw.length > TEXT_LIMIT ? raw.slice(0, TEXT_LIMIT) : raw));
  const readings: Reading[] = [];
  let mask = 0;
  const rules: string[] = [];
  const segments = SEGMENT_BREAK.test(folded) ? folded.split(SEGMENT_SPLIT) : [folded];
  for (const segment of segments) {
    const tokens = tokenize(segment, HAN_LEXICON);
    if (tokens.length === 0) continue;
    const reading = readSegment(tokens, ageMode);
    readings.push(reading);
    mask |= reading.mask;
    if (reading.mask !== 0) for (const rule of reading.rules) if (!rules.includes(rule)) rules.push(rule);
  }
  if (mask === 0) return { mask: 0, rule: nullRule(readings) };
  return { mask, rule: rules.join('+') || 'term' };
}

// ---------------------------------------------------------------------------------------------------------
// Concept URIs.

const URI_START = /^(?:[a-z][a-z0-9+.-]*:\/\/|urn:|www\.)/i;

function uriLevels(uri: string): { mask: number; rule: string } | null {
  let m = /\/educationalLevel\/level_([0-8ABC])\/?$/i.exec(uri);
  if (m?.[1] !== undefined) {
    const code = m[1].toUpperCase();
    const mask = code === 'A' ? UNIV : code === 'B' || code === 'C' ? 0 : 1 << Number(code);
    return { mask, rule: 'uri:kim-educationalLevel' };
  }
  m = /isced[-/]2011\/level_?(\d)\/?$/i.exec(uri);
  if (m?.[1] !== undefined) {
    const n = Number(m[1]);
    return { mask: n <= 8 ? 1 << n : 0, rule: 'uri:isced-2011' };
  }
  m = /isced[-/]1997\/level_?(\d)\/?$/i.exec(uri);
  if (m?.[1] !== undefined) return { mask: ISCED_1997[Number(m[1])] ?? 0, rule: 'uri:isced-1997' };
  m = /\/educationalContext\/([a-z0-9_]+)\/?$/i.exec(uri);
  if (m?.[1] !== undefined) {
    const mask = OEH_CONTEXT[m[1].toLowerCase()];
    if (mask !== undefined) return { mask, rule: 'uri:oeh-educationalContext' };
  }
  m = /openeduhub\/vocabs\/educationalLevel\/(\d+)\/?$/i.exec(uri);
  if (m?.[1] !== undefined) return { mask: systemMask('de', Number(m[1])), rule: 'uri:oeh-educationalLevel' };
  m = /lom_educational[-_]context\/([a-z_ ]+)\/?$/i.exec(uri);
  if (m?.[1] !== undefined) {
    const mask = LOM_CONTEXT[m[1].toLowerCase()];
    if (mask !== undefined) return { mask, rule: 'uri:lom-context' };
  }
  m = /sectors\.json#(\w+)$/.exec(uri);
  if (m?.[1] !== undefined) {
    const mask = OERWORLDMAP_SECTORS[m[1]];
    if (mask !== undefined) return { mask, rule: 'uri:oerworldmap-sector' };
  }
  m = /scolomfr-voc-(\d{3})-num-(\d+)/i.exec(uri);
  if (m?.[1] !== undefined && m[2] !== undefined) {
    const mask = SCOLOMFR[`${m[1]}-${m[2].padStart(3, '0').slice(-3)}`];
    if (mask !== undefined) return { mask, rule: 'uri:scolomfr' };
  }
  return null;
}

/** The last segment or fragment of an unknown URI as words: ".../HigherEducation" -> "Higher Education". */
function uriTail(uri: string): string {
  const trimmed = uri.replace(/[/#?]+$/, '');
  const cut = Math.max(
    trimmed.lastIndexOf('/'),
    trimmed.lastIndexOf('#'),
    trimmed.lastIndexOf('='),
    trimmed.lastIndexOf(':'),
  );
  let tail = trimmed.slice(cut + 1);
  try {
    tail = decodeURIComponent(tail);
  } catch {
    // keep it as it is
  }
  return tail
    .replace(/\.(?:html?|xml|json|ttl|rdf)$/i, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_+.]/g, ' ');
}

// ---------------------------------------------------------------------------------------------------------
// Public API.

const CACHE_LIMIT = 4096;
const levelCache = new Map<string, LevelResult>();
const ageCache = new Map<string, LevelResult>();

/** Statements longer than this are not remembered (a level statement is short; a stray description is not). */
const CACHE_KEY_LIMIT = 200;

function remember(cache: Map<string, LevelResult>, key: string, result: LevelResult): LevelResult {
  if (key.length > CACHE_KEY_LIMIT) return result;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

function result(input: string, mask: number, rule: string): LevelResult {
  return Object.freeze({ input, value: mask === 0 ? null : (MASK_VALUES[mask] ?? null), rule });
}

/** One education-level statement (free text, grade, range, LOM/LRMI vocabulary value or concept URI) -> ISCED 2011 levels. */
export function normalizeLevel(raw: string): LevelResult {
  const cached = levelCache.get(raw);
  if (cached !== undefined) return cached;
  const text = raw.trim();
  if (text === '') return remember(levelCache, raw, result(raw, 0, 'empty'));
  if (URI_START.test(text) && !/\s/.test(text)) {
    const known = uriLevels(text);
    if (known !== null) {
      const rule = known.mask === 0 ? `${known.rule}:not-a-level` : known.rule;
      return remember(levelCache, raw, result(raw, known.mask, rule));
    }
    const tail = readText(uriTail(text), false);
    const rule = tail.mask === 0 ? 'unknown-uri' : `uri-tail:${tail.rule}`;
    return remember(levelCache, raw, result(raw, tail.mask, rule));
  }
  const read = readText(text, false);
  return remember(levelCache, raw, result(raw, read.mask, read.rule));
}

/** A typical age range (LOM typicalAgeRange "10-14", "8+", "adults", "U18"; LRMI typicalAgeRange "7-9") -> ISCED levels. */
export function levelsFromAgeRange(raw: string): LevelResult {
  const cached = ageCache.get(raw);
  if (cached !== undefined) return cached;
  const text = raw.trim();
  if (text === '') return remember(ageCache, raw, result(raw, 0, 'empty'));
  const read = readText(text, true);
  return remember(ageCache, raw, result(raw, read.mask, read.rule));
}
