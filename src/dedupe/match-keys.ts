// Blocking keys: two records are compared only when they share one. Strong keys name the resource itself
// ("doi:10.1/x", "isbn:978...", "handle:1765/315", "urn:nbn:...", "url:example.org/path?a=1"); family keys
// ("url~:example.org/{lang}/path") bring language versions of one address together; the records a record
// links to (translationOfWork, workTranslation, isBasedOn, "adapted from <title>") contribute their keys so
// the linked records meet; title keys find near-duplicates without a shared identifier.
// Title keys and how their blocks stay small: "t:" + the sorted folded content tokens of the title (function
// words out, numbers normalized, any script: Han/kana/Hangul/Thai as character bigrams), so only titles
// with the same words meet; for a typo, "t-:" keys leave out one word at a time (titles of more than three
// informative words, so that what is left is still specific). A title with fewer than three informative words ("Introduction", "Lecture 3", "Cell biology")
// gets no bare key at all: its keys are qualified by a creator's family-name token ("t:introduction|c:smith",
// first three creators) and by the first four content words of its description ("t:introduction|d:..."),
// which is what comparePair needs to call such records the same anyway. On the corpus (4,227 records of the
// main set's files) the largest title block holds 16 records, the modules of one course that share a title.
// A grouping step may still drop a key whose block grows past a cap.
// Pure; no I/O.
import type { ResourceRecord } from '../domain/profile.js';
import { cachedFeatures, RecordFeatures, titleFeatures, type TitleFeatures } from './features.js';
import { GENERIC_WORDS, hash32 } from './text.js';

const SPECIFIC = 3;
const QUALIFYING_CREATORS = 3;
const MAX_DELETION_KEYS = 12;

function familyToken(name: readonly string[]): string | null {
  let best: string | null = null;
  for (const t of name) {
    if (t.length < 2) continue;
    if (best === null || t.length > best.length || (t.length === best.length && t < best)) best = t;
  }
  return best;
}

function addTitleKeys(
  fingerprint: string,
  informative: number,
  content: ReadonlySet<string>,
  f: RecordFeatures | null,
  out: Set<string>,
): void {
  if (fingerprint === '') return;
  if (informative >= SPECIFIC) {
    out.add(`t:${fingerprint}`);
    // Typo tolerance: the fingerprint without one of its words ("t-:"), for titles long enough that the
    // rest is still specific; a copy with a typo in word i meets the original on the key without word i.
    if (informative > SPECIFIC && content.size <= MAX_DELETION_KEYS) {
      // The key of "all words but one" is the XOR of the words' hashes: order-free and cheap to make.
      let all = 0;
      for (const word of content) all ^= hash32(word);
      const size = content.size - 1;
      for (const word of content) {
        if (GENERIC_WORDS.has(word)) continue;
        out.add(`t-:${size}:${((all ^ hash32(word)) >>> 0).toString(36)}`);
      }
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
  addTitleKeys(t.fingerprint, t.informative, t.content, f, out);
  // The main title on its own (a copy may have dropped the subtitle), unless the subtitle numbers a part.
  if (t.mainFingerprint !== null && !t.subDesignation)
    addTitleKeys(t.mainFingerprint, t.mainInformative, t.main, f, out);
}

/**
 * The blocking keys of a record (see the file comment). Most records share no key with another and are never
 * compared, so the features read here are not kept (comparePair keeps its own).
 */
export function matchKeys(record: ResourceRecord): readonly string[] {
  const f = cachedFeatures(record) ?? new RecordFeatures(record);
  const out = new Set<string>(f.strong);
  for (const family of f.families.keys()) out.add(family);
  for (const link of f.links) {
    for (const key of link.keys) out.add(key);
    if (link.title !== null) titleKeys(link.title, null, out);
  }
  for (const statement of f.statements) {
    if (statement.title !== null) titleKeys(titleFeatures(statement.title), null, out);
  }
  for (const t of f.titles) titleKeys(t, f, out);
  return [...out];
}
