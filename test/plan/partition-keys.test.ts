import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { PgtideError } from '../../src/errors.js';
import type { Model, PrimaryKeyConstraint } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import { renderStep } from '../../src/sql/index.js';
import { col, fk, index, model, pk, table } from '../diff/fixtures.js';

const a = col('a', 'integer', { notNull: true });
const parent = table('p', [a], { partitionBy: 'LIST (a)' });
const p1 = table('p1', [a], { partitionOf: { schema: 'public', table: 'p', bound: 'FOR VALUES IN (1)' } });
const parentIndex = index('p_a_idx', 'p', ['a'], { unique: true });
const attachedKey: PrimaryKeyConstraint = { ...pk('p1', ['a']), attachedTo: 'p_a_idx' };
const sqlOf = (from: Model, to: Model): string[] => planChanges(diff(from, to), { from, to }).steps.map(renderStep);
const at = (sql: readonly string[], prefix: string): number => sql.findIndex((s) => s.startsWith(prefix));

describe("plan: partitions' keys attached to a parent partitioned index", () => {
  it('drops the parent index with CASCADE, which takes the attached key, before the parent gets its key', () => {
    const from = model(parent, p1, parentIndex, attachedKey);
    const to = model(parent, p1, pk('p', ['a'], 'p_a_idx'));
    const sql = sqlOf(from, to);
    expect(sql).toContain('DROP INDEX public.p_a_idx CASCADE;');
    expect(sql.some((s) => s.includes('DROP CONSTRAINT p1_pkey'))).toBe(false);
    expect(at(sql, 'DROP INDEX public.p_a_idx')).toBeLessThan(at(sql, 'ALTER TABLE ONLY public.p ADD CONSTRAINT p_a_idx PRIMARY KEY'));
    expect(sql).toContain('ALTER INDEX public.p_a_idx ATTACH PARTITION public.p1_pkey;');
  });

  it('refuses to drop the parent index while an attached key is to stay', () => {
    const from = model(parent, p1, parentIndex, attachedKey);
    const to = model(parent, p1, pk('p1', ['a']));
    expect(() => sqlOf(from, to)).toThrow(PgtideError);
    expect(() => sqlOf(from, to)).toThrow(/p1_pkey/);
  });

  it('adds a key that is to stay again after the CASCADE, before the new parent index adopts it', () => {
    const from = model(parent, p1, parentIndex, attachedKey);
    const to = model(parent, p1, index('p_a_new', 'p', ['a'], { unique: true }), { ...attachedKey, attachedTo: 'p_a_new' });
    const sql = sqlOf(from, to);
    expect(sql).toContain('DROP INDEX public.p_a_idx CASCADE;');
    expect(at(sql, 'DROP INDEX public.p_a_idx')).toBeLessThan(at(sql, 'ALTER TABLE public.p1 ADD CONSTRAINT p1_pkey PRIMARY KEY (a);'));
    expect(at(sql, 'ALTER TABLE public.p1 ADD CONSTRAINT p1_pkey')).toBeLessThan(at(sql, 'CREATE UNIQUE INDEX p_a_new'));
    expect(sql.some((s) => s.includes('DROP CONSTRAINT'))).toBe(false);
  });

  it('refuses a CASCADE that would take a foreign key the plan keeps', () => {
    const other = table('o', [col('a')]);
    const ref = fk('o', ['a'], 'p1', ['a'], 'o_a_fkey');
    const from = model(parent, p1, other, parentIndex, attachedKey, ref);
    const to = model(parent, p1, other, pk('p', ['a'], 'p_a_idx'), ref);
    expect(() => sqlOf(from, to)).toThrow(/o_a_fkey/);
  });

  it('refuses to drop an attached key on its own while its partition stays', () => {
    const from = model(parent, p1, parentIndex, attachedKey);
    const to = model(parent, p1, parentIndex);
    expect(() => sqlOf(from, to)).toThrow(PgtideError);
  });

  it('refuses to detach a key from its parent index while its partition stays', () => {
    const from = model(parent, p1, parentIndex, attachedKey);
    const to = model(parent, p1, parentIndex, pk('p1', ['a']));
    expect(() => sqlOf(from, to)).toThrow(/cannot be detached/);
  });

  it('adds a key to a partition that stays, then attaches its index to the existing parent index', () => {
    const from = model(parent, p1, parentIndex);
    const to = model(parent, p1, parentIndex, attachedKey);
    const sql = sqlOf(from, to);
    expect(sql).toContain('ALTER INDEX public.p_a_idx ATTACH PARTITION public.p1_pkey;');
    expect(at(sql, 'ALTER TABLE public.p1 ADD CONSTRAINT p1_pkey')).toBeLessThan(at(sql, 'ALTER INDEX public.p_a_idx ATTACH'));
  });

  it('adds the key before a new parent index, whose CREATE INDEX adopts it', () => {
    const from = model(parent, p1);
    const to = model(parent, p1, parentIndex, attachedKey);
    const sql = sqlOf(from, to);
    expect(at(sql, 'ALTER TABLE public.p1 ADD CONSTRAINT p1_pkey PRIMARY KEY (a);')).toBeGreaterThanOrEqual(0);
    expect(at(sql, 'ALTER TABLE public.p1 ADD CONSTRAINT p1_pkey')).toBeLessThan(at(sql, 'CREATE UNIQUE INDEX p_a_idx'));
    expect(sql.some((s) => s.includes('ATTACH PARTITION'))).toBe(false);
  });

  it('refuses a key attached to an existing parent index on a new partition', () => {
    const from = model(parent, parentIndex);
    const to = model(parent, p1, parentIndex, attachedKey);
    expect(() => sqlOf(from, to)).toThrow(/new partition/);
  });
});

