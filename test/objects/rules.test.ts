import { describe, expect, it } from 'vitest';
import { scratchPglite } from '../../src/db/pglite.js';
import { introspect } from '../../src/introspect/index.js';
import { migrationBetween } from '../../src/pipeline/migration.js';
import { expectBefore } from '../helpers/expect-before.js';
import { ENGINES, roundTrip } from './helpers.js';

const PERSON = `CREATE TABLE public.person (id integer PRIMARY KEY, r integer, name text);
  CREATE TABLE public.log (id bigint, at timestamptz DEFAULT now());`;

describe.each(ENGINES)('rules on $name', (engine) => {
  it.skipIf(engine.skip)('creates rules after the tables and views they read, and drops them before', async () => {
    const x = `${PERSON}
      CREATE VIEW public.people AS SELECT id, name FROM public.person;
      CREATE RULE person_no_delete AS ON DELETE TO public.person DO INSTEAD NOTHING;
      CREATE RULE person_logged AS ON UPDATE TO public.person DO ALSO INSERT INTO public.log (id) SELECT p.id FROM public.people p WHERE p.id = new.id;
      CREATE RULE people_insert AS ON INSERT TO public.people DO INSTEAD INSERT INTO public.person (id, name) VALUES (new.id, new.name);
      COMMENT ON RULE person_no_delete ON public.person IS 'rows stay';`;
    const up = await roundTrip(engine, '', x);
    expect(up.remainingScript).toBe('');
    expectBefore(up.script, 'CREATE VIEW public.people', 'CREATE RULE person_logged');
    expectBefore(up.script, 'CREATE TABLE public.log', 'CREATE RULE person_logged');
    expectBefore(up.script, 'CREATE VIEW public.people', 'CREATE RULE people_insert');
    expect(up.script).toContain(`COMMENT ON RULE person_no_delete ON public.person IS 'rows stay'`);
    const down = await roundTrip(engine, x, '');
    expect(down.remainingScript).toBe('');
    expectBefore(down.script, 'DROP RULE person_logged', 'DROP VIEW public.people');
  });

  it.skipIf(engine.skip)('replaces a definition, sets the state and comment in place', async () => {
    const before = `${PERSON}
      CREATE RULE r1 AS ON DELETE TO public.person DO INSTEAD NOTHING;
      CREATE RULE r2 AS ON UPDATE TO public.person DO ALSO INSERT INTO public.log (id) VALUES (old.id);`;
    const after = `${PERSON}
      CREATE RULE r1 AS ON DELETE TO public.person WHERE old.r > 0 DO INSTEAD NOTHING;
      CREATE RULE r2 AS ON INSERT TO public.person DO ALSO INSERT INTO public.log (id) VALUES (new.id);
      ALTER TABLE public.person DISABLE RULE r1;
      ALTER TABLE public.person ENABLE ALWAYS RULE r2;
      COMMENT ON RULE r2 ON public.person IS 'inserts are logged';`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('CREATE OR REPLACE RULE r1 AS');
    expect(r.script).toContain('CREATE OR REPLACE RULE r2 AS');
    expect(r.script).toContain('ALTER TABLE public.person DISABLE RULE r1');
    expect(r.script).toContain('ALTER TABLE public.person ENABLE ALWAYS RULE r2');
    expect(r.script).not.toContain('DROP RULE');
    const back = await roundTrip(engine, after, before);
    expect(back.remainingScript).toBe('');
    expect(back.script).toContain('ALTER TABLE public.person ENABLE RULE r1');
    expect(back.script).toContain('COMMENT ON RULE r2 ON public.person IS NULL');
  });

  it.skipIf(engine.skip)('takes the rules of a view that is re-created along, and the rules that read it', async () => {
    const before = `${PERSON}
      CREATE VIEW public.people AS SELECT id, name FROM public.person;
      CREATE RULE people_delete AS ON DELETE TO public.people DO INSTEAD DELETE FROM public.person WHERE id = old.id;
      CREATE RULE person_logged AS ON UPDATE TO public.person DO ALSO INSERT INTO public.log (id) SELECT p.id FROM public.people p WHERE p.id = new.id;`;
    // The view's column changes type: CREATE OR REPLACE VIEW cannot do that, the view is re-created.
    const after = before.replace('SELECT id, name FROM', 'SELECT id, name::varchar(10) AS name FROM');
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP RULE person_logged', 'DROP VIEW public.people');
    expectBefore(r.script, 'DROP RULE people_delete', 'DROP VIEW public.people');
    expectBefore(r.script, 'CREATE VIEW public.people', 'CREATE RULE people_delete');
    expectBefore(r.script, 'CREATE VIEW public.people', 'CREATE RULE person_logged');
  });

  it.skipIf(engine.skip)('re-creates a rule that reads a column after the contract phase swaps it in', async () => {
    const before = `${PERSON}
      CREATE RULE r_logged AS ON UPDATE TO public.person DO ALSO INSERT INTO public.log (id) VALUES (new.r);`;
    // integer → bigint goes through a shadow column; the old one cannot be dropped while a rule reads it.
    const after = before.replace('r integer', 'r bigint');
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP RULE r_logged', 'ADD COLUMN r__pgtide_new');
    expectBefore(r.script, 'RENAME COLUMN r__pgtide_new TO r', 'CREATE RULE r_logged');
    const back = await roundTrip(engine, after, before);
    expect(back.remainingScript).toBe('');
  });

  it.skipIf(engine.skip)('re-creates a rule that reads a column of a rebuilt enum after the enum is rebuilt', async () => {
    const before = `CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
      CREATE TABLE public.feel (id integer, m public.mood);
      CREATE TABLE public.sad_log (id integer);
      CREATE RULE feel_sad AS ON INSERT TO public.feel WHERE new.m = 'sad'::public.mood DO ALSO INSERT INTO public.sad_log VALUES (new.id);`;
    // 'ok' goes: the enum is rebuilt and its columns retyped in contract, which a rule reading them blocks.
    const after = before.replace("'sad', 'ok', 'happy'", "'sad', 'happy'");
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP RULE feel_sad', 'ALTER TYPE');
    expect(r.script.lastIndexOf('CREATE RULE feel_sad')).toBeGreaterThan(r.script.lastIndexOf('ALTER TABLE public.feel ALTER COLUMN m'));
  });

  it.skipIf(engine.skip)('drops a rule before a table it reads, and one on a dropped table with it', async () => {
    const before = `${PERSON}
      CREATE TABLE public.audit (id integer);
      CREATE RULE person_audit AS ON DELETE TO public.person DO ALSO INSERT INTO public.audit VALUES (old.id);
      CREATE RULE audit_log AS ON INSERT TO public.audit DO ALSO INSERT INTO public.log (id) VALUES (new.id);`;
    const after = `${PERSON}`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP RULE person_audit', 'DROP TABLE public.audit');
    expectBefore(r.script, 'DROP RULE audit_log', 'DROP TABLE public.audit');
  });
});

