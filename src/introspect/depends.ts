import type { ReadByDependentsKind } from '../model/kinds.js';

/**
 * The id prefix of each kind that dependents read (the registry's `readByDependents`): a kind marked
 * so must be produced here, from its catalog, for a drop of it to take its dependents first.
 */
const ID_PREFIX = { table: 'table:', view: 'view:', function: 'function:', 'range-type': 'range-type:', aggregate: 'aggregate:' } as const satisfies Record<ReadByDependentsKind, string>;

/**
 * What an object reads, as model ids, from pg_depend (normal dependencies only). `where` selects the
 * rows for one object (it sees pg_depend as `d`). Tables and single table columns, views as a
 * whole, functions and aggregates by their identity arguments, and table row types as their table. A
 * range type also stands for its multirange and the arrays of both, which the server made for it.
 */
export function dependsOnSql(where: string): string {
  return `coalesce((
    SELECT array_agg(DISTINCT dep.id)
    FROM pg_depend d
    CROSS JOIN LATERAL (
      SELECT CASE
        WHEN d.refclassid = 'pg_class'::regclass THEN (
          SELECT CASE WHEN rc.relkind IN ('v', 'm') THEN '${ID_PREFIX.view}' || rn.nspname || '.' || rc.relname
                      WHEN d.refobjsubid > 0 THEN 'column:' || rn.nspname || '.' || rc.relname || '.' || ra.attname
                      ELSE '${ID_PREFIX.table}' || rn.nspname || '.' || rc.relname END
          FROM pg_class rc
          JOIN pg_namespace rn ON rn.oid = rc.relnamespace
          LEFT JOIN pg_attribute ra ON ra.attrelid = rc.oid AND ra.attnum = d.refobjsubid AND d.refobjsubid > 0
          WHERE rc.oid = d.refobjid)
        WHEN d.refclassid = 'pg_proc'::regclass THEN (
          SELECT CASE WHEN rp.prokind = 'a' THEN '${ID_PREFIX.aggregate}' ELSE '${ID_PREFIX.function}' END || pn.nspname || '.' || rp.proname || '(' || pg_get_function_identity_arguments(rp.oid) || ')'
          FROM pg_proc rp JOIN pg_namespace pn ON pn.oid = rp.pronamespace
          WHERE rp.oid = d.refobjid)
        WHEN d.refclassid = 'pg_type'::regclass THEN coalesce((
          SELECT CASE WHEN tc.relkind IN ('v', 'm') THEN '${ID_PREFIX.view}' ELSE '${ID_PREFIX.table}' END || tn.nspname || '.' || tc.relname
          FROM pg_type rt JOIN pg_class tc ON tc.oid = rt.typrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
          WHERE rt.oid = d.refobjid AND tc.relkind <> 'c'), (
          SELECT '${ID_PREFIX['range-type']}' || gn.nspname || '.' || gt.typname
          FROM pg_type rt
          JOIN pg_range g ON (CASE WHEN rt.typcategory = 'A' THEN rt.typelem ELSE rt.oid END) IN (g.rngtypid, g.rngmultitypid)
          JOIN pg_type gt ON gt.oid = g.rngtypid JOIN pg_namespace gn ON gn.oid = gt.typnamespace
          WHERE rt.oid = d.refobjid))
      END AS id
    ) dep
    WHERE ${where} AND d.deptype = 'n' AND dep.id IS NOT NULL
  ), ARRAY[]::text[])`;
}
