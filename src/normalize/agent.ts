// Creator, contributor and publisher names: ORCID and ROR identifiers in any written form (checksums
// verified), display names ("Müller, Anna" -> "Anna Müller" with sort name "Müller, Anna"; titles, degrees,
// roles, e-mail addresses, ORCIDs and bracketed affiliations taken out and returned apart), whether a name
// is a person's or an organisation's (conservatively: null when unsure), and a folded key for comparing
// creators across records ("muller a"). Case is kept as written: "SILVA, JOÃO" stays in capitals, since
// re-casing names ("McDonald", "de Souza") guesses. Pure functions; never performs I/O.
import {
  GENERATIONAL_SUFFIXES,
  HONORIFIC_PREFIXES,
  HONORIFIC_SUFFIXES,
  LEGAL_FORMS,
  MEETING_WORDS,
  NAME_PARTICLES,
  ORGANIZATION_CJK,
  ORGANIZATION_STEMS,
  ORGANIZATION_SUFFIXES,
  ORGANIZATION_WORDS,
  PLACEHOLDERS,
  ROLE_WORDS,
} from './agent-vocab.js';

export type AgentKind = 'Person' | 'Organization';

export interface AgentNameResult {
  readonly input: string;
  /** The display name; empty when the value names nobody (a placeholder, only an e-mail address...). */
  readonly name: string;
  /** "Family, Given" for people when the family name is clear. */
  readonly sortName?: string;
  readonly kind: AgentKind | null;
  /** Why: "person-inverted", "person-initials", "person-name", "organization-word", "meeting", "single-name"... */
  readonly rule: string;
}

