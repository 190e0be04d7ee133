// Metadata quality of one normalized record, for repository managers: a set of weighted checks (is what
// people filter on there, is it valid, is the licence clear, is the language stated, is accessibility
// described, does the link work), a 0..100 score (the weighted share of the checks that passed) and, for each
// failing check, a fix saying what to fill where. The weights are in CHECK_TABLE below; the English text in
// messages.ts. Pure functions; never performs I/O.
import type { AgentValue, ConceptValue, LangMapValue, ResourceRecord } from '../domain/profile.js';
import { detectMetadataFormat, elementFor, type ElementKey, type MetadataFormat } from './format.js';
import {
  ELEMENT_JOINER,
  ELEMENTS,
  FIX_MESSAGES,
  IDENTIFIER_KIND_LABELS,
  renderMessage,
  STATUS_UNKNOWN,
  type FixCode,
  type FixSeverity,
} from './messages.js';
import {
  dateProblem,
  datesOutOfOrder,
  identifierValid,
  latestPlausibleMs,
  orcidValid,
  urlProblem,
  type DateProblem,
} from './validators.js';

// ---------------------------------------------------------------------------------------------------------
// Public shapes

/** The result of checking a record's landing page, when someone checked it. */
export interface LinkCheck {
  readonly status: 'alive' | 'dead' | 'redirected' | 'unchecked';
  readonly httpStatus?: number;
  readonly checkedAt?: string;
}

export interface QualityCheck {
  /** Stable code of the check (a key of CHECKS). */
  readonly code: string;
  readonly passed: boolean;
  readonly weight: number;
  /** The profile field the check is about. */
  readonly field: string;
}

export interface QualityFix {
  /** Stable code of the fix (a key of FIX_MESSAGES); translations are keyed by it. */
  readonly code: string;
  readonly field: string;
  readonly severity: FixSeverity;
  /** The English message, with its params filled in. */
  readonly message: string;
  /** The values the message names; always `element`, the element (or elements) to fill. */
  readonly params?: Record<string, string | number>;
}

