import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../src/api/check.js';
import { loadProject } from '../../src/api/project.js';
import { describeChange } from '../../src/diff/describe-change.js';
import { writeProject } from '../apply/helpers.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * A history that renamed a table leaves its NOT NULL constraints under the old table's default
 * names (PostgreSQL 18 does not rename them); a schema declared today, which states no names, must
 * still match it, or check and verify fail forever on a name the declaration cannot even spell.
 */
describe('NOT NULL names after a table rename in the history', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir('pgtide-nn-');
  });

  it('check of a project limited to schema app does not ask to create schema public', async () => {
    const dir = path.join(root, 'scoped');
    const history = [{ version: '20260101T000000Z', name: 'app', files: { expand: 'CREATE SCHEMA app;\nCREATE TABLE app.t (id integer);\n' } }];
    const config = await writeProject(dir, history, 'CREATE SCHEMA app;\nCREATE TABLE app.t (id integer);\n');
    const result = await checkProject(await loadProject(config));
    expect(result.changes.map(describeChange)).toEqual([]);
  });

  it('check finds nothing to generate', async () => {
    const history = [
      { version: '20260101T000000Z', name: 'schema', files: { expand: 'CREATE SCHEMA app;\n' } },
      { version: '20260102T000000Z', name: 'a', files: { expand: 'CREATE TABLE app.a (id integer NOT NULL, name text NOT NULL);\n' } },
      { version: '20260103T000000Z', name: 'rename', files: { expand: 'ALTER TABLE app.a RENAME TO b;\n' } },
    ];
    const config = await writeProject(path.join(root, 'renamed'), history, 'CREATE SCHEMA app;\nCREATE TABLE app.b (id integer NOT NULL, name text NOT NULL);\n');
    const result = await checkProject(await loadProject(config));
    expect(result.changes.map(describeChange)).toEqual([]);
  });
});
