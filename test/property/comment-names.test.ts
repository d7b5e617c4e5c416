import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { diff } from '../../src/diff/index.js';
import { check, compile, index, integer, schema, sql, table, text, unique, view, type SqlFragment } from '../../src/dsl/index.js';
import { introspect } from '../../src/introspect/index.js';
import { renderMigrationFiles, type MigrationFiles } from '../../src/migrations/render-files.js';
import { splitStatements } from '../../src/migrations/split.js';
import { emptyModel, type Model } from '../../src/model/index.js';
import { PHASES, planChanges, type Plan } from '../../src/plan/index.js';
import { quoteIdent, quoteQualified, renderReverse, renderStep } from '../../src/sql/index.js';
import { normalizeModel } from '../../src/verify/normalize.js';
import { runMigrationFile, REPLAY_PHASES } from '../../src/verify/replay.js';
import { hostileName } from './spec.js';

/**
 * Names of every kind of object the DSL declares, drawn with control characters, line breaks
 * (\n, \r, \v, \f, U+0085, U+2028, U+2029) and SQL fragments. Whatever they hold, the files
 * render-files writes must split back into exactly the planned statements: a name in a comment,
 * a hazard's reason or a directive can never end its line and start a statement of its own.
 */

const RUNS = Number(process.env.PGTIDE_PROPERTY_RUNS ?? 300);
const APPLY_RUNS = Math.max(1, Math.ceil(RUNS / 30));
const SEED = process.env.PGTIDE_PROPERTY_SEED === undefined ? undefined : Number(process.env.PGTIDE_PROPERTY_SEED);
const options = (runs: number) => ({ numRuns: runs, ...(SEED === undefined ? {} : { seed: SEED }) });

interface Names {
  readonly schema: string;
  readonly table: string;
  readonly other: string;
  readonly column: string;
  readonly dropped: string;
  readonly filled: string;
  readonly index: string;
  readonly check: string;
  readonly unique: string;
  readonly enumName: string;
  readonly labels: readonly string[];
  readonly view: string;
  readonly sequence: string;
  readonly comment: string;
}

/**
 * Column types name an enum as raw `schema.name` (src/sql/types.ts), which cannot be read back when
 * the schema's name holds a dot or a double quote, or when the enum's name is itself a complete
 * quoted identifier: such names are a known limit of type references, not of comments.
 */
