import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Project } from '../../src/api/project.js';
import type { Tool } from '../../src/adopt/index.js';
import type { Queryable } from '../../src/db/queryable.js';
import { splitStatements } from '../conformance/lib/sql-split.js';
import { tempDir } from '../helpers/temp-dir.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Where each fixture keeps its migrations, as each tool's docs lay them out. */
export const FIXTURE_DIRS: Readonly<Record<Tool, string>> = {
  prisma: path.join(FIXTURES, 'prisma', 'migrations'),
  drizzle: path.join(FIXTURES, 'drizzle'),
  flyway: path.join(FIXTURES, 'flyway', 'sql'),
  goose: path.join(FIXTURES, 'goose'),
  dbmate: path.join(FIXTURES, 'dbmate', 'db', 'migrations'),
  diesel: path.join(FIXTURES, 'diesel', 'migrations'),
};

/** A project in a fresh temporary folder, without a config file (the API takes the object). */
export async function tempProject(): Promise<Project> {
  const root = await tempDir('pgtide-adopt-');
  return { configPath: path.join(root, 'schema.config.ts'), root, config: { schema: 'schema' }, migrationsDir: path.join(root, 'generated', 'migrations') };
}

async function run(db: Queryable, sql: string): Promise<void> {
  for (const statement of splitStatements(sql)) await db.exec(statement);
}

const sorted = async (dir: string) => (await readdir(dir)).sort();

function between(text: string, start: RegExp, end: RegExp): string {
  const from = text.search(start);
  const rest = text.slice(from).replace(start, '');
  const to = rest.search(end);
  return to === -1 ? rest : rest.slice(0, to);
}

/**
 * Runs a fixture's up migrations the way the tool itself would, written independently of
 * src/adopt so that the import is compared with the tool's behaviour, not with itself.
 */
export const ORIGINAL: Readonly<Record<Tool, (db: Queryable, dir: string) => Promise<void>>> = {
  prisma: async (db, dir) => {
    for (const d of await sorted(dir)) if (existsSync(path.join(dir, d, 'migration.sql'))) await run(db, await readFile(path.join(dir, d, 'migration.sql'), 'utf8'));
  },
  drizzle: async (db, dir) => {
    const journal = JSON.parse(await readFile(path.join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    for (const e of journal.entries) await run(db, await readFile(path.join(dir, `${e.tag}.sql`), 'utf8'));
  },
  flyway: async (db, dir) => {
    const key = (f: string) => f.slice(1, f.indexOf('__')).split(/[._]/).map((n) => n.padStart(6, '0')).join('.');
    const files = (await sorted(dir)).filter((f) => f.startsWith('V')).sort((a, b) => (key(a) < key(b) ? -1 : 1));
    for (const f of files) await run(db, await readFile(path.join(dir, f), 'utf8'));
  },
  goose: async (db, dir) => {
    for (const f of await sorted(dir)) await run(db, between(await readFile(path.join(dir, f), 'utf8'), /-- \+goose Up/, /-- \+goose Down/));
  },
  dbmate: async (db, dir) => {
    for (const f of await sorted(dir)) await run(db, between(await readFile(path.join(dir, f), 'utf8'), /-- migrate:up.*/, /-- migrate:down/));
  },
  diesel: async (db, dir) => {
    for (const d of await sorted(dir)) await run(db, await readFile(path.join(dir, d, 'up.sql'), 'utf8'));
  },
};
