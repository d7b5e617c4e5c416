import { describe, expect, it } from 'vitest';
import { hazardGateError } from '../../src/api/hazard-gate.js';
import { describeChange } from '../../src/diff/describe-change.js';
import { diff } from '../../src/diff/index.js';
import { ExitCode } from '../../src/errors.js';
import type { Model, Policy, View } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import { gatedScript } from '../../src/pipeline/migration.js';
import { col, fk, index, model, pk, sequence, table } from '../diff/fixtures.js';
import { expectBefore } from '../helpers/expect-before.js';

const view = (name: string, reads: string[]): View => ({
  kind: 'view', schema: 'public', name, materialized: false, definition: ' SELECT at FROM public.events', with: [],
  comment: null, columnComments: [], dependsOn: reads,
});

const policy = (name: string, on: string): Policy => ({
  kind: 'policy', schema: 'public', table: on, name, permissive: true, command: 'all', roles: ['public'],
  usingExpression: 'true', withCheck: null, comment: null, dependsOn: [`table:public.${on}`],
});

const serial = { kind: 'sql', text: "nextval('ticks_n_seq'::regclass)" } as const;

const events = (extra: Parameters<typeof table>[2] = {}) =>
  table('events', [col('id', 'integer', { notNull: true }), col('at', 'date', { notNull: true }), col('note', 'text')], extra);

function before(): Model {
  return model(
    events(),
    table('refs', [col('event_id', 'integer'), col('event_at', 'date')]),
    table('ticks', [col('n', 'integer', { default: serial })]),
    sequence('ticks_n_seq', { ownedBy: { table: 'ticks', column: 'n' } }),
    pk('events', ['id', 'at']),
    fk('refs', ['event_id', 'event_at'], 'events', ['id', 'at'], 'refs_event_fk'),
    index('events_note_idx', 'events', ['note']),
    view('recent', ['table:public.events', 'column:public.events.at']),
    policy('events_all', 'events'),
  );
}

