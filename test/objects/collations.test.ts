import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

describe.each(ENGINES)('collations on $name', (engine) => {
  it.skipIf(engine.skip)('creates a collation before the columns that use it and drops it after them', async () => {
    const after = `CREATE COLLATION public.posix (provider = libc, locale = 'POSIX');
      CREATE COLLATION public.c_split (provider = libc, lc_collate = 'C', lc_ctype = 'POSIX');
      COMMENT ON COLLATION public.posix IS 'bytewise';
      CREATE TABLE public.t (a text, b text COLLATE public.posix);`;
    const r = await roundTrip(engine, 'CREATE TABLE public.t (a text);', after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'CREATE COLLATION public.posix', 'ADD COLUMN b');
    const back = await roundTrip(engine, after, 'CREATE TABLE public.t (a text);');
    expect(back.remainingScript).toBe('');
  });
});
