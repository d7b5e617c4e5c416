import { describe, expect, it } from 'vitest';
import { diffDatabases, diffModels } from '../../src/api/diff-databases.js';
import { introspect } from '../../src/introspect/index.js';
import { splitStatements } from '../../src/migrations/index.js';
import { ENGINES, roundTrip } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

/** The example: the type, then the table whose column is of it. */
const PERSON = `CREATE TYPE public.addr AS (street text, zip integer);
  CREATE TABLE public.person (id integer PRIMARY KEY, home public.addr);`;

/**
 * Everything that can use a composite type: another composite type's attribute (and an array of it),
 * a domain over it, a table column and an array column, a function taking and returning it, a view.
 */
const USERS = `CREATE DOMAIN public.zipcode AS integer CHECK (VALUE > 0);
  CREATE TYPE public.addr AS (street text COLLATE "C", zip public.zipcode);
  CREATE TYPE public.a_contact AS (name text, home public.addr, past public.addr[]);
  CREATE DOMAIN public.known_addr AS public.addr CHECK ((VALUE).street IS NOT NULL);
  CREATE TABLE public.person (id integer PRIMARY KEY, home public.addr, past public.addr[], who public.a_contact, checked public.known_addr);
  CREATE FUNCTION public.street_of(a public.addr) RETURNS text LANGUAGE sql IMMUTABLE RETURN (a).street;
  CREATE FUNCTION public.nowhere() RETURNS public.addr LANGUAGE sql IMMUTABLE RETURN ROW('none', 1)::public.addr;
  CREATE VIEW public.streets AS SELECT id, (home).street AS street FROM public.person;`;

