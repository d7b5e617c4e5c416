import type { QName, RestoredColumn } from '../plan/ops.js';
import { castExpression } from './columns.js';
import { quoteIdent, quoteLiteral, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);

function restoredValue(value: RestoredColumn['value']): string {
  switch (value.kind) {
    case 'column':
      return quoteIdent(value.name);
    case 'cast':
      return castExpression(value.name, value.type, value.using);
    case 'sql':
      return value.text;
    default: {
      const never: never = value;
      throw new Error(`unknown restored value ${JSON.stringify(never)}`);
    }
  }
}

/** The identity sequence of a column, found by the server: its name is not part of the model. */
const sequenceOf = (table: QName, column: string): string =>
  `pg_get_serial_sequence(${quoteLiteral(q(table))}, ${quoteLiteral(column)})`;

export const rebuildRenderers: Renderers<'lock-table' | 'hold-rows' | 'hold-identity-counters' | 'restore-rows' | 'restore-identity-counters'> = {
  'lock-table': (op) => `LOCK TABLE ${q(op.table)} IN SHARE MODE`,
  'hold-rows': (op) => `CREATE TABLE ${q(op.holding)} AS TABLE ${q(op.table)}`,
  // pg_sequence_last_value is NULL for a sequence never used, which setval below then skips (strict).
  'hold-identity-counters': (op) =>
    `CREATE TABLE ${q(op.holding)} AS SELECT ${op.columns
      .map((c) => `pg_sequence_last_value(${sequenceOf(op.table, c)}) AS ${quoteIdent(c)}`).join(', ')}`,
  'restore-rows': (op) => {
    const targets = op.columns.map((c) => quoteIdent(c.name)).join(', ');
    const values = op.columns.map((c) => restoredValue(c.value)).join(', ');
    return `INSERT INTO ${q(op.table)} (${targets}) OVERRIDING SYSTEM VALUE SELECT ${values} FROM ${q(op.holding)}`;
  },
  'restore-identity-counters': (op) =>
    `SELECT ${op.columns.map((c) => `setval(${sequenceOf(op.table, c.column)}, ${quoteIdent(c.held)})`).join(', ')} FROM ${q(op.holding)}`,
};
