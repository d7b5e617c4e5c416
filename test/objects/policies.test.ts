import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

const OWNS = `CREATE FUNCTION public.owns(o text) RETURNS boolean LANGUAGE sql STABLE RETURN o = current_user;`;

describe.each(ENGINES)('row-level security on $name', (engine) => {
  it.skipIf(engine.skip)('creates a function before the default, check and policy that use it', async () => {
    const after = `${OWNS}
      CREATE FUNCTION public.me() RETURNS text LANGUAGE sql STABLE RETURN current_user;
      CREATE TABLE public.docs (id integer, owner text DEFAULT public.me() CHECK (public.owns(owner) OR owner IS NULL));
      ALTER TABLE public.docs ENABLE ROW LEVEL SECURITY;
      CREATE POLICY mine ON public.docs FOR ALL TO PUBLIC USING (public.owns(owner)) WITH CHECK (public.owns(owner));`;
    const r = await roundTrip(engine, '', after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'FUNCTION public.owns', 'CREATE TABLE public.docs');
    expectBefore(r.script, 'FUNCTION public.me', 'CREATE TABLE public.docs');
    expectBefore(r.script, 'CREATE POLICY mine', 'ENABLE ROW LEVEL SECURITY');
  });

  it.skipIf(engine.skip)('alters, re-creates and drops policies and toggles ENABLE / FORCE', async () => {
    const before = `CREATE TABLE public.t (id integer, owner text, flag boolean);
      ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;
      CREATE POLICY p_using ON public.t USING (owner = current_user);
      CREATE POLICY p_both ON public.t FOR UPDATE USING (flag) WITH CHECK (flag);
      CREATE POLICY p_gone ON public.t FOR DELETE USING (true);
      CREATE POLICY p_kind ON public.t AS PERMISSIVE FOR SELECT USING (true);`;
    const after = `CREATE TABLE public.t (id integer, owner text, flag boolean);
      ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;
      ALTER TABLE public.t FORCE ROW LEVEL SECURITY;
      CREATE POLICY p_using ON public.t TO postgres USING (owner = session_user);
      CREATE POLICY p_both ON public.t FOR UPDATE USING (flag);
      CREATE POLICY p_kind ON public.t AS RESTRICTIVE FOR SELECT USING (true);
      COMMENT ON POLICY p_using ON public.t IS 'owner only';`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('ALTER POLICY p_using ON public.t TO postgres USING');
    // WITH CHECK cannot be taken away by ALTER POLICY: p_both is re-created.
    expect(r.script).toContain('DROP POLICY p_both ON public.t');
    expect(r.script).toContain('ALTER TABLE public.t FORCE ROW LEVEL SECURITY');
    const back = await roundTrip(engine, after, before);
    expect(back.remainingScript).toBe('');
    expect(back.script).toContain('NO FORCE ROW LEVEL SECURITY');
  });

  it.skipIf(engine.skip)('re-creates a policy around a change of a column it reads', async () => {
    const before = `CREATE TABLE public.t (id integer, owner varchar(20));
      CREATE POLICY own ON public.t USING (owner = current_user);`;
    const r = await roundTrip(engine, before, before.replace('varchar(20)', 'text'));
    expect(r.remainingScript).toBe('');
  });
});