export interface AgentNameDetails extends AgentNameResult {
  readonly honorificPrefix?: string;
  /** Degrees written after the name ("PhD", "DVM, PhD"). */
  readonly honorificSuffix?: string;
  readonly orcid?: string;
  readonly ror?: string;
  readonly email?: string;
  /** Another URI given with the name (a repository's author page). */
  readonly id?: string;
  /** A bracketed part that is not a role: usually the affiliation ("Lauth, Jakob (SciFox)"). */
  readonly affiliation?: string;
  /** Roles the source appended ("Author", "Hrsg."), as written. */
  readonly roles?: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------
// ORCID and ROR

const ORCID_HOST = /^(?:https?:\/\/)?(?:www\.)?orcid\.org\//i;
const ORCID_LABEL = /^(?:orcid(?:\s*i[dD])?|orcid\.org)\s*[:/]?\s*/i;

/** ISO 7064 MOD 11-2 check character of the first 15 digits. */
function orcidCheck(digits: string): string {
  let total = 0;
  for (let i = 0; i < 15; i++) total = (total + (digits.charCodeAt(i) - 48)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

/** An ORCID iD in any written form as https://orcid.org/XXXX-XXXX-XXXX-XXXX, or null (checksum verified). */
export function normalizeOrcid(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > 200) return null;
  let text = raw.trim();
  if (/sandbox\.orcid\.org/i.test(text)) return null;
  text = text.replace(ORCID_HOST, '').replace(ORCID_LABEL, '').replace(/\/+$/, '');
  const match = /^(\d{4})[\s-]?(\d{4})[\s-]?(\d{4})[\s-]?(\d{3}[\dXx])$/.exec(text);
  if (match === null) return null;
  const digits = `${match[1] ?? ''}${match[2] ?? ''}${match[3] ?? ''}${(match[4] ?? '').toUpperCase()}`;
  if (orcidCheck(digits) !== digits.charAt(15)) return null;
  return `https://orcid.org/${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}-${digits.slice(12)}`;
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const ROR_SHAPE = /^0[0-9a-hjkmnp-tv-z]{6}\d{2}$/;

/** A ROR id in any written form as https://ror.org/0xxxxxxNN, or null (ISO 7064 MOD 97-10 checksum verified). */
export function normalizeRor(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > 200) return null;
  const id = raw
    .trim()
    .replace(/^(?:https?:\/\/)?(?:www\.)?ror\.org\//i, '')
    .replace(/^ror\s*:\s*/i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
  if (!ROR_SHAPE.test(id)) return null;
  let n = 0;
  for (let i = 0; i < 7; i++) n = n * 32 + CROCKFORD.indexOf(id.charAt(i));
  const check = 98 - ((n * 100) % 97);
  return Number(id.slice(7)) === check ? `https://ror.org/${id}` : null;
}

// ---------------------------------------------------------------------------------------------------------
// Folding

const LATIN_GREEK_CYRILLIC_MARKS = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ё: 'е',
};
const SPECIAL = /[ßæœøłđðþıё]/g;

const PRINTABLE_ASCII = /^[ -~]*$/;
// Words of names repeat across records: folding each once is enough. Bounded lower (was 50,000) with the
// other normalizer caches for the ingest memory budget; its own share of the saving was not measured apart.
const FOLD_CACHE_LIMIT = 10_000;
const FOLDED = new Map<string, string>();

/** Lower case, diacritics removed from Latin, Greek and Cyrillic letters only (Hindi or Thai keep theirs). */
export function foldName(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  const known = FOLDED.get(text);
  if (known !== undefined) return known;
  const folded = text
    .toLowerCase()
    .replace(SPECIAL, (c) => SPECIAL_LETTERS[c] ?? c)
    .normalize('NFD')
    .replace(LATIN_GREEK_CYRILLIC_MARKS, '$1')
    .normalize('NFC');
  if (FOLDED.size >= FOLD_CACHE_LIMIT) FOLDED.clear();
  if (text.length <= 40 && !text.includes(' ')) FOLDED.set(text, folded);
  return folded;
}

function foldedSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map((w) => foldName(w).replace(/\./g, '')));
}

const ORG_WORDS = foldedSet(ORGANIZATION_WORDS);
const ORG_SUFFIXES = ORGANIZATION_SUFFIXES.map((w) => foldName(w));
const LEGAL = foldedSet(LEGAL_FORMS);
const MEETINGS = foldedSet(MEETING_WORDS);
const PREFIXES = foldedSet(HONORIFIC_PREFIXES);
const SUFFIXES = foldedSet(HONORIFIC_SUFFIXES);
const GENERATIONAL = foldedSet(GENERATIONAL_SUFFIXES);
const ROLES = foldedSet(ROLE_WORDS);
const PARTICLES = new Set(NAME_PARTICLES);
const PLACEHOLDER = new Set(PLACEHOLDERS.map((w) => foldName(w)));

// ---------------------------------------------------------------------------------------------------------
// Names

const MAX_NAME = 1000;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
const HYPHENS = /[\u2010\u2011]/g;
const EMAIL = /(?:mailto:)?([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/;
const URL_IN_NAME = /<?\b(https?:\/\/[^\s<>()]+|(?:www\.)?orcid\.org\/[\d-]{15,19}[\dXx])>?/i;
const ORCID_IN_NAME = /\b(?:orcid(?:\s*i[dD])?\s*[:/]?\s*)?(\d{4}-\d{4}-\d{4}-\d{3}[\dXx])\b/i;
const BRACKETED = /\s*[([]([^()[\]]*)[)\]]\s*/g;
const LIFE_DATES = /,?\s*\(?\b(?:\d{4}\s*-\s*(?:\d{4})?|b\.\s*\d{4}|d\.\s*\d{4})\)?\s*$/;
const ET_AL =
  /,?\s+(?:et\.?\s?al(?:ii)?\.?|u\.\s?a\.|e\.\s?a\.|y otros|e outros|and others|et autres|und andere)$/i;
const QUOTE_PAIRS: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '\u201c': '\u201d',
  '\u201e': '\u201c',
  '\u00ab': '\u00bb',
  '\u2018': '\u2019',
};
const DOTTED_INITIALS = /^(?:\p{Lu}\.-?){1,4}$|^\p{Lu}\.-\p{Lu}\.?$|^(?:\p{Lu}\.?){1,3}\p{Lu}$/u;
const BARE_INITIALS = /^\p{Lu}{1,3}$/u;
const VOWEL = /[AEIOUYÀ-ÆÈ-ÏÒ-ÖØ-ÝАЕЁИОУЫЭЮЯІЇЄΑΕΗΙΟΥΩ]/;
const CAPITALIZED = /^(?:\p{Lu}|[dDlLoO]['’]\p{Lu}|M[ac]\p{Lu}|Mc)[\p{L}\p{M}'’.-]*$/u;
const CASELESS = /^[\p{Lo}\p{M}]+$/u;
const PATRONYMIC = /^[\p{L}-]+(?:ович|евич|овна|евна|ична|инична|ovich|evich|ovna|evna|ichna)$/iu;
const GIVEN_THEN_FAMILY = /\p{Lu}\.\s+\p{Lu}[\p{Ll}\p{M}'’-]{1,}/u;
const ENDS_GIVEN_THEN_FAMILY = /\p{Lu}\.\s+\p{Lu}[\p{Ll}\p{M}'’-]+$/u;
const LIST_WORDS = /\s(?:and|und|et|y|e|&)\s/i;
const CJK_CHARS = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const ACRONYM = /^[\p{Lu}\d&]{3,}$/u;
const QUALIFIER = /^\p{Lu}\p{L}{0,5}\.(?:\s?\p{Lu}\p{L}{0,5}\.)*$/u;
const DOMAIN_NAME = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12}$/i;

function wordsOf(text: string): string[] {
  return foldName(text)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w !== '');
}

function tokenKey(token: string): string {
  return foldName(token).replace(/[.,]/g, '');
}

const ORG_STEMS = ORGANIZATION_STEMS.map((w) => foldName(w));

function organizationRule(text: string): string | null {
  const tokens = text.split(/\s+/);
  const hasComma = text.includes(',');
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] ?? '').replace(/[,;]$/, '');
    const key = tokenKey(token);
    if (i > 0 && LEGAL.has(key)) return 'organization-legal-form';
    if (/^(?:Co|Cie|Cía|Corp|Ltd|Inc)\.$/.test(token) && i > 0) return 'organization-legal-form';
    // "AG", "SA", "SE" are also initials ("Mueller AG"): a legal form only without a comma.
    if (i > 0 && !hasComma && /^(?:AG|SA|SE|S\.A\.|S\.L\.|A\.G\.|B\.V\.|N\.V\.|A\/S)$/.test(token))
      return 'organization-legal-form';
  }
  for (const word of wordsOf(text)) {
    if (ORG_WORDS.has(word) || (word.length > 4 && word.endsWith('s') && ORG_WORDS.has(word.slice(0, -1))))
      return 'organization-word';
    if (MEETINGS.has(word)) return 'meeting';
    for (const suffix of ORG_SUFFIXES)
      if (word.length > suffix.length + 2 && word.endsWith(suffix)) return 'organization-word';
    if (/[\u0400-\u04ff]/.test(word))
      for (const stem of ORG_STEMS)
        if (word.startsWith(stem) && word.length <= stem.length + 4) return 'organization-word';
  }
  if (CJK_CHARS.test(text))
    for (const word of ORGANIZATION_CJK) if (text.includes(word)) return 'organization-word';
  return null;
}