describe('rules and the config\'s ignore', () => {
  it('leaves the rules of an ignored table or view out, like its triggers', async () => {
    const db = await scratchPglite();
    try {
      await db.exec(`${PERSON}
        CREATE VIEW public.people AS SELECT id, name FROM public.person;
        CREATE RULE person_no_delete AS ON DELETE TO public.person DO INSTEAD NOTHING;
        CREATE RULE people_no_delete AS ON DELETE TO public.people DO INSTEAD NOTHING;`);
      expect([...(await introspect(db)).rule.keys()]).toEqual(['rule:public.people.people_no_delete', 'rule:public.person.person_no_delete']);
      expect([...(await introspect(db, { ignore: ['table:public.person'] })).rule.keys()]).toEqual(['rule:public.people.people_no_delete']);
      expect([...(await introspect(db, { ignore: ['view:public.people'] })).rule.keys()]).toEqual(['rule:public.person.person_no_delete']);
      expect((await introspect(db, { ignore: ['rule:*'] })).rule.size).toBe(0);
    } finally {
      await db.close();
    }
  });
});

describe('the hazard gate and rules', () => {
  it('holds the drop of a rule that is gone for good, or that comes back only in the contract phase', async () => {
    const [a, b, c] = await Promise.all([scratchPglite(), scratchPglite(), scratchPglite()]);
    try {
      const before = `${PERSON}
        CREATE RULE r_logged AS ON UPDATE TO public.person DO ALSO INSERT INTO public.log (id) VALUES (new.r);`;
      await a.exec(before);
      await b.exec(before.replace('r integer', 'r bigint'));
      await c.exec(PERSON);
      const [ma, mb, mc] = await Promise.all([introspect(a), introspect(b), introspect(c)]);
      const held = (to: typeof ma) => migrationBetween(ma, to, { allowHazards: false, render: { as: 'script' } }).blocked
        .filter((s) => s.op.kind === 'drop-rule').map((s) => s.hazards.map((h) => h.reason).join('; '));
      expect(held(mb)).toEqual([expect.stringContaining('from expand until the contract phase creates it again')]);
      expect(held(mc)).toEqual([expect.stringContaining('no longer rewritten by rule r_logged')]);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
