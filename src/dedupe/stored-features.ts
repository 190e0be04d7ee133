// The stored form of what comparePair reads of a record (PairFeatures): written beside each active record when
// it is stored, read back by the grouping pass instead of the whole record. A record is read for grouping once
// for every batch in which it is a candidate (several times on average in a multilingual catalog, far more for
// the holders of common keys), and parsing the whole record and computing its features again each time was
// most of grouping's work.
// The text is a JSON array that opens with FEATURES_VERSION. A stored text of another version (written before
// the features changed) reads as null, and the caller computes the features from the record instead: bump
// FEATURES_VERSION with any change to what features.ts computes (a test pins the encoding of the corpus's
// records to it). Sets keep their order; description hashes travel as base64 of little-endian 32-bit words.
// Pure; no I/O.
import type {
  DerivationStatement,
  DescriptionFeatures,
  LinkFeatures,
  PairFeatures,
  TitleFeatures,
} from './features.js';
import { MAX_GROUPING_FEATURES_LENGTH } from '../domain/catalog.js';
import { fingerprintOf } from './features.js';

export const FEATURES_VERSION = 2;

type EncodedTitle =
  | [content: string[], numbers: string, informative: number, compact: string]
  | [
      content: string[],
      numbers: string,
      informative: number,
      compact: string,
      main: string[],
      sub: string[],
      mainInformative: number,
      mainNumbers: string,
      subDesignation: 0 | 1,
      mainCompact: string,
    ];

type EncodedLink = [kind: LinkFeatures['kind'], keys: readonly string[], title: EncodedTitle | null];
type EncodedDescription = [content: string, numbers: readonly string[]];
type EncodedStatement = [kind: 't' | 'a', tokens: string[], title: string | null, creator: string[] | null];

type Encoded = [
  version: number,
  titles: EncodedTitle[],
  languages: string[],
  strong: string[],
  families: [string, string][],
  links: EncodedLink[],
  sourceId: string,
  sourceRecordId: string,
  descriptions: EncodedDescription[],
  statements: EncodedStatement[],
  creators: readonly (readonly string[])[],
  contributors: readonly (readonly string[])[],
  creatorPeople: number,
];

function encodeTitle(t: TitleFeatures): EncodedTitle {
  const head: [string[], string, number, string] = [[...t.content], t.numbers, t.informative, t.compact];
  if (t.sub === null) return head;
  return [
    ...head,
    [...t.main],
    [...t.sub],
    t.mainInformative,
    t.mainNumbers,
    t.subDesignation ? 1 : 0,
    t.mainCompact,
  ];
}

function encodeHashes(hashes: Uint32Array): string {
  const bytes = Buffer.allocUnsafe(hashes.length * 4);
  for (let i = 0; i < hashes.length; i++) bytes.writeUInt32LE(hashes[i] ?? 0, i * 4);
  return bytes.toString('base64');
}

/**
 * The stored text of `f`; null when it would be longer than the stores take (MAX_GROUPING_FEATURES_LENGTH), and
 * such a record is compared from its record instead.
 */
export function encodeFeatures(f: PairFeatures): string | null {
  const encoded: Encoded = [
    FEATURES_VERSION,
    f.titles.map(encodeTitle),
    [...f.languages],
    [...f.strong],
    [...f.families],
    f.links.map((l) => [l.kind, l.keys, l.title === null ? null : encodeTitle(l.title)]),
    f.sourceId,
    f.sourceRecordId,
    f.descriptions.map((d) => [encodeHashes(d.content), d.numbers]),
    f.statements.map((s) => [
      s.kind === 'translation' ? 't' : 'a',
      [...s.tokens],
      s.title,
      s.creator === null ? null : [...s.creator],
    ]),
    f.creators,
    f.contributors,
    f.creatorPeople,
  ];
  const text = JSON.stringify(encoded);
  return text.length <= MAX_GROUPING_FEATURES_LENGTH ? text : null;
}

// Reading back: the text was written by encodeFeatures of this version, so its shape is trusted once the
// version matches; anything else (another version, a damaged text) reads as null.

function decodeTitle(t: EncodedTitle): TitleFeatures {
  const content = new Set(t[0]);
  const numbers = t[1];
  const compact = t[3];
  if (t.length === 4) {
    return {
      content,
      main: content,
      sub: null,
      numbers,
      informative: t[2],
      fingerprint: fingerprintOf(content),
      mainFingerprint: null,
      mainInformative: 0,
      mainNumbers: numbers,
      subDesignation: false,
      compact,
      mainCompact: compact,
    };
  }
  const main = new Set(t[4]);
  return {
    content,
    main,
    sub: new Set(t[5]),
    numbers,
    informative: t[2],
    fingerprint: fingerprintOf(content),
    mainFingerprint: fingerprintOf(main),
    mainInformative: t[6],
    mainNumbers: t[7],
    subDesignation: t[8] === 1,
    compact,
    mainCompact: t[9],
  };
}

function decodeHashes(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Uint32Array(bytes.length >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readUInt32LE(i * 4);
  return out;
}

/** The features a stored text holds; null for a text of another version or one that cannot be read. */
export function decodeFeatures(text: string): PairFeatures | null {
  if (!text.startsWith(`[${FEATURES_VERSION},`)) return null;
  let e: Encoded;
  try {
    e = JSON.parse(text) as Encoded;
  } catch {
    return null;
  }
  if (!Array.isArray(e) || e.length !== 13) return null;
  const descriptions: DescriptionFeatures[] = e[8].map(([content, numbers]) => ({
    content: decodeHashes(content),
    numbers,
  }));
  const statements: DerivationStatement[] = e[9].map(([kind, tokens, title, creator]) => ({
    kind: kind === 't' ? 'translation' : 'adaptation',
    tokens: new Set(tokens),
    title,
    creator,
  }));
  return {
    titles: e[1].map(decodeTitle),
    languages: new Set(e[2]),
    strong: new Set(e[3]),
    families: new Map(e[4]),
    links: e[5].map(([kind, keys, title]) => ({
      kind,
      keys,
      title: title === null ? null : decodeTitle(title),
    })),
    sourceId: e[6],
    sourceRecordId: e[7],
    descriptions,
    statements,
    creators: e[10],
    contributors: e[11],
    creatorPeople: e[12],
  };
}
