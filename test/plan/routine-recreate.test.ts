import { describe, expect, it } from 'vitest';
import type { RoutineCreate, RoutineDrop } from '../../src/diff/change.js';
import { diff } from '../../src/diff/index.js';
import type { DbObject, Routine, View } from '../../src/model/types.js';
import { gatePlan } from '../../src/plan/gate.js';
import { planChanges } from '../../src/plan/index.js';
import type { Plan } from '../../src/plan/step.js';
import { renderStep } from '../../src/sql/index.js';
import { col, model, table } from '../diff/fixtures.js';

/** A function as the catalog reads it: `args` with names, `argTypes` without. */
function fn(args: string, argTypes: string, extra: Partial<Routine> = {}): Routine {
  const signature = extra.signature ?? args;
  const returns = extra.returns === undefined ? 'integer' : extra.returns;
  return {
    kind: 'function', schema: 'public', name: 'rate', args, argTypes, procedure: false, signature, returns,
    definition: `CREATE OR REPLACE FUNCTION public.rate(${signature})\n RETURNS ${returns}\n LANGUAGE sql\n IMMUTABLE\nRETURN 1`,
    comment: null, dependsOn: [], ...extra,
  };
}

const view = (fnId: string): View => ({
  kind: 'view', schema: 'public', name: 'rates', materialized: false, definition: ' SELECT public.rate(salary) AS r\n   FROM public.emp;',
  with: [], comment: null, columnComments: [], dependsOn: ['table:public.emp', 'column:public.emp.salary', fnId],
});

function plan(from: DbObject[], to: DbObject[]): { plan: Plan; sql: string[]; changes: ReturnType<typeof diff>['changes'] } {
  const a = model(...from);
  const b = model(...to);
  const d = diff(a, b);
  const p = planChanges(d, { from: a, to: b });
  return { plan: p, sql: p.steps.map(renderStep), changes: d.changes };
}

const emp = table('emp', [col('salary')]);
const before = fn('s integer', 'integer');
const renamed = fn('amount integer', 'integer');

describe('functions CREATE OR REPLACE cannot change', () => {
  it('pairs a drop and a create with the same argument types: the drop names its replacement and the create what it replaces', () => {
    const { changes } = plan([emp, before], [emp, renamed]);
    const drop = changes.find((c): c is RoutineDrop => c.kind === 'function.drop')!;
    const create = changes.find((c): c is RoutineCreate => c.kind === 'function.create')!;
    expect(drop.replacedBy).toBe('function:public.rate(amount integer)');
    expect(create.replaces).toBe('function:public.rate(s integer)');
  });

  it('an overload with other argument types replaces nothing: the old one is dropped late, after the new one exists', () => {
    const other = fn('s bigint', 'bigint');
    const { changes, plan: p } = plan([emp, before], [emp, other]);
    expect(changes.find((c): c is RoutineDrop => c.kind === 'function.drop')!.replacedBy).toBeNull();
    expect(p.steps.find((s) => s.op.kind === 'drop-routine')!.phase).toBe('contract');
  });

  it('drops the function before creating it again, with the view that calls it around both, and holds the drop without approval', () => {
    const { plan: p, sql } = plan([emp, before, view('function:public.rate(s integer)')], [emp, renamed, view('function:public.rate(amount integer)')]);
    const at = (text: string): number => sql.findIndex((s) => s.startsWith(text));
    expect(at('DROP VIEW public.rates')).toBeGreaterThanOrEqual(0);
    expect(at('DROP VIEW public.rates')).toBeLessThan(at('DROP FUNCTION public.rate(s integer)'));
    expect(at('DROP FUNCTION public.rate(s integer)')).toBeLessThan(at('CREATE OR REPLACE FUNCTION public.rate(amount integer)'));
    expect(at('CREATE OR REPLACE FUNCTION public.rate(amount integer)')).toBeLessThan(at('CREATE VIEW public.rates'));
    const drop = p.steps.find((s) => s.op.kind === 'drop-routine')!;
    expect(drop.phase).toBe('expand');
    expect(drop.hazards.map((h) => [h.kind, h.risk])).toEqual([['breaking', 'medium']]);
    expect(gatePlan(p, false).blocked).toContain(drop);
    expect(gatePlan(p, ['breaking']).blocked).toEqual([]);
  });

  it('removed defaults, a new result type and a new OUT list re-create it under its id with the same hazard', () => {
    const withDefault = fn('s integer', 'integer', { signature: 's integer DEFAULT 2' });
    const outs = fn('s integer, OUT lo integer, OUT hi integer', 'integer', { returns: 'record' });
    const outsRenamed = fn('s integer, OUT lo integer, OUT high integer', 'integer', { returns: 'record' });
    for (const [a, b] of [[withDefault, before], [before, fn('s integer', 'integer', { returns: 'bigint' })], [outs, outsRenamed]] as const) {
      const { plan: p, sql } = plan([a], [b]);
      expect(sql.findIndex((s) => s.startsWith('DROP FUNCTION'))).toBeLessThan(sql.findIndex((s) => s.startsWith('CREATE OR REPLACE FUNCTION')));
      const drop = p.steps.find((s) => s.op.kind === 'drop-routine')!;
      expect(drop.phase).toBe('expand');
      expect(drop.hazards.map((h) => [h.kind, h.risk])).toEqual([['breaking', 'medium']]);
    }
  });

  it('a body change alone is still a CREATE OR REPLACE in place', () => {
    const { sql } = plan([before], [fn('s integer', 'integer', { definition: before.definition.replace('RETURN 1', 'RETURN 2') })]);
    expect(sql.some((s) => s.startsWith('DROP FUNCTION'))).toBe(false);
    expect(sql.filter((s) => s.startsWith('CREATE OR REPLACE FUNCTION'))).toHaveLength(1);
  });
});
