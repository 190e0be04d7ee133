// Decides whether two profile records describe the same resource, a translation or an adaptation of it, or
// something different, and says why. The order of the rules is the product's promise:
//   1. an explicit link (translationOfWork/workTranslation -> translation; isBasedOn -> adaptation, or
//      translation when the languages differ);
//   2. a shared DOI/ISBN/handle/URN/address -> same, except when the titles carry different numbers (the
//      identifier of the book or series both are part of; numbers in a subtitle that only names an audience,
//      "(Klasse 5/6)", added by one copy, are not a part's), when an ISBN or address is shared by unrelated
//      titles (proceedings, a collection page), and when an address is shared by records in different
//      languages with different titles (a landing page of language versions: translation);
//   3. one address in two language versions (/en/ and /fr/, ?lang=, en.example.org) -> translation;
//   4. "translated from"/"adapted from" naming the other record's title, said by one of the two ->
//      translation/adaptation (said by both: two copies of one derived work, decided by rule 6);
//   5. records in different languages without any of the above -> different;
//   6. near-duplicate title AND description with guards: the same numbers in both titles (parts, volumes,
//      chapters, years, months; Han ordinals too), no different subtitles under one main title, compatible
//      creators (both list people and none is shared -> different; people on one side and only
//      organisations on the other is no disagreement), no conflicting DOIs/ISBNs. A generic title (fewer
//      than three informative words) needs a nearly identical informative description without other
//      numbers in it. Without a comparable description, a title is enough only with a shared creator and
//      at least two informative words, or when it is long (six informative words), identical, and one
//      record names no creator. Dates are never evidence, and neither is coming from the same source:
//      look-alike records of one source are usually parts of a series, so they face stricter thresholds.
// `score` is the confidence in the returned relation. Pure apart from bounded caches.
import type { ResourceRecord } from '../domain/profile.js';
import { featuresOf, type LinkFeatures, type PairFeatures, type TitleFeatures } from './features.js';
import { namesCompatible } from './keys.js';
import { charBigrams, containment, dice, fuzzyDice, hashedContainment, hashedHas } from './text.js';

export type PairRelation = 'same' | 'translation' | 'adaptation' | 'different';

export interface PairDecision {
  readonly relation: PairRelation;
  /** Confidence in `relation`, 0..1. */
  readonly score: number;
  /** Why, in a few words: "same DOI 10.x/y", "title 0.97 + description 0.91 + creators compatible". */
  readonly reason: string;
}

// Thresholds (see the file comment for how they are used).
const TITLE_SAME = 0.9;
const TITLE_SAME_SAME_SOURCE = 0.97;
const DESCRIPTION_SAME = 0.75;
const DESCRIPTION_SAME_SAME_SOURCE = 0.9;
const DESCRIPTION_GENERIC_TITLE = 0.95;
const DESCRIPTION_NUMBERS_DROPPED = 0.9;
const TITLE_REWORDED = 0.8;
const DESCRIPTION_REWORDED = 0.95;
const TITLE_ONLY = 0.95;
const TITLE_UNRELATED = 0.4;
const MIN_DESCRIPTION_TOKENS = 6;
const MIN_GENERIC_DESCRIPTION_TOKENS = 10;
const SPECIFIC_TITLE = 3;
const LONG_TITLE = 6;
const SAME_SOURCE_TITLE_ONLY_WORDS = 4;

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function decision(relation: PairRelation, score: number, reason: string): PairDecision {
  return { relation, score: round(Math.min(1, Math.max(0, score))), reason };
}

// ---------------------------------------------------------------------------------------------------------
// Titles

interface TitleComparison {
  readonly sim: number;
  readonly how: string;
  /** The numbers/designators differ ("Algebra 1" vs "Algebra 2"); "" when they agree. */
  readonly numberConflict: string;
  /** One copy dropped a descriptive subtitle that held numbers ("...: for 6-8th grade educators"). */
  readonly numbersDropped: boolean;
  /** Same main title, different subtitles ("Project: Research design" vs "Project: Subsistence"). */
  readonly subtitleConflict: boolean;
  readonly a: TitleFeatures;
  readonly b: TitleFeatures;
}

