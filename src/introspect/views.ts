import type { View } from '../model/types.js';
import { type IntrospectContext, notExtensionMember, userSchema } from './context.js';

// Dependencies come from the view's _RETURN rule in pg_depend: single table columns (refobjsubid
// > 0), so that a change to one column recreates only the views that read it, whole tables, and
// other views as a whole (they are only ever re-created whole). Materialized views have relkind 'm'.
const VIEWS_SQL = `
SELECT n.nspname AS schema,
       c.relname AS name,
       c.relkind = 'm' AS materialized,
       pg_get_viewdef(c.oid) AS definition,
       coalesce(c.reloptions::text[], ARRAY[]::text[]) AS with,
       obj_description(c.oid, 'pg_class') AS comment,
       coalesce((
         SELECT array_agg(DISTINCT
                  CASE WHEN rc.relkind IN ('v', 'm') THEN 'view:' || rn.nspname || '.' || rc.relname
                       WHEN d.refobjsubid > 0 THEN 'column:' || rn.nspname || '.' || rc.relname || '.' || ra.attname
                       ELSE 'table:' || rn.nspname || '.' || rc.relname END)
         FROM pg_rewrite r
         JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
           AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> c.oid
         JOIN pg_class rc ON rc.oid = d.refobjid
         JOIN pg_namespace rn ON rn.oid = rc.relnamespace
         LEFT JOIN pg_attribute ra ON ra.attrelid = rc.oid AND ra.attnum = d.refobjsubid AND d.refobjsubid > 0
         WHERE r.ev_class = c.oid
       ), ARRAY[]::text[]) AS depends_on
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
  AND ${userSchema('n')}
  AND ${notExtensionMember('pg_class', 'c.oid')}
ORDER BY n.nspname, c.relname`;

interface ViewRow {
  readonly schema: string;
  readonly name: string;
  readonly materialized: boolean;
  readonly definition: string;
  readonly with: string[];
  readonly comment: string | null;
  readonly depends_on: string[];
}

/** pg_get_viewdef ends the query with `;` and starts it with a space; the model holds neither. */
export function trimViewDefinition(text: string): string {
  return text.trim().replace(/;\s*$/, '').trim();
}

export async function readViews(ctx: IntrospectContext): Promise<View[]> {
  const { rows } = await ctx.db.query<ViewRow>(VIEWS_SQL, ctx.params);
  return rows.map((r) => ({
    kind: 'view',
    schema: r.schema,
    name: r.name,
    materialized: r.materialized,
    definition: trimViewDefinition(r.definition),
    with: [...r.with].sort(),
    comment: r.comment,
    dependsOn: [...r.depends_on].sort(),
  }));
}
