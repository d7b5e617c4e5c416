import { NAMED_NOT_NULL_SINCE, notNullNameField } from '../model/not-null.js';
import type { Column, Identity, InheritedColumn, Table } from '../model/types.js';
import { collationName, type IntrospectContext, userTable } from './context.js';
import { sequenceOptionColumns, sequenceOptions, type SequenceOptionRow } from './sequences.js';
import { tableOptionColumns, tableOptions, type TableOptionRow } from './table-options.js';

// PostgreSQL 18 records NOT NULL as a named constraint (contype 'n'), one per column.
const NOT_NULL_JOIN = `LEFT JOIN pg_constraint nn ON nn.conrelid = c.oid AND nn.contype = 'n' AND nn.conkey = ARRAY[a.attnum]`;

// One row per column (a table without columns still yields one row, with NULL column fields),
// ordered so that grouping by table in a single pass keeps attnum order. The identity sequence is
// joined through pg_depend deptype 'i' so that its options come with the column. Comments are
// joined rather than read with obj_description()/col_description(): those are SQL functions run
// once per row, which made this query several times slower on a thousand tables.
function tablesSql(version: number): string {
  return `
SELECT n.nspname AS schema,
       c.relname AS table_name,
       td.description AS table_comment,
       c.relrowsecurity AS row_security,
       c.relforcerowsecurity AS force_row_security,
       c.relispartition AS is_partition,
       ${tableOptionColumns('c')},
       a.attname AS name,
       format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       ${version >= NAMED_NOT_NULL_SINCE ? 'nn.conname' : 'NULL::name'} AS not_null_name,
       a.attidentity AS identity,
       a.attgenerated AS generated,
       pg_get_expr(ad.adbin, ad.adrelid) AS expression,
       CASE WHEN co.oid IS NOT NULL THEN ${collationName('co', 'con')} END AS collation,
       cd.description AS comment,
       -- a child table's inherited columns are its parents' (a partition's are listed: DETACH keeps
       -- them); only its own default and comment on them are its own
       a.attislocal OR c.relispartition AS own,
       ${sequenceOptionColumns('s', 'seq_')}
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_type t ON t.oid = a.atttypid
${version >= NAMED_NOT_NULL_SINCE ? NOT_NULL_JOIN : ''}
LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
LEFT JOIN pg_depend idd ON a.attidentity <> ''
  AND idd.refclassid = 'pg_class'::regclass AND idd.refobjid = c.oid AND idd.refobjsubid = a.attnum
  AND idd.classid = 'pg_class'::regclass AND idd.deptype = 'i'
LEFT JOIN pg_sequence s ON s.seqrelid = idd.objid
LEFT JOIN pg_description td ON td.classoid = 'pg_class'::regclass AND td.objoid = c.oid AND td.objsubid = 0
LEFT JOIN pg_description cd ON cd.classoid = 'pg_class'::regclass AND cd.objoid = c.oid AND cd.objsubid = a.attnum
WHERE ${userTable('c', 'n')}
ORDER BY n.nspname, c.relname, a.attnum`;
}

type Prefixed<T, P extends string> = { readonly [K in keyof T & string as `${P}${K}`]: T[K] | null };

interface TableRow extends Prefixed<SequenceOptionRow, 'seq_'> {
  readonly schema: string;
  readonly table_name: string;
  readonly table_comment: string | null;
  readonly row_security: boolean;
  readonly force_row_security: boolean;
  readonly is_partition: boolean;
  readonly options: TableOptionRow;
  readonly name: string | null;
  readonly type: string;
  readonly not_null: boolean;
  readonly not_null_name: string | null;
  /** '' | 'a' (ALWAYS) | 'd' (BY DEFAULT) */
  readonly identity: string;
  /** '' | 's' (STORED) | 'v' (VIRTUAL, PostgreSQL 18) */
  readonly generated: string;
  readonly expression: string | null;
  readonly collation: string | null;
  readonly comment: string | null;
  readonly own: boolean | null;
}

