import type { Statistics, StatisticsKind } from '../model/types.js';
import { type IntrospectContext, userSchema } from './context.js';
import { dependsOnSql } from './depends.js';

/**
 * Extended statistics objects. The columns they cover are auto dependencies (deptype 'a') on their
 * table, which `dependsOnSql` leaves out: they are read here, so that a retyped or dropped column
 * takes the object along; the functions an expression calls are normal dependencies.
 * stxstattarget is -1 by default before PostgreSQL 17 and NULL since: both read as null.
 */
const STATISTICS_SQL = `
SELECT n.nspname AS schema,
       s.stxname AS name,
       tn.nspname AS table_schema,
       c.relname AS table_name,
       c.relkind IN ('v', 'm') AS on_view,
       s.stxkind::text[] AS kinds,
       coalesce((SELECT array_agg(a.attname::text ORDER BY a.attname)
                 FROM pg_attribute a WHERE a.attrelid = s.stxrelid AND a.attnum = ANY (s.stxkeys)), ARRAY[]::text[]) AS columns,
       coalesce(pg_get_statisticsobjdef_expressions(s.oid), ARRAY[]::text[]) AS expressions,
       nullif(s.stxstattarget, -1)::int AS target,
       obj_description(s.oid, 'pg_statistic_ext') AS comment,
       coalesce((
         SELECT array_agg('column:' || tn.nspname || '.' || c.relname || '.' || a.attname ORDER BY a.attnum)
         FROM pg_depend d
         JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
         WHERE d.classid = 'pg_statistic_ext'::regclass AND d.objid = s.oid
           AND d.refclassid = 'pg_class'::regclass AND d.refobjid = s.stxrelid AND d.refobjsubid > 0
       ), ARRAY[]::text[]) AS columns_read,
       ${dependsOnSql(`d.classid = 'pg_statistic_ext'::regclass AND d.objid = s.oid`)} AS depends_on
FROM pg_statistic_ext s
JOIN pg_namespace n ON n.oid = s.stxnamespace
JOIN pg_class c ON c.oid = s.stxrelid
JOIN pg_namespace tn ON tn.oid = c.relnamespace
WHERE ${userSchema('n')}
  AND NOT EXISTS (SELECT 1 FROM pg_depend ext
                  WHERE ext.classid = 'pg_statistic_ext'::regclass AND ext.objid = s.oid AND ext.deptype = 'e')
ORDER BY n.nspname, s.stxname`;

interface StatisticsRow {
  readonly schema: string;
  readonly name: string;
  readonly table_schema: string;
  readonly table_name: string;
  readonly on_view: boolean;
  /** d, f, m, and e when it has expressions. */
  readonly kinds: string[];
  readonly columns: string[];
  readonly expressions: string[];
  readonly target: number | null;
  readonly comment: string | null;
  readonly columns_read: string[];
  readonly depends_on: string[];
}

// 'e' (expressions) is implied by the expressions themselves: CREATE STATISTICS cannot name it.
const KINDS: Readonly<Record<string, StatisticsKind | null>> = { d: 'ndistinct', f: 'dependencies', m: 'mcv', e: null };

export async function readStatistics(ctx: IntrospectContext): Promise<Statistics[]> {
  const { rows } = await ctx.db.query<StatisticsRow>(STATISTICS_SQL, ctx.params);
  return rows.map((r) => {
    const kinds = r.kinds.map((k) => {
      const kind = KINDS[k];
      if (kind === undefined) throw new Error(`statistics ${r.schema}.${r.name}: unknown stxkind '${k}'`);
      return kind;
    }).filter((k): k is StatisticsKind => k !== null).sort();
    const table = `${r.on_view ? 'view' : 'table'}:${r.table_schema}.${r.table_name}`;
    return {
      kind: 'statistics',
      schema: r.schema,
      name: r.name,
      tableSchema: r.table_schema,
      tableName: r.table_name,
      kinds,
      columns: r.columns,
      expressions: r.expressions,
      target: r.target,
      comment: r.comment,
      dependsOn: [...new Set([table, ...r.columns_read, ...r.depends_on])].sort(),
    };
  });
}