// Character bigrams of compact titles, kept per string while it is in use (bounded).
const bigramCache = new Map<string, Set<string>>();
const BIGRAM_CACHE_MAX = 5000;

function bigramsOf(compact: string): Set<string> {
  let set = bigramCache.get(compact);
  if (set === undefined) {
    set = charBigrams(compact);
    if (bigramCache.size >= BIGRAM_CACHE_MAX) bigramCache.clear();
    bigramCache.set(compact, set);
  }
  return set;
}

function compactSimilarity(x: string, y: string): number {
  return x.length >= 8 && y.length >= 8 ? dice(bigramsOf(x), bigramsOf(y)) : 0;
}

/**
 * Words that name who a resource is for, in a subtitle such as "(Klasse 5/6)", "(Grades 3-5)" or "(ages 8-10)":
 * its numbers then describe the audience, not a part of a series, and a copy without the subtitle is no other
 * part. "Level", "unit" and "part" are not among them: those number parts.
 */
const AUDIENCE_WORDS: ReadonlySet<string> = new Set(
  (
    'grade grades gr class classes classe klasse klassen jahrgang jahrgangsstufe jahrgangsstufen schuljahr ' +
    'year years yr ages age aged ans anos jahre curso cursos ano niveau ks'
  ).split(' '),
);

/** Little words around them ("ab 10 Jahre", "for ages 8 to 10"). */
const AUDIENCE_CONNECTORS: ReadonlySet<string> = new Set(
  'ab bis von to for from and up fur und pour et des a partir para desde hasta e y'.split(' '),
);

/** Whether a subtitle holds audience words and numbers only ("klasse 5 6"), at least one of the words. */
function audienceOnly(sub: ReadonlySet<string> | null): boolean {
  if (sub === null) return false;
  let audience = false;
  for (const token of sub) {
    if (AUDIENCE_WORDS.has(token)) audience = true;
    else if (!/^\d+$/.test(token) && !AUDIENCE_CONNECTORS.has(token)) return false;
  }
  return audience;
}

function compareTitles(a: TitleFeatures, b: TitleFeatures): TitleComparison {
  let sim = fuzzyDice(a.content, b.content);
  let how = 'title';
  let subtitleConflict = false;
  let dropped: { withSub: TitleFeatures; without: TitleFeatures } | null = null;
  if (sim < 1 && a.sub !== null && b.sub !== null) {
    const mainSim = fuzzyDice(a.main, b.main);
    if (mainSim >= 0.9 && fuzzyDice(a.sub, b.sub) < 0.5 && containment(a.sub, b.sub) < 0.8)
      subtitleConflict = true;
  } else if (sim < 1 && (a.sub !== null) !== (b.sub !== null)) {
    // One copy dropped (or added) the subtitle.
    const [withSub, without] = a.sub !== null ? [a, b] : [b, a];
    const mainSim = Math.max(
      fuzzyDice(withSub.main, without.content),
      compactSimilarity(withSub.mainCompact, without.compact),
    );
    if (mainSim >= 0.9) {
      dropped = { withSub, without };
      if (mainSim * 0.95 > sim) {
        sim = mainSim * 0.95;
        how = 'title (subtitle dropped)';
      }
    }
  }
  if (sim >= 0.6 && sim < TITLE_SAME) {
    // Spacing and spelling ("e-learning"/"elearning"): character bigrams of the compact titles.
    const chars = compactSimilarity(a.compact, b.compact);
    if (chars > sim) {
      sim = chars;
      how = 'title (spelling)';
    }
  }
  let numberConflict = a.numbers === b.numbers ? '' : `${a.numbers || '-'} vs ${b.numbers || '-'}`;
  let numbersDropped = false;
  if (
    numberConflict !== '' &&
    dropped !== null &&
    (!dropped.withSub.subDesignation || audienceOnly(dropped.withSub.sub)) &&
    dropped.withSub.mainNumbers === dropped.without.numbers
  ) {
    numberConflict = '';
    numbersDropped = true;
  }
  return { a, b, sim, how, numberConflict, numbersDropped, subtitleConflict };
}

