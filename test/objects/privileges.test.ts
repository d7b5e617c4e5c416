import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';

// Roles are assumed to exist (cluster-wide on PostgreSQL): created once if missing, never dropped,
// so that concurrent test files can share it.
const ROLE = `DO $$ BEGIN CREATE ROLE pgtide_test_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`;

const OBJECTS = `CREATE SCHEMA app;
CREATE TABLE app.items (id integer, secret text);
CREATE SEQUENCE app.ids;
CREATE VIEW app.item_ids AS SELECT id FROM app.items;
CREATE FUNCTION app.count_items() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM app.items $$;`;

describe.each(ENGINES)('privileges on $name', (engine) => {
  it.skipIf(engine.skip)('grants and revokes on schemas, tables, columns, sequences, views and functions', async () => {
    const before = `${OBJECTS}
      GRANT SELECT, INSERT ON app.items TO pgtide_test_reader;
      GRANT USAGE ON SEQUENCE app.ids TO pgtide_test_reader;`;
    const after = `${OBJECTS}
      GRANT USAGE ON SCHEMA app TO pgtide_test_reader;
      GRANT SELECT ON app.items TO pgtide_test_reader WITH GRANT OPTION;
      GRANT UPDATE (secret) ON app.items TO pgtide_test_reader;
      GRANT SELECT ON app.item_ids TO PUBLIC;
      REVOKE EXECUTE ON FUNCTION app.count_items() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.count_items() TO pgtide_test_reader;`;
    const r = await roundTrip(engine, before, after, ROLE);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('REVOKE INSERT ON TABLE app.items FROM pgtide_test_reader');
    expect(r.script).toContain('GRANT UPDATE (secret) ON TABLE app.items TO pgtide_test_reader');
    expect(r.script).toContain('REVOKE EXECUTE ON ROUTINE app.count_items() FROM PUBLIC');
    expect(r.script).toContain('REVOKE USAGE ON SEQUENCE app.ids FROM pgtide_test_reader');
    const back = await roundTrip(engine, after, before, ROLE);
    expect(back.remainingScript).toBe('');
  });

  it.skipIf(engine.skip)('grants and revokes on the columns of views and materialized views, again when re-created', async () => {
    const objects = (t: string) => `CREATE TABLE public.t (id integer, v ${t});
      CREATE VIEW public.tv AS SELECT id, v FROM public.t;
      CREATE MATERIALIZED VIEW public.tm AS SELECT id, v FROM public.t;`;
    const before = `${objects('integer')}
      GRANT SELECT (id) ON public.tv TO pgtide_test_reader;`;
    const after = `${objects('integer')}
      GRANT SELECT (v) ON public.tv TO pgtide_test_reader;
      GRANT SELECT (id) ON public.tm TO pgtide_test_reader;`;
    const r = await roundTrip(engine, before, after, ROLE);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('REVOKE SELECT (id) ON TABLE public.tv FROM pgtide_test_reader');
    expect(r.script).toContain('GRANT SELECT (id) ON TABLE public.tm TO pgtide_test_reader');
    // A column type change re-creates both views; their column grants must come back with them.
    const retyped = `${objects('bigint')}
      GRANT SELECT (v) ON public.tv TO pgtide_test_reader;
      GRANT SELECT (id) ON public.tm TO pgtide_test_reader;`;
    const again = await roundTrip(engine, after, retyped, ROLE);
    expect(again.remainingScript).toBe('');
    expect((await roundTrip(engine, retyped, before, ROLE)).remainingScript).toBe('');
  });

  it.skipIf(engine.skip)('grants again on a view that is re-created, and not on a dropped table', async () => {
    const before = `CREATE TABLE public.t (id integer, v integer);
      CREATE VIEW public.tv AS SELECT id, v FROM public.t;
      GRANT SELECT ON public.tv TO pgtide_test_reader;
      CREATE TABLE public.gone (id integer);
      GRANT SELECT ON public.gone TO pgtide_test_reader;`;
    const after = `CREATE TABLE public.t (id integer, v bigint);
      CREATE VIEW public.tv AS SELECT id, v FROM public.t;
      GRANT SELECT ON public.tv TO pgtide_test_reader;`;
    const r = await roundTrip(engine, before, after, ROLE);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('GRANT SELECT ON TABLE public.tv TO pgtide_test_reader');
    expect(r.script).not.toContain('public.gone FROM');
  });

  it.skipIf(engine.skip)('grants on a column again once it is added back in contract, and keeps them until its drop', async () => {
    const table = (a: string, g: string) => `CREATE TABLE public.t (id integer PRIMARY KEY, a ${a}, g bigint GENERATED ALWAYS AS (${g}) STORED);
      INSERT INTO public.t (id, a) VALUES (1, 5);
      GRANT SELECT (g) ON public.t TO pgtide_test_reader;`;
    // g is dropped and added again after a's online retype (contract), and when its expression changes.
    for (const [before, after] of [[table('integer', 'a * 2'), table('bigint', 'a * 2')], [table('integer', 'a * 2'), table('integer', 'a * 3')]] as const) {
      const r = await roundTrip(engine, before, after, ROLE);
      expect(r.remainingScript).toBe('');
      const contract = r.script.slice(r.script.indexOf('-- phase: contract'));
      expect(contract).toMatch(/ADD COLUMN g [^]*GRANT SELECT \(g\) ON TABLE public\.t TO pgtide_test_reader/);
      expect(r.script).not.toContain('REVOKE');
    }
  });
});
