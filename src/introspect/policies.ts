import type { Policy, PolicyCommand } from '../model/types.js';
import { type IntrospectContext, userSchema } from './context.js';
import { dependsOnSql } from './depends.js';

// polroles holds role oids; 0 is PUBLIC. Roles are sorted by name so that order never reads as a change.
const POLICIES_SQL = `
SELECT n.nspname AS schema,
       c.relname AS table_name,
       p.polname AS name,
       p.polpermissive AS permissive,
       p.polcmd AS command,
       coalesce((SELECT array_agg(x.role ORDER BY x.role)
                 FROM (SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE (SELECT rolname::text FROM pg_roles WHERE oid = r.oid) END AS role
                       FROM unnest(p.polroles) AS r(oid)) x), ARRAY[]::text[]) AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using,
       pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
       obj_description(p.oid, 'pg_policy') AS comment,
       ${dependsOnSql(`d.classid = 'pg_policy'::regclass AND d.objid = p.oid`)} AS depends_on
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${userSchema('n')}
ORDER BY n.nspname, c.relname, p.polname`;

interface PolicyRow {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
  readonly permissive: boolean;
  /** r, a, w, d or * */
  readonly command: string;
  readonly roles: string[];
  readonly using: string | null;
  readonly with_check: string | null;
  readonly comment: string | null;
  readonly depends_on: string[];
}

const COMMANDS: Readonly<Record<string, PolicyCommand>> = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' };

export async function readPolicies(ctx: IntrospectContext): Promise<Policy[]> {
  const { rows } = await ctx.db.query<PolicyRow>(POLICIES_SQL, ctx.params);
  return rows.map((r) => {
    const command = COMMANDS[r.command];
    if (command === undefined) throw new Error(`policy ${r.name} on ${r.schema}.${r.table_name}: unknown polcmd '${r.command}'`);
    return {
      kind: 'policy',
      schema: r.schema,
      table: r.table_name,
      name: r.name,
      permissive: r.permissive,
      command,
      roles: r.roles,
      usingExpression: r.using,
      withCheck: r.with_check,
      comment: r.comment,
      // The table itself is a dependency too: a policy is re-created with its table.
      dependsOn: [...new Set([`table:${r.schema}.${r.table_name}`, ...r.depends_on])].sort(),
    };
  });
}
