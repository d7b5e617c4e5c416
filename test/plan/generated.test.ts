import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { DbObject } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import type { Plan, Step } from '../../src/plan/step.js';
import { renderStep } from '../../src/sql/index.js';
import type { View } from '../../src/model/types.js';
import { check, col, fk, index, model, pk, table } from '../diff/fixtures.js';
import { expectBefore } from '../helpers/expect-before.js';

function plan(from: DbObject[], to: DbObject[]): Plan {
  const a = model(...from);
  const b = model(...to);
  return planChanges(diff(a, b), { from: a, to: b });
}

/** Each step as `phase: first line of its SQL`. */
const lines = (p: Plan): string[] => p.steps.map((s) => `${s.phase}: ${renderStep(s).split('\n')[0]}`);
const stepOf = (p: Plan, sql: string): Step => p.steps.find((s) => renderStep(s).startsWith(sql))!;

const g = col('g', 'integer', { generated: '(a * 2)' });
const byA = index('t_a', 't', ['a']);

describe('generated columns over retyped columns', () => {
  it('a new generated column over a column swapped online is added after the swap, in contract', () => {
    const p = plan([table('t', [col('a', 'bytea')])], [table('t', [col('a'), g])]);
    const sql = lines(p);
    const swap = sql.indexOf('contract: ALTER TABLE public.t RENAME COLUMN a__pgtide_new TO a;');
    const add = sql.indexOf('contract: ALTER TABLE public.t ADD COLUMN g integer GENERATED ALWAYS AS ((a * 2)) STORED;');
    expect(swap).toBeGreaterThan(0);
    expect(add).toBeGreaterThan(swap);
  });

  it('a generated column renamed in the same plan is dropped and added again under its new name', () => {
    const p = plan([table('t', [col('a'), g])], [table('t', [col('a', 'bigint'), col('g2', 'integer', { generated: '(a * 2)', renamedFrom: 'g' })])]);
    const sql = lines(p);
    const rename = sql.indexOf('expand: ALTER TABLE public.t RENAME COLUMN g TO g2;');
    expect(rename).toBeGreaterThanOrEqual(0);
    expect(sql.indexOf('contract: ALTER TABLE public.t DROP COLUMN g2;')).toBeGreaterThan(rename);
    expectBefore(sql, 'contract: ALTER TABLE public.t RENAME COLUMN a__pgtide_new TO a;', 'contract: ALTER TABLE public.t ADD COLUMN g2 integer GENERATED ALWAYS AS ((a * 2)) STORED;');
  });

  it('a new generated column over a column retyped directly in expand comes right after it', () => {
    const p = plan([table('t', [col('a')]), byA], [table('t', [col('a', 'bigint'), g]), byA]);
    expect(lines(p)).toEqual([
      'expand: ALTER TABLE public.t ALTER COLUMN a TYPE bigint USING a::bigint;',
      'expand: ALTER TABLE public.t ADD COLUMN g integer GENERATED ALWAYS AS ((a * 2)) STORED;',
    ]);
  });

  it('a generated column that stays is dropped before an online swap and added again after, in its new form', () => {
    const p = plan([table('t', [col('a'), g])], [table('t', [col('a', 'bigint'), { ...g, type: 'bigint' }])]);
    const sql = lines(p);
    const drop = sql.indexOf('contract: ALTER TABLE public.t DROP COLUMN g;');
    const dropOld = sql.indexOf('contract: ALTER TABLE public.t DROP COLUMN a;');
    const add = sql.indexOf('contract: ALTER TABLE public.t ADD COLUMN g bigint GENERATED ALWAYS AS ((a * 2)) STORED;');
    expect(drop).toBeGreaterThan(0);
    expect(dropOld).toBeGreaterThan(drop);
    expect(add).toBeGreaterThan(dropOld);
    // g's own type change is carried by the re-add: no ALTER COLUMN g
    expect(sql.filter((s) => s.includes('ALTER COLUMN g'))).toEqual([]);
    const hazards = stepOf(p, 'ALTER TABLE public.t ADD COLUMN g').hazards;
    expect(hazards).toContainEqual(expect.objectContaining({ kind: 'rewrite', reason: expect.stringContaining('dropped before a changes type and added again after') }));
    // drop and re-add are kept or dropped together by the hazard gate
    expect(stepOf(p, 'ALTER TABLE public.t DROP COLUMN g').hazards).toEqual(hazards);
  });

  it('a generated column that stays comes back with its key, check, index and the foreign keys that reference it', () => {
    const shape = (type: string): DbObject[] => [
      table('t', [col('a', type), { ...g, notNull: true }]), byA, index('t_g', 't', ['g']), pk('t', ['g']),
      check('t', 't_g_check', '(g > 0)'), table('c', [col('x')]), fk('c', ['x'], 't', ['g'], 'c_x'),
    ];
    expect(lines(plan(shape('integer'), shape('bigint')))).toEqual([
      'expand: ALTER TABLE public.c DROP CONSTRAINT c_x;',
      'expand: ALTER TABLE public.t DROP COLUMN g;',
      'expand: ALTER TABLE public.t ALTER COLUMN a TYPE bigint USING a::bigint;',
      'expand: ALTER TABLE public.t ADD COLUMN g integer GENERATED ALWAYS AS ((a * 2)) STORED NOT NULL;',
      'expand: ALTER TABLE public.t ADD CONSTRAINT t_g_check CHECK ((g > 0));',
      'expand: ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY (g);',
      'expand: CREATE INDEX CONCURRENTLY t_g ON public.t USING btree (g);',
      'expand: ALTER TABLE public.c ADD CONSTRAINT c_x FOREIGN KEY (x) REFERENCES public.t (g) ON UPDATE NO ACTION ON DELETE NO ACTION;',
    ]);
  });

  it('a lossy direct retype moves the drop and the re-add into contract', () => {
    const p = plan([table('t', [col('a'), g]), byA], [table('t', [col('a', 'smallint'), g]), byA]);
    expect(lines(p)).toEqual([
      'contract: ALTER TABLE public.t DROP COLUMN g;',
      'contract: ALTER TABLE public.t ALTER COLUMN a TYPE smallint USING a::smallint;',
      'contract: ALTER TABLE public.t ADD COLUMN g integer GENERATED ALWAYS AS ((a * 2)) STORED;',
    ]);
  });

  it('a generated column dropped in contract lets go of a column that expand retypes (DROP EXPRESSION)', () => {
    const p = plan([table('t', [col('a'), g]), byA], [table('t', [col('a', 'bigint')]), byA]);
    expect(lines(p)).toEqual([
      'expand: ALTER TABLE public.t ALTER COLUMN g DROP EXPRESSION;',
      'expand: ALTER TABLE public.t ALTER COLUMN a TYPE bigint USING a::bigint;',
      'contract: ALTER TABLE public.t DROP COLUMN g;',
    ]);
  });

  it('a view over a generated column that is added again is dropped first and created after', () => {
    const v: View = {
      kind: 'view', schema: 'public', name: 'v', materialized: false, definition: ' SELECT g FROM public.t', with: [], comment: null, columnComments: [],
      dependsOn: ['table:public.t', 'column:public.t.g'],
    };
    const sql = lines(plan([table('t', [col('a'), g]), byA, v], [table('t', [col('a', 'smallint'), g]), byA, v]));
    expect(sql[0]).toBe('expand: DROP VIEW public.v;');
    expectBefore(sql, 'contract: ALTER TABLE public.t ADD COLUMN g integer GENERATED ALWAYS AS ((a * 2)) STORED;', 'contract: CREATE VIEW public.v AS');
  });

  it('reads the expression through the lexer: a literal or a longer name is not the column', () => {
    const other = col('g', 'text', { generated: `('a' || ab)` });
    const p = plan([table('t', [col('a'), col('ab', 'text'), other]), byA], [table('t', [col('a', 'bigint'), col('ab', 'text'), other]), byA]);
    expect(lines(p)).toEqual(['expand: ALTER TABLE public.t ALTER COLUMN a TYPE bigint USING a::bigint;']);
  });
  it('a generated column over one column retyped in expand and another swapped in contract spans both', () => {
    const sum = col('g', 'bigint', { generated: '(a + b)' });
    const sql = lines(plan([table('t', [col('a'), col('b'), sum]), byA], [table('t', [col('a', 'bigint'), col('b', 'bigint'), sum]), byA]));
    const drop = sql.indexOf('expand: ALTER TABLE public.t DROP COLUMN g;');
    expect(drop).toBeGreaterThanOrEqual(0);
    expect(sql.indexOf('expand: ALTER TABLE public.t ALTER COLUMN a TYPE bigint USING a::bigint;')).toBeGreaterThan(drop);
    expectBefore(sql, 'contract: ALTER TABLE public.t RENAME COLUMN b__pgtide_new TO b;', 'contract: ALTER TABLE public.t ADD COLUMN g bigint GENERATED ALWAYS AS ((a + b)) STORED;');
  });
});

describe('a plain column that becomes generated', () => {
  // It is dropped and added again under its own name; the plan from a database between phases takes
  // over a left shadow column of that shape, and must not take this one for it.
  it('is dropped and added again, not mistaken for a shadow column left by an earlier expand', () => {
    const p = plan([table('t', [col('a'), col('b', 'text')])], [table('t', [col('a'), col('b', 'text', { generated: "'x'::text" })])]);
    const sql = lines(p);
    expect(sql.some((l) => l.includes('DROP COLUMN b;'))).toBe(true);
    expect(sql.some((l) => l.includes("ADD COLUMN b text GENERATED ALWAYS AS ('x'::text) STORED;"))).toBe(true);
  });
});
