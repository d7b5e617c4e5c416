import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/api/diff-databases.js';
import type { Queryable } from '../../src/db/queryable.js';
import { diff } from '../../src/diff/index.js';
import { introspect } from '../../src/introspect/index.js';
import { renderMigrationFiles } from '../../src/migrations/render-files.js';
import { planChanges } from '../../src/plan/index.js';
import { runMigrationFile } from '../../src/verify/replay.js';
import { ENGINES } from './helpers.js';

const BEFORE = `
  CREATE TABLE public.users (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    score integer DEFAULT 0,
    legacy text
  );
  CREATE INDEX users_name_idx ON public.users (name);
  CREATE TABLE public.posts (id serial PRIMARY KEY, user_id integer REFERENCES public.users (id));
  CREATE VIEW public.names AS SELECT id, name FROM public.users;
  INSERT INTO public.users (name, score, legacy) VALUES ('ann', 3, 'x'), ('bob', 5, 'y'), ('cy', 7, 'z');
  DELETE FROM public.users WHERE name = 'cy';
  INSERT INTO public.posts (user_id) VALUES (1), (2);
`;

// email goes between id and name, score becomes bigint, legacy is dropped: appending cannot get there.
const AFTER = `
  CREATE TABLE public.users (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text,
    name text NOT NULL,
    score bigint DEFAULT 0
  );
  CREATE INDEX users_name_idx ON public.users (name);
  CREATE TABLE public.posts (id serial PRIMARY KEY, user_id integer REFERENCES public.users (id));
  CREATE VIEW public.names AS SELECT id, name FROM public.users;
`;

async function columnsOf(db: Queryable, table: string): Promise<string[]> {
  const r = await db.query<{ attname: string }>(
    `SELECT attname FROM pg_attribute WHERE attrelid = 'public.${table}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
  );
  return r.rows.map((row) => row.attname);
}

/** Runs each phase file as apply does: transactional statements together, so the lock holds until the drop. */
async function migrate(a: Queryable, b: Queryable, columnOrder: 'append' | 'exact'): Promise<void> {
  const [from, to] = await Promise.all([introspect(a), introspect(b)]);
  const plan = planChanges(diff(from, to, { columnOrder }), { from, to });
  const files = renderMigrationFiles(plan, { version: '20260101T000000Z', name: 'order', fromHash: 'a', toHash: 'b' }).files;
  for (const phase of ['expand', 'migrate', 'contract'] as const) {
    const sql = files[phase];
    if (sql !== undefined) await runMigrationFile(a, sql, `${phase}.sql`);
  }
}

describe.each(ENGINES)('column order on $name', (engine) => {
  it.skipIf(engine.skip)("'exact' rebuilds the table in the declared order and keeps its rows, counters and dependents", async () => {
    await engine.withPair(async (a, b) => {
      await a.exec(BEFORE);
      await b.exec(AFTER);
      await migrate(a, b, 'exact');
      expect(await columnsOf(a, 'users')).toEqual(['id', 'email', 'name', 'score']);
      const rows = await a.query<{ id: number; email: string | null; name: string; score: string }>(
        'SELECT id, email, name, score FROM public.users ORDER BY id',
      );
      expect(rows.rows.map((r) => [r.id, r.email, r.name, Number(r.score)])).toEqual([[1, null, 'ann', 3], [2, null, 'bob', 5]]);
      // The identity sequence goes on after the deleted row's id, as the old one would have.
      const next = await a.query<{ id: number }>("INSERT INTO public.users (name) VALUES ('dee') RETURNING id");
      expect(next.rows[0]!.id).toBe(4);
      expect((await a.query<{ n: number }>('SELECT count(*)::int AS n FROM public.names')).rows[0]!.n).toBe(3);
      const holding = await a.query("SELECT 1 FROM pg_class WHERE relname LIKE 'users__pgtide%'");
      expect(holding.rows).toEqual([]);
      const [ma, mb] = await Promise.all([introspect(a), introspect(b)]);
      expect(diffModels(ma, mb, { allowHazards: true, diff: { columnOrder: 'exact' } }).script).toBe('');
    });
  });

  it.skipIf(engine.skip)("'append' adds the column at the end, keeps every row in place and is then done", async () => {
    await engine.withPair(async (a, b) => {
      await a.exec(BEFORE);
      await b.exec(AFTER);
      await migrate(a, b, 'append');
      expect(await columnsOf(a, 'users')).toEqual(['id', 'name', 'score', 'email']);
      const [ma, mb] = await Promise.all([introspect(a), introspect(b)]);
      expect(diffModels(ma, mb, { allowHazards: true }).changeCount).toBe(0);
      expect(diffModels(ma, mb, { allowHazards: true, diff: { columnOrder: 'exact' } }).changeCount).toBeGreaterThan(0);
    });
  });
});
