import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDesired } from '../../src/api/desired.js';
import { loadProject } from '../../src/api/project.js';
import { PgtideError } from '../../src/errors.js';
import { tempDir } from '../helpers/temp-dir.js';

const REPO = path.resolve(import.meta.dirname, '../..');

const TS_SCHEMA = `import { table, integer, text, sql } from 'pgtide';
export const accounts = table('accounts', {
  id: integer().primaryKey(),
  code: text().notNull().default(sql\`public.new_code()\`),
});
`;

const TS_VIEWS = `import { view, materializedView, sqlDefinitions, sql } from 'pgtide';
export const ids = view('account_ids', sql\`SELECT id FROM public.account_codes\`).comment('ids only').columnComment('id', 'the account');
export const counts = materializedView('code_counts', sql\`SELECT count(*) AS n FROM public.accounts\`, { schema: 'stats' });
export const policy = sqlDefinitions(sql\`
  ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;
  CREATE POLICY own ON public.accounts USING (public.new_code() IS NOT NULL);
\`);
`;

const SQL_FUNCTIONS = `-- a function the TypeScript table's default calls
CREATE FUNCTION public.new_code() RETURNS text LANGUAGE sql VOLATILE RETURN md5(random()::text);
`;

const SQL_VIEWS = `CREATE VIEW public.account_codes AS SELECT id, code FROM public.accounts;
COMMENT ON COLUMN public.account_codes.code IS 'its code';
CREATE TRIGGER touch BEFORE UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION public.keep();
CREATE FUNCTION public.keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
`;

async function project(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  await symlink(REPO, path.join(dir, 'node_modules', 'pgtide'), 'dir').catch(() => undefined);
  await mkdir(path.join(dir, 'db'), { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, 'db', name), text);
  const schema = Object.keys(files).map((f) => `./db/${f}`);
  await writeFile(path.join(dir, 'schema.config.ts'),
    `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ${JSON.stringify(schema)}, database: 'pglite:memory' });\n`);
}

describe('schemas declared in TypeScript and .sql files together', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir('pgtide-mixed-');
  });

  it('ends in one model whichever side refers to the other', async () => {
    const dir = path.join(root, 'ok');
    await project(dir, { 'tables.ts': TS_SCHEMA, 'views.ts': TS_VIEWS, 'functions.sql': SQL_FUNCTIONS, 'views.sql': SQL_VIEWS });
    const model = await loadDesired(await loadProject(undefined, dir));
    expect([...model.table.keys()]).toEqual(['table:public.accounts']);
    expect(model.table.get('table:public.accounts')!.columns[1]!.default).toEqual({ kind: 'sql', text: 'public.new_code()' });
    // A TS view over a .sql view over a TS table, and a TS policy calling a .sql function.
    expect([...model.view.keys()]).toEqual(['view:public.account_codes', 'view:public.account_ids', 'view:stats.code_counts']);
    expect(model.view.get('view:public.account_ids')!.comment).toBe('ids only');
    expect(model.view.get('view:public.account_ids')!.columnComments).toEqual([{ column: 'id', comment: 'the account' }]);
    expect(model.view.get('view:public.account_codes')!.columnComments).toEqual([{ column: 'code', comment: 'its code' }]);
    expect([...model.policy.keys()]).toEqual(['policy:public.accounts.own']);
    expect(model.table.get('table:public.accounts')!.rowSecurity).toBe(true);
    expect([...model.function.keys()]).toEqual(['function:public.keep()', 'function:public.new_code()']);
    expect([...model.trigger.keys()]).toEqual(['trigger:public.accounts.touch']);
  });

  it('reports a statement that cannot run in any order with its file and line', async () => {
    const dir = path.join(root, 'bad');
    await project(dir, { 'tables.ts': TS_SCHEMA, 'functions.sql': SQL_FUNCTIONS, 'views.sql': `\n\nCREATE VIEW public.broken AS SELECT nope FROM public.accounts;\n` });
    const err = await loadDesired(await loadProject(undefined, dir)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PgtideError);
    expect((err as PgtideError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(/views\.sql:3: .*column "nope" does not exist/);
  });
});
