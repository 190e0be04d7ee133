// The site stylesheet, kept as a TypeScript string so the compiled build carries it without a copy step.
// Must stay small, use system fonts only and never rely on anything the CSP forbids (no remote fonts or imports).
import { createHash } from 'node:crypto';
import { HOME_CSS } from './css/home.js';
import { INFO_CSS } from './css/info.js';
import { RESOURCE_CSS } from './css/resource.js';
import { SEARCH_CSS } from './css/search.js';
import { SOURCE_CSS } from './css/source.js';

const BASE_CSS = `:root {
  color-scheme: light dark;
  --text: #1b1f23;
  --muted: #4a5360;
  --background: #ffffff;
  --surface: #f3f5f7;
  --border: #c9d0d8;
  --link: #0b57a4;
  --focus: #b35c00;
  --measure: 42rem;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif;
  font-size: 100%;
  line-height: 1.5;
}

@media (prefers-color-scheme: dark) {
  :root {
    --text: #e8ebef;
    --muted: #b5bdc7;
    --background: #14171a;
    --surface: #1f2429;
    --border: #4a5360;
    --link: #8cc4ff;
    --focus: #ffb15c;
  }
}

*,
*::before,
*::after {
  box-sizing: border-box;
}

body {
  margin: 0;
  color: var(--text);
  background: var(--background);
  overflow-wrap: break-word;
}

a {
  color: var(--link);
}

/* One unmistakable focus style for every interactive element, never removed. */
:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
}

.skip-link {
  position: absolute;
  inset-inline-start: 0.5rem;
  top: -10rem;
  padding: 0.5rem 1rem;
  background: var(--background);
  color: var(--link);
  z-index: 10;
}

.skip-link:focus {
  top: 0.5rem;
}

.site-header,
.site-footer,
main {
  padding: 1rem;
}

.site-header,
.site-footer {
  background: var(--surface);
}

.site-header {
  border-bottom: 1px solid var(--border);
}

.site-footer {
  border-top: 1px solid var(--border);
  color: var(--muted);
  font-size: 0.9rem;
}

.site-name {
  font-weight: 700;
  font-size: 1.25rem;
  text-decoration: none;
}

.site-header > *,
.site-footer > *,
main > * {
  max-width: var(--measure);
  margin-left: auto;
  margin-right: auto;
}

.site-header-inner {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem 1.5rem;
  align-items: baseline;
}

.site-header-inner > p {
  margin: 0;
}

.site-nav ul,
.language-switcher ul {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem 1rem;
  margin: 0;
  padding: 0;
  list-style: none;
}

.language-switcher {
  flex-basis: 100%;
  font-size: 0.9rem;
}

.site-nav a[aria-current],
.language-switcher a[aria-current] {
  font-weight: 700;
  text-decoration: none;
}

main:focus {
  outline: none;
}

h1 {
  font-size: 1.75rem;
  line-height: 1.25;
}

.search-form {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem;
  align-items: flex-end;
}

.search-form label {
  flex: 1 0 100%;
  font-weight: 600;
}

.search-form input {
  flex: 1 1 12rem;
  min-width: 0;
  padding: 0.5rem;
  font: inherit;
  color: inherit;
  background: var(--background);
  border: 1px solid var(--muted);
  border-radius: 4px;
}

.search-form button {
  padding: 0.5rem 1rem;
  font: inherit;
  color: var(--background);
  background: var(--link);
  border: 1px solid var(--link);
  border-radius: 4px;
  cursor: pointer;
}

.error-facts {
  display: grid;
  grid-template-columns: max-content minmax(0, 1fr);
  gap: 0.25rem 1rem;
}

.error-facts dd {
  margin: 0;
  font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
}
`;

export const SITE_CSS = [BASE_CSS, HOME_CSS, SEARCH_CSS, RESOURCE_CSS, SOURCE_CSS, INFO_CSS]
  .filter((part) => part !== '')
  .join('\n');

/** A short content hash: the ETag, and the version query that makes a new build bypass long-lived caches. */
export const SITE_CSS_VERSION = createHash('sha256').update(SITE_CSS).digest('hex').slice(0, 16);

/** Where pages link the stylesheet from. */
export const SITE_CSS_HREF = `/assets/site.css?v=${SITE_CSS_VERSION}`;
