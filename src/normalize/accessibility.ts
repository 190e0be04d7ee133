// Accessibility normalization: the values of the schema.org accessibility properties (accessMode,
// accessModeSufficient, accessibilityFeature, -Hazard, -Control, -API) in their canonical spelling, and the
// features and hazards a free-text accessibility statement makes. Accepts case, space, hyphen and underscore
// variants, schema.org and LRMI vocabulary URIs, LRMI's en/de labels, common words in en, de, fr and es, and
// deprecated terms (mapped to their replacement where the vocabulary names one). Free text is read
// conservatively: a feature that is denied ("no captions", "sin subtítulos"), partial or only planned is not
// claimed, and a denied hazard becomes its "no…Hazard" value. Pure functions; never performs I/O.
import {
  ACCESSIBILITY_PROPERTIES,
  ACCESSIBILITY_VOCABULARY,
  type AccessibilityProperty,
} from '../vocab/accessibility.js';
import {
  CAPTION_OF_STILL,
  CONTRAST_WORDS,
  HAZARD_NEGATORS,
  HAZARD_UNKNOWN,
  NEGATION_AFTER,
  NEGATION_BEFORE,
  TEXT_PATTERNS,
  UNCERTAIN_AFTER,
  UNCERTAIN_BEFORE,
  WORDS,
} from './accessibility-terms.js';
import { BoundedCache, fold, splitCamel, squash } from './resource-type-text.js';

export type { AccessibilityProperty } from '../vocab/accessibility.js';

export interface AccessibilityResult {
  readonly input: string;
  /**
   * The canonical term ("alternativeText"), or null when the value is not in the vocabulary. For
   * accessModeSufficient, one sufficient combination, comma-separated as schema.org writes it ("textual,visual").
   */
  readonly value: string | null;
  /** "term", "spelling", "label", "word", "deprecated:bookmarks>tableOfContents", "negated", "no-match"... */
  readonly rule: string;
}

interface Entry {
  readonly value: string;
  readonly rule: string;
}

const TABLES = new Map<AccessibilityProperty, Map<string, Entry>>();

function buildTable(property: AccessibilityProperty): Map<string, Entry> {
  const table = new Map<string, Entry>();
  const terms = ACCESSIBILITY_VOCABULARY[property];
  const canonical = (term: string): Entry | undefined => {
    const t = terms.find((x) => x.term === term);
    if (t === undefined) return undefined;
    return t.replacedBy === undefined
      ? { value: t.term, rule: 'term' }
      : { value: t.replacedBy, rule: `deprecated:${t.term}>${t.replacedBy}` };
  };
  const put = (key: string, entry: Entry): void => {
    const k = squash(key);
    if (k !== '' && !table.has(k)) table.set(k, entry);
  };
  for (const t of terms) {
    const entry = canonical(t.term);
    if (entry === undefined) continue;
    put(t.term, entry);
  }
  for (const t of terms) {
    const entry = canonical(t.term);
    if (entry === undefined) continue;
    const asLabel = entry.rule === 'term' ? { ...entry, rule: 'label' } : entry;
    put(t.label.en, asLabel);
    if (t.label.de !== undefined) put(t.label.de, asLabel);
    for (const alt of t.altLabel ?? []) put(alt, asLabel);
  }
  for (const [word, term] of Object.entries(WORDS[property])) {
    const entry = canonical(term);
    if (entry === undefined) throw new Error(`accessibility words: "${term}" is no ${property} term`);
    put(word, entry.rule === 'term' ? { ...entry, rule: 'word' } : entry);
  }
  if (property === 'accessModeSufficient') {
    // Finer access modes are a kind of visual perception when it comes to what suffices.
    for (const t of ACCESSIBILITY_VOCABULARY.accessMode) {
      if (/OnVisual$|^colorDependent$|^textOnImage$/.test(t.term)) {
        put(t.term, { value: 'visual', rule: `broader:${t.term}>visual` });
      }
    }
  }
  return table;
}

for (const property of ACCESSIBILITY_PROPERTIES) TABLES.set(property, buildTable(property));

const SCHEMA_URI = /^https?:\/\/(?:www\.)?schema\.org\/(.+)$/i;
const LRMI_URI = /^https?:\/\/purl\.org\/dcx\/lrmi-vocabs\/[A-Za-z]+\/(.+)$/i;
const HTTP_URI = /^https?:\/\/\S+$/i;
const PREFIXED = /^(?:schema|sdo|a11y):(.+)$/i;
const PROPERTY_NAMES = new Set(ACCESSIBILITY_PROPERTIES.map((p) => p.toLowerCase()));

