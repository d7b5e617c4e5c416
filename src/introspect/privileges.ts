import { grantTargetId, relationId } from '../model/ids.js';
import { PUBLIC_SCHEMA, PUBLIC_SCHEMA_DEFAULT, publicSchemaDefault } from '../model/server-defaults.js';
import type { GrantTarget, Privilege } from '../model/types.js';
import { type IntrospectContext, userSchema } from './context.js';

const notMember = (catalog: string, oid: string): string => `NOT EXISTS (
      SELECT 1 FROM pg_depend ext WHERE ext.classid = '${catalog}'::regclass AND ext.objid = ${oid} AND ext.deptype = 'e')`;

// A function the server made for another object (pg_depend 'i': a range's and its multirange's
// constructors) is that object's, like the routines reader says: its grants are not a function's.
const notOwned = (oid: string): string => `NOT EXISTS (
      SELECT 1 FROM pg_depend own WHERE own.classid = 'pg_proc'::regclass AND own.objid = ${oid} AND own.deptype IN ('e', 'i'))`;

// One row per (object, grantee, privilege) from aclexplode over each catalog's ACL, with the
// defaults (acldefault) when the ACL was never changed, and without the owner's own entry.
const ACL_ROWS = `
SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'view' ELSE 'table' END AS on_kind,
       n.nspname AS schema, c.relname AS name, NULL::text AS sub, a.grantee, a.privilege_type, a.is_grantable
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL aclexplode(coalesce(c.relacl, acldefault((CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::"char", c.relowner))) a
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND a.grantee <> c.relowner AND ${userSchema('n')} AND ${notMember('pg_class', 'c.oid')}
UNION ALL
SELECT CASE WHEN c.relkind IN ('v', 'm') THEN 'view-column' ELSE 'column' END, n.nspname, c.relname, att.attname::text, a.grantee, a.privilege_type, a.is_grantable
FROM pg_attribute att
JOIN pg_class c ON c.oid = att.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL aclexplode(att.attacl) a
WHERE att.attacl IS NOT NULL AND att.attnum > 0 AND NOT att.attisdropped AND a.grantee <> c.relowner
  AND c.relkind IN ('r', 'p', 'v', 'm') AND ${userSchema('n')}
UNION ALL
SELECT 'schema', n.nspname, n.nspname, NULL, a.grantee, a.privilege_type, a.is_grantable
FROM pg_namespace n
CROSS JOIN LATERAL aclexplode(coalesce(n.nspacl, acldefault('n'::"char", n.nspowner))) a
WHERE a.grantee <> n.nspowner AND ${userSchema('n')}
UNION ALL
SELECT CASE WHEN p.prokind = 'a' THEN 'aggregate' ELSE 'function' END, n.nspname, p.proname,
       pg_get_function_identity_arguments(p.oid) || CASE WHEN p.prokind = 'a' THEN chr(10) || pg_catalog.oidvectortypes(p.proargtypes) ELSE '' END,
       a.grantee, a.privilege_type, a.is_grantable
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
CROSS JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f'::"char", p.proowner))) a
WHERE p.prokind IN ('f', 'p', 'a') AND a.grantee <> p.proowner AND ${userSchema('n')} AND ${notOwned('p.oid')}`;

const PRIVILEGES_SQL = `
SELECT acl.on_kind, acl.schema, acl.name, acl.sub,
       CASE WHEN acl.grantee = 0 THEN 'public' ELSE pg_get_userbyid(acl.grantee)::text END AS grantee,
       array_agg(acl.privilege_type::text ORDER BY acl.privilege_type) AS privileges,
       coalesce(array_agg(acl.privilege_type::text ORDER BY acl.privilege_type) FILTER (WHERE acl.is_grantable), ARRAY[]::text[]) AS grantable
FROM (${ACL_ROWS}) acl
GROUP BY acl.on_kind, acl.schema, acl.name, acl.sub, acl.grantee
ORDER BY 1, 2, 3, 4, 5`;

interface PrivilegeRow {
  /** `view-column`: a column of a view or materialized view, granted on like a table's. */
  readonly on_kind: 'sequence' | 'view' | 'table' | 'column' | 'view-column' | 'schema' | 'function' | 'aggregate';
  readonly schema: string;
  readonly name: string;
  /**
   * Column name, or a function's identity arguments; an aggregate's, then a line break and its
   * argument types (a line break is in no type's name as the server prints it).
   */
  readonly sub: string | null;
  readonly grantee: string;
  readonly privileges: string[];
  readonly grantable: string[];
}

function targetOf(r: PrivilegeRow): GrantTarget {
  switch (r.on_kind) {
    case 'schema':
      return { on: 'schema', name: r.name };
    case 'table':
    case 'view':
    case 'sequence':
      return { on: r.on_kind, schema: r.schema, name: r.name };
    case 'column':
    case 'view-column':
      return { on: 'column', schema: r.schema, table: r.name, column: r.sub ?? '' };
    case 'function':
      return { on: 'function', schema: r.schema, name: r.name, args: r.sub ?? '' };
    case 'aggregate': {
      const [args = '', argTypes = ''] = (r.sub ?? '').split('\n');
      return { on: 'aggregate', schema: r.schema, name: r.name, args, argTypes };
    }
    default: {
      const never: never = r.on_kind;
      throw new Error(`privilege on an unknown kind of object ${String(never)}`);
    }
  }
}

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * PUBLIC's privileges on schema `public` as they compare across servers: a server before PostgreSQL 15
 * that still has its own default (CREATE and USAGE) holds what a new database of today holds (USAGE),
 * so that only a GRANT or REVOKE somebody made on it differs. Everything else is as read.
 */
export function comparablePrivileges(target: GrantTarget, grantee: string, privileges: readonly string[], grantable: readonly string[], version: number): readonly string[] {
  const onPublic = target.on === 'schema' && target.name === PUBLIC_SCHEMA && grantee === 'public';
  return onPublic && grantable.length === 0 && same(privileges, publicSchemaDefault(version)) ? PUBLIC_SCHEMA_DEFAULT : privileges;
}

export async function readPrivileges(ctx: IntrospectContext): Promise<Privilege[]> {
  const { rows } = await ctx.db.query<PrivilegeRow>(PRIVILEGES_SQL, ctx.params);
  return rows.map((r) => {
    const target = targetOf(r);
    const privileges = comparablePrivileges(target, r.grantee, r.privileges, r.grantable, ctx.version);
    // A view's columns are no objects of the model: its column grants go and come back with the view.
    const dependsOn = r.on_kind === 'view-column' ? [grantTargetId(target), relationId('view', r.schema, r.name)] : [grantTargetId(target)];
    return { kind: 'privilege', target, grantee: r.grantee, privileges, grantable: r.grantable, dependsOn };
  });
}
