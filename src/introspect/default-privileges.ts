import type { DefaultObjectType, DefaultPrivilege } from '../model/types.js';
import { type IntrospectContext, userSchema } from './context.js';

/**
 * One row per (entry, grantee): what the entry holds ('entry'), and, for an entry of every schema
 * (defaclnamespace 0), what the server would hold without it ('builtin', acldefault), which the
 * entry replaces. acldefault spells sequences 's' where pg_default_acl has 'S'.
 * An entry of every schema is read only when every schema is (the config names no `schemas`).
 */
const DEFAULT_PRIVILEGES_SQL = `
WITH entry AS (
  SELECT d.defaclrole, d.defaclobjtype, d.defaclacl, d.defaclnamespace, n.nspname
  FROM pg_default_acl d
  LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
  WHERE CASE WHEN d.defaclnamespace = 0 THEN $1::text[] IS NULL ELSE ${userSchema('n')} END
),
acl AS (
  SELECT e.defaclrole, e.defaclobjtype, e.nspname, 'entry' AS source, a.grantee, a.privilege_type, a.is_grantable
  FROM entry e CROSS JOIN LATERAL aclexplode(e.defaclacl) a
  UNION ALL
  SELECT e.defaclrole, e.defaclobjtype, e.nspname, 'builtin', a.grantee, a.privilege_type, a.is_grantable
  FROM entry e
  CROSS JOIN LATERAL aclexplode(acldefault((CASE e.defaclobjtype WHEN 'S' THEN 's' ELSE e.defaclobjtype END)::"char", e.defaclrole)) a
  WHERE e.defaclnamespace = 0
)
SELECT pg_get_userbyid(acl.defaclrole)::text AS role, acl.nspname::text AS schema, acl.defaclobjtype::text AS objtype, acl.source,
       CASE WHEN acl.grantee = 0 THEN 'public' ELSE pg_get_userbyid(acl.grantee)::text END AS grantee,
       array_agg(acl.privilege_type::text ORDER BY acl.privilege_type) AS privileges,
       coalesce(array_agg(acl.privilege_type::text ORDER BY acl.privilege_type) FILTER (WHERE acl.is_grantable), ARRAY[]::text[]) AS grantable
FROM acl
GROUP BY acl.defaclrole, acl.nspname, acl.defaclobjtype, acl.source, acl.grantee
ORDER BY 1, 2 NULLS FIRST, 3, 5, 4`;

interface DefaultAclRow {
  readonly role: string;
  readonly schema: string | null;
  /** pg_default_acl.defaclobjtype: r, S, f, T, n. */
  readonly objtype: string;
  readonly source: 'entry' | 'builtin';
  readonly grantee: string;
  readonly privileges: string[];
  readonly grantable: string[];
}

const OBJECT_TYPES: Readonly<Record<string, DefaultObjectType>> = { r: 'tables', S: 'sequences', f: 'functions', T: 'types', n: 'schemas' };

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * An entry for one schema as it is; an entry for every schema as the grantees whose privileges it
 * changes from the built-in defaults (empty privileges: a default revoked). An entry that restates
 * the defaults is not stored by the server, so either way a role without changes has no objects.
 */
export async function readDefaultPrivileges(ctx: IntrospectContext): Promise<DefaultPrivilege[]> {
  const { rows } = await ctx.db.query<DefaultAclRow>(DEFAULT_PRIVILEGES_SQL, ctx.params);
  const groups = new Map<string, { row: DefaultAclRow; entry: DefaultAclRow | null; builtin: DefaultAclRow | null }>();
  for (const r of rows) {
    const key = JSON.stringify([r.role, r.schema, r.objtype, r.grantee]);
    const group = groups.get(key) ?? { row: r, entry: null, builtin: null };
    group[r.source] = r;
    groups.set(key, group);
  }
  const out: DefaultPrivilege[] = [];
  for (const { row, entry, builtin } of groups.values()) {
    const objectType = OBJECT_TYPES[row.objtype];
    if (objectType === undefined) throw new Error(`default privileges of ${row.role}: unknown object type '${row.objtype}'`);
    const privileges = entry?.privileges ?? [];
    const grantable = entry?.grantable ?? [];
    if (builtin !== null && same(privileges, builtin.privileges) && same(grantable, builtin.grantable)) continue;
    out.push({ kind: 'default-privileges', role: row.role, schema: row.schema, objectType, grantee: row.grantee, privileges, grantable });
  }
  return out;
}
