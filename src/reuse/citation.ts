// Citations of a resource: one CSL-JSON item built from the record (type from the resource type, title,
// authors split into family and given names only when that is reliable, dates, publisher, address, language,
// access date), and from that item APA 7 (plain text), BibTeX (LaTeX specials escaped, non-ASCII kept as
// UTF-8) and RIS (one "TAG  - value" per line, no value can break a line). Our own code; pure, no I/O.
import type { AgentValue, ResourceRecord } from '../domain/profile.js';
import { hcrtEntry } from '../vocab/hcrt.js';
import { dateOf, httpUrl, oneLine, parsePartialDate, pickText, type PartialDate } from './text.js';

/** The CSL item types we produce. */
export type CslType =
  | 'webpage'
  | 'book'
  | 'motion_picture'
  | 'song'
  | 'dataset'
  | 'software'
  | 'graphic'
  | 'map'
  | 'musical_score';

/** A CSL name: a person split into family and given names, or a literal (organisations, unsplittable names). */
export interface CslName {
  readonly family?: string;
  readonly given?: string;
  readonly 'non-dropping-particle'?: string;
  readonly literal?: string;
}

export interface CslDate {
  readonly 'date-parts': readonly [readonly number[]];
}

/** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), the fields we fill. */
export interface CslItem {
  readonly id: string;
  readonly type: CslType;
  readonly title: string;
  readonly author?: readonly CslName[];
  readonly issued?: CslDate;
  readonly accessed?: CslDate;
  readonly publisher?: string;
  /** The repository or site the resource is published on. */
  readonly 'container-title'?: string;
  readonly URL?: string;
  readonly DOI?: string;
  readonly ISBN?: string;
  readonly language?: string;
}

export interface CitationInput {
  readonly record: ResourceRecord;
  /** The item id: the portal's key of the resource. */
  readonly id: string;
  /** The reader's language: the title in it is chosen when the record has one. */
  readonly lang: string | null;
  /** The repository the resource was found in, for the site name; null when unknown. */
  readonly sourceName: string | null;
  /** When the reader accessed it (today). */
  readonly accessed: Date;
}

// ---- the CSL item ----------------------------------------------------------------------------------------

/** HCRT notations and schema.org types -> CSL types, strongest first. */
const TYPE_RULES: readonly {
  readonly type: CslType;
  readonly hcrt: readonly string[];
  readonly schema: readonly string[];
}[] = [
  { type: 'book', hcrt: ['textbook'], schema: ['Book', 'Textbook'] },
  { type: 'motion_picture', hcrt: ['video'], schema: ['VideoObject', 'Movie', 'Clip'] },
  { type: 'song', hcrt: ['audio'], schema: ['AudioObject', 'PodcastEpisode', 'AudioBook'] },
  { type: 'dataset', hcrt: ['data'], schema: ['Dataset'] },
  {
    type: 'software',
    hcrt: ['application', 'simulation'],
    schema: ['SoftwareApplication', 'WebApplication'],
  },
  { type: 'map', hcrt: ['map'], schema: ['Map'] },
  { type: 'graphic', hcrt: ['image', 'diagram'], schema: ['ImageObject', 'Photograph'] },
  { type: 'musical_score', hcrt: ['sheet_music'], schema: ['SheetMusic'] },
];

export function cslType(record: ResourceRecord): CslType {
  const hcrt = new Set(
    (record.learningResourceType ?? []).map((c) => hcrtEntry(c.id)?.notation).filter((n) => n !== undefined),
  );
  const schema = new Set(record.type);
  for (const rule of TYPE_RULES) {
    if (rule.hcrt.some((n) => hcrt.has(n)) || rule.schema.some((s) => schema.has(s))) return rule.type;
  }
  return 'webpage';
}

