import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { loadDesired } from '../../src/api/desired.js';
import { applyProject } from '../../src/api/apply.js';
import { driftProject } from '../../src/api/drift.js';
import { planProject } from '../../src/api/plan-project.js';
import { loadProject } from '../../src/api/project.js';
import { buildModel, emptyModel, type Model } from '../../src/model/index.js';
import { readMigrations, writeSum } from '../../src/migrations/index.js';
import { cachedModel, keyText, modelCacheKey, modelCacheStats, type ModelCacheStats } from '../../src/verify/model-cache.js';
import { prefixKeys, replayCacheDir } from '../../src/verify/replay-cache.js';
import { MIXED, ORDERS, useTemp, writeHistory } from '../apply/helpers.js';
import { requireBuild } from '../cli/helpers.js';

// Lets a test pretend that another pgtide build or PGlite release is running.
const pretend = vi.hoisted(() => ({ build: null as string | null, pglite: null as string | null }));
vi.mock('../../src/version.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/version.js')>();
  return { ...real, pgtideBuild: () => pretend.build ?? real.pgtideBuild() };
});
vi.mock('../../src/db/pglite-template.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/db/pglite-template.js')>();
  return { ...real, pgliteVersion: () => pretend.pglite ?? real.pgliteVersion() };
});

// Counts every PGlite a command starts, whichever module asks for it.
const started = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/db/pglite.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/db/pglite.js')>();
  return {
    ...real,
    openPglite: (...args: Parameters<typeof real.openPglite>) => {
      started.count++;
      return real.openPglite(...args);
    },
    scratchPglite: (...args: Parameters<typeof real.scratchPglite>) => {
      started.count++;
      return real.scratchPglite(...args);
    },
    openSource: (...args: Parameters<typeof real.openSource>) => {
      started.count++;
      return real.openSource(...args);
    },
  };
});

const temp = useTemp();

const SCHEMA = `CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'fine');
CREATE TABLE app.items (id int PRIMARY KEY, mood app.mood, label text, code text);
CREATE INDEX items_code_idx ON app.items (code);
CREATE TABLE app.orders (id int PRIMARY KEY, qty int NOT NULL DEFAULT 1 CONSTRAINT orders_qty_check CHECK (qty > 0), note text, placed_at timestamptz);
`;

/** A project whose history is MIXED + ORDERS and whose .sql schema adds a column to it. */
async function project(): Promise<{ root: string; migrations: string; schemaFile: string }> {
  const root = await temp();
  const migrations = join(root, 'migrations');
  await writeHistory(migrations, [...MIXED, ORDERS]);
  await mkdir(join(root, 'schema'));
  const schemaFile = join(root, 'schema', 'app.sql');
  await writeFile(schemaFile, SCHEMA);
  await writeFile(join(root, 'schema.config.ts'), `export default { schema: ['./schema'], migrations: './migrations', schemas: ['app'] };\n`);
  return { root, migrations, schemaFile };
}

async function planFromMigrations(root: string): Promise<Awaited<ReturnType<typeof planProject>>> {
  return planProject(await loadProject(join(root, 'schema.config.ts')), { from: 'migrations' });
}

/** What happened to the model cache while `fn` ran. */
async function counting<T>(fn: () => Promise<T>): Promise<{ value: T; delta: ModelCacheStats }> {
  const before = modelCacheStats();
  const value = await fn();
  const after = modelCacheStats();
  return { value, delta: { hits: after.hits - before.hits, misses: after.misses - before.misses } };
}

/** Changes one migration file the way a regenerated migration would, pgtide.sum included. */
async function rewrite(migrations: string, folder: number, file: string, change: (sql: string) => string): Promise<void> {
  const dir = join(migrations, (await readdir(migrations)).filter((d) => !d.endsWith('.sum')).sort()[folder]!);
  await writeFile(join(dir, file), change(await readFile(join(dir, file), 'utf8')));
  writeSum(migrations, await readMigrations(migrations));
}

