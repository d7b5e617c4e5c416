import type { CompositeType } from '../model/types.js';
import { collationName, type IntrospectContext, notExtensionMember, userSchema } from './context.js';

/**
 * Standalone composite types: typtype 'c' whose relation is of relkind 'c'. Every table, view and
 * sequence has a row type of typtype 'c' too, but its relation is the table: that one is the
 * table's, read with it. Attributes in order; a collation only where it is not the attribute
 * type's own, as columns hold it.
 */
const COMPOSITE_TYPES_SQL = `
SELECT n.nspname AS schema,
       t.typname AS name,
       coalesce((
         SELECT json_agg(json_build_object(
                  'name', a.attname,
                  'type', format_type(a.atttypid, a.atttypmod),
                  'collation', CASE WHEN co.oid IS NOT NULL THEN ${collationName('co', 'con')} END,
                  'comment', col_description(c.oid, a.attnum)) ORDER BY a.attnum)
         FROM pg_attribute a
         JOIN pg_type at ON at.oid = a.atttypid
         LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> at.typcollation
         LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]'::json) AS attributes,
       obj_description(t.oid, 'pg_type') AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
WHERE t.typtype = 'c'
  AND ${userSchema('n')}
  AND ${notExtensionMember('pg_type', 't.oid')}
ORDER BY n.nspname, t.typname`;

interface CompositeTypeRow {
  readonly schema: string;
  readonly name: string;
  readonly attributes: { name: string; type: string; collation: string | null; comment: string | null }[];
  readonly comment: string | null;
}

export async function readCompositeTypes(ctx: IntrospectContext): Promise<CompositeType[]> {
  const { rows } = await ctx.db.query<CompositeTypeRow>(COMPOSITE_TYPES_SQL, ctx.params);
  return rows.map((r) => ({
    kind: 'composite-type',
    schema: r.schema,
    name: r.name,
    attributes: r.attributes.map((a) => ({ name: a.name, type: a.type, collation: a.collation, comment: a.comment })),
    comment: r.comment,
  }));
}