/** The value without a URI or prefix around it; `via` names what was removed. */
function unwrap(text: string): { local: string; via: string } {
  let m = LRMI_URI.exec(text) ?? SCHEMA_URI.exec(text) ?? PREFIXED.exec(text);
  if (m === null && HTTP_URI.test(text)) m = /[/#]([^/#]+)\/?$/.exec(text);
  if (m === null) return { local: text, via: '' };
  let local = (m[1] ?? '').replace(/\/+$/, '');
  // "https://schema.org/accessibilityFeature/alternativeText": the property name is not part of the value.
  const slash = local.indexOf('/');
  if (slash > 0 && PROPERTY_NAMES.has(local.slice(0, slash).toLowerCase())) local = local.slice(slash + 1);
  return { local, via: 'uri>' };
}

const HAZARD_NO: Readonly<Record<string, string>> = {
  flashing: 'noFlashingHazard',
  motionSimulation: 'noMotionSimulationHazard',
  sound: 'noSoundHazard',
};
const HAZARD_UNKNOWN_OF: Readonly<Record<string, string>> = {
  flashing: 'unknownFlashingHazard',
  motionSimulation: 'unknownMotionSimulationHazard',
  sound: 'unknownSoundHazard',
};

function lookupOne(property: AccessibilityProperty, text: string): Entry | null {
  const table = TABLES.get(property);
  if (table === undefined) return null;
  const { local, via } = unwrap(text.trim());
  const hit = table.get(squash(local));
  if (hit !== undefined) {
    const rule = hit.rule === 'term' && local !== hit.value ? 'spelling' : hit.rule;
    return { value: hit.value, rule: via + rule };
  }
  // The old slash extension: "displayTransformability/resizeText" is a displayTransformability.
  const slash = local.indexOf('/');
  if (slash > 0) {
    const base = table.get(squash(local.slice(0, slash)));
    if (base !== undefined) return { value: base.value, rule: `${via}${base.rule};extension-dropped` };
  }
  if (property === 'accessibilityHazard') {
    const words = fold(splitCamel(local))
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '');
    const first = words[0] ?? '';
    const last = words[words.length - 1] ?? '';
    const negated = HAZARD_NEGATORS.has(first);
    const unknown = HAZARD_UNKNOWN.has(first) || HAZARD_UNKNOWN.has(last);
    if (negated || unknown) {
      const rest = unknown && !HAZARD_UNKNOWN.has(first) ? words.slice(0, -1) : words.slice(1);
      while (rest.length > 1 && LINKING_WORDS.has(rest[0] ?? '')) rest.shift();
      const inner = table.get(rest.join(''));
      const positive = inner?.value ?? '';
      const mapped = negated ? HAZARD_NO[positive] : HAZARD_UNKNOWN_OF[positive];
      if (mapped !== undefined)
        return { value: mapped, rule: `${via}${negated ? 'negated' : 'unknown'}:${positive}` };
    }
  }
  return null;
}

/** Words between a negation and its hazard: "pas de clignotement", "no risk of flashing". */
const LINKING_WORDS = new Set([
  'de',
  'd',
  'du',
  'des',
  'of',
  'any',
  'durch',
  'von',
  'por',
  'risk',
  'riesgo',
  'risque',
]);

const SUFFICIENT_SPLIT = /\s*[,;+&]\s*|\s+(?:and|und|et|y|e)\s+/i;
const cache = new BoundedCache<AccessibilityResult>(4096);

