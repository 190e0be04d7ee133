// Licence normalization: what the licence statements of a record (URLs, badge images, short codes, licence
// names in many languages, public-domain and all-rights-reserved phrases, SPDX identifiers) amount to, as
// one canonical URI and a group. Creative Commons licences become their deed URI with version and port
// (https://creativecommons.org/licenses/by-nc/3.0/de/); CC0 and the Public Domain Mark their own URIs;
// other open licences https://spdx.org/licenses/ID.html. A statement that names a CC licence without a
// version is read as 4.0 and the rule says so. Nothing is guessed: an unrecognised statement is `unknown`.
// Pure functions; never performs I/O.
import type { LicenseGroupValue, LicenseValue } from '../domain/profile.js';
import { fold, plainText, squash } from './license-text.js';
import {
  ALL_RIGHTS_RESERVED_PHRASES,
  CC_ELEMENT_NAMES,
  CC_NAMES,
  CC_PORTS,
  FILLER_WORDS,
  PORT_NAMES,
  PUBLIC_DOMAIN_PHRASES,
  SPDX_LICENSES,
  UNKNOWN_PHRASES,
  type CcElement,
} from './license-vocab.js';

export type LicenseGroup = LicenseGroupValue;

/** What one statement amounts to, and the rule that decided. */
export interface LicenseTextResult {
  readonly input: string;
  /** Canonical licence URI, or null when the statement names no licence that has one. */
  readonly value: string | null;
  readonly group: LicenseGroup;
  /** The rule that decided: "cc-url", "cc-badge-text", "cc-name:de", "spdx-id", "no-match"... */
  readonly rule: string;
}

/** A statement of a record whose group disagrees with the one chosen. */
export interface LicenseConflict {
  readonly statement: string;
  readonly value: string | null;
  readonly group: LicenseGroup;
  readonly rule: string;
}

/** What all the statements of one record amount to. */
export interface LicenseResult {
  readonly value: string | null;
  readonly group: LicenseGroup;
  readonly rule: string;
  /** Every statement whose group differs from another's, the chosen one included. */
  readonly conflicts?: readonly LicenseConflict[];
}

const CC_BASE = 'https://creativecommons.org';
const CC0 = `${CC_BASE}/publicdomain/zero/1.0/`;
const PDM = `${CC_BASE}/publicdomain/mark/1.0/`;
const VERSIONS = new Set(['1.0', '2.0', '2.1', '2.5', '3.0', '4.0']);
const NO_VERSION = ' (no version: 4.0 assumed)';

/** From most to least permissive: the stricter of two disagreeing statements wins. */
const STRICTNESS: Readonly<Record<LicenseGroup, number>> = {
  'public-domain': 0,
  by: 1,
  'by-sa': 2,
  'other-open': 2,
  'by-nd': 3,
  'by-nc': 4,
  'by-nc-sa': 5,
  'by-nc-nd': 6,
  restricted: 7,
  unknown: -1,
};

function result(input: string, value: string | null, group: LicenseGroup, rule: string): LicenseTextResult {
  return { input, value, group, rule };
}

// ---------------------------------------------------------------------------------------------------------
// Creative Commons

/** The group and the canonical slug of a set of elements, or null for a combination CC never published. */
function ccLicense(elements: ReadonlySet<CcElement>): { slug: string; group: LicenseGroup } | null {
  if (elements.has('sa') && elements.has('nd')) return null;
  const nc = elements.has('nc');
  if (elements.has('sa'))
    return nc ? { slug: 'by-nc-sa', group: 'by-nc-sa' } : { slug: 'by-sa', group: 'by-sa' };
  if (elements.has('nd'))
    return nc ? { slug: 'by-nc-nd', group: 'by-nc-nd' } : { slug: 'by-nd', group: 'by-nd' };
  return nc ? { slug: 'by-nc', group: 'by-nc' } : { slug: 'by', group: 'by' };
}

function ccUri(slug: string, version: string, port: string | undefined): string {
  // Ports exist only up to 3.0; the 4.0 licences are international.
  const ported = port !== undefined && version !== '4.0' && CC_PORTS.has(port) ? `${port}/` : '';
  return `${CC_BASE}/licenses/${slug}/${version}/${ported}`;
}