describe('the model cache', () => {
  it('serves a warm plan both models without PGlite, equal to the ones it computed', async () => {
    const { root } = await project();
    const cold = await counting(() => planFromMigrations(root));
    expect(cold.delta).toEqual({ hits: 0, misses: 2 });
    expect(started.count).toBeGreaterThan(0);
    started.count = 0;
    const warm = await counting(() => planFromMigrations(root));
    expect(warm.delta).toEqual({ hits: 2, misses: 0 });
    expect(started.count).toBe(0);
    expect(warm.value.from).toStrictEqual(cold.value.from);
    expect(warm.value.to).toStrictEqual(cold.value.to);
    expect(warm.value.result.script).toBe(cold.value.result.script);
    expect(cold.value.result.script).toContain('placed_at');
  });

  it('misses after any byte of any migration file changes, and replays the changed history', async () => {
    const { root, migrations } = await project();
    await planFromMigrations(root);

    // A comment in the first migration's down.sql changes no schema, but it is another history.
    await rewrite(migrations, 0, 'down.sql', (sql) => `${sql}-- a comment\n`);
    expect((await counting(() => planFromMigrations(root))).delta).toEqual({ hits: 1, misses: 1 });

    await rewrite(migrations, 2, 'expand.sql', (sql) => sql.replace('note text', 'note varchar(10)'));
    const edited = await counting(() => planFromMigrations(root));
    expect(edited.delta).toEqual({ hits: 1, misses: 1 });
    const note = edited.value.from.table.get('table:app.orders')?.columns.find((c) => c.name === 'note');
    expect(note?.type).toBe('character varying(10)');
    expect((await counting(() => planFromMigrations(root))).delta).toEqual({ hits: 2, misses: 0 });
  });

  it('misses after the schema files change', async () => {
    const { root, schemaFile } = await project();
    await planFromMigrations(root);
    await writeFile(schemaFile, SCHEMA.replace('placed_at timestamptz', 'placed_at timestamptz, shipped_at timestamptz'));
    const changed = await counting(() => planFromMigrations(root));
    expect(changed.delta).toEqual({ hits: 1, misses: 1 });
    expect(changed.value.result.script).toContain('shipped_at');
  });

  it('gives back a TypeScript schema with its planner hints, and misses when a hint changes', async () => {
    const root = await temp();
    const dsl = pathToFileURL(resolve('src/dsl/index.ts')).href;
    const module = (hint: string): string => `import { bigint, sql, table, text } from '${dsl}';
export const items = table('items', {
  id: bigint().identity().primaryKey(),
  title: text().notNull().renamedFrom('${hint}').backfill(sql\`'untitled'\`),
});
`;
    await mkdir(join(root, 'schema'));
    await writeFile(join(root, 'schema', 'items.ts'), module('name'));
    await writeFile(join(root, 'schema.config.ts'), `export default { schema: ['./schema'] };\n`);
    const load = async (): Promise<Model> => loadDesired(await loadProject(join(root, 'schema.config.ts')));
    const cold = await counting(load);
    const warm = await counting(load);
    expect([cold.delta, warm.delta]).toEqual([{ hits: 0, misses: 1 }, { hits: 1, misses: 0 }]);
    expect(warm.value).toStrictEqual(cold.value);
    const title = warm.value.table.get('table:public.items')?.columns.find((c) => c.name === 'title');
    expect([title?.renamedFrom, title?.backfill]).toEqual(['name', "'untitled'"]);

    await writeFile(join(root, 'schema', 'items.ts'), module('label'));
    const renamed = await counting(load);
    expect(renamed.delta).toEqual({ hits: 0, misses: 1 });
    expect(renamed.value.table.get('table:public.items')?.columns.find((c) => c.name === 'title')?.renamedFrom).toBe('label');
  });

  it('keys every cache by pgtide build and PGlite version', async () => {
    const folders = await writeHistory(join(await temp(), 'm'), [...MIXED, ORDERS]);
    const model = modelCacheKey('replayed', ['x']);
    const prefix = prefixKeys(folders, []);
    try {
      pretend.build = 'another-build';
      expect(modelCacheKey('replayed', ['x'])).not.toBe(model);
      expect(prefixKeys(folders, []).some((k, i) => k === prefix[i])).toBe(false);
      pretend.build = null;
      pretend.pglite = '0.0.0-other';
      expect(modelCacheKey('replayed', ['x'])).not.toBe(model);
      expect(prefixKeys(folders, []).some((k, i) => k === prefix[i])).toBe(false);
    } finally {
      pretend.build = null;
      pretend.pglite = null;
    }
    expect(modelCacheKey('replayed', ['x'])).toBe(model);
    expect(modelCacheKey('desired', ['x'])).not.toBe(model);
    expect(modelCacheKey('replayed', ['x', ''])).not.toBe(modelCacheKey('replayed', ['x\n0:']));
  });

  it('moves a project built by another pgtide to fresh keys', async () => {
    const { root } = await project();
    await planFromMigrations(root);
    try {
      pretend.build = 'another-build';
      expect((await counting(() => planFromMigrations(root))).delta).toEqual({ hits: 0, misses: 2 });
    } finally {
      pretend.build = null;
    }
  });

  it('keys only plain data, and tells undefined from absent', () => {
    expect(keyText({ a: undefined })).not.toBe(keyText({}));
    expect(keyText([undefined])).not.toBe(keyText([null]));
    expect(keyText({ f: () => 1 })).toBeNull();
    expect(keyText({ n: Number.NaN })).toBeNull();
    expect(keyText({ m: new Map() })).toBeNull();
  });

  it('drops a damaged file and computes the model again', async () => {
    const dir = replayCacheDir(await temp());
    const key = modelCacheKey('test', ['damaged']);
    const model: Model = buildModel([{ kind: 'schema', name: 'app', comment: null }]);
    await cachedModel(dir, key, async () => model);
    const file = join(dir, `${key}.model.json`);
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, 20));
    const again = await counting(() => cachedModel(dir, key, async () => emptyModel()));
    expect(again.delta).toEqual({ hits: 0, misses: 1 });
    expect(again.value).toStrictEqual(emptyModel());
  });
});

