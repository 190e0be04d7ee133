// The single-value normalizers a person can run by hand (`oer-atlas normalize KIND VALUE`) and that the
// labeled sets are checked with: each is the very function the ingest pipeline calls, wrapped to one shape
// { input, value, group?, rule }. Pure; never performs I/O.
import { normalizeLanguage } from './language.js';
import { normalizeLevel } from './level.js';
import { normalizeLicenseText } from './license.js';

/** What one value normalizes to, in the shape the CLI prints. */
export interface ValueResult {
  readonly input: string;
  /** The canonical value: a URI or tag, a list (levels), or null when nothing could be decided. */
  readonly value: string | readonly string[] | null;
  /** The licence group; licences only. */
  readonly group?: string;
  readonly rule: string;
}

export type ValueKind = 'licence' | 'language' | 'level';

const NORMALIZERS: Readonly<Record<ValueKind, (raw: string) => ValueResult>> = {
  licence: (raw) => {
    const found = normalizeLicenseText(raw);
    return { input: raw, value: found.value, group: found.group, rule: found.rule };
  },
  language: (raw) => {
    const found = normalizeLanguage(raw);
    return { input: raw, value: found.value, rule: found.rule };
  },
  level: (raw) => {
    const found = normalizeLevel(raw);
    return { input: raw, value: found.value === null ? null : [...found.value], rule: found.rule };
  },
};

/** Spellings a user may type for each kind. */
const KIND_NAMES: Readonly<Record<string, ValueKind>> = {
  licence: 'licence',
  license: 'licence',
  language: 'language',
  lang: 'language',
  level: 'level',
  levels: 'level',
};

export const VALUE_KINDS: readonly string[] = ['licence', 'language', 'level'];

/** The kind a user named, or null when there is no such kind. */
export function valueKind(name: string): ValueKind | null {
  return Object.hasOwn(KIND_NAMES, name.toLowerCase()) ? (KIND_NAMES[name.toLowerCase()] ?? null) : null;
}

export function normalizeValue(kind: ValueKind, raw: string): ValueResult {
  return NORMALIZERS[kind](raw);
}
