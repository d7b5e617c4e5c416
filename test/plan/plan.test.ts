import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { DbObject } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import { PHASES, type Plan } from '../../src/plan/step.js';
import { classifyTypeChange } from '../../src/resolve/type-change.js';
import { renderStep, renderReverse } from '../../src/sql/index.js';
import { gatedScript } from '../../src/pipeline/migration.js';
import { col, enumType, fk, index, model, pk, table } from '../diff/fixtures.js';

function plan(from: DbObject[], to: DbObject[]): Plan {
  const a = model(...from);
  const b = model(...to);
  return planChanges(diff(a, b), { from: a, to: b });
}
const sqlOf = (p: Plan): string[] => p.steps.map(renderStep);

describe('plan: contract', () => {
  it('exports the phases in order', () => expect(PHASES).toEqual(['expand', 'migrate', 'contract']));
  it('is empty for equal models', () => expect(plan([table('t', [col('a')])], [table('t', [col('a')])]).steps).toEqual([]));
});

describe('plan: ordering', () => {
  it('creates tables with a foreign key cycle, then both keys', () => {
    const to = [table('a', [col('id'), col('b_id')]), table('b', [col('id'), col('a_id')]), pk('a', ['id']), pk('b', ['id']),
      fk('a', ['b_id'], 'b', ['id'], 'a_b'), fk('b', ['a_id'], 'a', ['id'], 'b_a')];
    const sql = sqlOf(plan([], to));
    expect(sql.map((s) => s.split('\n')[0])).toEqual([
      'CREATE TABLE public.a (', 'CREATE TABLE public.b (',
      'ALTER TABLE public.a ADD CONSTRAINT a_pkey PRIMARY KEY (id);', 'ALTER TABLE public.b ADD CONSTRAINT b_pkey PRIMARY KEY (id);',
      'ALTER TABLE public.a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES public.b (id) ON UPDATE NO ACTION ON DELETE NO ACTION;',
      'ALTER TABLE public.b ADD CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES public.a (id) ON UPDATE NO ACTION ON DELETE NO ACTION;',
    ]);
  });

  it('drops a referencing table before the table it references', () => {
    const from = [table('parent', [col('id')]), table('child', [col('p')]), pk('parent', ['id']), fk('child', ['p'], 'parent', ['id'], 'c_p')];
    expect(sqlOf(plan(from, []))).toEqual(['DROP TABLE public.child;', 'DROP TABLE public.parent;']);
  });

  it('breaks a foreign key cycle between dropped tables by dropping the keys first', () => {
    const from = [table('a', [col('id'), col('b_id')]), table('b', [col('id'), col('a_id')]), pk('a', ['id']), pk('b', ['id']),
      fk('a', ['b_id'], 'b', ['id'], 'a_b'), fk('b', ['a_id'], 'a', ['id'], 'b_a')];
    expect(sqlOf(plan(from, []))).toEqual([
      'ALTER TABLE public.a DROP CONSTRAINT a_b;', 'ALTER TABLE public.b DROP CONSTRAINT b_a;', 'DROP TABLE public.a;', 'DROP TABLE public.b;',
    ]);
  });

  it('drops a foreign key to a dropped table first, in expand', () => {
    const from = [table('a', [col('id')]), table('b', [col('a_id')]), pk('a', ['id']), fk('b', ['a_id'], 'a', ['id'], 'b_a')];
    const p = plan(from, [table('b', [col('a_id')])]);
    expect(p.steps.map((s) => [s.phase, renderStep(s)])).toEqual([
      ['expand', 'ALTER TABLE public.b DROP CONSTRAINT b_a;'], ['contract', 'DROP TABLE public.a;'],
    ]);
  });

  it('drops the default around a type change and restores it', () => {
    const p = plan([table('t', [col('a', 'text', { default: { kind: 'sql', text: "'x'::text" } })])],
      [table('t', [col('a', 'character(1)', { default: { kind: 'sql', text: "'A'::bpchar" }, strategy: 'direct' })])]);
    expect(sqlOf(p)).toEqual([
      'ALTER TABLE public.t ALTER COLUMN a DROP DEFAULT;',
      'ALTER TABLE public.t ALTER COLUMN a TYPE character(1) USING a::bpchar;',
      "ALTER TABLE public.t ALTER COLUMN a SET DEFAULT 'A'::bpchar;",
    ]);
    expect(p.steps.every((s) => s.phase === 'contract')).toBe(true);
  });
});