/** A course code as designators hold it: letters and then digits in one word ("fiz101", "cs50", "math221"). */
const COURSE_CODE = /^\p{L}{2,6}\d{2,4}$/u;

/**
 * Whether the numbers only one of the titles carries all stand in the shared address the two records point to
 * ("18.06 Linear Algebra" and "Linear Algebra" at ocw.mit.edu/courses/18-06-linear-algebra) or are course codes
 * ("FİZ101 Mekanik Ders Notları"): they name the resource at that address, which both records describe, not
 * another part of it.
 */
function numbersNameTheAddress(title: TitleComparison, shared: string): boolean {
  if (!shared.startsWith('url:')) return false;
  const path = shared.slice(shared.indexOf('/') + 1);
  const inAddress = new Set((path.match(/\d+/g) ?? []).map((digits) => String(Number(digits))));
  const a = new Set(title.a.numbers.split(' ').filter((n) => n !== ''));
  const b = new Set(title.b.numbers.split(' ').filter((n) => n !== ''));
  const differing = [...a].filter((n) => !b.has(n)).concat([...b].filter((n) => !a.has(n)));
  return differing.length > 0 && differing.every((n) => inAddress.has(n) || COURSE_CODE.test(n));
}

/** The best-matching pair of titles (records may carry a title per language). */
function bestTitles(fa: PairFeatures, fb: PairFeatures): TitleComparison | null {
  let best: TitleComparison | null = null;
  for (const a of fa.titles) {
    for (const b of fb.titles) {
      const c = compareTitles(a, b);
      if (best === null || c.sim > best.sim) best = c;
    }
  }
  return best;
}

