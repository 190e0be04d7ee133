// Styles of the source pages (joined into the one site stylesheet by ../site-css.ts). Logical properties
// (inline-start/end) only, so right-to-left pages mirror without extra rules. The data tables defined here
// are shared by the info pages (API parameters, error codes).
export const SOURCE_CSS = `.muted {
  color: var(--muted);
}

.table-region {
  overflow-x: auto;
  margin-block: 1rem;
}

main > .table-wide {
  max-width: 64rem;
}

.data-table {
  width: 100%;
  border-collapse: collapse;
  font-size: 0.95rem;
}

.data-table caption {
  text-align: start;
  font-weight: 700;
  padding-block-end: 0.5rem;
}

.data-table th,
.data-table td {
  padding: 0.4rem 0.5rem;
  text-align: start;
  vertical-align: top;
  border-block-end: 1px solid var(--border);
  overflow-wrap: anywhere;
}

.data-table thead th {
  border-block-end: 2px solid var(--muted);
  overflow-wrap: normal;
}

.data-table tbody th {
  font-weight: 600;
}

.data-table .num {
  text-align: end;
  font-variant-numeric: tabular-nums;
  white-space: nowrap;
  overflow-wrap: normal;
}

.data-table .num .muted {
  white-space: normal;
}

.run-status {
  font-weight: 600;
}

.facts {
  display: grid;
  grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr);
  gap: 0.35rem 1rem;
}

.facts dt {
  font-weight: 600;
}

.facts dd {
  margin: 0;
  overflow-wrap: anywhere;
}

.record-counts dd {
  text-align: start;
}

.inline-list {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem 0.75rem;
  margin: 0;
  padding: 0;
  list-style: none;
}

/* Record ids and set names are long unbroken strings: let them wrap anywhere on a narrow screen. */
.inline-list li {
  min-width: 0;
  overflow-wrap: anywhere;
}

.fix p {
  overflow-wrap: anywhere;
}

.error-classes {
  margin: 0;
  padding: 0;
  list-style: none;
}

.breadcrumb {
  margin-block-end: 0;
}

.quality-score {
  font-size: 1.25rem;
  font-weight: 700;
}

.fix-list {
  padding-inline-start: 1.5rem;
}

.fix {
  margin-block-end: 1.25rem;
  padding-inline-start: 0.75rem;
  border-inline-start: 4px solid var(--border);
}

.fix p {
  margin-block: 0.25rem;
}

.fix-error {
  border-inline-start-color: #b3261e;
}

.fix-warning {
  border-inline-start-color: #8a5a00;
}

.fix-example-list code,
.facts code {
  font-size: 0.9rem;
}

@media (prefers-color-scheme: dark) {
  .fix-error {
    border-inline-start-color: #ff8a80;
  }

  .fix-warning {
    border-inline-start-color: #ffcc66;
  }
}

.cell-label {
  display: none;
}

/* On narrow screens a .stack-table shows each row as a card: the row header first, then each cell with its
   column name (the .cell-label, hidden from screen readers, which announce the real header). */
@media (max-width: 40rem) {
  .stack-table,
  .stack-table caption,
  .stack-table tbody,
  .stack-table tr,
  .stack-table th,
  .stack-table td {
    display: block;
  }

  .stack-table thead {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .stack-table tr {
    padding-block: 0.5rem;
    border-block-end: 1px solid var(--border);
  }

  .stack-table tr:first-child {
    border-block-start: 2px solid var(--muted);
  }

  .stack-table th,
  .stack-table td {
    padding: 0.1rem 0;
    border: 0;
  }

  .stack-table .num {
    text-align: start;
  }

  .stack-table .cell-label {
    display: inline;
    font-weight: 600;
  }

  .stack-table td.count {
    display: inline-block;
    margin-inline-end: 1rem;
  }

  .stack-table .error-classes {
    display: inline-block;
    vertical-align: top;
  }
}

@media (max-width: 30rem) {
  .facts {
    grid-template-columns: minmax(0, 1fr);
    gap: 0 1rem;
  }

  .facts dd {
    margin-block-end: 0.5rem;
  }
}`;