function after(): Model {
  return model(
    events({ partitionBy: 'RANGE (at)' }),
    table('events_2024', [col('id', 'integer', { notNull: true }), col('at', 'date', { notNull: true }), col('note', 'text'), col('extra', 'text')], {
      partitionOf: { schema: 'public', table: 'events', bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" },
    }),
    table('refs', [col('event_id', 'integer'), col('event_at', 'date')]),
    table('ticks', [col('n', 'integer', { default: serial })], { partitionBy: 'LIST (n)' }),
    sequence('ticks_n_seq', { ownedBy: { table: 'ticks', column: 'n' } }),
    pk('events', ['id', 'at']),
    fk('refs', ['event_id', 'event_at'], 'events', ['id', 'at'], 'refs_event_fk'),
    index('events_note_idx', 'events', ['note']),
    view('recent', ['table:public.events', 'column:public.events.at']),
    policy('events_all', 'events'),
  );
}

describe('tables recreated because their partitioning changes', () => {
  it('diff: one table.recreate naming the field, and objects on and around the table recreated with it', () => {
    const changes = diff(before(), after()).changes;
    const recreate = changes.find((c) => c.kind === 'table.recreate' && c.id === 'table:public.events');
    expect(recreate).toMatchObject({ reason: { kind: 'fields', fields: ['partitionBy'] } });
    expect(changes.some((c) => c.kind === 'table.drop' || (c.kind === 'table.create' && c.id === 'table:public.events'))).toBe(false);
    // No column work on a table that is created in its new shape.
    expect(changes.some((c) => c.kind.startsWith('column.') && 'table' in c && c.table.name === 'events')).toBe(false);
    const described = changes.map(describeChange);
    expect(described).toEqual(expect.arrayContaining([
      'drop foreign key refs_event_fk on public.refs',
      'create foreign key refs_event_fk on public.refs',
      'create primary key events_pkey on public.events',
      'create index public.events_note_idx',
      'drop view public.recent',
      'create view public.recent',
      'drop policy events_all on public.events',
      'create policy events_all on public.events',
    ]));
    // The old table's own constraints and indexes go with DROP TABLE: no separate drops.
    expect(described).not.toContain('drop primary key events_pkey on public.events');
    expect(described).not.toContain('drop index public.events_note_idx');
  });

  it('diff: partitions of a recreated table are recreated with it', () => {
    const from = model(
      table('m', [col('a', 'text'), col('b', 'text')], { partitionBy: 'LIST (a)' }),
      table('m_1', [col('a', 'text'), col('b', 'text')], { partitionOf: { schema: 'public', table: 'm', bound: "FOR VALUES IN ('x')" } }),
    );
    const to = model(
      table('m', [col('a', 'text'), col('b', 'text')], { partitionBy: 'LIST (b)' }),
      table('m_1', [col('a', 'text'), col('b', 'text')], { partitionOf: { schema: 'public', table: 'm', bound: "FOR VALUES IN ('x')" } }),
    );
    const changes = diff(from, to).changes.filter((c) => c.kind === 'table.recreate');
    expect(changes.map((c) => [c.id, c.kind === 'table.recreate' ? c.reason.kind : null])).toEqual([
      ['table:public.m', 'fields'],
      ['table:public.m_1', 'parent'],
    ]);
    const plan = planChanges(diff(from, to), { from, to });
    const sql = gatedScript(plan, { allowHazards: true }).sql;
    expectBefore(sql, 'DROP TABLE public.m_1', 'DROP TABLE public.m;');
    expectBefore(sql, 'DROP TABLE public.m;', 'CREATE TABLE public.m ');
    expectBefore(sql, 'CREATE TABLE public.m ', 'CREATE TABLE public.m_1 ');
  });

  it('plan: dependents go first, the table is dropped before it is created, all in expand', () => {
    const from = before();
    const to = after();
    const plan = planChanges(diff(from, to), { from, to });
    const sql = gatedScript(plan, { allowHazards: true }).sql;
    const at = (s: string): number => {
      const i = sql.indexOf(s);
      expect(i, `${s} in\n${sql}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at('DROP VIEW public.recent')).toBeLessThan(at('DROP TABLE public.events'));
    expect(at('DROP POLICY events_all ON public.events')).toBeLessThan(at('DROP TABLE public.events'));
    expect(at('ALTER TABLE public.refs DROP CONSTRAINT refs_event_fk')).toBeLessThan(at('DROP TABLE public.events'));
    expect(at('DROP TABLE public.events')).toBeLessThan(at('CREATE TABLE public.events '));
    expect(at('CREATE TABLE public.events ')).toBeLessThan(at('CREATE TABLE public.events_2024 PARTITION OF'));
    expect(at('CREATE TABLE public.events ')).toBeLessThan(at('ADD CONSTRAINT events_pkey'));
    expect(at('ADD CONSTRAINT events_pkey')).toBeLessThan(at('ADD CONSTRAINT refs_event_fk'));
    expect(at('CREATE TABLE public.events ')).toBeLessThan(at('CREATE VIEW public.recent'));
    expect(at('CREATE TABLE public.events ')).toBeLessThan(at('CREATE POLICY events_all'));
    // A partitioned table cannot be indexed CONCURRENTLY, and a new one need not be.
    expect(sql).not.toMatch(/CONCURRENTLY public\.events_note_idx|INDEX CONCURRENTLY events_note_idx/);
    // The serial's sequence is released before DROP TABLE (which would drop it) and owned again after.
    expect(at('ALTER SEQUENCE public.ticks_n_seq OWNED BY NONE')).toBeLessThan(at('DROP TABLE public.ticks'));
    expect(at('CREATE TABLE public.ticks ')).toBeLessThan(at('ALTER SEQUENCE public.ticks_n_seq OWNED BY public.ticks.n'));
    expect(sql).not.toContain('DROP SEQUENCE');
    for (const step of plan.steps.filter((s) => s.source.kind === 'table.recreate')) expect(step.phase).toBe('expand');
  });

  it('hazards: data loss and rewrite on the drop and the create; the gate blocks them with exit 4', () => {
    const from = before();
    const to = after();
    const plan = planChanges(diff(from, to), { from, to });
    const steps = plan.steps.filter((s) => s.source.kind === 'table.recreate' && s.source.id === 'table:public.events');
    expect(steps.map((s) => s.op.kind)).toEqual(expect.arrayContaining(['drop-table', 'create-table']));
    for (const s of steps) {
      expect(s.hazards.map((h) => h.kind).sort()).toEqual(['data-loss', 'rewrite']);
      const loss = s.hazards.find((h) => h.kind === 'data-loss')!;
      expect(loss.risk).toBe('high');
      expect(loss.reason).toContain('public.events');
      expect(loss.reason).toContain('it becomes partitioned (PARTITION BY RANGE (at))');
      expect(loss.reason).toContain('rows are lost');
      // refs.refs_event_fk points at events: it cannot be validated again while refs has rows.
      expect(loss.reason).toContain('foreign keys of other tables that point at it are validated again');
    }
    const ticks = plan.steps.find((s) => s.source.kind === 'table.recreate' && s.source.id === 'table:public.ticks')!;
    expect(ticks.hazards.find((h) => h.kind === 'data-loss')!.reason).not.toContain('foreign keys');
    const { blocked, sql } = gatedScript(plan, { allowHazards: false });
    expect(sql).not.toContain('DROP TABLE public.events');
    const err = hazardGateError(blocked);
    expect(err.exitCode).toBe(ExitCode.hazard);
    expect(err.message).toContain('recreate table public.events (partitionBy)');
    expect(err.message).toContain('it becomes partitioned');
    expect(gatedScript(plan, { allowHazards: ['data-loss'] }).blocked.length).toBeGreaterThan(0);
    expect(gatedScript(plan, { allowHazards: ['data-loss', 'rewrite'] }).sql).toContain('DROP TABLE public.events');
  });

  it('hazard message says when a partitioned table stops being partitioned or changes its key', () => {
    const a = model(table('p', [col('a', 'text'), col('b', 'text')], { partitionBy: 'LIST (a)' }));
    const regular = model(table('p', [col('a', 'text'), col('b', 'text')]));
    const rekeyed = model(table('p', [col('a', 'text'), col('b', 'text')], { partitionBy: 'HASH (b)' }));
    const reason = (to: Model): string =>
      planChanges(diff(a, to), { from: a, to }).steps.find((s) => s.op.kind === 'drop-table')!.hazards.find((h) => h.kind === 'data-loss')!.reason;
    expect(reason(regular)).toContain('it stops being partitioned (was PARTITION BY LIST (a))');
    expect(reason(rekeyed)).toContain('its partition key changes from LIST (a) to HASH (b)');
  });
});
