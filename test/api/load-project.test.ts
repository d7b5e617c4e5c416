import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDesired } from '../../src/api/desired.js';
import { loadProject } from '../../src/api/project.js';
import { tempDir } from '../helpers/temp-dir.js';

const REPO = path.resolve(import.meta.dirname, '../..');

describe('loadProject', () => {
  let dir: string;
  beforeAll(async () => {
    // No package.json: tsx loads the config as CommonJS, as in many existing projects.
    dir = await tempDir('pgtide-config-');
    await mkdir(path.join(dir, 'node_modules'));
    await symlink(REPO, path.join(dir, 'node_modules', 'pgtide'), 'dir');
    await writeFile(
      path.join(dir, 'schema.config.ts'),
      `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./db/schema.ts'], migrations: './db/migrations', database: 'pglite:memory' });\n`,
    );
  });

  it('reads the default export of a config outside an ESM package', async () => {
    const project = await loadProject(undefined, dir);
    expect(project.config.schema).toEqual(['./db/schema.ts']);
    expect(project.config.database).toBe('pglite:memory');
    expect(project.migrationsDir).toBe(path.join(dir, 'db', 'migrations'));
  });
});

describe('loadDesired on a schema folder whose index.ts re-exports the other modules', () => {
  let dir: string;
  const users = (extra: string) =>
    `import { integer, table, text } from 'pgtide';\nexport const users = table('users', { id: integer().primaryKey(), email: text()${extra} });\n`;
  beforeAll(async () => {
    dir = await tempDir('pgtide-folder-');
    await mkdir(path.join(dir, 'node_modules'));
    await mkdir(path.join(dir, 'schema'));
    await symlink(REPO, path.join(dir, 'node_modules', 'pgtide'), 'dir');
    await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    await writeFile(path.join(dir, 'schema.config.ts'), `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: './schema' });\n`);
    await writeFile(path.join(dir, 'schema', 'users.ts'), users(''));
    await writeFile(
      path.join(dir, 'schema', 'posts.ts'),
      `import { integer, table } from 'pgtide';\nimport { users } from './users.ts';\n`
        + `export const posts = table('posts', { id: integer().primaryKey(), author: integer().references(() => users.id) });\n`,
    );
    await writeFile(path.join(dir, 'schema', 'index.ts'), `export * from './users.ts';\nexport * from './posts.ts';\n`);
  });

  it('takes each declaration once, and reads an edited module afresh on the next load', async () => {
    const project = await loadProject(undefined, dir);
    const model = await loadDesired(project);
    expect([...model.table.keys()].sort()).toEqual(['table:public.posts', 'table:public.users']);
    await writeFile(path.join(dir, 'schema', 'users.ts'), users('.notNull()'));
    const again = await loadDesired(project);
    expect(again.table.get('table:public.users')!.columns.find((c) => c.name === 'email')!.notNull).toBe(true);
  });
});

describe('loadDesired in a CommonJS package (the package.json `npm init` writes)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('pgtide-cjs-');
    await mkdir(path.join(dir, 'node_modules'));
    await mkdir(path.join(dir, 'schema'));
    await symlink(REPO, path.join(dir, 'node_modules', 'pgtide'), 'dir');
    await writeFile(path.join(dir, 'package.json'), '{ "name": "app", "version": "1.0.0", "type": "commonjs" }\n');
    await writeFile(path.join(dir, 'schema.config.ts'), `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./schema/index.ts'] });\n`);
    await writeFile(path.join(dir, 'schema', 'common.ts'), `import { extension } from 'pgtide';\nexport const pgcrypto = extension('pgcrypto');\n`);
    await writeFile(
      path.join(dir, 'schema', 'public.ts'),
      `import { integer, table, text } from 'pgtide';\nexport const users = table('users', { id: integer().primaryKey(), email: text() });\n`,
    );
    // The index.ts that `pull` writes.
    await writeFile(path.join(dir, 'schema', 'index.ts'), `export * from './common.js';\nexport * from './public.js';\n`);
  });

  it('sees what index.ts re-exports', async () => {
    const project = await loadProject(undefined, dir);
    const model = await loadDesired(project);
    expect([...model.table.keys()]).toEqual(['table:public.users']);
    expect([...model.extension.keys()]).toEqual(['extension:pgcrypto']);
  });
});
