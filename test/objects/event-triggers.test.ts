import { describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import { expectBefore } from '../helpers/expect-before.js';
import { ENGINES, roundTrip } from './helpers.js';

const LOG = `CREATE FUNCTION public.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;`;
// Refuses the commands its trigger is filtered on: a migration that fired it would fail.
const REFUSE = `CREATE FUNCTION public.refuse_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused: %', tg_tag; END $$;`;
const GUARD = `CREATE EVENT TRIGGER guard ON ddl_command_start WHEN TAG IN ('CREATE TABLE', 'DROP TABLE') EXECUTE FUNCTION public.refuse_ddl();`;

describe.each(ENGINES)('event triggers on $name', (engine) => {
  it.skipIf(engine.skip)('changes state and comment in place; event, tags and function by drop and create', async () => {
    const before = `${LOG}
      CREATE FUNCTION public.other_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
      CREATE EVENT TRIGGER a ON ddl_command_end EXECUTE FUNCTION public.log_ddl();
      CREATE EVENT TRIGGER b ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION public.log_ddl();
      CREATE EVENT TRIGGER c ON sql_drop EXECUTE FUNCTION public.log_ddl();
      CREATE EVENT TRIGGER d ON ddl_command_end EXECUTE FUNCTION public.log_ddl();
      CREATE EVENT TRIGGER gone ON table_rewrite EXECUTE FUNCTION public.log_ddl();
      ALTER EVENT TRIGGER c DISABLE;
      COMMENT ON EVENT TRIGGER a IS 'old';`;
    const after = `${LOG}
      CREATE FUNCTION public.other_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
      CREATE EVENT TRIGGER a ON ddl_command_end EXECUTE FUNCTION public.log_ddl();
      CREATE EVENT TRIGGER b ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION public.log_ddl();
      CREATE EVENT TRIGGER c ON ddl_command_start EXECUTE FUNCTION public.log_ddl();
      CREATE EVENT TRIGGER d ON ddl_command_end EXECUTE FUNCTION public.other_ddl();
      CREATE EVENT TRIGGER "New one" ON ddl_command_start EXECUTE FUNCTION public.log_ddl();
      ALTER EVENT TRIGGER a ENABLE ALWAYS;
      ALTER EVENT TRIGGER "New one" DISABLE;
      COMMENT ON EVENT TRIGGER a IS 'new';`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('ALTER EVENT TRIGGER a ENABLE ALWAYS;');
    expect(r.script).toContain("COMMENT ON EVENT TRIGGER a IS 'new';");
    expect(r.script).toContain("CREATE EVENT TRIGGER b ON ddl_command_end WHEN TAG IN ('ALTER TABLE', 'CREATE TABLE') EXECUTE FUNCTION public.log_ddl();");
    expect(r.script).toContain('CREATE EVENT TRIGGER d ON ddl_command_end EXECUTE FUNCTION public.other_ddl();');
    expectBefore(r.script, 'CREATE EVENT TRIGGER "New one"', 'ALTER EVENT TRIGGER "New one" DISABLE');
    expect(r.script).toContain('DROP EVENT TRIGGER gone;');
    expect(r.script).not.toContain('DROP EVENT TRIGGER a;');
    const back = await roundTrip(engine, after, before);
    expect(back.remainingScript).toBe('');
    expect(back.script).toContain('ALTER EVENT TRIGGER c DISABLE;');
  });

  it.skipIf(engine.skip)('is created after its function and dropped before it', async () => {
    const x = `${LOG}
      CREATE EVENT TRIGGER log ON ddl_command_end EXECUTE FUNCTION public.log_ddl();`;
    const create = await roundTrip(engine, '', x);
    expect(create.remainingScript).toBe('');
    expectBefore(create.script, 'FUNCTION public.log_ddl()', 'CREATE EVENT TRIGGER log');
    const drop = await roundTrip(engine, x, '');
    expect(drop.remainingScript).toBe('');
    expectBefore(drop.script, 'DROP EVENT TRIGGER log', 'DROP FUNCTION public.log_ddl()');
  });

  it.skipIf(engine.skip)('stays when its function is replaced in place, and follows it to another function', async () => {
    const trigger = 'CREATE EVENT TRIGGER log ON ddl_command_end EXECUTE FUNCTION public.log_ddl();';
    const before = `${LOG} ${trigger}`;
    const after = `CREATE FUNCTION public.log_ddl() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN RAISE NOTICE 'ddl'; END $$;
      ${trigger}`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).not.toContain('DROP EVENT TRIGGER');
    // Moved to another schema, the function is another: the trigger goes first and comes back last.
    const moved = `CREATE SCHEMA audit; CREATE FUNCTION audit.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
      CREATE EVENT TRIGGER log ON ddl_command_end EXECUTE FUNCTION audit.log_ddl();`;
    const m = await roundTrip(engine, before, moved);
    expect(m.remainingScript).toBe('');
    expectBefore(m.script, 'DROP EVENT TRIGGER log', 'FUNCTION audit.log_ddl()');
    expectBefore(m.script, 'FUNCTION audit.log_ddl()', 'CREATE EVENT TRIGGER log');
    expectBefore(m.script, 'DROP EVENT TRIGGER log', 'DROP FUNCTION public.log_ddl()');
  });

  it.skipIf(engine.skip)('never fires on the migration that creates, drops or switches it', async () => {
    const guarded = `${REFUSE} CREATE TABLE public.t (id integer); ${GUARD}`;
    const create = await roundTrip(engine, '', guarded);
    expect(create.remainingScript).toBe('');
    expectBefore(create.script, 'CREATE TABLE public.t', 'CREATE EVENT TRIGGER guard');
    // The table goes in contract: a guard created any earlier would refuse the drop.
    const replaced = await roundTrip(engine, 'CREATE TABLE public.old (id integer);', guarded);
    expect(replaced.remainingScript).toBe('');
    expectBefore(replaced.script, 'DROP TABLE public.old', 'CREATE EVENT TRIGGER guard');
    const drop = await roundTrip(engine, guarded, '');
    expect(drop.remainingScript).toBe('');
    expectBefore(drop.script, 'DROP EVENT TRIGGER guard', 'DROP TABLE public.t');
    const off = `${REFUSE} ${GUARD} ALTER EVENT TRIGGER guard DISABLE; CREATE TABLE public.u (id integer);`;
    const switched = await roundTrip(engine, `${REFUSE} ${GUARD}`, off);
    expect(switched.remainingScript).toBe('');
    expectBefore(switched.script, 'ALTER EVENT TRIGGER guard DISABLE', 'CREATE TABLE public.u');
    const on = await roundTrip(engine, off, `${REFUSE} CREATE TABLE public.v (id integer); ${GUARD}`);
    expect(on.remainingScript).toBe('');
    expectBefore(on.script, 'CREATE TABLE public.v', 'ALTER EVENT TRIGGER guard ENABLE');
  });

  it.skipIf(engine.skip)("is in scope with its function's schema", async () => {
    await engine.withPair(async (a) => {
      await a.exec(`CREATE SCHEMA audit; CREATE FUNCTION audit.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
        CREATE EVENT TRIGGER log ON ddl_command_end EXECUTE FUNCTION audit.log_ddl();`);
      expect([...(await introspect(a, { schemas: ['audit'] }))['event-trigger'].keys()]).toEqual(['event-trigger:log']);
      expect([...(await introspect(a, { schemas: ['public'] }))['event-trigger'].keys()]).toEqual([]);
      expect([...(await introspect(a, { ignore: ['function:audit.*'] }))['event-trigger'].keys()]).toEqual([]);
    });
  });
});
