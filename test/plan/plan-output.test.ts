import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { projectPlanOptions, withConfigApproval } from '../../src/api/plan-options.js';
import { formatPlanHuman, formatPlanMarkdown, planJson } from '../../src/cli/format-plan.js';
import { diff } from '../../src/diff/index.js';
import { defineConfig } from '../../src/dsl/index.js';
import type { DbObject } from '../../src/model/types.js';
import { planChanges, type Plan } from '../../src/plan/index.js';
import { col, index, model, table } from '../diff/fixtures.js';

const plain = pc.createColors(false);

function plan(from: DbObject[], to: DbObject[]): Plan {
  const a = model(...from);
  const b = model(...to);
  return planChanges(diff(a, b), { from: a, to: b });
}

describe('plan output', () => {
  it('hides locks on tables the same migration creates, and shows them on existing ones', () => {
    const p = plan([table('old', [col('a')])], [table('old', [col('a')]), index('old_a', 'old', ['a']), table('fresh', [col('a')]), index('fresh_a', 'fresh', ['a'])]);
    const text = formatPlanHuman(p, plain, 'Plan');
    expect(text).toMatch(/create table public\.fresh {2}\[safe\]\n/);
    expect(text).toMatch(/create index public\.fresh_a {2}\[safe\]\n/);
    expect(text).toMatch(/create index public\.old_a {2}\[low\] {2}lock SHARE UPDATE EXCLUSIVE, no transaction, scan/);
    const md = formatPlanMarkdown(p, 'Plan');
    expect(md).toContain('| create index public.fresh_a | — | safe | — |');
    expect(md).toContain('| create index public.old_a | SHARE UPDATE EXCLUSIVE | low |');
  });

  it('prints a strategy’s shared hazard once, one line with its reason', () => {
    const p = plan([table('t', [col('a')])], [table('t', [col('a', 'integer', { notNull: true })])]);
    const text = formatPlanHuman(p, plain, 'Plan');
    expect(text.match(/validation-scan: validating NOT NULL on public\.t\.a/g)).toHaveLength(1);
    expect(text).toContain('contract (4 steps)');
  });

  it('labels a comment step as a comment, with its own lock (none shown on a table the plan creates)', () => {
    const p = plan(
      [table('old', [col('a')])],
      [table('old', [col('a', 'integer', { comment: 'the a' })], { comment: 'old one' }), table('fresh', [col('a', 'integer', { comment: 'new a' })], { comment: 'new one' })],
    );
    const text = formatPlanHuman(p, plain, 'Plan');
    expect(text).toMatch(/• comment on table public\.fresh {2}\[safe\]\n/);
    expect(text).toMatch(/• comment on column public\.fresh\.a {2}\[safe\]\n/);
    expect(text).toMatch(/• comment on table public\.old {2}\[safe\] {2}lock SHARE UPDATE EXCLUSIVE\n/);
    expect(text).toMatch(/• comment on column public\.old\.a {2}\[safe\] {2}lock SHARE UPDATE EXCLUSIVE\n/);
    expect(text).not.toMatch(/create table public\.fresh {2}\[safe\] {2}lock SHARE UPDATE EXCLUSIVE/);
    expect(text.match(/create table public\.fresh/g)).toHaveLength(1);
    const md = formatPlanMarkdown(p, 'Plan');
    expect(md).toContain('| comment on table public.fresh | — | safe | — |');
    expect(md).toContain('| comment on table public.old | SHARE UPDATE EXCLUSIVE | safe | — |');
    const steps = (planJson(p) as { steps: { op: string; step: string; summary: string }[] }).steps;
    expect(steps.find((s) => s.step === 'comment on table public.fresh')).toMatchObject({ op: 'comment-on', summary: 'create table public.fresh' });
  });

  it('names in --json how each column type change runs', () => {
    const p = plan([table('t', [col('a'), col('b')]), index('t_b', 't', ['b'])], [table('t', [col('a', 'bigint'), col('b', 'bigint')]), index('t_b', 't', ['b'])]);
    const { typeChanges } = planJson(p) as { typeChanges: { column: string; method: string; why: string | null }[] };
    expect(typeChanges.map((w) => [w.column, w.method, w.why]).sort()).toEqual([['a', 'shadow', null], ['b', 'rewrite', 'index t_b uses it']]);
  });

  it('says a comment is removed when it becomes NULL', () => {
    const p = plan([table('t', [col('a')], { comment: 'was' })], [table('t', [col('a')])]);
    expect(formatPlanHuman(p, plain, 'Plan')).toContain('• remove comment on table public.t  [safe]  lock SHARE UPDATE EXCLUSIVE');
  });

  it('puts each phase’s SQL in a collapsed block under its table', () => {
    const p = plan([table('t', [col('a')])], [table('t', [col('a', 'integer', { notNull: true })]), table('fresh', [col('a')])]);
    const md = formatPlanMarkdown(p, 'Plan');
    expect(md).toContain('#### expand\n\n| step | lock | risk | hazards |');
    expect(md).toContain('<details><summary>expand SQL (1 step)</summary>\n\n```sql\nCREATE TABLE public.fresh (\n');
    expect(md).toContain('<details><summary>contract SQL (4 steps)</summary>\n\n```sql\nALTER TABLE public.t ADD CONSTRAINT t_a__pgtide_nn CHECK (a IS NOT NULL) NOT VALID;\n');
    expect(md).toMatch(/ALTER TABLE public\.t DROP CONSTRAINT t_a__pgtide_nn;\n```\n\n<\/details>/);
    // The four steps share one hazard: its reason once, then a pointer to it.
    expect(md.match(/validating NOT NULL on public\.t\.a/g)).toHaveLength(1);
    expect(md.match(/validation-scan \(as above\)/g)).toHaveLength(3);
  });

  it('keeps names with backticks, pipes and HTML from breaking the markdown', () => {
    const name = 'we`ird|na*me</details>';
    const p = plan([], [table(name, [col('a', 'integer', { comment: 'a ``` fence' })])]);
    const md = formatPlanMarkdown(p, 'Plan for `x` | y');
    expect(md.split('\n')[0]).toBe('### Plan for \\`x\\` \\| y');
    const row = md.split('\n').find((l) => l.startsWith('| create table'))!;
    expect(row).toBe('| create table public."we\\`ird\\|na\\*me\\</details\\>" | — | safe | — |');
    // Four cells: a split on the pipes not escaped gives six parts, the outer two empty.
    expect(row.split(/(?<!\\)\|/)).toHaveLength(6);
    // The comment holds a run of three backticks: the fence is longer, so the SQL cannot close it.
    expect(md).toContain("````sql\nCREATE TABLE public.\"we`ird|na*me</details>\" (\n");
    expect(md).toMatch(/COMMENT ON COLUMN .* IS 'a ``` fence';\n````\n\n<\/details>/);
    // Only the block's own HTML closes it: the name inside the fence is code.
    expect(md.match(/^<\/details>$/gm)).toHaveLength(1);
  });

  it('gives each step its timeouts and batch in JSON', () => {
    const p = plan([table('t', [col('a')])], [table('t', [col('a'), col('b', 'integer', { notNull: true, backfill: '0' })])]);
    const steps = (planJson(p) as { steps: { timeouts: unknown; batch: unknown; phase: string }[] }).steps;
    expect(steps.find((s) => s.phase === 'migrate')).toMatchObject({ batch: { size: 1000 }, timeouts: { lockMs: 3000, statementMs: 900_000 } });
  });
});

describe('project plan options', () => {
  it('reads timeouts and batch size from the config', () => {
    expect(projectPlanOptions(defineConfig({ schema: './schema', lockTimeout: '2s', statementTimeout: 60_000, longStatementTimeout: '2h', batchSize: 50 })))
      .toEqual({ lockTimeoutMs: 2000, statementTimeoutMs: 60_000, longStatementTimeoutMs: 7_200_000, batchSize: 50 });
    expect(projectPlanOptions(defineConfig({ schema: './schema' }))).toEqual({});
  });

  it('adds the config’s approved hazard kinds to the command line’s', () => {
    const config = defineConfig({ schema: './schema', allowHazards: ['validation-scan'] });
    expect(withConfigApproval(false, config)).toEqual(['validation-scan']);
    expect(withConfigApproval(['data-loss'], config)).toEqual(['data-loss', 'validation-scan']);
    expect(withConfigApproval(true, config)).toBe(true);
    expect(withConfigApproval(false, defineConfig({ schema: './schema' }))).toBe(false);
  });

  it('refuses unknown hazard kinds in the config', () => {
    expect(() => defineConfig({ schema: './schema', allowHazards: ['everything' as 'rewrite'] })).toThrow(/allowHazards/);
  });
});
