import { describe, expect, it } from 'vitest';
import { errnoCode } from '../../src/migrations/errors.js';
import { LocalDir, MemDir, type MigrationDir } from '../../src/migrations/index.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The outcome of an operation, as the reading and writing logic sees it: a value, or an error code. */
async function outcome<T>(op: () => T | Promise<T>): Promise<T | { code: string | null }> {
  try {
    return await op();
  } catch (err) {
    return { code: errnoCode(err) };
  }
}

/** The same steps on disk and in memory must end alike: tests of history logic in memory stand for the disk. */
async function both(steps: (dir: MigrationDir) => Promise<unknown[]>): Promise<void> {
  const onDisk = await steps(new LocalDir(await tempDir()));
  const inMemory = await steps(new MemDir());
  expect(inMemory).toEqual(onDisk);
}

describe('MemDir behaves like LocalDir', () => {
  it('lists, reads and tells kinds, with the same error codes', async () => {
    await both(async (d) => {
      await d.mkdir('a/b', { parents: true });
      await d.create('a/f.sql', 'select 1;\n');
      return [
        await outcome(() => d.list('').sort()),
        await outcome(() => d.list('a').sort()),
        await outcome(() => d.list('nope')),
        await outcome(() => d.list('a/f.sql')),
        await outcome(() => d.list('a/f.sql/x')),
        await outcome(() => d.kind('a')),
        await outcome(() => d.kind('a/f.sql')),
        await outcome(() => d.kind('a/nope')),
        await outcome(() => Buffer.from(d.read('a/f.sql')).toString('utf8')),
        await outcome(() => d.read('a/nope')),
      ];
    });
  });

  it('creates files and folders only where allowed', async () => {
    await both(async (d) => [
      await outcome(() => d.mkdir('x/y', { parents: false })),
      await outcome(() => d.mkdir('x', { parents: false })),
      await outcome(() => d.mkdir('x', { parents: false })),
      await outcome(() => d.mkdir('x', { parents: true })),
      await outcome(() => d.create('x/f', 'one')),
      await outcome(() => d.create('x/f', 'two')),
      await outcome(() => d.create('nope/f', 'x')),
      await outcome(() => d.mkdir('x/f', { parents: true })),
      Buffer.from(d.read('x/f')).toString('utf8'),
    ]);
  });

  it('renames a folder over an empty folder but not over a full one, and removes whole trees', async () => {
    await both(async (d) => {
      await d.mkdir('src', { parents: false });
      await d.create('src/f', 'x');
      await d.mkdir('empty', { parents: false });
      await d.mkdir('full', { parents: false });
      await d.create('full/g', 'y');
      const overFull = await outcome(() => d.rename('src', 'full'));
      const overEmpty = await outcome(() => d.rename('src', 'empty'));
      const gone = await outcome(() => d.rename('src', 'other'));
      await d.remove('full');
      await d.remove('never-was');
      return [overFull, overEmpty, gone, d.list('').sort(), d.list('empty'), Buffer.from(d.read('empty/f')).toString('utf8')];
    });
  });

  it('replaces a file in one step, creating its folder, and leaves no temporary file', async () => {
    await both(async (d) => {
      d.replace('pgtide.sum', 'one');
      d.replace('pgtide.sum', 'two');
      d.replace('sub/pgtide.sum', 'three');
      return [d.list('').sort(), Buffer.from(d.read('pgtide.sum')).toString('utf8'), Buffer.from(d.read('sub/pgtide.sum')).toString('utf8')];
    });
  });
});