/** The canonical schema.org term one value of an accessibility property amounts to. */
export function normalizeAccessibility(property: AccessibilityProperty, raw: string): AccessibilityResult {
  const key = `${property}\u0000${raw}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const done = (value: string | null, rule: string): AccessibilityResult =>
    cache.set(key, { input: raw, value, rule });
  const text = raw.trim();
  if (text === '') return done(null, 'empty');
  const one = lookupOne(property, text);
  if (one !== null) return done(one.value, one.rule);
  if (property === 'accessModeSufficient' && !HTTP_URI.test(text)) {
    const parts = text.split(SUFFICIENT_SPLIT).filter((p) => p !== '');
    if (parts.length > 1) {
      const modes: string[] = [];
      for (const part of parts) {
        const found = lookupOne(property, part);
        if (found === null) return done(null, 'no-match');
        if (!modes.includes(found.value)) modes.push(found.value);
      }
      return done(modes.join(','), 'combination');
    }
  }
  return done(null, 'no-match');
}

// ---------------------------------------------------------------------------------------------------------
// Free text

const EDGE_BEFORE = '(?<![\\p{L}\\p{N}])';
const EDGE_AFTER = '(?![\\p{L}\\p{N}])';
const TEXT_RE = new RegExp(
  `${EDGE_BEFORE}(?:${TEXT_PATTERNS.map((p) => `(${p.pattern})`).join('|')})${EDGE_AFTER}`,
  'gu',
);
const SENTENCE_END = /[.!?;\n\r]/;
const WORD_SPLIT = /[^\p{L}\p{N}]+/u;
const BEFORE_WINDOW = 6;

function sentenceBounds(text: string, start: number, end: number): { from: number; to: number } {
  let from = start;
  while (from > 0 && !SENTENCE_END.test(text[from - 1] ?? '')) from--;
  let to = end;
  while (to < text.length && !SENTENCE_END.test(text[to] ?? '')) to++;
  return { from, to };
}

/** The words before a match that a negation there could reach: within the sentence, after any "but". */
function wordsBefore(text: string): string[] {
  const words = text.split(WORD_SPLIT).filter((w) => w !== '');
  let cut = 0;
  for (let i = 0; i < words.length; i++) if (CONTRAST_WORDS.has(words[i] ?? '')) cut = i + 1;
  return words.slice(Math.max(cut, words.length - BEFORE_WINDOW));
}

/** The text after a match up to the end of its sentence or the next "but". */
function textAfter(text: string): string {
  const words = text.split(/(?<=[^\p{L}\p{N}])(?=[\p{L}\p{N}])/u);
  let out = '';
  for (const chunk of words) {
    const word = /^[\p{L}\p{N}]+/u.exec(chunk)?.[0] ?? '';
    if (CONTRAST_WORDS.has(word)) break;
    out += chunk;
  }
  return out;
}

export interface AccessibilityStatements {
  readonly feature: readonly string[];
  readonly hazard: readonly string[];
  readonly rules: readonly string[];
}

const textCache = new BoundedCache<AccessibilityStatements>(1024);
const HAZARD_CONFLICTS: readonly (readonly [string, string])[] = [
  ['flashing', 'noFlashingHazard'],
  ['motionSimulation', 'noMotionSimulationHazard'],
  ['sound', 'noSoundHazard'],
];

/**
 * Free text ("captions available", "Untertitel", "sous-titres", "texte alternatif", "no flashing") -> the
 * features and hazards it states. Denied, partial, planned or questioned features are not claimed; a denied
 * hazard is its "no…Hazard" value; hazards stated both ways are dropped.
 */
export function accessibilityFromText(text: string): AccessibilityStatements {
  const cached = textCache.get(text);
  if (cached !== undefined) return cached;
  const folded = fold(text);
  const feature: string[] = [];
  const hazard: string[] = [];
  const rules: string[] = [];
  for (const m of folded.matchAll(TEXT_RE)) {
    const index = m.slice(1).findIndex((g) => g !== undefined);
    const pattern = TEXT_PATTERNS[index];
    if (pattern === undefined || m.index === undefined) continue;
    const start = m.index;
    const end = start + m[0].length;
    const { from, to } = sentenceBounds(folded, start, end);
    if (folded[to] === '?') {
      rules.push(`question:${pattern.value}`);
      continue;
    }
    const before = wordsBefore(folded.slice(from, start));
    const after = textAfter(folded.slice(end, to));
    if (pattern.value === 'captions' && before.slice(-3).some((w) => CAPTION_OF_STILL.has(w))) {
      rules.push(`still-caption:${m[0]}`);
      continue;
    }
    const negated =
      pattern.selfNegating !== true &&
      (before.some((w) => NEGATION_BEFORE.has(w)) || NEGATION_AFTER.test(after));
    if (pattern.kind === 'feature') {
      const uncertain = before.some((w) => UNCERTAIN_BEFORE.has(w)) || UNCERTAIN_AFTER.test(after);
      if (negated || uncertain) {
        rules.push(`${negated ? 'negated' : 'uncertain'}:${pattern.value}`);
        continue;
      }
      if (!feature.includes(pattern.value)) feature.push(pattern.value);
      rules.push(`feature:${pattern.value}`);
    } else {
      const value = negated ? HAZARD_NO[pattern.value] : pattern.value;
      if (value === undefined) {
        rules.push(`negated:${pattern.value}`);
        continue;
      }
      if (!hazard.includes(value)) hazard.push(value);
      rules.push(`hazard:${value}`);
    }
  }
  // Statements that contradict each other say nothing; "none" says nothing next to a hazard.
  for (const [yes, no] of HAZARD_CONFLICTS) {
    if (hazard.includes(yes) && hazard.includes(no)) {
      hazard.splice(hazard.indexOf(yes), 1);
      hazard.splice(hazard.indexOf(no), 1);
      rules.push(`conflict:${yes}`);
    }
  }
  if (hazard.includes('none') && hazard.length > 1) {
    hazard.splice(hazard.indexOf('none'), 1);
    rules.push('conflict:none');
  }
  // Specific captions make the general statement redundant.
  if (
    feature.includes('captions') &&
    (feature.includes('closedCaptions') || feature.includes('openCaptions'))
  ) {
    feature.splice(feature.indexOf('captions'), 1);
  }
  return textCache.set(text, { feature, hazard, rules });
}
