import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { emptyModel, buildModel } from '../../src/model/model.js';
import type { View } from '../../src/model/types.js';
import { ENGINES, roundTrip } from './helpers.js';

const BASE = `
CREATE TABLE public.items (id integer PRIMARY KEY, name text NOT NULL, price numeric(10,2), kind text);
CREATE VIEW public.v1 AS SELECT id, name, price FROM public.items;
CREATE VIEW public.v2 AS SELECT id, price FROM public.v1 WHERE price > 0;
CREATE VIEW public.v3 AS SELECT count(*) AS n, sum(price) AS total FROM public.v2;
CREATE VIEW public.unrelated AS SELECT id, kind FROM public.items;
`;

function view(name: string, dependsOn: string[], over: Partial<View> = {}): View {
  return { kind: 'view', schema: 'public', name, materialized: false, definition: `SELECT 1 AS ${name}`, with: [], comment: null, columnComments: [], dependsOn, ...over };
}

describe('view dependency order (pure)', () => {
  it('drops dependents first and creates dependencies first', () => {
    const a = view('a', ['table:public.t']);
    const b = view('b', ['view:public.a']);
    const c = view('c', ['view:public.b']);
    const from = buildModel([c, a, b]);
    const to = buildModel([{ ...a, definition: 'SELECT 2 AS a' }, b, c]);
    const kinds = diff(from, to).changes.map((ch) => `${ch.kind} ${ch.id}`);
    expect(kinds).toEqual([
      'view.drop view:public.c',
      'view.drop view:public.b',
      'view.drop view:public.a',
      'view.create view:public.a',
      'view.create view:public.b',
      'view.create view:public.c',
    ]);
  });

  it('creates a new chain in dependency order whatever the names', () => {
    const z = view('z', ['table:public.t']);
    const y = view('y', ['view:public.z']);
    const kinds = diff(emptyModel(), buildModel([y, z])).changes.map((ch) => ch.id);
    expect(kinds).toEqual(['view:public.z', 'view:public.y']);
  });

  it('leaves a view alone when only its dependency list differs', () => {
    const a = view('a', ['table:public.t']);
    expect(diff(buildModel([a]), buildModel([{ ...a, dependsOn: [] }])).changes).toEqual([]);
  });
});

describe.each(ENGINES)('views on $name', (engine) => {
  it.skipIf(engine.skip)('changes a column type under a chain of three views', async () => {
    const after = BASE.replace('price numeric(10,2)', 'price numeric(12,4)');
    const r = await roundTrip(engine, BASE, after);
    expect(r.remainingScript).toBe('');
    expect(r.remaining).toBe(0);
    // v3 reads v2 reads v1 reads the column: all three go first and come back in order; the
    // view that does not read the column is untouched.
    const order = ['DROP VIEW public.v3', 'DROP VIEW public.v2', 'DROP VIEW public.v1', 'ALTER TABLE', 'CREATE VIEW public.v1', 'CREATE VIEW public.v2', 'CREATE VIEW public.v3'];
    const positions = order.map((s) => r.script.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(r.script).not.toContain('public.unrelated');
  });

  it.skipIf(engine.skip)('changes a view body, options and comment; drops and adds views', async () => {
    const after = `${BASE.replace('WHERE price > 0', 'WHERE price > 10')}
      ALTER VIEW public.unrelated SET (security_barrier = true);
      COMMENT ON VIEW public.v1 IS 'all items';
      CREATE VIEW public.fresh AS SELECT name FROM public.v1;`;
    const r = await roundTrip(engine, BASE, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('ALTER TABLE public.unrelated SET (security_barrier=true)');
    expect(r.script).not.toContain('DROP VIEW public.v1');
  });

  it.skipIf(engine.skip)('re-creates a materialized view and its indexes when a column it reads changes', async () => {
    const before = `CREATE TABLE public.t (id integer PRIMARY KEY, v integer);
      CREATE MATERIALIZED VIEW public.m AS SELECT id, v FROM public.t;
      CREATE UNIQUE INDEX m_id ON public.m (id);
      CREATE VIEW public.over_m AS SELECT id FROM public.m;`;
    const after = before.replace('v integer', 'v bigint');
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('DROP MATERIALIZED VIEW public.m');
    expect(r.script).toMatch(/CREATE UNIQUE INDEX (CONCURRENTLY )?m_id ON public\.m/);
  });

  it.skipIf(engine.skip)('re-creates a view when a column it uses is dropped or an enum value it reads is removed', async () => {
    const before = `CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
      CREATE TABLE public.p (id integer, mood public.mood, extra text);
      CREATE VIEW public.moods AS SELECT id, mood FROM public.p;
      CREATE VIEW public.extras AS SELECT id, extra FROM public.p;`;
    const after = `CREATE TYPE public.mood AS ENUM ('ok', 'happy');
      CREATE TABLE public.p (id integer, mood public.mood);
      CREATE VIEW public.moods AS SELECT id, mood FROM public.p;`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.remaining).toBe(0);
  });
});
