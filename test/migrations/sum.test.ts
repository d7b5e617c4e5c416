import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MemDir,
  checkSum,
  computeSum,
  formatSum,
  parseSum,
  readMigrations,
  writeMigration,
  writeSum,
  type MigrationDir,
  type MigrationFolder,
  type SumProblem,
} from '../../src/migrations/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { migration, samplePlan } from './helpers.js';

const sha = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');
const text = (dir: MigrationDir, rel: string): string => Buffer.from(dir.read(rel)).toString('utf8');

/** Writes two migrations and a correct pgtide.sum into `dir`. */
async function fill(dir: string | MigrationDir): Promise<MigrationFolder[]> {
  await writeMigration(dir, migration('20261122T101500Z', 'first'));
  await writeMigration(dir, migration('20261122T111500Z', 'second', { files: { expand: 'select 1;', migrate: 'select 2;', contract: 'select 3;' } }));
  const folders = await readMigrations(dir);
  writeSum(dir, folders);
  return folders;
}

/** A migrations directory in memory with two migrations and a correct pgtide.sum. */
async function history(): Promise<{ dir: MemDir; folders: MigrationFolder[] }> {
  const dir = new MemDir();
  return { dir, folders: await fill(dir) };
}

const kinds = (problems: readonly SumProblem[]): [string, string][] => problems.map((p) => [p.kind, p.file]);

describe('computeSum and formatSum', () => {
  it('lists files by version, then expand, migrate, contract, down, plan.json, with a cumulative hash', async () => {
    const { dir, folders } = await history();
    const sum = computeSum(folders);
    expect(sum.entries.map((e) => e.path)).toEqual([
      '20261122T101500Z_first/expand.sql',
      '20261122T101500Z_first/down.sql',
      '20261122T101500Z_first/plan.json',
      '20261122T111500Z_second/expand.sql',
      '20261122T111500Z_second/migrate.sql',
      '20261122T111500Z_second/contract.sql',
      '20261122T111500Z_second/plan.json',
    ]);
    let previous = '';
    for (const entry of sum.entries) {
      previous = sha(previous + sha(dir.read(entry.path)));
      expect(entry.hash).toBe(previous);
    }
    const lines = sum.entries.map((e) => `${e.path} ${e.hash}\n`).join('');
    expect(sum.total).toBe(sha(lines));
    expect(text(dir, 'pgtide.sum')).toBe(`h1:${sum.total}\n${lines}`);
  });

  it('does not depend on the order folders are given in, and hashes in-memory plans as they are written', async () => {
    const { folders } = await history();
    const inMemory = folders.map(({ planText: _drop, ...rest }) => rest).reverse();
    expect(computeSum(inMemory)).toEqual(computeSum(folders));
  });

  it('sums an empty history to the hash of nothing', () => {
    expect(formatSum(computeSum([]))).toBe(`h1:${sha('')}\n`);
  });
});

