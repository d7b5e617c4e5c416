import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openPglite, openSource } from '../../src/db/pglite.js';
import { tempDir } from '../helpers/temp-dir.js';

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
