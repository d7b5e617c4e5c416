import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

// Changes CREATE OR REPLACE refuses: the function is dropped and created again, with what calls it.
const EMP = `CREATE TABLE public.emp (name text, salary integer);
CREATE FUNCTION public.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;`;
// Every kind of caller the server refuses to drop a function under, each calling public.rate.
const USERS = `CREATE VIEW public.rates AS SELECT name, public.rate(salary, 2) AS r FROM public.emp;
CREATE TRIGGER big BEFORE INSERT ON public.emp FOR EACH ROW WHEN (public.rate(NEW.salary, 1) > 10) EXECUTE FUNCTION public.noop();
CREATE POLICY paid ON public.emp USING (public.rate(salary, 1) > 0);
ALTER TABLE public.emp ADD COLUMN bonus integer DEFAULT public.rate(1, 1);
ALTER TABLE public.emp ADD CONSTRAINT emp_rated CHECK (public.rate(salary, 1) >= 0);
CREATE DOMAIN public.rated AS integer CONSTRAINT rated_pos CHECK (public.rate(VALUE, 1) >= 0);`;

interface Case {
  readonly what: string;
  readonly before: string;
  readonly after: string;
  /** Callers of another function the case changes. */
  readonly users?: string;
}

const CASES: readonly Case[] = [
  {
    what: 'a renamed input parameter',
    before: 'CREATE FUNCTION public.rate(s integer, k integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN s * k;',
    after: 'CREATE FUNCTION public.rate(amount integer, k integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN amount * k;',
  },
  {
    what: 'a changed return type of a plpgsql function',
    before: 'CREATE FUNCTION public.rate(s integer, k integer) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN s * k; END $$;',
    after: 'CREATE FUNCTION public.rate(s integer, k integer) RETURNS numeric LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN s * k; END $$;',
  },
  {
    what: 'removed argument defaults',
    before: 'CREATE FUNCTION public.rate(s integer, k integer DEFAULT 2) RETURNS integer LANGUAGE sql IMMUTABLE RETURN s * k;',
    after: 'CREATE FUNCTION public.rate(s integer, k integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN s * k;',
  },
  {
    what: 'a changed OUT-parameter list',
    before: `CREATE FUNCTION public.split(s integer, OUT lo integer, OUT hi integer) LANGUAGE sql IMMUTABLE AS $$ SELECT s, s * 2 $$;
CREATE FUNCTION public.rate(s integer, k integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN s * k;`,
    after: `CREATE FUNCTION public.split(s integer, OUT lo integer, OUT high integer) LANGUAGE sql IMMUTABLE AS $$ SELECT s, s * 2 $$;
CREATE FUNCTION public.rate(s integer, k integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN s * k;`,
    users: `CREATE VIEW public.halves AS SELECT (public.split(salary)).* FROM public.emp;
ALTER TABLE public.emp ADD COLUMN half integer DEFAULT (public.split(1)).lo;`,
  },
];

describe.each(ENGINES)('functions CREATE OR REPLACE cannot change, on $name', (engine) => {
  it.skipIf(engine.skip).each(CASES)('re-creates a function for $what, with the view, trigger, policy, default, check and domain that call it', async (c) => {
    let rows: unknown[] = [];
    const users = `${USERS}\n${c.users ?? ''}`;
    const r = await roundTrip(engine, `${EMP}\n${c.before}\n${users}\nINSERT INTO public.emp VALUES ('a', 20);`, `${EMP}\n${c.after}\n${users}`, '', async (db) => {
      rows = (await db.query('SELECT name, bonus FROM public.emp')).rows;
    });
    expect(r.remainingScript).toBe('');
    expect(r.script).not.toContain('CREATE OR REPLACE VIEW');
    expect(rows).toEqual([{ name: 'a', bonus: 1 }]);
  });

  it.skipIf(engine.skip)('drops the view and trigger before the function and creates them after it', async () => {
    const r = await roundTrip(engine, `${EMP}\n${CASES[0]!.before}\n${USERS}`, `${EMP}\n${CASES[0]!.after}\n${USERS}`);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP VIEW public.rates', 'DROP FUNCTION public.rate(s integer, k integer)');
    expectBefore(r.script, 'DROP TRIGGER big', 'DROP FUNCTION public.rate(s integer, k integer)');
    expectBefore(r.script, 'DROP FUNCTION public.rate(s integer, k integer)', 'FUNCTION public.rate(amount integer, k integer)');
    expectBefore(r.script, 'FUNCTION public.rate(amount integer, k integer)', 'CREATE VIEW public.rates');
    expectBefore(r.script, 'FUNCTION public.rate(amount integer, k integer)', 'CREATE TRIGGER big');
  });

  it.skipIf(engine.skip)('re-creates a procedure whose parameter is renamed', async () => {
    const before = 'CREATE PROCEDURE public.bump(n integer) LANGUAGE sql AS $$ UPDATE public.emp SET salary = salary + n $$;';
    const after = 'CREATE PROCEDURE public.bump(delta integer) LANGUAGE sql AS $$ UPDATE public.emp SET salary = salary + delta $$;';
    const r = await roundTrip(engine, `${EMP}\n${before}`, `${EMP}\n${after}`);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP PROCEDURE public.bump(IN n integer)', 'PROCEDURE public.bump(IN delta integer)');
  });

  it.skipIf(engine.skip)('re-creates a function whose parameter is renamed under a domain check, a column default and a table check', async () => {
    const users = `CREATE DOMAIN public.small AS integer CONSTRAINT small_max CHECK (public.cap(VALUE) < 100);
CREATE TABLE public.t (v public.small DEFAULT public.cap(3), w integer DEFAULT public.cap(4) CONSTRAINT w_cap CHECK (public.cap(w) > 0));`;
    const before = `CREATE FUNCTION public.cap(x integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN x;\n${users}`;
    const after = `CREATE FUNCTION public.cap(y integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN y;\n${users}`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    const back = await roundTrip(engine, after, before);
    expect(back.remainingScript).toBe('');
  });
});
