import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';

const PARTITIONED = `CREATE TABLE public.p (foo text, id integer) PARTITION BY LIST (foo);
  CREATE TABLE public.p_1 PARTITION OF public.p FOR VALUES IN ('1');`;

// Key columns NOT NULL already: a primary key added on the parent then needs no NOT NULL steps.
const KEYED = `CREATE TABLE public.k (foo text NOT NULL, id integer NOT NULL) PARTITION BY LIST (foo);
  CREATE TABLE public.k_1 PARTITION OF public.k FOR VALUES IN ('1');`;

/** Table-driven: before and after SQL, and what the migration must say. */
const CASES: readonly { name: string; before: string; after: string; has: readonly string[]; lacks?: readonly string[] }[] = [
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
  {
    name: 'a new partition is stricter than its parent: NOT NULL on its own columns',
    before: PARTITIONED,
    after: `${PARTITIONED}
      CREATE TABLE public.p_2 PARTITION OF public.p (foo NOT NULL, PRIMARY KEY (foo, id)) FOR VALUES IN ('2');`,
    has: ['ALTER TABLE public.p_2 ALTER COLUMN foo SET NOT NULL;'],
  },
  {
    name: "a partition's primary key moves to other columns: the old one loses NOT NULL",
    before: `${PARTITIONED}
      ALTER TABLE public.p ADD COLUMN bar text;
      CREATE TABLE public.p_2 PARTITION OF public.p (CONSTRAINT p_2_pk PRIMARY KEY (foo, id)) FOR VALUES IN ('2');`,
    after: `${PARTITIONED}
      ALTER TABLE public.p ADD COLUMN bar text;
      CREATE TABLE public.p_2 PARTITION OF public.p (CONSTRAINT p_2_pk PRIMARY KEY (foo, bar)) FOR VALUES IN ('2');`,
    has: ['ALTER TABLE public.p_2 ALTER COLUMN id DROP NOT NULL;'],
  },
  {
    name: "a parent's NOT NULL reaches its partitions without steps of their own",
    before: PARTITIONED,
    after: PARTITIONED.replace('foo text', 'foo text NOT NULL'),
    has: ['ALTER TABLE public.p ALTER COLUMN foo SET NOT NULL;'],
    lacks: ['public.p_1 ALTER COLUMN'],
  },
  {
    name: "an attached table keeps its own index when the parent's index would adopt it",
    before: `${PARTITIONED}
      CREATE INDEX p_foo_id_idx ON public.p (foo, id);
      CREATE TABLE public.p_3 (foo text, id integer);
      CREATE INDEX own_idx ON public.p_3 (foo, id);`,
    after: `${PARTITIONED}
      CREATE TABLE public.p_3 (foo text, id integer);
      ALTER TABLE public.p ATTACH PARTITION public.p_3 FOR VALUES IN ('3');
      CREATE INDEX p_foo_id_idx ON public.p (foo, id);
      CREATE INDEX own_idx ON public.p_3 (foo, id);`,
    has: [
      'DROP INDEX CONCURRENTLY public.own_idx;',
      'CREATE INDEX CONCURRENTLY p_3_foo_id_idx ON public.p_3',
      "ALTER TABLE public.p ATTACH PARTITION public.p_3 FOR VALUES IN ('3');",
      'CREATE INDEX CONCURRENTLY own_idx ON public.p_3',
    ],
  },
  {
    name: "an attached table's matching index is adopted by the parent's index as it is",
    before: `${PARTITIONED}
      CREATE INDEX p_foo_id_idx ON public.p (foo, id);
      CREATE TABLE public.p_3 (foo text, id integer);
      CREATE INDEX own_idx ON public.p_3 (foo, id);`,
    after: `${PARTITIONED}
      CREATE INDEX p_foo_id_idx ON public.p (foo, id);
      CREATE TABLE public.p_3 (foo text, id integer);
      CREATE INDEX own_idx ON public.p_3 (foo, id);
      ALTER TABLE public.p ATTACH PARTITION public.p_3 FOR VALUES IN ('3');`,
    has: ["ALTER TABLE public.p ATTACH PARTITION public.p_3 FOR VALUES IN ('3');"],
    lacks: ['INDEX CONCURRENTLY'],
  },
  {
    name: "a partition's attached index is renamed in place",
    before: `${PARTITIONED}
      CREATE INDEX p_foo_idx ON public.p (foo);`,
    after: `${PARTITIONED}
      CREATE INDEX p_foo_idx ON public.p (foo);
      ALTER INDEX public.p_1_foo_idx RENAME TO p_1_custom;`,
    has: ['ALTER INDEX public.p_1_foo_idx RENAME TO p_1_custom;'],
    lacks: ['DROP INDEX'],
  },
  {
    name: "a parent's unique index that a partition's primary key is attached to becomes the parent's primary key",
    before: `${KEYED}
      CREATE UNIQUE INDEX k_key ON public.k (foo, id);
      ALTER TABLE public.k_1 ADD CONSTRAINT k_1_pkey PRIMARY KEY USING INDEX k_1_foo_id_idx;`,
    after: `${KEYED}
      ALTER TABLE public.k ADD CONSTRAINT k_key PRIMARY KEY (foo, id);`,
    has: ['DROP INDEX public.k_key CASCADE;', 'ALTER TABLE ONLY public.k ADD CONSTRAINT k_key PRIMARY KEY (foo, id);', 'ALTER INDEX public.k_key ATTACH PARTITION public.k_1_pkey;'],
    lacks: ['DROP CONSTRAINT k_1_pkey'],
  },
  {
    name: "a partition's primary key outlives the parent index it is attached to, and is attached to the new one",
    before: `${KEYED}
      CREATE UNIQUE INDEX k_key ON public.k (foo, id);
      ALTER TABLE public.k_1 ADD CONSTRAINT k_1_pkey PRIMARY KEY USING INDEX k_1_foo_id_idx;`,
    after: `${KEYED}
      CREATE UNIQUE INDEX k_key2 ON ONLY public.k (foo, id);
      ALTER TABLE public.k_1 ADD CONSTRAINT k_1_pkey PRIMARY KEY (foo, id);
      ALTER INDEX public.k_key2 ATTACH PARTITION public.k_1_pkey;`,
    has: ['DROP INDEX public.k_key CASCADE;', 'ALTER TABLE public.k_1 ADD CONSTRAINT k_1_pkey PRIMARY KEY (foo, id);', 'CREATE UNIQUE INDEX k_key2 ON public.k'],
  },
  {
    name: "a partition's unique constraint is adopted by a new parent index",
    before: KEYED,
    after: `${KEYED}
      CREATE UNIQUE INDEX k_foo_id ON ONLY public.k (foo, id);
      ALTER TABLE public.k_1 ADD CONSTRAINT k_1_key UNIQUE (foo, id);
      ALTER INDEX public.k_foo_id ATTACH PARTITION public.k_1_key;`,
    has: ['ALTER TABLE public.k_1 ADD CONSTRAINT k_1_key UNIQUE (foo, id);', 'CREATE UNIQUE INDEX k_foo_id ON public.k'],
    lacks: ['ATTACH PARTITION'],
  },
  {
    name: "a partition's primary key is attached to an ON ONLY parent index, which then is valid",
    before: `${KEYED}
      CREATE UNIQUE INDEX k_foo_id ON ONLY public.k (foo, id);
      ALTER TABLE public.k_1 ADD CONSTRAINT k_1_pkey PRIMARY KEY (foo, id);`,
    after: `${KEYED}
      CREATE UNIQUE INDEX k_foo_id ON ONLY public.k (foo, id);
      ALTER TABLE public.k_1 ADD CONSTRAINT k_1_pkey PRIMARY KEY (foo, id);
      ALTER INDEX public.k_foo_id ATTACH PARTITION public.k_1_pkey;`,
    has: ['CREATE UNIQUE INDEX k_foo_id ON public.k'],
    lacks: ['k_1_pkey'],
  },
  {
    name: 'a key on a partitioned table with rows: ON ONLY, built CONCURRENTLY on each partition, attached',
    before: `${KEYED}
      CREATE TABLE public.k_2 PARTITION OF public.k FOR VALUES IN ('2', '3') PARTITION BY LIST (foo);
      CREATE TABLE public.k_2a PARTITION OF public.k_2 FOR VALUES IN ('2');
      INSERT INTO public.k VALUES ('1', 1), ('2', 2);`,
    after: `${KEYED}
      CREATE TABLE public.k_2 PARTITION OF public.k FOR VALUES IN ('2', '3') PARTITION BY LIST (foo);
      CREATE TABLE public.k_2a PARTITION OF public.k_2 FOR VALUES IN ('2');
      CREATE TABLE public.k_4 PARTITION OF public.k FOR VALUES IN ('4');
      ALTER TABLE public.k ADD CONSTRAINT k_foo_id_key UNIQUE (foo, id);
      ALTER TABLE public.k ADD PRIMARY KEY (id, foo);`,
    has: [
      'ALTER TABLE ONLY public.k ADD CONSTRAINT k_foo_id_key UNIQUE (foo, id);',
      'CREATE UNIQUE INDEX CONCURRENTLY k_1_foo_id_key ON public.k_1 USING btree (foo, id);',
      'ALTER TABLE public.k_1 ADD CONSTRAINT k_1_foo_id_key UNIQUE USING INDEX k_1_foo_id_key;',
      'ALTER INDEX public.k_foo_id_key ATTACH PARTITION public.k_1_foo_id_key;',
      // partitioned in turn: no CONCURRENTLY there, the key is added to it
      'ALTER TABLE public.k_2 ADD CONSTRAINT k_2_foo_id_key UNIQUE (foo, id);',
      // created by the plan before the key: attached the same way
      'ALTER INDEX public.k_pkey ATTACH PARTITION public.k_4_pkey;',
    ],
  },
  {
    name: "a key added ON ONLY is completed with a partition's unique index of its own",
    before: `${KEYED}
      ALTER TABLE ONLY public.k ADD CONSTRAINT k_foo_id_key UNIQUE (foo, id);
      CREATE UNIQUE INDEX k_1_foo_id_key ON public.k_1 (foo, id);`,
    after: `${KEYED}
      ALTER TABLE ONLY public.k ADD CONSTRAINT k_foo_id_key UNIQUE (foo, id);
      CREATE UNIQUE INDEX k_1_foo_id_key ON public.k_1 (foo, id);
      ALTER TABLE public.k_1 ADD CONSTRAINT k_1_foo_id_key UNIQUE USING INDEX k_1_foo_id_key;
      ALTER INDEX public.k_foo_id_key ATTACH PARTITION public.k_1_foo_id_key;`,
    has: ['ALTER TABLE public.k_1 ADD CONSTRAINT k_1_foo_id_key UNIQUE USING INDEX k_1_foo_id_key;', 'ALTER INDEX public.k_foo_id_key ATTACH PARTITION public.k_1_foo_id_key;'],
    lacks: ['DROP INDEX', 'CREATE UNIQUE INDEX'],
  },
  {
    name: "a new key takes over a partition's unique index, renamed as the server names a clone, before a new parent index could adopt it",
    before: `${KEYED}
      CREATE UNIQUE INDEX k_1_own_idx ON public.k_1 (foo, id);`,
    after: `${KEYED}
      ALTER TABLE public.k ADD CONSTRAINT k_foo_id_key UNIQUE (foo, id);
      CREATE UNIQUE INDEX k_plain_idx ON public.k (foo, id);`,
    has: ['ALTER TABLE public.k_1 ADD CONSTRAINT k_1_foo_id_key UNIQUE USING INDEX k_1_own_idx;', 'ALTER INDEX public.k_foo_id_key ATTACH PARTITION public.k_1_foo_id_key;'],
    lacks: ['DROP INDEX', 'CREATE UNIQUE INDEX CONCURRENTLY'],
  },
  {
    name: "the comment of a partition's index that the server makes, with a new parent index or a new partition",
    before: `${KEYED}
      CREATE INDEX k_foo_idx ON public.k (foo);`,
    after: `${KEYED}
      CREATE INDEX k_foo_idx ON public.k (foo);
      CREATE INDEX k_id_idx ON public.k (id);
      COMMENT ON INDEX public.k_1_id_idx IS 'made with its parent';
      CREATE TABLE public.k_2 PARTITION OF public.k FOR VALUES IN ('2');
      COMMENT ON INDEX public.k_2_foo_idx IS 'made with its partition';`,
    has: ["COMMENT ON INDEX public.k_1_id_idx IS 'made with its parent';", "COMMENT ON INDEX public.k_2_foo_idx IS 'made with its partition';"],
  },
  {
    name: 'a key added ON ONLY is kept so: the partitions that lack it are left alone',
    before: KEYED,
    after: `${KEYED}
      CREATE TABLE public.k_2 PARTITION OF public.k FOR VALUES IN ('2');
      ALTER TABLE ONLY public.k ADD CONSTRAINT k_foo_id_key UNIQUE (foo, id);
      CREATE UNIQUE INDEX k_2_foo_id_key ON public.k_2 (foo, id);
      ALTER TABLE public.k_2 ADD CONSTRAINT k_2_foo_id_key UNIQUE USING INDEX k_2_foo_id_key;
      ALTER INDEX public.k_foo_id_key ATTACH PARTITION public.k_2_foo_id_key;`,
    has: ['ALTER TABLE ONLY public.k ADD CONSTRAINT k_foo_id_key UNIQUE (foo, id);', 'ALTER INDEX public.k_foo_id_key ATTACH PARTITION public.k_2_foo_id_key;'],
    lacks: ['k_1_foo_id_key'],
  },
];

describe.each(ENGINES)('partitioned tables and their indexes on $name', (engine) => {
  for (const c of CASES) {
    it.skipIf(engine.skip)(c.name, async () => {
      const r = await roundTrip(engine, c.before, c.after);
      expect(r.remainingScript).toBe('');
      for (const s of c.has) expect(r.script).toContain(s);
      for (const s of c.lacks ?? []) expect(r.script).not.toContain(s);
    });
  }
});
