// A minimal vCard reader for LOM contributor entities: FN, N, ORG, EMAIL, URL and KIND are all a mapper
// needs. Real entities are rarely clean vCards: indented by the XML around them, folded, flattened onto one
// line ("BEGIN:VCARD VERSION:3.0 FN:Ana ORG: END:VCARD"), wrapped in CDATA, or not vCards at all ("Tarouco,
// Liane"). Never performs I/O.
import type { AgentValue } from '../../domain/profile.js';
import { guessAgent, httpUrl, oneLine } from '../mapping.js';

export interface VCard {
  readonly fn: string;
  /** N split into family, given, additional, prefixes, suffixes. */
  readonly n: readonly string[];
  readonly org: string;
  readonly kind: string;
  readonly emails: readonly string[];
  readonly urls: readonly string[];
}

const PROPERTY_NAMES =
  'BEGIN|END|VERSION|FN|N|ORG|EMAIL|URL|TEL|ADR|TITLE|ROLE|NOTE|KIND|UID|SOURCE|PHOTO|LOGO|REV|PRODID|NICKNAME|BDAY|GENDER|LANG|TZ|GEO|X-[A-Z0-9-]+';
// A property starts a line, or, in flattened vCards, follows a space: NAME(;params)?:
const PROPERTY_START = new RegExp(`(?:^|\\s)(?=(?:${PROPERTY_NAMES})(?:;[^:;\\s]*)*:)`, 'gi');
const PROPERTY_LINE = new RegExp(`^((?:${PROPERTY_NAMES}))((?:;[^:]*)?):(.*)$`, 'is');

function unescape(value: string): string {
  return value.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c));
}

/** Splits on separators not escaped with a backslash. */
function splitUnescaped(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (c === '\\' && i + 1 < value.length) {
      current += c + value.charAt(i + 1);
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** Reads a vCard; null when the text is not one (no BEGIN:VCARD and no FN/N property). */
export function parseVCard(raw: string): VCard | null {
  if (!/BEGIN\s*:\s*VCARD/i.test(raw) && !/(?:^|\s)(?:FN|N)(?:;[^:\s]*)?:/.test(raw)) return null;
  // Unfold: one property per chunk, whether the source used lines or spaces between properties.
  const chunks: string[] = [];
  for (const line of raw.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const pieces = trimmed
      .split(PROPERTY_START)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    for (const piece of pieces) {
      const previous = chunks.at(-1);
      // A piece that is no property continues the previous one (a folded line).
      if (PROPERTY_LINE.test(piece) || previous === undefined) chunks.push(piece);
      else chunks[chunks.length - 1] = previous + piece;
    }
  }
  let fn = '';
  let n: string[] = [];
  let org = '';
  let kind = '';
  const emails: string[] = [];
  const urls: string[] = [];
  for (const chunk of chunks) {
    const m = PROPERTY_LINE.exec(chunk);
    if (m === null) continue;
    const name = (m[1] ?? '').toUpperCase();
    const value = (m[3] ?? '').trim();
    if (value === '') continue;
    switch (name) {
      case 'FN':
        fn ||= oneLine(unescape(value));
        break;
      case 'N':
        n = splitUnescaped(value, ';').map((p) => oneLine(unescape(p)));
        break;
      case 'ORG':
        org ||= splitUnescaped(value, ';')
          .map((p) => oneLine(unescape(p)))
          .filter((p) => p !== '')
          .join(', ');
        break;
      case 'KIND':
        kind = value.toLowerCase();
        break;
      case 'EMAIL':
        emails.push(value.replace(/^mailto:/i, ''));
        break;
      case 'URL':
        urls.push(unescape(value));
        break;
      default:
        break;
    }
  }
  if (fn === '' && n.every((p) => p === '') && org === '') return null;
  return { fn, n, org, kind, emails, urls };
}

const ORCID = /^https?:\/\/orcid\.org\/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/;
const ROR = /^https?:\/\/ror\.org\/(0[a-z0-9]{6}\d{2})$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[A-Za-z]{2,63}$/;

/**
 * The agent a vCard (or, failing that, a plain name) describes. KIND decides when given; otherwise an
 * entity whose formatted name is its organisation is an organisation (Edurep: FN and ORG both "Codarts
 * Rotterdam"), and one with a personal name is a person, with ORG as affiliation.
 */
export function agentFromEntity(
  raw: string,
  fallback: 'Person' | 'Organization' = 'Person',
): AgentValue | null {
  const card = parseVCard(raw);
  // An empty vCard ("BEGIN:vCard FN: END:vCard", eXeLearning's placeholder) names nobody.
  if (card === null) return /BEGIN\s*:\s*VCARD/i.test(raw) ? null : guessAgent(raw, fallback);
  const [family = '', given = '', , prefix = ''] = card.n;
  const personal = oneLine(`${given} ${family}`);
  let name = card.fn || personal || card.org;
  name = oneLine(name.replace(/^[,\s]+|[,\s]+$/g, ''), 1000);
  if (name === '') return null;
  const isOrganization = ((): boolean => {
    if (card.kind === 'org' || card.kind === 'organization' || card.kind === 'group') return true;
    if (card.kind === 'individual') return false;
    if (card.org !== '' && card.org.toLowerCase() === name.toLowerCase()) return true;
    if (given !== '') return false;
    // Only a family name ("N:EDUMEDIA"): trust the role's expectation (publishers are organisations).
    if (family !== '') return fallback === 'Organization';
    return guessAgent(name, fallback)?.type === 'Organization';
  })();
  const email = card.emails.find((e) => EMAIL.test(e));
  let orcid: string | undefined;
  let ror: string | undefined;
  let id: string | undefined;
  for (const u of card.urls) {
    const url = httpUrl(u);
    if (url === null) continue;
    const o = ORCID.exec(url.replace(/\/$/, ''));
    const r = ROR.exec(url.replace(/\/$/, ''));
    if (o?.[1] !== undefined) orcid ??= `https://orcid.org/${o[1]}`;
    else if (r?.[1] !== undefined) ror ??= `https://ror.org/${r[1]}`;
    else id ??= url;
  }
  if (isOrganization) {
    return {
      type: 'Organization',
      name,
      ...(ror === undefined ? {} : { ror, id: ror }),
      ...(ror === undefined && id !== undefined ? { id } : {}),
      ...(email === undefined ? {} : { email }),
    };
  }
  const honorificPrefix = oneLine(prefix, 64);
  const affiliation = card.org !== '' && card.org.toLowerCase() !== name.toLowerCase() ? card.org : '';
  return {
    type: 'Person',
    name,
    ...(orcid === undefined ? {} : { orcid, id: orcid }),
    ...(orcid === undefined && id !== undefined ? { id } : {}),
    ...(email === undefined ? {} : { email }),
    ...(honorificPrefix === '' ? {} : { honorificPrefix }),
    ...(affiliation === ''
      ? {}
      : { affiliation: { type: 'Organization' as const, name: oneLine(affiliation, 1000) } }),
  };
}
