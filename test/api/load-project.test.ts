import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/api/project.js';

const REPO = path.resolve(import.meta.dirname, '../..');

describe('loadProject', () => {
  let dir: string;
  beforeAll(async () => {
    // No package.json: tsx loads the config as CommonJS, as in many existing projects.
    dir = await mkdtemp(path.join(tmpdir(), 'pgtide-config-'));
    await mkdir(path.join(dir, 'node_modules'));
    await symlink(REPO, path.join(dir, 'node_modules', 'pgtide'), 'dir');
    await writeFile(
      path.join(dir, 'schema.config.ts'),
      `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./db/schema.ts'], migrations: './db/migrations', database: 'pglite:memory' });\n`,
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the default export of a config outside an ESM package', async () => {
    const project = await loadProject(undefined, dir);
    expect(project.config.schema).toEqual(['./db/schema.ts']);
    expect(project.config.database).toBe('pglite:memory');
    expect(project.migrationsDir).toBe(path.join(dir, 'db', 'migrations'));
  });
});
