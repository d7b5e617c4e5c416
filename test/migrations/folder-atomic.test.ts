import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readMigrations, writeMigration } from '../../src/migrations/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { migration } from './helpers.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return { ...real, rename: vi.fn(real.rename), mkdir: vi.fn(real.mkdir) };
});

const real = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
const rename = vi.mocked(fs.rename);
const mkdir = vi.mocked(fs.mkdir);

afterEach(() => {
  // Back to the real implementations given to vi.fn, dropping any leftover one-off behaviour.
  rename.mockReset();
  mkdir.mockReset();
});

describe('writeMigration atomicity', () => {
  it('shows the folder under its name only once every file is written', async () => {
    const dir = await tempDir();
    const seen: { visible: string[]; staged: string[] }[] = [];
    rename.mockImplementationOnce(async (from, to) => {
      seen.push({ visible: await real.readdir(dir), staged: (await real.readdir(from)).sort() });
      return real.rename(from, to);
    });
    await writeMigration(dir, migration('20261122T101500Z', 'a'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.staged).toEqual(['down.sql', 'expand.sql', 'plan.json']);
    expect(seen[0]!.visible).toHaveLength(1);
    expect(seen[0]!.visible[0]).toMatch(/^\.tmp-20261122T101500Z_a-[0-9a-f]{8}$/);
    expect(await real.readdir(dir)).toEqual(['20261122T101500Z_a']);
  });

  it('leaves nothing behind when the final rename fails', async () => {
    const dir = await tempDir();
    rename.mockRejectedValueOnce(Object.assign(new Error('EXDEV: simulated'), { code: 'EXDEV' }));
    await expect(writeMigration(dir, migration('20261122T101500Z', 'a'))).rejects.toThrow(/EXDEV: simulated/);
    expect(await real.readdir(dir)).toEqual([]);
    expect(await readMigrations(dir)).toEqual([]);
  });

  it('refuses when another writer creates the target while the files are written', async () => {
    const dir = await tempDir();
    // rename() would silently replace an empty directory; the check right before it must catch it.
    mkdir.mockImplementation(async (path, options) => {
      if (String(path).includes('.tmp-')) await real.mkdir(join(dir, '20261122T101500Z_a'));
      return real.mkdir(path, options);
    });
    await expect(writeMigration(dir, migration('20261122T101500Z', 'a'))).rejects.toThrow(/20261122T101500Z_a: already exists/);
    expect(await real.readdir(dir)).toEqual(['20261122T101500Z_a']);
    expect(await real.readdir(join(dir, '20261122T101500Z_a'))).toEqual([]);
  });
});
