import { describe, expect, it } from 'vitest';
import { describeChange } from '../../src/diff/describe-change.js';
import { diff } from '../../src/diff/index.js';
import { exclusionDefinition } from '../../src/introspect/constraints.js';
import type { DbObject } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import { op } from '../../src/plan/ops.js';
import { renderOp, renderStep } from '../../src/sql/index.js';
import { col, exclusion, model, table } from './fixtures.js';

const t = table('circles', [col('c', 'circle'), col('active', 'boolean')]);
const excl = (extra: Parameters<typeof exclusion>[3] = {}, definition = 'USING gist (c WITH &&)') =>
  exclusion('circles', 'circles_c_excl', definition, extra);

function changesOf(from: DbObject[], to: DbObject[]): string[] {
  return diff(model(...from), model(...to)).changes.map(describeChange);
}

function planOf(from: DbObject[], to: DbObject[]) {
  const a = model(...from);
  const b = model(...to);
  return planChanges(diff(a, b), { from: a, to: b });
}

describe('exclusion constraints: diff', () => {
  it('drops and re-adds on a changed definition or deferral, alters a comment in place', () => {
    const recreated = ['drop exclusion constraint circles_c_excl on public.circles', 'create exclusion constraint circles_c_excl on public.circles'];
    expect(changesOf([t, excl()], [t, excl({}, 'USING gist (c WITH &&) WHERE (active)')])).toEqual(recreated);
    expect(changesOf([t, excl()], [t, excl({ deferrable: true })])).toEqual(recreated);
    expect(changesOf([t, excl({ deferrable: true })], [t, excl({ deferrable: true, initiallyDeferred: true })])).toEqual(recreated);
    expect(changesOf([t, excl()], [t, excl({ comment: 'x' })])).toEqual(['alter exclusion constraint circles_c_excl on public.circles (comment)']);
    expect(changesOf([t, excl()], [t, excl()])).toEqual([]);
  });

  it('refuses a field the rules do not cover', () => {
    const odd = { ...excl(), opclass: 'x' } as DbObject;
    expect(() => diff(model(t, excl()), model(t, odd))).toThrow(/opclass/);
  });
});

describe('exclusion constraints: SQL', () => {
  it('renders EXCLUDE with its definition and deferral', () => {
    const c = excl({ deferrable: true, initiallyDeferred: true }, 'USING gist (c WITH &&) INCLUDE (active) WHERE (active)');
    expect(renderOp(op('add-constraint', { constraint: c, notValid: false }))).toBe(
      'ALTER TABLE public.circles ADD CONSTRAINT circles_c_excl EXCLUDE USING gist (c WITH &&) INCLUDE (active) WHERE (active) DEFERRABLE INITIALLY DEFERRED',
    );
  });
});

describe('exclusion constraints: introspected definition', () => {
  it('takes off EXCLUDE and exactly the deferral clauses its flags call for', () => {
    expect(exclusionDefinition('EXCLUDE USING gist (c WITH &&)', false, false, 'x')).toBe('USING gist (c WITH &&)');
    expect(exclusionDefinition('EXCLUDE USING gist (c WITH &&) WHERE ((a > 0)) DEFERRABLE INITIALLY DEFERRED', true, true, 'x'))
      .toBe('USING gist (c WITH &&) WHERE ((a > 0))');
    expect(exclusionDefinition('EXCLUDE USING gist (c WITH &&) DEFERRABLE', true, false, 'x')).toBe('USING gist (c WITH &&)');
  });

  it('fails loudly on a printed form it does not expect', () => {
    expect(() => exclusionDefinition('EXCLUDE USING gist (c WITH &&)', true, false, 'constraint e')).toThrow(/constraint e.*DEFERRABLE/);
    expect(() => exclusionDefinition('CHECK (a > 0)', false, false, 'constraint e')).toThrow(/EXCLUDE/);
  });
});

describe('exclusion constraints: plan', () => {
  it('adds one to an existing table under ACCESS EXCLUSIVE with a scan, flagged', () => {
    const steps = planOf([t], [t, excl()]).steps;
    expect(steps).toHaveLength(1);
    const step = steps[0]!;
    expect(step.lock).toBe('ACCESS EXCLUSIVE');
    expect(step.rewrites).toBe('scan');
    expect(step.hazards.map((h) => `${h.kind}:${h.risk}`)).toEqual(['blocking-lock:high', 'validation-scan:medium']);
    expect(renderStep(step)).toBe('ALTER TABLE public.circles ADD CONSTRAINT circles_c_excl EXCLUDE USING gist (c WITH &&);');
  });

  it('adds one to a new table without hazards, after the table', () => {
    const steps = planOf([], [t, excl()]).steps;
    expect(steps.map((s) => describeChange(s.source))).toEqual(['create table public.circles', 'create exclusion constraint circles_c_excl on public.circles']);
    expect(steps[1]!.hazards).toEqual([]);
  });

  it('drops one with a reverse that adds it back', () => {
    const steps = planOf([t, excl()], [t]).steps;
    expect(steps.map(renderStep)).toEqual(['ALTER TABLE public.circles DROP CONSTRAINT circles_c_excl;']);
    expect(steps[0]!.reverse).toMatchObject({ kind: 'add-constraint', constraint: excl() });
  });
});