describe('plan: a partitioned table key added ON ONLY (partitionsWithoutKey)', () => {
  const only = (key: PrimaryKeyConstraint): PrimaryKeyConstraint => ({ ...key, partitionsWithoutKey: [{ schema: 'public', table: 'p1' }] });

  it('completes it in place: the partition gets its key and attaches it, the parent key stays', () => {
    const from = model(parent, p1, only(pk('p', ['a'])));
    const to = model(parent, p1, pk('p', ['a']));
    expect(diff(from, to).changes.map((c) => c.kind)).toEqual(['constraint.alter']);
    expect(sqlOf(from, to)).toEqual([
      'CREATE UNIQUE INDEX CONCURRENTLY p1_pkey ON public.p1 USING btree (a);',
      'ALTER TABLE public.p1 ADD CONSTRAINT p1_pkey PRIMARY KEY USING INDEX p1_pkey;',
      'ALTER INDEX public.p_pkey ATTACH PARTITION public.p1_pkey;',
    ]);
  });

  it('adds a primary key over nullable columns to the parent directly, flagged as blocking', () => {
    const b = col('b', 'integer');
    const from = model(table('p', [b], { partitionBy: 'LIST (b)' }), table('p1', [b], { partitionOf: { schema: 'public', table: 'p', bound: 'FOR VALUES IN (1)' } }));
    const to = model(...from.table.values(), pk('p', ['b']));
    const plan = planChanges(diff(from, to), { from, to });
    expect(plan.steps.map(renderStep)).toContain('ALTER TABLE public.p ADD CONSTRAINT p_pkey PRIMARY KEY (b);');
    expect(plan.steps.flatMap((s) => s.hazards.map((h) => h.kind))).toContain('blocking-lock');
  });

  it('adds it again ON ONLY when a partition is to lack it (a key cannot be detached)', () => {
    const from = model(parent, p1, pk('p', ['a']));
    const to = model(parent, p1, only(pk('p', ['a'])));
    expect(sqlOf(from, to)).toEqual([
      'ALTER TABLE public.p DROP CONSTRAINT p_pkey;',
      'ALTER TABLE ONLY public.p ADD CONSTRAINT p_pkey PRIMARY KEY (a);',
    ]);
  });
});
