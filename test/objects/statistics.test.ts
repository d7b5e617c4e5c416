import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { scratchPglite } from '../../src/db/pglite.js';
import { introspect } from '../../src/introspect/index.js';
import { expectBefore } from '../helpers/expect-before.js';
import { ENGINES, roundTrip } from './helpers.js';

const PERSON = `CREATE TABLE public.person (id integer PRIMARY KEY, r integer, name text);`;

describe.each(ENGINES)('extended statistics on $name', (engine) => {
  it.skipIf(engine.skip)('creates statistics after their table and function, and drops them with it', async () => {
    const x = `${PERSON}
      CREATE FUNCTION public.norm(t text) RETURNS text LANGUAGE sql IMMUTABLE RETURN lower(t);
      CREATE SCHEMA stats;
      CREATE STATISTICS stats.person_stats (dependencies) ON id, r FROM public.person;
      CREATE STATISTICS public.person_names ON public.norm(name), r FROM public.person;
      ALTER STATISTICS public.person_names SET STATISTICS 300;
      COMMENT ON STATISTICS stats.person_stats IS 'id and r move together';`;
    const up = await roundTrip(engine, '', x);
    expect(up.remainingScript).toBe('');
    expectBefore(up.script, 'CREATE TABLE public.person', 'CREATE STATISTICS stats.person_stats');
    expectBefore(up.script, 'CREATE SCHEMA stats', 'CREATE STATISTICS stats.person_stats');
    expectBefore(up.script, 'FUNCTION public.norm', 'CREATE STATISTICS public.person_names');
    expect(up.script).toContain('ALTER STATISTICS public.person_names SET STATISTICS 300');
    expect(up.script).toContain(`COMMENT ON STATISTICS stats.person_stats IS 'id and r move together'`);
    const down = await roundTrip(engine, x, '');
    expect(down.remainingScript).toBe('');
    expectBefore(down.script, 'DROP STATISTICS public.person_names', 'DROP FUNCTION public.norm');
    expectBefore(down.script, 'DROP STATISTICS stats.person_stats', 'DROP SCHEMA stats');
  });

  it.skipIf(engine.skip)('sets the statistics target and comment in place, back to the default too', async () => {
    const before = `${PERSON}
      CREATE STATISTICS public.s ON id, r FROM public.person;`;
    const after = `${before}
      ALTER STATISTICS public.s SET STATISTICS 500;
      COMMENT ON STATISTICS public.s IS 'tuned';`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('ALTER STATISTICS public.s SET STATISTICS 500');
    expect(r.script).not.toContain('DROP STATISTICS');
    const back = await roundTrip(engine, after, before);
    expect(back.remainingScript).toBe('');
    expect(back.script).toContain('ALTER STATISTICS public.s SET STATISTICS -1');
    expect(back.script).toContain('COMMENT ON STATISTICS public.s IS NULL');
    expect(back.script).not.toContain('DROP STATISTICS');
  });

  it.skipIf(engine.skip)('drops and creates statistics whose kinds, columns or table change', async () => {
    const other = 'CREATE TABLE public.other (id integer, r integer);';
    const before = `${PERSON} ${other}
      CREATE STATISTICS public.s (ndistinct) ON id, r FROM public.person;
      CREATE STATISTICS public.t ON id, r FROM public.person;
      CREATE STATISTICS public.u ON id, r FROM public.person;`;
    const after = `${PERSON} ${other}
      CREATE STATISTICS public.s (ndistinct, mcv) ON id, r FROM public.person;
      CREATE STATISTICS public.t ON r, lower(name) FROM public.person;
      CREATE STATISTICS public.u ON id, r FROM public.other;`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP STATISTICS public.s', 'CREATE STATISTICS public.s');
    expectBefore(r.script, 'DROP STATISTICS public.t', 'CREATE STATISTICS public.t');
    expectBefore(r.script, 'DROP STATISTICS public.u', 'CREATE STATISTICS public.u ON id, r FROM public.other');
  });

  it.skipIf(engine.skip)('re-creates statistics on a column whose type changes, online or in place', async () => {
    // integer → bigint goes through a shadow column swapped in contract: DROP COLUMN of the old
    // column would take statistics made on it along, so they are made after the swap.
    const before = `${PERSON}
      CREATE STATISTICS public.s ON id, r FROM public.person;
      CREATE STATISTICS public.n ON r, name FROM public.person;`;
    const after = before.replace('r integer', 'r bigint').replace('name text', 'name varchar(40)');
    const r = await roundTrip(engine, before, after, '', async (db) => {
      await db.exec('ANALYZE public.person');
    });
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP STATISTICS public.s', 'ADD COLUMN');
    expectBefore(r.script, 'RENAME COLUMN', 'CREATE STATISTICS public.s');
    const back = await roundTrip(engine, after, before);
    expect(back.remainingScript).toBe('');
  });

  it.skipIf(engine.skip)('drops statistics before a column they cover is dropped, and makes new ones on the new columns', async () => {
    const before = `${PERSON}
      CREATE STATISTICS public.s ON id, r FROM public.person;`;
    const after = `CREATE TABLE public.person (id integer PRIMARY KEY, name text, size integer);
      CREATE STATISTICS public.s ON id, size FROM public.person;`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP STATISTICS public.s', 'DROP COLUMN r');
    expectBefore(r.script, 'ADD COLUMN size', 'CREATE STATISTICS public.s');
  });

  it.skipIf(engine.skip)('takes statistics on a materialized view along when the view is re-created', async () => {
    const before = `${PERSON}
      CREATE MATERIALIZED VIEW public.person_sum AS SELECT id, r FROM public.person;
      CREATE STATISTICS public.person_sum_s ON id, r FROM public.person_sum;`;
    const after = before.replace('SELECT id, r FROM', 'SELECT id, r, name FROM').replace('ON id, r FROM public.person_sum', 'ON r, name FROM public.person_sum');
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP STATISTICS public.person_sum_s', 'DROP MATERIALIZED VIEW public.person_sum');
    expectBefore(r.script, 'CREATE MATERIALIZED VIEW public.person_sum', 'CREATE STATISTICS public.person_sum_s');
  });

  it.skipIf(engine.skip)('takes statistics along when their table is rebuilt', async () => {
    const before = `CREATE TABLE public.ev (id integer, at date);
      CREATE STATISTICS public.ev_s ON id, at FROM public.ev;`;
    const after = `CREATE TABLE public.ev (id integer, at date) PARTITION BY RANGE (at);
      CREATE STATISTICS public.ev_s ON id, at FROM public.ev;`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'PARTITION BY', 'CREATE STATISTICS public.ev_s');
  });
});

describe('statistics declared without kinds', () => {
  it('equal the same statistics with all three kinds named, and follow their table out of scope', async () => {
    const [a, b] = await Promise.all([scratchPglite(), scratchPglite()]);
    try {
      await a.exec(`${PERSON} CREATE STATISTICS public.s ON id, r FROM public.person;`);
      await b.exec(`${PERSON} CREATE STATISTICS public.s (ndistinct, dependencies, mcv) ON id, r FROM public.person;`);
      const [ma, mb] = await Promise.all([introspect(a), introspect(b)]);
      expect(ma.statistics.get('statistics:public.s')?.kinds).toEqual(['dependencies', 'mcv', 'ndistinct']);
      expect(diff(ma, mb).changes).toEqual([]);
      const scoped = await introspect(a, { ignore: ['table:public.person'] });
      expect(scoped.statistics.size).toBe(0);
      expect((await introspect(a, { ignore: ['statistics:public.*'] })).statistics.size).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
