// What duplicate detection reads from a record, computed once per record object and cached (WeakMap, so a
// record that is no longer used takes its features with it): folded title parts and their tokens, number
// designators, fingerprints, description token sets, languages, strong keys, language families of
// addresses, links to other works, "translated from"/"adapted from" statements, and creator name tokens.
// The part comparePair reads (PairFeatures) is also stored beside each record (stored-features.ts), so that
// grouping reads it back instead of the whole record.
// Pure apart from the cache; no I/O.
import type { AgentValue, ResourceRecord } from '../domain/profile.js';
import { addressIdentifierKey, identifierKeys, nameTokens, urlKey } from './keys.js';
import {
  designatorAt,
  fold,
  hanDesignators,
  hashedSet,
  GENERIC_WORDS,
  isUnspacedToken,
  SERIES_WORDS,
  STOPWORDS,
  tokens,
} from './text.js';

/** One title value, folded and split into its main part and subtitle. */
export interface TitleFeatures {
  /** Content tokens (function words left out, numbers as their designators) of the whole title. */
  readonly content: ReadonlySet<string>;
  /** Content tokens of the part before the first separator (":", " - ", ". ", "(")... */
  readonly main: ReadonlySet<string>;
  /** ...and of the rest; null when the title has one part. */
  readonly sub: ReadonlySet<string> | null;
  /** Sorted designators joined by spaces ("1 m2 1924"); "" when the title has none. */
  readonly numbers: string;
  /** Content tokens that are neither generic words nor designators (bigrams count half). */
  readonly informative: number;
  /** Sorted unique content tokens: the title's fingerprint for blocking. */
  readonly fingerprint: string;
  /** Fingerprint of the main part when there is a subtitle. */
  readonly mainFingerprint: string | null;
  readonly mainInformative: number;
  /** Designators of the main part only (see `numbers`). */
  readonly mainNumbers: string;
  /** The subtitle designates a part ("Part 2", "(2019)", "Chapter III: ..."), not a topic. */
  readonly subDesignation: boolean;
  /** The folded title without spaces and punctuation, for typo-tolerant comparison. */
  readonly compact: string;
  /** The same for the main part. */
  readonly mainCompact: string;
}

/** One description: its content tokens (as sorted 32-bit hashes) and the number tokens among them. */
export interface DescriptionFeatures {
  readonly content: Uint32Array;
  readonly numbers: readonly string[];
}

/** A statement that the resource was translated or adapted from a named work. */
export interface DerivationStatement {
  readonly kind: 'translation' | 'adaptation';
  /** Tokens of the text that follows the statement (where the source work is named). */
  readonly tokens: ReadonlySet<string>;
  /** The quoted or leading title of the named work, for a blocking key; null when none stands out. */
  readonly title: string | null;
  /** Name tokens of the creator named after that title ("... by Tim Carter"), for a blocking key; or null. */
  readonly creator: readonly string[] | null;
}

/** A link to another work (translationOfWork, workTranslation, isBasedOn). */
export interface LinkFeatures {
  readonly kind: 'translationOf' | 'hasTranslation' | 'basedOn';
  readonly keys: readonly string[];
  readonly title: TitleFeatures | null;
}

