import type { Extension } from '../model/types.js';
import type { IntrospectContext } from './context.js';

// plpgsql and anything else installed into pg_catalog comes with the server, not with the schema.
// The schema filter is the plain one: an extension's own schema is excluded from the schemas
// collection, but the extension itself is still reported with it.
const EXTENSIONS_SQL = `
SELECT e.extname AS name,
       n.nspname AS schema,
       e.extversion AS version
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE n.nspname NOT LIKE 'pg\\_%'
  AND n.nspname NOT IN ('information_schema', 'pgtide')
  AND ($1::text[] IS NULL OR n.nspname = ANY ($1::text[]))`;

interface ExtensionRow {
  readonly name: string;
  readonly schema: string;
  readonly version: string;
}

export async function readExtensions(ctx: IntrospectContext): Promise<Extension[]> {
  const { rows } = await ctx.db.query<ExtensionRow>(EXTENSIONS_SQL, ctx.params);
  return rows.map((r) => ({ kind: 'extension', name: r.name, schema: r.schema, version: r.version }));
}
