import type { Rule, TriggerState } from '../model/types.js';
import { type IntrospectContext, userSchema } from './context.js';
import { dependsOnSql } from './depends.js';

// A view's _RETURN rule is the view itself (read by views.ts). The rule's own relation is an auto
// dependency, which dependsOnSql leaves out: it is added below.
const RULES_SQL = `
SELECT n.nspname AS schema,
       c.relname AS table_name,
       c.relkind IN ('v', 'm') AS on_view,
       r.rulename AS name,
       pg_get_ruledef(r.oid) AS definition,
       r.ev_enabled AS enabled,
       obj_description(r.oid, 'pg_rewrite') AS comment,
       ${dependsOnSql(`d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid`)} AS depends_on
FROM pg_rewrite r
JOIN pg_class c ON c.oid = r.ev_class
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN'
  AND ${userSchema('n')}
  AND NOT EXISTS (SELECT 1 FROM pg_depend ext
                  WHERE ext.classid = 'pg_rewrite'::regclass AND ext.objid = r.oid AND ext.deptype = 'e')
ORDER BY n.nspname, c.relname, r.rulename`;

interface RuleRow {
  readonly schema: string;
  readonly table_name: string;
  readonly on_view: boolean;
  readonly name: string;
  readonly definition: string;
  /** O, D, R, A */
  readonly enabled: string;
  readonly comment: string | null;
  readonly depends_on: string[];
}

const STATES: Readonly<Record<string, TriggerState>> = { O: 'origin', D: 'disabled', R: 'replica', A: 'always' };

/** pg_get_ruledef ends the statement with a semicolon; the renderers end none of theirs. */
function withoutSemicolon(definition: string): string {
  const text = definition.trimEnd();
  return text.endsWith(';') ? text.slice(0, -1) : text;
}

export async function readRules(ctx: IntrospectContext): Promise<Rule[]> {
  const { rows } = await ctx.db.query<RuleRow>(RULES_SQL, ctx.params);
  return rows.map((r) => {
    const enabled = STATES[r.enabled];
    if (enabled === undefined) throw new Error(`rule ${r.name} on ${r.schema}.${r.table_name}: unknown ev_enabled '${r.enabled}'`);
    const relation = `${r.on_view ? 'view' : 'table'}:${r.schema}.${r.table_name}`;
    return {
      kind: 'rule',
      schema: r.schema,
      table: r.table_name,
      name: r.name,
      definition: withoutSemicolon(r.definition),
      enabled,
      comment: r.comment,
      dependsOn: [...new Set([relation, ...r.depends_on])].sort(),
    };
  });
}
