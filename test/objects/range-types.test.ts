import { describe, expect, it } from 'vitest';
import { diffDatabases, diffModels } from '../../src/api/diff-databases.js';
import { introspect } from '../../src/introspect/index.js';
import { splitStatements } from '../../src/migrations/index.js';
import { defaultMultirangeName } from '../../src/model/naming.js';
import { ENGINES, roundTrip } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

// The example: a range and a table over it.
const PERSON = `CREATE TYPE public.floatrange AS RANGE (subtype = float8);
  CREATE TABLE public.person (id int PRIMARY KEY, r public.floatrange);`;

describe('the multirange name the server derives', () => {
  it('replaces the first "range" with "multirange", or appends "_multirange"', () => {
    expect(defaultMultirangeName('floatrange')).toBe('floatmultirange');
    expect(defaultMultirangeName('range_of_range')).toBe('multirange_of_range');
    expect(defaultMultirangeName('span')).toBe('span_multirange');
    expect(defaultMultirangeName('x'.repeat(60))).toBe(`${'x'.repeat(52)}_multirange`);
    expect(defaultMultirangeName(`${'x'.repeat(55)}range`)).toBe(`${'x'.repeat(55)}multiran`);
  });
});

describe.each(ENGINES)('range types on $name', (engine) => {
  it.skipIf(engine.skip)('creates the range before the table over it, without its constructors, and drops it after', async () => {
    const up = await roundTrip(engine, '', PERSON);
    expect(up.remainingScript).toBe('');
    expectBefore(up.script, 'CREATE TYPE public.floatrange AS RANGE (SUBTYPE = double precision)', 'CREATE TABLE public.person');
    expect(up.script).not.toMatch(/FUNCTION|multirange/i);
    const down = await roundTrip(engine, PERSON, '');
    expect(down.remainingScript).toBe('');
    expectBefore(down.script, 'DROP TABLE public.person', 'DROP TYPE public.floatrange');
    expect(down.script).not.toContain('FUNCTION');
  });

  it.skipIf(engine.skip)('orders a range among what it is over and what is over it, from empty and back', async () => {
    const all = `CREATE TYPE public.mood AS ENUM ('sad', 'happy');
      CREATE TYPE public.moodrange AS RANGE (subtype = public.mood);
      CREATE FUNCTION public.f8_diff(a float8, b float8) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT AS 'SELECT a - b';
      CREATE TYPE public.floatrange AS RANGE (subtype = float8, subtype_diff = public.f8_diff);
      CREATE DOMAIN public.short_span AS public.floatrange CHECK (upper(VALUE) - lower(VALUE) < 10);
      CREATE DOMAIN public.plain_mood AS public.mood;
      CREATE TABLE public.person (id int PRIMARY KEY, r public.floatrange, s public.short_span, m public.floatmultirange, moods public.moodrange);
      CREATE FUNCTION public.width(x public.floatrange) RETURNS float8 LANGUAGE sql IMMUTABLE RETURN upper(x) - lower(x);
      CREATE VIEW public.wide AS SELECT id FROM public.person WHERE public.width(r) > 1;`;
    const up = await roundTrip(engine, '', all);
    expect(up.remainingScript).toBe('');
    expectBefore(up.script, 'FUNCTION public.f8_diff', 'CREATE TYPE public.floatrange');
    expectBefore(up.script, 'CREATE TYPE public.mood AS', 'CREATE TYPE public.moodrange');
    expectBefore(up.script, 'CREATE TYPE public.floatrange', 'CREATE DOMAIN public.short_span');
    expectBefore(up.script, 'CREATE TYPE public.floatrange', 'FUNCTION public.width');
    const down = await roundTrip(engine, all, '');
    expect(down.remainingScript).toBe('');
    expectBefore(down.script, 'DROP DOMAIN public.short_span', 'DROP TYPE public.floatrange');
    expectBefore(down.script, 'DROP FUNCTION public.width', 'DROP TYPE public.floatrange');
    expectBefore(down.script, 'DROP TYPE public.floatrange', 'DROP FUNCTION public.f8_diff');
    expectBefore(down.script, 'DROP TYPE public.moodrange', 'DROP TYPE public.mood;');
    expectBefore(down.script, 'DROP DOMAIN public.plain_mood', 'DROP TYPE public.mood;');
  });

  it.skipIf(engine.skip)('reads every option, creates it again as it was after the function it calls, and drops it before', async () => {
    const after = `CREATE FUNCTION public.time_diff(x time, y time) RETURNS float8 LANGUAGE sql STRICT IMMUTABLE
        AS 'SELECT EXTRACT(EPOCH FROM (x - y))';
      CREATE TYPE public.timerange AS RANGE (subtype = time, subtype_diff = public.time_diff);
      CREATE TYPE public.textrange AS RANGE (subtype = text, collation = "C", subtype_opclass = text_pattern_ops, multirange_type_name = public.text_spans);
      COMMENT ON TYPE public.textrange IS 'spans of text';`;
    await engine.withPair(async (a, b) => {
      await b.exec(after);
      const model = await introspect(b);
      expect(model['range-type'].get('range-type:public.timerange')).toMatchObject({ subtype: 'time without time zone', subtypeDiff: 'public.time_diff', multirangeName: null, subtypeOpclass: null, collation: null });
      expect(model['range-type'].get('range-type:public.textrange')).toMatchObject({ subtype: 'text', collation: 'C', subtypeOpclass: 'text_pattern_ops', multirangeName: 'text_spans', subtypeDiff: null });
      expect([...model.function.keys()]).toEqual(['function:public.time_diff(x time without time zone, y time without time zone)']);
      const first = await diffDatabases(a, b, { allowHazards: true });
      expectBefore(first.script, 'FUNCTION public.time_diff', 'CREATE TYPE public.timerange');
      for (const statement of splitStatements(first.script)) await a.exec(statement.text);
      expect((await diffModels(await introspect(a), model, { allowHazards: true })).script).toBe('');
    });
    // And back to empty: the range goes before the function it calls.
    const down = await roundTrip(engine, after, '');
    expect(down.remainingScript).toBe('');
    expectBefore(down.script, 'DROP TYPE public.timerange', 'DROP FUNCTION public.time_diff');
  });

  it.skipIf(engine.skip)('renames only the multirange, with its constructors, when only its name changes', async () => {
    const before = 'CREATE TYPE public.floatrange AS RANGE (subtype = float8); CREATE TABLE public.t (m public.floatmultirange);';
    const after = 'CREATE TYPE public.floatrange AS RANGE (subtype = float8, multirange_type_name = public.floatspans); CREATE TABLE public.t (m public.floatspans);';
    const r = await roundTrip(engine, before, after, '', async (db) => {
      const { rows } = await db.query<{ m: string }>('SELECT public.floatspans(public.floatrange(1, 2))::text AS m');
      expect(rows).toEqual([{ m: '{[1,2)}' }]);
    });
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('ALTER TYPE public.floatmultirange RENAME TO floatspans');
    expect(r.script).not.toContain('DROP TYPE');
  });

  it.skipIf(engine.skip)('changes the comment in place', async () => {
    const r = await roundTrip(engine, "CREATE TYPE public.floatrange AS RANGE (subtype = float8); COMMENT ON TYPE public.floatrange IS 'a';",
      "CREATE TYPE public.floatrange AS RANGE (subtype = float8); COMMENT ON TYPE public.floatrange IS 'b';");
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain("COMMENT ON TYPE public.floatrange IS 'b'");
    expect(r.script).not.toContain('DROP TYPE');
  });

  it.skipIf(engine.skip)('drops and creates an unused range whose subtype changes', async () => {
    const r = await roundTrip(engine, 'CREATE TYPE public.span AS RANGE (subtype = int4);', 'CREATE TYPE public.span AS RANGE (subtype = int8);');
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP TYPE public.span', 'CREATE TYPE public.span AS RANGE (SUBTYPE = bigint)');
  });

  it.skipIf(engine.skip)('rebuilds a used range whose subtype changes: columns, multirange columns, functions and views over it come along, and the gate holds it', async () => {
    const shape = (subtype: string) => `CREATE TYPE public.span AS RANGE (subtype = ${subtype});
      COMMENT ON TYPE public.span IS 'a span';
      CREATE TABLE public.t (id int PRIMARY KEY, s public.span DEFAULT '[10,20)', ss public.span[], m public.span_multirange,
        EXCLUDE USING gist (s WITH &&));
      CREATE FUNCTION public.width(x public.span) RETURNS ${subtype} LANGUAGE sql IMMUTABLE RETURN upper(x) - lower(x);
      CREATE VIEW public.v AS SELECT id, s FROM public.t;`;
    await engine.withPair(async (a, b) => {
      await a.exec(shape('int4'));
      await a.exec(`INSERT INTO public.t VALUES (1, '[1,5)', '{"[2,3)"}', '{[1,2),[4,6)}'), (2, DEFAULT, NULL, NULL)`);
      await b.exec(shape('numeric'));
      const held = await diffDatabases(a, b, { allowHazards: false });
      expect(held.blocked.length).toBeGreaterThan(0);
      const first = await diffDatabases(a, b, { allowHazards: true });
      expect(first.plan.steps.filter((st) => st.op.kind === 'alter-column-type').map((st) => st.hazards.map((h) => h.kind))).toEqual([
        ['data-loss', 'rewrite'], ['data-loss', 'rewrite'], ['data-loss', 'rewrite'],
      ]);
      expectBefore(first.script, 'DROP VIEW public.v', 'CREATE TYPE public.span__pgtide_new');
      expectBefore(first.script, 'DROP FUNCTION public.width', 'DROP TYPE public.span');
      expectBefore(first.script, 'ALTER TYPE public.span__pgtide_new RENAME TO span', 'CREATE OR REPLACE FUNCTION public.width');
      for (const statement of splitStatements(first.script)) await a.exec(statement.text);
      expect((await diffModels(await introspect(a), await introspect(b), { allowHazards: true })).script).toBe('');
      const { rows } = await a.query<{ id: number; s: string; ss: string | null; m: string | null; w: string }>(
        'SELECT id, s::text AS s, ss::text AS ss, m::text AS m, public.width(s)::text AS w FROM public.v JOIN public.t USING (id, s) ORDER BY id');
      expect(rows).toEqual([
        { id: 1, s: '[1,5)', ss: '{"[2,3)"}', m: '{[1,2),[4,6)}', w: '4' },
        { id: 2, s: '[10,20)', ss: null, m: null, w: '10' },
      ]);
      // The constructors carry the type's names again, not the temporary ones.
      const { rows: made } = await a.query<{ s: string; m: string }>('SELECT public.span(1.5, 2)::text AS s, public.span_multirange(public.span(1, 2))::text AS m');
      expect(made).toEqual([{ s: '[1.5,2)', m: '{[1,2)}' }]);
    });
  });
  it.skipIf(engine.skip)('rebuilds a range whose subtype and multirange name both change, converting the multirange column to the new name', async () => {
    const before = `CREATE TYPE public.span AS RANGE (subtype = int4);
      CREATE TABLE public.t (id int PRIMARY KEY, m public.span_multirange);
      INSERT INTO public.t VALUES (1, '{[1,3),[5,8)}');`;
    const after = `CREATE TYPE public.span AS RANGE (subtype = int8, multirange_type_name = public.spans);
      CREATE TABLE public.t (id int PRIMARY KEY, m public.spans);`;
    const r = await roundTrip(engine, before, after, '', async (db) => {
      const { rows } = await db.query<{ m: string; made: string }>('SELECT m::text AS m, public.spans(public.span(1, 2))::text AS made FROM public.t');
      expect(rows).toEqual([{ m: '{[1,3),[5,8)}', made: '{[1,2)}' }]);
    });
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('ALTER TYPE public.spans__pgtide_new RENAME TO spans');
  });
});
