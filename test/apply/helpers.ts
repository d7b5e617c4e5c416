import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyMigrations, type ApplyOptions, type ApplyOutcome, type StepTimeouts } from '../../src/apply/index.js';
import type { Queryable } from '../../src/db/queryable.js';
import { readMigrations, writeMigration, writeSum, type MigrationFolder, type NewMigration } from '../../src/migrations/index.js';
import { ENGINES as TEST_ENGINES, type TestEngine, type TestTarget } from '../helpers/engines.js';
import { tempDir } from '../helpers/temp-dir.js';

export const timeouts: StepTimeouts = { lockTimeoutMs: 0, statementTimeoutMs: 0, lockRetries: 0, backoffMs: 10 };

/** Temp folders removed after the test that made them (test/helpers/temp-dir.ts). */
export function useTemp(): () => Promise<string> {
  return () => tempDir('pgtide-apply-');
}

export type Files = NewMigration['files'];

/** Writes migration folders and pgtide.sum the way generate does; returns them as read back. */
export async function writeHistory(dir: string, migrations: readonly { version: string; name: string; files: Files }[]): Promise<MigrationFolder[]> {
  for (const m of migrations) await writeMigration(dir, { ...m, plan: null });
  const folders = await readMigrations(dir);
  writeSum(dir, folders);
  return folders;
}

/** A database on one engine: a PGlite data folder, or a fresh database on the test server. */
export type Target = TestTarget;

export interface Engine {
  readonly name: TestEngine['name'];
  readonly skip: boolean;
  create(tempDir: () => Promise<string>): Promise<Target>;
}

export const ENGINES: readonly Engine[] = TEST_ENGINES.map((e) => ({
  name: e.name,
  skip: e.skip,
  create: async (tempDir) => e.create({ dir: join(await tempDir(), 'db'), prefix: 'pgtide_apply' }),
}));

export function apply(db: Queryable, dir: string, folders: readonly MigrationFolder[], opts: Partial<ApplyOptions> = {}): Promise<ApplyOutcome> {
  return applyMigrations(db, dir, folders, { phase: 'all', timeouts, lockWaitMs: 5000, ...opts });
}

export async function rows<R>(db: Queryable, sql: string): Promise<R[]> {
  return (await db.query<R>(sql)).rows;
}

/** Applied phases as `version/phase` strings, finished ones only. */
export async function appliedPhases(db: Queryable): Promise<string[]> {
  const r = await rows<{ k: string }>(db, "SELECT version || '/' || phase AS k FROM pgtide.migrations WHERE finished_at IS NOT NULL ORDER BY version, phase");
  return r.map((x) => x.k);
}

/**
 * A migration that mixes everything apply must handle: transactional groups, CREATE INDEX
 * CONCURRENTLY and ALTER TYPE … ADD VALUE outside transactions, a batched backfill, and a contract.
 * The inserts into app.log show whether any transactional part ran twice.
 */
export const MIXED: { version: string; name: string; files: Files }[] = [
  {
    version: '20260101T000000Z',
    name: 'base',
    files: {
      expand: `CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok');
CREATE TABLE app.log (msg text NOT NULL);
CREATE TABLE app.items (id int PRIMARY KEY, mood app.mood, label text);
INSERT INTO app.items SELECT g, 'ok', NULL FROM generate_series(1, 50) g;
INSERT INTO app.log VALUES ('base');
`,
      down: 'DROP SCHEMA app CASCADE;\n',
    },
  },
  {
    version: '20260102T000000Z',
    name: 'mixed',
    files: {
      expand: `ALTER TABLE app.items ADD COLUMN code text;
INSERT INTO app.log VALUES ('expand-1');
-- pgtide:no-transaction
CREATE INDEX CONCURRENTLY items_code_idx ON app.items (code);
CREATE TABLE app.extra (id int);
INSERT INTO app.log VALUES ('expand-2');
-- pgtide:no-transaction
ALTER TYPE app.mood ADD VALUE 'great';
`,
      migrate: `-- pgtide:batch size=20
UPDATE app.items SET code = 'c' || id WHERE id IN (SELECT id FROM app.items WHERE code IS NULL LIMIT 20);
`,
      contract: `ALTER TABLE app.items ALTER COLUMN code SET NOT NULL;
INSERT INTO app.log VALUES ('contract');
`,
      down: `DROP TABLE app.extra;
DROP INDEX app.items_code_idx;
ALTER TABLE app.items DROP COLUMN code;
DELETE FROM app.log WHERE msg LIKE 'expand%';
ALTER TABLE app.items ALTER COLUMN mood TYPE text;
DROP TYPE app.mood;
CREATE TYPE app.mood AS ENUM ('ok');
ALTER TABLE app.items ALTER COLUMN mood TYPE app.mood USING mood::app.mood;
`,
    },
  },
];

/** A project folder: plain config (no pgtide import), a .sql schema, and the given migrations. */
export async function writeProject(root: string, migrations: readonly { version: string; name: string; files: Files }[], schemaSql: string): Promise<string> {
  await writeHistory(join(root, 'migrations'), migrations);
  await mkdir(join(root, 'schema'), { recursive: true });
  await writeFile(join(root, 'schema', 'app.sql'), schemaSql);
  const config = join(root, 'schema.config.ts');
  await writeFile(config, "export default { schema: './schema', migrations: './migrations', schemas: ['app'] };\n");
  return config;
}

export const ORDERS = {
  version: '20260103T000000Z',
  name: 'orders',
  files: {
    expand: 'CREATE TABLE app.orders (id int PRIMARY KEY, qty int NOT NULL DEFAULT 1 CONSTRAINT orders_qty_check CHECK (qty > 0), note text);\n',
    down: 'DROP TABLE app.orders;\n',
  },
};
