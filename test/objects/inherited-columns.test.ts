import { describe, expect, it } from 'vitest';
import { diffDatabases, diffModels } from '../../src/api/diff-databases.js';
import { introspect } from '../../src/introspect/index.js';
import { splitStatements } from '../../src/migrations/index.js';
import { ENGINES } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

const BEFORE = `CREATE TABLE public.base (created_at timestamp DEFAULT now(), e integer);
  CREATE TABLE public.a (a1 integer) INHERITS (public.base);
  CREATE TABLE public.b (b1 integer) INHERITS (public.base);
  INSERT INTO public.a (a1, e) VALUES (1, 10), (2, 20);
  INSERT INTO public.b (b1, e) VALUES (3, 30);`;

interface Moved {
  readonly script: string;
  readonly remainingScript: string;
  readonly rows: readonly unknown[];
}

/** Applies the migration from BEFORE (with rows) to `after`, and reads child a's rows back. */
function move(engine: (typeof ENGINES)[number], after: string): Promise<Moved> {
  return engine.withPair(async (a, b) => {
    await a.exec(BEFORE);
    await b.exec(after);
    const { script } = await diffDatabases(a, b, { allowHazards: true });
    for (const statement of splitStatements(script)) await a.exec(statement.text);
    const again = diffModels(await introspect(a), await introspect(b), { allowHazards: true });
    const rows = (await a.query('SELECT a1, e FROM public.a ORDER BY a1')).rows;
    return { script, remainingScript: again.script, rows };
  });
}

describe.each(ENGINES)('a column that moves from an INHERITS parent to its child on $name', (engine) => {
  it.skipIf(engine.skip)('stays in the child with its values, and leaves the other child', async () => {
    const r = await move(engine, `CREATE TABLE public.base (created_at timestamp DEFAULT now());
      CREATE TABLE public.a (a1 integer, e integer) INHERITS (public.base);
      CREATE TABLE public.b (b1 integer) INHERITS (public.base);`);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('ALTER TABLE ONLY public.base DROP COLUMN e;');
    expect(r.script).toContain('ALTER TABLE public.b DROP COLUMN e;');
    expect(r.script).not.toContain('ADD COLUMN');
    expect(r.rows).toEqual([{ a1: 1, e: 10 }, { a1: 2, e: 20 }]);
  });

  it.skipIf(engine.skip)('is added anew, after the parent\'s drop, when its type changes', async () => {
    const r = await move(engine, `CREATE TABLE public.base (created_at timestamp DEFAULT now());
      CREATE TABLE public.a (a1 integer, e text) INHERITS (public.base);
      CREATE TABLE public.b (b1 integer) INHERITS (public.base);`);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP COLUMN e', 'ADD COLUMN e text');
    expect(r.rows).toEqual([{ a1: 1, e: null }, { a1: 2, e: null }]);
  });
});
