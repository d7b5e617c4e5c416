import type { Domain } from '../model/types.js';
import { collationName, type IntrospectContext, notExtensionMember, userSchema } from './context.js';
import { dependsOnSql } from './depends.js';

const DOMAINS_SQL = `
SELECT n.nspname AS schema,
       t.typname AS name,
       format_type(t.typbasetype, t.typtypmod) AS base_type,
       t.typnotnull AS not_null,
       t.typdefault AS "default",
       CASE WHEN co.oid IS NOT NULL THEN ${collationName('co', 'con')} END AS collation,
       coalesce((SELECT json_agg(json_build_object('name', k.conname, 'definition', pg_get_constraintdef(k.oid)) ORDER BY k.conname)
                 FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c'), '[]'::json) AS checks,
       obj_description(t.oid, 'pg_type') AS comment,
       ${dependsOnSql(`(d.classid = 'pg_type'::regclass AND d.objid = t.oid)
         OR (d.classid = 'pg_constraint'::regclass AND d.objid IN (SELECT k.oid FROM pg_constraint k WHERE k.contypid = t.oid))`)} AS depends_on
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_collation co ON co.oid = t.typcollation AND t.typcollation <> bt.typcollation
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
WHERE t.typtype = 'd'
  AND ${userSchema('n')}
  AND ${notExtensionMember('pg_type', 't.oid')}
ORDER BY n.nspname, t.typname`;

interface DomainRow {
  readonly schema: string;
  readonly name: string;
  readonly base_type: string;
  readonly not_null: boolean;
  readonly default: string | null;
  readonly collation: string | null;
  readonly checks: { name: string; definition: string }[];
  readonly comment: string | null;
  readonly depends_on: string[];
}

export async function readDomains(ctx: IntrospectContext): Promise<Domain[]> {
  const { rows } = await ctx.db.query<DomainRow>(DOMAINS_SQL, ctx.params);
  return rows.map((r) => ({
    kind: 'domain',
    schema: r.schema,
    name: r.name,
    baseType: r.base_type,
    notNull: r.not_null,
    default: r.default,
    collation: r.collation,
    checks: r.checks.map((c) => ({ name: c.name, definition: c.definition })),
    comment: r.comment,
    dependsOn: [...r.depends_on].sort(),
  }));
}
