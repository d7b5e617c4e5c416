import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { PgtideError } from '../../src/errors.js';
import type { Model } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import { renderStep } from '../../src/sql/index.js';
import { col, index, model, table } from '../diff/fixtures.js';

const parent = table('p', [col('a')], { partitionBy: 'LIST (a)' });
const partOf = { partitionOf: { schema: 'public', table: 'p', bound: "FOR VALUES IN (1)" } };
const sqlOf = (from: Model, to: Model): string[] => planChanges(diff(from, to), { from, to }).steps.map(renderStep);

describe('plan: indexes attached to a parent partitioned index', () => {
  it('leaves an attached index to the server when its partition is new', () => {
    const from = model(parent, index('p_a_idx', 'p', ['a']));
    const to = model(parent, index('p_a_idx', 'p', ['a']), table('p1', [col('a')], partOf), index('p1_a_idx', 'p1', ['a'], { attachedTo: 'p_a_idx' }));
    expect(sqlOf(from, to).filter((s) => s.includes('INDEX'))).toEqual([]);
  });

  it('attaches an index of an existing partition with ALTER INDEX … ATTACH PARTITION', () => {
    const base = [parent, index('p_a_idx', 'p', ['a']), table('p1', [col('a')], partOf)];
    const from = model(...base, index('p1_own', 'p1', ['a']));
    const to = model(...base, index('p1_own', 'p1', ['a'], { attachedTo: 'p_a_idx' }));
    expect(sqlOf(from, to)).toEqual(['ALTER INDEX public.p_a_idx ATTACH PARTITION public.p1_own;']);
  });

  it('refuses to detach an index from its parent index while the partition stays', () => {
    const base = [parent, index('p_a_idx', 'p', ['a']), table('p1', [col('a')], partOf)];
    const from = model(...base, index('p1_own', 'p1', ['a'], { attachedTo: 'p_a_idx' }));
    const to = model(...base, index('p1_own', 'p1', ['a']));
    expect(() => sqlOf(from, to)).toThrow(PgtideError);
  });

  it('moves an own index out of the way of ATTACH PARTITION when a sibling takes the attachment', () => {
    const from = model(parent, index('p_a_idx', 'p', ['a']), table('p1', [col('a')]), index('own', 'p1', ['a']));
    const to = model(parent, index('p_a_idx', 'p', ['a']), table('p1', [col('a')], partOf), index('own', 'p1', ['a']),
      index('p1_a_idx', 'p1', ['a'], { attachedTo: 'p_a_idx' }));
    const sql = sqlOf(from, to);
    const at = (prefix: string): number => sql.findIndex((s) => s.startsWith(prefix));
    expect(at('DROP INDEX CONCURRENTLY public.own')).toBeLessThan(at('ALTER TABLE public.p ATTACH PARTITION'));
    expect(at('CREATE INDEX CONCURRENTLY p1_a_idx')).toBeLessThan(at('ALTER TABLE public.p ATTACH PARTITION'));
    expect(at('CREATE INDEX CONCURRENTLY own')).toBeGreaterThan(at('ALTER TABLE public.p ATTACH PARTITION'));
  });
});