/** "4", "40", "4.0", "4,0" -> "4.0"; "2.5", "25" -> "2.5"; undefined when absent; null when not a CC version. */
function ccVersion(major: string | undefined, minor: string | undefined): string | undefined | null {
  if (major === undefined) return undefined;
  const version = `${major}.${minor ?? '0'}`;
  return VERSIONS.has(version) ? version : null;
}

function elementsOfSlug(slug: string): Set<CcElement> | null {
  const parts = slug.split('-');
  if (parts[0] !== 'by') return null;
  const elements = new Set<CcElement>(['by']);
  for (const part of parts.slice(1)) {
    if (part !== 'nc' && part !== 'sa' && part !== 'nd') return null;
    elements.add(part);
  }
  return elements;
}

function fromSlug(
  input: string,
  slug: string,
  major: string | undefined,
  minor: string | undefined,
  port: string | undefined,
  rule: string,
): LicenseTextResult | null {
  const elements = elementsOfSlug(slug);
  const license = elements === null ? null : ccLicense(elements);
  const version = ccVersion(major, minor);
  if (license === null || version === null) return null;
  // CC 1.0 spelled its most restrictive licence "by-nd-nc"; that is its real address.
  const canonicalSlug =
    version === '1.0' && license.slug === 'by-nc-nd' && slug === 'by-nd-nc' ? slug : license.slug;
  if (version === undefined)
    return result(input, ccUri(canonicalSlug, '4.0', undefined), license.group, rule + NO_VERSION);
  return result(input, ccUri(canonicalSlug, version, port), license.group, rule);
}

const CC_URL =
  /(?:^|[^a-z0-9.])(?:(?:https?:)?\/\/)?(?:www\.)?creativecommons\.org\/+licen[cs]es\/+([a-z-]+)(?:\/+(\d)\.(\d)(?:\/+([a-z]{2}|igo|scotland)(?![a-z0-9-]))?)?/;
const CC_PUBLIC_DOMAIN_URL =
  /(?:^|[^a-z0-9.])(?:(?:https?:)?\/\/)?(?:www\.)?creativecommons\.org\/+(?:publicdomain\/+(zero|mark)(?:\/+1\.0)?|licenses\/+(publicdomain))/;
const CC_BARE_PATH = /^\/?licen[cs]es\/+(by[a-z-]*)\/+(\d)\.(\d)(?:\/+([a-z]{2}|igo|scotland)(?![a-z0-9-]))?/;
const CC_BADGE =
  /(?:i\.creativecommons\.org|licensebuttons\.net)\/+l\/+([a-z-]+)\/+(\d)\.(\d)\/+(?:([a-z]{2}|igo|scotland)\/+)?\d+x\d+\.(?:png|svg|gif)/;
const CC_BADGE_PUBLIC_DOMAIN = /(?:i\.creativecommons\.org|licensebuttons\.net)\/+p\/+(zero|mark)\/+1\.0\//;
const CC_PRESSKIT_BADGE =
  /mirrors\.creativecommons\.org\/presskit\/buttons\/\d+x\d+\/(?:png|svg)\/(by(?:-nc)?(?:-sa|-nd)?|cc-zero|publicdomain)\.(?:png|svg)/;

function fromCcUrl(input: string, text: string): LicenseTextResult | null {
  const lower = text.toLowerCase();
  const pd = CC_PUBLIC_DOMAIN_URL.exec(lower);
  const url = CC_URL.exec(lower);
  // The first address in the statement decides.
  if (pd !== null && (url === null || pd.index <= url.index)) {
    if (pd[1] === 'zero') return result(input, CC0, 'public-domain', 'cc-url');
    if (pd[1] === 'mark') return result(input, PDM, 'public-domain', 'cc-url');
    return result(input, `${CC_BASE}/licenses/publicdomain/`, 'public-domain', 'cc-url');
  }
  if (url?.[1] !== undefined) {
    const found = fromSlug(input, url[1].replace(/-+$/, ''), url[2], url[3], url[4], 'cc-url');
    if (found !== null) return found;
  }
  const badge = CC_BADGE.exec(lower);
  if (badge?.[1] !== undefined)
    return fromSlug(input, badge[1], badge[2], badge[3], badge[4], 'cc-badge-image');
  const badgePd = CC_BADGE_PUBLIC_DOMAIN.exec(lower);
  if (badgePd !== null)
    return result(input, badgePd[1] === 'zero' ? CC0 : PDM, 'public-domain', 'cc-badge-image');
  const presskit = CC_PRESSKIT_BADGE.exec(lower);
  if (presskit?.[1] !== undefined) {
    if (presskit[1] === 'cc-zero') return result(input, CC0, 'public-domain', 'cc-badge-image');
    if (presskit[1] === 'publicdomain') return result(input, PDM, 'public-domain', 'cc-badge-image');
    return fromSlug(input, presskit[1], undefined, undefined, undefined, 'cc-badge-image');
  }
  const bare = CC_BARE_PATH.exec(lower.trim());
  if (bare?.[1] !== undefined) return fromSlug(input, bare[1], bare[2], bare[3], bare[4], 'cc-url');
  return null;
}

