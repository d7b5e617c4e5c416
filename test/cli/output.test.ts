import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeProject, type Files } from '../apply/helpers.js';
import { cli } from '../helpers/cli-in-process.js';
import { tempDir } from '../helpers/temp-dir.js';

afterEach(() => vi.restoreAllMocks());

/** A history as an import leaves it: some migrations with down.sql, some without. */
const HISTORY: { version: string; name: string; files: Files }[] = [
  { version: '20260101T000000Z', name: 'base', files: { expand: 'CREATE SCHEMA app;\nCREATE TABLE app.a (id int);\n', down: 'DROP SCHEMA app CASCADE;\n' } },
  { version: '20260102T000000Z', name: 'imported', files: { expand: 'CREATE TABLE app.b (id int);\n' } },
  { version: '20260103T000000Z', name: 'split', files: { expand: 'ALTER TABLE app.b ADD COLUMN x int;\n', contract: 'ALTER TABLE app.a ADD COLUMN y int;\n' } },
  { version: '20260104T000000Z', name: 'later', files: { expand: 'CREATE TABLE app.d (id int);\n', down: 'DROP TABLE app.d;\n' } },
];
const SCHEMA = 'CREATE SCHEMA app;\nCREATE TABLE app.a (id int, y int);\nCREATE TABLE app.b (id int, x int);\nCREATE TABLE app.d (id int);\n';

describe('status and verify say what they found, briefly', () => {
  let config = '';
  let database = '';
  beforeAll(async () => {
    const root = await tempDir('pgtide-output-');
    config = await writeProject(root, HISTORY, SCHEMA);
    database = `pglite:${join(root, 'db')}`;
  });
  const run = (...args: string[]): ReturnType<typeof cli> => cli(...args, '--config', config);

  it('verify names what it checked of each migration: a migration without down.sql is not reversible', async () => {
    for (const pass of ['first', 'from the cache of the first']) {
      const r = await run('verify');
      expect(r.code, `${pass}: ${r.err}`).toBe(0);
      expect(r.out).not.toMatch(/down\.sql undoes it/);
      expect(r.out).toContain('Verified 4 migration(s): each replays and the history ends at the schema; down.sql undoes expand and migrate in 2; 2 have no down.sql and are not reversible.');
      expect(r.out).toMatch(/\n {2}20260101T000000Z_base {6}replays; down\.sql undoes expand and migrate/);
      expect(r.out).toMatch(/\n {2}20260102T000000Z_imported {2}replays; no down\.sql: not reversible/);
      expect(r.out).toMatch(/\n {2}20260103T000000Z_split {5}replays; no down\.sql: not reversible/);
    }
    const json = JSON.parse((await run('verify', '--format', 'json')).out) as { checked: { migration: string; down: string }[] };
    expect(json.checked.map((m) => `${m.migration}: ${m.down}`)).toEqual([
      '20260101T000000Z_base: undoes', '20260102T000000Z_imported: none', '20260103T000000Z_split: none', '20260104T000000Z_later: undoes',
    ]);
    const md = await run('verify', '--format', 'markdown');
    expect(md.out).toMatch(/\n\| `20260102T000000Z_imported` \| replays; no down\.sql: not reversible/);
  });

  it('status prints a summary first, then only what is not applied; --all lists everything, JSON stays complete', async () => {
    const applied = await run('apply', '--database', database, '--to', '20260103T000000Z', '--phase', 'expand');
    expect(applied.code, applied.err).toBe(0);
    const human = await run('status', '--database', database);
    expect(human.code, human.err).toBe(0);
    const lines = human.out.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^4 migration\\(s\\) on ${database.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: 2 applied, 1 pending, 1 partial, 0 with problems; last applied: 20260103T000000Z_split/expand at \\d{4}-\\d\\d-\\d\\dT`));
    expect(human.out).toMatch(/\n {2}20260103T000000Z_split\n {4}expand {3}applied .*\n {4}migrate {2}-\n {4}contract pending\n {2}20260104T000000Z_later\n {4}expand {3}pending\n/);
    expect(human.out).not.toContain('20260101T000000Z_base');
    expect(human.out).not.toContain('20260102T000000Z_imported');
    expect(human.out).toContain('2 applied migration(s) not listed; "pgtide status --all" lists every migration.');

    const all = await run('status', '--database', database, '--all');
    expect(all.out).toMatch(/\n {2}20260101T000000Z_base\n {4}expand {3}applied/);
    expect(all.out).toContain('20260102T000000Z_imported');
    expect(all.out).not.toContain('not listed');

    const json = JSON.parse((await run('status', '--database', database, '--format', 'json')).out);
    expect(json.migrations.map((m: { name: string; state: string }) => `${m.name}: ${m.state}`)).toEqual(['base: applied', 'imported: applied', 'split: partial', 'later: pending']);
    expect(json.summary).toMatchObject({ migrations: 4, applied: 2, pending: 1, partial: 1, withProblems: 0, problems: 0, lastApplied: { migration: '20260103T000000Z_split', phase: 'expand' } });

    const md = (await run('status', '--database', database, '--format', 'markdown')).out;
    expect(md).toContain('4 migration(s) on');
    expect(md).toContain('| `20260103T000000Z_split` | applied');
    expect(md).not.toContain('20260101T000000Z_base');
  });
});