describe('checkSum', () => {
  it('finds no problem in an intact history, or in no history without a sum', async () => {
    const { dir, folders } = await history();
    expect(checkSum(dir, folders)).toEqual([]);
    expect(checkSum(new MemDir(), [])).toEqual([]);
  });

  it('reports an absent sum when migrations exist', async () => {
    const { dir, folders } = await history();
    await dir.remove('pgtide.sum');
    expect(kinds(checkSum(dir, folders))).toEqual([['absent', 'pgtide.sum']]);
  });

  it('names exactly the edited file, even in the middle of the history', async () => {
    const { dir } = await history();
    dir.replace('20261122T101500Z_first/down.sql', 'select 42;\n');
    const problems = checkSum(dir, await readMigrations(dir));
    expect(kinds(problems)).toEqual([['edited', '20261122T101500Z_first/down.sql']]);
    expect(problems[0]!.message).toMatch(/20261122T101500Z_first\/down\.sql was edited after it was generated/);
  });

  it('sees a reformatted plan.json as edited: the bytes on disk are what is summed', async () => {
    const { dir } = await history();
    dir.replace('20261122T111500Z_second/plan.json', JSON.stringify(samplePlan));
    expect(kinds(checkSum(dir, await readMigrations(dir)))).toEqual([['edited', '20261122T111500Z_second/plan.json']]);
  });

  it('reports a listed file that is gone as missing, and only that', async () => {
    const { dir } = await history();
    await dir.remove('20261122T111500Z_second/migrate.sql');
    expect(kinds(checkSum(dir, await readMigrations(dir)))).toEqual([['missing', '20261122T111500Z_second/migrate.sql']]);
  });

  it('reports the files of a migration added without updating the sum as unlisted', async () => {
    const { dir } = await history();
    await writeMigration(dir, { ...migration('20261122T121500Z', 'third'), plan: null });
    expect(kinds(checkSum(dir, await readMigrations(dir)))).toEqual([
      ['unlisted', '20261122T121500Z_third/expand.sql'],
      ['unlisted', '20261122T121500Z_third/down.sql'],
    ]);
  });

  it('reports a renamed migration folder as missing and unlisted files', async () => {
    const { dir, folders } = await history();
    const renamed = folders.map((f) => (f.name === 'first' ? { ...f, name: 'premier' } : f));
    const problems = kinds(checkSum(dir, renamed));
    expect(problems.filter(([k]) => k === 'missing')).toHaveLength(3);
    expect(problems.filter(([k]) => k === 'unlisted')).toEqual([
      ['unlisted', '20261122T101500Z_premier/expand.sql'],
      ['unlisted', '20261122T101500Z_premier/down.sql'],
      ['unlisted', '20261122T101500Z_premier/plan.json'],
    ]);
  });

  it('reports lines out of version order as reordered (a sum merged by hand)', async () => {
    const { dir, folders } = await history();
    const sum = computeSum(folders);
    const swapped = [...sum.entries.slice(3), ...sum.entries.slice(0, 3)];
    const total = sha(swapped.map((e) => `${e.path} ${e.hash}\n`).join(''));
    dir.replace('pgtide.sum', formatSum({ total, entries: swapped }));
    const problems = checkSum(dir, folders);
    expect(problems.some((p) => p.kind === 'reordered')).toBe(true);
    expect(problems.every((p) => p.kind === 'reordered' || p.kind === 'edited')).toBe(true);
    expect(problems.find((p) => p.kind === 'reordered')!.message).toMatch(/out of version order/);
  });

  it('reports a total that does not match the lines as stale', async () => {
    const { dir, folders } = await history();
    dir.replace('pgtide.sum', text(dir, 'pgtide.sum').replace(/^h1:[0-9a-f]{64}/, `h1:${'0'.repeat(64)}`));
    expect(kinds(checkSum(dir, folders))).toEqual([['stale', 'pgtide.sum']]);
  });

  it.each([
    ['a bad first line', (t: string) => t.replace(/^h1:/, 'h2:'), 1, /first line must be "h1:<sha256>"/],
    ['a line without a hash', (t: string) => `${t}20261122T101500Z_first/extra.sql\n`, 9, /expected "<folder>\/<file> <sha256>"/],
    ['a short hash', (t: string) => `${t}x/y.sql abc\n`, 9, /expected/],
    ['a duplicated line', (t: string) => t + t.split('\n')[1] + '\n', 9, /lists 20261122T101500Z_first\/expand\.sql twice/],
  ])('reports %s as malformed', async (_name, edit, line, message) => {
    const { dir, folders } = await history();
    dir.replace('pgtide.sum', edit(text(dir, 'pgtide.sum')));
    const problems = checkSum(dir, folders);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'malformed', file: 'pgtide.sum', line });
    expect(problems[0]!.message).toMatch(message);
  });

  it('accepts CRLF line ends, as a checkout on Windows may write them', async () => {
    const dir = await tempDir();
    const folders = await fill(dir);
    const text = await readFile(join(dir, 'pgtide.sum'), 'utf8');
    await writeFile(join(dir, 'pgtide.sum'), text.replace(/\n/g, '\r\n'));
    expect(checkSum(dir, folders)).toEqual([]);
  });

  it('parseSum returns the entries of a well-formed file', () => {
    const sum = computeSum([]);
    expect(parseSum(formatSum(sum))).toEqual(sum);
  });
});

describe('two branches that each add a migration', () => {
  function mergeFile(ours: string, base: string, theirs: string): { status: number | null; text: string } {
    const r = spawnSync('git', ['merge-file', '-p', '-L', 'ours', '-L', 'base', '-L', 'theirs', ours, base, theirs], { encoding: 'utf8' });
    if (r.error) throw r.error;
    return { status: r.status, text: r.stdout };
  }

  it('conflict in pgtide.sum, on the total line, and checkSum reports the conflict', async () => {
    const { dir, folders } = await history();
    const work = await tempDir();
    const base = join(work, 'base.sum');
    await writeFile(base, formatSum(computeSum(folders)));

    const branches: string[] = [];
    for (const [version, name] of [['20261123T090000Z', 'ours'], ['20261124T090000Z', 'theirs']] as const) {
      const branchDir = new MemDir();
      const folder = await writeMigration(branchDir, { ...migration(version, name), plan: null });
      const added = (await readMigrations(branchDir)).find((f) => f.dir === folder)!;
      const file = join(work, `${name}.sum`);
      await writeFile(file, formatSum(computeSum([...folders, added])));
      branches.push(file);
    }

    const merged = mergeFile(branches[0]!, base, branches[1]!);
    expect(merged.status).toBeGreaterThan(0);
    const lines = merged.text.split('\n');
    expect(lines[0]).toBe('<<<<<<< ours');
    expect(lines[1]).toMatch(/^h1:/);

    dir.replace('pgtide.sum', merged.text);
    const problems = checkSum(dir, await readMigrations(dir));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.kind === 'malformed')).toBe(true);
    expect(problems[0]!.message).toMatch(/conflict marker: another branch added migrations too/);
  });
});
