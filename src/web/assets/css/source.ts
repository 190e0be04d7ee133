// Styles of the source pages (joined into the one site stylesheet by ../site-css.ts). Logical properties
// (inline-start/end) only, so right-to-left pages mirror without extra rules.
export const SOURCE_CSS = ``;
