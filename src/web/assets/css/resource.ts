// Styles of the resource pages (joined into the one site stylesheet by ../site-css.ts). Logical properties
// (inline-start/end) only, so right-to-left pages mirror without extra rules.
export const RESOURCE_CSS = `.resource h2 {
  margin-block-start: 2rem;
  padding-block-start: 0.5rem;
  border-block-start: 1px solid var(--border);
  font-size: 1.35rem;
}

.resource h3 {
  font-size: 1.15rem;
}

.resource h4 {
  font-size: 1rem;
}

.resource-open a {
  font-weight: 600;
}

.resource-facts {
  display: grid;
  grid-template-columns: minmax(0, 1fr);
  gap: 0.15rem 1rem;
}

.resource-facts dt {
  font-weight: 600;
  margin-block-start: 0.5rem;
}

.resource-facts dd {
  margin: 0;
  min-width: 0;
}

@media (min-width: 40rem) {
  .resource-facts {
    grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr);
  }

  .resource-facts dt {
    margin-block-start: 0;
  }
}

.inline-list {
  display: flex;
  flex-wrap: wrap;
  gap: 0.15rem 1rem;
  margin: 0;
  padding: 0;
  list-style: none;
}

.terms-heading {
  margin-block-end: 0.25rem;
  font-weight: 600;
}

.terms-list {
  margin-block-start: 0;
  padding-inline-start: 1.5rem;
}

.reuse {
  margin-block-start: 2rem;
}

.copy-box {
  margin-block: 0.75rem;
}

.copy-box label {
  display: block;
  font-weight: 600;
}

.copy-box textarea {
  display: block;
  width: 100%;
  min-width: 0;
  padding: 0.5rem;
  font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
  font-size: 0.9rem;
  color: inherit;
  background: var(--surface);
  border: 1px solid var(--muted);
  border-radius: 4px;
  resize: vertical;
  /* Where supported, each box grows to show its whole text (rows are the fallback). */
  field-sizing: content;
  max-height: 24rem;
}

.copy-row {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem;
  align-items: center;
  margin-block-start: 0.25rem;
}

.resource button {
  padding: 0.4rem 1rem;
  font: inherit;
  color: var(--background);
  background: var(--link);
  border: 1px solid var(--link);
  border-radius: 4px;
  cursor: pointer;
}

.copy-status {
  font-weight: 600;
}

.uses-form fieldset {
  margin: 1rem 0 0.5rem;
  padding: 0.5rem 1rem;
  border: 1px solid var(--border);
  border-radius: 4px;
}

.uses-form legend {
  padding-inline: 0.25rem;
  font-weight: 600;
}

.use-choice {
  display: flex;
  gap: 0.5rem;
  align-items: baseline;
  margin-block: 0.25rem;
}

.use-choice input {
  flex: none;
  width: 1.1rem;
  height: 1.1rem;
}

.reuse-notes {
  padding-inline-start: 1.5rem;
}

.reuse-notes li {
  margin-block: 0.35rem;
}

.downloads {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem 1.5rem;
  padding: 0;
  list-style: none;
}

.resource-sources {
  width: 100%;
  border-collapse: collapse;
  font-size: 0.95rem;
}

.resource-sources caption {
  text-align: start;
  font-weight: 600;
  padding-block-end: 0.25rem;
}

.resource-sources th,
.resource-sources td {
  padding: 0.35rem 0.5rem;
  text-align: start;
  vertical-align: top;
  border-block-end: 1px solid var(--border);
  overflow-wrap: anywhere;
}

.versions {
  padding-inline-start: 1.5rem;
}

.version-kind {
  font-weight: 600;
}

.version-languages {
  color: var(--muted);
}
`;