const typeReferable = (n: readonly string[]): boolean => !/[".]/.test(n[0]!) && !/^".*"$/s.test(n[8]!);

// One pool for every name, so that names that must differ (relations of one schema) are distinct.
const names: fc.Arbitrary<Names> = fc
  .tuple(fc.uniqueArray(hostileName, { minLength: 12, maxLength: 12 }).filter(typeReferable), fc.uniqueArray(hostileName, { minLength: 1, maxLength: 3 }), hostileName)
  .map(([n, labels, comment]) => ({
    schema: n[0]!, table: n[1]!, other: n[2]!, column: n[3]!, dropped: n[4]!, index: n[5]!, check: n[6]!,
    unique: n[7]!, enumName: n[8]!, view: n[9]!, sequence: n[10]!, filled: n[11]!, labels, comment,
  }));

function rawSql(text: string): SqlFragment {
  return sql(Object.assign([text], { raw: [text] }) as unknown as TemplateStringsArray);
}

/**
 * Every kind of object, in a schema of a hostile name. The first version has a column the second
 * drops (a data-loss hazard naming it); the second adds a NOT NULL column filled in batches (a
 * batch directive naming the table).
 */
function exportsFor(n: Names, first: boolean): Record<string, unknown> {
  const ns = schema(n.schema).comment(n.comment);
  const mood = ns.enumType(n.enumName, n.labels).comment(n.comment);
  const seq = ns.sequence(n.sequence);
  const t = ns.table(n.table, {
    id: integer().primaryKey(),
    note: text().named(n.column).comment(n.comment),
    mood: mood().named(n.other),
    ...(first ? { gone: text().named(n.dropped) } : { filled: text().named(n.filled).notNull().backfill(rawSql(`'x'`)) }),
  }, (c) => [
    index(n.index).on(c.note).comment(n.comment),
    check(n.check, rawSql(`${quoteIdent(n.column)} <> ''`)).comment(n.comment),
    unique(c.note, c.mood).named(n.unique),
  ]).comment(n.comment);
  const v = view(n.view, rawSql(`SELECT ${quoteIdent(n.column)} FROM ${quoteQualified(n.schema, n.table)}`), { schema: n.schema }).comment(n.comment);
  return { ns, mood, seq, t, v };
}

function declared(n: Names, first: boolean): Model {
  return compile([{ file: 'hostile.ts', exports: exportsFor(n, first) }]).model;
}

function render(plan: Plan): MigrationFiles {
  return renderMigrationFiles(plan, { version: '20260101T000000Z', name: 'hostile', fromHash: '0'.repeat(64), toHash: '1'.repeat(64) });
}

const texts = (sql: string): string[] => splitStatements(sql).map((s) => s.text);

/** The files split back into exactly the statements planned, in order, with their directives. */
function expectOnlyPlanned(plan: Plan, files: MigrationFiles): void {
  for (const phase of PHASES) {
    const steps = plan.steps.filter((s) => s.phase === phase);
    const file = files.files[phase];
    if (steps.length === 0) {
      expect(file).toBeUndefined();
      continue;
    }
    const split = splitStatements(file!);
    expect(split.map((s) => s.text)).toEqual(steps.flatMap((s) => texts(renderStep(s))));
    // A step's directives stand above its first statement.
    const directives = steps.flatMap((s) => texts(renderStep(s)).map((_, i) => [i === 0 && !s.transactional && !s.batch, i === 0 ? s.batch?.size ?? null : null]));
    expect(split.map((s) => [s.directives.noTransaction, s.directives.batch?.size ?? null])).toEqual(directives);
  }
  const reversed = plan.steps.filter((s) => s.phase !== 'contract').reverse().map(renderReverse).filter((s) => s !== null);
  expect(files.files.down === undefined ? [] : texts(files.files.down)).toEqual(reversed.flatMap(texts));
}

describe('property: hostile names in comments, reasons and directives split back into the planned statements', () => {
  it(`${RUNS} drawn sets of names: create, drop a column, drop everything`, () => {
    fc.assert(
      fc.property(names, (n) => {
        const a = declared(n, true);
        const b = declared(n, false);
        for (const [from, to] of [[emptyModel(), a], [a, b], [b, emptyModel()]] as const) {
          const plan = planChanges(diff(from, to), { from, to });
          expect(plan.steps.length).toBeGreaterThan(0);
          if (to === b) expect(plan.steps.some((s) => s.batch !== null)).toBe(true);
          expectOnlyPlanned(plan, render(plan));
        }
      }),
      options(RUNS),
    );
  });

  describe('applied on PGlite', () => {
    let scratch: Queryable;
    let target: Queryable;
    beforeAll(async () => {
      [scratch, target] = await Promise.all([scratchPglite(), scratchPglite()]);
    });
    afterAll(async () => {
      await Promise.all([scratch?.close(), target?.close()]);
    });

    /** A clean slate for each case, even after a failed one: every user schema but `keep` goes. */
    async function dropSchemasBut(db: Queryable, keep: readonly string[]): Promise<void> {
      const { rows } = await db.query<{ nspname: string }>(
        `SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' AND NOT nspname = ANY($1)`,
        [keep],
      );
      for (const r of rows) await db.exec(`DROP SCHEMA ${quoteIdent(r.nspname)} CASCADE`);
    }

    async function migrate(to: Model, schemas: readonly string[]): Promise<void> {
      const from = await introspect(target, { schemas });
      const plan = planChanges(diff(from, to), { from, to });
      const rendered = render(plan);
      expectOnlyPlanned(plan, rendered);
      for (const phase of REPLAY_PHASES) {
        const sql = rendered.files[phase];
        if (sql) await runMigrationFile(target, sql, `${phase}.sql`);
      }
      const after = await introspect(target, { schemas });
      expect(planChanges(diff(after, to), { from: after, to }).steps.map((s) => renderStep(s))).toEqual([]);
    }

    it(`${APPLY_RUNS} drawn sets of names are created, altered and dropped, and run nothing else`, async () => {
      await fc.assert(
        fc.asyncProperty(names, async (n) => {
          await dropSchemasBut(target, ['public']);
          await target.exec(`CREATE SCHEMA vault; CREATE TABLE vault.victim (id int); INSERT INTO vault.victim VALUES (1), (2)`);
          const schemas = ['public', n.schema];
          const normalized = async (m: Model): Promise<Model> => {
            await dropSchemasBut(scratch, ['public']);
            return normalizeModel(m, scratch);
          };
          const a = await normalized(declared(n, true));
          const b = await normalized(declared(n, false));
          await migrate(a, schemas);
          const cols = await target.query<{ attname: string }>(
            `SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
            [quoteQualified(n.schema, n.table)],
          );
          expect(cols.rows.map((r) => r.attname)).toEqual(['id', n.column, n.other, n.dropped]);
          await migrate(b, schemas);
          await migrate(await introspect(target, { schemas: ['public'] }), schemas);
          expect((await target.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [n.schema])).rows).toEqual([]);
          const { rows } = await target.query<{ n: number }>(`SELECT count(*)::int AS n FROM vault.victim`);
          expect(rows[0]!.n).toBe(2);
        }),
        options(APPLY_RUNS),
      );
    }, 600_000);
  });
});
