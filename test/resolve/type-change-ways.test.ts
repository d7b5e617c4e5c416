import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { DbObject } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import { col, index, model, table } from '../diff/fixtures.js';

function ways(from: DbObject[], to: DbObject[]) {
  const a = model(...from);
  const b = model(...to);
  return planChanges(diff(a, b), { from: a, to: b }).typeChanges.map((w) => [w.column, w.class, w.method, w.why]).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
}

describe('Plan.typeChanges: how each column type change runs', () => {
  it('names a binary-compatible change in place, a widening one online, and says why one is a rewrite', () => {
    const before = table('t', [col('v', 'character varying(10)'), col('a'), col('b'), col('c')]);
    const after = table('t', [col('v', 'character varying(20)'), col('a', 'bigint'), col('b', 'bigint', { strategy: 'direct' }), col('c', 'bigint')]);
    expect(ways([before, index('t_c', 't', ['c'])], [after, index('t_c', 't', ['c'])])).toEqual([
      ['a', 'widening', 'shadow', null],
      ['b', 'widening', 'rewrite', "the schema asks for .strategy('direct')"],
      ['c', 'widening', 'rewrite', 'index t_c uses it'],
      ['v', 'binary', 'in-place', null],
    ]);
  });

  it('is empty when no column changes type', () => {
    expect(ways([table('t', [col('a')])], [table('t', [col('a'), col('b')])])).toEqual([]);
  });
});
