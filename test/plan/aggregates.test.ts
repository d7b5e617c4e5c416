import { describe, expect, it } from 'vitest';
import type { AggregateDrop } from '../../src/diff/change.js';
import { diff } from '../../src/diff/index.js';
import type { Aggregate, DbObject, Routine, View } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import type { Plan } from '../../src/plan/step.js';
import { renderOp, renderStep } from '../../src/sql/index.js';
import { model } from '../diff/fixtures.js';

/** An aggregate as the catalog reads it, over public.joined(text, text). */
function agg(extra: Partial<Aggregate> = {}): Aggregate {
  return {
    kind: 'aggregate', schema: 'public', name: 'join_all', args: 'text', argTypes: 'text', signature: 'text', aggKind: 'normal',
    returns: 'text', sfunc: { schema: 'public', name: 'joined' }, stype: 'text', sspace: 0, finalfunc: null, finalfuncExtra: false,
    finalfuncModify: 'read-only', combinefunc: null, serialfunc: null, deserialfunc: null, initcond: null, msfunc: null,
    minvfunc: null, mstype: null, msspace: 0, mfinalfunc: null, mfinalfuncExtra: false, mfinalfuncModify: 'read-only',
    minitcond: null, sortop: null, parallel: 'unsafe', comment: null, dependsOn: ['function:public.joined(text, text)'], ...extra,
  };
}

const joined: Routine = {
  kind: 'function', schema: 'public', name: 'joined', args: 'text, text', argTypes: 'text, text', procedure: false,
  signature: 'text, text', returns: 'text', comment: null, dependsOn: [],
  definition: 'CREATE OR REPLACE FUNCTION public.joined(text, text)\n RETURNS text\n LANGUAGE sql\n IMMUTABLE\nAS $function$ SELECT $1 || $2 $function$',
};

const caller: View = {
  kind: 'view', schema: 'public', name: 'names', materialized: false, definition: ' SELECT public.join_all(x) AS j\n   FROM t;',
  with: [], comment: null, columnComments: [], dependsOn: ['aggregate:public.join_all(text)'],
};

function plan(from: DbObject[], to: DbObject[]): { plan: Plan; sql: string[]; changes: ReturnType<typeof diff>['changes'] } {
  const a = model(...from);
  const b = model(...to);
  const d = diff(a, b);
  const p = planChanges(d, { from: a, to: b });
  return { plan: p, sql: p.steps.map(renderStep), changes: d.changes };
}

