import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG, pgtide, requireBuild, shown, tempProject, usersSchema, type TempProject } from './helpers.js';

/** The everyday loop on one project, in order: plan, generate, check, verify, edit, hazards. */
describe('pgtide workflow on a fresh project', () => {
  let p: TempProject;
  const run = (...args: string[]) => pgtide(args, { cwd: p.dir });
  const migrations = () => path.join(p.dir, 'db', 'migrations');
  const folders = async () => (await readdir(migrations())).filter((f) => f !== 'pgtide.sum').sort();

  beforeAll(async () => {
    requireBuild();
    p = await tempProject({ 'schema.config.ts': CONFIG, 'schema/index.ts': usersSchema() });
  });
  afterAll(async () => {
    await p?.remove();
  });

  it('plan prints the steps for humans, as JSON and as markdown', async () => {
    const human = await run('plan');
    expect(human.code, shown(human)).toBe(0);
    expect(human.stdout).toContain('expand');
    expect(human.stdout).toContain('create table public.users');
    expect(human.stdout).toContain('CREATE TABLE public.users');

    const json = await run('plan', '--format', 'json');
    expect(json.code, shown(json)).toBe(0);
    const parsed = JSON.parse(json.stdout) as { steps: { phase: string; summary: string; sql: string }[] };
    expect(parsed.steps.map((s) => s.summary)).toContain('create table public.users');
    expect(parsed.steps.every((s) => ['expand', 'migrate', 'contract'].includes(s.phase))).toBe(true);

    const md = await run('plan', '--format', 'markdown');
    expect(md.code, shown(md)).toBe(0);
    expect(md.stdout).toMatch(/^### /m);
    expect(md.stdout).toContain('| create table public.users |');
  });

  it('generate writes a migration folder and pgtide.sum, then reports no changes', async () => {
    const first = await run('generate', 'create users');
    expect(first.code, shown(first)).toBe(0);
    const written = await folders();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\d{8}T\d{6}Z_create_users$/);
    const files = await readdir(path.join(migrations(), written[0]!));
    expect(files).toEqual(expect.arrayContaining(['expand.sql', 'plan.json']));
    const expand = await readFile(path.join(migrations(), written[0]!, 'expand.sql'), 'utf8');
    expect(expand).toContain('CREATE TABLE public.users');
    const sum = await readFile(path.join(migrations(), 'pgtide.sum'), 'utf8');
    expect(sum).toContain(`${written[0]}/expand.sql`);

    const again = await run('generate');
    expect(again.code, shown(again)).toBe(0);
    expect(again.stdout).toContain('No changes');
    expect(await folders()).toHaveLength(1);
  });

  it('check and verify pass on the generated history', async () => {
    const check = await run('check');
    expect(check.code, shown(check)).toBe(0);
    const verify = await run('verify');
    expect(verify.code, shown(verify)).toBe(0);
    expect(verify.stdout).toContain('Verified 1 migration(s)');
  });

  it('check exits 1 once the schema changes, and names the change', async () => {
    await p.write('schema/index.ts', usersSchema('\n  bio: text(),'));
    const check = await run('check');
    expect(check.code, shown(check)).toBe(1);
    expect(check.stdout).toContain('bio');
    const generated = await run('generate', 'add bio');
    expect(generated.code, shown(generated)).toBe(0);
    expect(await folders()).toHaveLength(2);
    expect((await run('check')).code).toBe(0);
  });

  it('generate is blocked by the hazard gate (exit 4) until the drop is approved', async () => {
    await p.write('schema/index.ts', usersSchema());
    const blocked = await run('generate', 'drop bio');
    expect(blocked.code, shown(blocked)).toBe(4);
    expect(blocked.stderr).toContain('data-loss');
    expect(blocked.stderr).toContain('--allow-hazards');
    expect(blocked.stderr).toContain('bio');
    expect(await folders()).toHaveLength(2);

    const approved = await run('generate', 'drop bio', '--allow-hazards');
    expect(approved.code, shown(approved)).toBe(0);
    const all = await folders();
    expect(all).toHaveLength(3);
    const contract = await readFile(path.join(migrations(), all[2]!, 'contract.sql'), 'utf8');
    expect(contract).toMatch(/DROP COLUMN bio/);
  });

  it('verify exits 2 naming pgtide.sum when an applied file was edited', async () => {
    expect((await run('verify')).code).toBe(0);
    const [first] = await folders();
    const file = path.join(migrations(), first!, 'expand.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}\nCREATE INDEX sneaky_idx ON public.users (name);\n`);
    const verify = await run('verify');
    expect(verify.code, shown(verify)).toBe(2);
    expect(verify.stderr).toContain('pgtide.sum');
    expect(verify.stderr).toContain(first!);
    expect(verify.stderr).not.toMatch(/\n\s+at /);
  });
});
