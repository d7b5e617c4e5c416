import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/pglite.js';
import { splitStatements } from '../../src/migrations/split.js';
import { CONFIG, pgtide, requireBuild, shown, tempProject, type TempProject } from '../cli/helpers.js';

/**
 * A name is written into the comment above its statement (`-- add column public.t.<name>`). A name
 * holding a line break must not end that comment: the rest of the name would be a statement of its
 * own, rated safe, that replay passes (its tables are empty) and apply runs on the real data. The
 * steps below run in order on one project and one database.
 */

const ATTACK = 'note\nDELETE FROM public.victim;\n--';
// \r ends a `--` comment for PostgreSQL and psql just as \n does.
const ATTACK_CR = 'memo\rDELETE FROM public.victim;\r--';

function schemaModule(hostile: boolean, extra = ''): string {
  const columns = hostile ? `\n  evil: text().named(${JSON.stringify(ATTACK)}),\n  evil2: text().named(${JSON.stringify(ATTACK_CR)}),` : '';
  return `import { integer, table, text } from 'pgtide';

export const victim = table('victim', { id: integer().primaryKey() });
export const t = table('t', {
  id: integer().primaryKey(),${columns}
});
${extra}`;
}

describe('a name with a line break, through generate then apply', () => {
  let p: TempProject;
  let database = '';
  const run = (...args: string[]) => pgtide([...args, '--database', database], { cwd: p.dir });
  const migrations = () => path.join(p.dir, 'db', 'migrations');
  const pgdata = () => path.join(p.dir, 'pgdata');

  beforeAll(async () => {
    requireBuild();
    p = await tempProject({ 'schema.config.ts': CONFIG, 'schema/index.ts': schemaModule(false) });
    database = `pglite:${pgdata()}`;
  });
  afterAll(async () => {
    await p?.remove();
  });

  async function query<T>(sql: string): Promise<T[]> {
    const db = await openPglite({ dir: pgdata() });
    try {
      return (await db.query<T>(sql)).rows;
    } finally {
      await db.close();
    }
  }

  it('the first version is generated and applied, and the victim gets rows', async () => {
    const created = await pgtide(['generate', 'create tables'], { cwd: p.dir });
    expect(created.code, shown(created)).toBe(0);
    const applied = await run('apply');
    expect(applied.code, shown(applied)).toBe(0);
    await query('INSERT INTO public.victim VALUES (1), (2), (3)');
  }, 600_000);

  it('generate writes the names escaped in the comments: the files split into the two planned statements only', async () => {
    await p.write('schema/index.ts', schemaModule(true));
    const generated = await pgtide(['generate', 'add note'], { cwd: p.dir });
    expect(generated.code, shown(generated)).toBe(0);
    const folder = (await readdir(migrations())).find((f) => f.endsWith('_add_note'))!;
    const expand = await readFile(path.join(migrations(), folder, 'expand.sql'), 'utf8');
    expect(expand).toContain('-- add column public.t.U&"note\\000ADELETE FROM public.victim;\\000A--"\n');
    expect(expand).toContain('-- add column public.t.U&"memo\\000DDELETE FROM public.victim;\\000D--"\n');
    // The DELETE text is only inside the quoted column names, never a statement of its own.
    expect(splitStatements(expand).map((s) => s.text)).toEqual([
      `ALTER TABLE public.t ADD COLUMN "${ATTACK}" text`,
      `ALTER TABLE public.t ADD COLUMN "${ATTACK_CR}" text`,
    ]);
  }, 600_000);

  it('apply runs only those: the victim keeps its rows and the columns have their exact names', async () => {
    const applied = await run('apply');
    expect(applied.code, shown(applied)).toBe(0);
    expect(await query<{ n: number }>('SELECT count(*)::int AS n FROM public.victim')).toEqual([{ n: 3 }]);
    const columns = await query<{ attname: string }>(
      `SELECT attname FROM pg_attribute WHERE attrelid = 'public.t'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    );
    expect(columns.map((r) => r.attname)).toEqual(['id', ATTACK, ATTACK_CR]);
  }, 600_000);

  it('a migration name with line breaks becomes a one-line slug; one with nothing else is refused with exit 2', async () => {
    await p.write('schema/index.ts', schemaModule(true, `export const u = table('u', { id: integer() });\n`));
    const refused = await pgtide(['generate', '\n\r\u2028'], { cwd: p.dir });
    expect(refused.code, shown(refused)).toBe(2);
    expect(refused.stderr).toContain('"\\n\\r\\u{2028}" has no letters or digits');
    const named = await pgtide(['generate', 'add u\nDELETE FROM public.victim;'], { cwd: p.dir });
    expect(named.code, shown(named)).toBe(0);
    const folder = (await readdir(migrations())).find((f) => f.endsWith('_add_u_delete_from_public_victim'));
    expect(folder).toBeDefined();
    const expand = await readFile(path.join(migrations(), folder!, 'expand.sql'), 'utf8');
    expect(expand.split('\n')[0]).toMatch(/^-- \d{8}T\d{6}Z add_u_delete_from_public_victim: expand /);
    expect(splitStatements(expand).map((s) => s.text)).toEqual([expect.stringMatching(/^CREATE TABLE public\.u /)]);
  }, 600_000);
});
