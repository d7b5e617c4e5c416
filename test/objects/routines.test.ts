import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

const ADD = `CREATE FUNCTION public.add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN a + b;`;

describe.each(ENGINES)('functions and triggers on $name', (engine) => {
  it.skipIf(engine.skip)('creates overloads, SQL bodies over tables and functions used by defaults and checks', async () => {
    const after = `${ADD}
      CREATE FUNCTION public.add(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE RETURN a || b;
      CREATE FUNCTION public.twice(a integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN public.add(a, a);
      CREATE TABLE public.t (id integer DEFAULT public.twice(21), v integer CHECK (public.add(v, 1) > 0));
      CREATE FUNCTION public.total() RETURNS bigint LANGUAGE sql AS $$ SELECT sum(v) FROM public.t $$;
      CREATE PROCEDURE public.reset() LANGUAGE sql AS $$ DELETE FROM public.t $$;
      COMMENT ON FUNCTION public.add(integer, integer) IS 'adds';`;
    const r = await roundTrip(engine, '', after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'FUNCTION public.twice', 'CREATE TABLE public.t');
    expectBefore(r.script, 'CREATE TABLE public.t', 'FUNCTION public.total');
  });

  it.skipIf(engine.skip)('replaces a body in place and re-creates a function whose result type changes, with its dependents', async () => {
    const before = `CREATE TABLE public.emp (name text, salary integer, stamp timestamptz);
      CREATE FUNCTION public.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.stamp := now(); RETURN NEW; END $$;
      CREATE TRIGGER emp_stamp BEFORE UPDATE ON public.emp FOR EACH ROW EXECUTE FUNCTION public.stamp();
      CREATE FUNCTION public.rate(s integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN s * 2;
      CREATE VIEW public.rates AS SELECT name, public.rate(salary) AS r FROM public.emp;
      CREATE FUNCTION public.doubled(s integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN public.rate(s) * 2;`;
    const after = `CREATE TABLE public.emp (name text, salary integer, stamp timestamptz);
      CREATE FUNCTION public.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.stamp := clock_timestamp(); RETURN NEW; END $$;
      CREATE TRIGGER emp_stamp BEFORE UPDATE ON public.emp FOR EACH ROW EXECUTE FUNCTION public.stamp();
      CREATE FUNCTION public.rate(s integer) RETURNS bigint LANGUAGE sql IMMUTABLE RETURN s * 3;
      CREATE VIEW public.rates AS SELECT name, public.rate(salary) AS r FROM public.emp;
      CREATE FUNCTION public.doubled(s integer) RETURNS bigint LANGUAGE sql IMMUTABLE RETURN public.rate(s) * 2;`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('DROP FUNCTION public.rate(s integer)');
    expect(r.script).toContain('DROP VIEW public.rates');
    expect(r.script).not.toContain('DROP FUNCTION public.stamp');
    expect(r.script).not.toContain('DROP TRIGGER');
  });

  it.skipIf(engine.skip)('re-creates a changed trigger, replaces its function in place and sets trigger state and comment', async () => {
    const before = `CREATE TABLE public.t (id integer, v integer);
      CREATE FUNCTION public.guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER g BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.guard();
      CREATE TRIGGER h AFTER DELETE ON public.t FOR EACH ROW EXECUTE FUNCTION public.guard();`;
    // SECURITY DEFINER is an OR REPLACE change; a new event or WHEN clause re-creates the trigger.
    const after = `CREATE TABLE public.t (id integer, v integer);
      CREATE FUNCTION public.guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER g BEFORE INSERT OR UPDATE ON public.t FOR EACH ROW WHEN (NEW.v IS NOT NULL) EXECUTE FUNCTION public.guard();
      CREATE TRIGGER h AFTER DELETE ON public.t FOR EACH ROW EXECUTE FUNCTION public.guard();
      ALTER TABLE public.t DISABLE TRIGGER h;
      COMMENT ON TRIGGER g ON public.t IS 'guards';`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('DROP TRIGGER g ON public.t');
    expect(r.script).not.toContain('DROP FUNCTION');
    expect(r.script).toContain('ALTER TABLE public.t DISABLE TRIGGER h');
  });

  it.skipIf(engine.skip)('re-creates a trigger around a function whose return type changes under it', async () => {
    const trigger = `CREATE TABLE public.t (id integer, v integer);
      CREATE FUNCTION public.log_big() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER big BEFORE INSERT ON public.t FOR EACH ROW WHEN (public.score(NEW.v) > 10) EXECUTE FUNCTION public.log_big();`;
    const before = `CREATE FUNCTION public.score(v integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN v * 2;\n${trigger}`;
    const after = `CREATE FUNCTION public.score(v integer) RETURNS bigint LANGUAGE sql IMMUTABLE RETURN v * 3;\n${trigger}`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    const order = ['DROP TRIGGER big', 'DROP FUNCTION public.score', 'CREATE OR REPLACE FUNCTION public.score', 'CREATE TRIGGER big'].map((s) => r.script.indexOf(s));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it.skipIf(engine.skip)('drops a trigger before the function it calls, and functions dependents-first', async () => {
    const before = `${ADD}
      CREATE FUNCTION public.twice(a integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN public.add(a, a);
      CREATE TABLE public.t (id integer);
      CREATE FUNCTION public.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER n BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.noop();`;
    const r = await roundTrip(engine, before, 'CREATE TABLE public.t (id integer);');
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP FUNCTION public.twice', 'DROP FUNCTION public.add');
  });
});
