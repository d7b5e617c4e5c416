import pg from 'pg';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/pglite.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';
import { allOutput, pgtide, requireBuild, shown, tempProject, type TempProject } from './helpers.js';

const BASE_SQL = `CREATE TYPE public.mood AS ENUM ('sad', 'happy');
CREATE TABLE public.users (id integer PRIMARY KEY, email text NOT NULL, mood public.mood);
CREATE INDEX users_email_idx ON public.users (email);
`;

/** The same schema as BASE_SQL, written with the DSL. */
const BASE_TS = `import { enumType, index, integer, table, text } from 'pgtide';

export const mood = enumType('mood', ['sad', 'happy']);
export const users = table('users', { id: integer().primaryKey(), email: text().notNull(), mood: mood() }, (t) => [
  index('users_email_idx').on(t.email),
]);
`;

describe('pgtide diff between every kind of source', () => {
  let p: TempProject;
  const run = (...args: string[]) => pgtide(args, { cwd: p.dir });

  beforeAll(async () => {
    requireBuild();
    p = await tempProject({
      'base.sql': BASE_SQL,
      // A folder of .sql files runs in name order: the second file builds on the first.
      'later/01_base.sql': BASE_SQL,
      'later/02_more.sql': `ALTER TABLE public.users ADD COLUMN bio text;\nALTER TABLE public.users DROP COLUMN mood;\n`,
      'schema.ts': BASE_TS,
      'middle.sql': BASE_SQL.replace('email text NOT NULL,', 'handle text, email text NOT NULL,'),
      'db/migrations/20260101T000000Z_base/expand.sql': BASE_SQL,
    });
    const db = await openPglite({ dir: path.join(p.dir, 'pgdata') });
    try {
      await db.exec(BASE_SQL);
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await p?.remove();
  });

  it('.sql file → .sql folder: the safe part of the script, the drop left out and named on stderr, exit 4', async () => {
    const r = await run('diff', 'base.sql', 'later');
    // A script that stops short of the target must not look complete to the pipeline running it.
    expect(r.code, shown(r)).toBe(4);
    expect(r.stdout).toContain('ALTER TABLE public.users ADD COLUMN bio text');
    expect(r.stdout).not.toContain('DROP COLUMN');
    expect(r.stderr).toMatch(/left out/);
    // Each hazard once, then the steps it holds back.
    expect(r.stderr).toContain('--   - data-loss (high): column public.users.mood and its values are dropped\n--       holds back: drop column public.users.mood [contract]\n');
    expect(r.stderr).toContain('--allow-hazards data-loss');
    // Every stderr line is an SQL comment, so `2>&1` into a script file adds nothing that runs.
    for (const line of r.stderr.trim().split('\n')) expect(line).toMatch(/^--/);
    // The gate outranks --exit-code: an incomplete script is not merely "a difference".
    expect((await run('diff', 'base.sql', 'later', '--exit-code')).code).toBe(4);
    // Approving another kind does not approve the drop.
    const other = await run('diff', 'base.sql', 'later', '--allow-hazards', 'rewrite');
    expect(other.code, shown(other)).toBe(4);
    expect(other.stderr).toContain('--allow-hazards data-loss');
    const approved = await run('diff', 'base.sql', 'later', '--allow-hazards', 'data-loss');
    expect(approved.code, shown(approved)).toBe(0);
    expect(approved.stdout).toContain('DROP COLUMN mood');
  });

  it('a diff with nothing hazardous exits 0 without --allow-hazards', async () => {
    const r = await run('diff', 'base.sql', 'middle.sql');
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('ADD COLUMN handle text');
    expect(r.stderr).toBe('');
  });

  it('--column-order exact rebuilds a table to put a new column mid-table, keeping its rows; append adds it last', async () => {
    const exact = await run('diff', 'base.sql', 'middle.sql', '--column-order', 'exact', '--allow-hazards');
    expect(exact.code, shown(exact)).toBe(0);
    expect(exact.stdout).toContain('CREATE TABLE public.users__pgtide_rows AS TABLE public.users;');
    expect(exact.stdout).toContain('INSERT INTO public.users (id, email, mood) OVERRIDING SYSTEM VALUE SELECT id, email, mood FROM public.users__pgtide_rows;');
    const append = await run('diff', 'base.sql', 'middle.sql', '--allow-hazards');
    expect(append.stdout.trim()).toBe('-- phase: expand\nALTER TABLE public.users ADD COLUMN handle text;');
    const bad = await run('diff', 'base.sql', 'middle.sql', '--column-order', 'strict');
    expect(bad.code, shown(bad)).toBe(2);
    expect(bad.stderr).toContain('--column-order must be "append" or "exact"');
  });

  it('--allow-hazards includes the drop; --exit-code exits 1 on a difference', async () => {
    const r = await run('diff', 'base.sql', 'later', '--allow-hazards', '--exit-code');
    expect(r.code, shown(r)).toBe(1);
    expect(r.stdout).toContain('ADD COLUMN bio text');
    expect(r.stdout).toMatch(/ALTER TABLE public\.users DROP COLUMN mood/);
    expect(r.stderr).toBe('');
  });

  it('.ts module, migrations:<dir> and pglite:<dir> all equal the .sql file (--exit-code 0)', async () => {
    for (const source of ['schema.ts', 'migrations:db/migrations', `pglite:${path.join(p.dir, 'pgdata')}`]) {
      const r = await run('diff', source, 'base.sql', '--exit-code');
      expect(r.code, `${source}\n${shown(r)}`).toBe(0);
      expect(r.stdout.trim(), source).toBe('');
    }
  });

  it('--format json describes the steps; --format human names both sources', async () => {
    const json = await run('diff', 'schema.ts', 'later', '--format', 'json', '--allow-hazards');
    expect(json.code, shown(json)).toBe(0);
    const parsed = JSON.parse(json.stdout) as { steps: { summary: string; hazards: { kind: string }[] }[] };
    expect(parsed.steps.length).toBeGreaterThan(0);
    expect(parsed.steps.some((s) => s.hazards.some((h) => h.kind === 'data-loss'))).toBe(true);
    // Unapproved, the description still shows every step, and the gate still exits 4 naming the drop.
    const human = await run('diff', 'schema.ts', 'later', '--format', 'human');
    expect(human.code, shown(human)).toBe(4);
    expect(human.stdout).toContain('schema.ts');
    expect(human.stderr).toContain('holds back: drop column public.users.mood [contract]');
  });

  it.skipIf(skipWithoutServer())('a postgres URL (with a password, never printed) equals the .sql file', async () => {
    await withTestDatabase(async (tdb) => {
      const client = new pg.Client({ connectionString: tdb.url });
      await client.connect();
      try {
        await client.query(BASE_SQL);
      } finally {
        await client.end();
      }
      // The test server trusts local connections, so any password works and must stay hidden.
      const url = new URL(tdb.url);
      url.username = 'postgres';
      url.password = 'Sup3rSecretPw';
      const same = await run('diff', url.toString(), 'base.sql', '--exit-code', '--format', 'human');
      expect(same.code, shown(same)).toBe(0);
      const other = await run('diff', url.toString(), 'later', '--allow-hazards');
      expect(other.code, shown(other)).toBe(0);
      expect(other.stdout).toContain('ADD COLUMN bio text');
      const joined = allOutput.join('\n');
      expect(joined).not.toContain('Sup3rSecretPw');
    }, 'pgtide_cli');
  });
});
