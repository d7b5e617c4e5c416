import type { ReplicaIdentity } from '../model/types.js';
import type { ColumnDef, QName, TableOptionChange, TableOptions } from '../plan/ops.js';
import { defaultNotNullName } from '../model/not-null.js';
import { notNullClause, renderColumnDef } from './columns.js';
import { quoteIdent, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);

export function hasTableOptions(o: TableOptions): boolean {
  return o.unlogged !== undefined || o.partitionBy !== undefined || o.partitionOf !== undefined || (o.inherits?.length ?? 0) > 0;
}

/**
 * CREATE TABLE with what the model says besides columns. A partition takes its columns from its
 * parent; the bound and the partition key are server-printed text, passed through.
 */
export function renderCreateTableWith(table: QName, columns: readonly ColumnDef[], o: TableOptions): string {
  const head = `CREATE ${o.unlogged ? 'UNLOGGED ' : ''}TABLE ${q(table)}`;
  const partitionBy = o.partitionBy !== undefined ? ` PARTITION BY ${o.partitionBy}` : '';
  if (o.partitionOf !== undefined) {
    const parent = quoteQualified(o.partitionOf.schema, o.partitionOf.table);
    return `${head} PARTITION OF ${parent}${partitionNotNulls(table, columns)} ${o.partitionOf.bound}${partitionBy}`;
  }
  const body = columns.length === 0 ? '()' : `(\n${columns.map((c) => `  ${renderColumnDef(c)}`).join(',\n')}\n)`;
  const inherits = (o.inherits ?? []).length > 0 ? ` INHERITS (${o.inherits!.map((p) => quoteQualified(p.schema, p.table)).join(', ')})` : '';
  return `${head} ${body}${inherits}${partitionBy}`;
}

/**
 * PARTITION OF gives a partition its parent's NOT NULL constraint names (PostgreSQL 18), where ATTACH
 * keeps the table's own: each name is stated so that the partition has the one its model says.
 */
function partitionNotNulls(table: QName, columns: readonly ColumnDef[]): string {
  const named = columns.filter((c) => c.notNull)
    .map((c) => `  ${quoteIdent(c.name)} WITH OPTIONS ${notNullClause(c.notNullName ?? defaultNotNullName(table.name, c.name))}`);
  return named.length === 0 ? '' : ` (\n${named.join(',\n')}\n)`;
}

function replicaIdentity(identity: ReplicaIdentity | 'default'): string {
  if (typeof identity === 'object') return `USING INDEX ${quoteIdent(identity.index)}`;
  return identity.toUpperCase();
}

function renderOption(table: QName, o: TableOptionChange): string {
  switch (o.kind) {
    case 'logged':
      return `ALTER TABLE ${q(table)} SET ${o.unlogged ? 'UNLOGGED' : 'LOGGED'}`;
    case 'attach':
      return `ALTER TABLE ${q(o.parent)} ATTACH PARTITION ${q(table)} ${o.bound}`;
    case 'detach':
      return `ALTER TABLE ${q(o.parent)} DETACH PARTITION ${q(table)}`;
    case 'inherit':
      return `ALTER TABLE ${q(table)} INHERIT ${q(o.parent)}`;
    case 'no-inherit':
      return `ALTER TABLE ${q(table)} NO INHERIT ${q(o.parent)}`;
    case 'replica-identity':
      return `ALTER TABLE ${q(table)} REPLICA IDENTITY ${replicaIdentity(o.identity)}`;
    case 'cluster':
      return o.index === null ? `ALTER TABLE ${q(table)} SET WITHOUT CLUSTER` : `ALTER TABLE ${q(table)} CLUSTER ON ${quoteIdent(o.index)}`;
    default: {
      const never: never = o;
      throw new Error(`unknown table option ${JSON.stringify(never)}`);
    }
  }
}

export const tableOptionRenderers: Renderers<'set-table-option'> = {
  'set-table-option': (op) => renderOption(op.table, op.option),
};
