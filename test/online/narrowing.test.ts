import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../src/db/queryable.js';
import { CONFIG, pgtide, requireBuild, shown, tempProject, type CliResult, type TempProject } from '../cli/helpers.js';
import { ENGINES as TEST_ENGINES, type TestTarget } from '../helpers/engines.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * A narrowing type change, approved, on a table whose values do not fit: the step that converts
 * them must fail (exit 3) instead of cutting them, leave every value as it was and the history
 * where it stopped, and finish once the data is fixed.
 */

const ROWS = 1000;

const schemaWith = (column: string): string => `import { integer, smallint, table, text, varchar } from 'pgtide';

export const items = table('items', {
  id: integer().primaryKey(),
  ${column},
});
`;

type Database = TestTarget;

const ENGINES = TEST_ENGINES.map((e) => ({
  name: e.title,
  skip: e.skip,
  async create(): Promise<Database> {
    const dir = await tempDir('pgtide-narrow-');
    const target = await e.create({ dir: path.join(dir, 'db'), prefix: 'pgtide_narrow' });
    return { ...target, drop: () => target.drop().finally(() => rm(dir, { recursive: true, force: true })) };
  },
}));

/** Runs SQL against the database between CLI runs (a PGlite folder has one user at a time). */
async function onDb<T>(d: Database, fn: (db: Queryable) => Promise<T>): Promise<T> {
  const db = await d.open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function one(d: Database, sql: string): Promise<string> {
  return onDb(d, async (db) => String((await db.query<{ n: string | number }>(sql)).rows[0]!.n));
}

const count = async (d: Database, sql: string): Promise<number> => Number(await one(d, sql));

interface Phases { expand: { state: string }; migrate: { state: string }; contract: { state: string } }

interface Case {
  readonly name: string;
  readonly before: string;
  readonly after: string;
  /** The rows that do not fit the new type. */
  readonly rows: string;
  readonly column: string;
  /** The phase whose conversion meets them, and the server's words for it. */
  readonly fails: 'migrate' | 'contract';
  readonly error: RegExp;
  /** The hazard kinds to approve; without `required`, generate is held back (exit 4). */
  readonly approve: readonly string[];
  readonly required: string;
  /** Engines the case runs on (each run spawns the CLI some ten times). */
  readonly engines: readonly string[];
  /** Still true after the failure: no value was cut or changed. */
  readonly intact: string;
  /** Fixes the data so that the change can go through. */
  readonly fix: string;
  readonly finalType: string;
}

const CASES: readonly Case[] = [
  {
    name: 'text → varchar(5) online: the batched copy fails, nothing is truncated',
    before: 'code: text()',
    after: 'code: varchar(5)',
    rows: `INSERT INTO items SELECT g, 'abcdefgh' FROM generate_series(1, ${ROWS}) g`,
    column: 'code',
    fails: 'migrate',
    error: /value too long for type character varying\(5\)/,
    approve: ['data-loss', 'breaking'],
    required: 'breaking',
    engines: ['PGlite', 'PostgreSQL'],
    intact: `SELECT count(*) AS n FROM items WHERE code = 'abcdefgh'`,
    fix: "UPDATE items SET code = 'abc'",
    finalType: 'character varying(5)',
  },
  {
    name: 'text → varchar(5) direct: the ALTER in contract fails, nothing is truncated',
    before: 'code: text()',
    after: "code: varchar(5).strategy('direct')",
    rows: `INSERT INTO items SELECT g, 'abcdefgh' FROM generate_series(1, ${ROWS}) g`,
    column: 'code',
    fails: 'contract',
    error: /value too long for type character varying\(5\)/,
    approve: ['data-loss', 'rewrite'],
    required: 'data-loss',
    engines: ['PostgreSQL'],
    intact: `SELECT count(*) AS n FROM items WHERE code = 'abcdefgh'`,
    fix: "UPDATE items SET code = 'abc'",
    finalType: 'character varying(5)',
  },
  {
    name: 'integer → smallint online: 40000 fails the copy and is kept',
    before: 'qty: integer()',
    after: 'qty: smallint()',
    rows: `INSERT INTO items SELECT g, g FROM generate_series(1, ${ROWS - 1}) g; INSERT INTO items VALUES (${ROWS}, 40000)`,
    column: 'qty',
    fails: 'migrate',
    error: /smallint out of range/,
    approve: ['data-loss', 'breaking'],
    required: 'breaking',
    engines: ['PGlite', 'PostgreSQL'],
    intact: `SELECT count(*) AS n FROM items WHERE qty = 40000 OR qty = id`,
    fix: `UPDATE items SET qty = 4 WHERE qty = 40000`,
    finalType: 'smallint',
  },
];

for (const engine of ENGINES) {
  describe.skipIf(engine.skip)(`narrowing type changes fail instead of cutting values [${engine.name}]`, () => {
    beforeAll(() => requireBuild());

    for (const c of CASES.filter((x) => x.engines.includes(engine.name))) {
      describe(c.name, () => {
        let p: TempProject;
        let d: Database;
        const run = (...args: string[]): Promise<CliResult> => pgtide([...args, '--database', d.spec], { cwd: p.dir });
        const generate = (...args: string[]): Promise<CliResult> => pgtide(['generate', ...args], { cwd: p.dir });
        const phases = async (): Promise<Phases[]> => {
          const status = await run('status', '--format', 'json');
          return (JSON.parse(status.stdout) as { migrations: { phases: Phases }[] }).migrations.map((m) => m.phases);
        };

        beforeAll(async () => {
          p = await tempProject({ 'schema.config.ts': CONFIG, 'schema/index.ts': schemaWith(c.before) });
          d = await engine.create();
        });
        afterAll(async () => {
          await p?.remove();
          await d?.drop();
        });

        it('is gated, fails loudly with exit 3, keeps every value and a consistent history, and finishes once the data fits', async () => {
          const init = await generate('init');
          expect(init.code, shown(init)).toBe(0);
          const first = await run('apply');
          expect(first.code, shown(first)).toBe(0);
          await onDb(d, (db) => db.exec(c.rows));

          await p.write('schema/index.ts', schemaWith(c.after));
          const blocked = await generate('narrow', '--allow-hazards', c.approve.filter((k) => k !== c.required).join(','));
          expect(blocked.code, shown(blocked)).toBe(4);
          expect(blocked.stderr).toContain(`${c.required} (high)`);
          const generated = await generate('narrow', '--allow-hazards', c.approve.join(','));
          expect(generated.code, shown(generated)).toBe(0);

          const failed = await run('apply');
          expect(failed.code, shown(failed)).toBe(3);
          expect(failed.stderr).toMatch(c.error);
          expect(failed.stderr).toContain(`_narrow/${c.fails}.sql`);
          expect(failed.stderr).not.toMatch(/\n\s+at /);

          expect(await count(d, c.intact)).toBe(ROWS);
          // Online, the shadow column is in place (expand ran) and holds no value: the failed batch rolled back.
          const online = c.fails === 'migrate';
          const shadow = `${c.column}__pgtide_new`;
          expect(await count(d, `SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'items' AND column_name = '${shadow}'`)).toBe(online ? 1 : 0);
          if (online) expect(await count(d, `SELECT count(*) AS n FROM items WHERE ${shadow} IS NOT NULL`)).toBe(0);
          const history = await phases();
          expect(history[0]!.expand.state).toBe('applied');
          expect(history[1]).toMatchObject(online
            // Batches commit one by one: migrate is started, not finished, and resumes where it stopped.
            ? { expand: { state: 'applied' }, migrate: { state: 'partial' }, contract: { state: 'pending' } }
            : { expand: { state: 'absent' }, migrate: { state: 'absent' }, contract: { state: 'pending' } });
          await onDb(d, (db) => db.exec(c.fix));
          const done = await run('apply');
          expect(done.code, shown(done)).toBe(0);
          expect(await one(d, `SELECT format_type(atttypid, atttypmod) AS n FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = '${c.column}'`)).toBe(c.finalType);
          expect(await count(d, 'SELECT count(*) AS n FROM items')).toBe(ROWS);
          expect((await phases())[1]!.contract.state).toBe('applied');
        }, 600_000);
      });
    }
  });
}
