// Blocking keys: two records are compared only when they share one. Strong keys name the resource itself
// ("doi:10.1/x", "isbn:978...", "handle:1765/315", "urn:nbn:...", "url:example.org/path?a=1"); family keys
// ("url~:example.org/{lang}/path") bring language versions of one address together; the records a record
// links to (translationOfWork, workTranslation, isBasedOn, "adapted from <title>") contribute their keys so
// the linked records meet (a generic named title qualified by the creator the statement names and by the
// record's own creators, as the original's title keys are); title keys find near-duplicates without a shared identifier.
// Title keys and how their blocks stay small: "t:" + the sorted folded content tokens of the title (function
// words out, numbers normalized, any script: Han/kana/Hangul/Thai as character bigrams), so only titles
// with the same words meet. For a typo (titles of more than three informative words, so that what is left is
// still specific): a title of four content words gets "t-:" keys that leave out one word at a time; a longer
// one is cut, in title order, into three runs of words and gets one "t3:" key per run left out, so a copy
// with one word changed meets the original on the key of the two runs that hold no change. Three keys instead
// of one per word: every key is a row of the catalog's key index, written with each record. A number
// ("Vol. 4, No. 7") is never left out: a copy with another number is another part, not a typo. A title with
// a subtitle also gets the keys of its main title, and then only the main title gets typo keys, and a specific
// subtitle a key of its own (no typo keys).
// A title with fewer than three informative words ("Introduction", "Lecture 3", "Cell biology")
// gets no bare key at all: its keys are qualified by a creator's family-name token ("t:introduction|c:smith",
// first three creators) and by the first four content words of its description ("t:introduction|d:..."),
// which is what comparePair needs to call such records the same anyway. On the corpus (4,227 records of the
// main set's files) the largest title block holds 16 records, the modules of one course that share a title.
// A grouping step may still drop a key whose block grows past a cap.
// Pure; no I/O.
import type { ResourceRecord } from '../domain/profile.js';
import {
  cachedFeatures,
  fingerprintOf,
  informativeCount,
  RecordFeatures,
  titleFeatures,
  type TitleFeatures,
} from './features.js';
import { GENERIC_WORDS, hash32 } from './text.js';

const SPECIFIC = 3;
const QUALIFYING_CREATORS = 3;
/** Titles of up to this many content words get one typo key per word, longer ones three. */
const DELETION_KEYS_UP_TO = 4;
const NO_NUMBERS: ReadonlySet<string> = new Set();

function familyToken(name: readonly string[]): string | null {
  let best: string | null = null;
  for (const t of name) {
    if (t.length < 2) continue;
    if (best === null || t.length > best.length || (t.length === best.length && t < best)) best = t;
  }
  return best;
}

/** Typo keys of a long title: its content words in title order, cut into three runs, each run left out once. */
function runKeys(words: readonly string[], numbers: ReadonlySet<string>, out: Set<string>): void {
  const n = words.length;
  const cuts = [0, Math.round(n / 3), Math.round((2 * n) / 3), n];
  const hashes = [0, 0, 0];
  const skip = [false, false, false];
  for (let run = 0; run < 3; run++) {
    let generic = true;
    let numbered = false;
    for (let i = cuts[run] ?? 0; i < (cuts[run + 1] ?? 0); i++) {
      const word = words[i] ?? '';
      hashes[run] = (hashes[run] ?? 0) ^ hash32(word);
      if (!GENERIC_WORDS.has(word)) generic = false;
      if (numbers.has(word)) numbered = true;
    }
    // Leaving out only generic words would let other works meet; leaving out a number, other parts.
    skip[run] = generic || numbered;
  }
  const all = (hashes[0] ?? 0) ^ (hashes[1] ?? 0) ^ (hashes[2] ?? 0);
  for (let run = 0; run < 3; run++) {
    if (skip[run] === true) continue;
    // The key of "all runs but one" is the XOR of the other runs' word hashes.
    out.add(`t3:${n}:${run}:${((all ^ (hashes[run] ?? 0)) >>> 0).toString(36)}`);
  }
}

