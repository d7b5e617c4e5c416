import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { DbObject } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import { renderStep } from '../../src/sql/index.js';
import { col, fk, model, pk, table } from '../diff/fixtures.js';

/** The straightforward definition: repeatedly drop the first table (by name) that no remaining table references. */
function referenceOrder(names: readonly string[], edges: readonly (readonly [string, string])[]): { order: string[]; cycle: string[] } {
  const remaining = new Set([...names].sort());
  const order: string[] = [];
  for (;;) {
    const next = [...remaining].find((t) => !edges.some(([owner, target]) => target === t && owner !== t && remaining.has(owner)));
    if (next === undefined) break;
    order.push(next);
    remaining.delete(next);
  }
  return { order, cycle: [...remaining] };
}

const graphs = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.uniqueArray(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 2 * n, selector: ([a, b]) => `${a}-${b}` }),
  }),
);

describe('plan: order of table drops', () => {
  it('matches the reference order on random foreign key graphs, cycles included', () => {
    fc.assert(
      fc.property(graphs, ({ n, edges }) => {
        const names = Array.from({ length: n }, (_, i) => `t${i}`);
        const objects: DbObject[] = [];
        for (const name of names) objects.push(table(name, [col('id'), ...names.map((r) => col(`${r}_id`))]), pk(name, ['id']));
        for (const [a, b] of edges) objects.push(fk(names[a]!, [`${names[b]!}_id`], names[b]!, ['id'], `fk_${a}_${b}`));
        const from = model(...objects);
        const to = model();
        const sql = planChanges(diff(from, to), { from, to }).steps.map(renderStep);
        const dropped = sql.filter((s) => s.startsWith('DROP TABLE')).map((s) => s.slice('DROP TABLE public.'.length, -1));
        const ref = referenceOrder(names, edges.map(([a, b]) => [names[a]!, names[b]!] as const));
        expect(dropped).toEqual([...ref.order, ...ref.cycle]);
        const keyDrops = sql.filter((s) => s.includes('DROP CONSTRAINT')).length;
        const cycleKeys = edges.filter(([a, b]) => a !== b && ref.cycle.includes(names[a]!) && ref.cycle.includes(names[b]!)).length;
        expect(keyDrops).toBe(cycleKeys);
      }),
      { numRuns: 200 },
    );
  });

  it('drops partitions and INHERITS children before their parent, whatever their names', () => {
    const from = model(
      table('a_child', [col('id')], { inherits: [{ schema: 'public', table: 'z_parent' }] }),
      table('b_part', [col('id')], { partitionOf: { schema: 'public', table: 'z_parent', bound: 'DEFAULT' } }),
      table('z_parent', [col('id')]),
    );
    const to = model();
    const sql = planChanges(diff(from, to), { from, to }).steps.map(renderStep);
    expect(sql.filter((s) => s.startsWith('DROP TABLE'))).toEqual(['DROP TABLE public.a_child;', 'DROP TABLE public.b_part;', 'DROP TABLE public.z_parent;']);
    const reversed = model(
      table('a_parent', [col('id')]),
      table('z_child', [col('id')], { inherits: [{ schema: 'public', table: 'a_parent' }] }),
    );
    const drops = planChanges(diff(reversed, to), { from: reversed, to }).steps.map(renderStep).filter((s) => s.startsWith('DROP TABLE'));
    expect(drops).toEqual(['DROP TABLE public.z_child;', 'DROP TABLE public.a_parent;']);
  });
});
