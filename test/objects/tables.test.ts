import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

const MEASUREMENT = `CREATE TABLE public.measurement (id integer NOT NULL, logdate date NOT NULL, peak integer) PARTITION BY RANGE (logdate);
CREATE UNIQUE INDEX measurement_key ON public.measurement (id, logdate);
CREATE TABLE public.measurement_y2006m02 PARTITION OF public.measurement FOR VALUES FROM ('2006-02-01') TO ('2006-03-01');`;

describe.each(ENGINES)('table kinds on $name', (engine) => {
  it.skipIf(engine.skip)('creates partitioned tables with partitions and indexes from nothing', async () => {
    const r = await roundTrip(engine, '', `${MEASUREMENT}
      CREATE TABLE public.measurement_default PARTITION OF public.measurement DEFAULT;
      CREATE INDEX measurement_peak ON public.measurement (peak);`);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'CREATE TABLE public.measurement ', 'PARTITION OF public.measurement');
  });

  it.skipIf(engine.skip)('attaches a new partition to a table with a partitioned unique index', async () => {
    const after = `${MEASUREMENT}
      CREATE TABLE public.measurement_y2006m03 PARTITION OF public.measurement FOR VALUES FROM ('2006-03-01') TO ('2006-04-01');`;
    const r = await roundTrip(engine, MEASUREMENT, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('CREATE TABLE public.measurement_y2006m03 PARTITION OF public.measurement');
    // The partition gets its share of the unique index from the parent: no index of its own is planned.
    expect(r.script).not.toContain('CREATE UNIQUE INDEX');
  });

  it.skipIf(engine.skip)('adds and drops an index on a partitioned table, changes a bound and drops partitions', async () => {
    const after = MEASUREMENT.replace("TO ('2006-03-01')", "TO ('2006-03-15')")
      .replace('CREATE UNIQUE INDEX measurement_key ON public.measurement (id, logdate);', 'CREATE INDEX measurement_peak ON public.measurement (peak);');
    const r = await roundTrip(engine, `${MEASUREMENT}
      CREATE TABLE public.measurement_old PARTITION OF public.measurement FOR VALUES FROM ('2005-01-01') TO ('2006-01-01');`, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('DETACH PARTITION public.measurement_y2006m02');
    expect(r.script).not.toContain('CONCURRENTLY');
  });

  it.skipIf(engine.skip)('detaches a partition into a table of its own and attaches a table as a partition', async () => {
    // Without an index on the parent: a detached partition keeps its copies of the parent's indexes,
    // which the model does not list (a second plan would drop them).
    const parent = 'CREATE TABLE public.m (id integer NOT NULL, logdate date NOT NULL, peak integer) PARTITION BY RANGE (logdate);';
    const before = `${parent}
      CREATE TABLE public.m_2006 PARTITION OF public.m FOR VALUES FROM ('2006-01-01') TO ('2007-01-01');
      CREATE TABLE public.loose (id integer NOT NULL, logdate date NOT NULL, peak integer);`;
    const after = `${parent}
      CREATE TABLE public.m_2006 (id integer NOT NULL, logdate date NOT NULL, peak integer);
      CREATE TABLE public.loose PARTITION OF public.m FOR VALUES FROM ('2007-01-01') TO ('2008-01-01');`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('ALTER TABLE public.m DETACH PARTITION public.m_2006');
    expect(r.script).toContain('ALTER TABLE public.m ATTACH PARTITION public.loose');
  });

  it.skipIf(engine.skip)('adds keys and foreign keys to an existing partitioned table', async () => {
    const before = `CREATE TABLE public.ref (id integer PRIMARY KEY);
      CREATE TABLE public.p (id integer NOT NULL, ref_id integer, at date NOT NULL) PARTITION BY RANGE (at);
      CREATE TABLE public.p_2024 PARTITION OF public.p FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');`;
    const after = `${before}
      ALTER TABLE public.p ADD CONSTRAINT p_pkey PRIMARY KEY (id, at);
      ALTER TABLE public.p ADD CONSTRAINT p_ref FOREIGN KEY (ref_id) REFERENCES public.ref (id);`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).not.toContain('NOT VALID');
  });

  it.skipIf(engine.skip)('changes the method of an index on a partitioned table', async () => {
    const before = `${MEASUREMENT}\nCREATE INDEX measurement_peak ON public.measurement (peak);`;
    const r = await roundTrip(engine, before, before.replace('measurement (peak)', 'measurement USING hash (peak)'));
    expect(r.remainingScript).toBe('');
    expect(r.script).not.toContain('CONCURRENTLY');
  });

  it.skipIf(engine.skip)('handles inheritance, unlogged tables and replica identity', async () => {
    const before = `CREATE TABLE public.base (id integer NOT NULL, note text);
      CREATE TABLE public.child (extra integer) INHERITS (public.base);
      CREATE TABLE public.other (id integer);
      CREATE UNLOGGED TABLE public.scratch (v text);
      CREATE TABLE public.events (id integer NOT NULL, at timestamptz);
      CREATE UNIQUE INDEX events_id ON public.events (id);`;
    const after = `CREATE TABLE public.base (id integer NOT NULL, note text);
      CREATE TABLE public.other (id integer);
      CREATE TABLE public.child (extra integer, more text) INHERITS (public.base);
      CREATE TABLE public.child2 (b boolean) INHERITS (public.other, public.base);
      CREATE TABLE public.scratch (v text);
      CREATE TABLE public.events (id integer NOT NULL, at timestamptz);
      CREATE UNIQUE INDEX events_id ON public.events (id);
      ALTER TABLE public.events REPLICA IDENTITY USING INDEX events_id;
      CREATE UNLOGGED TABLE public.fresh (v text) ;
      ALTER TABLE public.other REPLICA IDENTITY FULL;`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('ALTER TABLE public.scratch SET LOGGED');
    expect(r.script).toContain('REPLICA IDENTITY USING INDEX events_id');
    expect(r.script).toContain('INHERITS (public.other, public.base)');
    const back = await roundTrip(engine, after, before);
    expect(back.remainingScript).toBe('');
  });
});