/** Name particles that stay with the family name ("van Beethoven", "de la Fuente" is not split: 4 words). */
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'da',
  'di',
  'du',
  'del',
  'della',
  'dos',
  'das',
  'der',
  'den',
  'ter',
  'le',
  'la',
]);
/** Scripts whose names are written "given family", separated by spaces. */
const SPLITTABLE = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{M} ,.'’-]+$/u;
const INITIAL = /^\p{Lu}\.?$/u;
const WORD = /^\p{Lu}[\p{L}\p{M}'’-]*$/u;

/**
 * A person's name as CSL: "Family, Given" as written; "Given Family", "Given I. Family" and "Given particle
 * Family" in Latin, Cyrillic or Greek script with capitalized words. Anything else (one word, more words,
 * other scripts, where the order of names is not known) stays a literal, so no name is ever split wrongly.
 */
export function personName(raw: string): CslName {
  const name = oneLine(raw);
  if (!SPLITTABLE.test(name)) return { literal: name };
  const comma = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (comma !== null) return { family: (comma[1] ?? '').trim(), given: (comma[2] ?? '').trim() };
  const words = name.split(' ');
  const [first, second, third] = words;
  if (words.length === 2 && first !== undefined && second !== undefined) {
    if (WORD.test(first) && WORD.test(second)) return { given: first, family: second };
  }
  if (words.length === 3 && first !== undefined && second !== undefined && third !== undefined) {
    if (WORD.test(first) && WORD.test(third) && INITIAL.test(second)) {
      return { given: `${first} ${second.endsWith('.') ? second : `${second}.`}`, family: third };
    }
    if (WORD.test(first) && WORD.test(third) && PARTICLES.has(second)) {
      return { given: first, 'non-dropping-particle': second, family: third };
    }
  }
  return { literal: name };
}

function cslNames(agents: readonly AgentValue[] | undefined): CslName[] {
  const out: CslName[] = [];
  const seen = new Set<string>();
  for (const agent of agents ?? []) {
    const name = oneLine(agent.name);
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    out.push(agent.type === 'Person' ? personName(name) : { literal: name });
  }
  return out;
}

function cslDate(date: PartialDate): CslDate {
  const parts = [date.year];
  if (date.month !== undefined) {
    parts.push(date.month);
    if (date.day !== undefined) parts.push(date.day);
  }
  return { 'date-parts': [parts] };
}

const NO_LANGUAGE = new Set(['und', 'zxx', 'mul']);

export function cslItem(input: CitationInput): CslItem {
  const { record } = input;
  const title = oneLine(pickText(record.name, input.lang, record.inLanguage ?? [])?.text ?? record.id);
  const authors = cslNames(record.creator);
  const issued = parsePartialDate(record.datePublished ?? record.dateCreated ?? record.dateModified);
  const publishers = cslNames(record.publisher)
    .map((n) => n.literal ?? [n.given, n['non-dropping-particle'], n.family].filter(Boolean).join(' '))
    .filter((n) => n !== '');
  const doi = record.identifiers?.find((i) => i.kind === 'doi')?.value;
  const isbn = record.identifiers?.find((i) => i.kind === 'isbn')?.value;
  const url = httpUrl(record.url);
  const language = (record.inLanguage ?? []).find((l) => !NO_LANGUAGE.has(l));
  const site = input.sourceName === null ? '' : oneLine(input.sourceName);
  return {
    id: input.id,
    type: cslType(record),
    title,
    ...(authors.length > 0 ? { author: authors } : {}),
    ...(issued === null ? {} : { issued: cslDate(issued) }),
    accessed: cslDate(dateOf(input.accessed)),
    ...(publishers.length > 0 ? { publisher: publishers.join('; ') } : {}),
    ...(site !== '' ? { 'container-title': site } : {}),
    ...(url === null ? {} : { URL: url }),
    ...(doi === undefined ? {} : { DOI: oneLine(doi) }),
    ...(isbn === undefined ? {} : { ISBN: oneLine(isbn) }),
    ...(language === undefined ? {} : { language }),
  };
}

/** CSL-JSON as people download it: an array of items. */
export function cslJson(item: CslItem): string {
  return `${JSON.stringify([item], null, 2)}\n`;
}

// ---- shared ----------------------------------------------------------------------------------------------

function dateParts(date: CslDate | undefined): PartialDate | null {
  const [year, month, day] = date?.['date-parts'][0] ?? [];
  if (year === undefined) return null;
  if (month === undefined) return { year };
  return day === undefined ? { year, month } : { year, month, day };
}

function doiUrl(doi: string): string {
  return `https://doi.org/${doi.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')}`;
}

/** The site or publisher a citation names: the publisher, else the repository. */
function siteName(item: CslItem): string | null {
  return item.publisher ?? item['container-title'] ?? null;
}

// ---- APA 7 -----------------------------------------------------------------------------------------------

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "Jean-Pierre Marie" -> "J.-P. M." */
function initials(given: string): string {
  return given
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((word) =>
      word
        .split('-')
        .map((part) => {
          const letter = Array.from(part.replace(/\.$/, ''))[0];
          return letter === undefined ? '' : `${letter.toLocaleUpperCase()}.`;
        })
        .join('-'),
    )
    .join(' ');
}

function apaName(name: CslName): string {
  if (name.literal !== undefined) return name.literal;
  const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  return name.given === undefined || name.given === '' ? family : `${family}, ${initials(name.given)}`;
}

function apaAuthors(names: readonly CslName[]): string {
  const written = names.map(apaName);
  if (written.length === 1) return written[0] ?? '';
  if (written.length <= 20) return `${written.slice(0, -1).join(', ')}, & ${written.at(-1) ?? ''}`;
  return `${written.slice(0, 19).join(', ')}, . . . ${written.at(-1) ?? ''}`;
}

function apaDate(date: PartialDate | null): string {
  if (date === null) return 'n.d.';
  if (date.month === undefined) return String(date.year);
  const month = MONTHS[date.month - 1] ?? '';
  return date.day === undefined ? `${date.year}, ${month}` : `${date.year}, ${month} ${date.day}`;
}

const APA_DESCRIPTIONS: Readonly<Partial<Record<CslType, string>>> = {
  motion_picture: 'Video',
  song: 'Audio',
  dataset: 'Data set',
  software: 'Computer software',
  graphic: 'Image',
  map: 'Map',
  musical_score: 'Sheet music',
};

/** Ends a sentence of a reference with a period unless it already ends with . ? or !. */
function period(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** APA 7 reference as plain text (italics cannot be shown in plain text and are left out). */
export function apa(item: CslItem): string {
  const description = APA_DESCRIPTIONS[item.type];
  const title = period(description === undefined ? item.title : `${item.title} [${description}]`);
  const date = `(${apaDate(dateParts(item.issued))}).`;
  const authors = item.author ?? [];
  const site = siteName(item);
  const authorText = authors.length > 0 ? period(apaAuthors(authors)) : null;
  // A site named like the only author is not repeated.
  const siteText =
    site === null || (authors.length === 1 && authors[0]?.literal === site) ? null : period(site);
  const link = item.DOI !== undefined ? doiUrl(item.DOI) : (item.URL ?? null);
  const pieces =
    authorText === null ? [title, date, siteText, link] : [authorText, date, title, siteText, link];
  return pieces.filter((p): p is string => p !== null && p !== '').join(' ');
}

// ---- BibTeX ----------------------------------------------------------------------------------------------

const LATEX_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  // Braces are written as commands: BibTeX counts even escaped braces, so "\{" alone would unbalance a field.
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Text for a BibTeX field: one line, LaTeX's special characters escaped, everything else kept (UTF-8). */
export function escapeLatex(text: string): string {
  return oneLine(text).replace(/[\\{}%&$#_~^]/g, (c) => LATEX_SPECIALS[c] ?? c);
}

/** An address for BibTeX's verbatim url field: braces, backslashes and spaces percent-encoded. */
function bibUrl(url: string): string {
  return url.replace(/[{}\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Lower-case ASCII letters and digits of a text, accents dropped ("Márquez" -> "marquez"). */
function asciiWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A short, stable hash (FNV-1a, base 36) of a string. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0').slice(0, 6);
}

/**
 * The BibTeX key: first author's family name (or first word of a literal), year and first word of at least
 * four letters of the title, in ASCII ("doe2023photosynthesis"). When names and title hold no ASCII letters
 * (Chinese, Arabic...), "oer", the year and a hash of the item id. Stable: the same record gives the same key.
 */
export function citationKey(item: CslItem): string {
  const first = item.author?.[0];
  const author = asciiWord(first?.family ?? first?.literal?.split(' ')[0] ?? '');
  const year = String(dateParts(item.issued)?.year ?? '');
  const words = item.title.split(/\s+/).map(asciiWord);
  const word = words.find((w) => w.length >= 4) ?? words.find((w) => w !== '') ?? '';
  if (author === '' && word === '') return `oer${year}${shortHash(item.id)}`;
  return `${author}${year}${word}`.slice(0, 60);
}

const BIB_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function bibName(name: CslName): string {
  if (name.literal !== undefined) return `{${escapeLatex(name.literal)}}`;
  const family = escapeLatex([name['non-dropping-particle'], name.family].filter(Boolean).join(' '));
  return name.given === undefined ? family : `${family}, ${escapeLatex(name.given)}`;
}

function isoDate(date: PartialDate | null): string | null {
  if (date === null) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (date.month === undefined) return String(date.year);
  return date.day === undefined
    ? `${date.year}-${pad(date.month)}`
    : `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** A BibTeX entry: @book for books, @misc otherwise, with url, urldate, doi, isbn and language. */
export function bibtex(item: CslItem): string {
  const issued = dateParts(item.issued);
  const site = siteName(item);
  const fields: [string, string][] = [];
  if (item.author !== undefined && item.author.length > 0) {
    fields.push(['author', `{${item.author.map(bibName).join(' and ')}}`]);
  }
  // Double braces keep the title's capitals as written.
  fields.push(['title', `{{${escapeLatex(item.title)}}}`]);
  if (issued !== null) {
    fields.push(['year', `{${issued.year}}`]);
    if (issued.month !== undefined) fields.push(['month', BIB_MONTHS[issued.month - 1] ?? '']);
  }
  if (site !== null)
    fields.push([item.type === 'book' ? 'publisher' : 'howpublished', `{${escapeLatex(site)}}`]);
  if (item.URL !== undefined) fields.push(['url', `{${bibUrl(item.URL)}}`]);
  const accessed = isoDate(dateParts(item.accessed));
  if (accessed !== null && item.URL !== undefined) fields.push(['urldate', `{${accessed}}`]);
  if (item.DOI !== undefined) fields.push(['doi', `{${bibUrl(item.DOI)}}`]);
  if (item.ISBN !== undefined) fields.push(['isbn', `{${escapeLatex(item.ISBN)}}`]);
  if (item.language !== undefined) fields.push(['language', `{${escapeLatex(item.language)}}`]);
  const body = fields.map(([name, value]) => `  ${name} = ${value}`).join(',\n');
  return `@${item.type === 'book' ? 'book' : 'misc'}{${citationKey(item)},\n${body}\n}\n`;
}

// ---- RIS -------------------------------------------------------------------------------------------------

const RIS_TYPES: Readonly<Record<CslType, string>> = {
  webpage: 'ELEC',
  book: 'BOOK',
  motion_picture: 'VIDEO',
  song: 'SOUND',
  dataset: 'DATA',
  software: 'COMP',
  graphic: 'ART',
  map: 'MAP',
  musical_score: 'MUSIC',
};

function risDate(date: PartialDate | null): string | null {
  if (date === null) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (date.month === undefined) return `${date.year}`;
  return date.day === undefined
    ? `${date.year}/${pad(date.month)}`
    : `${date.year}/${pad(date.month)}/${pad(date.day)}`;
}

/** An RIS record: "TAG  - value" lines ending with "ER  - "; every value is one line. */
export function ris(item: CslItem): string {
  const lines: string[] = [];
  const add = (tag: string, value: string | null | undefined): void => {
    if (value === null || value === undefined) return;
    const clean = oneLine(value);
    if (clean !== '') lines.push(`${tag}  - ${clean}`);
  };
  add('TY', RIS_TYPES[item.type]);
  add('TI', item.title);
  for (const name of item.author ?? []) {
    if (name.literal !== undefined) add('AU', name.literal);
    else {
      const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
      add('AU', name.given === undefined ? family : `${family}, ${name.given}`);
    }
  }
  const issued = dateParts(item.issued);
  add('PY', issued === null ? null : String(issued.year));
  add('DA', risDate(issued));
  add('PB', siteName(item));
  add('UR', item.URL);
  add('DO', item.DOI);
  add('SN', item.ISBN);
  add('LA', item.language);
  add('Y2', risDate(dateParts(item.accessed)));
  lines.push('ER  - ');
  return `${lines.join('\n')}\n`;
}
