import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgtide, requireBuild, shown, tempProject, type CliResult, type TempProject } from '../cli/helpers.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';

/**
 * A password given in a URL never appears in anything pgtide prints or writes: every command's
 * stdout and stderr (also with --debug stack traces, also on failure) and every file it leaves in
 * the project (migration SQL, plan.json, pgtide.sum, caches). The test server trusts local
 * connections, so a password-bearing URL connects and the commands do their whole work.
 */

const SECRET = 'S3cret-Pw_9731';

let p: TempProject;

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.name === 'node_modules') continue;
    if (entry.isDirectory()) out.push(...(await allFiles(full)));
    else out.push(full);
  }
  return out;
}

beforeAll(async () => {
  requireBuild();
  p = await tempProject({
    'package.json': '{ "type": "module" }\n',
    'schema/index.ts': `import { integer, table, text } from 'pgtide';\nexport const users = table('users', { id: integer().primaryKey(), name: text() });\n`,
  });
});
afterAll(async () => {
  await p?.remove();
});

describe.skipIf(skipWithoutServer())('passwords never leak (PostgreSQL, CLI)', () => {
  it('plan, generate, apply, status, drift, dry runs, --debug and failures print and write no password', async () => {
    await withTestDatabase(async (db) => {
      const u = new URL(db.url);
      u.password = SECRET;
      await p.write('schema.config.ts', `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./schema'], migrations: './migrations', database: '${u.toString()}' });\n`);
      const unreachable = new URL(u.toString());
      unreachable.port = '1';
      const runs: CliResult[] = [];
      const run = async (...args: string[]): Promise<CliResult> => {
        const r = await pgtide(args, { cwd: p.dir });
        runs.push(r);
        return r;
      };
      expect((await run('plan', '--format', 'json')).code).toBe(0);
      expect((await run('generate', 'users', '--debug')).code).toBe(0);
      expect((await run('apply', '--dry-run')).code).toBe(0);
      const applied = await run('apply', '--debug');
      expect(applied.code, shown(applied)).toBe(0);
      expect((await run('status', '--format', 'json')).code).toBe(0);
      expect((await run('drift', '--format', 'json')).code).toBe(0);
      const failed = await pgtide(['status', '--debug'], { cwd: p.dir, env: { DATABASE_URL: unreachable.toString() } });
      runs.push(failed);
      expect(failed.code, shown(failed)).toBe(3);
      expect(failed.stderr, 'a --debug failure prints its stack').toMatch(/\n\s+at /);
      for (const r of runs) {
        expect(r.stdout + r.stderr, shown(r)).not.toContain(SECRET);
        expect(r.stdout + r.stderr, shown(r)).not.toContain(encodeURIComponent(SECRET));
      }
      const files = (await allFiles(p.dir)).filter((f) => !f.endsWith('schema.config.ts'));
      expect(files.some((f) => f.endsWith('plan.json'))).toBe(true);
      for (const f of files) {
        const text = await readFile(f);
        expect(text.includes(SECRET), `${f} holds the password`).toBe(false);
      }
    }, 'pgtide_secret');
    // Seven CLI runs, each loading TypeScript and starting PGlite: on a busy 2-core machine over two minutes.
  }, 360_000);
});


