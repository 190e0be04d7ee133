// Small, self-contained normalizers for testing format mappers apart from the real normalization step:
// two-letter codes, "pt_BR" -> "pt-BR", a few three-letter codes; licence URLs kept as given.
import type { LicenseValue } from '../../src/domain/profile.js';
import { httpUrl, type Normalizers } from '../../src/formats/mapping.js';

// ISO 639-2 (bibliographic and terminology) and 639-3 codes of the six UN languages and of the other
// languages our first sources use, mapped to ISO 639-1. Everything else is left to the real normalizer.
const THREE_LETTER_CODES: Readonly<Record<string, string>> = {
  ara: 'ar',
  chi: 'zh',
  zho: 'zh',
  eng: 'en',
  fra: 'fr',
  fre: 'fr',
  rus: 'ru',
  spa: 'es',
  deu: 'de',
  ger: 'de',
  por: 'pt',
  ita: 'it',
  nld: 'nl',
  dut: 'nl',
  swa: 'sw',
  swh: 'sw',
};

function basicLanguage(raw: string): string | null {
  let value = raw.trim();
  // ScoLOMFR writes languages as Library of Congress URIs: http://id.loc.gov/vocabulary/iso639-2/fre
  const loc = /^https?:\/\/id\.loc\.gov\/vocabulary\/iso639-[12]\/([A-Za-z]{2,3})\/?$/.exec(value);
  if (loc?.[1] !== undefined) value = loc[1];
  const m = /^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|[0-9]{3}))?$/.exec(value);
  if (m?.[1] === undefined) return null;
  let language = m[1].toLowerCase();
  if (language.length === 3) {
    const two = THREE_LETTER_CODES[language];
    if (two === undefined) return null;
    language = two;
  }
  const region = m[2];
  return region === undefined ? language : `${language}-${region.toUpperCase()}`;
}

function basicLicense(statements: string[]): LicenseValue {
  const url = statements.map((s) => s.trim()).find((s) => httpUrl(s) !== null);
  return url === undefined
    ? { group: 'unknown', original: statements }
    : { id: url, group: 'unknown', original: statements };
}

export const basicNormalizers: Normalizers = { language: basicLanguage, license: basicLicense };
