import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

// Pagila's rewards_report, reduced: a function returning SETOF a table's row type depends on the table
// (pg_depend on the table's pg_type), so it must be created after it and dropped before it.
const PAGILA = `CREATE TABLE public.customer (customer_id integer PRIMARY KEY, email text);
  CREATE FUNCTION public.rewards_report(min_purchases integer) RETURNS SETOF public.customer
    LANGUAGE plpgsql AS $$ BEGIN RETURN QUERY SELECT * FROM public.customer LIMIT min_purchases; END $$;`;

describe.each(ENGINES)('row types used by functions on $name', (engine) => {
  it.skipIf(engine.skip)('creates a function returning SETOF a table after the table, and drops it first', async () => {
    const up = await roundTrip(engine, '', PAGILA);
    expect(up.remainingScript).toBe('');
    expectBefore(up.script, 'CREATE TABLE public.customer', 'FUNCTION public.rewards_report');
    const down = await roundTrip(engine, PAGILA, '');
    expect(down.remainingScript).toBe('');
    expectBefore(down.script, 'DROP FUNCTION public.rewards_report', 'DROP TABLE public.customer');
  });

  it.skipIf(engine.skip)('orders functions over a view\'s row type and a row type argument around their relations', async () => {
    const schema = `CREATE TABLE public.film (film_id integer PRIMARY KEY, title text);
      CREATE VIEW public.film_list AS SELECT film_id, title FROM public.film;
      CREATE FUNCTION public.listed() RETURNS SETOF public.film_list LANGUAGE plpgsql
        AS $$ BEGIN RETURN QUERY SELECT * FROM public.film_list; END $$;
      CREATE FUNCTION public.label(f public.film) RETURNS text LANGUAGE plpgsql IMMUTABLE
        AS $$ BEGIN RETURN f.title; END $$;`;
    const up = await roundTrip(engine, '', schema);
    expect(up.remainingScript).toBe('');
    expectBefore(up.script, 'CREATE VIEW public.film_list', 'FUNCTION public.listed');
    expectBefore(up.script, 'CREATE TABLE public.film', 'FUNCTION public.label');
    const down = await roundTrip(engine, schema, '');
    expect(down.remainingScript).toBe('');
    expectBefore(down.script, 'DROP FUNCTION public.listed', 'DROP VIEW public.film_list');
    expectBefore(down.script, 'DROP FUNCTION public.label', 'DROP TABLE public.film');
    // The view alone goes: the function over its row type goes with it, before it.
    const viewGoes = await roundTrip(engine, schema, `CREATE TABLE public.film (film_id integer PRIMARY KEY, title text);
      CREATE FUNCTION public.label(f public.film) RETURNS text LANGUAGE plpgsql IMMUTABLE
        AS $$ BEGIN RETURN f.title; END $$;`);
    expect(viewGoes.remainingScript).toBe('');
    expectBefore(viewGoes.script, 'DROP FUNCTION public.listed', 'DROP VIEW public.film_list');
  });
});
