import type { Aggregate, AggregateKind, AggregatePart, FinalModify } from '../model/types.js';
import { type IntrospectContext, userSchema } from './context.js';
import { dependsOnSql } from './depends.js';

/** A support function of pg_aggregate as `{schema, name}` JSON, or NULL when the column is unset (0). */
const part = (column: string): string => `(SELECT json_build_object('schema', fn.nspname, 'name', f.proname)
         FROM pg_proc f JOIN pg_namespace fn ON fn.oid = f.pronamespace WHERE f.oid = ${column})`;

// User aggregates (prokind 'a') with their pg_aggregate row; an extension's are its own, like every
// extension member. The support functions and the sort operator are read by schema and name, so
// that the statement quotes them; types as format_type prints them under the empty search_path.
const AGGREGATES_SQL = `
SELECT n.nspname AS schema,
       p.proname AS name,
       pg_get_function_identity_arguments(p.oid) AS args,
       pg_catalog.oidvectortypes(p.proargtypes) AS arg_types,
       pg_get_function_arguments(p.oid) AS signature,
       a.aggkind::text AS agg_kind,
       pg_get_function_result(p.oid) AS returns,
       ${part('a.aggtransfn')} AS sfunc,
       format_type(a.aggtranstype, NULL) AS stype,
       a.aggtransspace AS sspace,
       ${part('a.aggfinalfn')} AS finalfunc,
       a.aggfinalextra AS finalfunc_extra,
       a.aggfinalmodify::text AS finalfunc_modify,
       ${part('a.aggcombinefn')} AS combinefunc,
       ${part('a.aggserialfn')} AS serialfunc,
       ${part('a.aggdeserialfn')} AS deserialfunc,
       a.agginitval AS initcond,
       ${part('a.aggmtransfn')} AS msfunc,
       ${part('a.aggminvtransfn')} AS minvfunc,
       CASE WHEN a.aggmtranstype = 0 THEN NULL ELSE format_type(a.aggmtranstype, NULL) END AS mstype,
       a.aggmtransspace AS msspace,
       ${part('a.aggmfinalfn')} AS mfinalfunc,
       a.aggmfinalextra AS mfinalfunc_extra,
       a.aggmfinalmodify::text AS mfinalfunc_modify,
       a.aggminitval AS minitcond,
       (SELECT json_build_object('schema', opn.nspname, 'name', o.oprname)
          FROM pg_operator o JOIN pg_namespace opn ON opn.oid = o.oprnamespace WHERE o.oid = a.aggsortop) AS sortop,
       p.proparallel::text AS parallel,
       obj_description(p.oid, 'pg_proc') AS comment,
       ${dependsOnSql(`d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.refobjid <> p.oid`)} AS depends_on
FROM pg_proc p
JOIN pg_aggregate a ON a.aggfnoid = p.oid
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind = 'a'
  AND ${userSchema('n')}
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend ext
    WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid AND ext.deptype IN ('e', 'i'))
ORDER BY n.nspname, p.proname, 3`;

interface AggregateRow {
  readonly schema: string;
  readonly name: string;
  readonly args: string;
  readonly arg_types: string;
  readonly signature: string;
  readonly agg_kind: string;
  readonly returns: string;
  readonly sfunc: AggregatePart;
  readonly stype: string;
  readonly sspace: number;
  readonly finalfunc: AggregatePart | null;
  readonly finalfunc_extra: boolean;
  readonly finalfunc_modify: string;
  readonly combinefunc: AggregatePart | null;
  readonly serialfunc: AggregatePart | null;
  readonly deserialfunc: AggregatePart | null;
  readonly initcond: string | null;
  readonly msfunc: AggregatePart | null;
  readonly minvfunc: AggregatePart | null;
  readonly mstype: string | null;
  readonly msspace: number;
  readonly mfinalfunc: AggregatePart | null;
  readonly mfinalfunc_extra: boolean;
  readonly mfinalfunc_modify: string;
  readonly minitcond: string | null;
  readonly sortop: AggregatePart | null;
  readonly parallel: string;
  readonly comment: string | null;
  readonly depends_on: string[];
}

const AGG_KINDS: Readonly<Record<string, AggregateKind>> = { n: 'normal', o: 'ordered-set', h: 'hypothetical' };
const MODIFY: Readonly<Record<string, FinalModify>> = { r: 'read-only', s: 'shareable', w: 'read-write' };
const PARALLEL: Readonly<Record<string, Aggregate['parallel']>> = { s: 'safe', r: 'restricted', u: 'unsafe' };

function decode<T>(table: Readonly<Record<string, T>>, code: string, what: string): T {
  const value = table[code];
  if (value === undefined) throw new Error(`readAggregates: unknown ${what} ${JSON.stringify(code)}`);
  return value;
}

/** A function or operator as the model holds it: two strings, whatever the driver made of the JSON. */
const partOf = (p: AggregatePart | null): AggregatePart | null => (p === null ? null : { schema: p.schema, name: p.name });

export async function readAggregates(ctx: IntrospectContext): Promise<Aggregate[]> {
  const { rows } = await ctx.db.query<AggregateRow>(AGGREGATES_SQL, ctx.params);
  return rows.map((r) => ({
    kind: 'aggregate',
    schema: r.schema,
    name: r.name,
    args: r.args,
    argTypes: r.arg_types,
    signature: r.signature,
    aggKind: decode(AGG_KINDS, r.agg_kind, 'aggkind'),
    returns: r.returns,
    sfunc: partOf(r.sfunc)!,
    stype: r.stype,
    sspace: Number(r.sspace),
    finalfunc: partOf(r.finalfunc),
    finalfuncExtra: r.finalfunc_extra,
    finalfuncModify: decode(MODIFY, r.finalfunc_modify, 'aggfinalmodify'),
    combinefunc: partOf(r.combinefunc),
    serialfunc: partOf(r.serialfunc),
    deserialfunc: partOf(r.deserialfunc),
    initcond: r.initcond,
    msfunc: partOf(r.msfunc),
    minvfunc: partOf(r.minvfunc),
    mstype: r.mstype,
    msspace: Number(r.msspace),
    mfinalfunc: partOf(r.mfinalfunc),
    mfinalfuncExtra: r.mfinalfunc_extra,
    mfinalfuncModify: decode(MODIFY, r.mfinalfunc_modify, 'aggmfinalmodify'),
    minitcond: r.minitcond,
    sortop: partOf(r.sortop),
    parallel: decode(PARALLEL, r.parallel, 'proparallel'),
    comment: r.comment,
    dependsOn: [...r.depends_on].sort(),
  }));
}
