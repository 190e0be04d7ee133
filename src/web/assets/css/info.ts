// Styles of the info pages, about and API (joined into the one site stylesheet by ../site-css.ts). Logical
// properties (inline-start/end) only, so right-to-left pages mirror without extra rules. Their tables use the
// .data-table styles of source.ts.
export const INFO_CSS = `.lead {
  font-size: 1.125rem;
}

.columns {
  columns: 14rem auto;
  column-gap: 2rem;
}

.endpoint-paths code,
.example-links code {
  overflow-wrap: anywhere;
}

.endpoint-paths {
  margin-block-start: -0.5rem;
  font-weight: 600;
}

.example-links {
  padding-inline-start: 1.25rem;
}

.code-block {
  padding: 0.75rem 1rem;
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 4px;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}

.code-block code {
  font-size: 0.9rem;
}

/* Paths, parameters and JSON read left to right, also inside Arabic sentences. */
code {
  font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
  unicode-bidi: isolate;
}

[dir='rtl'] code,
[dir='rtl'] .code-block {
  direction: ltr;
}`;
