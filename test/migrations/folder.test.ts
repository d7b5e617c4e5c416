import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemDir, MigrationFormatError, readMigrations, serializePlan, writeMigration, type MigrationDir } from '../../src/migrations/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { migration, samplePlan } from './helpers.js';

const text = (dir: MigrationDir, rel: string): string => Buffer.from(dir.read(rel)).toString('utf8');

async function readFailure(dir: string | MigrationDir): Promise<MigrationFormatError> {
  const err: unknown = await readMigrations(dir).then(
    () => new Error('expected readMigrations to fail'),
    (e: unknown) => e,
  );
  if (err instanceof MigrationFormatError) return err;
  throw err;
}

/** A folder written by hand, the way a person or a bad merge might leave it; returns its path. */
async function handFolder(dir: MemDir, name: string, files: Record<string, string | Buffer>): Promise<string> {
  await dir.mkdir(name, { parents: true });
  for (const [file, content] of Object.entries(files)) dir.put(`${name}/${file}`, content);
  return join(dir.path, name);
}

describe('readMigrations', () => {
  it('returns an empty list for a directory that does not exist', async () => {
    expect(await readMigrations(join(await tempDir(), 'nope'))).toEqual([]);
  });

  it.each([
    ['on disk', async (): Promise<{ dir: string; path: string }> => {
      const path = await tempDir();
      return { dir: path, path };
    }],
    ['in memory', async (): Promise<{ dir: MigrationDir; path: string }> => {
      const dir = new MemDir();
      return { dir, path: dir.path };
    }],
  ])('reads what writeMigration wrote, sorted by version (%s)', async (_where, made) => {
    const { dir, path } = await made();
    const later = await writeMigration(dir, migration('20261122T101501Z', 'second'));
    const first = await writeMigration(dir, { ...migration('20261122T101500Z', 'first'), plan: null });
    expect(later).toBe(join(path, '20261122T101501Z_second'));
    const read = await readMigrations(dir);
    expect(read.map((f) => [f.version, f.name, f.dir])).toEqual([
      ['20261122T101500Z', 'first', first],
      ['20261122T101501Z', 'second', later],
    ]);
    expect(read[0]!.files).toEqual(migration('x', 'first').files);
    expect(read[0]!.plan).toBeNull();
    expect(read[0]!.planText).toBeUndefined();
    expect(read[1]!.plan).toEqual(samplePlan);
    expect(read[1]!.planText).toBe(serializePlan(samplePlan));
  });

  it('skips hidden entries and pgtide.sum, and keeps a byte order mark in the text', async () => {
    const dir = new MemDir();
    dir.put('pgtide.sum', 'h1:x\n');
    dir.put('.gitkeep', '');
    await handFolder(dir, '.tmp-20261122T101500Z_half-0000', { 'expand.sql': 'select 1' });
    await handFolder(dir, '20261122T101500Z_bom', { 'contract.sql': '\ufeffselect 1;\n', '.DS_Store': 'x' });
    const read = await readMigrations(dir);
    expect(read.map((f) => f.name)).toEqual(['bom']);
    expect(read[0]!.files).toEqual({ contract: '\ufeffselect 1;\n' });
  });

  it('rejects a migrations path that is a file', async () => {
    const file = join(await tempDir(), 'migrations');
    await writeFile(file, '');
    const err = await readFailure(file);
    expect(err.path).toBe(file);
    expect(err.message).toMatch(/is a file, but the migrations directory must be a folder/);
  });

  it('rejects a stray file in the migrations directory', async () => {
    const dir = new MemDir();
    dir.put('README.md', 'notes');
    const err = await readFailure(dir);
    expect(err.path).toBe(join(dir.path, 'README.md'));
    expect(err.message).toMatch(/does not belong in the migrations directory/);
  });

  it.each(['add_user_role', '20261122T101500Z', '20261122-101500_add', '20261122T101500Z_Add_Role', '20261399T101500Z_x'])(
    'rejects the malformed folder name %j',
    async (name) => {
      const dir = new MemDir();
      await handFolder(dir, name, { 'expand.sql': 'select 1' });
      const err = await readFailure(dir);
      expect(err.path).toBe(join(dir.path, name));
      expect(err.message).toMatch(/is not a migration folder name: expected <YYYYMMDDTHHMMSSZ>_<name>/);
    },
  );

  it('rejects an unknown file or a subfolder inside a migration folder', async () => {
    const dir = new MemDir();
    const folder = await handFolder(dir, '20261122T101500Z_a', { 'expand.sql': 'select 1', 'notes.md': 'x' });
    let err = await readFailure(dir);
    expect(err.path).toBe(join(folder, 'notes.md'));
    expect(err.message).toMatch(/is not a migration file: a migration folder holds only expand\.sql, migrate\.sql, contract\.sql, down\.sql, plan\.json/);

    await dir.remove('20261122T101500Z_a/notes.md');
    await dir.mkdir('20261122T101500Z_a/down.sql', { parents: false });
    err = await readFailure(dir);
    expect(err.path).toBe(join(folder, 'down.sql'));
  });

  it('rejects a file that is not UTF-8', async () => {
    const dir = new MemDir();
    const folder = await handFolder(dir, '20261122T101500Z_a', { 'expand.sql': Buffer.from([0x73, 0x65, 0x6c, 0xff, 0xfe, 0x3b]) });
    const err = await readFailure(dir);
    expect(err.path).toBe(join(folder, 'expand.sql'));
    expect(err.message).toMatch(/is not valid UTF-8/);
  });

  it('rejects a folder without expand, migrate or contract SQL', async () => {
    const dir = new MemDir();
    const folder = await handFolder(dir, '20261122T101500Z_a', { 'down.sql': 'select 1' });
    const err = await readFailure(dir);
    expect(err.path).toBe(folder);
    expect(err.message).toMatch(/holds no expand\.sql, migrate\.sql or contract\.sql/);
  });

  it('rejects SQL the splitter cannot read, with file:line', async () => {
    const dir = new MemDir();
    const folder = await handFolder(dir, '20261122T101500Z_a', { 'migrate.sql': 'select 1;\n-- pgtide:later\nselect 2;' });
    const err = await readFailure(dir);
    expect(err.path).toBe(join(folder, 'migrate.sql'));
    expect(err.line).toBe(2);
    expect(err.message).toContain(`${join(folder, 'migrate.sql')}:2: unknown directive`);
  });

  it.each([
    ['invalid JSON', '{"pgtide": 1,', /is not valid JSON/],
    ['a plan of another shape', JSON.stringify({ ...samplePlan, steps: [{ ...samplePlan.steps[0], summary: 3 }] }), /is not a pgtide plan: plan\.steps\[0\]\.summary must be a string/],
    ['another format version', JSON.stringify({ ...samplePlan, pgtide: 2 }), /plan\.pgtide must be 1/],
  ])('rejects plan.json with %s', async (_name, text, message) => {
    const dir = new MemDir();
    const folder = await handFolder(dir, '20261122T101500Z_a', { 'expand.sql': 'select 1', 'plan.json': text });
    const err = await readFailure(dir);
    expect(err.path).toBe(join(folder, 'plan.json'));
    expect(err.message).toMatch(message);
  });

  it('rejects two folders with the same version', async () => {
    const dir = new MemDir();
    await handFolder(dir, '20261122T101500Z_a', { 'expand.sql': 'select 1' });
    const b = await handFolder(dir, '20261122T101500Z_b', { 'expand.sql': 'select 2' });
    const err = await readFailure(dir);
    expect(err.path).toBe(b);
    expect(err.message).toMatch(/has the same version as .*20261122T101500Z_a/);
  });
});

