import type { SchemaObj } from '../model/types.js';
import { type IntrospectContext, userSchema } from './context.js';

const SCHEMAS_SQL = `
SELECT n.nspname AS name,
       obj_description(n.oid, 'pg_namespace') AS comment
FROM pg_namespace n
WHERE ${userSchema('n')}`;

interface SchemaRow {
  readonly name: string;
  readonly comment: string | null;
}

export async function readSchemas(ctx: IntrospectContext): Promise<SchemaObj[]> {
  const { rows } = await ctx.db.query<SchemaRow>(SCHEMAS_SQL, ctx.params);
  return rows.map((r) => ({ kind: 'schema', name: r.name, comment: r.comment }));
}
