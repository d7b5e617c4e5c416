import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { DbObject } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import type { Plan } from '../../src/plan/step.js';
import { renderStep } from '../../src/sql/index.js';
import { col, model, table } from '../diff/fixtures.js';

function plan(from: DbObject[], to: DbObject[]): Plan {
  const a = model(...from);
  const b = model(...to);
  return planChanges(diff(a, b), { from: a, to: b });
}
const lines = (p: Plan) => p.steps.map((s) => `${s.phase}: ${renderStep(s)}`);
const inherits = [{ schema: 'public', table: 'base' }];
const base = (...extra: ReturnType<typeof col>[]) => table('base', [col('id'), ...extra]);
const child = (...extra: ReturnType<typeof col>[]) => table('a', [col('a1'), ...extra], { inherits });

describe('plan: a column that moves from an INHERITS parent to its child', () => {
  it('drops it from the parent ONLY and does not add it to the child, which keeps its copy', () => {
    expect(lines(plan([base(col('e')), child()], [base(), child(col('e'))]))).toEqual([
      'contract: ALTER TABLE ONLY public.base DROP COLUMN e;',
    ]);
  });

  it('sets what differs on the kept copy (its default) before the parent lets go of it', () => {
    const withDefault = col('e', 'integer', { default: { kind: 'sql', text: '0' } });
    expect(lines(plan([base(col('e')), child()], [base(), child(withDefault)]))).toEqual([
      'expand: ALTER TABLE public.a ALTER COLUMN e SET DEFAULT 0;',
      'contract: ALTER TABLE ONLY public.base DROP COLUMN e;',
    ]);
  });

  it('drops the copies of the children that do not keep it, together with the parent\'s', () => {
    const other = (...extra: ReturnType<typeof col>[]) => table('b', [col('b1'), ...extra], { inherits });
    const p = plan([base(col('e')), child(), other()], [base(), child(col('e')), other()]);
    expect(lines(p)).toEqual([
      'contract: ALTER TABLE ONLY public.base DROP COLUMN e;',
      'contract: ALTER TABLE public.b DROP COLUMN e;',
    ]);
    expect(p.steps.every((s) => s.hazards.some((h) => h.kind === 'data-loss'))).toBe(true);
  });

  it('adds it anew after the parent\'s plain drop when the child wants another type', () => {
    const p = plan([base(col('e')), child()], [base(), child(col('e', 'text'))]);
    expect(lines(p)).toEqual([
      'contract: ALTER TABLE public.base DROP COLUMN e;',
      'contract: ALTER TABLE public.a ADD COLUMN e text;',
    ]);
    expect(p.steps[1]!.hazards.map((h) => h.kind)).toEqual(['data-loss']);
  });

  it('leaves a plain drop alone when no child declares the column', () => {
    expect(lines(plan([base(col('e')), child()], [base(), child()]))).toEqual(['contract: ALTER TABLE public.base DROP COLUMN e;']);
  });
});
