import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApplyEvent } from '../../src/apply/index.js';
import { connectPostgres } from '../../src/db/postgres.js';
import { isPgtideError } from '../../src/errors.js';
import { createTestDatabase, skipWithoutServer } from '../helpers/postgres.js';
import { apply, appliedPhases, MIXED, rows, timeouts, useTemp, writeHistory } from './helpers.js';

const temp = useTemp();
const cli = join(import.meta.dirname, 'fixtures', 'cli.ts');
// Resolved here, because the child runs in the project folder, outside this package.
const tsx = import.meta.resolve('tsx');

function runCli(args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, cli, ...args], { cwd, env: { ...process.env, DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function project(): Promise<string> {
  const root = await temp();
  await writeHistory(join(root, 'migrations'), MIXED);
  await mkdir(join(root, 'schema'));
  await writeFile(join(root, 'schema', 'app.sql'), 'CREATE SCHEMA app;\n');
  await writeFile(join(root, 'schema.config.ts'), "export default { schema: './schema', migrations: './migrations', lockWaitTimeout: '2min' };\n");
  return root;
}

describe.skipIf(skipWithoutServer())('the migration lock on PostgreSQL', () => {
  it('8 concurrent "pgtide apply" processes apply each migration exactly once and all exit 0', async () => {
    const root = await project();
    const db = await createTestDatabase('pgtide_apply');
    try {
      const results = await Promise.all(Array.from({ length: 8 }, () => runCli(['apply', '--database', db.url], root)));
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      // Each phase is reported as applied by exactly one of the processes.
      const applied = results.flatMap((r) => r.stdout.split('\n').filter((l) => l.startsWith('applied ')));
      expect(applied).toHaveLength(4);
      const conn = await connectPostgres(db.url);
      try {
        expect(await rows(conn, 'SELECT msg FROM app.log ORDER BY msg')).toEqual(['base', 'contract', 'expand-1', 'expand-2'].map((msg) => ({ msg })));
        expect(await appliedPhases(conn)).toHaveLength(4);
      } finally {
        await conn.close();
      }
    } finally {
      await db.drop();
    }
  });

  it('waits for a held lock with a message, and gives up after the configured time (exit 3)', async () => {
    const dir = join(await temp(), 'migrations');
    const folders = await writeHistory(dir, MIXED);
    const db = await createTestDatabase('pgtide_apply');
    const [holder, a] = await Promise.all([connectPostgres(db.url), connectPostgres(db.url)]);
    try {
      await holder.query('SELECT pg_advisory_lock($1, $2)', [0x70677464, 1]);
      const waited: (number | null)[] = [];
      const err = await apply(a, dir, folders, { lockWaitMs: 300, onLockWait: (pid) => waited.push(pid) }).catch((e: unknown) => e);
      expect(isPgtideError(err) && err.exitCode).toBe(3);
      expect(String((err as Error).message)).toContain('held the migration lock');
      expect(waited).toHaveLength(1);
      expect(waited[0]).toBeTypeOf('number');
      setTimeout(() => void holder.query('SELECT pg_advisory_unlock($1, $2)', [0x70677464, 1]), 400);
      const done = await apply(a, dir, folders, { lockWaitMs: 30_000 });
      expect(done.applied).toHaveLength(4);
    } finally {
      await Promise.all([holder.close(), a.close()]);
      await db.drop();
    }
  });

  it('retries a step that hits lock_timeout with backoff, and fails with exit 3 when the lock never comes', async () => {
    const dir = join(await temp(), 'migrations');
    const folders = await writeHistory(dir, MIXED);
    const db = await createTestDatabase('pgtide_apply');
    const [app, a] = await Promise.all([connectPostgres(db.url), connectPostgres(db.url)]);
    try {
      await apply(a, dir, folders, { phase: 'expand', to: '20260101T000000Z' });
      await app.exec('BEGIN; LOCK TABLE app.items IN ACCESS EXCLUSIVE MODE');
      const tight = { ...timeouts, lockTimeoutMs: 100, lockRetries: 2, backoffMs: 20 };
      const err = await apply(a, dir, folders, { timeouts: tight }).catch((e: unknown) => e);
      expect(isPgtideError(err) && err.exitCode).toBe(3);
      expect(String((err as Error).message)).toMatch(/mixed\/expand\.sql:1 .*could not get its lock after 3 attempt/);

      const retries: ApplyEvent[] = [];
      setTimeout(() => void app.exec('COMMIT'), 500);
      const done = await apply(a, dir, folders, { timeouts: { ...tight, lockRetries: 20, backoffMs: 50 }, listen: (e) => void (e.type === 'retry' && retries.push(e)) });
      expect(done.applied).toHaveLength(3);
      expect(retries.length).toBeGreaterThan(0);
      expect(retries.map((e) => (e.type === 'retry' ? e.delayMs : 0)).slice(0, 2)).toEqual([50, 100].slice(0, Math.min(2, retries.length)));
    } finally {
      await Promise.all([app.close(), a.close()]);
      await db.drop();
    }
  });
});
