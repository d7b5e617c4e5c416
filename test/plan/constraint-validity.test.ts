import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { Constraint, DbObject } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import type { Plan } from '../../src/plan/step.js';
import { renderReverse, renderStep } from '../../src/sql/index.js';
import { check, col, fk, model, pk, table } from '../diff/fixtures.js';

function plan(from: DbObject[], to: DbObject[]): Plan {
  const a = model(...from);
  const b = model(...to);
  return planChanges(diff(a, b), { from: a, to: b });
}
const notValid = <C extends Constraint>(c: C): C => ({ ...c, notValid: true });
const tables = [table('a', [col('id')]), table('b', [col('a_id'), col('n')]), pk('a', ['id'])];
const ck = check('b', 'n_pos', '(n > 0)');
const ref = fk('b', ['a_id'], 'a', ['id'], 'b_a');
const steps = (p: Plan) => p.steps.map((s) => [s.phase, s.op.kind, renderStep(s)]);

describe('plan: constraint validity', () => {
  it('adds a constraint wanted NOT VALID without validating it, on an existing table', () => {
    expect(steps(plan(tables, [...tables, notValid(ck), notValid(ref)]))).toEqual([
      ['expand', 'add-constraint', 'ALTER TABLE public.b ADD CONSTRAINT n_pos CHECK ((n > 0)) NOT VALID;'],
      ['expand', 'add-constraint', 'ALTER TABLE public.b ADD CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES public.a (id) ON UPDATE NO ACTION ON DELETE NO ACTION NOT VALID;'],
    ]);
  });

  it('adds a constraint wanted NOT VALID as such on a new table too, after NO INHERIT', () => {
    const p = plan([], [...tables, notValid({ ...ck, noInherit: true })]);
    expect(p.steps.map(renderStep)).toContain('ALTER TABLE public.b ADD CONSTRAINT n_pos CHECK ((n > 0)) NO INHERIT NOT VALID;');
    expect(p.steps.map((s) => s.op.kind)).not.toContain('validate-constraint');
  });

  it('still validates a new constraint on an existing table when it is wanted valid', () => {
    expect(plan(tables, [...tables, ck]).steps.map((s) => s.op.kind)).toEqual(['add-constraint', 'validate-constraint']);
  });

  it('validates a NOT VALID constraint in place, with the scan hazard', () => {
    const p = plan([...tables, notValid(ref)], [...tables, ref]);
    expect(steps(p)).toEqual([['expand', 'validate-constraint', 'ALTER TABLE public.b VALIDATE CONSTRAINT b_a;']]);
    expect(p.steps[0]!.hazards.map((h) => h.kind)).toEqual(['validation-scan']);
    expect(p.steps[0]!.lock).toBe('SHARE UPDATE EXCLUSIVE');
  });

  it('makes a validated constraint NOT VALID by dropping and adding it NOT VALID', () => {
    const p = plan([...tables, ck], [...tables, notValid(ck)]);
    expect(steps(p)).toEqual([
      ['expand', 'drop-constraint', 'ALTER TABLE public.b DROP CONSTRAINT n_pos;'],
      ['expand', 'add-constraint', 'ALTER TABLE public.b ADD CONSTRAINT n_pos CHECK ((n > 0)) NOT VALID;'],
    ]);
  });

  it('reverses the drop of a NOT VALID constraint by adding it NOT VALID', () => {
    const p = plan([...tables, notValid(ck)], tables);
    expect(p.steps.map((s) => renderReverse(s))).toEqual(['ALTER TABLE public.b ADD CONSTRAINT n_pos CHECK ((n > 0)) NOT VALID;']);
  });
});
