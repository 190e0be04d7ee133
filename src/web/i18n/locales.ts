// The languages of the interface, their writing direction, and the choice of one from a browser's
// Accept-Language header. The portal puts the language in the path (/fr/...); only `/` and the old
// unprefixed paths negotiate.
import Negotiator from 'negotiator';

/** Every UI language: the six UN languages plus Portuguese and Swahili. English is the fallback. */
export const UI_LOCALES = ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'pt', 'sw'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];
export const DEFAULT_LOCALE: UiLocale = 'en';

const RTL: ReadonlySet<UiLocale> = new Set(['ar']);

export function isUiLocale(value: string): value is UiLocale {
  return (UI_LOCALES as readonly string[]).includes(value);
}

export function directionOf(locale: UiLocale): 'ltr' | 'rtl' {
  return RTL.has(locale) ? 'rtl' : 'ltr';
}

/**
 * The best UI language for an Accept-Language header: an exact or primary-subtag match ("pt-BR" -> pt,
 * "zh-Hant-TW" -> zh) in the reader's order of preference, else English.
 */
export function negotiateLocale(acceptLanguage: string | undefined): UiLocale {
  if (acceptLanguage === undefined || acceptLanguage.trim() === '') return DEFAULT_LOCALE;
  const preferred = new Negotiator({
    headers: { 'accept-language': acceptLanguage.slice(0, 1000) },
  }).languages();
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0] ?? '';
    if (isUiLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}
