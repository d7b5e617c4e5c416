import { describe, expect, it } from 'vitest';
import { ENGINES, introspectSql } from './helpers.js';

describe.each(ENGINES)('NOT NULL constraint names on $name', (engine) => {
  it.skipIf(engine.skip)('keeps only names other than <table>_<column>_not_null, and only from PostgreSQL 18', async () => {
    const m = await introspectSql(engine, `
      CREATE TABLE public.t (plain integer NOT NULL, named integer CONSTRAINT custom NOT NULL, loose integer);
      CREATE TABLE public.before_rename (c integer NOT NULL);
      ALTER TABLE public.before_rename RENAME TO after_rename;`);
    const names = (table: string) => m.table.get(`table:public.${table}`)!.columns.map((c) => [c.name, c.notNullName]);
    // PostgreSQL 15 has no NOT NULL constraints, so no names: the model is the one of the defaults.
    const named = engine.name === 'pglite';
    expect(names('t')).toEqual([['plain', undefined], ['named', named ? 'custom' : undefined], ['loose', undefined]]);
    expect(names('after_rename')).toEqual([['c', named ? 'before_rename_c_not_null' : undefined]]);
    expect(m.table.get('table:public.t')!.columns.every((c) => !('notNullName' in c) || c.notNullName !== undefined)).toBe(true);
  });
});
