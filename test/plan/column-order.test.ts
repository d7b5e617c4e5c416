import { describe, expect, it } from 'vitest';
import { describeChange } from '../../src/diff/describe-change.js';
import { diff, type DiffOptions } from '../../src/diff/index.js';
import { renderMigrationFiles } from '../../src/migrations/render-files.js';
import type { Column, Model } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import { gatedScript } from '../../src/pipeline/migration.js';
import { col, index, model, pk, table } from '../diff/fixtures.js';
import { expectBefore } from '../helpers/expect-before.js';

const identity = { generation: 'always', options: {} } as const;
const id = col('id', 'integer', { notNull: true, identity });

const users = (columns: Column[]): Model => model(table('users', columns), pk('users', ['id']), index('users_name_idx', 'users', ['name']));

const exact: DiffOptions = { columnOrder: 'exact' };

function plan(from: Model, to: Model, options: DiffOptions = exact) {
  const result = diff(from, to, options);
  return { result, plan: planChanges(result, { from, to }) };
}

describe("columnOrder 'append' (the default)", () => {
  it('adds new columns at the end in the declared order, not by name, and never rebuilds', () => {
    const from = users([id, col('name', 'text')]);
    const to = users([id, col('zeta', 'text'), col('name', 'text'), col('alpha', 'text')]);
    const { result, plan: p } = plan(from, to, { columnOrder: 'append' });
    expect(result.changes.map(describeChange)).toEqual(['add column public.users.zeta', 'add column public.users.alpha']);
    expect(p.steps.map((s) => s.op.kind)).toEqual(['add-column', 'add-column']);
    expect(result.columnOrder).toBeUndefined();
  });

  it('adds a new generated column after the new plain columns it may read, whatever the declared order', () => {
    const from = users([id, col('name', 'text')]);
    const to = users([id, col('name', 'text'), col('twice', 'integer', { generated: '(n * 2)' }), col('n', 'integer')]);
    expect(plan(from, to, { columnOrder: 'append' }).result.changes.map(describeChange))
      .toEqual(['add column public.users.n', 'add column public.users.twice']);
  });

  it('takes the shadow-column way for a type change', () => {
    const from = users([id, col('name', 'text'), col('n', 'integer')]);
    const to = users([id, col('name', 'text'), col('n', 'bigint')]);
    expect(plan(from, to, { columnOrder: 'append' }).plan.steps.map((s) => s.op.kind)).toContain('create-sync-trigger');
  });
});

