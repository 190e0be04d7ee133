// Styles of the home pages (joined into the one site stylesheet by ../site-css.ts). Logical properties
// (inline-start/end) only, so right-to-left pages mirror without extra rules.
export const HOME_CSS = `.catalog-links {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem 1.5rem;
}

.catalog-tables {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
  gap: 1.5rem 2rem;
  align-items: start;
}

.catalog-table {
  width: 100%;
  border-collapse: collapse;
}

.catalog-table caption {
  text-align: start;
  font-weight: 700;
  padding-block-end: 0.25rem;
}

.catalog-table th,
.catalog-table td {
  padding: 0.3rem 0.5rem;
  border-block-end: 1px solid var(--border);
  text-align: start;
  vertical-align: top;
}

.catalog-table thead th {
  color: var(--muted);
  font-size: 0.9rem;
}

.catalog-table th[scope='row'] {
  font-weight: 400;
}

.catalog-table td,
.catalog-table thead th:last-child {
  text-align: end;
  font-variant-numeric: tabular-nums;
  white-space: nowrap;
}
`;
