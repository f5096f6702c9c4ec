/**
 * A data table as the staff and public pages draw it: a visually hidden caption (the
 * visible heading is outside), one `scope="col"` header per column, and the first
 * column as the row headers (`scope="row"`). Each column names its header and its cell
 * together, so a figure column's `num` class (right-aligned) cannot drift between the
 * header and the cells, and the thead/tbody markup is written once instead of per table.
 */
import type { Child } from 'hono/jsx';

/** One column: its header, its cell for a row, and whether it holds figures. */
export interface Column<T> {
  label: string;
  /** Right-aligned figures: `class="num"` on the header and every cell. */
  num?: boolean;
  cell: (row: T) => Child;
}

/** The table itself, without a wrapper: callers choose `div.table-wrap`, a labelled section or none. */
export function DataTable<T>(props: { caption: string; columns: readonly Column<T>[]; rows: readonly T[] }) {
  const numClass = (c: Column<T>) => (c.num ? 'num' : undefined);
  return (
    <table>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th scope="col" class={numClass(c)}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            {props.columns.map((c, i) =>
              i === 0 ? (
                <th scope="row" class={numClass(c)}>
                  {c.cell(row)}
                </th>
              ) : (
                <td class={numClass(c)}>{c.cell(row)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
