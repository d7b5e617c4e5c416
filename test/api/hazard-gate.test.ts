import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { gateHazards, hazardGateError } from '../../src/api/hazard-gate.js';
import { formatPlanHuman } from '../../src/cli/format-plan.js';
import { diff } from '../../src/diff/index.js';
import { ExitCode } from '../../src/errors.js';
import type { DbObject } from '../../src/model/types.js';
import { planChanges, type Plan } from '../../src/plan/index.js';
import { gatedScript } from '../../src/pipeline/migration.js';
import { col, model, table } from '../diff/fixtures.js';

function plan(from: DbObject[], to: DbObject[]): Plan {
  const a = model(...from);
  const b = model(...to);
  return planChanges(diff(a, b), { from: a, to: b });
}

const count = (text: string, part: string): number => text.split(part).length - 1;

describe('the hazard gate lists each hazard once', () => {
  it('an online SET NOT NULL: four steps, one hazard, named once with the steps it holds back', () => {
    const p = plan([table('t', [col('a')])], [table('t', [col('a', 'integer', { notNull: true })])]);
    const { blocked } = gatedScript(p, { allowHazards: false });
    expect(blocked).toHaveLength(4);
    const err = hazardGateError(blocked, false);
    expect(err.exitCode).toBe(ExitCode.hazard);
    expect(count(err.message, 'validating NOT NULL on public.t.a')).toBe(1);
    expect(err.message).toContain('4 step(s) are held back by the hazard gate, for 1 hazard(s):\n  - validation-scan (medium): validating NOT NULL on public.t.a');
    expect(err.message).toMatch(/\n {6}holds back: alter column public\.t\.a \(notNull\) \[contract ×4\]\n/);
    expect(err.message).toContain('approve with --allow-hazards validation-scan (or --allow-hazards for every kind)');
  });

  it('lists only the hazards that hold steps back: not approved kinds, not low-risk notes', () => {
    const p = plan(
      [table('t', [col('a'), col('gone')])],
      [table('t', [col('a', 'integer', { notNull: true })])],
    );
    const all = gateHazards(gatedScript(p, { allowHazards: false }).blocked, false);
    expect(all.map((g) => g.hazard.kind).sort()).toEqual(['data-loss', 'validation-scan']);
    const { blocked } = gatedScript(p, { allowHazards: ['validation-scan'] });
    const left = gateHazards(blocked, ['validation-scan']);
    expect(left.map((g) => `${g.hazard.kind}: ${g.steps.join('; ')}`)).toEqual(['data-loss: drop column public.t.gone [contract]']);
    expect(hazardGateError(blocked, ['validation-scan']).message).toContain('--allow-hazards data-loss (or');
  });

  it('the human plan prints a hazard its steps share once, across phases', () => {
    const p = plan([table('t', [col('id'), col('n')])], [table('t', [col('id'), col('n', 'bigint')])]);
    expect(new Set(p.steps.map((s) => s.phase)).size).toBe(3);
    const text = formatPlanHuman(p, pc.createColors(false), 'Plan');
    expect(count(text, 'breaking: column n goes')).toBe(1);
  });
});