describe.each(ENGINES)('composite types on $name', (engine) => {
  it.skipIf(engine.skip)('creates the type before the table whose column uses it, and drops it after', async () => {
    const up = await roundTrip(engine, '', PERSON);
    expect(up.remainingScript).toBe('');
    expectBefore(up.script, 'CREATE TYPE public.addr AS (street text, zip integer)', 'CREATE TABLE public.person');
    const down = await roundTrip(engine, PERSON, '');
    expect(down.remainingScript).toBe('');
    expectBefore(down.script, 'DROP TABLE public.person', 'DROP TYPE public.addr');
  });

  it.skipIf(engine.skip)('orders every kind of user around the type, from empty and back to empty', async () => {
    const up = await roundTrip(engine, '', USERS);
    expect(up.remainingScript).toBe('');
    expectBefore(up.script, 'CREATE DOMAIN public.zipcode', 'CREATE TYPE public.addr');
    expectBefore(up.script, 'CREATE TYPE public.addr', 'CREATE TYPE public.a_contact');
    expectBefore(up.script, 'CREATE TYPE public.a_contact', 'CREATE DOMAIN public.known_addr');
    expectBefore(up.script, 'CREATE DOMAIN public.known_addr', 'CREATE TABLE public.person');
    expectBefore(up.script, 'CREATE TYPE public.addr', 'FUNCTION public.street_of');
    const down = await roundTrip(engine, USERS, '');
    expect(down.remainingScript).toBe('');
    expectBefore(down.script, 'DROP TABLE public.person', 'DROP DOMAIN public.known_addr');
    expectBefore(down.script, 'DROP FUNCTION public.street_of', 'DROP TYPE public.addr');
    expectBefore(down.script, 'DROP DOMAIN public.known_addr', 'DROP TYPE public.a_contact');
    expectBefore(down.script, 'DROP TYPE public.a_contact', 'DROP TYPE public.addr');
    expectBefore(down.script, 'DROP TYPE public.addr', 'DROP DOMAIN public.zipcode');
  });

  it.skipIf(engine.skip)('adds, retypes and drops attributes of an unused type in place, with comments', async () => {
    const before = `CREATE TYPE public.pair AS (a integer, b text, gone text);
      COMMENT ON TYPE public.pair IS 'old';
      COMMENT ON COLUMN public.pair.b IS 'b';`;
    const after = `CREATE TYPE public.pair AS (a bigint, b text COLLATE "C", c public.pair_kind);
      COMMENT ON TYPE public.pair IS 'new';
      COMMENT ON COLUMN public.pair.c IS 'c';`;
    const r = await roundTrip(engine, `CREATE TYPE public.pair_kind AS (k integer); ${before}`, `CREATE TYPE public.pair_kind AS (k integer); ${after}`);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('ALTER TYPE public.pair ALTER ATTRIBUTE a TYPE bigint');
    expect(r.script).toContain('ALTER TYPE public.pair ALTER ATTRIBUTE b TYPE text COLLATE "C"');
    expect(r.script).toContain('ALTER TYPE public.pair ADD ATTRIBUTE c public.pair_kind');
    expect(r.script).toContain("COMMENT ON COLUMN public.pair.b IS NULL");
    expectBefore(r.script, '-- phase: contract', 'ALTER TYPE public.pair DROP ATTRIBUTE gone');
    expect(r.script).not.toContain('DROP TYPE');
  });

  it.skipIf(engine.skip)('drops a view that reads a retyped attribute before the ALTER TYPE and creates it again after', async () => {
    const schema = (zip: string): string => `CREATE TYPE public.addr AS (street text, zip ${zip});
      CREATE FUNCTION public.nowhere() RETURNS public.addr LANGUAGE sql IMMUTABLE AS $$ SELECT ROW('none', 1)::public.addr $$;
      CREATE VIEW public.zips AS SELECT (public.nowhere()).zip AS zip;`;
    const r = await roundTrip(engine, schema('integer'), schema('bigint'));
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP VIEW public.zips', 'ALTER TYPE public.addr ALTER ATTRIBUTE zip TYPE bigint');
    expectBefore(r.script, 'ALTER TYPE public.addr ALTER ATTRIBUTE zip TYPE bigint', 'CREATE VIEW public.zips');
  });

  it.skipIf(engine.skip)('adds and drops attributes of a used type in place, keeping the values of the others', async () => {
    const after = `CREATE TYPE public.addr AS (street text, city text);
      CREATE TABLE public.person (id integer PRIMARY KEY, home public.addr);
      CREATE VIEW public.streets AS SELECT id, (home).street AS street FROM public.person;`;
    await engine.withPair(async (a, b) => {
      await a.exec(`${PERSON} CREATE VIEW public.streets AS SELECT id, (home).street AS street FROM public.person;
        INSERT INTO public.person VALUES (1, ROW('main', 42))`);
      await b.exec(after);
      const first = await diffDatabases(a, b, { allowHazards: true });
      const dropped = first.plan.steps.find((st) => st.op.kind === 'alter-composite-type' && st.op.action.kind === 'drop-attribute');
      expect(dropped?.phase).toBe('contract');
      expect(dropped?.hazards.map((h) => `${h.kind}:${h.risk}`)).toEqual(['data-loss:high']);
      expect(first.script).toContain('ALTER TYPE public.addr ADD ATTRIBUTE city text');
      for (const statement of splitStatements(first.script)) await a.exec(statement.text);
      expect(diffModels(await introspect(a), await introspect(b), { allowHazards: true }).script).toBe('');
      const { rows } = await a.query<{ home: string }>('SELECT home::text AS home FROM public.person');
      expect(rows).toEqual([{ home: '(main,)' }]);
    });
  });

  it.skipIf(engine.skip)('rebuilds a used type whose attribute changes type, converting its columns and keeping their data', async () => {
    const before = `${PERSON}
      COMMENT ON TYPE public.addr IS 'an address';
      CREATE TABLE public.mail (id integer, stops public.addr[]);
      CREATE VIEW public.homes AS SELECT id, home FROM public.person;`;
    const after = `CREATE TYPE public.addr AS (street text, zip text);
      COMMENT ON TYPE public.addr IS 'an address';
      COMMENT ON COLUMN public.addr.zip IS 'with letters';
      CREATE TABLE public.person (id integer PRIMARY KEY, home public.addr);
      CREATE TABLE public.mail (id integer, stops public.addr[]);
      CREATE VIEW public.homes AS SELECT id, home FROM public.person;`;
    await engine.withPair(async (a, b) => {
      await a.exec(before);
      await a.exec(`INSERT INTO public.person VALUES (1, ROW('main', 42)), (2, NULL);
        INSERT INTO public.mail VALUES (1, ARRAY[ROW('side', 7)::public.addr])`);
      await b.exec(after);
      const first = await diffDatabases(a, b, { allowHazards: true });
      const retypes = first.plan.steps.filter((st) => st.op.kind === 'alter-column-type');
      expect(retypes).toHaveLength(2);
      for (const st of retypes) {
        expect(st.phase).toBe('contract');
        expect(st.hazards.map((h) => `${h.kind}:${h.risk}`)).toEqual(['data-loss:high', 'rewrite:high']);
      }
      expect(first.script).toContain('ALTER TYPE public.addr__pgtide_new RENAME TO addr');
      expect(first.script).not.toContain('CASCADE');
      for (const statement of splitStatements(first.script)) await a.exec(statement.text);
      expect(diffModels(await introspect(a), await introspect(b), { allowHazards: true }).script).toBe('');
      const { rows } = await a.query<{ id: number; zip: string | null }>('SELECT id, (home).zip AS zip FROM public.homes ORDER BY id');
      expect(rows).toEqual([{ id: 1, zip: '42' }, { id: 2, zip: null }]);
      const { rows: mail } = await a.query<{ stops: string }>('SELECT stops::text AS stops FROM public.mail');
      expect(mail).toEqual([{ stops: '{"(side,7)"}' }]);
    });
  });

  it.skipIf(engine.skip)('drops and creates an unused type whose attributes change order', async () => {
    const r = await roundTrip(engine, 'CREATE TYPE public.pair AS (a integer, b text);', 'CREATE TYPE public.pair AS (b text, a integer);');
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP TYPE public.pair', 'CREATE TYPE public.pair AS (b text, a integer)');
  });

  it.skipIf(engine.skip)('quotes names that need it', async () => {
    const r = await roundTrip(engine, 'CREATE SCHEMA "My Schema";',
      `CREATE SCHEMA "My Schema"; CREATE TYPE "My Schema"."Point Pair" AS ("X" integer, "select" text);
       COMMENT ON COLUMN "My Schema"."Point Pair"."X" IS 'x';
       CREATE TABLE "My Schema".t (p "My Schema"."Point Pair");`);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('CREATE TYPE "My Schema"."Point Pair" AS ("X" integer, "select" text)');
  });
});
