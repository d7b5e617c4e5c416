import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';

// Every object that takes a comment, so that a comment added, changed or dropped on any of them is a
// change of its own (the classes of issue "kinds complete in every property": views' columns, the
// public schema, constraints, indexes, sequences, functions, types, domains, policies, triggers).
const OBJECTS = `CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'sad');
CREATE DOMAIN app.positive AS integer CHECK (VALUE > 0);
CREATE COLLATION app.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE SEQUENCE app.ids;
CREATE TABLE app.items (id integer CONSTRAINT items_pk PRIMARY KEY, n app.positive, m app.mood);
CREATE INDEX items_n ON app.items (n);
CREATE VIEW app.item_view AS SELECT id, n FROM app.items;
CREATE MATERIALIZED VIEW app.item_mat AS SELECT id, n FROM app.items;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE PROCEDURE app.noop() LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TRIGGER items_touch BEFORE UPDATE ON app.items FOR EACH ROW EXECUTE FUNCTION app.touch();
ALTER TABLE app.items ENABLE ROW LEVEL SECURITY;
CREATE POLICY items_all ON app.items USING (true);`;

const TARGETS = [
  'SCHEMA public', 'SCHEMA app', 'TYPE app.mood', 'DOMAIN app.positive', 'COLLATION app.ci', 'SEQUENCE app.ids',
  'TABLE app.items', 'COLUMN app.items.n', 'CONSTRAINT items_pk ON app.items', 'INDEX app.items_n',
  'VIEW app.item_view', 'COLUMN app.item_view.n', 'MATERIALIZED VIEW app.item_mat', 'COLUMN app.item_mat.n',
  'FUNCTION app.touch()', 'PROCEDURE app.noop()', 'TRIGGER items_touch ON app.items', 'POLICY items_all ON app.items',
] as const;

const commented = (text: string) => TARGETS.map((t) => `COMMENT ON ${t} IS '${text} ${t}';`).join('\n');

describe.each(ENGINES)('comments on every kind on $name', (engine) => {
  it.skipIf(engine.skip)('adds, changes and drops a comment on each', async () => {
    const none = OBJECTS;
    const first = `${OBJECTS}\n${commented('first')}`;
    const second = `${OBJECTS}\n${commented('second')}`;
    const added = await roundTrip(engine, none, first);
    expect(added.remainingScript).toBe('');
    for (const t of TARGETS) expect(added.script).toContain(`first ${t}`);
    const changed = await roundTrip(engine, first, second);
    expect(changed.remainingScript).toBe('');
    for (const t of TARGETS) expect(changed.script).toContain(`second ${t}`);
    const dropped = await roundTrip(engine, second, none);
    expect(dropped.remainingScript).toBe('');
    // Schema public goes back to the comment a new database gives it; every other comment is removed.
    expect(dropped.script).toContain("COMMENT ON SCHEMA public IS 'standard public schema';");
    expect(dropped.script.match(/ IS NULL;/g)?.length).toBe(TARGETS.length - 1);
  });

  it.skipIf(engine.skip)('keeps the comments of a view and its columns when the view is created again', async () => {
    const view = (t: string) => `CREATE TABLE public.t (id integer, v ${t});
      CREATE VIEW public.tv AS SELECT id, v FROM public.t;
      COMMENT ON VIEW public.tv IS 'the view';
      COMMENT ON COLUMN public.tv.v IS 'its column';`;
    const r = await roundTrip(engine, view('integer'), view('bigint'));
    expect(r.remainingScript).toBe('');
  });
});
