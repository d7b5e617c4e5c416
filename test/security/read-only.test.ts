import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyProject } from '../../src/api/apply.js';
import { driftProject } from '../../src/api/drift.js';
import { generateMigration } from '../../src/api/generate.js';
import { planProject } from '../../src/api/plan-project.js';
import { loadProject, type Project } from '../../src/api/project.js';
import { statusProject } from '../../src/api/status.js';
import { requireBuild, tempProject, type TempProject } from '../cli/helpers.js';
import { startProxy } from '../faults/proxy.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';

/**
 * plan, status and drift against a live database only read it: every SQL text they send is
 * recorded by a loopback proxy, the session must be made read-only before anything else runs, and
 * nothing but reads may follow. (check compares the schema with the migrations and opens no
 * database at all.)
 */

const READ_ONLY = /^SET default_transaction_read_only = on$|^SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY$|^BEGIN( TRANSACTION)? READ ONLY/i;
const READS = /^\s*(SELECT|SHOW|BEGIN|COMMIT|ROLLBACK|SET|RESET|WITH\b(?![\s\S]*\b(INSERT|UPDATE|DELETE|MERGE)\b))/i;

let p: TempProject;
let project: Project;

beforeAll(async () => {
  requireBuild();
  p = await tempProject({
    'package.json': '{ "type": "module" }\n',
    'schema.config.ts': `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./schema'], migrations: './migrations' });\n`,
    'schema/index.ts': `import { integer, table, text } from 'pgtide';\nexport const users = table('users', { id: integer().primaryKey(), name: text() });\n`,
  });
  project = await loadProject(undefined, p.dir);
  await generateMigration(project, { name: 'users', allowHazards: false });
  await p.write('schema/index.ts', `import { integer, table, text } from 'pgtide';\nexport const users = table('users', { id: integer().primaryKey(), name: text(), email: text() });\n`);
});
afterAll(async () => {
  await p?.remove();
});

describe.skipIf(skipWithoutServer())('commands that only read a live database (PostgreSQL)', () => {
  it('plan, status and drift make their sessions read-only first and send only reads', async () => {
    await withTestDatabase(async (db) => {
      await applyProject(await loadProject(undefined, p.dir), { database: db.url, phase: 'all' });
      const sessions = new Map<number, string[]>();
      const proxy = await startProxy(new URL(db.url), {
        onQuery: (sql, c) => sessions.set(c, [...(sessions.get(c) ?? []), sql.trim()]),
      });
      try {
        const via = new URL(db.url);
        via.port = String(proxy.port);
        const fresh = await loadProject(undefined, path.join(p.dir));
        const plan = await planProject(fresh, { database: via.toString() });
        expect(plan.result.changeCount).toBeGreaterThan(0);
        await statusProject(fresh, { database: via.toString() });
        await driftProject(fresh, { database: via.toString() });
      } finally {
        await proxy.close();
      }
      expect(sessions.size).toBeGreaterThanOrEqual(3);
      for (const [id, queries] of sessions) {
        const first = queries.findIndex((q) => READ_ONLY.test(q));
        expect(first, `session ${id} never became read-only:\n${queries.join('\n')}`).toBeGreaterThanOrEqual(0);
        const before = queries.slice(0, first).filter((q) => !/^SET application_name/i.test(q));
        expect(before, `session ${id} ran statements before becoming read-only`).toEqual([]);
        const writes = queries.filter((q) => !READS.test(q));
        expect(writes, `session ${id} sent statements that are not reads`).toEqual([]);
      }
    }, 'pgtide_ro');
  });
});
