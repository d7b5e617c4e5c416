import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

// A domain whose CHECK and DEFAULT call functions, and a table whose column default calls one: each
// function must exist before its caller is created and outlive it when both go. Both languages:
// plpgsql bodies are opaque to the server, SQL-standard bodies are tracked (and go late by default).
const FUNCTIONS = `CREATE FUNCTION public.is_code(v text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN v ~ '^[a-z]+$'; END $$;
CREATE FUNCTION public.short(v text) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN length(v) < 10;
CREATE FUNCTION public.first_code() RETURNS text LANGUAGE sql IMMUTABLE RETURN 'abc';
CREATE FUNCTION public."Next Id"() RETURNS integer LANGUAGE sql RETURN 42;`;
const USERS = `CREATE DOMAIN public.code AS text DEFAULT public.first_code()
  CONSTRAINT code_form CHECK (public.is_code(VALUE)) CONSTRAINT code_short CHECK (public.short(VALUE));
CREATE TABLE public.items (id integer DEFAULT public."Next Id"(), c public.code);`;
const ALL = `${FUNCTIONS}\n${USERS}`;

describe.each(ENGINES)('functions called by domains and defaults on $name', (engine) => {
  it.skipIf(engine.skip)('creates every function before the domain and the table that call them', async () => {
    const r = await roundTrip(engine, '', ALL);
    expect(r.remainingScript).toBe('');
    for (const f of ['public.is_code', 'public.short', 'public.first_code']) {
      expectBefore(r.script, `FUNCTION ${f}`, 'CREATE DOMAIN public.code');
    }
    expectBefore(r.script, 'FUNCTION public."Next Id"', 'CREATE TABLE public.items');
  });

  it.skipIf(engine.skip)('creates a SQL function whose name needs quoting before the table whose default calls it', async () => {
    const after = `CREATE FUNCTION public."Next Id"() RETURNS integer LANGUAGE sql RETURN 42;
CREATE TABLE public.items (id integer DEFAULT public."Next Id"());`;
    const r = await roundTrip(engine, '', after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'FUNCTION public."Next Id"', 'CREATE TABLE public.items');
  });

  it.skipIf(engine.skip)('drops the domain and the table before the functions they call', async () => {
    const r = await roundTrip(engine, ALL, '');
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP DOMAIN public.code', 'DROP FUNCTION public.is_code');
  });

  it.skipIf(engine.skip)('replaces the bodies of functions that a domain calls', async () => {
    const after = ALL.replace("'^[a-z]+$'", () => "'^[a-z0-9]+$'").replace('length(v) < 10', 'length(v) < 12');
    const r = await roundTrip(engine, ALL, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).not.toContain('DROP');
  });

  it.skipIf(engine.skip)('re-creates a function that a domain check and default call when its result type changes', async () => {
    const before = `CREATE FUNCTION public.len(v text) RETURNS integer LANGUAGE sql IMMUTABLE RETURN length(v);
CREATE FUNCTION public.seed() RETURNS integer LANGUAGE sql IMMUTABLE RETURN 7;
CREATE DOMAIN public.code AS text DEFAULT public.seed()::text CONSTRAINT code_len CHECK (public.len(VALUE) < 10) CONSTRAINT code_plain CHECK (VALUE <> '');
CREATE TABLE public.items (c public.code);
INSERT INTO public.items VALUES ('abc');`;
    const after = before.replace(/RETURNS integer/g, 'RETURNS bigint').replace("INSERT INTO public.items VALUES ('abc');", '');
    let rows: unknown[] = [];
    const r = await roundTrip(engine, before, after, '', async (db) => { rows = (await db.query('SELECT c FROM public.items')).rows; });
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('DROP FUNCTION public.len(v text)');
    expect(rows).toEqual([{ c: 'abc' }]);
  });

  it.skipIf(engine.skip)('moves a domain check from one function to a new one, and drops the old one', async () => {
    const before = `CREATE FUNCTION public.old_rule(v text) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN v <> '';
CREATE DOMAIN public.code AS text CONSTRAINT code_rule CHECK (public.old_rule(VALUE));
CREATE TABLE public.items (c public.code);`;
    const after = `CREATE FUNCTION public.new_rule(v text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN v IS NOT NULL; END $$;
CREATE DOMAIN public.code AS text CONSTRAINT code_rule CHECK (public.new_rule(VALUE));
CREATE TABLE public.items (c public.code);`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    const back = await roundTrip(engine, after, before);
    expect(back.remainingScript).toBe('');
  });

  it.skipIf(engine.skip)('creates a domain that calls a function over a new table column default calling another', async () => {
    const r = await roundTrip(engine, FUNCTIONS, ALL);
    expect(r.remainingScript).toBe('');
    const back = await roundTrip(engine, ALL, FUNCTIONS);
    expect(back.remainingScript).toBe('');
  });
});
