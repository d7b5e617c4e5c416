import { sortColumnComments } from '../model/objects/view.js';
import type { View, ViewColumnComment } from '../model/types.js';
import { type IntrospectContext, notExtensionMember, userSchema } from './context.js';
import { dependsOnSql } from './depends.js';

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
       coalesce((SELECT json_agg(json_build_object('column', a.attname, 'comment', d.description))
                 FROM pg_attribute a
                 JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]'::json) AS column_comments,
       ${dependsOnSql(`d.classid = 'pg_rewrite'::regclass AND d.objid IN (SELECT r.oid FROM pg_rewrite r WHERE r.ev_class = c.oid) AND d.refobjid <> c.oid`)} AS depends_on
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
  readonly column_comments: ViewColumnComment[];
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
    columnComments: sortColumnComments(r.column_comments),
    dependsOn: [...r.depends_on].sort(),
  }));
}
