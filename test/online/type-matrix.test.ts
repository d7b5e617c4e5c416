import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import type { Plan } from '../../src/plan/index.js';
import { ENGINES, type FreshDatabase } from '../helpers/engines.js';
import { typeChangesMarkdown } from './type-matrix/doc.js';
import { runBatch, runFailing, runOracle, type Outcome } from './type-matrix/run.js';
import { failing, matrixTables } from './type-matrix/schema.js';

/**
 * The column type change matrix. The design covers, rather than multiplies out:
 * - every converting pair (type-matrix/pairs.ts: integers, serials, identities, numeric(p,s), real and
 *   double, text/varchar(n)/char(n), timestamps with and without zone and precision, date, time,
 *   json/jsonb, uuid, arrays, an enum and domains) in a table with rows (and a row of NULLs) and in
 *   an empty table;
 * - a representative of each kind of change (`also`) with NOT NULL and a default, an index, foreign
 *   keys (the column referenced and the column referencing, both changing; and, where the types
 *   compare, only the referenced or only the referencing one), a view;
 * - each of those tables twice: the default strategy and `.strategy('direct')`.
 * All of it is one schema and one migration per engine. PostgreSQL is the oracle: every value must be
 * what its own ALTER COLUMN … TYPE gives in the same engine (as an assignment, with USING col::type
 * where it asks for one; run/alterAsPostgres), the schema must be the target exactly, sequences keep
 * their value, and a second plan is empty. Pairs whose values do not convert (pairs.ts FAILING) run
 * alone: each must fail loudly, at plan or apply, and keep its values.
 * The PGlite run also writes (PGTIDE_WRITE_TYPE_CHANGES=1) or checks docs/type-changes.md.
 */
for (const engine of ENGINES) {
  describe.skipIf(engine.skip)(`column type change matrix [${engine.title}]`, () => {
    let fresh: FreshDatabase;
    let scratch: FreshDatabase;
    let oracle: ReadonlyMap<string, Outcome>;
    let plan: Plan | null = null;
    const failures = new Map<string, string>();
    beforeAll(async () => {
      fresh = await engine.open({ prefix: 'pgtide_types' });
      scratch = await engine.open({ prefix: 'pgtide_types_desired' });
      oracle = await runOracle(fresh.db);
    });
    afterAll(async () => {
      await fresh?.dispose();
      await scratch?.dispose();
    });

    it('PostgreSQL converts every converting pair and refuses every failing one', () => {
      const refused = [...oracle].filter(([column, o]) => column.startsWith('p') && !o.ok).map(([c, o]) => `${c}: ${o.ok ? '' : o.error}`);
      expect(refused).toEqual([]);
      expect(failing.filter((s) => oracle.get(s.column)?.ok !== false).map((s) => s.column)).toEqual([]);
    });

    it('every converting pair in every variation, both strategies: one migration reaches the target with the values PostgreSQL gives', async () => {
      plan = await runBatch(fresh.db, scratch.db, matrixTables(), oracle);
    }, 300_000);

    for (const s of failing) {
      it(`${s.pair.from.name} → ${s.pair.to.name} with values that do not convert fails loudly and keeps them`, async () => {
        failures.set(s.column, await runFailing(fresh.db, scratch.db, s, 'online'));
        await runFailing(fresh.db, scratch.db, s, 'direct');
      });
    }

    // The table is PGlite's (the engine every checkout has): one run writes it, every run compares.
    it.skipIf(engine.name !== 'pglite')('docs/type-changes.md is the table this run makes', async () => {
      expect(plan, 'the matrix ran').not.toBeNull();
      const text = typeChangesMarkdown(plan!, matrixTables(), oracle, failures);
      const file = new URL('../../docs/type-changes.md', import.meta.url);
      if (process.env.PGTIDE_WRITE_TYPE_CHANGES === '1') await writeFile(file, text);
      expect(await readFile(file, 'utf8'), 'docs/type-changes.md is out of date: run with PGTIDE_WRITE_TYPE_CHANGES=1').toBe(text);
    });
  });
}
