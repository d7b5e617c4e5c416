import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, skipWithoutServer, type TestDatabase } from '../helpers/postgres.js';
import { pgtide, REPO, requireBuild, shown, tempProject, type TempProject } from './helpers.js';

/** ../shared/realworld beside the repository (one level further up from a git worktree); never skipped when absent. */
function pagilaSchema(): string {
  const dir = [path.resolve(REPO, '../shared/realworld'), path.resolve(REPO, '../../shared/realworld')].find(existsSync);
  if (dir === undefined) throw new Error(`../shared/realworld is missing beside ${REPO}: the Pagila schema comes from there.`);
  return path.join(dir, 'pagila', 'pagila-schema-pg15.sql');
}

/**
 * `init --from-database` on Pagila loaded in PostgreSQL 15, then `plan` against the same database,
 * the way a new user would run them.
 */
describe.skipIf(skipWithoutServer())('pull round trip of Pagila on PostgreSQL 15', () => {
  let tdb: TestDatabase;
  let project: TempProject;
  beforeAll(async () => {
    requireBuild();
    tdb = await createTestDatabase('pgtide_pull_pagila');
    const client = new pg.Client({ connectionString: tdb.url });
    await client.connect();
    try {
      await client.query(await readFile(pagilaSchema(), 'utf8'));
    } finally {
      await client.end();
    }
    project = await tempProject({});
  });
  afterAll(async () => {
    await project?.remove();
    await tdb?.drop();
  });

  it('plans no changes, with no hand edit: the aggregate is pulled too', { timeout: 300_000 }, async () => {
    const init = await pgtide(['init', '--from-database', tdb.url], { cwd: project.dir });
    expect(init.code, shown(init)).toBe(0);
    expect(init.stdout).toContain('Pulled 22 tables');
    const objects = await readFile(path.join(project.dir, 'schema', 'objects.ts'), 'utf8');
    expect(objects).toContain('CREATE TABLE public.payment_p2022_01 PARTITION OF public.payment');

    expect(objects).toContain('CREATE AGGREGATE public.group_concat(text)');
    expect(init.stderr).not.toContain('not managed by pgtide');

    const plan = await pgtide(['plan', '--database', tdb.url, '--format', 'json'], { cwd: project.dir });
    expect(plan.code, shown(plan)).toBe(0);
    expect((JSON.parse(plan.stdout) as { steps: unknown[] }).steps, shown(plan)).toEqual([]);
  });
});