describe("columnOrder 'exact'", () => {
  it('leaves a table alone whose new columns only go at the end', () => {
    const from = users([id, col('name', 'text')]);
    const to = users([id, col('name', 'text'), col('email', 'text')]);
    expect(plan(from, to).result.changes.map(describeChange)).toEqual(['add column public.users.email']);
  });

  it('rebuilds a table with a column inserted in the middle, naming the order', () => {
    const from = users([id, col('name', 'text')]);
    const to = users([id, col('email', 'text'), col('name', 'text')]);
    const { result } = plan(from, to);
    expect(result.columnOrder).toBe('exact');
    expect(result.changes.map(describeChange)).toContain('recreate table public.users (column order: id, email, name)');
    // Everything on the table comes back with it; nothing is altered column by column.
    expect(result.changes.some((c) => c.kind.startsWith('column.'))).toBe(false);
    expect(result.changes.map(describeChange)).toEqual(expect.arrayContaining(['create primary key users_pkey on public.users', 'create index public.users_name_idx']));
  });

  it('copies the rows out before the drop and back before indexes and constraints, carrying identity counters', () => {
    const from = users([id, col('name', 'text'), col('gone', 'text')]);
    const to = users([id, col('email', 'text'), col('name', 'text')]);
    const steps = plan(from, to).plan.steps.map((s) => s.op.kind);
    expect(steps.slice(0, 4)).toEqual(['lock-table', 'hold-rows', 'hold-identity-counters', 'drop-table']);
    const restore = steps.indexOf('restore-rows');
    expect(steps.slice(restore, restore + 4)).toEqual(['restore-rows', 'restore-identity-counters', 'drop-table', 'drop-table']);
    expectBefore(steps, 'create-table', 'restore-rows');
    expectBefore(steps, 'restore-rows', 'create-index');
  });

  it('renders the copy: columns by name, the lock only in migration files (psql autocommits a script)', () => {
    const from = users([id, col('name', 'text'), col('age', 'integer')]);
    const to = users([id, col('age', 'bigint'), col('name', 'text')]);
    const p = plan(from, to).plan;
    const script = gatedScript(p, { allowHazards: true }).sql;
    expect(script).toContain('CREATE TABLE public.users__pgtide_rows AS TABLE public.users;');
    expect(script).toContain("CREATE TABLE public.users__pgtide_ids AS SELECT pg_sequence_last_value(pg_get_serial_sequence('public.users', 'id')) AS id;");
    expect(script).toContain('INSERT INTO public.users (id, age, name) OVERRIDING SYSTEM VALUE SELECT id, age::bigint, name FROM public.users__pgtide_rows;');
    expect(script).toContain("SELECT setval(pg_get_serial_sequence('public.users', 'id'), id) FROM public.users__pgtide_ids;");
    expect(script).not.toContain('LOCK TABLE');
    const files = renderMigrationFiles(p, { version: '20260101T000000Z', name: 'reorder', fromHash: 'a', toHash: 'b' }).files;
    expect(files.expand).toContain('LOCK TABLE public.users IN SHARE MODE;');
  });

  it('fills a new NOT NULL column from its backfill, and lifts FORCE ROW LEVEL SECURITY before the copy', () => {
    const from = model(table('t', [col('a'), col('b')], { rowSecurity: true, forceRowSecurity: true }));
    const to = model(table('t', [col('a'), col('c', 'integer', { notNull: true, backfill: 'a + 1' }), col('b')], { rowSecurity: true, forceRowSecurity: true }));
    const p = plan(from, to).plan;
    const kinds = p.steps.map((s) => s.op.kind);
    expectBefore(kinds, 'set-row-security', 'hold-rows');
    const script = gatedScript(p, { allowHazards: true }).sql;
    expect(script).toContain('ALTER TABLE public.t NO FORCE ROW LEVEL SECURITY;');
    expect(script).toContain('INSERT INTO public.t (a, c, b) OVERRIDING SYSTEM VALUE SELECT a, a + 1, b FROM public.t__pgtide_rows;');
  });

  it('says which values are lost only when the schema drops a column', () => {
    const keep = plan(users([id, col('name', 'text')]), users([id, col('email', 'text'), col('name', 'text')])).plan;
    expect(new Set(keep.steps.flatMap((s) => s.hazards.map((h) => h.kind)))).toEqual(new Set(['rewrite']));
    const drop = plan(users([id, col('name', 'text'), col('gone', 'text')]), users([id, col('email', 'text'), col('name', 'text')])).plan;
    expect(drop.steps.flatMap((s) => s.hazards).find((h) => h.kind === 'data-loss')?.reason).toContain('gone of public.users');
  });

  it('rebuilds a table whose column must be added again (it becomes generated) unless it is last already', () => {
    const plain = [col('a', 'integer'), col('b', 'integer')];
    const genA = [col('a', 'integer', { generated: '1' }), col('b', 'integer')];
    expect(plan(model(table('t', plain)), model(table('t', genA))).result.changes.map(describeChange))
      .toEqual(['recreate table public.t (column order: a, b)']);
    const genB = [col('a', 'integer'), col('b', 'integer', { generated: '1' })];
    expect(plan(model(table('t', plain)), model(table('t', genB))).result.changes.some((c) => c.kind === 'table.recreate')).toBe(false);
  });

  it('rebuilds a table whose new generated column is declared before a new plain column (it is added after it)', () => {
    const from = users([id, col('name', 'text')]);
    const to = users([id, col('name', 'text'), col('twice', 'integer', { generated: '(n * 2)' }), col('n', 'integer')]);
    expect(plan(from, to).result.changes.map(describeChange)).toContain('recreate table public.users (column order: id, name, twice, n)');
  });

  it('rebuilds a table whose generated column reads a retyped column (the planner would move it)', () => {
    const t = (type: string) => model(table('t', [col('a', type), col('g', 'bigint', { generated: '(a * 2)' }), col('b', 'text')]));
    expect(plan(t('integer'), t('bigint')).result.changes.map(describeChange)).toEqual(['recreate table public.t (column order: a, g, b)']);
    expect(plan(t('integer'), t('bigint'), { columnOrder: 'append' }).result.changes.some((c) => c.kind === 'table.recreate')).toBe(false);
  });

  it('retypes and renames in place: no shadow column would move them to the end', () => {
    const from = users([id, col('name', 'text'), col('n', 'integer')]);
    const to = users([id, col('full_name', 'text', { renamedFrom: 'name' }), col('n', 'bigint')]);
    const kinds = plan(from, to).plan.steps.map((s) => s.op.kind);
    expect(kinds).toEqual(expect.arrayContaining(['rename-column', 'alter-column-type']));
    expect(kinds).not.toContain('create-sync-trigger');
  });

  it('leaves partitioned tables and their partitions in appended order: their rows live in more than one table', () => {
    const parent = (columns: Column[]) => table('m', columns, { partitionBy: 'LIST (a)' });
    const part = (columns: Column[]) => table('m_1', columns, { partitionOf: { schema: 'public', table: 'm', bound: 'FOR VALUES IN (1)' } });
    const from = model(parent([col('a'), col('b')]), part([col('a'), col('b')]));
    const to = model(parent([col('a'), col('c'), col('b')]), part([col('a'), col('c'), col('b')]));
    expect(plan(from, to).result.changes.some((c) => c.kind === 'table.recreate')).toBe(false);
  });
});
