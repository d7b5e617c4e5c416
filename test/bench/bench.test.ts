// The benchmark itself never runs in `npm test`; these check the pieces its numbers rest on: the
// statistics, and that the generated schema pair is valid SQL whose versions differ as intended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { diff } from '../../src/diff/index.js';
import { introspect } from '../../src/introspect/index.js';
import { changeSpec, generateSpec, schemaPair, specSql } from './generate.js';
import { historyStep } from './history.js';
import { markdown, mergeCommands, type BenchResult, type FixedResult } from './report.js';
import { growthExponent, median } from './stats.js';

describe('bench statistics', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('fits the growth exponent of power laws', () => {
    const sizes = [100, 500, 1000, 2000];
    expect(growthExponent(sizes.map((n) => ({ size: n, ms: 0.01 * n })))).toBeCloseTo(1, 6);
    expect(growthExponent(sizes.map((n) => ({ size: n, ms: 3e-5 * n * n })))).toBeCloseTo(2, 6);
    expect(growthExponent(sizes.map((n) => ({ size: n, ms: 7 })))).toBeCloseTo(0, 6);
    expect(growthExponent([{ size: 100, ms: 1 }])).toBeNaN();
  });
});

describe('bench schema generator', () => {
  it('is deterministic and changes about 5% of the tables', () => {
    expect(schemaPair(200)).toEqual(schemaPair(200));
    const v1 = generateSpec(400);
    const v2 = changeSpec(v1);
    const changed = v1.tables.filter((t, i) => JSON.stringify(t) !== JSON.stringify(v2.tables[i])).length;
    expect(changed / v1.tables.length).toBeGreaterThan(0.02);
    expect(changed / v1.tables.length).toBeLessThan(0.12);
    expect(v2.tables.length).toBeGreaterThan(v1.tables.length);
  });

  describe('on PGlite', () => {
    let before: Queryable;
    let after: Queryable;
    beforeAll(async () => {
      [before, after] = await Promise.all([scratchPglite(), scratchPglite()]);
    });
    afterAll(async () => {
      await Promise.all([before?.close(), after?.close()]);
    });

    it('writes both versions as valid SQL with every kind of object, and they differ', async () => {
      const v1 = generateSpec(40);
      await before.exec(specSql(v1));
      await after.exec(specSql(changeSpec(v1)));
      const [a, b] = await Promise.all([introspect(before), introspect(after)]);
      expect(a.table.size).toBe(40);
      expect(a.enum.size).toBeGreaterThanOrEqual(3);
      const indexes = [...a.index.values()];
      expect(indexes.some((i) => i.where !== null)).toBe(true);
      expect(indexes.some((i) => i.keys.some((k) => k.expression !== null))).toBe(true);
      expect([...a.constraint.values()].some((c) => c.type === 'foreign-key')).toBe(true);
      const kinds = new Set(diff(a, b).changes.map((c) => c.kind));
      expect(kinds.has('table.create')).toBe(true);
      expect(kinds.has('enum.alter')).toBe(true);
    });

    it('history steps apply in order on top of the generated schema', async () => {
      for (let k = 1; k <= 6; k++) await before.exec(historyStep(k));
      const model = await introspect(before);
      expect(model.table.has('table:public.h1')).toBe(true);
      expect(model.table.has('table:public.h4')).toBe(true);
      expect(model.index.has('index:public.h1_name_3_idx')).toBe(true);
    });
  });
});

describe('bench report', () => {
  const plan = (ms: number): FixedResult[] => [
    { label: '`pgtide --help`', ms: ms / 10, cpuMs: 50, peakKiB: 40_000 },
    { label: '`pgtide plan --from migrations`, cold (100 migrations)', ms: ms * 5, cpuMs: 5000, peakKiB: 800_000 },
    { label: '`pgtide plan --from migrations`, warm (100 migrations)', ms, cpuMs: 700, peakKiB: 100_000 },
  ];
  const base = { runs: 3, startedAt: new Date('2026-11-22T00:00:00Z'), loadAverage: [1, 1, 1], loadAverageEnd: [2, 2, 2], pglite: '0.5.16', server: 'PostgreSQL 15' };
  const size = (tables: number): BenchResult['sizes'][number] => ({ tables, objects: tables * 6, changes: tables / 20, ms: { diff: tables, plan: tables / 10, 'cli.diff': 900, migra: 9000 }, peakKiB: { worker: 500_000 } });

  it('rewrites only the command rows and targets after --only commands, keeping the size tables', () => {
    const full: BenchResult = { ...base, sizes: [size(100), size(500)], fixed: plan(9000) };
    const before = markdown(full, 'npm run bench');
    const after = mergeCommands(before, { ...base, sizes: [], fixed: plan(900), startedAt: new Date('2026-11-23T00:00:00Z') }, 'npm run bench -- --only commands');
    const section = (doc: string, title: string): string => doc.slice(doc.indexOf(`## ${title}`), doc.indexOf('\n## ', doc.indexOf(`## ${title}`) + 1));
    expect(section(after, 'By schema size')).toBe(section(before, 'By schema size'));
    expect(after).toContain('| `pgtide plan` on 100 migrations, warm cache < 1.5 s | 900 ms');
    expect(after).not.toContain('9.00 s (CPU');
    expect(after).toContain('| `pgtide diff` on 500 tables ≤ ⅓ of migra | 0.10× | yes |');
    expect(after).toContain('measured by `npm run bench -- --only commands` on 2026-11-23');
    expect(after.match(/## Commands/g)).toHaveLength(1);
  });
});
