import { appendFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPglite } from '../../src/db/pglite.js';
import { cli } from '../helpers/cli-in-process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { MIXED, ORDERS, useTemp, writeProject } from './helpers.js';

const temp = useTemp();

afterEach(() => vi.restoreAllMocks());

describe('apply, status, drift and rollback through the CLI (PGlite data folder)', () => {
  let config = '';
  let database = '';
  let root = '';
  beforeAll(async () => {
    // One project and database for the whole sequence, which is one story told step by step.
    root = await tempDir('pgtide-cli-');
    config = await writeProject(root, [...MIXED, ORDERS], 'CREATE SCHEMA app;\n');
    database = `pglite:${join(root, 'db')}`;
  });
  const run = (...args: string[]): ReturnType<typeof cli> => cli(...args, '--config', config, '--database', database);

  it('--dry-run prints the statements and applies nothing; bad flags exit 2', async () => {
    const dry = await run('apply', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('-- 20260102T000000Z_mixed/expand.sql\nBEGIN;\nALTER TABLE app.items ADD COLUMN code text;');
    const status = await run('status', '--format', 'json');
    expect(JSON.parse(status.out).migrations.map((m: { phases: { expand: { state: string } } }) => m.phases.expand.state)).toEqual(['pending', 'pending', 'pending']);
    expect((await run('apply', '--phase', 'later')).code).toBe(2);
    expect((await run('status', '--format', 'sql')).code).toBe(2);
  });

  it('applies phase by phase and reports it in every status format', async () => {
    const expand = await run('apply', '--phase', 'expand');
    expect(expand.code, expand.err).toBe(0);
    expect(expand.out.split('\n').filter((l) => l.startsWith('applied '))).toHaveLength(3);
    expect(expand.err).toBe('');
    const json = JSON.parse((await run('status', '--format', 'json')).out);
    expect(json.ok).toBe(true);
    expect(json.migrations[1].phases).toMatchObject({ expand: { state: 'applied', appliedBy: 'postgres' }, migrate: { state: 'pending' }, contract: { state: 'pending' } });
    const human = await run('status');
    expect(human.out).toMatch(/20260102T000000Z_mixed\n {4}expand {3}applied .* by postgres\)\n {4}migrate {2}pending/);
    const gh = await run('status', '--format', 'github');
    expect(gh.out).toBe('::notice title=pgtide::2 pending phase(s) on ' + database + ': 20260102T000000Z_mixed/migrate, 20260102T000000Z_mixed/contract\n');
    expect((await run('status', '--format', 'markdown')).out).toContain('| `20260102T000000Z_mixed` | applied');
    // A plan from a database between phases says which migration it is in the middle of.
    const plan = await run('plan', '--format', 'json');
    expect(plan.code, plan.err).toBe(0);
    expect(plan.err).toContain(`note: ${database} is in the middle of migration 20260102T000000Z_mixed: its migrate and contract phases have not run yet`);
    expect(JSON.parse(plan.out).notes).toHaveLength(1);
  });

  it('drift is clean, then reports a hand-made change as an annotation with exit 1', async () => {
    expect((await run('drift')).code).toBe(0);
    const db = await openPglite({ dir: join(root, 'db') });
    await db.exec('CREATE TABLE app.sneaky (id int)');
    await db.close();
    const gh = await run('drift', '--format', 'github');
    expect(gh.code).toBe(1);
    expect(gh.out).toContain('::error title=drift%3A added::create table app.sneaky (added in the live database, not by a migration)');
    const json = JSON.parse((await run('drift', '--format', 'json')).out);
    expect(json).toMatchObject({ ok: false, drift: [{ kind: 'added', description: 'create table app.sneaky' }] });
  });

  it('check and verify speak the CI formats', async () => {
    const check = await run('check', '--format', 'github');
    expect(check.code).toBe(1);
    expect(check.out).toContain('::error title=change without a migration::');
    const verify = await run('verify', '--format', 'markdown');
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('### pgtide verify');
    expect(verify.out).toMatch(/\| ❌ \| history \| {2}\| the migrations do not produce the desired schema/);
  });

  it('rolls back the newest migration, then refuses an edited applied file (exit 2, naming it)', async () => {
    // ORDERS has no plan.json, so its down.sql counts as data loss: refused (exit 4) until approved.
    const refusedRb = await run('rollback');
    expect(refusedRb.code, refusedRb.err).toBe(4);
    expect(refusedRb.err).toContain('Rolling back 20260103T000000Z_orders would lose data, so nothing was run');
    const dryRb = await run('rollback', '--dry-run');
    expect(dryRb.code).toBe(4);
    expect(dryRb.out).toContain('DROP TABLE app.orders;');
    const rb = await run('rollback', '--allow-hazards', 'data-loss');
    expect(rb.code, rb.err).toBe(0);
    expect(rb.out).toContain('down.sql loses data (approved with --allow-hazards):\n  - down.sql may remove anything: data-loss (high)');
    expect(rb.out).toContain('Rolled back 20260103T000000Z_orders');
    await appendFile(join(root, 'migrations', '20260101T000000Z_base', 'expand.sql'), '-- edited\n');
    const refused = await run('apply');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('20260101T000000Z_base/expand.sql was edited');
    const status = await run('status', '--format', 'github');
    expect(status.code).toBe(2);
    expect(status.out).toContain(`::error file=${relative(process.cwd(), join(root, 'migrations', '20260101T000000Z_base', 'expand.sql'))},title=history%3A edited::`);
  });
});