export interface RecordQuality {
  /** 0..100, an integer: the weighted share of the counted checks that passed. */
  readonly score: number;
  /** The checks that counted for this record (a check that does not apply is left out). */
  readonly checks: readonly QualityCheck[];
  /** Errors first, then by the weight of their check. */
  readonly fixes: readonly QualityFix[];
  /** The metadata format the record came from, when the record shows it. */
  readonly format: MetadataFormat | null;
  /** The COVERAGE_FIELDS the record fills, for per-source coverage. */
  readonly filled: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------
// The checks and their weights

export type CheckCode =
  | 'title'
  | 'description'
  | 'language'
  | 'language_declared'
  | 'license'
  | 'license_recognised'
  | 'license_consistent'
  | 'license_open'
  | 'education_level'
  | 'subject'
  | 'resource_type'
  | 'accessibility'
  | 'captions'
  | 'creator'
  | 'date'
  | 'url'
  | 'url_valid'
  | 'dates_valid'
  | 'identifiers_valid'
  | 'link_alive'
  | 'keywords'
  | 'image'
  | 'file_format'
  | 'access_conditions';

export interface CheckSpec {
  readonly field: string;
  readonly weight: number;
  /** When the check counts; outside that, it is neither passed nor failed. */
  readonly counts: string;
  /** What passing means. */
  readonly passes: string;
}

/**
 * The weights. A check counted for every record weighs in on every score; a conditional one only where it
 * applies, so that a record is judged on what can be asked of it (captions only for audio and video,
 * licence clarity only once there is a licence statement). The fields people filter on weigh most; errors
 * that stop people from finding, opening or reusing a resource (no url, no licence, no language) most of all.
 * Total of the always-counted checks: 85.
 */
// prettier-ignore
const CHECK_TABLE: readonly (readonly [CheckCode, string, number, string, string])[] = [
  // code               field                   weight counts when            passes when
  // Completeness of what people search and filter on
  ['title',              'name',                 8,  'always',               'a title, not a file name, URL or placeholder'],
  ['description',        'description',          8,  'always',               '>= 80 characters (Han/kana/Hangul count 3), not the title again'],
  ['language',           'inLanguage',           8,  'always',               'a language other than "und"'],
  ['language_declared',  'inLanguage',           2,  'there is a language',  'stated by the source, not detected'],
  ['license',            'license',              10, 'always',               'a licence statement'],
  ['license_recognised', 'license',              4,  'there is a statement', 'a canonical licence URI (or all rights reserved)'],
  ['license_consistent', 'license',              3,  'there is a statement', 'no statements that contradict each other'],
  ['license_open',       'license',              3,  'it is recognised',     'group is not "restricted"'],
  ['education_level',    'educationalLevel',     7,  'always',               'an ISCED 2011 level'],
  ['subject',            'about',                7,  'always',               'an ISCED-F field or a subject concept'],
  ['resource_type',      'learningResourceType', 6,  'always',               'a type, not only generic DCMI ones'],
  ['accessibility',      'accessibility',        6,  'always',               'any accessMode(Sufficient)/Feature/Hazard/Control/API/Summary'],
  ['captions',           'caption',              4,  'video or audio',       'captions (video) or a transcript (audio)'],
  ['creator',            'creator',              5,  'always',               'a creator or a publisher'],
  ['date',               'datePublished',        4,  'always',               'a published, created or modified date'],
  ['url',                'url',                  10, 'always',               'a landing page address'],
  // Validity
  ['url_valid',          'url',                  5,  'there is an address',  'well-formed http(s) URL on a public host'],
  ['dates_valid',        'datePublished',        2,  'there is a date',      'calendar dates, not future/default, in order'],
  ['identifiers_valid',  'identifiers',          2,  'ids or ORCID iDs',     'each has its form and check digit'],
  ['link_alive',         'url',                  8,  'link was checked',     'alive or redirected'],
  // Helpful extras
  ['keywords',           'keywords',             2,  'always',               'keywords'],
  ['image',              'image',                1,  'always',               'a thumbnail'],
  ['file_format',        'encoding',             2,  'always',               'a media type'],
  ['access_conditions',  'isAccessibleForFree',  1,  'always',               'free of charge or login stated'],
];

export const CHECKS: Readonly<Record<CheckCode, CheckSpec>> = Object.fromEntries(
  CHECK_TABLE.map(([code, field, weight, counts, passes]) => [code, { field, weight, counts, passes }]),
) as Record<CheckCode, CheckSpec>;

// Check results are immutable: one passed and one failed instance per check, shared by every record.
const checkResults = (passed: boolean): Readonly<Record<CheckCode, QualityCheck>> =>
  Object.fromEntries(
    CHECK_TABLE.map(([code, field, weight]) => [code, Object.freeze({ code, passed, weight, field })]),
  ) as Record<CheckCode, QualityCheck>;
const PASSED = checkResults(true);
const FAILED = checkResults(false);

/** The check each fix belongs to (its weight orders fixes of the same severity). */
export const FIX_CHECK: Readonly<Record<FixCode, CheckCode>> = {
  title_uninformative: 'title',
  description_missing: 'description',
  description_short: 'description',
  description_repeats_title: 'description',
  language_missing: 'language',
  language_detected: 'language_declared',
  license_missing: 'license',
  license_unrecognised: 'license_recognised',
  license_conflict: 'license_consistent',
  license_not_open: 'license_open',
  education_level_missing: 'education_level',
  education_level_unmapped: 'education_level',
  subject_missing: 'subject',
  subject_keywords_only: 'subject',
  resource_type_missing: 'resource_type',
  resource_type_generic: 'resource_type',
  accessibility_missing: 'accessibility',
  captions_missing: 'captions',
  transcript_missing: 'captions',
  creator_missing: 'creator',
  date_missing: 'date',
  url_missing: 'url',
  url_invalid: 'url_valid',
  url_not_public: 'url_valid',
  date_invalid: 'dates_valid',
  date_future: 'dates_valid',
  date_too_early: 'dates_valid',
  date_placeholder: 'dates_valid',
  date_order: 'dates_valid',
  identifier_invalid: 'identifiers_valid',
  link_dead: 'link_alive',
  link_redirected: 'link_alive',
  keywords_missing: 'keywords',
  image_missing: 'image',
  file_format_missing: 'file_format',
  access_conditions_missing: 'access_conditions',
};

/** The profile fields whose fill rate a source report shows. */
export const COVERAGE_FIELDS = [
  'name',
  'description',
  'keywords',
  'url',
  'identifiers',
  'inLanguage',
  'license',
  'iscedLevels',
  'iscedFields',
  'about',
  'educationalLevel',
  'learningResourceType',
  'accessMode',
  'accessModeSufficient',
  'accessibilityFeature',
  'accessibilityHazard',
  'accessibilitySummary',
  'caption',
  'creator',
  'publisher',
  'dateCreated',
  'datePublished',
  'dateModified',
  'image',
  'encoding',
  'isAccessibleForFree',
  'requiresLogin',
] as const;

/** Errors first, then warnings, then hints. */
export const SEVERITY_RANK: Readonly<Record<FixSeverity, number>> = { error: 0, warning: 1, info: 2 };
const FIX_ORDER = new Map<string, number>(Object.keys(FIX_MESSAGES).map((code, i) => [code, i]));

/** The weight of the check a fix belongs to; 0 for a code this version does not know. */
export function fixWeight(code: string): number {
  const check = Object.hasOwn(FIX_CHECK, code) ? FIX_CHECK[code as FixCode] : undefined;
  return check === undefined ? 0 : CHECKS[check].weight;
}

/** The position of a fix code in the message table (the last tie-breaker of every fix ordering). */
export function fixOrder(code: string): number {
  return FIX_ORDER.get(code) ?? FIX_ORDER.size;
}

/** Sort key of a fix: severity, then the weight of its check (heavier first), then table order. */
export function fixRank(code: string, severity: FixSeverity): number {
  return SEVERITY_RANK[severity] * 10_000 + (99 - Math.min(fixWeight(code), 99)) * 100 + fixOrder(code);
}

const FIX_RANK = new Map<string, number>(
  Object.entries(FIX_MESSAGES).map(([code, entry]) => [code, fixRank(code, entry.severity)]),
);

// The element names of every key for each format (and for an unknown one), rendered once.
const FORMATS: readonly (MetadataFormat | null)[] = ['dc', 'lom', 'schema', 'csv', null];
const ELEMENT_TEXT = new Map<MetadataFormat | null, ReadonlyMap<ElementKey, string>>(
  FORMATS.map((format) => [
    format,
    new Map(
      (Object.keys(ELEMENTS) as ElementKey[]).map((key) => [key, elementFor(key, format, ELEMENT_JOINER)]),
    ),
  ]),
);
// Messages whose only param is their own element, rendered once per format.
const PLAIN_MESSAGES = new Map<MetadataFormat | null, ReadonlyMap<string, string>>(
  FORMATS.map((format) => [
    format,
    new Map(
      Object.entries(FIX_MESSAGES).map(([code, entry]) => [
        code,
        renderMessage(entry.record, { element: ELEMENT_TEXT.get(format)?.get(entry.element) ?? '' }),
      ]),
    ),
  ]),
);

// ---------------------------------------------------------------------------------------------------------
// Value tests

const MAX_PARAM = 120;
/** A description shorter than this (in characters; Han, kana and Hangul count 3) says too little. */
export const MIN_DESCRIPTION = 80;

function clip(value: string): string {
  const one = value.replace(/\s+/g, ' ').trim();
  return one.length <= MAX_PARAM ? one : `${one.slice(0, MAX_PARAM - 1)}…`;
}

function texts(map: LangMapValue | undefined): string[] {
  return map === undefined ? [] : Object.values(map);
}

const URL_TITLE = /^(?:https?:\/\/|www\.)\S+$/i;
const FILE_TITLE =
  /\.(?:pdf|docx?|odt|rtf|txt|pptx?|odp|key|xlsx?|ods|csv|html?|php|aspx?|jpe?g|png|gif|svg|webp|tiff?|mp[34]|m4[av]|mov|avi|wmv|webm|ogg|wav|flac|zip|rar|7z|gz|h5p|epub|xml|json|imscc|ggb|sb3|ipynb)$/i;
// Phrases systems and people put where a title should be, in the languages of our sources.
const PLACEHOLDER_TITLE = new RegExp(
  '^(?:' +
    [
      'untitled(?: document| resource)?',
      'unnamed',
      'no title',
      'without title',
      'title',
      'new (?:document|resource|item)',
      'document',
      'test',
      'dummy',
      'tbd',
      'todo',
      'n ?a',
      'none',
      'null',
      'undefined',
      'unknown',
      'sans titre',
      'sans nom',
      'titre',
      'nouveau document',
      'sin t[ií]tulo',
      'sem t[ií]tulo',
      'sem nome',
      't[ií]tulo',
      'documento(?: nuevo| novo)?',
      'senza titolo',
      'titolo',
      'ohne titel',
      'unbenannt',
      'titel',
      'neues dokument',
      'dokument',
      'zonder titel',
      'naamloos',
      'bez tytułu',
      'без названия',
      'без имени',
      'без заголовка',
      'название',
      'بدون عنوان',
      'عنوان',
      '无标题',
      '未命名',
      '無題',
      '無標題',
      '제목 없음',
      'haina kichwa',
    ].join('|') +
    ')(?: ?\\d+)?$',
  'u',
);
const LETTER = /\p{L}/u;
const TWO_LETTERS_OR_DIGITS = /[\p{L}\p{N}][^]*[\p{L}\p{N}]/u;
const MAX_PLACEHOLDER = 25;
const NOT_BLANK = /\S/;
const FOLD_SEPARATORS = /[\s\p{P}\p{S}]+/gu;

function fold(text: string): string {
  return text.toLowerCase().replace(FOLD_SEPARATORS, ' ').trim();
}

function titleInformative(title: string): boolean {
  const t = title.trim();
  if (!LETTER.test(t) || !TWO_LETTERS_OR_DIGITS.test(t) || URL_TITLE.test(t) || FILE_TITLE.test(t))
    return false;
  // Placeholders are short; a long title is no placeholder.
  return t.length > MAX_PLACEHOLDER || !PLACEHOLDER_TITLE.test(fold(t));
}

/** Text units of `text` up to `cap`: characters that are not white space, Han, kana and Hangul counting 3. */
function textUnits(text: string, cap: number): number {
  let units = 0;
  for (let i = 0; i < text.length && units < cap; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 0xa0 || c === 0x3000) continue;
    if (
      (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xac00 && c <= 0xd7af) ||
      (c >= 0xf900 && c <= 0xfaff)
    )
      units += 3;
    else units += 1;
  }
  return units;
}