describe('writeMigration', () => {
  it('refuses to overwrite a folder, or to reuse a version under another name', async () => {
    const dir = new MemDir();
    await writeMigration(dir, migration('20261122T101500Z', 'a'));
    await expect(writeMigration(dir, migration('20261122T101500Z', 'a'))).rejects.toThrow(/already exists with version 20261122T101500Z; pgtide never overwrites/);
    await expect(writeMigration(dir, migration('20261122T101500Z', 'b'))).rejects.toThrow(/20261122T101500Z_a: already exists/);
    expect(dir.list('')).toEqual(['20261122T101500Z_a']);
    expect(text(dir, '20261122T101500Z_a/expand.sql')).toBe(migration('x', 'a').files.expand);
  });

  it('creates the migrations directory when needed', async () => {
    const dir = join(await tempDir(), 'generated', 'migrations');
    await writeMigration(dir, migration('20261122T101500Z', 'a'));
    expect(await readdir(join(dir, '20261122T101500Z_a'))).toEqual(['down.sql', 'expand.sql', 'plan.json']);
  });

  it.each([
    ['a malformed version', migration('2026-11-22', 'a'), /"2026-11-22" is not a migration version/],
    ['a name that is not a slug', migration('20261122T101500Z', 'Add Role'), /"Add Role" is not a migration name slug; use slugify\(\)/],
    ['no phase file', migration('20261122T101500Z', 'a', { files: { down: 'select 1' } }), /needs at least one of expand\.sql/],
    ['SQL that does not split', migration('20261122T101500Z', 'a', { files: { expand: "select 'x" } }), /20261122T101500Z_a\/expand\.sql:1: unterminated string/],
    ['an invalid plan', migration('20261122T101500Z', 'a', { plan: { ...samplePlan, from: 1 as unknown as string } }), /plan\.json: would not read back: plan\.from must be a string/],
  ])('rejects %s and writes nothing', async (_name, m, message) => {
    const dir = new MemDir();
    await expect(writeMigration(dir, m)).rejects.toThrow(message);
    expect(dir.list('')).toEqual([]);
  });
});
