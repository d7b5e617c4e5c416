import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';

describe.each(ENGINES)('domains on $name', (engine) => {
  it.skipIf(engine.skip)('creates a domain before the table that uses it', async () => {
    const after = `CREATE DOMAIN public.posint AS integer DEFAULT 1 NOT NULL CONSTRAINT positive CHECK (VALUE > 0);
      CREATE TABLE public.t (n public.posint);`;
    const r = await roundTrip(engine, '', after);
    expect(r.remainingScript).toBe('');
    expect(r.script.indexOf('CREATE DOMAIN public.posint')).toBeLessThan(r.script.indexOf('CREATE TABLE public.t'));
  });

  it.skipIf(engine.skip)('changes a domain constraint in place: the old check is dropped in expand, the new one added in contract', async () => {
    const before = `CREATE DOMAIN public.code AS text CONSTRAINT code_len CHECK (length(VALUE) <= 10);
      CREATE TABLE public.t (c public.code);
      INSERT INTO public.t VALUES ('abc');`;
    const after = `CREATE DOMAIN public.code AS text NOT NULL DEFAULT 'x' CONSTRAINT code_len CHECK (length(VALUE) <= 20) CONSTRAINT code_lower CHECK (VALUE = lower(VALUE));
      CREATE TABLE public.t (c public.code);`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    const contract = r.script.indexOf('-- phase: contract');
    expect(r.script.indexOf('ALTER DOMAIN public.code DROP CONSTRAINT code_len')).toBeLessThan(contract);
    expect(r.script.indexOf('ALTER DOMAIN public.code ADD CONSTRAINT code_len CHECK')).toBeGreaterThan(contract);
    expect(r.script).not.toContain('DROP DOMAIN');
  });
});