function isParticle(token: string): boolean {
  return PARTICLES.has(token) || /^[dl]['’]$/.test(token);
}

/** Initials: "R.", "R.M.", "Y.-J.", and undotted "RM" (in a name written in capitals only without vowels). */
function isInitials(token: string, capitals: boolean): boolean {
  if (DOTTED_INITIALS.test(token) && token.includes('.')) return true;
  if (!BARE_INITIALS.test(token)) return false;
  return !capitals || token.length === 1 || !VOWEL.test(token);
}

/** "RE" -> "R. E.", "P.F.J." -> "P. F. J.", "Y.-J." stays. */
function spellInitials(token: string): string {
  if (token.includes('-')) return token.replace(/(\p{Lu})(?![.\p{Ll}])/gu, '$1.');
  return Array.from(token.replace(/\./g, ''))
    .map((c) => `${c}.`)
    .join(' ');
}

function nameShaped(token: string, capitals: boolean): boolean {
  if (ACRONYM.test(token) && !VOWEL.test(token)) return false;
  return CAPITALIZED.test(token) || isInitials(token, capitals) || isParticle(token) || CASELESS.test(token);
}

interface Extracted {
  /** The name with roles, URIs, e-mail and life dates taken out; other bracketed parts kept. */
  full: string;
  /** The same without the other bracketed parts. */
  text: string;
  orcid?: string;
  ror?: string;
  email?: string;
  id?: string;
  bracketed?: string;
  roles?: string[];
  honorificPrefix?: string;
  honorificSuffix?: string;
  etAl: boolean;
}

function unquote(text: string): string {
  const first = text.charAt(0);
  const close = QUOTE_PAIRS[first];
  if (close !== undefined && text.length > 1 && text.endsWith(close)) return text.slice(1, -1).trim();
  return text;
}

function cut(text: string, index: number, length: number): string {
  return `${text.slice(0, index)} ${text.slice(index + length)}`.trim();
}

function extract(raw: string): Extracted {
  let text = unquote(
    raw
      .replace(CONTROL, ' ')
      .replace(/\\([,;:])/g, '$1')
      .replace(HYPHENS, '-')
      .replace(SPACES, ' ')
      .trim(),
  );
  const out: Extracted = { full: text, text, etAl: false };

  // URIs: ORCID, ROR, anything else (an author page).
  for (let i = 0; i < 3 && /https?:|orcid\.org/i.test(text); i++) {
    const url = URL_IN_NAME.exec(text);
    if (url === null) break;
    const uri = url[1] ?? '';
    const orcid = normalizeOrcid(uri);
    const ror = normalizeRor(uri);
    if (orcid !== null) out.orcid ??= orcid;
    else if (ror !== null) out.ror ??= ror;
    else out.id ??= uri;
    text = cut(text, url.index, url[0].length);
  }
  const orcidText = /\d{4}-\d{4}/.test(text) ? ORCID_IN_NAME.exec(text) : null;
  if (orcidText !== null) {
    const orcid = normalizeOrcid(orcidText[1] ?? '');
    if (orcid !== null) {
      out.orcid ??= orcid;
      text = cut(text, orcidText.index, orcidText[0].length);
    }
  }
  const email = text.includes('@') ? EMAIL.exec(text) : null;
  if (email !== null) {
    out.email = email[1] ?? '';
    text = cut(text, email.index, email[0].length);
  }
  // Leftovers of what was taken out: "<>", "()", "[]", "ORCID:", trailing commas.
  text = text
    .replace(/<\s*>|\(\s*\)|\[\s*\]/g, ' ')
    .replace(/\b(?:orcid(?:\s*i[dD])?|e-?mail|mail)\s*:?\s*$/i, '')
    .replace(SPACES, ' ')
    .replace(/^[\s,;:-]+|[\s,;:-]+$/g, '')
    .trim();
  if (ET_AL.test(text)) {
    out.etAl = true;
    text = text.replace(ET_AL, '').trim();
  }

  // Bracketed parts: roles go; the rest stays in an organisation's name (acronyms, place qualifiers,
  // a meeting's number) and becomes a person's affiliation.
  let full = text;
  let bare = text;
  if (/[([]/.test(text)) {
    const roles: string[] = [];
    const others: string[] = [];
    full = text
      .replace(BRACKETED, (whole: string, inner: string) => {
        const content = inner.trim();
        if (content === '') return ' ';
        const parts = content.split(/\s*[,;/&]\s*|\s+(?:and|und|et|y)\s+/);
        if (
          parts.every((p) => p !== '' && p.split(/[\s_]+/).every((w) => ROLES.has(tokenKey(w)) || w === 'of'))
        ) {
          roles.push(...parts);
          return ' ';
        }
        if (/^\d{4}\s*-\s*(?:\d{4})?$/.test(content)) return ' ';
        // "(Ariz.)", "(U.S.)": a place qualifier of the heading, part of the name.
        if (QUALIFIER.test(content)) return ` ${whole.trim()} `;
        others.push(content);
        return whole;
      })
      .replace(SPACES, ' ')
      .trim();
    bare = full
      .replace(BRACKETED, (whole: string, inner: string) =>
        QUALIFIER.test(inner.trim()) ? ` ${whole.trim()} ` : ' ',
      )
      .replace(SPACES, ' ')
      .trim();
    if (roles.length > 0) out.roles = roles;
    if (others.length > 0) out.bracketed = others.join('; ');
  }
  const years = /\d{4}/.test(text);
  out.full = (years ? full.replace(LIFE_DATES, '') : full).replace(/[\s,;]+$/, '');
  out.text = (years ? bare.replace(LIFE_DATES, '') : bare).replace(/[\s,;]+$/, '');
  return out;
}

/** Takes titles off the front of a name part: "Prof. Dr. Anna" -> ["Prof. Dr.", "Anna"]. */
function takePrefixes(part: string): { prefix: string; rest: string } {
  const tokens = part.split(' ');
  const taken: string[] = [];
  while (tokens.length > 1) {
    const token = tokens[0] ?? '';
    const key = tokenKey(token).replace(/-/g, '');
    const isTitle =
      (PREFIXES.has(key) &&
        (token.endsWith('.') ||
          key.length >= 5 ||
          /^(?:Dr|Mr|Mrs|Ms|Mx|Prof|PD|Herr|Frau|Sir|Dame)$/.test(token))) ||
      // "Dr.-Ing.", "Dr.med.", "Univ.-Prof.", "Dipl.-Ing."
      /^(?:Dr|Prof|Univ|Dipl|Priv|Ass|Assoc|Jun)\.-?[\p{L}.-]+$/u.test(token);
    // "med.", "rer. nat.", "phil.", "h. c." after "Dr."
    const isQualifier =
      taken.length > 0 &&
      /^(?:med|rer|nat|phil|pol|oec|jur|theol|habil|h\.?\s?c|dent|vet|paed|sc|ing|mult|univ)\.$/i.test(token);
    if (!isTitle && !isQualifier) break;
    taken.push(token);
    tokens.shift();
  }
  return { prefix: taken.join(' '), rest: tokens.join(' ') };
}

interface Suffixes {
  readonly suffix: string;
  readonly rest: string;
  readonly generational: string;
  readonly roles: readonly string[];
}

/** Takes degrees, generational suffixes and roles off the end: "Andreas Herrler, DVM, PhD", "Smith, J., EDITOR". */
function takeSuffixes(text: string): Suffixes {
  let rest = text;
  const degrees: string[] = [];
  const roles: string[] = [];
  let generational = '';
  for (let i = 0; i < 5; i++) {
    const match = /(?:,\s*|\s+)([\p{L}._]+)$/u.exec(rest);
    if (match === null) break;
    const token = match[1] ?? '';
    const key = tokenKey(token);
    const afterComma = match[0].startsWith(',');
    if (SUFFIXES.has(key) && (afterComma || /\p{Lu}.*\p{Lu}|\./u.test(token))) {
      degrees.unshift(token);
    } else if (GENERATIONAL.has(key) && generational === '' && (afterComma || /^[IV]+$|\.$/.test(token))) {
      generational = token;
    } else if (afterComma && token.split('_').every((w) => ROLES.has(tokenKey(w)))) {
      roles.unshift(token);
    } else break;
    rest = rest.slice(0, match.index).trim();
  }
  return { suffix: degrees.join(', '), rest, generational, roles };
}

type Details = {
  -readonly [K in keyof AgentNameDetails]: AgentNameDetails[K];
};

function finish(
  input: string,
  found: Extracted,
  name: string,
  kind: AgentKind | null,
  rule: string,
  sortName?: string,
): AgentNameDetails {
  const out: Details = { input, name, kind, rule: found.etAl && name !== '' ? `${rule}+et-al` : rule };
  if (sortName !== undefined) out.sortName = sortName;
  if (found.honorificPrefix !== undefined && found.honorificPrefix !== '')
    out.honorificPrefix = found.honorificPrefix;
  if (found.honorificSuffix !== undefined && found.honorificSuffix !== '')
    out.honorificSuffix = found.honorificSuffix;
  if (found.orcid !== undefined) out.orcid = found.orcid;
  if (found.ror !== undefined) out.ror = found.ror;
  if (found.email !== undefined) out.email = found.email;
  if (found.id !== undefined) out.id = found.id;
  if (found.bracketed !== undefined && kind !== 'Organization') out.affiliation = found.bracketed;
  if (found.roles !== undefined && found.roles.length > 0) out.roles = found.roles;
  return out;
}

/** Splits a display-order name into given names and family name (particles go with the family name). */
function splitDisplay(
  tokens: readonly string[],
  capitals = false,
): { given: string[]; family: string[] } | null {
  if (tokens.length < 2) return null;
  let start = tokens.length - 1;
  // Lower-case particles always, capitalised ones ("Juan E. De Castro") in names not written in capitals.
  const particle = (t: string): boolean =>
    isParticle(t) || (!capitals && t.length >= 2 && isParticle(t.toLowerCase()));
  while (start > 1 && particle(tokens[start - 1] ?? '')) start--;
  const given = tokens.slice(0, start);
  const family = tokens.slice(start);
  if (given.length === 0 || given.every(isParticle)) return null;
  return { given, family };
}

function sortForm(family: readonly string[], given: readonly string[]): string {
  // Particles are written after the given names in a sort form: "Beethoven, Ludwig van".
  let cutAt = 0;
  while (cutAt < family.length - 1 && isParticle(family[cutAt] ?? '')) cutAt++;
  const particles = family.slice(0, cutAt);
  return `${family.slice(cutAt).join(' ')}, ${[...given, ...particles].join(' ')}`;
}

function personFromInverted(
  found: Extracted,
  input: string,
  familyRaw: string,
  givenRaw: string,
  generational: string,
): AgentNameDetails | null {
  const { prefix, rest } = takePrefixes(givenRaw);
  if (prefix !== '')
    found.honorificPrefix = [found.honorificPrefix, prefix]
      .filter((p) => p !== undefined && p !== '')
      .join(' ');
  let givenTokens = rest.split(' ').filter((t) => t !== '');
  let familyTokens = familyRaw.split(' ').filter((t) => t !== '');
  let gen = generational;
  // Brazilian "FILHO, PIO PENNA" is "Pio Penna Filho": the suffix heads the inverted form.
  if (
    familyTokens.length === 1 &&
    GENERATIONAL.has(tokenKey(familyTokens[0] ?? '')) &&
    givenTokens.length >= 2
  ) {
    familyTokens = [givenTokens[givenTokens.length - 1] ?? '', familyTokens[0] ?? ''];
    givenTokens = givenTokens.slice(0, -1);
    gen = '';
  }
  if (
    givenTokens.length === 0 ||
    givenTokens.length > 5 ||
    familyTokens.length === 0 ||
    familyTokens.length > 4
  )
    return null;
  const capitals = !/\p{Ll}/u.test(`${familyRaw} ${givenRaw}`);
  if (![...givenTokens, ...familyTokens].every((t) => nameShaped(t, capitals))) return null;
  if (
    familyTokens.every((t) => isInitials(t, capitals)) &&
    !givenTokens.every((t) => isInitials(t, capitals))
  )
    return null;
  const given = givenTokens.map((t) => (isInitials(t, capitals) ? spellInitials(t) : t));
  const givenText = given.join(' ');
  const family = familyTokens.join(' ');
  const name = `${givenText} ${family}${gen === '' ? '' : ` ${gen}`}`;
  const sortName = `${family}, ${givenText}${gen === '' ? '' : `, ${gen}`}`;
  return finish(input, found, name, 'Person', 'person-inverted', sortName);
}

function severalNames(text: string, commas: readonly string[]): boolean {
  if (/\s,/.test(text) || /;/.test(text)) return true;
  if (LIST_WORDS.test(text) && commas.length >= 2) return true;
  if (commas.length > 2) return true;
  if (commas.length === 2) {
    const [left = '', right = ''] = commas;
    // "Daniel W. Cranston, Douglas B. West": display-order names on both sides of the comma.
    if (GIVEN_THEN_FAMILY.test(left) || (ENDS_GIVEN_THEN_FAMILY.test(right) && right.split(' ').length >= 3))
      return true;
  }
  return false;
}

function parseName(input: string): AgentNameDetails {
  if (input.length > MAX_NAME * 2) return { input, name: '', kind: null, rule: 'too-long' };
  const found = extract(input);
  let text = found.text;
  if (text === '' || !/[\p{L}\p{N}]/u.test(text)) {
    const rule =
      found.email !== undefined || found.orcid !== undefined || found.id !== undefined
        ? 'identifier-only'
        : 'empty';
    return finish(input, found, '', null, rule);
  }
  if (text.length > MAX_NAME) return { input, name: '', kind: null, rule: 'too-long' };
  const folded = foldName(text).replace(/\s+/g, ' ');
  if (
    PLACEHOLDER.has(folded) ||
    folded.split(' ').every((w) => PLACEHOLDER.has(w)) ||
    /^[-?._/\\]+$/.test(text)
  )
    return finish(input, found, '', null, 'placeholder');

  // Words in brackets do not make a person an organisation ("Puseman, Kathryn (PaleoResearch Institute)").
  const organization = organizationRule(text);
  if (organization !== null) return finish(input, found, found.full, 'Organization', organization);
  if (DOMAIN_NAME.test(text) && /[a-z]/i.test(text.split('.').pop() ?? ''))
    return finish(input, found, text, 'Organization', 'domain-name');

  // Degrees, generational suffixes and trailing roles, then titles.
  const suffixes = takeSuffixes(text);
  if (suffixes.suffix !== '') found.honorificSuffix = suffixes.suffix;
  if (suffixes.roles.length > 0) found.roles = [...(found.roles ?? []), ...suffixes.roles];
  text = suffixes.rest;
  const titles = takePrefixes(text);
  if (titles.prefix !== '') found.honorificPrefix = titles.prefix;
  text = titles.rest;
  if (text === '') return finish(input, found, '', null, 'empty');

  const commas = text.split(',').map((p) => p.trim());
  if (severalNames(text, commas)) {
    delete found.bracketed;
    return finish(input, found, found.full, null, 'several-names');
  }
  if (commas.length === 2) {
    const person = personFromInverted(found, input, commas[0] ?? '', commas[1] ?? '', suffixes.generational);
    return person ?? finish(input, found, text, null, 'unsure');
  }

  const tokens = text.split(' ');
  const capitals = !/\p{Ll}/u.test(text);
  const gen = suffixes.generational === '' ? '' : ` ${suffixes.generational}`;
  if (tokens.length === 1) {
    const titled = found.honorificPrefix !== undefined;
    return finish(
      input,
      found,
      text + gen,
      titled ? 'Person' : null,
      titled ? 'person-title' : 'single-name',
    );
  }
  if (
    LIST_WORDS.test(text) ||
    tokens.length > 6 ||
    !tokens.every((t) => nameShaped(t, capitals)) ||
    /\d/.test(text)
  )
    return finish(input, found, text, null, 'unsure');

  // "Glover RE", "ШЕЙМАН Б.С.", "МАКИЕНКО Н. В.": family name first, initials last.
  let initialsFrom = tokens.length;
  while (initialsFrom > 0 && isInitials(tokens[initialsFrom - 1] ?? '', capitals)) initialsFrom--;
  const head = tokens.slice(0, initialsFrom);
  if (
    initialsFrom < tokens.length &&
    head.length >= 1 &&
    head.length <= 3 &&
    !isInitials(tokens[0] ?? '', capitals)
  ) {
    const initials = tokens.slice(initialsFrom).map(spellInitials).join(' ');
    const family = head.join(' ');
    return finish(
      input,
      found,
      `${initials} ${family}${gen}`,
      'Person',
      'person-family-initials',
      `${family}, ${initials}`,
    );
  }

  // "БИЗМЕНОВ ИВАН МИХАЙЛОВИЧ": family name, given name, patronymic.
  if (tokens.length === 3 && PATRONYMIC.test(tokens[2] ?? '') && !PATRONYMIC.test(tokens[1] ?? '')) {
    const [family = '', given = '', patronymic = ''] = tokens;
    return finish(
      input,
      found,
      `${given} ${patronymic} ${family}`,
      'Person',
      'person-family-patronymic',
      `${family}, ${given} ${patronymic}`,
    );
  }

  // "PH Freiburg", "KIT Karlsruhe": an acronym before a name is an institution's more often than initials.
  if (!capitals && /^\p{Lu}{2,}$/u.test(tokens[0] ?? '')) return finish(input, found, text, null, 'unsure');

  const split = splitDisplay(tokens, capitals);
  if (split === null) return finish(input, found, text, null, 'unsure');
  const given = split.given.map((t) =>
    isInitials(t, capitals) && (t.includes('.') || t.length === 1) ? spellInitials(t) : t,
  );
  const name = `${[...given, ...split.family].join(' ')}${gen}`;
  // A sort form only when the family name is clear: one given name, the others initials, or a patronymic.
  const middle = given.slice(1);
  const clear =
    middle.every((t) => isInitials(t.replace(/\s/g, ''), capitals) || /^(?:\p{Lu}\.\s?)+$/u.test(t)) ||
    (middle.length === 1 && PATRONYMIC.test(middle[0] ?? ''));
  const sortName = clear
    ? sortForm(split.family, given) + (suffixes.generational === '' ? '' : `, ${suffixes.generational}`)
    : undefined;
  const hasInitial = given.some((t) => /^(?:\p{Lu}\.\s?)+$/u.test(t));
  return finish(input, found, name, 'Person', hasInitial ? 'person-initials' : 'person-name', sortName);
}

/** Names whose parse is kept (was 20,000; lowered with the fold cache above). */
const CACHE_LIMIT = 4_096;
const cache = new Map<string, AgentNameDetails>();

/**
 * A display name and what else was written with it: "Müller, Anna" -> "Anna Müller" (sort name "Müller,
 * Anna"); titles into honorificPrefix, degrees into honorificSuffix; e-mail, ORCID, ROR and other URIs,
 * bracketed roles and affiliations taken out and returned. Organisations are recognised by words in many
 * languages and by legal forms; kind is null when the name could be either.
 */
export function normalizeAgentName(raw: string): AgentNameDetails {
  if (typeof raw !== 'string') return { input: String(raw), name: '', kind: null, rule: 'empty' };
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  const parsed = parseName(raw);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  if (raw.length <= 300) cache.set(raw, parsed);
  return parsed;
}

/**
 * A key for comparing creators across records: for people "family given-initial" folded ("muller a") with
 * particles, hyphens and apostrophes dropped from the family name; for organisations and unsure names the
 * folded words. Null when nothing is left.
 */
export function agentMatchKey(name: string): string | null {
  const parsed = normalizeAgentName(name);
  if (parsed.name === '') return null;
  if (parsed.kind === 'Person') {
    const sort = parsed.sortName;
    let family: string;
    let given: string;
    if (sort !== undefined) {
      const comma = sort.indexOf(',');
      family = sort.slice(0, comma);
      given = sort.slice(comma + 1);
    } else {
      const tokens = parsed.name.split(' ');
      const split = splitDisplay(tokens);
      family = split === null ? parsed.name : split.family.join(' ');
      given = split === null ? '' : split.given.join(' ');
    }
    // Particles are dropped whatever their case, so "Van Ryckeghem" and "van Ryckeghem" meet.
    const familyTokens = family.split(' ').filter((t) => t !== '');
    const core = familyTokens.filter((t) => !isParticle(t.toLowerCase()));
    const familyKey = (core.length > 0 ? core : familyTokens)
      .map((t) => foldName(t).replace(/[^\p{L}\p{M}\p{N}]+/gu, ''))
      .join('');
    const firstGiven = given
      .split(/[\s.]+/)
      .find((t) => t !== '' && !isParticle(t) && !GENERATIONAL.has(tokenKey(t)));
    const initial = firstGiven === undefined ? '' : (Array.from(foldName(firstGiven))[0] ?? '');
    const key = `${familyKey} ${initial}`.trim();
    return key === '' ? null : key;
  }
  const key = wordsOf(parsed.name).join(' ');
  return key === '' ? null : key;
}