describe('plan: hazards and phases', () => {
  const t = (cols: ReturnType<typeof col>[]) => [table('t', cols)];
  it.each([
    ['add nullable column', t([col('a')]), t([col('a'), col('b')]), 'expand', []],
    ['add NOT NULL column without default', t([col('a')]), t([col('a'), col('b', 'integer', { notNull: true })]), 'expand', ['breaking:medium']],
    ['drop column', t([col('a'), col('b')]), t([col('a')]), 'contract', ['data-loss:high']],
    ['direct rename column', t([col('a')]), t([col('b', 'integer', { renamedFrom: 'a', strategy: 'direct' })]), 'expand', ['breaking:high']],
    ['direct widening type change', t([col('a')]), t([col('a', 'bigint', { strategy: 'direct' })]), 'expand', ['rewrite:high']],
    ['binary-compatible type change', t([col('a', 'character varying(10)')]), t([col('a', 'text')]), 'expand', []],
    ['direct lossy type change', t([col('a', 'text')]), t([col('a', 'integer', { strategy: 'direct' })]), 'contract', ['rewrite:high', 'data-loss:high']],
    ['drop table', t([col('a')]), [], 'contract', ['data-loss:high']],
  ] as const)('%s', (_n, from, to, phase, hazards) => {
    const p = plan([...from], [...to]);
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]!.phase).toBe(phase);
    expect(p.steps[0]!.hazards.map((h) => `${h.kind}:${h.risk}`)).toEqual(hazards);
  });

  it('tightens NOT NULL with a backfill: expand, migrate (batched), contract', () => {
    const p = plan(t([col('a')]), t([col('a'), col('b', 'integer', { notNull: true, backfill: '0' })]));
    expect(p.steps.map((s) => [s.phase, s.op.kind, s.batch])).toEqual([
      ['expand', 'add-column', null], ['expand', 'create-sync-trigger', null], ['migrate', 'backfill-column', { size: 1000, table: { schema: 'public', name: 't' } }],
      ['contract', 'drop-sync-trigger', null], ['contract', 'add-not-null-check', null], ['contract', 'validate-constraint', null],
      ['contract', 'set-not-null', null], ['contract', 'drop-constraint', null],
    ]);
  });

  it('creates indexes concurrently on existing tables and plainly on new ones', () => {
    const existing = plan(t([col('a')]), [...t([col('a')]), index('i', 't', ['a'])]);
    expect(existing.steps.map((s) => [renderStep(s), s.transactional, s.hazards.map((h) => h.kind)])).toEqual([
      ['CREATE INDEX CONCURRENTLY i ON public.t USING btree (a);', false, ['non-transactional']],
    ]);
    const fresh = plan([], [...t([col('a')]), index('i', 't', ['a'])]);
    expect(fresh.steps.map((s) => [renderStep(s), s.transactional])).toEqual([
      ['CREATE TABLE public.t (\n  a integer\n);', true], ['CREATE INDEX i ON public.t USING btree (a);', true],
    ]);
    expect(renderReverse(existing.steps[0]!)).toBe('DROP INDEX CONCURRENTLY public.i;');
  });

  it('adds foreign keys to existing tables NOT VALID, then validates', () => {
    const objs = [table('a', [col('id')]), table('b', [col('a_id')]), pk('a', ['id'])];
    const p = plan(objs, [...objs, fk('b', ['a_id'], 'a', ['id'], 'b_a')]);
    expect(p.steps.map((s) => [s.op.kind, s.lock])).toEqual([['add-constraint', 'SHARE ROW EXCLUSIVE'], ['validate-constraint', 'SHARE UPDATE EXCLUSIVE']]);
  });
});

