import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { openPglite, openSource } from '../../src/db/pglite.js';
import { PGLITE_CONTRIB } from '../../src/db/pglite-contrib.js';
import { tempDir } from '../helpers/temp-dir.js';

// The bundles each open loads, whichever module asks.
const loaded = vi.hoisted(() => ({ names: [] as string[][] }));
vi.mock('../../src/db/pglite-contrib.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/db/pglite-contrib.js')>();
  return {
    ...real,
    loadContribExtensions: (names: readonly string[]) => {
      loaded.names.push([...names].sort());
      return real.loadContribExtensions(names);
    },
  };
});

it('a PGlite data folder opens with or without contrib extensions asked for, in any order', async () => {
  const root = await tempDir('pgtide-pglite-dir-');
  const dir = join(root, 'db');
  for (const extensions of [['pgcrypto'], []]) {
    const db = await openPglite({ dir, extensions });
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await db.close();
  }
  const ro = await openSource(`pglite:${dir}`, { readOnly: true });
  await ro.close();
});

// A pgcrypto function pgcrypto computes itself: digest() goes through the bundle's OpenSSL, which now
// and then failed to initialize in one process under load ("Cipher cannot be initialized").
const CRYPT = "SELECT crypt('x', '$1$abcdefgh')";

it('a data folder loads only the contrib bundles it was ever opened with and those asked for; one from before it kept that list loads all', async () => {
  const dir = join(await tempDir('pgtide-pglite-dir-'), 'db');
  const open = async (extensions: string[], sql: string): Promise<string[]> => {
    const db = await openPglite({ dir, extensions });
    try {
      await db.exec(sql);
    } finally {
      await db.close();
    }
    return loaded.names.at(-1)!;
  };
  expect(await open([], 'SELECT 1')).toEqual([]);
  expect(await open(['pgcrypto'], 'CREATE EXTENSION pgcrypto')).toEqual(['pgcrypto']);
  expect(await open([], CRYPT)).toEqual(['pgcrypto']);
  await rm(join(dir, 'pgtide-contrib.json'));
  expect(await open([], CRYPT)).toEqual(Object.keys(PGLITE_CONTRIB).sort());
});