const SEP = String.raw`[\s_\-–—:/]*`;
const CC_CODE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:cc|creative${SEP}commons)${SEP}(by(?:${SEP}(?:nc|sa|nd)(?![\p{L}]))*)(?![\p{L}])` +
    String.raw`(?:${SEP}v?(\d)(?:[.,]?(\d))?(?![\d.,]\d))?(?:${SEP}(igo|[a-z]{2})(?![\p{L}\p{N}]))?`,
  'u',
);
const CC_ZERO = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:cc${SEP}0|(?:cc|creative${SEP}commons)${SEP}zero|cc0)(?![\p{L}\p{N}])`,
  'u',
);
const PD_MARK = /(?<![\p{L}\p{N}])(?:public domain mark|cc[ _-]?mark|pdm(?:[ -]?1\.0)?)(?![\p{L}\p{N}])/u;

/**
 * A statement that is nothing but the element codes ("BY-NC-SA", "by-sa 3.0"), as some LOM profiles write the
 * licence: two elements at least, or one with a version, so that a bare "by" stays unread.
 */
const BARE_CC_CODE = new RegExp(
  String.raw`^(by(?:[\s_\-–]+(?:nc|sa|nd)){1,2})(?:[\s_\-–]+v?(\d)[.,](\d))?$|^(by)[\s_\-–]+v?(\d)[.,](\d)$`,
);

/**
 * Licence keys of learning platforms: Moodle's "cc-nc-sa" or "cc-nd-4.0" ("cc" stands for CC BY; "cc" alone stays
 * unread) and the squashed "ccbysa" of tag-like fields.
 */
const CC_PLATFORM_KEY = /^cc(?:-(nc))?(?:-(sa|nd))?(?:-(\d)\.(\d))?$|^ccby(nc)?(sa|nd)?$/;

function fromCcCode(input: string, folded: string): LicenseTextResult | null {
  if (CC_ZERO.test(folded)) return result(input, CC0, 'public-domain', 'cc0');
  if (PD_MARK.test(folded)) return result(input, PDM, 'public-domain', 'public-domain-mark');
  const trimmed = folded.trim();
  const bare = BARE_CC_CODE.exec(trimmed);
  if (bare !== null) {
    const slug = (bare[1] ?? bare[4] ?? '').split(/[\s_\-–]+/).join('-');
    return fromSlug(input, slug, bare[2] ?? bare[5], bare[3] ?? bare[6], undefined, 'cc-bare-code');
  }
  const key = CC_PLATFORM_KEY.exec(trimmed);
  if (key !== null && key.slice(1).some((part) => part !== undefined)) {
    const slug = ['by', key[1] ?? key[5], key[2] ?? key[6]].filter((part) => part !== undefined).join('-');
    return fromSlug(input, slug, key[3], key[4], undefined, 'cc-platform-key');
  }
  const code = CC_CODE.exec(folded);
  if (code?.[1] === undefined) return null;
  const slug = code[1].split(/[\s_\-–—:/]+/).join('-');
  let port = code[4];
  if (port !== undefined && !CC_PORTS.has(port)) port = undefined;
  if (code[2] === undefined) {
    // "CC-BY-NC (version 3.0)": the version, and a port with it, stated later in the statement.
    const after = folded.slice(code.index + code[0].length);
    const version = NAME_VERSION.exec(after);
    if (version !== null)
      return fromSlug(input, slug, version[1], version[2], portFromName(after), 'cc-badge-text');
  }
  return fromSlug(input, slug, code[2], code[3], port, 'cc-badge-text');
}