describe('plan: enums', () => {
  it('adds values outside a transaction, anchored on neighbours', () => {
    const p = plan([enumType('e', ['b', 'd'])], [enumType('e', ['a', 'b', 'c', 'd', 'e'])]);
    expect(p.steps.map((s) => [renderStep(s), s.transactional])).toEqual([
      ["ALTER TYPE public.e ADD VALUE 'a' BEFORE 'b';", false],
      ["ALTER TYPE public.e ADD VALUE 'c' AFTER 'b';", false],
      ["ALTER TYPE public.e ADD VALUE 'e' AFTER 'd';", false],
    ]);
  });

  it('rebuilds the type to remove a value, converting every column and keeping defaults', () => {
    const users = table('t', [col('m', 'public.e', { default: { kind: 'sql', text: "'a'::public.e" } })]);
    const p = plan([enumType('e', ['a', 'b']), users], [enumType('e', ['a']), users]);
    expect(sqlOf(p)).toEqual([
      "CREATE TYPE public.e__pgtide_new AS ENUM ('a');",
      'ALTER TABLE public.t ALTER COLUMN m DROP DEFAULT;',
      'ALTER TABLE public.t ALTER COLUMN m TYPE public.e__pgtide_new USING m::text::public.e__pgtide_new;',
      'DROP TYPE public.e;',
      'ALTER TYPE public.e__pgtide_new RENAME TO e;',
      "ALTER TABLE public.t ALTER COLUMN m SET DEFAULT 'a'::public.e;",
    ]);
    expect(p.steps.every((s) => s.phase === 'contract' && s.hazards.some((h) => h.kind === 'data-loss'))).toBe(true);
  });
});

describe('gatedScript', () => {
  const p = plan([table('t', [col('a'), col('b')])], [table('t', [col('a'), col('c')]), index('i', 't', ['a'])]);

  it('renders every phase in order when hazards are allowed', () => {
    const { sql, blocked } = gatedScript(p, { allowHazards: true });
    expect(blocked).toEqual([]);
    expect(sql).toBe([
      '-- phase: expand', 'ALTER TABLE public.t ADD COLUMN c integer;', '-- pgtide:no-transaction',
      'CREATE INDEX CONCURRENTLY i ON public.t USING btree (a);', '', '-- phase: contract', 'ALTER TABLE public.t DROP COLUMN b;', '',
    ].join('\n'));
  });

  it('leaves out and returns steps whose hazards are not allowed', () => {
    const { sql, blocked } = gatedScript(p, { allowHazards: false });
    expect(blocked.map((s) => s.op.kind)).toEqual(['drop-column']);
    expect(sql).not.toContain('DROP COLUMN');
    expect(gatedScript(p, { allowHazards: ['data-loss'] }).blocked).toEqual([]);
    expect(gatedScript(p, { allowHazards: ['rewrite'] }).blocked).toHaveLength(1);
  });
});

describe('classifyTypeChange', () => {
  it.each([
    ['character varying(10)', 'character varying(20)', 'binary'],
    ['character varying(20)', 'character varying(10)', 'lossy'],
    ['character varying(20)', 'text', 'binary'],
    ['numeric(10,2)', 'numeric(12,2)', 'binary'],
    ['numeric(10,2)', 'numeric(12,3)', 'lossy'],
    ['integer', 'bigint', 'widening'],
    ['bigint', 'integer', 'lossy'],
    ['integer', 'text', 'widening'],
    ['bigint', 'timestamp without time zone', 'lossy'],
  ] as const)('%s → %s is %s', (a, b, cls) => expect(classifyTypeChange(a, b)).toBe(cls));
});