// Title part separators: a colon, a spaced dash or bar, a full stop followed by a space, an opening
// bracket. The first one splits main title and subtitle.
// Brackets open a part after a space, or right after a character of a script written without spaces.
const PART_SEPARATOR = /\s*(?::|\s[-–—|/]\s|\.\s|;\s|\s[([]|(?<=[\u3040-\u9fff\uac00-\ud7af])[([])\s*/u;
const ALL_SEPARATORS =
  /\s*(?::|\s[-–—|/]\s|\.\s|;\s|\s[([]|(?<=[\u3040-\u9fff\uac00-\ud7af])[([]|[)\]]|,\s)\s*/gu;

function contentOf(list: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of list) if (!STOPWORDS.has(t)) out.add(t);
  return out;
}

/** Content tokens that are neither generic words nor designators (tokens of unspaced scripts count half). */
export function informativeCount(
  content: ReadonlySet<string>,
  designatorValues: ReadonlySet<string>,
): number {
  let whole = 0;
  let half = 0;
  for (const t of content) {
    if (GENERIC_WORDS.has(t) || designatorValues.has(t)) continue;
    if (isUnspacedToken(t)) half++;
    else if (t.length >= 2) whole++;
  }
  return whole + Math.ceil(half / 2);
}

/** Sorted unique content tokens joined by spaces. */
export function fingerprintOf(content: ReadonlySet<string>): string {
  return [...content].sort().join(' ');
}

/** Features of one title string. */
export function titleFeatures(raw: string): TitleFeatures {
  const folded = fold(raw);
  // Tokens part by part, remembering which token closes each part (a roman "I" closing a part is a number)
  // and how many tokens stand before the first main-title separator.
  const cut = PART_SEPARATOR.exec(folded);
  const cutAt = cut === null || cut.index === 0 ? -1 : cut.index;
  const list: string[] = [];
  const partEnds = new Set<number>();
  let mainTokens = -1;
  let start = 0;
  ALL_SEPARATORS.lastIndex = 0;
  for (;;) {
    const m = ALL_SEPARATORS.exec(folded);
    const end = m === null ? folded.length : m.index;
    if (cutAt >= 0 && mainTokens < 0 && start >= cutAt) mainTokens = list.length;
    const before = list.length;
    if (end > start) tokens(folded.slice(start, end), list);
    if (list.length > before) partEnds.add(list.length - 1);
    if (m === null) break;
    start = m.index + m[0].length;
    if (m[0].length === 0) ALL_SEPARATORS.lastIndex++;
  }
  const normalized: string[] = [];
  const designatorValues = new Set<string>();
  const numbers: string[] = [];
  const isDesignator: boolean[] = [];
  for (let i = 0; i < list.length; i++) {
    const d = designatorAt(list, i, partEnds);
    isDesignator.push(d !== null);
    if (d === null) normalized.push(list[i] ?? '');
    else {
      normalized.push(d);
      numbers.push(d);
      designatorValues.add(d);
    }
  }
  for (const d of hanDesignators(folded)) {
    numbers.push(d);
    designatorValues.add(d);
  }
  const content = contentOf(normalized);
  // Main part and subtitle, split at the first separator.
  let main: Set<string> = content;
  let sub: Set<string> | null = null;
  let mainCount = normalized.length;
  if (mainTokens > 0 && mainTokens < normalized.length) {
    main = contentOf(normalized.slice(0, mainTokens));
    sub = contentOf(normalized.slice(mainTokens));
    mainCount = mainTokens;
    if (sub.size === 0 || main.size === 0) {
      main = content;
      sub = null;
      mainCount = normalized.length;
    }
  }
  // A subtitle designates a part when it is short and numbered ("Part 2", "(2019)") or names a part
  // with a series word and its number ("Chapter 3: Cells").
  let subDesignation = false;
  if (sub !== null) {
    let designated = false;
    for (let i = mainCount; i < list.length; i++) {
      if (isDesignator[i] === true && (i === mainCount || SERIES_WORDS.has(list[i - 1] ?? '')))
        designated = true;
    }
    const subCount = list.length - mainCount;
    subDesignation =
      designated ||
      (subCount <= 3 && isDesignator.slice(mainCount).some((d) => d)) ||
      (cutAt >= 0 && hanDesignators(folded.slice(cutAt)).length > 0);
  }
  return {
    content,
    main,
    sub,
    numbers: [...numbers].sort().join(' '),
    informative: informativeCount(content, designatorValues),
    fingerprint: fingerprintOf(content),
    mainFingerprint: sub === null ? null : fingerprintOf(main),
    mainInformative: sub === null ? 0 : informativeCount(main, designatorValues),
    mainNumbers:
      sub === null
        ? [...numbers].sort().join(' ')
        : [
            ...normalized.slice(0, mainCount).filter((_t, i) => isDesignator[i] === true),
            ...hanDesignators(folded.slice(0, Math.max(cutAt, 0))),
          ]
            .sort()
            .join(' '),
    subDesignation,
    compact: normalized.join(''),
    mainCompact: normalized.slice(0, mainCount).join(''),
  };
}

const DIGIT = /\d/;
const TAGS = /<[^>]{0,200}>/g;
const ENTITIES = /&(?:nbsp|amp|quot|lt|gt|#\d+|#x[0-9a-f]+);/gi;
const DESCRIPTION_CHARS = 1000;
// Words that open a description without saying anything about the resource ("Abstract: ...").
const DESCRIPTION_OPENERS = new Set([
  'abstract',
  'summary',
  'resumo',
  'resumen',
  'resume',
  'zusammenfassung',
]);

// A text that ends without closing punctuation, or with "...", was probably cut by a repository: its last
// word may be a half-word.
const COMPLETE_END = /[.!?。！？"”»)\]]\s*$/u;
const ELLIPSIS_END = /(?:\.\.\.|…)\s*$/u;

function descriptionTokens(raw: string, chars: number): string[] {
  const text = raw.length > chars * 2 ? raw.slice(0, chars * 2) : raw;
  const plain =
    text.includes('<') || text.includes('&') ? text.replace(TAGS, ' ').replace(ENTITIES, ' ') : text;
  // Cut at a word boundary, so that a copy cut elsewhere does not end in a different half-word.
  const space = plain.lastIndexOf(' ', chars);
  const cut = plain.length <= chars ? plain : plain.slice(0, space > 0 ? space : chars);
  const list = tokens(fold(cut));
  if (cut === plain && list.length > 8 && (ELLIPSIS_END.test(plain) || !COMPLETE_END.test(plain))) list.pop();
  return list;
}

// Statements that a resource is a translation or an adaptation of a named work, in folded form.
const DERIVATION = new RegExp(
  '(?:^|[^\\p{L}])(' +
    [
      'translated from',
      'translation of',
      'traducido del?',
      'traduccion del?',
      'traduit de',
      'traduction de',
      'traduzido do?',
      'traducao de',
      'tradotto da',
      'traduzione di',
      'ubersetzt aus',
      'ubersetzung von',
      'vertaald uit',
      'vertaling van',
      'переведено с',
      'перевод с',
      'перевод',
      'مترجم عن',
      'ترجمة',
      '翻译自',
      '译自',
      'imetafsiriwa kutoka',
    ].join('|') +
    ')|(' +
    [
      'adapted from',
      'adaptation of',
      'remix of',
      'remixed from',
      'derived from',
      'modified from',
      'based on',
      'adaptado del?',
      'adaptacion del?',
      'adaptacao de',
      'basado en',
      'baseado em',
      'adapte de',
      'adaptation de',
      'dapres',
      'basiert auf',
      'bearbeitung von',
      'angepasst von',
      'gebaseerd op',
      'bewerking van',
      'адаптировано',
      'на основе',
      'مقتبس من',
      '改编自',
      'adattato da',
      'basato su',
    ].join('|') +
    ')',
  'gu',
);
const QUOTED = /^\s*[«"“”„'‘《]\s*([^"“”»«‘’《》]{3,200})/u;
/** A quoted title after up to three words ("adaptación del curso «...»", "remix of the "..." module"). */
const QUOTED_AFTER_WORDS = /^\s*(?:[\p{L}'’-]+\s+){1,3}[«"“„《‘]\s*([^"“”»«‘’《》]{3,200})/u;
/**
 * The source language some statements name before the title ("translated from English: ...", "traduit de
 * l'anglais (« ... »)", "مترجم عن الإنجليزية: «...»"), folded as fold() leaves it (apostrophes out, Arabic letters
 * unified): skipped, so that the title after it is read.
 */
const SOURCE_LANGUAGE = new RegExp(
  String.raw`^\s*(?:the\s+)?(?:` +
    [
      'english',
      'french',
      'spanish',
      'german',
      'portuguese',
      'italian',
      'dutch',
      'russian',
      'arabic',
      'chinese',
      '(?:de |du )?l?(?:anglais|espagnol|allemand|italien|arabe|francais|portugais|russe|chinois|neerlandais)',
      '(?:del |do |da )?(?:ingles|frances|aleman|portugues|italiano|arabe|chines|ruso|russo)',
      '(?:dall|dal |dallo )?(?:inglese|francese|tedesco|spagnolo|portoghese)',
      '(?:dem )?(?:englischen|franzosischen|spanischen|portugiesischen|italienischen|russischen)',
      '(?:het )?(?:engels|frans|duits|spaans)',
      'английского|французского|испанского|немецкого|английский',
      'الانجليزيه|الانكليزيه|الفرنسيه|الاسبانيه',
      '英语|英文|法语|西班牙语',
      'kiingereza|kifaransa',
    ].join('|') +
    // Only before punctuation or a quote: in "adapted from English Grammar in Use" the word starts the title.
    String.raw`)(?:\s+(?:language|original|originale))?\s*(?:[:(,–—-]\s*|(?=[«"“„《‘]))`,
  'u',
);
/** The words that put a creator after a named title ("... by Tim Carter", "de", "von", ...). */
const BY = '(?:by|de|por|par|von|van|от)';
const LEADING_TITLE = new RegExp(String.raw`^\s*([^.;,()\n]{3,200}?)(?:\s+${BY}\s|[.;,()\n]|$)`, 'u');
const BY_AT_END = new RegExp(String.raw`\s${BY}\s$`, 'u');
const BY_AT_START = new RegExp(String.raw`^\s*[»"“”'’》]?\s*${BY}\s+`, 'u');
/** A creator's name: up to four words, up to punctuation or a word that goes on ("with", "and", "under"...). */
const CREATOR_NAME =
  /^(\p{L}[\p{L}'’.-]*(?:\s+\p{L}[\p{L}'’.-]*){0,3}?)(?=\s+(?:with|and|under|for|et|pour|sous|y|con|para|bajo|und|mit|unter|e|com|sob|en|met|и|с)\s|\s*[.;,()\n]|\s*$)/u;

// A cheap first look at the raw text (not folded): most descriptions name no source work.
const DERIVATION_HINT =
  /translated from|translation of|tradu[cçzi]|bersetz|vertaal|vertaling|перев|ترجم|译自|翻译|tafsiri|adapted from|adaptation of|remix|derived from|modified from|based on|adaptad|adapta[cç]|adapt[ée] de|basado en|baseado em|d.apr[èe]s|basiert auf|bearbeitung|angepasst|gebaseerd op|bewerking|на основе|адаптир|مقتبس|改编|adattato|basato su/i;

function statementsOf(texts: readonly string[]): DerivationStatement[] {
  const out: DerivationStatement[] = [];
  for (const raw of texts) {
    // Such statements open or close a description: its first 1,500 and last 500 characters are read.
    const head = raw.length > 2000 ? raw.slice(0, 1500) : raw;
    let hint = DERIVATION_HINT.exec(head);
    let offset = 0;
    if (hint === null && raw.length > 2000) {
      offset = raw.length - 500;
      hint = DERIVATION_HINT.exec(raw.slice(offset));
    }
    if (hint === null) continue;
    // Fold only from a little before the first hint on.
    const from = Math.max(0, offset + hint.index - 30);
    const text = raw.slice(from, from + 1500);
    const folded = fold(text.includes('<') ? text.replace(TAGS, ' ') : text);
    for (const m of folded.matchAll(DERIVATION)) {
      const after = folded.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 240);
      const language = SOURCE_LANGUAGE.exec(after);
      const titled = language === null ? after : after.slice(language[0].length);
      const quoted = QUOTED.exec(titled) ?? QUOTED_AFTER_WORDS.exec(titled);
      const named = quoted ?? LEADING_TITLE.exec(titled);
      const leading = named?.[1] ?? null;
      // The creator follows the title: after a quoted title's closing quote, or after the "by" that ended a
      // leading title (a leading title that ended at punctuation names none).
      let creatorText: string | undefined;
      if (named !== null) {
        let rest = titled.slice(named.index + named[0].length);
        const by = quoted !== null ? BY_AT_START.exec(rest) : null;
        if (by !== null) rest = rest.slice(by[0].length);
        if (by !== null || (quoted === null && BY_AT_END.test(named[0])))
          creatorText = CREATOR_NAME.exec(rest)?.[1];
      }
      const creator = creatorText === undefined ? null : nameTokens(creatorText);
      out.push({
        kind: m[1] !== undefined ? 'translation' : 'adaptation',
        tokens: contentOf(tokens(after)),
        title: leading === null ? null : leading.trim(),
        creator: creator !== null && creator.some((t) => t.length >= 2) ? creator : null,
      });
      if (out.length >= 4) return out;
    }
  }
  return out;
}

// Names repositories write when they do not know the author ("s.n.", "Anonymous", "N/A"): no person.
const PLACEHOLDER_NAME =
  /^(?:s\.?\s*n\.?|n\.?\s*n\.?|n\/?a|anonym(?:ous|e)?|an[oô]nimo|unknown|desconhecido|desconocido|inconnu|unbekannt|none|not available|various|varios|v[aá]rios|author|autor|auteur|admin(?:istrator)?)$/i;

function agentTokens(list: readonly AgentValue[] | undefined): string[][] {
  if (list === undefined) return [];
  const out: string[][] = [];
  for (const agent of list.slice(0, 20)) {
    if (PLACEHOLDER_NAME.test(agent.name.trim())) continue;
    const t = nameTokens(agent.name);
    if (t.some((x) => x.length >= 2)) out.push(t);
  }
  return out;
}

function primaryLanguage(tag: string): string | null {
  const primary = tag.split('-')[0]?.toLowerCase() ?? '';
  return primary === '' || primary === 'und' || primary === 'mul' || primary === 'zxx' ? null : primary;
}

function addAddress(raw: string, strong: Set<string>, families: Map<string, string>): void {
  const key = urlKey(raw);
  if (key === null || key.siteRoot) return;
  strong.add(key.key);
  if (key.family !== null && key.marker !== null) families.set(key.family, key.marker);
  const identifier = addressIdentifierKey(raw);
  if (identifier !== null) strong.add(identifier);
}

function linkKeys(id: string | undefined): string[] {
  if (id === undefined) return [];
  const out: string[] = [];
  const key = urlKey(id);
  if (key !== null) {
    if (!key.siteRoot) out.push(key.key);
    const identifier = addressIdentifierKey(id);
    if (identifier !== null) out.push(identifier);
  } else identifierKeys({ kind: /^urn:/i.test(id) ? 'urn' : 'other', value: id }, out);
  return out;
}

function descriptionFeatures(record: ResourceRecord): DescriptionFeatures[] {
  const descriptions: DescriptionFeatures[] = [];
  const texts = record.description === undefined ? [] : Object.values(record.description);
  for (const value of texts.slice(0, 3)) {
    const words = contentOf(descriptionTokens(value, DESCRIPTION_CHARS));
    const numbers: string[] = [];
    for (const t of words) if (DIGIT.test(t)) numbers.push(t);
    descriptions.push({ content: hashedSet(words), numbers });
  }
  return descriptions;
}

/** The first four distinct content words of the first description (read from its first 300 characters). */
function descriptionHeadOf(record: ResourceRecord): string | null {
  const text = record.description === undefined ? undefined : Object.values(record.description)[0];
  if (text === undefined) return null;
  const first: string[] = [];
  for (const t of descriptionTokens(text, 300)) {
    if (STOPWORDS.has(t) || DESCRIPTION_OPENERS.has(t) || first.includes(t)) continue;
    first.push(t);
    if (first.length === 4) return first.join(' ');
  }
  return null;
}

/**
 * The features of one record. Titles, languages, keys and links are read at once (blocking needs them);
 * descriptions, statements and names only when a comparison gets that far.
 */
export class RecordFeatures {
  readonly titles: readonly TitleFeatures[];
  /** Primary language subtags of the record ("pt" for pt-BR); und/mul/zxx left out. */
  readonly languages: ReadonlySet<string>;
  /** DOI, ISBN, handle, URN and address keys of the record itself. */
  readonly strong: ReadonlySet<string>;
  /** Language-free families of the record's addresses, with the language each names. */
  readonly families: ReadonlyMap<string, string>;
  readonly links: readonly LinkFeatures[];
  readonly sourceId: string;
  readonly sourceRecordId: string;
  private readonly record: ResourceRecord;
  private described: DescriptionFeatures[] | null = null;
  private head: string | null | undefined = undefined;
  private derived: DerivationStatement[] | null = null;
  private people: { creators: string[][]; contributors: string[][]; creatorPeople: number } | null = null;

  constructor(record: ResourceRecord) {
    this.record = record;
    const seenTitles = new Set<string>();
    const titles: TitleFeatures[] = [];
    for (const value of Object.values(record.name)) {
      if (seenTitles.has(value) || titles.length >= 4) continue;
      seenTitles.add(value);
      titles.push(titleFeatures(value));
    }
    this.titles = titles;

    const languages = new Set<string>();
    for (const tag of record.inLanguage ?? []) {
      const primary = primaryLanguage(tag);
      if (primary !== null) languages.add(primary);
    }
    if (languages.size === 0) {
      for (const tag of Object.keys(record.name)) {
        const primary = primaryLanguage(tag);
        if (primary !== null) languages.add(primary);
      }
    }
    this.languages = languages;

    const strong = new Set<string>();
    const families = new Map<string, string>();
    if (record.url !== undefined) addAddress(record.url, strong, families);
    if (record.urlOriginal !== undefined) addAddress(record.urlOriginal, strong, families);
    if (/^https?:/i.test(record.id)) addAddress(record.id, strong, families);
    else for (const k of identifierKeys({ kind: 'urn', value: record.id })) strong.add(k);
    for (const id of (record.identifiers ?? []).slice(0, 30)) {
      if (id.kind === 'url') addAddress(id.value, strong, families);
      else for (const k of identifierKeys(id)) strong.add(k);
    }
    this.strong = strong;
    this.families = families;

    const links: LinkFeatures[] = [];
    const addLink = (
      kind: LinkFeatures['kind'],
      link: { id?: string | undefined; name?: string | undefined } | undefined,
    ): void => {
      if (link === undefined || links.length >= 20) return;
      links.push({
        kind,
        keys: linkKeys(link.id),
        title: link.name === undefined ? null : titleFeatures(link.name),
      });
    };
    addLink('translationOf', record.translationOfWork);
    for (const link of record.workTranslation ?? []) addLink('hasTranslation', link);
    for (const link of record.isBasedOn ?? []) addLink('basedOn', link);
    this.links = links;

    const provenance = record.provenance[0];
    this.sourceId = provenance?.sourceId ?? '';
    this.sourceRecordId = provenance?.sourceRecordId ?? '';
  }

  /** The descriptions (first 1,000 characters of each language's text, three at most). */
  get descriptions(): readonly DescriptionFeatures[] {
    this.described ??= descriptionFeatures(this.record);
    return this.described;
  }

  /** First four content words of the first description, for the keys of generic titles. */
  get descriptionHead(): string | null {
    if (this.head === undefined) this.head = descriptionHeadOf(this.record);
    return this.head;
  }

  /** "Translated from"/"adapted from" statements of the descriptions. */
  get statements(): readonly DerivationStatement[] {
    this.derived ??= statementsOf(
      this.record.description === undefined ? [] : Object.values(this.record.description).slice(0, 2),
    );
    return this.derived;
  }

  private get named(): { creators: string[][]; contributors: string[][]; creatorPeople: number } {
    this.people ??= {
      creators: agentTokens(this.record.creator),
      contributors: agentTokens(this.record.contributor),
      creatorPeople: (this.record.creator ?? []).filter(
        (a) => a.type === 'Person' && !PLACEHOLDER_NAME.test(a.name.trim()),
      ).length,
    };
    return this.people;
  }

  /** Name tokens of the first `count` creators that are no placeholders, without reading the others. */
  firstCreators(count: number): readonly (readonly string[])[] {
    if (this.people !== null) return this.people.creators.slice(0, count);
    const out: string[][] = [];
    for (const agent of (this.record.creator ?? []).slice(0, count + 2)) {
      if (out.length >= count) break;
      if (PLACEHOLDER_NAME.test(agent.name.trim())) continue;
      const t = nameTokens(agent.name);
      if (t.some((x) => x.length >= 2)) out.push(t);
    }
    return out;
  }

  /** Name tokens of the creators (placeholders such as "s.n." left out). */
  get creators(): readonly (readonly string[])[] {
    return this.named.creators;
  }

  get contributors(): readonly (readonly string[])[] {
    return this.named.contributors;
  }

  /** How many creators are people (the others are organisations). */
  get creatorPeople(): number {
    return this.named.creatorPeople;
  }
}

/**
 * What comparePair reads of a record: computed from it (RecordFeatures) or read back from the store
 * (stored-features.ts).
 */
export type PairFeatures = Pick<
  RecordFeatures,
  | 'titles'
  | 'languages'
  | 'strong'
  | 'families'
  | 'links'
  | 'sourceId'
  | 'sourceRecordId'
  | 'descriptions'
  | 'statements'
  | 'creators'
  | 'contributors'
  | 'creatorPeople'
>;

const cache = new WeakMap<ResourceRecord, RecordFeatures>();

/** The cached features of a record, if comparePair computed them already. */
export function cachedFeatures(record: ResourceRecord): RecordFeatures | undefined {
  return cache.get(record);
}

/** The features of a record (cached per record object). */
export function featuresOf(record: ResourceRecord): RecordFeatures {
  const cached = cache.get(record);
  if (cached !== undefined) return cached;
  const features = new RecordFeatures(record);
  cache.set(record, features);
  return features;
}