function addTitleKeys(
  fingerprint: string,
  informative: number,
  content: ReadonlySet<string>,
  numbers: string,
  f: RecordFeatures | null,
  out: Set<string>,
  /** Whether to add typo keys. */
  typos = true,
): void {
  if (fingerprint === '') return;
  if (informative >= SPECIFIC) {
    out.add(`t:${fingerprint}`);
    if (informative <= SPECIFIC || !typos) return;
    const designators = numbers === '' ? NO_NUMBERS : new Set(numbers.split(' '));
    if (content.size > DELETION_KEYS_UP_TO) {
      runKeys([...content], designators, out);
      return;
    }
    // Typo tolerance for a short title: the fingerprint without one of its words ("t-:"); a copy with a typo
    // in word i meets the original on the key without word i. The key is the XOR of the other words' hashes.
    let all = 0;
    for (const word of content) all ^= hash32(word);
    const size = content.size - 1;
    for (const word of content) {
      if (GENERIC_WORDS.has(word) || designators.has(word)) continue;
      out.add(`t-:${size}:${((all ^ hash32(word)) >>> 0).toString(36)}`);
    }
    return;
  }
  if (f === null) return;
  for (const name of f.firstCreators(QUALIFYING_CREATORS)) {
    const token = familyToken(name);
    if (token !== null) out.add(`t:${fingerprint}|c:${token}`);
  }
  if (f.descriptionHead !== null) out.add(`t:${fingerprint}|d:${f.descriptionHead}`);
}

function titleKeys(t: TitleFeatures, f: RecordFeatures | null, out: Set<string>): void {
  // The main title on its own (a copy may have dropped the subtitle), unless the subtitle numbers a part.
  const main = t.mainFingerprint !== null && !t.subDesignation;
  // When the main title has typo keys of its own, the whole title needs none: a copy with a typo in the
  // subtitle meets it on the main title's key, one with a typo in the main title on the main title's typo keys.
  const mainTypos = main && t.mainInformative > SPECIFIC;
  addTitleKeys(t.fingerprint, t.informative, t.content, t.numbers, f, out, !mainTypos);
  if (main) addTitleKeys(t.mainFingerprint ?? '', t.mainInformative, t.main, t.mainNumbers, f, out);
  // The subtitle on its own when it is specific: a copy may have dropped the series, course or subject the title
  // opened with ("高中化学：化学反应速率与化学平衡", "Biology 101: Cell Structure and Function").
  if (t.sub !== null && !t.subDesignation) {
    const designators = t.numbers === '' ? NO_NUMBERS : new Set(t.numbers.split(' '));
    if (informativeCount(t.sub, designators) >= SPECIFIC) out.add(`t:${fingerprintOf(t.sub)}`);
  }
}

/**
 * The blocking keys of a record (see the file comment). Most records share no key with another and are never
 * compared, so the features read here are not kept (comparePair keeps its own).
 */
export function matchKeys(record: ResourceRecord): readonly string[] {
  return matchKeysOf(cachedFeatures(record) ?? new RecordFeatures(record));
}

/** matchKeys from the features of the record, for a caller that uses them for more. */
export function matchKeysOf(f: RecordFeatures): readonly string[] {
  const out = new Set<string>(f.strong);
  for (const family of f.families.keys()) out.add(family);
  for (const link of f.links) {
    for (const key of link.keys) out.add(key);
    if (link.title !== null) titleKeys(link.title, null, out);
  }
  for (const statement of f.statements) {
    if (statement.title === null) continue;
    const named = titleFeatures(statement.title);
    titleKeys(named, null, out);
    // A generic named title ("Principles of Economics") has keys only with a creator: the one the statement
    // names ("... by Tim Carter") and the record's own (a translation keeps its author).
    if (named.informative >= SPECIFIC || named.fingerprint === '') continue;
    const names = f.firstCreators(QUALIFYING_CREATORS);
    for (const name of statement.creator === null ? names : [statement.creator, ...names]) {
      const token = familyToken(name);
      if (token !== null) out.add(`t:${named.fingerprint}|c:${token}`);
    }
  }
  for (const t of f.titles) titleKeys(t, f, out);
  return [...out];
}
