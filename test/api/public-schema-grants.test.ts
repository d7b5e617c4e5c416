import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../src/api/check.js';
import { loadProject } from '../../src/api/project.js';
import { writeHistory } from '../apply/helpers.js';
import { tempDir } from '../helpers/temp-dir.js';

const TABLE = 'CREATE TABLE public.t (id integer);\n';
const GRANT = 'GRANT CREATE ON SCHEMA public TO PUBLIC;\n';

/** A project over schema public: its history, and its schema declared in a .sql file. */
async function project(dir: string, history: string, schema: string): Promise<string> {
  await writeHistory(path.join(dir, 'migrations'), [{ version: '20260101T000000Z', name: 'start', files: { expand: history } }]);
  await mkdir(path.join(dir, 'schema'), { recursive: true });
  await writeFile(path.join(dir, 'schema', 'objects.sql'), schema);
  const config = path.join(dir, 'schema.config.ts');
  await writeFile(config, "export default { schema: './schema', migrations: './migrations', schemas: ['public'] };\n");
  return config;
}

describe('a declared grant on schema public', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir('pgtide-public-grant-');
  });

  it('is a change against a history without it, and its absence one against a history with it', async () => {
    const grant = await checkProject(await loadProject(await project(path.join(root, 'grant'), TABLE, TABLE + GRANT)));
    expect(grant.changes.map((c) => [c.kind, c.id])).toEqual([['privilege.alter', 'privilege:schema:public:public']]);
    const revoke = await checkProject(await loadProject(await project(path.join(root, 'revoke'), TABLE + GRANT, TABLE)));
    expect(revoke.changes.map((c) => [c.kind, c.id])).toEqual([['privilege.alter', 'privilege:schema:public:public']]);
  });

  it('is no change against a history that made it, nor is the default against a new database', async () => {
    const same = await checkProject(await loadProject(await project(path.join(root, 'same'), TABLE + GRANT, TABLE + GRANT)));
    expect(same.changes).toEqual([]);
    const plain = await checkProject(await loadProject(await project(path.join(root, 'plain'), TABLE, TABLE)));
    expect(plain.changes).toEqual([]);
  });
});
