import type { EnumType } from '../model/types.js';
import { type IntrospectContext, notExtensionMember, userSchema } from './context.js';

// LEFT JOIN + FILTER keeps enums that have no labels yet (CREATE TYPE t AS ENUM ()).
const ENUMS_SQL = `
SELECT n.nspname AS schema,
       t.typname AS name,
       coalesce(array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FILTER (WHERE e.oid IS NOT NULL),
                ARRAY[]::text[]) AS values,
       obj_description(t.oid, 'pg_type') AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_enum e ON e.enumtypid = t.oid
WHERE t.typtype = 'e'
  AND ${userSchema('n')}
  AND ${notExtensionMember('pg_type', 't.oid')}
GROUP BY n.nspname, t.typname, t.oid`;

interface EnumRow {
  readonly schema: string;
  readonly name: string;
  readonly values: string[];
  readonly comment: string | null;
}

export async function readEnums(ctx: IntrospectContext): Promise<EnumType[]> {
  const { rows } = await ctx.db.query<EnumRow>(ENUMS_SQL, ctx.params);
  return rows.map((r) => ({ kind: 'enum', schema: r.schema, name: r.name, values: r.values, comment: r.comment }));
}
