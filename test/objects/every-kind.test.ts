import { describe, expect, it } from 'vitest';
import { diffDatabases, diffModels } from '../../src/api/diff-databases.js';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { introspect } from '../../src/introspect/index.js';
import { splitStatements } from '../../src/migrations/index.js';
import { KIND_TRAITS, KINDS } from '../../src/model/kinds.js';
import type { DbObject, Kind } from '../../src/model/types.js';
import { ENGINES, type ObjectEngine } from './helpers.js';

/**
 * A tiny schema for each kind, with what it needs; commented where the kind has comments, so that its
 * COMMENT ON target is exercised too. A Record: a kind added to the model without an example here
 * does not compile, so no kind can be wired only half-way through the pipeline unnoticed.
 */
const EXAMPLES: Record<Kind, string> = {
  schema: `CREATE SCHEMA app;
    COMMENT ON SCHEMA app IS 'the application';`,
  extension: 'CREATE EXTENSION citext;',
  enum: `CREATE TYPE public.mood AS ENUM ('sad', 'happy');
    COMMENT ON TYPE public.mood IS 'how it feels';`,
  sequence: `CREATE SEQUENCE public.ticket START 10 INCREMENT 5;
    COMMENT ON SEQUENCE public.ticket IS 'tickets';`,
  table: `CREATE TABLE public.item (id integer NOT NULL, name text DEFAULT 'x');
    COMMENT ON TABLE public.item IS 'items';
    COMMENT ON COLUMN public.item.name IS 'its name';`,
  constraint: `CREATE TABLE public.item (id integer, code text);
    ALTER TABLE public.item ADD CONSTRAINT item_pkey PRIMARY KEY (id);
    ALTER TABLE public.item ADD CONSTRAINT item_code_check CHECK (code <> '');
    COMMENT ON CONSTRAINT item_pkey ON public.item IS 'the key';`,
  index: `CREATE TABLE public.item (id integer, name text);
    CREATE INDEX item_lower_name ON public.item (lower(name)) WHERE id > 0;
    COMMENT ON INDEX public.item_lower_name IS 'by name';`,
  view: `CREATE TABLE public.item (id integer, name text);
    CREATE VIEW public.item_names AS SELECT name FROM public.item WHERE id > 0;
    COMMENT ON VIEW public.item_names IS 'names';`,
  function: `CREATE FUNCTION public.twice(n integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN n * 2;
    COMMENT ON FUNCTION public.twice(integer) IS 'doubles';`,
  trigger: `CREATE TABLE public.item (id integer, touched timestamptz);
    CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched := now(); RETURN NEW; END $$;
    CREATE TRIGGER item_touch BEFORE UPDATE ON public.item FOR EACH ROW EXECUTE FUNCTION public.touch();
    COMMENT ON TRIGGER item_touch ON public.item IS 'keeps touched';`,
  policy: `CREATE TABLE public.item (id integer, owner text);
    ALTER TABLE public.item ENABLE ROW LEVEL SECURITY;
    CREATE POLICY item_own ON public.item FOR SELECT TO PUBLIC USING (owner = current_user);
    COMMENT ON POLICY item_own ON public.item IS 'own rows';`,
  privilege: `CREATE TABLE public.item (id integer);
    GRANT SELECT, UPDATE ON public.item TO PUBLIC;`,
  collation: `CREATE COLLATION public.posix (provider = libc, locale = 'POSIX');
    COMMENT ON COLLATION public.posix IS 'bytewise';`,
  domain: `CREATE DOMAIN public.positive AS integer DEFAULT 1 NOT NULL CONSTRAINT positive_check CHECK (VALUE > 0);
    COMMENT ON DOMAIN public.positive IS 'above zero';`,
  // a table column of the type, so that the type comes first; an attribute's comment is COMMENT ON COLUMN
  'composite-type': `CREATE TYPE public.addr AS (street text COLLATE "C", zip integer);
    COMMENT ON TYPE public.addr IS 'an address';
    COMMENT ON COLUMN public.addr.zip IS 'postal code';
    CREATE TABLE public.person (id integer PRIMARY KEY, home public.addr, past public.addr[]);`,
  // One schema's entry, and one for every schema that revokes a built-in default (no comments: the
  // server has none for them). The roles are the one running the test and PUBLIC, which always exist.
  'default-privileges': `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC;
    ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;`,
  // Of the whole database, in scope through its function's schema; filtered, switched to REPLICA, commented.
  'event-trigger': `CREATE FUNCTION public.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
    CREATE EVENT TRIGGER on_create ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION public.on_ddl();
    ALTER EVENT TRIGGER on_create ENABLE REPLICA;
    COMMENT ON EVENT TRIGGER on_create IS 'watches tables';`,
  // Statistics over two columns and an expression, with a target of its own.
  statistics: `CREATE TABLE public.item (id integer, size integer, name text);
    CREATE STATISTICS public.item_stats (dependencies, ndistinct) ON id, size, lower(name) FROM public.item;
    ALTER STATISTICS public.item_stats SET STATISTICS 200;
    COMMENT ON STATISTICS public.item_stats IS 'correlated';`,
  // A rule whose action writes another table, disabled on the replica side only.
  rule: `CREATE TABLE public.item (id integer);
    CREATE TABLE public.item_log (id integer);
    CREATE RULE item_keep AS ON DELETE TO public.item DO INSTEAD INSERT INTO public.item_log VALUES (old.id);
    ALTER TABLE public.item ENABLE REPLICA RULE item_keep;
    COMMENT ON RULE item_keep ON public.item IS 'deletes are logged';`,
  // The multirange, arrays and constructors are the range's: only CREATE TYPE and the comment are planned.
  'range-type': `CREATE TYPE public.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi, multirange_type_name = public.floatranges);
    COMMENT ON TYPE public.floatrange IS 'spans of doubles';`,
  // With what it calls (a SQL-language function) and a view that calls it, which come before and after it.
  aggregate: `CREATE FUNCTION public.joined(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1 || ',' || $2 $$;
    CREATE AGGREGATE public.join_all(text) (SFUNC = public.joined, STYPE = text, INITCOND = '', PARALLEL = SAFE);
    COMMENT ON AGGREGATE public.join_all(text) IS 'joins them';
    CREATE VIEW public.schemas AS SELECT public.join_all(nspname::text) AS names FROM pg_catalog.pg_namespace;`,
  // With its table, which comes before it; a column list, a row filter and options of its own.
  publication: `CREATE TABLE public.item (id integer PRIMARY KEY, name text, hidden text);
    CREATE PUBLICATION feed FOR TABLE public.item (id, name) WHERE (id > 0) WITH (publish = 'insert, update', publish_via_partition_root = true);
    COMMENT ON PUBLICATION feed IS 'items out';`,
};