describe('aggregates', () => {
  it('are created after the function they call and before the view that calls them, and dropped the other way', () => {
    const up = plan([], [joined, agg(), caller]);
    const at = (s: string): number => up.sql.findIndex((x) => x.startsWith(s));
    expect(at('CREATE OR REPLACE FUNCTION public.joined')).toBeGreaterThanOrEqual(0);
    expect(at('CREATE OR REPLACE FUNCTION public.joined')).toBeLessThan(at('CREATE AGGREGATE public.join_all(text)'));
    expect(at('CREATE AGGREGATE public.join_all(text)')).toBeLessThan(at('CREATE VIEW public.names'));
    const down = plan([joined, agg(), caller], []);
    const dat = (s: string): number => down.sql.findIndex((x) => x.startsWith(s));
    expect(dat('DROP VIEW public.names')).toBeGreaterThanOrEqual(0);
    expect(dat('DROP VIEW public.names')).toBeLessThan(dat('DROP AGGREGATE public.join_all(text)'));
    expect(dat('DROP AGGREGATE public.join_all(text)')).toBeLessThan(dat('DROP FUNCTION public.joined(text, text)'));
    const drop = down.plan.steps.find((s) => s.op.kind === 'drop-aggregate')!;
    expect(drop.phase).toBe('contract');
    expect(drop.hazards.map((h) => h.kind)).toEqual(['breaking']);
  });

  it('are replaced in place when an option changes, keeping the views that call them', () => {
    const r = plan([joined, agg(), caller], [joined, agg({ initcond: '', parallel: 'safe' }), caller]);
    expect(r.changes.map((c) => c.kind)).toEqual(['aggregate.alter']);
    expect(r.sql).toEqual([
      "CREATE OR REPLACE AGGREGATE public.join_all(text) (\n    SFUNC = public.joined,\n    STYPE = text,\n    INITCOND = '',\n    PARALLEL = SAFE\n);",
    ]);
  });

  it('are dropped and created again, with their callers, when the result changes; the drop names its replacement', () => {
    const to = agg({ returns: 'integer', finalfunc: { schema: 'pg_catalog', name: 'length' } });
    const r = plan([joined, agg(), caller], [joined, to, caller]);
    const drop = r.changes.find((c): c is AggregateDrop => c.kind === 'aggregate.drop')!;
    expect(drop.replacedBy).toBe('aggregate:public.join_all(text)');
    expect(r.sql.filter((s) => /^(DROP|CREATE) (VIEW|AGGREGATE)/.test(s)).map((s) => s.split('\n')[0])).toEqual([
      'DROP VIEW public.names;', 'DROP AGGREGATE public.join_all(text);', 'CREATE AGGREGATE public.join_all(text) (', 'CREATE VIEW public.names AS',
    ]);
    // Dropped in expand, where it comes back; the gate holds the result that changes.
    const step = r.plan.steps.find((s) => s.op.kind === 'drop-aggregate')!;
    expect(step.phase).toBe('expand');
    expect(step.hazards[0]!.reason).toContain('returning integer');
  });

  it('under other argument names: the old one goes before the new one comes', () => {
    const r = plan([joined, agg({ args: 'x text', signature: 'x text' })], [joined, agg({ args: 'y text', signature: 'y text' })]);
    const drop = r.changes.find((c): c is AggregateDrop => c.kind === 'aggregate.drop')!;
    expect(drop.replacedBy).toBe('aggregate:public.join_all(y text)');
    const at = (s: string): number => r.sql.findIndex((x) => x.startsWith(s));
    expect(at('DROP AGGREGATE public.join_all(x text)')).toBeGreaterThanOrEqual(0);
    expect(at('DROP AGGREGATE public.join_all(x text)')).toBeLessThan(at('CREATE AGGREGATE public.join_all(y text)'));
  });

  it('render every option, quote names and literals, and write (*) for no argument', () => {
    const every = agg({
      schema: 'My Schema', name: 'Odd', args: '', signature: '', sspace: 8, finalfunc: { schema: 'public', name: 'fin' }, finalfuncExtra: true,
      finalfuncModify: 'shareable', combinefunc: { schema: 'public', name: 'comb' }, serialfunc: { schema: 'public', name: 'ser' },
      deserialfunc: { schema: 'public', name: 'deser' }, initcond: "it's", msfunc: { schema: 'public', name: 'ms' },
      minvfunc: { schema: 'public', name: 'minv' }, mstype: 'public."Big State"', msspace: 16, mfinalfunc: { schema: 'public', name: 'mfin' },
      mfinalfuncExtra: true, mfinalfuncModify: 'read-write', minitcond: '{}', sortop: { schema: 'pg_catalog', name: '>' }, parallel: 'restricted',
    });
    expect(renderOp({ kind: 'create-aggregate', aggregate: every, replace: false })).toBe([
      'CREATE AGGREGATE "My Schema"."Odd"(*) (',
      '    SFUNC = public.joined,\n    STYPE = text,\n    SSPACE = 8,\n    FINALFUNC = public.fin,\n    FINALFUNC_EXTRA,',
      '    FINALFUNC_MODIFY = SHAREABLE,\n    COMBINEFUNC = public.comb,\n    SERIALFUNC = public.ser,\n    DESERIALFUNC = public.deser,',
      "    INITCOND = 'it''s',\n    MSFUNC = public.ms,\n    MINVFUNC = public.minv,\n    MSTYPE = public.\"Big State\",\n    MSSPACE = 16,",
      "    MFINALFUNC = public.mfin,\n    MFINALFUNC_EXTRA,\n    MFINALFUNC_MODIFY = READ_WRITE,\n    MINITCOND = '{}',",
      '    SORTOP = OPERATOR(pg_catalog.>),\n    PARALLEL = RESTRICTED\n)',
    ].join('\n'));
    expect(renderOp({ kind: 'drop-aggregate', aggregate: { schema: 'My Schema', name: 'Odd' }, args: '' })).toBe('DROP AGGREGATE "My Schema"."Odd"(*)');
    // An ordered-set aggregate's default is READ_WRITE: left out, and the hypothetical flag written.
    const hyp = agg({ aggKind: 'hypothetical', signature: 'VARIADIC "any" ORDER BY VARIADIC "any"', finalfuncModify: 'read-write', mfinalfuncModify: 'read-write' });
    expect(renderOp({ kind: 'create-aggregate', aggregate: hyp, replace: false })).toBe(
      'CREATE AGGREGATE public.join_all(VARIADIC "any" ORDER BY VARIADIC "any") (\n    SFUNC = public.joined,\n    STYPE = text,\n    HYPOTHETICAL\n)');
    // An operator name is not an identifier: one that is not made of operator characters is refused, never spliced in.
    expect(() => renderOp({ kind: 'create-aggregate', aggregate: agg({ sortop: { schema: 'public', name: '>); DROP TABLE t; --' } }), replace: false })).toThrow(/operator characters/);
  });
});
