import type { QName } from '../plan/ops.js';
import { renderColumnDef } from './columns.js';
import { hasTableOptions, renderCreateTableWith } from './table-options.js';
import { quoteIdent, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);

export const tableRenderers: Renderers<'create-table' | 'drop-table' | 'rename-table'> = {
  'create-table': (op) => {
    if (op.options !== undefined && hasTableOptions(op.options)) return renderCreateTableWith(op.table, op.columns, op.options);
    if (op.columns.length === 0) return `CREATE TABLE ${q(op.table)} ()`;
    return `CREATE TABLE ${q(op.table)} (\n${op.columns.map((c) => `  ${renderColumnDef(c)}`).join(',\n')}\n)`;
  },
  'drop-table': (op) => `DROP TABLE ${q(op.table)}`,
  'rename-table': (op) => `ALTER TABLE ${q(op.table)} RENAME TO ${quoteIdent(op.newName)}`,
};
