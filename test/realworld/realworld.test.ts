/**
 * Real projects, first hour: real migration histories and a real schema, worked through the CLI the
 * way their users would, from `init` to a change applied phase by phase under a client that keeps
 * writing. With PGTIDE_WRITE_REALWORLD=1, writes the time of every step to docs/realworld.md.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/migrations/index.js';
import { REPO, requireBuild } from '../cli/helpers.js';
import { createTestDatabase, skipWithoutServer, type TestDatabase } from '../helpers/postgres.js';
import { newApp, realworldPath, scalar, sql, Steps, type App } from './helpers.js';
import { dokploy, umami, type History } from './histories.js';
import { currentLoad, writeReport, type StepTiming } from './report.js';

const timings: StepTiming[] = [];
const remainders: string[] = [];
const startedAt = new Date();
const loadAtStart = currentLoad();
let server = 'unknown';

const APPROVE = ['--allow-hazards', 'data-loss,validation-scan'];

const statements = (script: string): string[] => splitStatements(script).map((st) => st.text);

describe('the real projects data', () => {
  it('sits beside the repository, complete', async () => {
    const prisma = (await readdir(realworldPath('umami-prisma', 'migrations'), { withFileTypes: true })).filter((e) => e.isDirectory());
    expect(prisma).toHaveLength(umami.migrations);
    const journal = JSON.parse(await readFile(realworldPath('dokploy-drizzle', 'drizzle', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(journal.entries).toHaveLength(dokploy.migrations);
    realworldPath('pagila', 'pagila-schema-pg15.sql');
  });
});

async function counts(url: string, h: History, when: 'before' | 'after'): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of h.counts) out[c.after.replaceAll('"', '')] = Number(await scalar(url, `SELECT count(*) FROM ${c[when]}`));
  return out;
}

async function planSteps(steps: Steps, label: string, app: App, db: TestDatabase): Promise<string[]> {
  const r = await steps.cli(label, app, ['plan', '--database', db.url, '--format', 'json']);
  return (JSON.parse(r.stdout) as { steps: { summary: string }[] }).steps.map((s) => s.summary);
}

async function acceptHistory(h: History): Promise<void> {
  const steps = new Steps(h.name, timings);
  const app = await newApp(h.from);
  const db = await createTestDatabase('pgtide_rw');
  try {
    await steps.cli('init', app, ['init']);
    const imported = await steps.cli(`import (${h.migrations} migrations, replayed in PGlite)`, app, ['import', realworldPath(...h.dir), '--from', h.from]);
    expect(imported.stdout).toContain(`Imported ${h.migrations} ${h.from} migration(s)`);
    const applied = await steps.cli('apply to a fresh PostgreSQL 15 database', app, ['apply', '--database', db.url]);
    expect(applied.stdout).toContain(`Applied ${h.migrations} phase(s)`);
    const drift = await steps.cli('drift', app, ['drift', '--database', db.url]);
    expect(drift.stdout).toContain('No drift');
    const pulled = await steps.cli('pull', app, ['pull', '--database', db.url, '--force']);
    expect(pulled.stdout).toContain(`Pulled ${h.tables} tables`);
    expect(await planSteps(steps, 'plan after pull', app, db)).toEqual([]);
    await steps.cli(`verify (${h.migrations} migrations, up → down → up)`, app, ['verify']);
    await steps.cli('check', app, ['check']);

    await steps.time('rows written', async () => {
      await sql(db.url, h.seed);
    });
    const before = await counts(db.url, h, 'before');
    const publicTs = path.join(app.dir, 'schema', 'public.ts');
    await writeFile(publicTs, h.change(await readFile(publicTs, 'utf8')));
    const generated = await steps.cli('generate the change', app, ['generate', 'realworld_change', ...APPROVE]);
    expect(generated.stdout).toMatch(/Wrote generated\/migrations\/\d{8}T\d{6}Z_realworld_change/);
    for (const phase of ['expand', 'migrate', 'contract'] as const) {
      const r = await steps.cli(`apply --phase ${phase}`, app, ['apply', '--database', db.url, '--phase', phase]);
      expect(r.stdout).toContain('Applied 1 phase(s)');
      // The old application version keeps writing through the old names until contract.
      if (phase === 'expand') await steps.time('old client writes after expand', () => sql(db.url, h.afterExpand));
      if (phase === 'migrate') await steps.time('old client writes after migrate', () => sql(db.url, h.afterMigrate));
    }
    const driftAfter = await steps.cli('drift after the change', app, ['drift', '--database', db.url]);
    expect(driftAfter.stdout).toContain('No drift');
    expect(await planSteps(steps, 'plan after the change', app, db)).toEqual([]);

    const after = await counts(db.url, h, 'after');
    const expected = Object.fromEntries(Object.entries(before).map(([t, n]) => [t, n + (h.inserted[t] ?? 0)]));
    expect(after, 'no row lost').toEqual(expected);
    for (const [query, value] of h.checks) expect(await scalar(db.url, query), query).toEqual(value);
  } finally {
    await db.drop();
    await app.remove();
  }
}

describe.skipIf(skipWithoutServer())('real projects on PostgreSQL', () => {
  beforeAll(async () => {
    requireBuild();
    server = String(await scalar(process.env.PGTIDE_TEST_DATABASE_URL!, 'SELECT version()')).split(' on ')[0]!;
  });
  afterAll(async () => {
    await writeReport(REPO, { startedAt, loadAverage: loadAtStart, loadAverageEnd: currentLoad(), server, steps: timings, remainders });
  });

  it('umami: a Prisma history, imported, applied, pulled, changed online', async () => {
    await acceptHistory(umami);
  }, 600_000);

  it('Dokploy: a drizzle-kit history of 186 migrations, imported, applied, pulled, changed online', async () => {
    await acceptHistory(dokploy);
  }, 900_000);

  it('Pagila: init --from-database, then the pull round trip', async () => {
    const steps = new Steps('Pagila (PostgreSQL 15 schema)', timings);
    const db = await createTestDatabase('pgtide_rw_pagila');
    const apps: App[] = [];
    const app = async (): Promise<App> => {
      const a = await newApp('pagila');
      apps.push(a);
      return a;
    };
    try {
      await steps.time('load pagila-schema-pg15.sql', async () => {
        await sql(db.url, [await readFile(realworldPath('pagila', 'pagila-schema-pg15.sql'), 'utf8')]);
      });

      // The whole schema, the partitioned table public.payment and its partitions included (pulled as SQL).
      const rest = await app();
      const init = await steps.cli('init --from-database', rest, ['init', '--from-database', db.url]);
      expect(init.stdout).toContain('Pulled 22 tables');
      const config = path.join(rest.dir, 'schema.config.ts');
      expect(await readFile(config, 'utf8')).toContain("schema: ['./schema/index.ts']");
      expect(await readFile(path.join(rest.dir, 'schema', 'objects.ts'), 'utf8')).toContain('PARTITION OF public.payment');

      // Every object is pulled, the aggregate public.group_concat(text) that three views call included.
      expect(await readFile(path.join(rest.dir, 'schema', 'objects.ts'), 'utf8')).toContain('CREATE AGGREGATE public.group_concat(text)');
      expect(init.stderr).not.toContain('not managed by pgtide');
      expect(await planSteps(steps, 'plan after init', rest, db)).toEqual([]);

      // diff from an empty database to Pagila and back, each script applied: the second diff is empty.
      const empty = await createTestDatabase('pgtide_rw_pagila_empty');
      const bare = await createTestDatabase('pgtide_rw_pagila_bare');
      try {
        const up = await steps.cli('diff empty → Pagila', rest, ['diff', empty.url, db.url, '--allow-hazards']);
        expect(up.stderr).not.toContain('not managed by pgtide');
        expect(up.stdout).toContain('CREATE AGGREGATE public.group_concat(text)');
        // One statement at a time, as psql runs a script.
        await steps.time('apply diff empty → Pagila', () => sql(empty.url, statements(up.stdout)));
        const again = await steps.cli('diff Pagila → Pagila after it', rest, ['diff', empty.url, db.url]);
        expect(again.stdout.trim()).toBe('');
        const down = await steps.cli('diff Pagila → empty', rest, ['diff', empty.url, bare.url, '--allow-hazards']);
        expect(down.stdout).toContain('DROP AGGREGATE public.group_concat(text)');
        await steps.time('apply diff Pagila → empty', () => sql(empty.url, statements(down.stdout)));
        const gone = await steps.cli('diff empty → empty after it', rest, ['diff', empty.url, bare.url]);
        expect(gone.stdout.trim()).toBe('');
      } finally {
        await empty.drop();
        await bare.drop();
      }
    } finally {
      await db.drop();
      for (const a of apps) await a.remove();
    }
  }, 600_000);
});
