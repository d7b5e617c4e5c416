import { describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import { isServerDefault } from '../../src/model/index.js';
import { ENGINES, roundTrip } from './helpers.js';

// PostgreSQL 15 took CREATE on public from PUBLIC; the grant made again is a change like on any schema.
const GRANT = 'GRANT CREATE ON SCHEMA public TO PUBLIC;';

describe.each(ENGINES)('privileges on schema public on $name', (engine) => {
  it.skipIf(engine.skip)('grants and revokes CREATE on public to PUBLIC like on any other schema', async () => {
    const up = await roundTrip(engine, '', GRANT);
    expect(up.remainingScript).toBe('');
    expect(up.script).toContain('GRANT CREATE ON SCHEMA public TO PUBLIC');
    const down = await roundTrip(engine, GRANT, '');
    expect(down.remainingScript).toBe('');
    expect(down.script).toContain('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
  });

  it.skipIf(engine.skip)('revokes and gives back the USAGE a new database grants on public', async () => {
    const revoked = 'REVOKE USAGE ON SCHEMA public FROM PUBLIC;';
    const r = await roundTrip(engine, '', revoked);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('REVOKE USAGE ON SCHEMA public FROM PUBLIC');
    const back = await roundTrip(engine, revoked, '');
    expect(back.remainingScript).toBe('');
    expect(back.script).toContain('GRANT USAGE ON SCHEMA public TO PUBLIC');
  });

  it.skipIf(engine.skip)('reads a new database as holding only what every new database holds', async () => {
    await engine.withPair(async (db) => {
      const model = await introspect(db);
      const held = [...model.schema.values(), ...model.privilege.values()];
      expect(held.map((o) => o.kind).sort()).toEqual(['privilege', 'schema']);
      expect(held.every(isServerDefault)).toBe(true);
    });
  });
});