describe('the embedded development database read by plan', () => {
  it('is reused while its data folder is unchanged, so a warm plan starts no PGlite, and is read again after another process writes to it', async () => {
    requireBuild();
    const root = await temp();
    await mkdir(join(root, 'schema'));
    await writeFile(join(root, 'schema', 'app.sql'), 'CREATE TABLE public.items (id int PRIMARY KEY);\n');
    await writeFile(join(root, 'schema.config.ts'), `export default { schema: ['./schema'], migrations: './migrations', database: 'pglite:./dev' };\n`);
    const plan = async (): Promise<Awaited<ReturnType<typeof planProject>>> => planProject(await loadProject(join(root, 'schema.config.ts')));

    const cold = await plan();
    expect(cold.result.script).toContain('CREATE TABLE public.items');
    started.count = 0;
    const warm = await plan();
    expect(started.count).toBe(0);
    expect(warm.from).toStrictEqual(cold.from);
    expect(warm.result.script).toBe(cold.result.script);

    // Another process (pgtide's own build, as another command would) changes the database.
    const pglite = pathToFileURL(resolve('dist/db/pglite.js')).href;
    const script = `const { openPglite } = await import(${JSON.stringify(pglite)});
const db = await openPglite({ dir: ${JSON.stringify(join(root, 'dev'))} });
await db.exec('CREATE TABLE public.items (id int PRIMARY KEY)');
await db.close();`;
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    started.count = 0;
    const changed = await plan();
    expect(started.count).toBe(1);
    expect([...changed.from.table.keys()]).toEqual(['table:public.items']);
    expect(changed.result.script).not.toContain('CREATE TABLE public.items');
  });
});

describe('drift', () => {
  it('reads the replay of an unchanged applied history from the cache: only the live database is opened', async () => {
    const root = await temp();
    await writeHistory(join(root, 'migrations'), [...MIXED, ORDERS]);
    await writeFile(join(root, 'schema.config.ts'), `export default { schema: ['./schema.sql'], migrations: './migrations', schemas: ['app'], database: 'pglite:./dev' };\n`);
    await writeFile(join(root, 'schema.sql'), SCHEMA);
    const project = await loadProject(join(root, 'schema.config.ts'));
    await applyProject(project, { phase: 'all' });
    started.count = 0;
    const cold = await counting(() => driftProject(project));
    expect(started.count).toBe(2);
    started.count = 0;
    const warm = await counting(() => driftProject(project));
    expect(started.count).toBe(1);
    expect(warm.delta).toEqual({ hits: 1, misses: 0 });
    expect(warm.value).toStrictEqual(cold.value);
    expect(warm.value.phases).toBeGreaterThan(0);
  });
});
