import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDatabases } from '../../src/api/diff-databases.js';
import type { CorpusCase } from '../conformance/lib/cases.js';
import { openEngines, runConformance } from '../conformance/lib/conformance.js';
import type { ConformanceEngine, EngineName } from '../conformance/lib/engine.js';
import { ENGINES } from '../helpers/engines.js';

// The objects that a diff once left out or could not order (composite and range types, extended
// statistics, aggregates, rules, default privileges, event triggers), together in one schema whose
// table uses the types. Through the conformance runner: from an empty database and back, the migrated
// database's pg_dump must equal the target's, and a second diff must be empty.
const ALL = `CREATE TYPE public.addr AS (street text, zip int);
CREATE TYPE public.floatrange AS RANGE (subtype = float8);
CREATE TABLE public.person (id int PRIMARY KEY, home public.addr, r public.floatrange);
CREATE STATISTICS public.person_stats (dependencies) ON id, r FROM public.person;
CREATE FUNCTION public.g(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1 || $2 $$;
CREATE AGGREGATE public.agg(text) (sfunc = public.g, stype = text);
CREATE VIEW public.person_streets AS SELECT public.agg((home).street) AS streets FROM public.person;
CREATE RULE person_no_delete AS ON DELETE TO public.person DO INSTEAD NOTHING;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC;
CREATE FUNCTION public.evt() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION public.evt();
`;

const pair = (id: string, beforeSql: string, afterSql: string): CorpusCase => ({
  id: `pgtide/${id}`, source: 'pgtide', dir: '', beforeSql, afterSql, finalStateSql: null, roleSql: [],
  expectsError: false, expectsEmptyPlan: false, extensions: [],
});

const names: EngineName[] = ENGINES.filter((e) => !e.skip).map((e) => (e.name === 'postgres' ? 'pg' : 'pglite'));

describe('the kinds a diff once ignored, together, from empty and back (pg_dump equal)', () => {
  let engines: ConformanceEngine[] = [];
  beforeAll(async () => {
    engines = await openEngines(names, 1);
  });
  afterAll(async () => {
    await Promise.all(engines.map((e) => e.close()));
  });

  it('passes on every engine', async () => {
    const cases = [pair('issue-kinds-up', '', ALL), pair('issue-kinds-down', ALL, '')];
    const results = await runConformance({ cases, engines, diff: diffDatabases, jobs: 1 });
    expect(results).toHaveLength(cases.length * names.length);
    for (const r of results) {
      expect({ id: r.caseId, engine: r.engine, outcome: r.outcome, reason: r.reason })
        .toEqual({ id: r.caseId, engine: r.engine, outcome: 'pass', reason: null });
    }
  });
});
