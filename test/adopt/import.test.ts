import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOLS, type Tool } from '../../src/adopt/index.js';
import { ALL_CONTRIB } from '../../src/api/history.js';
import { importHistory } from '../../src/api/import.js';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { diff } from '../../src/diff/index.js';
import { describeChange } from '../../src/diff/describe-change.js';
import { introspect } from '../../src/introspect/index.js';
import { readMigrations } from '../../src/migrations/index.js';
import { replayFolders } from '../../src/verify/replay.js';
import { resetDatabase } from '../codegen/helpers.js';
import { tempDir } from '../helpers/temp-dir.js';
import { FIXTURE_DIRS, ORIGINAL, tempProject } from './helpers.js';

describe('import of other tools’ histories', () => {
  let db: Queryable;
  beforeAll(async () => {
    db = await scratchPglite({ extensions: ALL_CONTRIB });
  });
  afterAll(async () => {
    await db.close();
  });

  const expectedFolders: Record<Tool, string[]> = {
    prisma: ['20240105T093000Z_init', '20240112T140000Z_posts', '20240201T080000Z_publishing'],
    drizzle: ['20240105T093000Z_init_users', '20240112T140000Z_add_posts', '20240201T080000Z_publishing'],
    flyway: ['19700101T000000Z_init_users', '19700101T000001Z_add_posts', '19700101T000002Z_publishing'],
    goose: ['20240105T093000Z_init_users', '20240112T140000Z_add_posts', '20240201T080000Z_publishing'],
    dbmate: ['20240105T093000Z_init_users', '20240112T140000Z_add_posts', '20240201T080000Z_publishing'],
    diesel: ['19700101T000000Z_diesel_initial_setup', '20240105T093000Z_init_users', '20240112T140000Z_add_posts', '20240201T080000Z_publishing'],
  };

  for (const tool of TOOLS) {
    it(`${tool}: the imported folders replay to the schema the original files give`, async () => {
      await resetDatabase(db);
      await ORIGINAL[tool](db, FIXTURE_DIRS[tool]);
      const original = await introspect(db);
      expect(original.table.size).toBe(2);

      const project = await tempProject();
      const result = await importHistory(project, { tool, dir: FIXTURE_DIRS[tool] });
      expect(result.passedOver).toEqual([]);
      const folders = await readMigrations(project.migrationsDir);
      expect(folders.map((f) => `${f.version}_${f.name}`)).toEqual(expectedFolders[tool]);
      await resetDatabase(db);
      await replayFolders(db, folders);
      expect(diff(original, await introspect(db)).changes.map(describeChange)).toEqual([]);
    });
  }

  it('runs statements that need it outside a transaction, and keeps the downs', async () => {
    const project = await tempProject();
    await importHistory(project, { tool: 'goose', dir: FIXTURE_DIRS.goose });
    const [first, , third] = await readMigrations(project.migrationsDir);
    expect(third?.files.expand).toMatch(/-- pgtide:no-transaction\nALTER TABLE posts ADD COLUMN/);
    expect(third?.files.expand).toMatch(/-- pgtide:no-transaction\nCREATE INDEX CONCURRENTLY/);
    expect(first?.files.expand).not.toContain('pgtide:no-transaction');
    expect(first?.files.down).toContain('DROP TYPE user_role;');
    expect(first?.files.expand).not.toContain('+goose');
  });

  it('refuses a migrations folder that already has a history, and an unknown format', async () => {
    const project = await tempProject();
    await importHistory(project, { tool: 'dbmate', dir: FIXTURE_DIRS.dbmate });
    await expect(importHistory(project, { tool: 'dbmate', dir: FIXTURE_DIRS.dbmate })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('needs it empty') });
    await expect(importHistory(await tempProject(), { tool: 'prisma', dir: FIXTURE_DIRS.goose })).rejects.toMatchObject({ exitCode: 2 });
  });

  // A file the tool itself would not run is not imported, and never passed over without a word.
  const strays: Record<Tool, { add: (dir: string) => Promise<void>; named: string }> = {
    drizzle: { add: (dir) => writeFile(path.join(dir, '0003_unlisted.sql'), 'CREATE TABLE stray (id int);\n'), named: '0003_unlisted.sql' },
    prisma: { add: (dir) => mkdir(path.join(dir, '20240301000000_empty')), named: '20240301000000_empty' },
    flyway: { add: (dir) => writeFile(path.join(dir, 'V9_missing_underscores.sql'), 'CREATE TABLE stray (id int);\n'), named: 'V9_missing_underscores.sql' },
    goose: { add: (dir) => writeFile(path.join(dir, 'notes.sql'), 'CREATE TABLE stray (id int);\n'), named: 'notes.sql' },
    dbmate: { add: (dir) => writeFile(path.join(dir, 'seed.sql'), 'CREATE TABLE stray (id int);\n'), named: 'seed.sql' },
    diesel: { add: (dir) => mkdir(path.join(dir, '2024-03-01-000000_no_up')), named: '2024-03-01-000000_no_up' },
  };
  for (const tool of TOOLS) {
    it(`${tool}: names each file it did not import, and why`, async () => {
      const copy = await tempDir(`pgtide-stray-${tool}-`);
      const project = await tempProject();
      await cp(FIXTURE_DIRS[tool], copy, { recursive: true });
      await strays[tool].add(copy);
      const result = await importHistory(project, { tool, dir: copy });
      expect(result.passedOver.map((p) => path.basename(p.file))).toEqual([strays[tool].named]);
      expect(result.passedOver[0]?.reason).toContain('not imported');
      expect((await readMigrations(project.migrationsDir)).map((f) => `${f.version}_${f.name}`)).toEqual(expectedFolders[tool]);
    });
  }
});
