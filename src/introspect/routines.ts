import type { Routine } from '../model/types.js';
import { type IntrospectContext, userSchema } from './context.js';
import { dependsOnSql } from './depends.js';

// Plain functions and procedures ('f', 'p'): aggregates ('a') are their own kind (aggregates.ts), and
// window functions ('w') are named as unmanaged.
// Functions an extension created are left out, like every extension member, and so are those the
// server made as part of another object (deptype 'i': a range type's and its multirange's
// constructors), which are created and dropped with that object and cannot be created on their own.
const ROUTINES_SQL = `
SELECT n.nspname AS schema,
       p.proname AS name,
       pg_get_function_identity_arguments(p.oid) AS args,
       pg_catalog.oidvectortypes(p.proargtypes) AS arg_types,
       p.prokind = 'p' AS procedure,
       pg_get_function_arguments(p.oid) AS signature,
       CASE WHEN p.prokind = 'p' THEN NULL ELSE pg_get_function_result(p.oid) END AS returns,
       pg_get_functiondef(p.oid) AS definition,
       obj_description(p.oid, 'pg_proc') AS comment,
       ${dependsOnSql(`d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.refobjid <> p.oid`)} AS depends_on
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p')
  AND ${userSchema('n')}
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend ext
    WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid AND ext.deptype IN ('e', 'i'))
ORDER BY n.nspname, p.proname, 3`;

interface RoutineRow {
  readonly schema: string;
  readonly name: string;
  readonly args: string;
  readonly arg_types: string;
  readonly procedure: boolean;
  readonly signature: string;
  readonly returns: string | null;
  readonly definition: string;
  readonly comment: string | null;
  readonly depends_on: string[];
}

export async function readRoutines(ctx: IntrospectContext): Promise<Routine[]> {
  const { rows } = await ctx.db.query<RoutineRow>(ROUTINES_SQL, ctx.params);
  return rows.map((r) => ({
    kind: 'function',
    schema: r.schema,
    name: r.name,
    args: r.args,
    argTypes: r.arg_types,
    procedure: r.procedure,
    signature: r.signature,
    returns: r.returns,
    // pg_get_functiondef ends with a newline and no semicolon; the model holds the statement alone.
    definition: r.definition.trim(),
    comment: r.comment,
    dependsOn: [...r.depends_on].sort(),
  }));
}
