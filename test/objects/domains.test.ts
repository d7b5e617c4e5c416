import { describe, expect, it } from 'vitest';
import { diffDatabases, diffModels } from '../../src/api/diff-databases.js';
import { introspect } from '../../src/introspect/index.js';
import { splitStatements } from '../../src/migrations/index.js';
import { ENGINES, roundTrip } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

describe.each(ENGINES)('domains on $name', (engine) => {
  it.skipIf(engine.skip)('creates a domain before the table that uses it', async () => {
    const after = `CREATE DOMAIN public.posint AS integer DEFAULT 1 NOT NULL CONSTRAINT positive CHECK (VALUE > 0);
      CREATE TABLE public.t (n public.posint);`;
    const r = await roundTrip(engine, '', after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'CREATE DOMAIN public.posint', 'CREATE TABLE public.t');
  });

  it.skipIf(engine.skip)('changes a domain constraint in place: the old check is dropped in expand, the new one added in contract', async () => {
    const before = `CREATE DOMAIN public.code AS text CONSTRAINT code_len CHECK (length(VALUE) <= 10);
      CREATE TABLE public.t (c public.code);
      INSERT INTO public.t VALUES ('abc');`;
    const after = `CREATE DOMAIN public.code AS text NOT NULL DEFAULT 'x' CONSTRAINT code_len CHECK (length(VALUE) <= 20) CONSTRAINT code_lower CHECK (VALUE = lower(VALUE));
      CREATE TABLE public.t (c public.code);`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'ALTER DOMAIN public.code DROP CONSTRAINT code_len', '-- phase: contract');
    expectBefore(r.script, '-- phase: contract', 'ALTER DOMAIN public.code ADD CONSTRAINT code_len CHECK');
    expect(r.script).not.toContain('DROP DOMAIN');
  });

  it.skipIf(engine.skip)('drops and creates an unused domain whose base type changes', async () => {
    const r = await roundTrip(engine, 'CREATE DOMAIN public.test_domain AS text;', 'CREATE DOMAIN public.test_domain AS integer;');
    expect(r.remainingScript).toBe('');
    expect(r.script.indexOf('DROP DOMAIN public.test_domain')).toBeGreaterThan(-1);
    expectBefore(r.script, 'DROP DOMAIN public.test_domain', 'CREATE DOMAIN public.test_domain AS integer');
  });

  it.skipIf(engine.skip)('rebuilds a used domain whose base type changes, converting its columns and keeping their data', async () => {
    const before = `CREATE DOMAIN public.code AS text CONSTRAINT code_digits CHECK (VALUE ~ '^[0-9]+$');
      COMMENT ON DOMAIN public.code IS 'a code';
      CREATE TABLE public.t (id integer, c public.code DEFAULT '7', cs public.code[]);
      CREATE VIEW public.v AS SELECT id, c FROM public.t;`;
    const after = `CREATE DOMAIN public.code AS integer CONSTRAINT code_positive CHECK (VALUE > 0);
      COMMENT ON DOMAIN public.code IS 'a code';
      CREATE TABLE public.t (id integer, c public.code DEFAULT 7, cs public.code[]);
      CREATE VIEW public.v AS SELECT id, c FROM public.t;`;
    await engine.withPair(async (a, b) => {
      await a.exec(before);
      await a.exec(`INSERT INTO public.t VALUES (1, '42', '{1,2}'), (2, DEFAULT, NULL)`);
      await b.exec(after);
      const first = await diffDatabases(a, b, { allowHazards: true });
      const retypes = first.plan.steps.filter((st) => st.op.kind === 'alter-column-type');
      expect(retypes).toHaveLength(2);
      for (const st of retypes) {
        expect(st.phase).toBe('contract');
        expect(st.hazards.map((h) => `${h.kind}:${h.risk}`)).toEqual(['data-loss:high', 'rewrite:high']);
      }
      expect(first.script).toContain('ALTER DOMAIN public.code__pgtide_new RENAME TO code');
      for (const statement of splitStatements(first.script)) await a.exec(statement.text);
      const again = diffModels(await introspect(a), await introspect(b), { allowHazards: true });
      expect(again.script).toBe('');
      const { rows } = await a.query<{ id: number; c: number; cs: number[] | string }>('SELECT id, c, cs::text AS cs FROM public.v JOIN public.t USING (id, c) ORDER BY id');
      expect(rows).toEqual([{ id: 1, c: 42, cs: '{1,2}' }, { id: 2, c: 7, cs: null }]);
      await a.exec('INSERT INTO public.t (id) VALUES (3)');
      const { rows: defaulted } = await a.query<{ c: number }>('SELECT c FROM public.t WHERE id = 3');
      expect(defaulted).toEqual([{ c: 7 }]);
    });
  });
});
