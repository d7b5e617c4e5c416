import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Tool } from '../../src/adopt/index.js';
import { readAppliedHistory } from '../../src/apply/index.js';
import { importHistory } from '../../src/api/import.js';
import { connectPostgres } from '../../src/db/postgres.js';
import { readMigrations } from '../../src/migrations/index.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';
import { FIXTURE_DIRS, tempProject } from './helpers.js';

/** Each tool's history table as the tool creates it, with the rows it leaves after applying some migrations. */
const HISTORY: Readonly<Record<Tool, { sql: string; marked: number }>> = {
  prisma: {
    sql: `CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL, finished_at timestamptz,
            migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(),
            applied_steps_count integer NOT NULL DEFAULT 0);
          INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, rolled_back_at, applied_steps_count) VALUES
            ('a', 'c1', now(), '20240105093000_init', NULL, 1), ('b', 'c2', now(), '20240112140000_posts', NULL, 1),
            ('c', 'c3', NULL, '20240201080000_publishing', now(), 0);`,
    marked: 2,
  },
  drizzle: {
    sql: `CREATE SCHEMA drizzle; CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);
          INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('h1', 1704447000000), ('h2', 1705068000000);`,
    marked: 2,
  },
  flyway: {
    sql: `CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL,
            type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum int, installed_by varchar(100) NOT NULL,
            installed_on timestamp NOT NULL DEFAULT now(), execution_time int NOT NULL, success boolean NOT NULL);
          INSERT INTO flyway_schema_history VALUES
            (1, '1', 'init users', 'SQL', 'V1__init_users.sql', 1, 'app', now(), 5, true),
            (2, '1.1', 'add posts', 'SQL', 'V1_1__add_posts.sql', 2, 'app', now(), 5, true),
            (3, '2', 'publishing', 'SQL', 'V2__publishing.sql', 3, 'app', now(), 5, false);`,
    marked: 2,
  },
  goose: {
    sql: `CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp DEFAULT now());
          INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (20240105093000, true), (20240112140000, true),
            (20240201080000, true), (20240201080000, false);`,
    marked: 2,
  },
  dbmate: {
    sql: `CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);
          INSERT INTO schema_migrations VALUES ('20240105093000'), ('20240112140000');`,
    marked: 2,
  },
  diesel: {
    sql: `CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);
          INSERT INTO __diesel_schema_migrations (version) VALUES ('00000000000000'), ('20240105093000'), ('20240112140000');`,
    marked: 3,
  },
};

describe.skipIf(skipWithoutServer())('import --database on PostgreSQL 15', () => {
  for (const tool of Object.keys(HISTORY) as Tool[]) {
    it(`${tool}: marks what the tool applied, and nothing else`, async () => {
      await withTestDatabase(async (t) => {
        const db = await connectPostgres(t.url);
        const project = await tempProject();
        try {
          await db.exec(HISTORY[tool].sql);
          const result = await importHistory(project, { tool, dir: FIXTURE_DIRS[tool], database: t.url });
          const folders = await readMigrations(project.migrationsDir);
          const expected = folders.slice(0, HISTORY[tool].marked).map((f) => f.version);
          expect(result.marked).toEqual(expected);
          const applied = await readAppliedHistory(db);
          expect(applied.phases.map((p) => `${p.version}:${p.phase}`)).toEqual(expected.map((v) => `${v}:expand`));
          expect(applied.phases.every((p) => p.finishedAt !== null)).toBe(true);
        } finally {
          await db.close();
          await rm(project.root, { recursive: true, force: true });
        }
      });
    });
  }

  it('marks nothing when the database has no history of that tool', async () => {
    await withTestDatabase(async (t) => {
      const project = await tempProject();
      try {
        const result = await importHistory(project, { tool: 'dbmate', dir: FIXTURE_DIRS.dbmate, database: t.url });
        expect(result).toMatchObject({ marked: [], noToolHistory: true });
        expect(result.written).toHaveLength(3);
      } finally {
        await rm(project.root, { recursive: true, force: true });
      }
    });
  });
});
