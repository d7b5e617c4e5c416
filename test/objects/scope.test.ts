import { describe, expect, it } from 'vitest';
import { defineConfig } from '../../src/dsl/config.js';
import { diff } from '../../src/diff/index.js';
import { scratchPglite } from '../../src/db/pglite.js';
import { introspect } from '../../src/introspect/index.js';

describe('managed scope: ignore patterns', () => {
  it('leaves ignored objects and everything on an ignored table out of the model, so they are never dropped', async () => {
    const db = await scratchPglite();
    try {
      await db.exec(`CREATE TABLE public.app (id integer PRIMARY KEY);
        CREATE TABLE public.tmp_import (id integer PRIMARY KEY, v text);
        CREATE INDEX tmp_import_v ON public.tmp_import (v);
        CREATE VIEW public.report_daily AS SELECT id FROM public.app;
        CREATE FUNCTION public.legacy_sum(a integer) RETURNS integer LANGUAGE sql RETURN a;`);
      const all = await introspect(db);
      const scoped = await introspect(db, { ignore: ['*:public.tmp_*', 'view:public.report_*', 'function:public.legacy_*'] });
      expect([...all.table.keys()]).toEqual(['table:public.app', 'table:public.tmp_import']);
      expect([...scoped.table.keys()]).toEqual(['table:public.app']);
      expect([...scoped.index.keys()]).toEqual([]);
      expect([...scoped.constraint.keys()]).toEqual(['constraint:public.app.app_pkey']);
      expect(scoped.view.size).toBe(0);
      expect(scoped.function.size).toBe(0);
      expect([...scoped.privilege.keys()].some((id) => id.includes('legacy_sum'))).toBe(false);
      // Desired = only the managed table: nothing ignored shows up as a drop.
      const desired = await introspect(db, { ignore: ['*:public.tmp_*', 'view:*', 'function:*'] });
      expect(diff(scoped, desired).changes).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('refuses patterns without a kind', () => {
    expect(() => defineConfig({ schema: './schema', ignore: ['tmp_*'] })).toThrow(/"ignore" must be a list of patterns/);
  });
});