/** PGlite loads a contrib extension only when the instance is opened with it. */
const CONTRIB: Partial<Record<Kind, readonly string[]>> = { extension: ['citext'] };

async function withPair(engine: ObjectEngine, kind: Kind, fn: (a: Queryable, b: Queryable) => Promise<void>): Promise<void> {
  const extensions = CONTRIB[kind];
  if (engine.name !== 'pglite' || extensions === undefined) return engine.withPair(fn);
  const [a, b] = await Promise.all([scratchPglite({ extensions }), scratchPglite({ extensions })]);
  try {
    await fn(a, b);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

const commented = (o: DbObject): boolean => 'comment' in o && o.comment !== null;

describe.each(ENGINES)('every kind round-trips on $name', (engine) => {
  it.skipIf(engine.skip).each(KINDS.map((kind) => ({ kind })))('$kind', async ({ kind }) => {
    await withPair(engine, kind, async (empty, a) => {
      await a.exec(EXAMPLES[kind]);
      const first = await diffDatabases(empty, a, { allowHazards: true });
      // One statement at a time, as psql runs a script.
      for (const statement of splitStatements(first.script)) await empty.exec(statement.text);
      const [replayed, wanted] = await Promise.all([introspect(empty), introspect(a)]);
      // The example holds the kind (and its comment, where it has one): the round trip below covers it.
      const ofKind: DbObject[] = [...wanted[kind].values()];
      expect(ofKind.length).toBeGreaterThan(0);
      if (KIND_TRAITS[kind].commentOn.length > 0) expect(ofKind.some(commented)).toBe(true);
      expect(replayed).toEqual(wanted);
      const again = diffModels(replayed, wanted, { allowHazards: true });
      expect(again.script).toBe('');
      expect(again.changeCount).toBe(0);
    });
  });
});
