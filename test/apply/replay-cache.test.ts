import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayHistory } from '../../src/api/history.js';
import { diff } from '../../src/diff/index.js';
import { introspect } from '../../src/introspect/index.js';
import type { MigrationFolder } from '../../src/migrations/index.js';
import { openLongestPrefix, prefixKeys, type ReplayCache } from '../../src/verify/replay-cache.js';
import { MIXED, ORDERS, useTemp, writeHistory } from './helpers.js';

const temp = useTemp();
const edit = (folders: readonly MigrationFolder[], i: number, expand: string): MigrationFolder[] =>
  folders.map((f, j) => (j === i ? { ...f, files: { ...f.files, expand } } : f));

describe('the replay cache', () => {
  it('keys each prefix by every byte before it: an edit changes its own and later keys only', async () => {
    const folders = await writeHistory(join(await temp(), 'm'), [...MIXED, ORDERS]);
    const keys = prefixKeys(folders, []);
    expect(new Set(keys).size).toBe(3);
    const edited = prefixKeys(edit(folders, 1, `${folders[1]!.files.expand}\n`), []);
    expect(edited[0]).toBe(keys[0]);
    expect(edited[1]).not.toBe(keys[1]);
    expect(edited[2]).not.toBe(keys[2]);
    const down = prefixKeys(folders.map((f, j) => (j === 0 ? { ...f, files: { ...f.files, down: '-- other\n' } } : f)), []);
    expect(down.every((k, i) => k !== keys[i])).toBe(true);
    expect(prefixKeys(folders, ['pgcrypto'])[0]).not.toBe(keys[0]);
  });

  it('replays from the longest unchanged prefix, and its result equals a full replay', async () => {
    const root = await temp();
    const folders = await writeHistory(join(root, 'm'), [...MIXED, ORDERS]);
    const cache: ReplayCache = { dir: join(root, 'cache'), extensions: [] };
    const keys = prefixKeys(folders, []);

    const first = await replayHistory(folders, cache);
    const full = await introspect(first, { schemas: ['app'] });
    await first.close();
    expect((await readdir(cache.dir)).filter((f) => f.endsWith('.tar'))).toEqual([`${keys[2]}.tar`]);

    const warm = await openLongestPrefix(cache, keys);
    expect(warm.count).toBe(3);
    expect(diff(await introspect(warm.db, { schemas: ['app'] }), full).changes).toEqual([]);
    await warm.db.close();

    // Editing the last migration leaves the two before it cached… once a run has stored them.
    const edited = edit(folders, 2, ORDERS.files.expand.replace('note text', 'note varchar(10)'));
    const shorter = await replayHistory(folders.slice(0, 2), cache);
    await shorter.close();
    const start = await openLongestPrefix(cache, prefixKeys(edited, []));
    expect(start.count).toBe(2);
    await start.db.close();
    const replayed = await replayHistory(edited, cache);
    const uncached = await replayHistory(edited, null);
    try {
      expect(diff(await introspect(replayed, { schemas: ['app'] }), await introspect(uncached, { schemas: ['app'] })).changes).toEqual([]);
      expect(diff(full, await introspect(replayed, { schemas: ['app'] })).changes.map((c) => c.kind)).toEqual(['column.alter']);
    } finally {
      await Promise.all([replayed.close(), uncached.close()]);
    }
    // Only verify marks a prefix as proven.
    expect(existsSync(join(cache.dir, `${keys[2]}.verified`))).toBe(false);
    const unproven = await openLongestPrefix(cache, keys, { verified: true });
    expect(unproven.count).toBe(0);
    await unproven.db.close();
  });
});
