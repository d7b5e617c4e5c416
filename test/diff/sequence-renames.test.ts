import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { Change } from '../../src/diff/change.js';
import type { Column, DbObject } from '../../src/model/types.js';
import { makeObjectName } from '../../src/model/naming.js';
import { planChanges } from '../../src/plan/index.js';
import { renderReverse, renderStep } from '../../src/sql/index.js';
import { col, model, sequence, table } from './fixtures.js';

const kinds = (changes: readonly Change[]): string[] => changes.map((c) => `${c.kind} ${c.id}`);
const run = (from: DbObject[], to: DbObject[]) => diff(model(...from), model(...to));

/** A serial column as the server reports it, its default calling its sequence (NOT NULL left out: its name would follow the rename too). */
const serial = (name: string, seq: string, extra: Partial<Column> = {}): Column =>
  col(name, 'integer', { default: { kind: 'sql', text: `nextval('public.${seq}'::regclass)` }, ...extra });
const owned = (name: string, t: string, c: string) => sequence(name, { options: { dataType: 'integer' }, ownedBy: { table: t, column: c } });

describe('diff: a sequence named after its table and column follows their renames', () => {
  it('is renamed with its table, and the column default follows it', () => {
    const from = [table('t', [serial('id', 't_id_seq')]), owned('t_id_seq', 't', 'id')];
    const to = [table('t2', [serial('id', 't2_id_seq')], { renamedFrom: 't' }), owned('t2_id_seq', 't2', 'id')];
    expect(kinds(run(from, to).changes)).toEqual(['table.rename table:public.t2', 'sequence.rename sequence:public.t2_id_seq']);
  });

  it('is renamed with its column', () => {
    const from = [table('t', [serial('id', 't_id_seq')]), owned('t_id_seq', 't', 'id')];
    const to = [table('t', [serial('no', 't_no_seq', { renamedFrom: 'id' })]), owned('t_no_seq', 't', 'no')];
    expect(kinds(run(from, to).changes)).toEqual(['column.rename column:public.t.no', 'sequence.rename sequence:public.t_no_seq']);
  });

  it('is renamed with both, under the truncated name the server chooses for long names', () => {
    const [t1, t2, c1, c2] = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40), 'd'.repeat(40)];
    const [s1, s2] = [makeObjectName(t1, c1, 'seq'), makeObjectName(t2, c2, 'seq')];
    const from = [table(t1, [serial(c1, s1)]), owned(s1, t1, c1)];
    const to = [table(t2, [serial(c2, s2, { renamedFrom: c1 })], { renamedFrom: t1 }), owned(s2, t2, c2)];
    expect(kinds(run(from, to).changes)).toEqual([`table.rename table:public.${t2}`, `column.rename column:public.${t2}.${c2}`, `sequence.rename sequence:public.${s2}`]);
  });

  it('keeps its name where the desired side keeps it', () => {
    const from = [table('t', [serial('id', 't_id_seq')]), owned('t_id_seq', 't', 'id')];
    const to = [table('t2', [serial('id', 't_id_seq')], { renamedFrom: 't' }), owned('t_id_seq', 't2', 'id')];
    expect(kinds(run(from, to).changes)).toEqual(['table.rename table:public.t2']);
  });

  it.each([
    ['named by hand', [table('t', [serial('id', 'ids')]), owned('ids', 't', 'id')],
      [table('t2', [serial('id', 't2_id_seq')], { renamedFrom: 't' }), owned('t2_id_seq', 't2', 'id')]],
    ['not owned by the column', [table('t', [serial('id', 't_id_seq')]), sequence('t_id_seq')],
      [table('t2', [serial('id', 't2_id_seq')], { renamedFrom: 't' }), owned('t2_id_seq', 't2', 'id')]],
    ['declared without an owner', [table('t', [serial('id', 't_id_seq')]), owned('t_id_seq', 't', 'id')],
      [table('t2', [serial('id', 't2_id_seq')], { renamedFrom: 't' }), sequence('t2_id_seq', { options: { dataType: 'integer' } })]],
    ['the desired side keeps its old name too', [table('t', [serial('id', 't_id_seq')]), owned('t_id_seq', 't', 'id')],
      [table('t2', [serial('id', 't2_id_seq')], { renamedFrom: 't' }), owned('t2_id_seq', 't2', 'id'), sequence('t_id_seq')]],
  ] as const)('is not renamed when %s', (_n, from, to) => {
    const changes = kinds(run([...from], [...to]).changes);
    expect(changes.filter((c) => c.startsWith('sequence.rename'))).toEqual([]);
    expect(changes).toContain('sequence.create sequence:public.t2_id_seq');
  });
});

