import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';

// Defaults in an INHERITS tree belong to each table: a child may set, change or drop the default of a
// column it inherits without touching its parent's, and the other way round. One column per case.
const BEFORE = `CREATE TABLE public.base (id integer, set_here text DEFAULT 'p', changed text DEFAULT 'p', dropped text DEFAULT 'p', parent_changes text DEFAULT 'p');
  CREATE TABLE public.child (extra integer) INHERITS (public.base);
  ALTER TABLE public.child ALTER COLUMN changed SET DEFAULT 'c', ALTER COLUMN dropped SET DEFAULT 'c', ALTER COLUMN parent_changes SET DEFAULT 'c';
  INSERT INTO public.child (id) VALUES (1);`;
const AFTER = `CREATE TABLE public.base (id integer, set_here text DEFAULT 'p', changed text DEFAULT 'p', dropped text DEFAULT 'p', parent_changes text DEFAULT 'q');
  CREATE TABLE public.child (extra integer) INHERITS (public.base);
  ALTER TABLE public.child ALTER COLUMN set_here SET DEFAULT 'c', ALTER COLUMN changed SET DEFAULT 'd', ALTER COLUMN dropped DROP DEFAULT, ALTER COLUMN parent_changes SET DEFAULT 'c';
  COMMENT ON COLUMN public.child.changed IS 'the child''s own';
  CREATE TABLE public.child2 () INHERITS (public.base);
  ALTER TABLE public.child2 ALTER COLUMN set_here SET DEFAULT 'c2';`;
const DROPPED = `CREATE TABLE public.base (id integer);
  CREATE TABLE public.child (extra integer) INHERITS (public.base);`;

describe.each(ENGINES)('defaults in an INHERITS tree on $name', (engine) => {
  it.skipIf(engine.skip)('sets, changes and drops a default on the child only, and on the parent only', async () => {
    const r = await roundTrip(engine, BEFORE, AFTER);
    expect(r.remainingScript).toBe('');
    expect(r.script).not.toContain('DROP COLUMN');
    expect(r.script).toContain('ALTER TABLE ONLY public.child ALTER COLUMN dropped DROP DEFAULT');
    expect(r.script).toContain("ALTER TABLE ONLY public.child2 ALTER COLUMN set_here SET DEFAULT 'c2'::text");
  });

  it.skipIf(engine.skip)('keeps the child\'s own default when the parent\'s column changes type', async () => {
    const typed = (t: string) => `CREATE TABLE public.base (id integer, n ${t} DEFAULT 1);
      CREATE TABLE public.child (extra integer) INHERITS (public.base);
      ALTER TABLE public.child ALTER COLUMN n SET DEFAULT 2;
      INSERT INTO public.child (id) VALUES (1);`;
    const r = await roundTrip(engine, typed('integer'), typed('bigint'));
    expect(r.remainingScript).toBe('');
  });

  it.skipIf(engine.skip)('drops the parent\'s columns whose child has defaults of its own, and adds them back', async () => {
    expect((await roundTrip(engine, BEFORE, DROPPED)).remainingScript).toBe('');
    expect((await roundTrip(engine, DROPPED, BEFORE)).remainingScript).toBe('');
  });
});
