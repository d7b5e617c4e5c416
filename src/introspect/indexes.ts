import type { Index, IndexKey } from '../model/types.js';
import { collationName, type IntrospectContext, notExtensionMember, userSchema, userTable } from './context.js';

// One row per index; the per-position details come as parallel arrays from a LATERAL over the
// index's own vectors (indkey covers key and INCLUDE columns; indclass, indcollation and indoption
// cover key columns only, so unnest pads them with NULL for INCLUDE positions).
// - opclass: only when not the default (opcdefault), qualified unless it lives in pg_catalog.
// - collation: only when it differs from the column's, or for an expression from its type's default.
// Lookups are scalar subqueries by oid: the planner cannot estimate unnest's row count, and as
// joins it hashed all of pg_opclass and pg_collation once per index (2x slower at 1,000 indexes).
function indexesSql(version: number): string {
  const nullsNotDistinct = version >= 150000 ? 'i.indnullsnotdistinct' : 'false';
  return `
SELECT n.nspname AS schema,
       t.relname AS table_name,
       ic.relname AS name,
       i.indisunique AS unique,
       i.indisvalid AS valid,
       ${nullsNotDistinct} AS nulls_not_distinct,
       am.amname AS method,
       i.indnkeyatts AS key_count,
       k.columns,
       k.expressions,
       k.opclasses,
       k.collations,
       k.options,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       coalesce(ic.reloptions::text[], ARRAY[]::text[]) AS with,
       obj_description(ic.oid, 'pg_class') AS comment,
       (SELECT pi.relname FROM pg_inherits inh JOIN pg_class pi ON pi.oid = inh.inhparent
        WHERE ic.relispartition AND inh.inhrelid = ic.oid) AS attached_to
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL (
  SELECT array_agg(a.attname::text ORDER BY key.ord) AS columns,
         array_agg(CASE WHEN key.attnum = 0 THEN pg_get_indexdef(i.indexrelid, key.ord::int, true) END
                   ORDER BY key.ord) AS expressions,
         array_agg((
           SELECT CASE WHEN opcn.nspname = 'pg_catalog' THEN opc.opcname::text
                       ELSE opcn.nspname || '.' || opc.opcname END
           FROM pg_opclass opc
           JOIN pg_namespace opcn ON opcn.oid = opc.opcnamespace
           WHERE opc.oid = key.opclass_oid AND NOT opc.opcdefault
         ) ORDER BY key.ord) AS opclasses,
         array_agg((
           SELECT ${collationName('coll', 'colln')}
           FROM pg_collation coll
           JOIN pg_namespace colln ON colln.oid = coll.collnamespace
           WHERE coll.oid = key.collation_oid
             AND key.collation_oid <> coalesce(a.attcollation, (
               SELECT it.typcollation FROM pg_attribute ia JOIN pg_type it ON it.oid = ia.atttypid
               WHERE ia.attrelid = i.indexrelid AND ia.attnum = key.ord))
         ) ORDER BY key.ord) AS collations,
         array_agg(coalesce(key.option, 0)::int ORDER BY key.ord) AS options
  FROM unnest(i.indkey::int2[], i.indclass::oid[], i.indcollation::oid[], i.indoption::int2[])
         WITH ORDINALITY AS key(attnum, opclass_oid, collation_oid, option, ord)
  LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = key.attnum AND key.attnum > 0
) k
WHERE (${userTable('t', 'n')}
    OR t.relkind = 'm' AND ${userSchema('n')} AND ${notExtensionMember('pg_class', 't.oid')})
  AND ${notExtensionMember('pg_class', 'ic.oid')}
  AND NOT EXISTS (
    SELECT 1 FROM pg_constraint con
    WHERE con.conrelid = i.indrelid AND con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))`;
}

interface IndexRow {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
  readonly unique: boolean;
  readonly valid: boolean;
  readonly nulls_not_distinct: boolean;
  readonly method: string;
  readonly key_count: number;
  readonly columns: (string | null)[];
  readonly expressions: (string | null)[];
  readonly opclasses: (string | null)[];
  readonly collations: (string | null)[];
  readonly options: number[];
  readonly predicate: string | null;
  readonly with: string[];
  readonly comment: string | null;
  readonly attached_to: string | null;
}

// pg_index.indoption bits (catalog/pg_index.h).
const INDOPTION_DESC = 1;
const INDOPTION_NULLS_FIRST = 2;

function keyOf(r: IndexRow, i: number): IndexKey {
  const column = r.columns[i] ?? null;
  const expression = column === null ? (r.expressions[i] ?? null) : null;
  if (column === null && expression === null) {
    throw new Error(`index ${r.schema}.${r.name}: key ${i + 1} has neither column nor expression`);
  }
  const option = r.options[i] ?? 0;
  return {
    column,
    expression,
    opclass: r.opclasses[i] ?? null,
    collation: r.collations[i] ?? null,
    descending: (option & INDOPTION_DESC) !== 0,
    nullsFirst: (option & INDOPTION_NULLS_FIRST) !== 0,
  };
}

function includeOf(r: IndexRow): string[] {
  return r.columns.slice(r.key_count).map((c, i) => {
    if (c === null) throw new Error(`index ${r.schema}.${r.name}: INCLUDE position ${i + 1} is not a column`);
    return c;
  });
}

function indexOf(r: IndexRow): Index {
  const keys: IndexKey[] = [];
  for (let i = 0; i < r.key_count; i++) keys.push(keyOf(r, i));
  return {
    kind: 'index',
    schema: r.schema,
    table: r.table_name,
    name: r.name,
    unique: r.unique,
    nullsNotDistinct: r.nulls_not_distinct,
    method: r.method,
    keys,
    include: includeOf(r),
    where: r.predicate,
    with: [...r.with].sort(),
    comment: r.comment,
    ...(r.valid ? {} : { invalid: true as const }),
    ...(r.attached_to === null ? {} : { attachedTo: r.attached_to }),
  };
}

export async function readIndexes(ctx: IntrospectContext): Promise<Index[]> {
  const { rows } = await ctx.db.query<IndexRow>(indexesSql(ctx.version), ctx.params);
  return rows.map(indexOf);
}