describe('plan: sequences renamed with their table', () => {
  const plan = (from: DbObject[], to: DbObject[]) => {
    const a = model(...from);
    const b = model(...to);
    return planChanges(diff(a, b), { from: a, to: b });
  };

  it('renames a serial sequence right after its table, never dropping it or setting the default again', () => {
    const p = plan(
      [table('t', [serial('id', 't_id_seq')]), owned('t_id_seq', 't', 'id')],
      [table('t2', [serial('id', 't2_id_seq')], { renamedFrom: 't' }), owned('t2_id_seq', 't2', 'id')],
    );
    const steps = p.steps.map((s) => `${s.phase} ${renderStep(s)}`).filter((s) => !s.includes('$pgtide$'));
    expect(steps).toEqual([
      'expand ALTER TABLE public.t RENAME TO t2;',
      'expand CREATE VIEW public.t AS SELECT * FROM public.t2;',
      'expand ALTER SEQUENCE public.t_id_seq RENAME TO t2_id_seq;',
      'contract DROP VIEW public.t;',
    ]);
    const rename = p.steps.find((s) => s.op.kind === 'rename-sequence')!;
    expect(renderReverse(rename)).toBe('ALTER SEQUENCE public.t2_id_seq RENAME TO t_id_seq;');
  });

  it('renames an identity sequence named after the table where the server finds it under that name', () => {
    const identity = col('id', 'integer', { notNull: true, identity: { generation: 'always', options: {} } });
    const p = plan([table('t', [identity, col('a')])], [table('t2', [identity, col('a')], { renamedFrom: 't' })]);
    const steps = p.steps.filter((s) => s.op.kind === 'rename-identity-sequence');
    expect(steps.map((s) => s.phase)).toEqual(['expand']);
    const sql = renderStep(steps[0]!);
    expect(sql).toContain(`pg_catalog.pg_get_serial_sequence('public.t2', 'id')::regclass = pg_catalog.to_regclass('public.t_id_seq')`);
    expect(sql).toContain(`pg_catalog.to_regclass('public.t2_id_seq') IS NULL`);
    expect(sql).toContain('ALTER SEQUENCE public.t_id_seq RENAME TO t2_id_seq;');
    expect(renderReverse(steps[0]!)).toContain('ALTER SEQUENCE public.t2_id_seq RENAME TO t_id_seq;');
    // The table is renamed first: the step finds the sequence through the table's new name.
    expect(p.steps.findIndex((s) => s.op.kind === 'rename-table')).toBeLessThan(p.steps.indexOf(steps[0]!));
  });

  it('chains an identity sequence through a table and a column rename, each step undone in down.sql by the same lookup', () => {
    const identity = { generation: 'always', options: {} } as const;
    const p = plan(
      [table('t', [col('id', 'integer', { identity }), col('a')])],
      [table('t2', [col('no', 'integer', { identity, renamedFrom: 'id' }), col('a')], { renamedFrom: 't' })],
    );
    const steps = p.steps.filter((s) => s.op.kind === 'rename-identity-sequence' || s.op.kind === 'rename-table' || s.op.kind === 'rename-column');
    const renamed = (sql: string): string => /ALTER [A-Z]+ .*;/.exec(sql)![0];
    expect(steps.map((s) => renamed(renderStep(s)))).toEqual([
      'ALTER TABLE public.t RENAME TO t2;',
      'ALTER SEQUENCE public.t_id_seq RENAME TO t2_id_seq;',
      'ALTER TABLE public.t2 RENAME COLUMN id TO no;',
      'ALTER SEQUENCE public.t2_id_seq RENAME TO t2_no_seq;',
    ]);
    expect(renderStep(steps[1]!)).toContain(`pg_get_serial_sequence('public.t2', 'id')`);
    expect(renderStep(steps[3]!)).toContain(`pg_get_serial_sequence('public.t2', 'no')`);
    expect(renderReverse(steps[3]!)).toContain(`pg_get_serial_sequence('public.t2', 'no')`);
    expect(renderReverse(steps[3]!)).toContain('ALTER SEQUENCE public.t2_no_seq RENAME TO t2_id_seq;');
  });
});