function conceptLabel(concept: ConceptValue): string {
  if (concept.prefLabel !== undefined) {
    for (const label of Object.values(concept.prefLabel)) return label;
  }
  const id = concept.id;
  const tail = id.startsWith('urn:oer-atlas:vocab:') ? id.slice(id.lastIndexOf(':') + 1) : id;
  try {
    return decodeURIComponent(tail);
  } catch {
    return tail;
  }
}

const DCMI_TYPES = 'http://purl.org/dc/dcmitype/';
const VIDEO_TYPES = /^(?:VideoObject|Movie|Clip|VideoGallery|Episode|TVEpisode)$/;
const AUDIO_TYPES = /^(?:AudioObject|PodcastEpisode|MusicRecording|Audiobook|RadioEpisode)$/;
const VIDEO_WORDS =
  /\b(?:videos?|vidéos?|vídeos?|filme?s?|movies?|movingimage|screencasts?|video ?lectures?|videotutorial)\b|видео|فيديو|视频|視頻|動画|비디오/i;
const AUDIO_WORDS =
  /\b(?:audio|áudio|podcasts?|sound|hörbuch|audiobooks?|hörspiel)\b|аудио|صوت|音频|音声|오디오/i;
const VIDEO_HOSTS =
  /^https?:\/\/(?:[^/?#]*\.)?(?:youtube\.com|youtu\.be|vimeo\.com|dailymotion\.com)(?:[/?#:]|$)/i;
const AUDIO_HOSTS = /^https?:\/\/(?:[^/?#]*\.)?(?:soundcloud\.com)(?:[/?#:]|$)/i;
const CAPTION_FEATURES = new Set(['captions', 'closedcaptions', 'opencaptions', 'subtitles']);
const TRANSCRIPT_FEATURES = new Set([
  'transcript',
  'captions',
  'closedcaptions',
  'opencaptions',
  'subtitles',
]);

/** Whether the resource is a video or an audio resource (video wins when both). */
function mediaKind(record: RecordView): 'video' | 'audio' | null {
  let audio = false;
  for (const t of record.type) {
    if (VIDEO_TYPES.test(t)) return 'video';
    if (AUDIO_TYPES.test(t)) audio = true;
  }
  for (const e of record.encoding ?? []) {
    const format = e.encodingFormat ?? '';
    if (format.startsWith('video/')) return 'video';
    if (format.startsWith('audio/')) audio = true;
    const link = e.contentUrl ?? e.embedUrl ?? '';
    if (VIDEO_HOSTS.test(link)) return 'video';
    if (AUDIO_HOSTS.test(link)) audio = true;
  }
  for (const c of record.learningResourceType ?? []) {
    const words = c.prefLabel === undefined ? c.id : `${c.id} ${Object.values(c.prefLabel).join(' ')}`;
    if (VIDEO_WORDS.test(words)) return 'video';
    if (AUDIO_WORDS.test(words)) audio = true;
  }
  const url = record.url ?? '';
  if (VIDEO_HOSTS.test(url)) return 'video';
  if (AUDIO_HOSTS.test(url)) audio = true;
  return audio ? 'audio' : null;
}

function hasFeature(features: readonly string[] | undefined, wanted: ReadonlySet<string>): boolean {
  if (features === undefined) return false;
  for (const f of features) if (wanted.has(f.toLowerCase().replace(/[^a-z]/g, ''))) return true;
  return false;
}

function nonEmpty(list: readonly unknown[] | undefined): boolean {
  return list !== undefined && list.length > 0;
}

function hasKeywords(record: RecordView): boolean {
  if (record.keywords === undefined) return false;
  for (const list of Object.values(record.keywords)) if (list.length > 0) return true;
  return false;
}

const DATE_FIELDS = ['datePublished', 'dateCreated', 'dateModified'] as const;
const DATE_ELEMENTS: Readonly<Record<(typeof DATE_FIELDS)[number], ElementKey>> = {
  datePublished: 'date',
  dateCreated: 'dateCreated',
  dateModified: 'dateModified',
};
const DATE_FIXES: Readonly<Record<DateProblem, FixCode>> = {
  invalid: 'date_invalid',
  future: 'date_future',
  too_early: 'date_too_early',
  placeholder: 'date_placeholder',
};

// ---------------------------------------------------------------------------------------------------------
// Assessment

interface PendingFix {
  readonly rank: number;
  readonly fix: QualityFix;
}

/** Collects the checks and fixes of one record. */
class Assessment {
  readonly checks: QualityCheck[] = [];
  readonly fixes: PendingFix[] = [];
  passedWeight = 0;
  totalWeight = 0;

  constructor(private readonly format: MetadataFormat | null) {}

  check(code: CheckCode, passed: boolean): boolean {
    const result = (passed ? PASSED : FAILED)[code];
    this.checks.push(result);
    this.totalWeight += result.weight;
    if (passed) this.passedWeight += result.weight;
    return passed;
  }

  fix(
    code: FixCode,
    params?: Record<string, string | number>,
    overrides?: { field?: string; element?: ElementKey },
  ): void {
    const entry = FIX_MESSAGES[code];
    const element = ELEMENT_TEXT.get(this.format)?.get(overrides?.element ?? entry.element) ?? '';
    const all = params ?? {};
    all.element = element;
    const message =
      params === undefined && overrides?.element === undefined
        ? (PLAIN_MESSAGES.get(this.format)?.get(code) ?? renderMessage(entry.record, all))
        : renderMessage(entry.record, all);
    this.fixes.push({
      rank: FIX_RANK.get(code) ?? 0,
      fix: {
        code,
        field: overrides?.field ?? CHECKS[FIX_CHECK[code]].field,
        severity: entry.severity,
        message,
        params: all,
      },
    });
  }
}

function assessTitle(a: Assessment, record: RecordView): void {
  const titles = texts(record.name);
  if (a.check('title', titles.some(titleInformative))) return;
  a.fix('title_uninformative', { title: clip(titles[0] ?? '') });
}

function assessDescription(a: Assessment, record: RecordView): void {
  const descriptions = texts(record.description).filter((d) => NOT_BLANK.test(d));
  if (descriptions.length === 0) {
    a.check('description', false);
    a.fix('description_missing');
    return;
  }
  const titles = texts(record.name);
  let repeats = true;
  let best = 0;
  let longest = 0;
  for (const d of descriptions) {
    best = Math.max(best, textUnits(d, MIN_DESCRIPTION));
    longest = Math.max(longest, d.length);
    if (repeats) {
      const similar = titles.filter((t) => t.length + 10 >= d.length && d.length + 10 >= t.length);
      const folded = similar.length === 0 ? null : fold(d);
      repeats = folded !== null && similar.some((t) => fold(t) === folded);
    }
  }
  if (repeats) {
    a.check('description', false);
    a.fix('description_repeats_title');
  } else if (!a.check('description', best >= MIN_DESCRIPTION)) {
    a.fix('description_short', { length: longest, min: MIN_DESCRIPTION });
  }
}

function assessLanguage(a: Assessment, record: RecordView): void {
  const tags = (record.inLanguage ?? []).filter((t) => t !== 'und');
  if (!a.check('language', tags.length > 0)) {
    a.fix('language_missing');
    return;
  }
  // A language without a stated origin came from the source (mappers only ever declare).
  if (!a.check('language_declared', record.inLanguageOrigin !== 'detected')) {
    a.fix('language_detected', { language: tags.join(', ') });
  }
}

function assessLicense(a: Assessment, record: RecordView): void {
  const license = record.license;
  const statements = license?.original ?? [];
  const present =
    license !== undefined &&
    (license.group !== 'unknown' || license.id !== undefined || statements.length > 0);
  if (!a.check('license', present) || license === undefined) {
    a.fix('license_missing');
    return;
  }
  const recognised =
    license.group !== 'unknown' && (license.id !== undefined || license.group === 'restricted');
  if (!a.check('license_recognised', recognised)) {
    a.fix('license_unrecognised', { statement: clip(statements[0] ?? license.id ?? '') });
  }
  if (!a.check('license_consistent', license.conflict !== true)) {
    a.fix('license_conflict', { statements: clip(statements.slice(0, 4).join(' | ')) });
  }
  if (recognised && !a.check('license_open', license.group !== 'restricted')) {
    a.fix('license_not_open', license.id === undefined ? undefined : { license: license.id });
  }
}

function assessClassification(a: Assessment, record: RecordView): void {
  if (!a.check('education_level', nonEmpty(record.iscedLevels))) {
    const given = record.educationalLevel?.[0];
    if (given !== undefined) a.fix('education_level_unmapped', { value: clip(conceptLabel(given)) });
    else a.fix('education_level_missing');
  }
  if (!a.check('subject', nonEmpty(record.iscedFields) || nonEmpty(record.about))) {
    a.fix(hasKeywords(record) ? 'subject_keywords_only' : 'subject_missing');
  }
  const types = record.learningResourceType ?? [];
  if (types.length === 0) {
    a.check('resource_type', false);
    a.fix('resource_type_missing');
  } else if (!a.check('resource_type', !types.every((c) => c.id.startsWith(DCMI_TYPES)))) {
    a.fix('resource_type_generic', { value: types[0]?.id.slice(DCMI_TYPES.length) ?? '' });
  }
}

function assessAccessibility(a: Assessment, record: RecordView): void {
  const described =
    nonEmpty(record.accessMode) ||
    nonEmpty(record.accessModeSufficient) ||
    nonEmpty(record.accessibilityFeature) ||
    nonEmpty(record.accessibilityHazard) ||
    nonEmpty(record.accessibilityControl) ||
    nonEmpty(record.accessibilityAPI) ||
    record.accessibilitySummary !== undefined;
  if (!a.check('accessibility', described)) a.fix('accessibility_missing');
  const media = mediaKind(record);
  if (media === null) return;
  const captioned =
    nonEmpty(record.caption) ||
    hasFeature(record.accessibilityFeature, media === 'video' ? CAPTION_FEATURES : TRANSCRIPT_FEATURES);
  if (!a.check('captions', captioned)) a.fix(media === 'video' ? 'captions_missing' : 'transcript_missing');
}

function assessPeopleAndDates(a: Assessment, record: RecordView): void {
  if (!a.check('creator', nonEmpty(record.creator) || nonEmpty(record.publisher))) a.fix('creator_missing');
  const dated = DATE_FIELDS.some((f) => record[f] !== undefined);
  if (!a.check('date', dated)) {
    a.fix('date_missing');
    return;
  }
  const latest = latestPlausibleMs(record.provenance.map((p) => p.harvestedAt));
  const seen = new Set<FixCode>();
  let valid = true;
  for (const field of DATE_FIELDS) {
    const value = record[field];
    if (value === undefined) continue;
    const problem = dateProblem(value, latest);
    if (problem === null) continue;
    valid = false;
    const code = DATE_FIXES[problem];
    if (seen.has(code)) continue;
    seen.add(code);
    const params: Record<string, string | number> = { value: clip(value), field };
    if (problem === 'future') params.harvested = new Date(latest - 86_400_000).toISOString().slice(0, 10);
    a.fix(code, params, { field, element: DATE_ELEMENTS[field] });
  }
  const created = record.dateCreated;
  const modified = record.dateModified;
  if (created !== undefined && modified !== undefined && valid && datesOutOfOrder(created, modified)) {
    valid = false;
    a.fix('date_order', { created: clip(created), modified: clip(modified) }, { field: 'dateModified' });
  }
  a.check('dates_valid', valid);
}

function assessUrl(a: Assessment, record: RecordView, link: LinkCheck | undefined): void {
  const address = record.url ?? record.urlOriginal;
  if (address === undefined) {
    a.check('url', false);
    a.fix('url_missing');
  } else {
    a.check('url', true);
    // A url the normalization step refused is gone from `url` and kept in `urlOriginal`.
    const problem = record.url === undefined ? (urlProblem(address) ?? 'invalid') : urlProblem(address);
    if (!a.check('url_valid', problem === null)) {
      a.fix(problem === 'not_public' ? 'url_not_public' : 'url_invalid', { value: clip(address) });
    }
  }
  if (link === undefined || link.status === 'unchecked') return;
  const url = clip(address ?? '');
  if (!a.check('link_alive', link.status !== 'dead')) {
    const params: Record<string, string | number> = {
      url,
      status: link.httpStatus === undefined ? STATUS_UNKNOWN : `HTTP ${link.httpStatus}`,
    };
    if (link.httpStatus !== undefined) params.httpStatus = link.httpStatus;
    if (link.checkedAt !== undefined) params.checkedAt = link.checkedAt;
    a.fix('link_dead', params);
  } else if (link.status === 'redirected') {
    a.fix('link_redirected', { url });
  }
}

function agentsWithOrcid(record: RecordView): AgentValue[] {
  const out: AgentValue[] = [];
  for (const list of [record.creator, record.contributor, record.publisher]) {
    if (list !== undefined) for (const agent of list) if (agent.orcid !== undefined) out.push(agent);
  }
  return out;
}

function assessIdentifiers(a: Assessment, record: RecordView): void {
  const identifiers = record.identifiers ?? [];
  const agents = agentsWithOrcid(record);
  if (identifiers.length === 0 && agents.length === 0) return;
  for (const id of identifiers) {
    if (!identifierValid(id.kind, id.value)) {
      a.check('identifiers_valid', false);
      a.fix('identifier_invalid', {
        kind: IDENTIFIER_KIND_LABELS[id.kind] ?? id.kind,
        value: clip(id.value),
      });
      return;
    }
  }
  for (const agent of agents) {
    const orcid = agent.orcid ?? '';
    if (!orcidValid(orcid)) {
      a.check('identifiers_valid', false);
      a.fix(
        'identifier_invalid',
        { kind: IDENTIFIER_KIND_LABELS.orcid ?? 'ORCID', value: clip(orcid), name: clip(agent.name) },
        { field: 'creator', element: 'creator' },
      );
      return;
    }
  }
  a.check('identifiers_valid', true);
}

function assessExtras(a: Assessment, record: RecordView): void {
  if (!a.check('keywords', hasKeywords(record))) a.fix('keywords_missing');
  if (!a.check('image', record.image !== undefined)) a.fix('image_missing');
  const formatted = (record.encoding ?? []).some((e) => e.encodingFormat !== undefined);
  if (!a.check('file_format', formatted)) a.fix('file_format_missing');
  const access = record.isAccessibleForFree !== undefined || record.requiresLogin !== undefined;
  if (!a.check('access_conditions', access)) a.fix('access_conditions_missing');
}

type ViewKey =
  | 'type'
  | 'name'
  | 'description'
  | 'keywords'
  | 'url'
  | 'urlOriginal'
  | 'identifiers'
  | 'inLanguage'
  | 'inLanguageOrigin'
  | 'license'
  | 'iscedLevels'
  | 'iscedFields'
  | 'about'
  | 'educationalLevel'
  | 'learningResourceType'
  | 'audience'
  | 'interactivityType'
  | 'creator'
  | 'contributor'
  | 'publisher'
  | 'dateCreated'
  | 'datePublished'
  | 'dateModified'
  | 'image'
  | 'encoding'
  | 'caption'
  | 'isAccessibleForFree'
  | 'requiresLogin'
  | 'accessMode'
  | 'accessModeSufficient'
  | 'accessibilityFeature'
  | 'accessibilityHazard'
  | 'accessibilityControl'
  | 'accessibilityAPI'
  | 'accessibilitySummary'
  | 'provenance';

/**
 * The fields the checks read, copied once into one fixed shape. Records come in countless shapes (every
 * source fills other fields), and reading a field of an object of unforeseen shape is slow in V8; the
 * checks read many fields several times, so they read them from this copy.
 */
type RecordView = { readonly [K in ViewKey]-?: ResourceRecord[K] | undefined } & {
  readonly type: ResourceRecord['type'];
  readonly name: ResourceRecord['name'];
  readonly provenance: ResourceRecord['provenance'];
};

const VIEW_KEY_SET: ReadonlySet<string> = new Set<ViewKey>([
  'type',
  'name',
  'description',
  'keywords',
  'url',
  'urlOriginal',
  'identifiers',
  'inLanguage',
  'inLanguageOrigin',
  'license',
  'iscedLevels',
  'iscedFields',
  'about',
  'educationalLevel',
  'learningResourceType',
  'audience',
  'interactivityType',
  'creator',
  'contributor',
  'publisher',
  'dateCreated',
  'datePublished',
  'dateModified',
  'image',
  'encoding',
  'caption',
  'isAccessibleForFree',
  'requiresLogin',
  'accessMode',
  'accessModeSufficient',
  'accessibilityFeature',
  'accessibilityHazard',
  'accessibilityControl',
  'accessibilityAPI',
  'accessibilitySummary',
  'provenance',
]);

function viewOf(r: ResourceRecord): RecordView {
  const view: Record<string, unknown> = {
    type: r.type,
    name: r.name,
    description: undefined,
    keywords: undefined,
    url: undefined,
    urlOriginal: undefined,
    identifiers: undefined,
    inLanguage: undefined,
    inLanguageOrigin: undefined,
    license: undefined,
    iscedLevels: undefined,
    iscedFields: undefined,
    about: undefined,
    educationalLevel: undefined,
    learningResourceType: undefined,
    audience: undefined,
    interactivityType: undefined,
    creator: undefined,
    contributor: undefined,
    publisher: undefined,
    dateCreated: undefined,
    datePublished: undefined,
    dateModified: undefined,
    image: undefined,
    encoding: undefined,
    caption: undefined,
    isAccessibleForFree: undefined,
    requiresLogin: undefined,
    accessMode: undefined,
    accessModeSufficient: undefined,
    accessibilityFeature: undefined,
    accessibilityHazard: undefined,
    accessibilityControl: undefined,
    accessibilityAPI: undefined,
    accessibilitySummary: undefined,
    provenance: r.provenance,
  };
  // Only the fields the record has: fewer reads than asking for every field by name.
  const source = r as unknown as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(source)) if (VIEW_KEY_SET.has(key)) view[key] = source[key];
  return view as RecordView;
}

function filledOf(v: RecordView): string[] {
  const filled: string[] = [];
  for (const field of COVERAGE_FIELDS) {
    const value = v[field];
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (field === 'inLanguage' && !(v.inLanguage ?? []).some((t) => t !== 'und')) continue;
    if (field === 'license') {
      const l = v.license;
      if (l === undefined || (l.group === 'unknown' && l.id === undefined && (l.original ?? []).length === 0))
        continue;
    }
    if (field === 'keywords' && !hasKeywords(v)) continue;
    filled.push(field);
  }
  return filled;
}

/** The COVERAGE_FIELDS `record` fills. */
export function filledFields(record: ResourceRecord): string[] {
  return filledOf(viewOf(record));
}

/** The quality of one normalized record, with `link` the check of its landing page when there was one. */
export function assessRecord(record: ResourceRecord, link?: LinkCheck): RecordQuality {
  const v = viewOf(record);
  const format = detectMetadataFormat(v);
  const a = new Assessment(format);
  assessTitle(a, v);
  assessDescription(a, v);
  assessLanguage(a, v);
  assessLicense(a, v);
  assessClassification(a, v);
  assessAccessibility(a, v);
  assessPeopleAndDates(a, v);
  assessUrl(a, v, link);
  assessIdentifiers(a, v);
  assessExtras(a, v);
  a.fixes.sort((x, y) => x.rank - y.rank);
  return {
    score: a.totalWeight === 0 ? 0 : Math.round((100 * a.passedWeight) / a.totalWeight),
    checks: a.checks,
    fixes: a.fixes.map((p) => p.fix),
    format,
    filled: filledOf(v),
  };
}