function identityOf(r: TableRow): Identity | null {
  if (r.identity === '') return null;
  const generation = r.identity === 'a' ? 'always' : r.identity === 'd' ? 'by-default' : null;
  const where = `identity column ${r.schema}.${r.table_name}.${r.name}`;
  if (generation === null) throw new Error(`${where}: unknown attidentity '${r.identity}'`);
  const options = {
    data_type: r.seq_data_type,
    start: r.seq_start,
    increment: r.seq_increment,
    min: r.seq_min,
    max: r.seq_max,
    cache: r.seq_cache,
    cycle: r.seq_cycle,
  };
  if (!isComplete(options)) {
    // PostgreSQL 17+ marks a partition's column as identity but keeps one sequence, its parent's;
    // up to 16 the partition's column is plain. Read both as plain: the identity is the parent's
    // (and a partition's columns only count once it is detached, which leaves it without one).
    if (r.is_partition && Object.values(options).every((v) => v === null)) return null;
    throw new Error(`${where} has no identity sequence in pg_depend`);
  }
  return { generation, options: sequenceOptions(options) };
}

function isComplete(o: Prefixed<SequenceOptionRow, ''>): o is SequenceOptionRow {
  return Object.values(o).every((v) => v !== null);
}

function generatedOf(r: TableRow): string | null {
  switch (r.generated) {
    case '':
      return null;
    case 's':
      return r.expression;
    default:
      // The model only knows STORED columns; reading a VIRTUAL one as STORED would plan a rewrite.
      throw new Error(
        `column ${r.schema}.${r.table_name}.${r.name} is a generated column of kind '${r.generated}' (VIRTUAL), which pgtide does not support yet`,
      );
  }
}

function columnOf(r: TableRow, name: string): Column {
  const identity = identityOf(r);
  const generated = generatedOf(r);
  const plainDefault = identity === null && generated === null && r.expression !== null;
  return {
    name,
    type: r.type,
    notNull: r.not_null,
    ...(r.not_null ? notNullNameField(r.table_name, name, r.not_null_name) : {}),
    default: plainDefault ? { kind: 'sql', text: r.expression! } : null,
    identity,
    generated,
    collation: r.collation,
    comment: r.comment,
  };
}

/** An inherited column: its type, NOT NULL and identity are the parent's; the default and comment are the child's own. */
function inheritedColumnOf(r: TableRow, name: string): InheritedColumn {
  const plainDefault = r.identity === '' && r.generated === '' && r.expression !== null;
  return { name, default: plainDefault ? { kind: 'sql', text: r.expression! } : null, comment: r.comment };
}

export async function readTables(ctx: IntrospectContext): Promise<Table[]> {
  const { rows } = await ctx.db.query<TableRow>(tablesSql(ctx.version), ctx.params);
  const tables: Table[] = [];
  let current: { table: Table; columns: Column[]; inherited: InheritedColumn[] } | null = null;
  const done = (c: typeof current): void => {
    if (c !== null) tables.push(c.inherited.length > 0 ? { ...c.table, inheritedColumns: c.inherited } : c.table);
  };
  for (const r of rows) {
    if (current === null || current.table.schema !== r.schema || current.table.name !== r.table_name) {
      done(current);
      const columns: Column[] = [];
      current = {
        columns,
        inherited: [],
        table: {
          kind: 'table',
          schema: r.schema,
          name: r.table_name,
          columns,
          comment: r.table_comment,
          // Only when on, so that tables without row-level security read as before.
          ...(r.row_security ? { rowSecurity: true } : {}),
          ...(r.force_row_security ? { forceRowSecurity: true } : {}),
          ...tableOptions(r.options),
        },
      };
    }
    if (r.name === null) continue;
    if (r.own === true) current.columns.push(columnOf(r, r.name));
    else current.inherited.push(inheritedColumnOf(r, r.name));
  }
  done(current);
  return tables;
}
