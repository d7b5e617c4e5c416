import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { DbObject, Model, View } from '../../src/model/types.js';
import { resolve, type Resolved } from '../../src/resolve/index.js';
import { tableKey } from '../../src/resolve/facts.js';
import { col, index, model, table } from '../diff/fixtures.js';

function resolved(from: DbObject[], to: DbObject[], a: Model = model(...from), b: Model = model(...to)): Resolved {
  return resolve(diff(a, b), { from: a, to: b });
}

const g = col('g', 'integer', { generated: '(a * 2)' });
const view = (name: string, dependsOn: string[]): View => ({
  kind: 'view', schema: 'public', name, materialized: false, definition: ' SELECT a FROM public.t', with: [], comment: null, columnComments: [], dependsOn,
});

describe('resolve', () => {
  it('is one frozen object', () => {
    const r = resolved([table('t', [col('a')])], [table('t', [col('a', 'bigint')])]);
    expect(Object.isFrozen(r)).toBe(true);
  });

  it('sends a widening retype of an unindexed column through a shadow column, and one asked to be direct in place', () => {
    expect([...resolved([table('t', [col('a')])], [table('t', [col('a', 'bigint')])]).onlineRetypes]).toEqual(['column:public.t.a']);
    const direct = col('a', 'bigint', { strategy: 'direct' });
    expect(resolved([table('t', [col('a')])], [table('t', [direct])]).onlineRetypes.size).toBe(0);
  });

  it('keeps a retype in place when an index uses the column', () => {
    const r = resolved([table('t', [col('a')]), index('t_a', 't', ['a'])], [table('t', [col('a', 'bigint')]), index('t_a', 't', ['a'])]);
    expect(r.onlineRetypes.size).toBe(0);
  });

  it('says why a hinted rename cannot go online', () => {
    const renamed = col('b', 'integer', { renamedFrom: 'a' });
    const online = resolved([table('t', [col('a')])], [table('t', [renamed])]);
    expect(online.renames.get('column:public.t.b')).toEqual({ online: true, blocker: null });
    const indexed = resolved([table('t', [col('a')]), index('t_a', 't', ['a'])], [table('t', [renamed]), index('t_a', 't', ['b'])]);
    expect(indexed.renames.get('column:public.t.b')).toEqual({ online: false, blocker: 'index t_a uses it' });
  });

  it('drops and adds again a generated column over a column retyped online, in contract, and defers its table', () => {
    const r = resolved([table('t', [col('a'), g])], [table('t', [col('a', 'bigint'), g])]);
    expect([...r.generated.regenerated]).toEqual([['column:public.t.g', 'readd-columns']]);
    expect(r.generated.items.map((i) => i.kind)).toEqual(['regenerate']);
    expect(r.deferredTables.has(tableKey('public', 't'))).toBe(true);
  });

  it('creates a view over a retyped column after the contract phase reworks it, and leaves others in expand', () => {
    const before = [table('t', [col('a'), col('b')])];
    const after = [table('t', [col('a', 'bigint'), col('b')]), view('va', ['table:public.t', 'column:public.t.a']), view('vb', ['column:public.t.b'])];
    const r = resolved(before, after);
    expect(r.viewSlots.get('view:public.va')).toBe('create-views-late');
    expect(r.viewSlots.get('view:public.vb')).toBe('create-views');
    expect(r.deferredTables.has(tableKey('public', 'va'))).toBe(true);
    expect(r.deferredTables.has(tableKey('public', 'vb'))).toBe(false);
  });

  it('reads the pair of models the diff compared, with NOT NULL names dropped once', () => {
    const named = col('a', 'integer', { notNull: true, notNullName: 'custom' });
    const on15 = { ...model(table('t', [col('a', 'integer', { notNull: true })])), notNullNames: false as const };
    const on18 = model(table('t', [named]));
    const result = diff(on15, on18);
    expect(result.compared).toBeDefined();
    const r = resolve(result, { from: on15, to: on18 });
    expect(r.to).toBe(result.compared!.to);
    expect(r.to.table.get('table:public.t')!.columns[0]!.notNullName).toBeUndefined();
    expect(diff(on18, on18).compared).toBeUndefined();
  });
});
