import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

// A SQL-language transition function (created after the tables, like Pagila's _group_concat), the
// aggregate over it, and a view and a BEGIN ATOMIC function that call the aggregate.
const JOINED = `CREATE FUNCTION public.joined(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END $$;`;
const CALLERS = `CREATE TABLE public.actor (id integer, name text);
  CREATE VIEW public.names AS SELECT public.join_all(name) AS all_names FROM public.actor;
  CREATE FUNCTION public.all_names() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT public.join_all(name) FROM public.actor; END;`;
const WITH_CALLERS = `${JOINED}
  CREATE AGGREGATE public.join_all(text) (SFUNC = public.joined, STYPE = text);
  COMMENT ON AGGREGATE public.join_all(text) IS 'joins names';
  ${CALLERS}`;

// Every option the catalog holds, on built-in support functions: ordered-set and hypothetical-set
// aggregates, a moving aggregate with combine function and sizes, a sort operator, and one over no argument.
const EVERY_OPTION = `
  CREATE AGGREGATE public.pct(float8 ORDER BY float8) (SFUNC = ordered_set_transition, STYPE = internal,
    FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA, FINALFUNC_MODIFY = SHAREABLE);
  CREATE AGGREGATE public.hyp(VARIADIC "any" ORDER BY VARIADIC "any") (SFUNC = ordered_set_transition_multi,
    STYPE = internal, FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);
  CREATE AGGREGATE public.avg4(int4) (SFUNC = int4_avg_accum, STYPE = int8[], SSPACE = 16, FINALFUNC = int8_avg,
    INITCOND = '{0,0}', COMBINEFUNC = int4_avg_combine, MSFUNC = int4_avg_accum, MINVFUNC = int4_avg_accum_inv,
    MSTYPE = int8[], MSSPACE = 16, MFINALFUNC = int8_avg, MFINALFUNC_MODIFY = READ_WRITE, MINITCOND = '{0,0}', PARALLEL = SAFE);
  CREATE AGGREGATE public.top(int4) (SFUNC = int4larger, STYPE = int4, SORTOP = >, PARALLEL = RESTRICTED);
  CREATE AGGREGATE public.rows_seen(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0');
  CREATE AGGREGATE "My Schema"."Odd Agg"(text) (SFUNC = pg_catalog.textcat, STYPE = text, INITCOND = 'it''s');
  COMMENT ON AGGREGATE public.rows_seen(*) IS 'counts';
  COMMENT ON AGGREGATE public.pct(float8 ORDER BY float8) IS 'percentile';`;

