import type { Sequence, SequenceOptions } from '../model/types.js';
import { type IntrospectContext, notExtensionMember, userSchema } from './context.js';

/** Columns of pg_sequence as text, shared with the identity columns of tables.ts. */
export function sequenceOptionColumns(alias: string, prefix: string): string {
  return `format_type(${alias}.seqtypid, NULL) AS ${prefix}data_type,
       ${alias}.seqstart::text AS ${prefix}start,
       ${alias}.seqincrement::text AS ${prefix}increment,
       ${alias}.seqmin::text AS ${prefix}min,
       ${alias}.seqmax::text AS ${prefix}max,
       ${alias}.seqcache::text AS ${prefix}cache,
       ${alias}.seqcycle AS ${prefix}cycle`;
}

export interface SequenceOptionRow {
  readonly data_type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
}

export function sequenceOptions(r: SequenceOptionRow): SequenceOptions {
  return {
    dataType: r.data_type,
    start: r.start,
    increment: r.increment,
    min: r.min,
    max: r.max,
    cache: r.cache,
    cycle: r.cycle,
  };
}

// Identity sequences (deptype 'i') belong to their column and are reported there. OWNED BY
// (deptype 'a', what serial creates) ties a sequence to a column of a table in the same schema.
const SEQUENCES_SQL = `
SELECT n.nspname AS schema,
       c.relname AS name,
       ${sequenceOptionColumns('s', '')},
       owner.table_name,
       owner.column_name,
       obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN LATERAL (
  SELECT tc.relname AS table_name, a.attname AS column_name
  FROM pg_depend d
  JOIN pg_class tc ON tc.oid = d.refobjid
  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
    AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'
) owner ON true
WHERE c.relkind = 'S'
  AND ${userSchema('n')}
  AND ${notExtensionMember('pg_class', 'c.oid')}
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend i
    WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid AND i.deptype = 'i')`;

interface SequenceRow extends SequenceOptionRow {
  readonly schema: string;
  readonly name: string;
  readonly table_name: string | null;
  readonly column_name: string | null;
  readonly comment: string | null;
}

export async function readSequences(ctx: IntrospectContext): Promise<Sequence[]> {
  const { rows } = await ctx.db.query<SequenceRow>(SEQUENCES_SQL, ctx.params);
  return rows.map((r) => ({
    kind: 'sequence',
    schema: r.schema,
    name: r.name,
    options: sequenceOptions(r),
    ownedBy: r.table_name !== null && r.column_name !== null ? { table: r.table_name, column: r.column_name } : null,
    comment: r.comment,
  }));
}