function titleMatchesLink(link: TitleFeatures, titles: readonly TitleFeatures[]): boolean {
  for (const t of titles) {
    if (link.numbers !== t.numbers) continue;
    if (link.fingerprint === t.fingerprint || fuzzyDice(link.content, t.content) >= 0.9) return true;
    if (t.mainFingerprint !== null && t.mainFingerprint === link.fingerprint && t.mainInformative >= 2)
      return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Links, statements, creators

/** A link of `from` that points at `to` (by identifier or address, else by title). */
function linkTo(from: PairFeatures, to: PairFeatures): { link: LinkFeatures; by: string } | null {
  for (const link of from.links) {
    for (const key of link.keys) if (to.strong.has(key)) return { link, by: key };
  }
  for (const link of from.links) {
    const title = link.title;
    if (title === null || title.informative < 1 || !titleMatchesLink(title, to.titles)) continue;
    // Both name the same work: two copies of a derived work, not one derived from the other.
    if (to.links.some((l) => l.title !== null && l.title.fingerprint === title.fingerprint)) continue;
    return { link, by: 'title' };
  }
  return null;
}

/** A "translated from"/"adapted from" statement of `from` that names a title of `to`. */
function statementNaming(from: PairFeatures, to: PairFeatures, kind: 'translation' | 'adaptation'): boolean {
  for (const s of from.statements) {
    if (s.kind !== kind) continue;
    for (const t of to.titles) {
      const target = t.sub !== null && t.main.size >= 2 ? t.main : t.content;
      if (
        target.size >= 2 &&
        containment(target, s.tokens) >= 0.9 &&
        [...target].every((x) => s.tokens.has(x))
      ) {
        return true;
      }
    }
  }
  return false;
}

type CreatorMatch = 'shared' | 'unknown' | 'mixed' | 'conflict';

function anyCompatible(a: readonly (readonly string[])[], b: readonly (readonly string[])[]): boolean {
  for (const x of a) for (const y of b) if (namesCompatible(x, y)) return true;
  return false;
}

function creatorMatch(fa: PairFeatures, fb: PairFeatures): CreatorMatch {
  if (fa.creators.length === 0 || fb.creators.length === 0) return 'unknown';
  if (anyCompatible(fa.creators, fb.creators)) return 'shared';
  // One repository lists the author as a contributor.
  if (anyCompatible(fa.creators, fb.contributors) || anyCompatible(fa.contributors, fb.creators))
    return 'shared';
  // People on one side, only organisations on the other: aggregators put the publisher where the
  // authors go, so that is no disagreement about who made it.
  if ((fa.creatorPeople === 0) !== (fb.creatorPeople === 0)) return 'mixed';
  return 'conflict';
}

function firstShared(a: ReadonlySet<string>, b: ReadonlySet<string>): string | null {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const key of small) if (large.has(key)) return key;
  return null;
}

/** Two records both have keys of a kind ("doi:") and share none: different DOIs are different works. */
function conflictingKind(fa: PairFeatures, fb: PairFeatures, prefix: string): boolean {
  let hasA = false;
  let hasB = false;
  for (const k of fa.strong) if (k.startsWith(prefix)) hasA = true;
  for (const k of fb.strong) if (k.startsWith(prefix)) hasB = true;
  return hasA && hasB;
}

function languagesDiffer(fa: PairFeatures, fb: PairFeatures): boolean {
  if (fa.languages.size === 0 || fb.languages.size === 0) return false;
  for (const l of fa.languages) if (fb.languages.has(l)) return false;
  return true;
}

function languageList(f: PairFeatures): string {
  return [...f.languages].join('/');
}

function describeKey(key: string): string {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const value = key.slice(colon + 1);
  const label = kind === 'url' ? 'address' : kind.toUpperCase();
  return `${label} ${value}`;
}

interface DescriptionComparison {
  readonly sim: number;
  /** Numbers of the shorter description missing from the longer one ("issue of 8 May 1924" vs "12 May"). */
  readonly numbersDiffer: boolean;
}

function descriptionSimilarity(
  fa: PairFeatures,
  fb: PairFeatures,
  minTokens: number,
): DescriptionComparison | null {
  let best: DescriptionComparison | null = null;
  for (const a of fa.descriptions) {
    if (a.content.length < minTokens) continue;
    for (const b of fb.descriptions) {
      if (b.content.length < minTokens) continue;
      const sim = hashedContainment(a.content, b.content);
      if (best !== null && sim <= best.sim) continue;
      const [small, large] = a.content.length <= b.content.length ? [a, b] : [b, a];
      best = { sim, numbersDiffer: small.numbers.some((n) => !hashedHas(large.content, n)) };
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// The decision

/** Compares two records; symmetric in its relation (the reason names "A" and "B" in argument order). */
export function comparePair(a: ResourceRecord, b: ResourceRecord): PairDecision {
  return compareFeatures(featuresOf(a), featuresOf(b));
}

/** comparePair on the features of the two records (computed, or read back from the store). */
export function compareFeatures(fa: PairFeatures, fb: PairFeatures): PairDecision {
  const differentLanguages = languagesDiffer(fa, fb);
  const title = bestTitles(fa, fb);
  const titleSim = title?.sim ?? 0;

  // 1. Explicit links between the two.
  const ab = linkTo(fa, fb);
  const ba = linkTo(fb, fa);
  for (const [found, from, to] of [
    [ab, 'A', 'B'],
    [ba, 'B', 'A'],
  ] as const) {
    if (found === null || found.link.kind === 'basedOn') continue;
    const verb = found.link.kind === 'translationOf' ? 'is a translation of' : 'lists as its translation';
    return decision(
      'translation',
      0.97,
      `${from} ${verb} ${to} (link by ${found.by === 'title' ? 'title' : describeKey(found.by)})`,
    );
  }
  const basedOn = ab ?? ba;
  if (basedOn !== null) {
    const [from, to] = ab !== null ? ['A', 'B'] : ['B', 'A'];
    const by = basedOn.by === 'title' ? 'title' : describeKey(basedOn.by);
    return differentLanguages
      ? decision(
          'translation',
          0.9,
          `${from} is based on ${to} (link by ${by}) in another language (${languageList(fa)} vs ${languageList(fb)})`,
        )
      : decision('adaptation', 0.92, `${from} is based on ${to} (link by ${by})`);
  }

  // 2. A shared identifier or address.
  const shared = firstShared(fa.strong, fb.strong);
  if (shared !== null) {
    const what = describeKey(shared);
    if (title !== null && title.numberConflict !== '' && !numbersNameTheAddress(title, shared)) {
      return decision(
        'different',
        0.85,
        `same ${what} but the titles carry different numbers (${title.numberConflict}): parts or volumes of one work`,
      );
    }
    const isAddress = shared.startsWith('url:');
    if (differentLanguages && isAddress && titleSim < TITLE_SAME) {
      return decision(
        'translation',
        0.85,
        `same ${what} in different languages (${languageList(fa)} vs ${languageList(fb)}) with different titles: a landing page of language versions`,
      );
    }
    // Books (ISBN) and pages (address) hold parts: a shared one with unrelated titles says "part of".
    // DOIs, handles and URNs name single items.
    const containerKind = isAddress || shared.startsWith('isbn:');
    if (
      containerKind &&
      !differentLanguages &&
      title !== null &&
      titleSim < TITLE_UNRELATED &&
      title.a.informative >= 2 &&
      title.b.informative >= 2
    ) {
      return decision(
        'different',
        0.7,
        `same ${what} but unrelated titles (${round(titleSim)}): the identifier belongs to something both are part of`,
      );
    }
    const langNote = differentLanguages ? ` (described in ${languageList(fa)} and ${languageList(fb)})` : '';
    return decision('same', isAddress ? 0.96 : 0.99, `same ${what}${langNote}`);
  }

  // 3. One address in two language versions.
  for (const [family, marker] of fa.families) {
    const other = fb.families.get(family);
    if (other === undefined || other === marker) continue;
    if (differentLanguages || titleSim < TITLE_SAME) {
      return decision('translation', 0.88, `same address in two language versions (${marker} vs ${other})`);
    }
  }

  // 4. "Translated from" / "adapted from" naming the other record. When both say it about each other's
  // title, both derive from one named work: copies of one translation or adaptation, decided below.
  const translatedAB = statementNaming(fa, fb, 'translation');
  const translatedBA = statementNaming(fb, fa, 'translation');
  if (translatedAB !== translatedBA && (differentLanguages || titleSim < TITLE_SAME)) {
    return decision(
      'translation',
      0.85,
      `${translatedAB ? 'A' : 'B'} says it is translated from the other (names its title)`,
    );
  }
  const adaptedAB = statementNaming(fa, fb, 'adaptation');
  const adaptedBA = statementNaming(fb, fa, 'adaptation');
  if (adaptedAB !== adaptedBA) {
    const from = adaptedAB ? 'A' : 'B';
    return differentLanguages
      ? decision(
          'translation',
          0.8,
          `${from} says it is based on the other (names its title), in another language`,
        )
      : decision('adaptation', 0.85, `${from} says it is adapted from the other (names its title)`);
  }

  // 5. Different languages and nothing linking them.
  if (differentLanguages) {
    return decision(
      'different',
      0.9,
      `different languages (${languageList(fa)} vs ${languageList(fb)}) and no link between them`,
    );
  }
  if (title === null) return decision('different', 0.9, 'no title to compare');

  // 6. Near-duplicate text with guards.
  if (title.numberConflict !== '') {
    return decision('different', 0.9, `titles carry different numbers (${title.numberConflict})`);
  }
  if (title.subtitleConflict) {
    return decision('different', 0.85, 'same main title, different subtitles (parts of one work)');
  }
  const creators = creatorMatch(fa, fb);
  if (creators === 'conflict') {
    return decision('different', 0.85, `title ${round(titleSim)} but no creator in common`);
  }
  for (const prefix of ['doi:', 'isbn:']) {
    if (conflictingKind(fa, fb, prefix)) {
      return decision(
        'different',
        0.85,
        `different ${prefix.slice(0, -1).toUpperCase()}s (versions or different works)`,
      );
    }
  }
  const sameSource =
    fa.sourceId !== '' && fa.sourceId === fb.sourceId && fa.sourceRecordId !== fb.sourceRecordId;
  const titleMin = sameSource ? TITLE_SAME_SAME_SOURCE : TITLE_SAME;
  const generic = Math.min(title.a.informative, title.b.informative) < SPECIFIC_TITLE;
  const creatorNote =
    creators === 'shared'
      ? 'creators compatible'
      : creators === 'mixed'
        ? 'people vs organisations'
        : 'creators unknown';
  const sourceNote = sameSource ? ', same source' : '';
  const description = descriptionSimilarity(
    fa,
    fb,
    generic ? MIN_GENERIC_DESCRIPTION_TOKENS : MIN_DESCRIPTION_TOKENS,
  );
  const sameScore = (d: number): number =>
    0.5 + 0.25 * titleSim + 0.2 * d + (creators === 'shared' ? 0.05 : 0);

  if (description !== null) {
    const d = description.sim;
    const descriptionMin = Math.max(
      generic ? DESCRIPTION_GENERIC_TITLE : DESCRIPTION_SAME,
      sameSource ? DESCRIPTION_SAME_SAME_SOURCE : 0,
      title.numbersDropped ? DESCRIPTION_NUMBERS_DROPPED : 0,
    );
    const droppedNote = title.numbersDropped ? ' (numbered subtitle dropped)' : '';
    const summary = `${title.how} ${round(titleSim)}${droppedNote} + description ${round(d)} + ${creatorNote}${sourceNote}`;
    if (description.numbersDiffer && generic) {
      return decision('different', 0.8, `descriptions carry different numbers: ${summary}`);
    }
    if (titleSim >= titleMin && d >= descriptionMin) {
      return decision('same', sameScore(d), summary);
    }
    if (
      !generic &&
      !sameSource &&
      !title.numbersDropped &&
      titleSim >= TITLE_REWORDED &&
      d >= DESCRIPTION_REWORDED &&
      creators === 'shared'
    ) {
      return decision('same', sameScore(d) - 0.05, `${summary} (reworded title)`);
    }
    return decision('different', 1 - 0.5 * titleSim * d, `not similar enough: ${summary}`);
  }

  const summary = `${title.how} ${round(titleSim)}, no comparable description, ${creatorNote}${sourceNote}`;
  if (title.numbersDropped)
    return decision(
      'different',
      0.6,
      `numbered subtitle dropped and ${summary.slice(summary.indexOf('no comparable'))}`,
    );
  const informative = Math.min(title.a.informative, title.b.informative);
  if (informative < 2) {
    return decision(
      'different',
      0.7,
      `generic short title and ${summary.slice(summary.indexOf('no comparable'))}`,
    );
  }
  // A title and a shared creator: enough when the title says something (two informative words at least;
  // four when both records come from one source, where look-alike records are usually parts of a series).
  if (
    creators === 'shared' &&
    titleSim >= (sameSource ? TITLE_SAME_SAME_SOURCE : TITLE_ONLY) &&
    informative >= (sameSource ? SAME_SOURCE_TITLE_ONLY_WORDS : 2)
  ) {
    return decision('same', generic ? 0.7 : 0.8, summary);
  }
  if (generic)
    return decision(
      'different',
      0.7,
      `generic short title and ${summary.slice(summary.indexOf('no comparable'))}`,
    );
  if (
    !sameSource &&
    titleSim >= 0.99 &&
    creators === 'unknown' &&
    Math.min(title.a.informative, title.b.informative) >= LONG_TITLE
  ) {
    return decision('same', 0.7, `${summary} (long, specific title)`);
  }
  return decision('different', 0.6, `title alone is not enough: ${summary}`);
}
