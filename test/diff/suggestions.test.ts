import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { DbObject } from '../../src/model/types.js';
import { col, index, model, table } from './fixtures.js';

const suggestionsOf = (from: DbObject[], to: DbObject[]) => diff(model(...from), model(...to)).suggestions.map((s) => `${s.kind} ${s.from} → ${s.to}`);

describe('diff: rename suggestions pair only within one parent', () => {
  it('pairs a dropped and an added look-alike column of the same table, never of two tables', () => {
    const from = [table('t', [col('a')]), table('u', [col('x')])];
    const to = [table('t', [col('b')]), table('u', [col('y', 'text')])];
    expect(suggestionsOf(from, to)).toEqual(['column public.t.a → public.t.b']);
    expect(suggestionsOf([table('t', [col('a')]), table('u', [])], [table('t', []), table('u', [col('b')])])).toEqual([]);
  });

  it('lists every candidate, by drop and then by create, across many tables', () => {
    const names = Array.from({ length: 50 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    const from = names.map((n) => table(n, [col('a'), col('b')]));
    const to = names.map((n) => table(n, [col('c'), col('d')]));
    const got = suggestionsOf(from, to);
    expect(got).toHaveLength(50 * 4);
    expect(got.slice(0, 4)).toEqual([
      'column public.t00.a → public.t00.c', 'column public.t00.a → public.t00.d',
      'column public.t00.b → public.t00.c', 'column public.t00.b → public.t00.d',
    ]);
  });

  it('pairs indexes of the same table only', () => {
    const from = [table('t', [col('a')]), table('u', [col('a')]), index('i', 't', ['a'])];
    const to = [table('t', [col('a')]), table('u', [col('a')]), index('j', 'u', ['a'])];
    expect(suggestionsOf(from, to)).toEqual([]);
    const moved = [table('t', [col('a')]), table('u', [col('a')]), index('j', 't', ['a'])];
    expect(suggestionsOf(from, moved)).toEqual(['index public.i → public.j']);
  });
});
