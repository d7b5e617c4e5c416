import { describe, expect, it } from 'vitest';
import { attributeOrderReachable, compositeValuesChange } from '../../src/diff/composite-types.js';
import { describeChange } from '../../src/diff/describe-change.js';
import { diff } from '../../src/diff/index.js';
import type { CompositeAttribute, CompositeType, DbObject } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import { renderStep } from '../../src/sql/index.js';
import { col, model, table } from './fixtures.js';

const attr = (name: string, type = 'integer', extra: Partial<CompositeAttribute> = {}): CompositeAttribute =>
  ({ name, type, collation: null, comment: null, ...extra });
const composite = (name: string, attributes: CompositeAttribute[], extra: Partial<CompositeType> = {}): CompositeType =>
  ({ kind: 'composite-type', schema: 'public', name, attributes, comment: null, ...extra });

function script(from: DbObject[], to: DbObject[]): string[] {
  const a = model(...from);
  const b = model(...to);
  return planChanges(diff(a, b), { from: a, to: b }).steps.map(renderStep);
}

// The outer type sorts before the inner one by name: the order below is the dependency order, not the ids'.
const inner = composite('z_inner', [attr('n')]);
const outer = composite('a_outer', [attr('inner', 'public.z_inner'), attr('inners', 'public.z_inner[]')]);

describe('composite types: diff and plan', () => {
  it('creates a type after the composite types its attributes use, and drops it before them', () => {
    expect(diff(model(), model(outer, inner)).changes.map(describeChange)).toEqual([
      'create composite type public.z_inner', 'create composite type public.a_outer',
    ]);
    expect(diff(model(outer, inner), model()).changes.map(describeChange)).toEqual([
      'drop composite type public.a_outer', 'drop composite type public.z_inner',
    ]);
  });

  it('tells an order ALTER TYPE can reach (drops, then additions at the end) from one it cannot', () => {
    const ab = composite('t', [attr('a'), attr('b')]);
    expect(attributeOrderReachable(ab, composite('t', [attr('a'), attr('c')]))).toBe(true);
    expect(attributeOrderReachable(ab, composite('t', [attr('b'), attr('c')]))).toBe(true);
    expect(attributeOrderReachable(ab, composite('t', [attr('c'), attr('a')]))).toBe(false);
    expect(attributeOrderReachable(ab, composite('t', [attr('b'), attr('a')]))).toBe(false);
    expect(compositeValuesChange(ab, composite('t', [attr('a'), attr('b'), attr('c', 'text')]))).toBe(false);
    expect(compositeValuesChange(ab, composite('t', [attr('a'), attr('b', 'bigint')]))).toBe(true);
    expect(compositeValuesChange(ab, composite('t', [attr('a'), attr('b', 'integer', { collation: 'C' })]))).toBe(true);
  });

  it('retypes an attribute in place only while no column uses the type', () => {
    const before = composite('pair', [attr('a'), attr('b', 'text')]);
    const after = composite('pair', [attr('a', 'bigint'), attr('b', 'text')]);
    expect(script([before], [after])).toEqual(['ALTER TYPE public.pair ALTER ATTRIBUTE a TYPE bigint;']);
    const users = table('t', [col('p', 'public.pair')]);
    const rebuilt = script([before, users], [after, users]);
    expect(rebuilt).toContain('CREATE TYPE public.pair__pgtide_new AS (a bigint, b text);');
    expect(rebuilt).toContain('ALTER TABLE public.t ALTER COLUMN p TYPE public.pair__pgtide_new USING p::text::public.pair__pgtide_new;');
    expect(rebuilt).not.toContain('ALTER TYPE public.pair ALTER ATTRIBUTE a TYPE bigint;');
    expect(rebuilt.some((s) => s.includes('CASCADE'))).toBe(false);
  });
});