describe.each(ENGINES)('aggregates on $name', (engine) => {
  it.skipIf(engine.skip)('creates an aggregate after its function and before what calls it, and drops it the other way', async () => {
    const up = await roundTrip(engine, '', WITH_CALLERS);
    expect(up.remainingScript).toBe('');
    expectBefore(up.script, 'CREATE TABLE public.actor', 'FUNCTION public.joined(');
    expectBefore(up.script, 'FUNCTION public.joined(', 'CREATE AGGREGATE public.join_all(text)');
    expectBefore(up.script, 'CREATE AGGREGATE public.join_all(text)', 'CREATE VIEW public.names');
    expectBefore(up.script, 'CREATE AGGREGATE public.join_all(text)', 'FUNCTION public.all_names(');
    expect(up.script).toContain("COMMENT ON AGGREGATE public.join_all(text) IS 'joins names'");

    const down = await roundTrip(engine, WITH_CALLERS, '');
    expect(down.remainingScript).toBe('');
    expectBefore(down.script, 'DROP VIEW public.names', 'DROP AGGREGATE public.join_all(text)');
    expectBefore(down.script, 'DROP FUNCTION public.all_names', 'DROP AGGREGATE public.join_all(text)');
    expectBefore(down.script, 'DROP AGGREGATE public.join_all(text)', 'DROP FUNCTION public.joined');
  });

  it.skipIf(engine.skip)('round-trips every option the catalog holds', async () => {
    const up = await roundTrip(engine, '', EVERY_OPTION, 'CREATE SCHEMA "My Schema";');
    expect(up.remainingScript).toBe('');
    expect(up.script).toContain('CREATE AGGREGATE public.rows_seen(*)');
    expect(up.script).toContain('SORTOP = OPERATOR(pg_catalog.>)');
    expect(up.script).toContain('HYPOTHETICAL');
    expect(up.script).toContain('CREATE AGGREGATE "My Schema"."Odd Agg"(text)');
    const down = await roundTrip(engine, EVERY_OPTION, '', 'CREATE SCHEMA "My Schema";');
    expect(down.remainingScript).toBe('');
    expect(down.script).toContain('DROP AGGREGATE public.rows_seen(*)');
  });

  it.skipIf(engine.skip)('replaces options in place, calling a new function created before it', async () => {
    const before = `${WITH_CALLERS}
      CREATE AGGREGATE public.top(int4) (SFUNC = int4larger, STYPE = int4);`;
    const after = `${JOINED}
      CREATE FUNCTION public.joined2(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1 || '; ' || $2 $$;
      CREATE AGGREGATE public.join_all(text) (SFUNC = public.joined2, STYPE = text, INITCOND = '', PARALLEL = SAFE);
      COMMENT ON AGGREGATE public.join_all(text) IS 'joins names, again';
      ${CALLERS}
      CREATE AGGREGATE public.top(int4) (SFUNC = int4larger, STYPE = int4, SORTOP = >);`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).not.toContain('DROP AGGREGATE');
    expect(r.script).not.toContain('DROP VIEW');
    expectBefore(r.script, 'FUNCTION public.joined2(', 'CREATE OR REPLACE AGGREGATE public.join_all(text)');
    expect(r.script).toContain('CREATE OR REPLACE AGGREGATE public.top(integer)');
    expect(r.script).toContain("COMMENT ON AGGREGATE public.join_all(text) IS 'joins names, again'");
  });

  it.skipIf(engine.skip)('re-creates an aggregate, with its callers, when the function it stops calling goes', async () => {
    const after = `CREATE FUNCTION public.joined2(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1 || '; ' || $2 $$;
      CREATE AGGREGATE public.join_all(text) (SFUNC = public.joined2, STYPE = text);
      ${CALLERS}`;
    const r = await roundTrip(engine, WITH_CALLERS, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP AGGREGATE public.join_all(text)', 'CREATE AGGREGATE public.join_all(text)');
    expectBefore(r.script, 'DROP AGGREGATE public.join_all(text)', 'DROP FUNCTION public.joined(');
  });

  it.skipIf(engine.skip)('changes the state type in place when the result stays, through a final function', async () => {
    const after = `${JOINED}
      CREATE FUNCTION public.collect(text[], text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$ SELECT $1 || $2 $$;
      CREATE FUNCTION public.flatten(text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT array_to_string($1, ', ') $$;
      CREATE AGGREGATE public.join_all(text) (SFUNC = public.collect, STYPE = text[], FINALFUNC = public.flatten, INITCOND = '{}');
      COMMENT ON AGGREGATE public.join_all(text) IS 'joins names';
      ${CALLERS}`;
    const r = await roundTrip(engine, WITH_CALLERS, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).not.toContain('DROP AGGREGATE');
    expect(r.script).not.toContain('DROP VIEW');
    expectBefore(r.script, 'FUNCTION public.flatten(', 'CREATE OR REPLACE AGGREGATE public.join_all(text)');
    expect(r.script).toContain('STYPE = text[]');
  });

  it.skipIf(engine.skip)('re-creates an aggregate whose result changes, with the views and functions that call it', async () => {
    const before = `${WITH_CALLERS}`;
    const after = `${JOINED}
      CREATE FUNCTION public.joined_len(text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT length($1) $$;
      CREATE AGGREGATE public.join_all(text) (SFUNC = public.joined, STYPE = text, FINALFUNC = public.joined_len);
      COMMENT ON AGGREGATE public.join_all(text) IS 'joins names';
      ${CALLERS.replace('RETURNS text', 'RETURNS integer')}`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP VIEW public.names', 'DROP AGGREGATE public.join_all(text)');
    expectBefore(r.script, 'DROP AGGREGATE public.join_all(text)', 'CREATE AGGREGATE public.join_all(text)');
    expectBefore(r.script, 'CREATE AGGREGATE public.join_all(text)', 'CREATE VIEW public.names');
    // Dropped in expand, before it comes back: the drop cannot wait for contract.
    expect(r.script).not.toContain('-- phase: contract');
  });

  it.skipIf(engine.skip)('drops an aggregate before creating it under other argument names', async () => {
    const before = `${JOINED} CREATE AGGREGATE public.join_all(x text) (SFUNC = public.joined, STYPE = text);`;
    const after = `${JOINED} CREATE AGGREGATE public.join_all(y text) (SFUNC = public.joined, STYPE = text);`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP AGGREGATE public.join_all(x text)', 'CREATE AGGREGATE public.join_all(y text)');
  });

  it.skipIf(engine.skip)('takes the aggregate along when a function it calls must be re-created', async () => {
    const before = `CREATE FUNCTION public.joined(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT a || b $$;
      CREATE AGGREGATE public.join_all(text) (SFUNC = public.joined, STYPE = text);
      CREATE VIEW public.one AS SELECT public.join_all(x) AS j FROM (VALUES ('a')) v(x);`;
    // Other argument names: CREATE OR REPLACE FUNCTION cannot make that change.
    const after = before.replace('joined(a text, b text)', 'joined(l text, r text)').replace('a || b', 'l || r');
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP VIEW public.one', 'DROP AGGREGATE public.join_all(text)');
    expectBefore(r.script, 'DROP AGGREGATE public.join_all(text)', 'DROP FUNCTION public.joined(a text, b text)');
    expectBefore(r.script, 'FUNCTION public.joined(l text, r text)', 'CREATE AGGREGATE public.join_all(text)');
    expectBefore(r.script, 'CREATE AGGREGATE public.join_all(text)', 'CREATE VIEW public.one');
  });
  it.skipIf(engine.skip)('compares who may call it: EXECUTE revoked from PUBLIC, and granted back', async () => {
    const base = `${JOINED}
      CREATE AGGREGATE public.join_all(text) (SFUNC = public.joined, STYPE = text);
      CREATE AGGREGATE public.pct(float8 ORDER BY float8) (SFUNC = ordered_set_transition, STYPE = internal,
        FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);`;
    const revoked = `${base}
      REVOKE EXECUTE ON FUNCTION public.join_all(text) FROM PUBLIC;
      REVOKE EXECUTE ON FUNCTION public.pct(float8, float8) FROM PUBLIC;`;
    const r = await roundTrip(engine, base, revoked);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('REVOKE EXECUTE ON FUNCTION public.join_all(text) FROM PUBLIC');
    expect(r.script).toContain('REVOKE EXECUTE ON FUNCTION public.pct(double precision, double precision) FROM PUBLIC');
    const back = await roundTrip(engine, revoked, base);
    expect(back.remainingScript).toBe('');
    expect(back.script).toContain('GRANT EXECUTE ON FUNCTION public.pct(double precision, double precision) TO PUBLIC');
  });
  it.skipIf(engine.skip)('drops an aggregate before a plain function takes its name and argument types', async () => {
    const before = `${JOINED} CREATE AGGREGATE public.join_all(text) (SFUNC = public.joined, STYPE = text);`;
    const after = `${JOINED} CREATE FUNCTION public.join_all(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1 $$;`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP AGGREGATE public.join_all(text)', 'FUNCTION public.join_all(text)');
  });
  it.skipIf(engine.skip)('drops a plain function before an aggregate takes its name and argument types', async () => {
    const before = `${JOINED} CREATE FUNCTION public.join_all(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1 $$;`;
    const after = `${JOINED} CREATE AGGREGATE public.join_all(text) (SFUNC = public.joined, STYPE = text);`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP FUNCTION public.join_all(text)', 'CREATE AGGREGATE public.join_all(text)');
  });
});
