import { defaultMultirangeName } from '../model/naming.js';
import type { RangeType } from '../model/types.js';
import { collationName, type IntrospectContext, notExtensionMember, userSchema } from './context.js';
import { dependsOnSql } from './depends.js';

/** A pg_proc oid as the model names it: bare in pg_catalog, `schema.name` otherwise. */
const routineName = (oid: string): string => `(SELECT CASE WHEN fn.nspname = 'pg_catalog' THEN f.proname::text ELSE fn.nspname || '.' || f.proname END
         FROM pg_proc f JOIN pg_namespace fn ON fn.oid = f.pronamespace WHERE f.oid = ${oid})`;

// The operator class and collation only when CREATE TYPE named other than the subtype's defaults;
// the multirange's name is compared with the server's default in TypeScript (model/naming.ts).
const RANGE_TYPES_SQL = `
SELECT n.nspname AS schema,
       t.typname AS name,
       format_type(r.rngsubtype, NULL) AS subtype,
       CASE WHEN NOT opc.opcdefault THEN
         CASE WHEN opcn.nspname = 'pg_catalog' THEN opc.opcname::text ELSE opcn.nspname || '.' || opc.opcname END
       END AS subtype_opclass,
       CASE WHEN co.oid IS NOT NULL THEN ${collationName('co', 'con')} END AS collation,
       CASE WHEN r.rngcanonical <> 0 THEN ${routineName('r.rngcanonical')} END AS canonical,
       CASE WHEN r.rngsubdiff <> 0 THEN ${routineName('r.rngsubdiff')} END AS subtype_diff,
       mt.typname AS multirange_name,
       obj_description(t.oid, 'pg_type') AS comment,
       ${dependsOnSql(`d.classid = 'pg_type'::regclass AND d.objid = t.oid`)} AS depends_on
FROM pg_range r
JOIN pg_type t ON t.oid = r.rngtypid
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type st ON st.oid = r.rngsubtype
JOIN pg_type mt ON mt.oid = r.rngmultitypid
JOIN pg_opclass opc ON opc.oid = r.rngsubopc
JOIN pg_namespace opcn ON opcn.oid = opc.opcnamespace
LEFT JOIN pg_collation co ON co.oid = r.rngcollation AND r.rngcollation <> st.typcollation
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
WHERE ${userSchema('n')}
  AND ${notExtensionMember('pg_type', 't.oid')}
ORDER BY n.nspname, t.typname`;

interface RangeTypeRow {
  readonly schema: string;
  readonly name: string;
  readonly subtype: string;
  readonly subtype_opclass: string | null;
  readonly collation: string | null;
  readonly canonical: string | null;
  readonly subtype_diff: string | null;
  readonly multirange_name: string;
  readonly comment: string | null;
  readonly depends_on: string[];
}

export async function readRangeTypes(ctx: IntrospectContext): Promise<RangeType[]> {
  const { rows } = await ctx.db.query<RangeTypeRow>(RANGE_TYPES_SQL, ctx.params);
  return rows.map((r) => ({
    kind: 'range-type',
    schema: r.schema,
    name: r.name,
    subtype: r.subtype,
    subtypeOpclass: r.subtype_opclass,
    collation: r.collation,
    canonical: r.canonical,
    subtypeDiff: r.subtype_diff,
    multirangeName: r.multirange_name === defaultMultirangeName(r.name) ? null : r.multirange_name,
    comment: r.comment,
    dependsOn: [...r.depends_on].sort(),
  }));
}
