import { describe, expect, it } from 'vitest';
import { diffDatabases } from '../../src/api/diff-databases.js';
import { connectPostgres } from '../../src/db/postgres.js';
import { scratchPglite } from '../../src/db/pglite.js';
import { diff } from '../../src/diff/index.js';
import { introspect } from '../../src/introspect/index.js';
import { planChanges } from '../../src/plan/index.js';
import { splitStatements } from '../../src/migrations/index.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';
import { ENGINES, roundTrip } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

const NAMED = 'CREATE TABLE public.t (id integer CONSTRAINT custom_nn NOT NULL, v text);';

describe.each(ENGINES)('NOT NULL constraint names on $name', (engine) => {
  const on18 = engine.name === 'pglite';

  it.skipIf(engine.skip)('creates a table with a named NOT NULL', async () => {
    const r = await roundTrip(engine, '', NAMED);
    expect(r.remainingScript).toBe('');
    if (on18) expect(r.script).toContain('CONSTRAINT custom_nn NOT NULL');
  });

  it.skipIf(engine.skip)('renames a NOT NULL constraint, only where the server names them', async () => {
    const r = await roundTrip(engine, 'CREATE TABLE public.t (id integer NOT NULL, v text);', NAMED);
    expect(r.remainingScript).toBe('');
    if (on18) expect(r.script).toContain('RENAME CONSTRAINT');
    else expect(r.script).toBe('');
  });

  it.skipIf(engine.skip)('names the constraint SET NOT NULL makes, after the online steps', async () => {
    const r = await roundTrip(engine, 'CREATE TABLE public.t (id integer, v text);', NAMED);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('SET NOT NULL');
    if (on18) expectBefore(r.script, 'SET NOT NULL', 'RENAME CONSTRAINT');
  });

  it.skipIf(engine.skip)('gives the old default name of a renamed table back its default', async () => {
    // The target's table was renamed: its constraint keeps the old table's name.
    const r = await roundTrip(engine, 'CREATE TABLE public.t (id integer NOT NULL);',
      'CREATE TABLE public.old_t (id integer NOT NULL); ALTER TABLE public.old_t RENAME TO t;');
    expect(r.remainingScript).toBe('');
    if (!on18) expect(r.script).toBe('');
  });

  it.skipIf(engine.skip)('creates a partition with its own NOT NULL names, not its parent\'s', async () => {
    const parent = 'CREATE TABLE public.m (id integer NOT NULL, d date NOT NULL) PARTITION BY RANGE (d);';
    const r = await roundTrip(engine, parent, `${parent}
      CREATE TABLE public.m_1 (id integer NOT NULL, d date NOT NULL);
      ALTER TABLE public.m ATTACH PARTITION public.m_1 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
      CREATE TABLE public.m_2 PARTITION OF public.m FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');`);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('id WITH OPTIONS CONSTRAINT m_1_id_not_null NOT NULL');
    // PARTITION OF took the parent's names on 18; older servers have no names, only defaults.
    expect(r.script).toContain(`id WITH OPTIONS CONSTRAINT ${on18 ? 'm_id_not_null' : 'm_2_id_not_null'} NOT NULL`);
  });

  it.skipIf(engine.skip)('renames a partition\'s inherited NOT NULL by detaching and re-attaching it (rows in it and in the default partition)', async () => {
    // Declared on the partition, its NOT NULL takes the partition's name; inherited only, the parent's.
    const parent = `CREATE TABLE public.m (k text, id integer, PRIMARY KEY (k, id)) PARTITION BY LIST (k);
      CREATE TABLE public.m_other PARTITION OF public.m DEFAULT;`;
    const rows = "INSERT INTO public.m VALUES ('a', 1), ('a', 2), ('b', 3);";
    const r = await roundTrip(engine,
      `${parent} CREATE TABLE public.m_a PARTITION OF public.m (k NOT NULL) FOR VALUES IN ('a'); ${rows}`,
      `${parent} CREATE TABLE public.m_a PARTITION OF public.m FOR VALUES IN ('a');`);
    expect(r.remainingScript).toBe('');
    if (on18) expect(r.script).toContain('DETACH PARTITION');
    else expect(r.script).toBe('');
  });
});

describe('a migration made on PostgreSQL 18 applied to an older server', () => {
  it.skipIf(skipWithoutServer())('runs its NOT NULL naming statements without error', async () => {
    const before = 'CREATE TABLE public.t (id integer, v text NOT NULL);';
    const after = 'CREATE TABLE public.t (id integer CONSTRAINT custom_nn NOT NULL, v text CONSTRAINT v_nn NOT NULL, w text CONSTRAINT w_nn NOT NULL DEFAULT \'\');';
    const [a, b] = [await scratchPglite(), await scratchPglite()];
    let script: string;
    try {
      await a.exec(before);
      await b.exec(after);
      script = (await diffDatabases(a, b, { allowHazards: true })).script;
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    expect(script).toContain('RENAME CONSTRAINT');
    await withTestDatabase(async (t) => {
      const pg = await connectPostgres(t.url);
      try {
        await pg.exec(before);
        for (const statement of splitStatements(script)) await pg.exec(statement.text);
        const cols = (await introspect(pg)).table.get('table:public.t')!.columns;
        expect(cols.map((c) => [c.name, c.notNull])).toEqual([['id', true], ['v', true], ['w', true]]);
      } finally {
        await pg.close();
      }
    }, 'pgtide_nn_names');
  });
});

describe('a schema read from PostgreSQL 18 compared with the same schema on an older server', () => {
  // Desired schemas are normalized and histories replayed in PGlite (18); the live server may be 15.
  it.skipIf(skipWithoutServer())('finds no difference in NOT NULL names the older server cannot hold', async () => {
    const sql = `CREATE TABLE public.m (id integer NOT NULL, d date NOT NULL) PARTITION BY RANGE (d);
      CREATE TABLE public.m_1 PARTITION OF public.m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
      CREATE TABLE public.old_t (id integer CONSTRAINT custom_nn NOT NULL); ALTER TABLE public.old_t RENAME TO t;`;
    const lite = await scratchPglite();
    let on18;
    try {
      await lite.exec(sql);
      on18 = await introspect(lite);
    } finally {
      await lite.close();
    }
    // The names are there on 18, so the test would see them if they were compared.
    expect(on18.table.get('table:public.m_1')!.columns[0]!.notNullName).toBe('m_id_not_null');
    await withTestDatabase(async (t) => {
      const pg = await connectPostgres(t.url);
      try {
        await pg.exec(sql);
        const on15 = await introspect(pg);
        expect(on15.notNullNames).toBe(false);
        expect(diff(on15, on18).changes).toEqual([]);
        expect(diff(on18, on15).changes).toEqual([]);
        expect(planChanges(diff(on15, on18), { from: on15, to: on18 }).steps).toEqual([]);
      } finally {
        await pg.close();
      }
    }, 'pgtide_nn_cross');
  });
});
