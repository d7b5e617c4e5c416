import type { Trigger, TriggerState } from '../model/types.js';
import { type IntrospectContext, userSchema } from './context.js';
import { dependsOnSql } from './depends.js';

// User triggers only: not internal ones (foreign keys, deferred uniqueness) and not the clones a
// partition gets from a trigger on its partitioned table (tgparentid, PostgreSQL 13+).
const TRIGGERS_SQL = `
SELECT n.nspname AS schema,
       c.relname AS table_name,
       c.relkind IN ('v', 'm') AS on_view,
       t.tgname AS name,
       pg_get_triggerdef(t.oid) AS definition,
       t.tgenabled AS enabled,
       obj_description(t.oid, 'pg_trigger') AS comment,
       'function:' || pn.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS function_id,
       ${dependsOnSql(`d.classid = 'pg_trigger'::regclass AND d.objid = t.oid`)} AS depends_on
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc p ON p.oid = t.tgfoid
JOIN pg_namespace pn ON pn.oid = p.pronamespace
WHERE NOT t.tgisinternal
  AND t.tgparentid = 0
  AND ${userSchema('n')}
ORDER BY n.nspname, c.relname, t.tgname`;

interface TriggerRow {
  readonly schema: string;
  readonly table_name: string;
  readonly on_view: boolean;
  readonly name: string;
  readonly definition: string;
  /** O, D, R, A */
  readonly enabled: string;
  readonly comment: string | null;
  readonly function_id: string;
  /** What its WHEN clause and UPDATE OF columns read. */
  readonly depends_on: string[];
}

const STATES: Readonly<Record<string, TriggerState>> = { O: 'origin', D: 'disabled', R: 'replica', A: 'always' };

export async function readTriggers(ctx: IntrospectContext): Promise<Trigger[]> {
  const { rows } = await ctx.db.query<TriggerRow>(TRIGGERS_SQL, ctx.params);
  return rows.map((r) => {
    const enabled = STATES[r.enabled];
    if (enabled === undefined) throw new Error(`trigger ${r.name} on ${r.schema}.${r.table_name}: unknown tgenabled '${r.enabled}'`);
    const table = `${r.on_view ? 'view' : 'table'}:${r.schema}.${r.table_name}`;
    return {
      kind: 'trigger',
      schema: r.schema,
      table: r.table_name,
      name: r.name,
      definition: r.definition,
      enabled,
      comment: r.comment,
      dependsOn: [...new Set([table, r.function_id, ...r.depends_on])].sort(),
    };
  });
}
