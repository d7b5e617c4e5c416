import { columnId } from '../model/ids.js';
import type { Publication, PublishedTable } from '../model/types.js';
import type { IntrospectContext } from './context.js';

/**
 * Publications of the whole database. With the config's `schemas` set ($1), only those of tables and
 * schemas that all lie in one of those schemas (the registry's `schemaOf` for a publication: the same
 * rule `scopeModel` applies in memory); without it, every one.
 * A column list is read as names sorted (the server keeps it as a set); `uses` are the columns the
 * column list and row filter depend on (pg_depend), which the table recreates around.
 */
function publicationsSql(generatedColumns: boolean): string {
  return `
WITH member AS (
  SELECT pr.prpubid AS pub, n.nspname AS schema
  FROM pg_publication_rel pr JOIN pg_class c ON c.oid = pr.prrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  UNION
  SELECT pn.pnpubid, n.nspname FROM pg_publication_namespace pn JOIN pg_namespace n ON n.oid = pn.pnnspid
)
SELECT p.pubname AS name,
       p.puballtables AS all_tables,
       p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate,
       p.pubviaroot AS via_root,
       ${generatedColumns ? 'p.pubgencols::text' : 'NULL::text'} AS generated_columns,
       obj_description(p.oid, 'pg_publication') AS comment,
       coalesce((
         SELECT json_agg(json_build_object(
                  'schema', n.nspname,
                  'table', c.relname,
                  'columns', (SELECT array_agg(a.attname::text ORDER BY a.attname)
                              FROM pg_attribute a
                              WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs::int2[])),
                  'filter', pg_get_expr(pr.prqual, pr.prrelid),
                  'uses', (SELECT array_agg(DISTINCT a.attname::text)
                           FROM pg_depend d
                           JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                           WHERE d.classid = 'pg_publication_rel'::regclass AND d.objid = pr.oid
                             AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0))
                ORDER BY n.nspname, c.relname)
         FROM pg_publication_rel pr
         JOIN pg_class c ON c.oid = pr.prrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE pr.prpubid = p.oid), '[]'::json) AS tables,
       coalesce((
         SELECT array_agg(n.nspname::text ORDER BY n.nspname)
         FROM pg_publication_namespace pn JOIN pg_namespace n ON n.oid = pn.pnnspid
         WHERE pn.pnpubid = p.oid), ARRAY[]::text[]) AS schemas
FROM pg_publication p
WHERE $1::text[] IS NULL
   OR (NOT p.puballtables
       AND (SELECT count(DISTINCT m.schema) = 1 AND bool_and(m.schema = ANY ($1::text[]))
            FROM member m WHERE m.pub = p.oid))
ORDER BY p.pubname`;
}

interface TableJson {
  readonly schema: string;
  readonly table: string;
  readonly columns: string[] | null;
  readonly filter: string | null;
  readonly uses: string[] | null;
}

interface PublicationRow {
  readonly name: string;
  readonly all_tables: boolean;
  readonly pubinsert: boolean;
  readonly pubupdate: boolean;
  readonly pubdelete: boolean;
  readonly pubtruncate: boolean;
  readonly via_root: boolean;
  /** pubgencols (PostgreSQL 18): n, s. */
  readonly generated_columns: string | null;
  readonly comment: string | null;
  readonly tables: TableJson[] | string;
  readonly schemas: string[];
}

const GENERATED: Readonly<Record<string, 'none' | 'stored'>> = { n: 'none', s: 'stored' };

export async function readPublications(ctx: IntrospectContext): Promise<Publication[]> {
  const { rows } = await ctx.db.query<PublicationRow>(publicationsSql(ctx.version >= 180000), ctx.params);
  return rows.map((r) => {
    // The driver may hand json over as text.
    const tables: TableJson[] = typeof r.tables === 'string' ? (JSON.parse(r.tables) as TableJson[]) : r.tables;
    let generatedColumns: 'none' | 'stored' | null = null;
    if (r.generated_columns !== null) {
      const g = GENERATED[r.generated_columns];
      if (g === undefined) throw new Error(`publication ${r.name}: unknown pubgencols '${r.generated_columns}'`);
      generatedColumns = g;
    }
    const published: PublishedTable[] = tables.map((t) => ({
      schema: t.schema, table: t.table, columns: t.columns, filter: t.filter,
    }));
    return {
      kind: 'publication',
      name: r.name,
      allTables: r.all_tables,
      tables: published,
      schemas: r.schemas,
      publish: { insert: r.pubinsert, update: r.pubupdate, delete: r.pubdelete, truncate: r.pubtruncate },
      viaRoot: r.via_root,
      generatedColumns,
      comment: r.comment,
      dependsOn: tables.flatMap((t) => [
        `table:${t.schema}.${t.table}`,
        ...(t.uses ?? []).sort().map((c) => columnId(t.schema, t.table, c)),
      ]),
    };
  });
}
