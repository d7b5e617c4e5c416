import { describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import { objectId } from '../../src/model/ids.js';
import { scopeModel } from '../../src/model/scope.js';
import { expectBefore } from '../helpers/expect-before.js';
import { ENGINES, roundTrip } from './helpers.js';

// Roles are cluster-wide on PostgreSQL: created once if missing, never dropped, so that concurrent
// test files can share them. Default privileges themselves belong to each (fresh) database.
const ROLES = `DO $$ BEGIN CREATE ROLE pgtide_test_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
  DO $$ BEGIN CREATE ROLE pgtide_test_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`;

const APP = 'CREATE SCHEMA app;';

describe.each(ENGINES)('default privileges on $name', (engine) => {
  it.skipIf(engine.skip)('grants, revokes and grant options, for one schema and for every schema, of another role', async () => {
    const before = `${APP}
      ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT, INSERT ON TABLES TO pgtide_test_reader;
      ALTER DEFAULT PRIVILEGES FOR ROLE pgtide_test_owner GRANT USAGE ON SEQUENCES TO pgtide_test_reader;
      ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO pgtide_test_reader;`;
    const after = `${APP}
      ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO pgtide_test_reader WITH GRANT OPTION;
      ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT EXECUTE ON FUNCTIONS TO pgtide_test_reader;
      ALTER DEFAULT PRIVILEGES FOR ROLE pgtide_test_owner IN SCHEMA app GRANT USAGE ON TYPES TO pgtide_test_reader;
      ALTER DEFAULT PRIVILEGES FOR ROLE pgtide_test_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;`;
    const r = await roundTrip(engine, before, after, ROLES);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA app REVOKE INSERT ON TABLES FROM pgtide_test_reader');
    expect(r.script).toContain('ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA app GRANT SELECT ON TABLES TO pgtide_test_reader WITH GRANT OPTION');
    expect(r.script).toContain('ALTER DEFAULT PRIVILEGES FOR ROLE pgtide_test_owner REVOKE USAGE ON SEQUENCES FROM pgtide_test_reader');
    expect(r.script).toContain('ALTER DEFAULT PRIVILEGES FOR ROLE pgtide_test_owner REVOKE ALL ON FUNCTIONS FROM PUBLIC');
    expect(r.script).toContain('ALTER DEFAULT PRIVILEGES FOR ROLE postgres REVOKE USAGE ON SCHEMAS FROM pgtide_test_reader');
    const back = await roundTrip(engine, after, before, ROLES);
    expect(back.remainingScript).toBe('');
    expect(back.script).toContain('ALTER DEFAULT PRIVILEGES FOR ROLE pgtide_test_owner GRANT ALL ON FUNCTIONS TO PUBLIC');
    expect(back.script).toContain('ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA app REVOKE GRANT OPTION FOR SELECT ON TABLES FROM pgtide_test_reader');
  });

  it.skipIf(engine.skip)('reads an entry for every schema against the built-in defaults: restating them is no entry at all', async () => {
    await engine.withPair(async (a, b) => {
      await a.exec(`${ROLES}
        ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
        ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
        ALTER DEFAULT PRIVILEGES GRANT USAGE ON TYPES TO PUBLIC;
        ALTER DEFAULT PRIVILEGES FOR ROLE pgtide_test_owner GRANT ALL ON TABLES TO pgtide_test_owner;`);
      // The server stores no entry that restates its defaults, and the model holds none either.
      const { rows } = await a.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_default_acl');
      expect(rows[0]!.n).toBe(0);
      expect([...(await introspect(a))['default-privileges'].keys()]).toEqual([]);
      // A revoked default is an object with no privileges; the owner's own default is compared too.
      await b.exec(`${ROLES}
        ALTER DEFAULT PRIVILEGES REVOKE USAGE ON TYPES FROM PUBLIC;
        ALTER DEFAULT PRIVILEGES FOR ROLE pgtide_test_owner REVOKE ALL ON TABLES FROM pgtide_test_owner;
        ALTER DEFAULT PRIVILEGES FOR ROLE pgtide_test_owner GRANT SELECT ON TABLES TO pgtide_test_owner;`);
      const model = await introspect(b);
      expect([...model['default-privileges'].values()].map((p) => [objectId(p), p.privileges])).toEqual([
        ['default-privileges:pgtide_test_owner:tables:pgtide_test_owner', ['SELECT']],
        ['default-privileges:postgres:types:public', []],
      ]);
    });
  });

  it.skipIf(engine.skip)('takes away and gives back what the owner holds by default', async () => {
    const before = '';
    const after = `ALTER DEFAULT PRIVILEGES FOR ROLE pgtide_test_owner REVOKE ALL ON TABLES FROM pgtide_test_owner;
      ALTER DEFAULT PRIVILEGES FOR ROLE pgtide_test_owner GRANT SELECT ON TABLES TO pgtide_test_owner WITH GRANT OPTION;`;
    const r = await roundTrip(engine, before, after, ROLES);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'REVOKE ALL ON TABLES FROM pgtide_test_owner', 'GRANT SELECT ON TABLES TO pgtide_test_owner WITH GRANT OPTION');
    const back = await roundTrip(engine, after, before, ROLES);
    expect(back.remainingScript).toBe('');
    expectBefore(back.script, 'REVOKE GRANT OPTION FOR SELECT ON TABLES FROM pgtide_test_owner', 'GRANT ALL ON TABLES TO pgtide_test_owner');
  });

  it.skipIf(engine.skip)('changes the defaults around the objects the migration creates, which get only the grants they declare', async () => {
    // The defaults given are set after the new table (which declares no grant), those taken away
    // before the new sequence (which would otherwise receive USAGE): both sides are exactly reached.
    const before = `${APP}
      ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT USAGE ON SEQUENCES TO pgtide_test_reader;`;
    const after = `${APP}
      CREATE TABLE app.t (id integer);
      CREATE SEQUENCE app.s;
      ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO pgtide_test_reader;`;
    const r = await roundTrip(engine, before, after, ROLES);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'REVOKE USAGE ON SEQUENCES FROM pgtide_test_reader', 'CREATE SEQUENCE app.s');
    expectBefore(r.script, 'CREATE TABLE app.t', 'GRANT SELECT ON TABLES TO pgtide_test_reader');
  });

  it.skipIf(engine.skip)('goes with its schema, and comes after it', async () => {
    const x = `${APP}
      CREATE TABLE app.t (id integer);
      ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO pgtide_test_reader;
      ALTER DEFAULT PRIVILEGES IN SCHEMA app REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;`;
    const create = await roundTrip(engine, '', x, ROLES);
    expect(create.remainingScript).toBe('');
    expectBefore(create.script, 'CREATE SCHEMA app', 'IN SCHEMA app GRANT SELECT ON TABLES');
    const drop = await roundTrip(engine, x, '', ROLES);
    expect(drop.remainingScript).toBe('');
    expectBefore(drop.script, 'IN SCHEMA app REVOKE SELECT ON TABLES', 'DROP SCHEMA app');
  });

  it.skipIf(engine.skip)('holds entries for every schema only when every schema is managed', async () => {
    await engine.withPair(async (a) => {
      await a.exec(`${ROLES}${APP}
        ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO pgtide_test_reader;
        ALTER DEFAULT PRIVILEGES GRANT SELECT ON SEQUENCES TO pgtide_test_reader;`);
      const all = [
        'default-privileges:postgres:app.tables:pgtide_test_reader',
        'default-privileges:postgres:sequences:pgtide_test_reader',
      ];
      const whole = await introspect(a);
      expect([...whole['default-privileges'].keys()]).toEqual(all);
      const app = await introspect(a, { schemas: ['app'] });
      expect([...app['default-privileges'].keys()]).toEqual([all[0]]);
      // Scoping a model in memory (a desired schema) agrees with reading in that scope.
      expect([...scopeModel(whole, { schemas: ['app'] })['default-privileges'].keys()]).toEqual([all[0]]);
      const ignored = await introspect(a, { ignore: ['schema:app'] });
      expect([...ignored['default-privileges'].keys()]).toEqual([all[1]]);
    });
  });
});
