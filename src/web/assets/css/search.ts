// Styles of the search pages (joined into the one site stylesheet by ../site-css.ts). Logical properties
// (inline-start/end) only, so right-to-left pages mirror without extra rules.
export const SEARCH_CSS = `main > .search-page {
  max-width: 72rem;
}

.search-options {
  flex: 1 0 100%;
  display: flex;
  flex-wrap: wrap;
  gap: 0.75rem 2rem;
  align-items: flex-end;
}

.search-options fieldset {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem 1.25rem;
  margin: 0;
  padding: 0;
  border: 0;
  min-width: 0;
}

.search-options legend {
  padding: 0;
  margin-block-end: 0.25rem;
  font-weight: 600;
}

.search-choice,
.facet-option {
  display: flex;
  gap: 0.5rem;
  align-items: flex-start;
}

.search-form .search-choice label,
.search-form .search-sort label {
  flex: none;
  font-weight: 400;
}

.search-sort {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem 0.5rem;
  align-items: center;
}

.search-page select {
  padding: 0.4rem;
  font: inherit;
  color: inherit;
  background: var(--background);
  border: 1px solid var(--muted);
  border-radius: 4px;
  max-width: 100%;
}

.search-page input[type='radio'],
.search-page input[type='checkbox'] {
  flex: none;
  width: 1.5rem;
  height: 1.5rem;
  margin: 0;
  accent-color: var(--link);
}

.search-form button.search-update,
.search-facets button {
  padding: 0.5rem 1rem;
  font: inherit;
  color: var(--link);
  background: var(--background);
  border: 2px solid var(--link);
  border-radius: 4px;
  cursor: pointer;
}

.search-summary h2 {
  margin-block: 1.25rem 0.5rem;
  font-size: 1.35rem;
}

.did-you-mean {
  font-size: 1.1rem;
}

.chips-label {
  margin: 0.5rem 0 0.25rem;
  font-weight: 600;
}

.chips ul {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem;
  margin: 0;
  padding: 0;
  list-style: none;
}

.chip {
  display: inline-flex;
  gap: 0.5rem;
  align-items: center;
  min-height: 2rem;
  padding: 0.2rem 0.75rem;
  background: var(--surface);
  border: 1px solid var(--muted);
  border-radius: 1rem;
}

.chip-x {
  font-weight: 700;
}

.search-layout {
  display: grid;
  grid-template-columns: minmax(0, 1fr);
  gap: 1.5rem 2.5rem;
  align-items: start;
}

@media (min-width: 52em) {
  .search-layout {
    grid-template-columns: minmax(0, 1fr) 18rem;
  }

  .to-filters {
    display: none;
  }
}

.results {
  margin: 0;
  padding: 0;
  list-style: none;
}

.result {
  padding-block: 1rem;
  border-block-end: 1px solid var(--border);
}

.result:first-child {
  padding-block-start: 0;
}

.result-title {
  margin: 0 0 0.25rem;
  font-size: 1.2rem;
  line-height: 1.3;
}

.result p {
  margin: 0.35rem 0;
}

.result-facts {
  display: flex;
  flex-wrap: wrap;
  gap: 0.1rem 1.25rem;
  margin: 0.35rem 0;
  font-size: 0.9rem;
}

.result-facts div {
  display: flex;
  flex-wrap: wrap;
  gap: 0 0.4rem;
}

.result-facts dt {
  color: var(--muted);
}

.result-facts dd {
  margin: 0;
  overflow-wrap: anywhere;
}

.result-notes {
  color: var(--muted);
  font-size: 0.9rem;
}

.result-notes span + span {
  margin-inline-start: 0.5rem;
}

.paging ul {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem 1.5rem;
  margin: 1rem 0;
  padding: 0;
  list-style: none;
}

.search-facets h2 {
  margin-block-start: 0;
  font-size: 1.2rem;
}

.facet {
  margin: 0 0 1rem;
  padding: 0.5rem 0.75rem 0.75rem;
  border: 1px solid var(--border);
  border-radius: 4px;
  min-width: 0;
}

.facet legend {
  padding: 0 0.25rem;
  font-weight: 600;
}

.facet-option {
  padding-block: 0.2rem;
}

/* A long value without spaces (a licence code, an address) wraps instead of widening a 320 px page. */
.facet-option label {
  min-width: 0;
  overflow-wrap: anywhere;
}

.facet-count {
  color: var(--muted);
  font-variant-numeric: tabular-nums;
}

.facet summary {
  padding-block: 0.25rem;
  color: var(--link);
  text-decoration: underline;
  cursor: pointer;
}

.search-error {
  padding: 0.5rem 1rem;
  margin-block-end: 1rem;
  border: 2px solid var(--text);
  border-inline-start-width: 0.5rem;
  border-radius: 4px;
}

.search-error h2 {
  margin-block: 0.5rem;
  font-size: 1.2rem;
}
`;
