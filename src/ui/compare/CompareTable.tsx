import { useMemo } from 'react';
import { displayCell, resultsTable, sortRows, toCsv, toMarkdown } from '../../core/compare/table';
import { setDifferencesOnly, sortBy } from '../../state/compare/actions';
import { selectCompare, type ComparedRun } from '../../state/compare/selectors';
import { useStore } from '../../state/store';
import { downloadText } from '../share/download';

/** One row per finished compared run; sortable by any column; exported as CSV or Markdown. */
export function CompareTable({ runs }: { runs: readonly ComparedRun[] }) {
  const { differencesOnly, sort } = useStore(selectCompare);
  const finished = useMemo(() => runs.flatMap((r) => (r.record ? [{ label: r.label, record: r.record, color: r.color }] : [])), [runs]);
  const table = useMemo(() => resultsTable(finished, differencesOnly), [finished, differencesOnly]);
  const colorOf = useMemo(() => new Map(finished.map((r) => [r.label, r.color])), [finished]);
  const rows = useMemo(() => (sort && table.columns.some((c) => c.key === sort.key) ? sortRows(table.rows, sort.key, sort.dir) : table.rows), [table, sort]);
  const shown = { ...table, rows };
  if (finished.length === 0) return <p className="compare__note">The results table fills in as the compared runs finish.</p>;
  return (
    <div className="compare-table" data-testid="compare-table">
      <div className="compare-table__tools">
        <label>
          <input type="checkbox" data-testid="differences-only" checked={differencesOnly} onChange={(e) => setDifferencesOnly(e.currentTarget.checked)} /> differences only
        </label>
        <button type="button" className="button button--quiet" data-testid="export-csv" onClick={() => downloadText('ssl-comparison.csv', toCsv(shown), 'text/csv')}>
          Export CSV
        </button>
        <button type="button" className="button button--quiet" data-testid="export-markdown" onClick={() => downloadText('ssl-comparison.md', toMarkdown(shown), 'text/markdown')}>
          Export Markdown
        </button>
      </div>
      <div className="compare-table__scroll">
        <table>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} className={c.kind === 'text' ? '' : 'num'} aria-sort={sort?.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                  <button type="button" data-testid={`sort-${c.key}`} onClick={() => sortBy(c.key)}>
                    {c.title}
                    {sort?.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={String(row.label)} data-testid="compare-row">
                {table.columns.map((c) => (
                  <td key={c.key} className={c.kind === 'text' ? '' : 'num'} data-col={c.key} data-value={row[c.key] ?? ''}>
                    {c.key === 'label' && <span className="compare-swatch" style={{ background: colorOf.get(String(row.label)) }} />}
                    {displayCell(row[c.key], c.kind)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