interface NameMatch {
  readonly elements: Set<CcElement>;
  readonly language: string;
  readonly rest: string;
}

const SQUASHED_NAMES: readonly { language: string; element: CcElement; squashed: string }[] = Object.entries(
  CC_ELEMENT_NAMES,
)
  .flatMap(([language, names]) =>
    (Object.entries(names) as [CcElement, readonly string[]][]).flatMap(([element, list]) =>
      list.map((name) => ({ language, element, squashed: squash(name) })),
    ),
  )
  // Longer names first, so that "keinebearbeitungen" is taken whole before "keinebearbeitung".
  .sort((a, b) => b.squashed.length - a.squashed.length);
const LANGUAGE_ORDER = Object.keys(CC_ELEMENT_NAMES);
const SQUASHED_CC_NAMES = CC_NAMES.map(squash);
const SQUASHED_FILLERS = FILLER_WORDS.map(squash).sort((a, b) => b.length - a.length);
const SQUASHED_PORT_NAMES = Object.keys(PORT_NAMES).map(squash);

function matchNames(squashed: string): NameMatch | null {
  let rest = squashed;
  const elements = new Set<CcElement>();
  // One vote per language and element, however many spellings of it match.
  const seen = new Set<string>();
  const votes = new Map<string, number>();
  for (const { language, element, squashed: name } of SQUASHED_NAMES) {
    if (name === '' || !squashed.includes(name)) continue;
    if (!seen.has(`${language}:${element}`)) {
      seen.add(`${language}:${element}`);
      votes.set(language, (votes.get(language) ?? 0) + 1);
    }
    if (rest.includes(name)) {
      elements.add(element);
      rest = rest.split(name).join(' ');
    }
  }
  if (elements.size === 0) return null;
  let language = 'en';
  let best = 0;
  for (const candidate of LANGUAGE_ORDER) {
    const count = votes.get(candidate) ?? 0;
    if (count > best) {
      best = count;
      language = candidate;
    }
  }
  return { elements, language, rest };
}

// 2.1 is a version too: the Japanese, Spanish and Australian ports of 2.0.
const NAME_VERSION = /(?<![\d.])([1-4])[.,]([015])(?![\d])/;

type PhraseTest = (text: string) => boolean;

/** A test for `phrase` anywhere in a text, or only as whole words (not inside a longer run of `inside`). */
function phraseTest(phrase: string, wholeWords: boolean, inside = String.raw`\p{L}`): PhraseTest {
  if (!wholeWords) return (text) => text.includes(phrase);
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const whole = new RegExp(String.raw`(?<![${inside}])${escaped}(?![${inside}])`, 'u');
  return (text) => whole.test(text);
}

/** Scripts written without spaces between words: a port name there is found inside "中国大陆许可协议". */
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;

const PORT_TESTS: readonly (readonly [PhraseTest, string])[] = Object.entries(PORT_NAMES).map(
  ([name, code]) => [phraseTest(name, !UNSPACED_SCRIPT.test(name)), code] as const,
);

function portFromName(folded: string): string | undefined {
  for (const [test, code] of PORT_TESTS) if (test(folded)) return code;
  const code = /\b[1-3][.,][015]\s*[([]?([a-z]{2})[)\]]?(?![\p{L}])/u.exec(folded)?.[1];
  return code !== undefined && CC_PORTS.has(code) ? code : undefined;
}

/** English element words, which statements typed by hand misspell ("Attribuion", "Non-Commerical"). */
const ENGLISH_ELEMENT_WORDS: readonly string[] = [
  'attribution',
  'noncommercial',
  'commercial',
  'sharealike',
  'derivatives',
  'derivative',
  'noderivatives',
  'noderivs',
];

/** Every word of the element names in every language ("commerciale", "comercial"): right as they are. */
const NAME_WORDS: ReadonlySet<string> = new Set(
  Object.values(CC_ELEMENT_NAMES)
    .flatMap((names) => Object.values(names).flat())
    .flatMap((name) => fold(name).split(/[^\p{L}]+/u)),
);

/** Whether `a` becomes `b` by one insertion, deletion, substitution or swap of neighbours. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * A statement that names Creative Commons with its English element words misspelt by one letter, corrected; null
 * when it has no such word. Only words of 7 letters or more, and only beside "Creative Commons", are corrected.
 */
