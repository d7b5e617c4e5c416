import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { DbObject } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import type { Plan } from '../../src/plan/step.js';
import { renderStep, renderReverse } from '../../src/sql/index.js';
import { col, fk, model, table } from '../diff/fixtures.js';
import { expectBefore } from '../helpers/expect-before.js';

function plan(from: DbObject[], to: DbObject[]): Plan {
  const a = model(...from);
  const b = model(...to);
  return planChanges(diff(a, b), { from: a, to: b });
}

const partitionOf = { schema: 'public', table: 'm', bound: "FOR VALUES IN ('x')" };
const parent = (kNotNull: boolean) => table('m', [col('k', 'text', { notNull: kNotNull }), col('v')], { partitionBy: 'LIST (k)' });
// The partition's own name (its default) before, the parent's name after: what PARTITION OF gives on 18.
const ownName = table('m_1', [col('k', 'text', { notNull: true }), col('v')], { partitionOf });
const parentsName = table('m_1', [col('k', 'text', { notNull: true, notNullName: 'm_k_not_null' }), col('v')], { partitionOf });

describe('plan: renaming a partition\'s NOT NULL constraint', () => {
  it('detaches and re-attaches the partition when the parent\'s column is NOT NULL, flagged', () => {
    const p = plan([parent(true), ownName], [parent(true), parentsName]);
    expect(p.steps).toHaveLength(1);
    const step = p.steps[0]!;
    expect(step.op).toMatchObject({ kind: 'name-not-null', name: 'm_k_not_null', detach: true });
    expect(step.hazards.map((h) => [h.kind, h.risk])).toEqual([['blocking-lock', 'high']]);
    expect(step.rewrites).toBe('scan');
    const sql = renderStep(step);
    expect(sql).toContain("' DETACH PARTITION ' || 'public.m_1'");
    expect(sql).toContain("' ATTACH PARTITION ' || 'public.m_1' || ' ' || bound");
    // Detached, the constraint is the table's own and can be renamed; ATTACH merges it back.
    expectBefore(sql, 'DETACH PARTITION', 'RENAME CONSTRAINT');
    expectBefore(sql, 'RENAME CONSTRAINT', 'ATTACH PARTITION');
    expect(renderReverse(step)).toContain("quote_ident('m_1_k_not_null')");
  });

  it('names the foreign keys to the parent that can stop the detach', () => {
    const ref = table('r', [col('k', 'text')]);
    const key = fk('r', ['k'], 'm', ['k'], 'r_k_fkey');
    const p = plan([parent(true), ownName, ref, key], [parent(true), parentsName, ref, key]);
    expect(p.steps[0]!.hazards[0]!.reason).toContain('while rows reference the partition\'s rows through public.r.r_k_fkey');
  });

  it('renames in place, without a hazard, when the parent\'s column is nullable (nothing is inherited)', () => {
    const p = plan([parent(false), ownName], [parent(false), parentsName]);
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]!.op).toMatchObject({ kind: 'name-not-null', detach: false });
    expect(p.steps[0]!.hazards).toEqual([]);
    expect(renderStep(p.steps[0]!)).not.toContain('DETACH PARTITION');
  });

  it('never detaches a table that is not a partition', () => {
    const plain = (name?: string) => table('t', [col('k', 'text', { notNull: true, ...(name === undefined ? {} : { notNullName: name }) })]);
    const p = plan([plain()], [plain('custom_nn')]);
    expect(p.steps.map((s) => [s.op.kind, s.hazards.length])).toEqual([['name-not-null', 0]]);
    expect(renderStep(p.steps[0]!)).not.toContain('DETACH PARTITION');
  });
});
