// What a licence lets people do with a resource and what it asks of them, in a structured form the portal
// turns into plain words: may it be shared, adapted, used commercially; must users give credit, share
// adaptations alike, say what they changed, keep the licence notice. Derived from the licence group and the
// canonical licence URI the normalizer chose (Creative Commons deeds, CC0 and the Public Domain Mark, SPDX
// licences). Also the licence's short name ("CC BY-SA 4.0") and its deed in the reader's language. Pure.
import type { LicenseGroupValue, LicenseValue } from '../domain/profile.js';
import { httpUrl } from './text.js';

/** yes: allowed without asking; no: the licence forbids it; ask: only with the rights holder's permission. */
export type Permission = 'yes' | 'no' | 'ask';

/** How the licence is known. */
export type LicenceKind = 'public-domain' | 'creative-commons' | 'open' | 'restricted' | 'unknown';

export interface LicenceTerms {
  readonly group: LicenseGroupValue;
  readonly kind: LicenceKind;
  /** The canonical licence URI when it is an http(s) address (the `rel="license"` target), else null. */
  readonly uri: string | null;
  /** The licence's short name ("CC BY-NC-SA 3.0 DE", "CC0 1.0", "MIT"), null when unknown or restricted. */
  readonly name: string | null;
  /** Copy and redistribute it unchanged. */
  readonly share: Permission;
  /** Change it: translate, remix, build upon it. */
  readonly adapt: Permission;
  /** Use it for commercial purposes. */
  readonly commercial: Permission;
  /** Users must credit the authors and the source. */
  readonly attribution: boolean;
  /** Adaptations must be shared under the same (or a compatible) licence. */
  readonly shareAlike: boolean;
  /** Users must say that they made changes (Creative Commons licences). */
  readonly indicateChanges: boolean;
  /** Users must keep the licence (and copyright) notice with copies. */
  readonly keepNotice: boolean;
  /** The sources stated licences that disagree; the strictest was chosen. */
  readonly conflict: boolean;
}

/** Plain-word statements of the terms, for the page to translate: what users may, must and may not do. */
export type TermStatement =
  | 'may-share'
  | 'may-adapt'
  | 'may-commercial'
  | 'must-attribute'
  | 'must-indicate-changes'
  | 'must-share-alike'
  | 'must-keep-notice'
  | 'no-adapt'
  | 'no-commercial'
  | 'no-conditions'
  | 'credit-appreciated'
  | 'ask-permission'
  | 'licence-unknown'
  | 'read-licence'
  | 'conflict';

/** Open licences with a copyleft (share-alike) condition, by SPDX identifier prefix. */
const COPYLEFT = [
  'GPL-',
  'LGPL-',
  'AGPL-',
  'GFDL-',
  'MPL-',
  'EPL-',
  'EUPL-',
  'CECILL-',
  'LAL-',
  'ODbL-',
  'OFL-',
];
/** Open licences that ask nothing, not even a notice. */
const NO_CONDITIONS = new Set(['WTFPL', '0BSD', 'Unlicense', 'PDDL-1.0', 'DL-DE-ZERO-2.0']);

const CC_LICENSE =
  /^https?:\/\/creativecommons\.org\/licenses\/(by(?:-nc)?(?:-sa|-nd)?)\/(\d\.\d)\/(?:([a-z-]+)\/)?$/i;
const CC_PUBLIC_DOMAIN =
  /^https?:\/\/creativecommons\.org\/(?:publicdomain\/(zero|mark)\/1\.0|licenses\/publicdomain)\/$/i;
const SPDX = /^https?:\/\/spdx\.org\/licenses\/([A-Za-z0-9.+-]+)\.html$/;

/** The SPDX identifier of an spdx.org licence URI, or null. */
function spdxId(uri: string | null): string | null {
  return uri === null ? null : (SPDX.exec(uri)?.[1] ?? null);
}

/** A licence's short name from its canonical URI; null when the URI is not one we can name. */
export function licenceName(uri: string | null): string | null {
  if (uri === null) return null;
  const cc = CC_LICENSE.exec(uri);
  if (cc !== null) {
    const port = cc[3] === undefined ? '' : ` ${cc[3].toUpperCase()}`;
    return `CC ${(cc[1] ?? '').toUpperCase()} ${cc[2] ?? ''}${port}`;
  }
  const pd = CC_PUBLIC_DOMAIN.exec(uri);
  if (pd !== null) {
    if (pd[1]?.toLowerCase() === 'zero') return 'CC0 1.0';
    if (pd[1]?.toLowerCase() === 'mark') return 'Public Domain Mark 1.0';
    return 'Public Domain';
  }
  return spdxId(uri);
}

