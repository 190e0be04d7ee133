// The page shell every server-rendered page shares (landmarks, skip link, stylesheet) and the HTML escaper.
// Never emits inline script or inline style (the Content Security Policy forbids both), and never puts a
// caller's text into markup without escaping it first.
import { SITE_CSS_HREF } from '../assets/site-css.js';

const SITE_NAME = 'OER Atlas';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for use in element content and in quoted attribute values. Every value that did not come
 * from a literal in our own templates goes through here, including URLs, messages and ids.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

export interface PageOptions {
  /** Plain text naming the page; the site name is appended. Escaped here. */
  readonly title: string;
  /** The content of `<main>`, already built as HTML with every dynamic value passed through escapeHtml. */
  readonly mainHtml: string;
  /** BCP 47 language of the page content. */
  readonly lang?: string;
}

/** A whole HTML document: skip link, header, main, footer, with one stylesheet and nothing inline. */
export function renderPage(options: PageOptions): string {
  const lang = escapeHtml(options.lang ?? 'en');
  const title = options.title === SITE_NAME ? SITE_NAME : `${options.title} – ${SITE_NAME}`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(SITE_CSS_HREF)}">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<p><a class="site-name" href="/">${SITE_NAME}</a></p>
</header>
<main id="main" tabindex="-1">
${options.mainHtml}
</main>
<footer class="site-footer">
<p>${SITE_NAME} finds open educational resources across repositories and languages.</p>
</footer>
</body>
</html>
`;
}
