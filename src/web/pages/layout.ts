// The page shell every server-rendered page shares (lang/dir, landmarks, skip link, navigation, language
// switcher with hreflang alternates, one stylesheet) and the HTML escaper (the one of src/reuse/text.ts).
// Never emits inline script or inline style (the Content Security Policy forbids both), and never puts a
// caller's text into markup without escaping it first.
import { escapeHtmlText } from '../../reuse/text.js';
import { SITE_CSS_HREF } from '../assets/site-css.js';
import { UI_LOCALES, type UiLocale } from '../i18n/locales.js';
import { createPageContext, type PageContext } from './context.js';

const SITE_NAME = 'OER Atlas';

/**
 * Escapes text for use in element content and in quoted attribute values. Every value that did not come
 * from a literal in our own templates goes through here, including URLs, messages and ids.
 */
export const escapeHtml: (value: string) => string = escapeHtmlText;

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>`, `&` and the line separators are written
 * as \u escapes, so no harvested value can close the element or start a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Each UI language's own name for itself ("français", "العربية"), for the language switcher. */
function autonym(locale: UiLocale): string {
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

const AUTONYMS: ReadonlyMap<UiLocale, string> = new Map(UI_LOCALES.map((l) => [l, autonym(l)]));

export interface PageOptions {
  /** Plain text naming the page; the site name is appended. Escaped here. */
  readonly title: string;
  /** The content of `<main>`, already built as HTML with every dynamic value passed through escapeHtml. */
  readonly mainHtml: string;
  /** Language, direction, messages and links of the request; English without alternates when absent. */
  readonly ctx?: PageContext;
  /** Extra elements for `<head>` (a JSON-LD block, a canonical link), already safe HTML. */
  readonly head?: string;
  /** Our own scripts (paths under /assets/), loaded deferred; the page must work without them. */
  readonly scripts?: readonly string[];
  /** False for pages that exist in one form only (error pages): no language switcher or alternates. */
  readonly alternates?: boolean;
}

function alternateLinks(ctx: PageContext): string {
  const links = UI_LOCALES.map(
    (locale) =>
      `<link rel="alternate" hreflang="${locale}" href="${escapeHtml(ctx.hrefIn(locale, ctx.path) + ctx.search)}">`,
  );
  links.push(
    `<link rel="alternate" hreflang="x-default" href="${escapeHtml(ctx.path === '/' ? '/' : ctx.hrefIn('en', ctx.path) + ctx.search)}">`,
  );
  return links.join('\n');
}

function languageSwitcher(ctx: PageContext): string {
  const items = UI_LOCALES.map((locale) => {
    const name = escapeHtml(AUTONYMS.get(locale) ?? locale);
    if (locale === ctx.locale) {
      return `<li><a href="${escapeHtml(ctx.href(ctx.path) + ctx.search)}" lang="${locale}" aria-current="true">${name}</a></li>`;
    }
    return `<li><a href="${escapeHtml(ctx.hrefIn(locale, ctx.path) + ctx.search)}" hreflang="${locale}" lang="${locale}">${name}</a></li>`;
  });
  return `<nav class="language-switcher" aria-label="${escapeHtml(ctx.t('common.languages'))}"><ul>${items.join('')}</ul></nav>`;
}

function siteNavigation(ctx: PageContext): string {
  const entries: [string, string][] = [
    ['/search', ctx.t('common.nav.search')],
    ['/sources', ctx.t('common.nav.sources')],
    ['/about', ctx.t('common.nav.about')],
    ['/api', ctx.t('common.nav.api')],
  ];
  const items = entries.map(([path, label]) => {
    const current = ctx.path === path ? ' aria-current="page"' : '';
    return `<li><a href="${escapeHtml(ctx.href(path))}"${current}>${escapeHtml(label)}</a></li>`;
  });
  return `<nav class="site-nav" aria-label="${escapeHtml(ctx.t('common.nav.label'))}"><ul>${items.join('')}</ul></nav>`;
}

/** A whole HTML document: skip link, header, main, footer, with one stylesheet and nothing inline. */
export function renderPage(options: PageOptions): string {
  const ctx = options.ctx ?? createPageContext('en', '/');
  const withAlternates = options.alternates !== false && options.ctx !== undefined;
  const title = options.title === SITE_NAME ? SITE_NAME : `${options.title} – ${SITE_NAME}`;
  const scripts = (options.scripts ?? [])
    .map((src) => `<script src="${escapeHtml(src)}" defer></script>`)
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(ctx.locale)}" dir="${ctx.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(SITE_CSS_HREF)}">
<link rel="icon" href="data:,">
${withAlternates ? alternateLinks(ctx) : ''}
${options.head ?? ''}
${scripts}
</head>
<body>
<a class="skip-link" href="#main">${escapeHtml(ctx.t('common.skipLink'))}</a>
<header class="site-header">
<div class="site-header-inner">
<p class="site-name-line"><a class="site-name" href="${escapeHtml(ctx.href('/'))}">${SITE_NAME}</a></p>
${siteNavigation(ctx)}
${withAlternates ? languageSwitcher(ctx) : ''}
</div>
</header>
<main id="main" tabindex="-1">
${options.mainHtml}
</main>
<footer class="site-footer">
<p>${escapeHtml(ctx.t('common.footer'))}</p>
</footer>
</body>
</html>
`;
}
