/**
 * A project with a 100-migration history for the `pgtide plan` benchmark. The history is made by
 * pgtide itself, as a team would make it: the first migration creates a generated 100-table schema,
 * and each later one is a small change (a new table, a new column, a new partial index). Each
 * migration is planned from the introspected states before and after the change and written with
 * the real folder writer, so replaying it is exactly the work `plan --from migrations` does.
 * The schema the project declares (.sql) is the end of that history plus one more column, so the
 * plan has something to show.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openPglite } from '../../src/db/pglite.js';
import { diff } from '../../src/diff/index.js';
import { introspect } from '../../src/introspect/index.js';
import { hashModel, type Model } from '../../src/model/index.js';
import { newVersion, readMigrations, writeMigration, writeSum } from '../../src/migrations/index.js';
import { renderMigrationFiles } from '../../src/migrations/render-files.js';
import { planChanges } from '../../src/plan/index.js';
import { generateSpec, specSql } from './generate.js';

export interface HistoryProject {
  readonly dir: string;
  readonly configPath: string;
  readonly migrations: number;
}

/** Writes the project into `dir` (which must not exist yet). */
export async function buildHistoryProject(dir: string, migrations = 100, tables = 100): Promise<HistoryProject> {
  const migrationsDir = path.join(dir, 'migrations');
  await mkdir(path.join(dir, 'schema'), { recursive: true });
  await mkdir(migrationsDir, { recursive: true });
  const base = specSql(generateSpec(tables));
  const steps = [base];
  for (let k = 1; k < migrations; k++) steps.push(historyStep(k));

  const truth = await openPglite({ memory: true });
  try {
    let before: Model = await introspect(truth);
    const versions: string[] = [];
    const start = Date.UTC(2026, 0, 1);
    for (const [k, sql] of steps.entries()) {
      await truth.exec(sql);
      const after = await introspect(truth);
      const plan = planChanges(diff(before, after), { from: before, to: after });
      const version = newVersion(new Date(start + k * 3_600_000), versions);
      versions.push(version);
      const name = k === 0 ? 'initial_schema' : `change_${k}`;
      const rendered = renderMigrationFiles(plan, { version, name, fromHash: hashModel(before), toHash: hashModel(after) });
      await writeMigration(migrationsDir, { version, name, files: rendered.files, plan: rendered.plan });
      before = after;
    }
  } finally {
    await truth.close();
  }
  await writeSum(migrationsDir, await readMigrations(migrationsDir));
  const desired = [...steps, 'ALTER TABLE public.h1 ADD COLUMN planned_note text;'].join('\n');
  await writeFile(path.join(dir, 'schema', 'schema.sql'), desired);
  const configPath = path.join(dir, 'schema.config.ts');
  // A plain object: the project lives outside this repository, where 'pgtide' does not resolve.
  await writeFile(configPath, `export default { schema: ['./schema'], migrations: './migrations', database: 'pglite:.pgtide/dev' };\n`);
  return { dir, configPath, migrations };
}

/** The k-th small change (k ≥ 1): every third migration adds a table, the next two change it. */
export function historyStep(k: number): string {
  const table = k - ((k - 1) % 3);
  switch (k % 3) {
    case 1:
      return `CREATE TABLE public.h${k} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, created_at timestamp with time zone NOT NULL DEFAULT now());
CREATE INDEX h${k}_created_idx ON public.h${k} (created_at);`;
    case 2:
      return `ALTER TABLE public.h${table} ADD COLUMN extra_${k} text;`;
    default:
      return `CREATE INDEX h${table}_name_${k}_idx ON public.h${table} (lower(name)) WHERE created_at > '2020-01-01 00:00:00+00'::timestamp with time zone;`;
  }
}