/** The name of a group when the licence URI is missing ("CC BY-SA" with no version known). */
function groupName(group: LicenseGroupValue): string | null {
  switch (group) {
    case 'by':
    case 'by-sa':
    case 'by-nc':
    case 'by-nc-sa':
    case 'by-nd':
    case 'by-nc-nd':
      return `CC ${group.toUpperCase()}`;
    case 'public-domain':
    case 'other-open':
    case 'restricted':
    case 'unknown':
      return null;
  }
}

/** The terms of a record's licence (absent licence: unknown). */
export function licenceTerms(license: LicenseValue | undefined): LicenceTerms {
  const group: LicenseGroupValue = license?.group ?? 'unknown';
  const uri = httpUrl(license?.id);
  const conflict = license?.conflict === true;
  const base = { group, uri, conflict, name: licenceName(uri) ?? groupName(group) };
  switch (group) {
    case 'public-domain':
      return {
        ...base,
        kind: 'public-domain',
        share: 'yes',
        adapt: 'yes',
        commercial: 'yes',
        attribution: false,
        shareAlike: false,
        indicateChanges: false,
        keepNotice: false,
      };
    case 'by':
    case 'by-sa':
    case 'by-nc':
    case 'by-nc-sa':
    case 'by-nd':
    case 'by-nc-nd':
      return {
        ...base,
        kind: 'creative-commons',
        share: 'yes',
        adapt: group.includes('nd') ? 'no' : 'yes',
        commercial: group.includes('nc') ? 'no' : 'yes',
        attribution: true,
        shareAlike: group.includes('sa'),
        // Every CC licence asks users to indicate changes; only adaptable ones let that matter.
        indicateChanges: !group.includes('nd'),
        keepNotice: true,
      };
    case 'other-open': {
      const id = spdxId(uri) ?? '';
      const free = NO_CONDITIONS.has(id);
      return {
        ...base,
        kind: 'open',
        share: 'yes',
        adapt: 'yes',
        commercial: 'yes',
        attribution: !free,
        shareAlike: COPYLEFT.some((prefix) => id.startsWith(prefix)),
        indicateChanges: false,
        keepNotice: !free,
      };
    }
    case 'restricted':
    case 'unknown':
      return {
        ...base,
        name: null,
        kind: group,
        share: 'ask',
        adapt: 'ask',
        commercial: 'ask',
        attribution: true,
        shareAlike: false,
        indicateChanges: false,
        keepNotice: false,
      };
  }
}

/** What users may do, must do and may not do, in the order the page lists them. */
export interface TermsExplained {
  readonly may: readonly TermStatement[];
  readonly must: readonly TermStatement[];
  readonly mayNot: readonly TermStatement[];
  /** General notes (no conditions, ask permission, unknown licence, read the licence, conflicting statements). */
  readonly notes: readonly TermStatement[];
}

export function explainTerms(terms: LicenceTerms): TermsExplained {
  const may: TermStatement[] = [];
  const must: TermStatement[] = [];
  const mayNot: TermStatement[] = [];
  const notes: TermStatement[] = [];
  if (terms.kind === 'restricted') notes.push('ask-permission');
  else if (terms.kind === 'unknown') notes.push('licence-unknown');
  else {
    if (terms.share === 'yes') may.push('may-share');
    if (terms.adapt === 'yes') may.push('may-adapt');
    if (terms.commercial === 'yes') may.push('may-commercial');
    if (terms.attribution) must.push('must-attribute');
    if (terms.indicateChanges) must.push('must-indicate-changes');
    if (terms.shareAlike) must.push('must-share-alike');
    if (terms.keepNotice) must.push('must-keep-notice');
    if (terms.adapt === 'no') mayNot.push('no-adapt');
    if (terms.commercial === 'no') mayNot.push('no-commercial');
    if (terms.kind === 'public-domain') notes.push('no-conditions', 'credit-appreciated');
    if (terms.kind === 'open') notes.push('read-licence');
  }
  if (terms.conflict) notes.push('conflict');
  return { may, must, mayNot, notes };
}

/** Creative Commons deed languages of the UI languages (Swahili has none: the default deed is used). */
const DEED_LANGUAGES: Readonly<Record<string, string>> = {
  en: 'en',
  fr: 'fr',
  es: 'es',
  ar: 'ar',
  zh: 'zh-hans',
  ru: 'ru',
  pt: 'pt',
};

/**
 * Where people read the licence in plain words: a Creative Commons licence's or public-domain tool's deed in
 * the reader's language when Creative Commons publishes one, else the canonical URI. Null without a URI.
 */
export function deedUrl(terms: LicenceTerms, locale: string): string | null {
  if (terms.uri === null) return null;
  const deedLanguage = DEED_LANGUAGES[locale];
  const isCc =
    CC_LICENSE.test(terms.uri) || /^https?:\/\/creativecommons\.org\/publicdomain\//i.test(terms.uri);
  if (!isCc || deedLanguage === undefined) return terms.uri;
  return `${terms.uri}deed.${deedLanguage}`;
}
