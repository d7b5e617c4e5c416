import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';

const PARTITIONED = `CREATE TABLE public.p (foo text, id integer) PARTITION BY LIST (foo);
  CREATE TABLE public.p_1 PARTITION OF public.p FOR VALUES IN ('1');`;

/** Table-driven: before and after SQL, and what the migration must say. */
const CASES: readonly { name: string; before: string; after: string; has: readonly string[] }[] = [
  {
    name: 'an index name moves from a plain table to a partitioned one',
    before: `CREATE TABLE public.t (foo text, id integer); CREATE UNIQUE INDEX same_idx ON public.t (foo, id);\n${PARTITIONED}`,
    after: `CREATE TABLE public.t (foo text, id integer);\n${PARTITIONED}\nCREATE UNIQUE INDEX same_idx ON public.p (foo, id);`,
    has: ['DROP INDEX CONCURRENTLY public.same_idx;', 'CREATE UNIQUE INDEX same_idx ON public.p'],
  },
  {
    name: 'an index name moves from a dropped table to a new one',
    before: `CREATE TABLE public.old (a text, b integer); CREATE UNIQUE INDEX same_idx ON public.old (a, b DESC);`,
    after: `CREATE TABLE public.new (x text, y integer); CREATE UNIQUE INDEX same_idx ON public.new (x, y);`,
    has: ['CREATE UNIQUE INDEX same_idx ON public.new'],
  },
  {
    name: 'a serial column of a partitioned table becomes text: its sequence is released, then dropped',
    before: `CREATE TABLE public.s (id serial, k text) PARTITION BY LIST (k);
      CREATE TABLE public.s_1 PARTITION OF public.s FOR VALUES IN ('1');`,
    after: `CREATE TABLE public.s (id text, k text) PARTITION BY LIST (k);
      CREATE TABLE public.s_1 PARTITION OF public.s FOR VALUES IN ('1');`,
    has: ['ALTER SEQUENCE public.s_id_seq OWNED BY NONE;', 'DROP SEQUENCE public.s_id_seq;'],
  },
  {
    name: 'a serial column of a plain table becomes text: its sequence is released, then dropped',
    before: `CREATE TABLE public.s (id serial, k text);`,
    after: `CREATE TABLE public.s (id text, k text);`,
    has: ['ALTER SEQUENCE public.s_id_seq OWNED BY NONE;', 'DROP SEQUENCE public.s_id_seq;'],
  },
];

describe.each(ENGINES)('partitioned tables and their indexes on $name', (engine) => {
  for (const c of CASES) {
    it.skipIf(engine.skip)(c.name, async () => {
      const r = await roundTrip(engine, c.before, c.after);
      expect(r.remainingScript).toBe('');
      for (const s of c.has) expect(r.script).toContain(s);
    });
  }
});
