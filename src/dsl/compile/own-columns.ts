import type { Location } from '../location.js';
import { isTableColumn, TABLE_COLUMN, type TableDef } from '../bound-column.js';
import { tableLabel } from './names.js';
import type { Reporter } from './report.js';

/** Column names of constraint columns, each of which must belong to `table`. */
export function ownColumns(table: TableDef, columns: readonly unknown[], location: Location | null, what: string, report: Reporter): string[] {
  if (columns.length === 0) report.fail(table, location, tableLabel(table), `The ${what} on ${tableLabel(table)} lists no columns`);
  return columns.map((c) => {
    if (!isTableColumn(c)) report.fail(table, location, tableLabel(table), `The ${what} on ${tableLabel(table)} lists something that is not a column of a table`);
    const bound = c[TABLE_COLUMN];
    if (bound.table !== table) {
      report.fail(table, location, tableLabel(table), `The ${what} on ${tableLabel(table)} uses column ${bound.name} of another table, ${tableLabel(bound.table)}`);
    }
    return bound.name;
  });
}