function correctedElementWords(folded: string): string | null {
  let changed = false;
  const corrected = folded.replace(/\p{L}{7,}/gu, (word) => {
    if (ENGLISH_ELEMENT_WORDS.includes(word) || NAME_WORDS.has(word)) return word;
    const near = ENGLISH_ELEMENT_WORDS.find((known) => oneEditApart(word, known));
    if (near === undefined) return word;
    changed = true;
    return near;
  });
  return changed ? corrected : null;
}

function fromCcName(input: string, asFolded: string, asSquashed: string): LicenseTextResult | null {
  const mentionsCc = SQUASHED_CC_NAMES.some((name) => asSquashed.includes(name));
  const corrected = mentionsCc ? correctedElementWords(asFolded) : null;
  const folded = corrected ?? asFolded;
  const squashed = corrected === null ? asSquashed : squash(corrected);
  const match = matchNames(squashed);
  if (match === null) return null;
  if (!mentionsCc) {
    // Without "Creative Commons" in it, the statement must be nothing but a licence name.
    let rest = match.rest;
    for (const port of SQUASHED_PORT_NAMES) rest = rest.split(port).join(' ');
    for (const filler of SQUASHED_FILLERS) rest = rest.split(filler).join(' ');
    rest = rest.replace(/[\d\s]+/g, '');
    if (rest !== '') return null;
  }
  // Every CC licence since 2.0 carries attribution; a name that lists only the other elements means it too.
  match.elements.add('by');
  const license = ccLicense(match.elements);
  if (license === null) return null;
  const version = NAME_VERSION.exec(folded);
  const port = portFromName(folded);
  return fromSlug(input, license.slug, version?.[1], version?.[2], port, `cc-name:${match.language}`);
}

// ---------------------------------------------------------------------------------------------------------
// SPDX, phrases

function spdxUri(id: string): string {
  return `https://spdx.org/licenses/${id}.html`;
}

const SPDX_BY_ID = new Map<string, (typeof SPDX_LICENSES)[number]>();
for (const license of SPDX_LICENSES) {
  SPDX_BY_ID.set(fold(license.id), license);
  for (const alias of license.aliases ?? []) SPDX_BY_ID.set(fold(alias), license);
}

