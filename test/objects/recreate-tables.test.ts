import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';

const EVENTS = `CREATE TABLE public.events (id integer NOT NULL, at date NOT NULL, note text, PRIMARY KEY (id, at))`;
const AROUND = `CREATE INDEX events_note_idx ON public.events (note);
  CREATE VIEW public.recent AS SELECT id, at FROM public.events;
  ALTER TABLE public.events ENABLE ROW LEVEL SECURITY;
  CREATE POLICY events_all ON public.events USING (true);
  CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
  CREATE TRIGGER events_touch BEFORE INSERT ON public.events FOR EACH ROW EXECUTE FUNCTION public.touch();
  CREATE TABLE public.refs (id integer PRIMARY KEY, event_id integer, event_at date,
    CONSTRAINT refs_event_fk FOREIGN KEY (event_id, event_at) REFERENCES public.events (id, at));`;

/** Table-driven: before and after SQL, and what the migration must say. */
const CASES: readonly { name: string; before: string; after: string; has: readonly string[] }[] = [
  {
    name: 'a regular table becomes partitioned with everything on and around it',
    before: `${EVENTS};\n${AROUND}\nINSERT INTO public.refs VALUES (1, NULL, NULL);`,
    after: `${EVENTS} PARTITION BY RANGE (at);
      CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n${AROUND}`,
    has: ['DROP TABLE public.events;', 'ALTER TABLE public.refs DROP CONSTRAINT refs_event_fk', 'DROP VIEW public.recent', 'DROP TRIGGER events_touch'],
  },
  {
    name: 'a partitioned table becomes a regular one',
    before: `${EVENTS} PARTITION BY RANGE (at);
      CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n${AROUND}`,
    after: `${EVENTS};\n${AROUND}`,
    has: ['DROP TABLE public.events_2024;', 'DROP TABLE public.events;'],
  },
  {
    name: 'the partition key changes; partitions, a serial column and a grant come along',
    before: `CREATE TABLE public.m (id serial, a text, b text) PARTITION BY LIST (a);
      CREATE TABLE public.m_x PARTITION OF public.m FOR VALUES IN ('x');
      CREATE TABLE public.m_gone PARTITION OF public.m FOR VALUES IN ('g');
      GRANT SELECT ON public.m TO PUBLIC;`,
    after: `CREATE TABLE public.m (id serial, a text, b text) PARTITION BY LIST (b);
      CREATE TABLE public.m_x PARTITION OF public.m FOR VALUES IN ('x');
      GRANT SELECT ON public.m TO PUBLIC;`,
    has: ['OWNED BY NONE', 'DROP TABLE public.m_gone;', 'PARTITION BY LIST (b)'],
  },
];

describe.each(ENGINES)('tables recreated on $name', (engine) => {
  for (const c of CASES) {
    it.skipIf(engine.skip)(c.name, async () => {
      const r = await roundTrip(engine, c.before, c.after);
      expect(r.remainingScript).toBe('');
      for (const s of c.has) expect(r.script).toContain(s);
    });
  }
});
