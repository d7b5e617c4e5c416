import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyProject } from '../../src/api/apply.js';
import { loadProject } from '../../src/api/project.js';
import { isPgtideError } from '../../src/errors.js';
import { MIXED, ORDERS, useTemp, writeProject } from './helpers.js';

const temp = useTemp();

async function refused(root: string): Promise<string> {
  const project = await loadProject(join(root, 'schema.config.ts'));
  const err = await applyProject(project, { database: 'pglite:memory', phase: 'all' }).then(() => null, (e: unknown) => e);
  expect(isPgtideError(err) && err.exitCode).toBe(2);
  return (err as Error).message;
}

describe('apply refuses a tampered history before touching the database (exit 2, naming the file)', () => {
  it('an edited file', async () => {
    const root = await temp();
    await writeProject(root, [...MIXED, ORDERS], 'CREATE SCHEMA app;\n');
    await writeFile(join(root, 'migrations', '20260102T000000Z_mixed', 'migrate.sql'), 'SELECT 1;\n');
    expect(await refused(root)).toContain('20260102T000000Z_mixed/migrate.sql was edited after it was generated');
  });

  it('a deleted file', async () => {
    const root = await temp();
    await writeProject(root, [...MIXED, ORDERS], 'CREATE SCHEMA app;\n');
    await rm(join(root, 'migrations', '20260102T000000Z_mixed', 'contract.sql'));
    expect(await refused(root)).toContain('20260102T000000Z_mixed/contract.sql is listed in pgtide.sum but does not exist');
  });

  it('a reordered history', async () => {
    const root = await temp();
    await writeProject(root, [...MIXED, ORDERS], 'CREATE SCHEMA app;\n');
    await rename(join(root, 'migrations', '20260103T000000Z_orders'), join(root, 'migrations', '20251231T000000Z_orders'));
    const message = await refused(root);
    expect(message).toContain('20251231T000000Z_orders/expand.sql is not listed in pgtide.sum');
    expect(message).toContain('20260103T000000Z_orders/expand.sql is listed in pgtide.sum but does not exist');
  });
});