function fromSpdx(input: string, text: string): LicenseTextResult | null {
  for (const license of SPDX_LICENSES) {
    if (license.urls?.some((url) => url.test(text)) === true) {
      return result(input, spdxUri(license.id), license.group, 'spdx-url');
    }
  }
  const spdxUrl = /spdx\.org\/licenses\/([A-Za-z0-9.+-]+?)(?:\.html|\.json)?(?:[\s"'<>]|$)/.exec(text)?.[1];
  const id = fold(
    (spdxUrl ?? text)
      .replace(/^spdx-license-identifier:\s*/i, '')
      .replace(/^licen[cs]e:\s*/i, '')
      .trim(),
  );
  const byId = SPDX_BY_ID.get(id);
  if (byId !== undefined)
    return result(input, spdxUri(byId.id), byId.group, spdxUrl === undefined ? 'spdx-id' : 'spdx-url');
  for (const license of SPDX_LICENSES) {
    if (license.names?.some((name) => name.test(text)) === true) {
      return result(input, spdxUri(license.id), license.group, 'spdx-name');
    }
  }
  return null;
}

// RightsStatements.org: the statements cultural heritage aggregators use where no licence applies. None is a
// licence; what matters for reuse is whether the work is free of copyright and of other restrictions.
const RIGHTS_STATEMENT_URL = /rightsstatements\.org\/(?:vocab|page|data)\/([a-z]+(?:-[a-z]+)*)\/1\.0/i;
const RIGHTS_STATEMENT_NAMES: readonly (readonly [RegExp, string])[] = [
  [/^in copyright\W+eu orphan work$/, 'InC-OW-EU'],
  [/^in copyright\W+educational use permitted$/, 'InC-EDU'],
  [/^in copyright\W+non-?commercial use permitted$/, 'InC-NC'],
  [/^in copyright\W+rights-?holder\(?s?\)? unlocatable or unidentifiable$/, 'InC-RUU'],
  [/^in copyright$/, 'InC'],
  [/^no copyright\W+contractual restrictions$/, 'NoC-CR'],
  [/^no copyright\W+non-?commercial use only$/, 'NoC-NC'],
  [/^no copyright\W+other known legal restrictions$/, 'NoC-OKLR'],
  [/^no copyright\W+united states$/, 'NoC-US'],
  [/^copyright not evaluated$/, 'CNE'],
  [/^copyright undetermined$/, 'UND'],
  [/^no known copyright$/, 'NKC'],
];

function fromRightsStatement(input: string, text: string, folded: string): LicenseTextResult | null {
  let code = RIGHTS_STATEMENT_URL.exec(text)?.[1];
  if (code === undefined) {
    const name = folded.replace(/[.\s]+$/, '').replace(/\s+/g, ' ');
    code = RIGHTS_STATEMENT_NAMES.find(([pattern]) => pattern.test(name))?.[1];
  }
  if (code === undefined) return null;
  const upper = code.toUpperCase();
  const rule = `rightsstatements:${code}`;
  // Free of copyright in the United States, with no other restriction stated; no licence URI applies.
  if (upper === 'NOC-US') return result(input, null, 'public-domain', rule);
  // In copyright, or free of it but bound by contracts, other laws or a non-commercial condition.
  if (upper.startsWith('INC') || upper.startsWith('NOC-')) return result(input, null, 'restricted', rule);
  // Not evaluated, undetermined, no known copyright: nothing a reuser can rely on.
  return result(input, null, 'unknown', rule);
}

const phraseTests = new WeakMap<readonly string[], readonly PhraseTest[]>();

/** Whether folded text holds one of `phrases` (compared folded, with every run of non-letters as one space). */
function containsPhrase(folded: string, phrases: readonly string[]): boolean {
  let tests = phraseTests.get(phrases);
  if (tests === undefined) {
    // Latin and Cyrillic phrases as whole words; in other scripts anywhere (Arabic joins prefixes to words).
    tests = phrases.map((phrase) => {
      const spaced = fold(phrase)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
      return phraseTest(
        spaced,
        /^[\p{Script=Latin}\p{Script=Cyrillic}\d ]+$/u.test(spaced),
        String.raw`\p{L}\p{N}`,
      );
    });
    phraseTests.set(phrases, tests);
  }
  const spaced = folded.replace(/[^\p{L}\p{N}]+/gu, ' ');
  return tests.some((test) => test(spaced));
}

/**
 * "Rights reserved" without "all" (folded; en, es, pt, fr, it, de), but not the "some rights reserved" with which
 * Creative Commons badges and deeds present their licences.
 */
const RIGHTS_RESERVED =
  /(?<!(?:some|algunos|alguns|certains|quelques|alcuni|einige|manche)\s)(?:^|\b)(?:rights reserved|derechos reservados|reservados (?:todos )?los derechos|direitos reservados|droits reserves|diritti riservati|rechte vorbehalten)\b/u;
/** Statements that allow one kind of use only ("for educational use only", "use restricted to members"). */
const USE_RESTRICTED: readonly RegExp[] = [
  /\b(?:(?:use|usage|access|reuse) (?:is )?restricted to|for (?:\p{L}+ ){0,2}use only|(?:educational|personal|private|internal|classroom|non-?commercial) use only)\b/u,
  // "Free for educational use", "licensed for classroom use": one kind of use granted, the others not.
  /\b(?:free|licensed|provided|available|intended|permitted|allowed|granted) (?:only )?for (?:\p{L}+ )?(?:educational|personal|private|classroom|teaching|non-?commercial|academic|research) (?:use|purposes)\b/u,
  /\b(?:used|reproduced|reprinted|published) (?:here )?with (?:the )?(?:kind )?permission\b/u,
  // Spanish, Portuguese, Italian: "uso exclusivamente educativo", "para fins educacionais", "solo per uso didattico".
  /\b(?:uso|usos|fines|fins|scopo|fini) (?:\p{L}+ )?(?:exclusivamente|unicamente|solamente|somente|apenas|esclusivamente|soltanto|exclusivo|exclusiva|esclusivo)\b/u,
  /\b(?:exclusivamente|unicamente|solamente|solo|somente|apenas|esclusivamente|soltanto) (?:para |per |a )?(?:el |o |l')?(?:uso|usos|fines|fins|scopo|fini)\b/u,
  /\b(?:para|per|a) (?:el |o )?(?:uso|fines|fins|scopo|fini) (?:educativos?|educacionais?|educacional|didacticos?|didaticos?|didattic[oi]|educativ[oi]|personal|pessoal|personale|academicos?|no comercial(?:es)?|nao comercia(?:l|is)|non commerciale)\b/u,
  // French: "usage pédagogique uniquement", "réservé à un usage personnel", "à des fins non commerciales".
  /\b(?:usage|utilisation) (?:\p{L}+ )?(?:uniquement|exclusivement|seulement)\b|\b(?:reservee?s?|limitee?s?) a (?:un |une |l')?(?:usage|utilisation)\b/u,
  /\b(?:a des fins|pour (?:un )?usage) (?:pedagogiques?|educatifs?|educatives?|personnel(?:le)?s?|prive|privees?|non commercia(?:l|les|ux))\b/u,
  // German and Dutch: "nur zur Verwendung im Unterricht", "alleen voor educatief gebruik".
  /\b(?:nur|ausschliesslich) (?:zur|zum|fur|im|in der|als) (?:\p{L}+ ){0,2}(?:verwendung|nutzung|gebrauch|unterricht|bildungszwecke|lehrzwecke|unterrichtszwecke|schulgebrauch)\b/u,
  /\b(?:alleen|uitsluitend) (?:bestemd )?voor (?:\p{L}+ ){0,2}(?:gebruik|doeleinden)\b/u,
  // Russian, Arabic and Chinese: "только для ... использования", "للاستخدام التعليمي فقط", "仅供教学使用", "不得用于商业用途".
  /(?<![\p{L}])только (?:для|в) (?:\p{L}+ ){0,3}(?:использовани\p{L}*|цел\p{L}*)/u,
  /(?:للاستخدام|للاستعمال|لاغراض)(?: \p{L}+){0,2} فقط/u,
  /(?:仅供|仅限|只供|僅供|僅限)\p{Script=Han}{0,6}(?:使用|学习|學習|参考|參考|教学|教學|研究)|不得用于商业|不得用於商業|禁止商用|不得商用/u,
  // Vietnamese, folded ("Chỉ sử dụng cho mục đích học tập": for study purposes only).
  /\bchi (?:duoc )?su dung (?:cho|vao) (?:muc [dđ]ich|viec)\b/u,
];
const ARXIV_LICENSE = /arxiv\.org\/licenses\/nonexclusive-distrib\//i;
const NOT_PUBLIC_DOMAIN = /\bnot (?:in )?(?:the )?public domain\b/;
/** Folded words for dedicating a work to the public domain (en, fr, es, pt, it, de). */
const PUBLIC_DOMAIN_DEDICATION =
  /(?<![\p{L}])(?:dedicat|dedicac|dedica |dedie|transfert dans le domaine public|widmung)/u;
// "No copyright", "copyright-free": claims about copyright that are no licence.
const NO_COPYRIGHT = /\b(?:no|without|free of|kein(?:e|en)?)\s+copyright|\bcopyright[\s-]free\b/;
const COPYRIGHT_NOTICE = /©|\(c\)|\bcopyright\b|\bdroits? d'auteur\b|\burheberrecht/iu;

// Harvested records repeat a handful of licence statements over and over: answers are cached by the exact
// statement (bounded: cleared when full; long statements, usually unique rights paragraphs, are not kept).
const CACHE_LIMIT = 4096;
const CACHE_MAX_CHARS = 1024;
const cache = new Map<string, LicenseTextResult>();

/** What one licence statement amounts to. */
export function normalizeLicenseText(input: string): LicenseTextResult {
  const hit = cache.get(input);
  if (hit !== undefined) return hit;
  const found = readLicenseText(input);
  if (input.length <= CACHE_MAX_CHARS) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(input, found);
  }
  return found;
}

function readLicenseText(input: string): LicenseTextResult {
  const text = plainText(input);
  if (text === '') return result(input, null, 'unknown', 'empty');
  const folded = fold(text);
  if (UNKNOWN_PHRASES.includes(folded.replace(/[.:;]+$/, '').trim())) {
    return result(input, null, 'unknown', 'unknown-phrase');
  }
  const squashed = squash(text);
  const found =
    fromCcUrl(input, text) ??
    fromCcCode(input, folded) ??
    fromCcName(input, folded, squashed) ??
    fromSpdx(input, text) ??
    fromRightsStatement(input, text, folded);
  if (found !== null) return found;
  if (containsPhrase(folded, PUBLIC_DOMAIN_PHRASES) && !NOT_PUBLIC_DOMAIN.test(folded)) {
    // A dedication to the public domain is what CC0 does ("CC0 1.0 Universal Public Domain Dedication");
    // the Public Domain Mark only labels a work that is already free of copyright.
    if (PUBLIC_DOMAIN_DEDICATION.test(folded))
      return result(input, CC0, 'public-domain', 'public-domain-dedication');
    return result(input, PDM, 'public-domain', 'public-domain-phrase');
  }
  if (containsPhrase(folded, ALL_RIGHTS_RESERVED_PHRASES) || RIGHTS_RESERVED.test(folded))
    return result(input, null, 'restricted', 'all-rights-reserved');
  if (USE_RESTRICTED.some((pattern) => pattern.test(folded)))
    return result(input, null, 'restricted', 'use-restricted');
  // arXiv's licence lets arXiv distribute the work and grants nobody else anything.
  if (ARXIV_LICENSE.test(text)) return result(input, null, 'restricted', 'arxiv-nonexclusive');
  if (COPYRIGHT_NOTICE.test(folded) && !NO_COPYRIGHT.test(folded)) {
    return result(input, null, 'restricted', 'copyright-notice');
  }
  return result(input, null, 'unknown', 'no-match');
}

// ---------------------------------------------------------------------------------------------------------
// One record

/** How much a statement says: a stated version beats an assumed one; a URI beats a group alone. */
function specificity(found: LicenseTextResult): number {
  if (found.group === 'unknown') return 0;
  if (found.rule === 'copyright-notice') return 1;
  if (found.value === null) return 2;
  if (found.rule.endsWith(NO_VERSION)) return 3;
  if (found.rule === 'public-domain-phrase' || found.rule === 'public-domain-dedication') return 3;
  return found.rule === 'cc-url' || found.rule === 'spdx-url' ? 5 : 4;
}

/**
 * What the statements of one record amount to. The most specific statement decides; when statements
 * disagree on the group, the stricter one decides and every disagreeing statement is reported. A bare
 * copyright notice ("© 2015 Publisher") does not contradict a licence: it counts only when nothing else does.
 */
export function normalizeLicense(statements: readonly string[]): LicenseResult {
  const all = statements.map(normalizeLicenseText);
  const known = all.filter((found) => found.group !== 'unknown');
  const decisive = known.some((found) => found.rule !== 'copyright-notice')
    ? known.filter((found) => found.rule !== 'copyright-notice')
    : known;
  if (decisive.length === 0) {
    const empty = all.every((found) => found.rule === 'empty');
    return { value: null, group: 'unknown', rule: all.length === 0 || empty ? 'empty' : 'no-match' };
  }
  const groups = new Set(decisive.map((found) => found.group));
  let chosen: LicenseTextResult | undefined;
  for (const found of decisive) {
    if (chosen === undefined) {
      chosen = found;
      continue;
    }
    const stricter = STRICTNESS[found.group] - STRICTNESS[chosen.group];
    if (stricter > 0 || (stricter === 0 && specificity(found) > specificity(chosen))) chosen = found;
  }
  if (chosen === undefined) return { value: null, group: 'unknown', rule: 'no-match' };
  if (groups.size === 1) return { value: chosen.value, group: chosen.group, rule: chosen.rule };
  const conflicts = decisive.map((found) => ({
    statement: found.input,
    value: found.value,
    group: found.group,
    rule: found.rule,
  }));
  return { value: chosen.value, group: chosen.group, rule: chosen.rule, conflicts };
}

/** The licence of a record in the profile's shape, for the mappers' Normalizers seam. */
export function licenseValue(statements: readonly string[]): LicenseValue {
  const original = statements
    .filter((statement) => statement.trim() !== '')
    .slice(0, 50)
    .map((statement) => statement.slice(0, 4096));
  const found = normalizeLicense(statements);
  return {
    ...(found.value === null ? {} : { id: found.value }),
    group: found.group,
    ...(original.length === 0 ? {} : { original }),
    ...(found.conflicts === undefined ? {} : { conflict: true }),
  };
}
