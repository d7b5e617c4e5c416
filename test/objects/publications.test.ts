import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/api/diff-databases.js';
import { introspect } from '../../src/introspect/index.js';
import { scopeModel } from '../../src/model/scope.js';
import { expectBefore } from '../helpers/expect-before.js';
import { ENGINES, roundTrip } from './helpers.js';

const TABLES = `CREATE TABLE public.person (id integer PRIMARY KEY, name text, note text);
  CREATE TABLE public.audit (id integer PRIMARY KEY, at date);
  CREATE SCHEMA s2; CREATE TABLE s2.thing (id integer PRIMARY KEY);
  CREATE SCHEMA s3; CREATE TABLE s3.other (id integer PRIMARY KEY);`;

describe.each(ENGINES)('publications on $name', (engine) => {
  it.skipIf(engine.skip)('creates each form after its tables, and drops it before them', async () => {
    const x = `${TABLES}
      CREATE PUBLICATION p_tables FOR TABLE public.person (id, name) WHERE (id > 0), public.audit;
      CREATE PUBLICATION p_all FOR ALL TABLES WITH (publish = 'insert');
      CREATE PUBLICATION p_schema FOR TABLES IN SCHEMA s2 WITH (publish_via_partition_root = true);
      CREATE PUBLICATION "Empty one";
      COMMENT ON PUBLICATION p_tables IS 'people out';`;
    const create = await roundTrip(engine, '', x);
    expect(create.remainingScript).toBe('');
    expectBefore(create.script, 'CREATE TABLE public.person', 'CREATE PUBLICATION p_tables FOR TABLE public.audit, TABLE public.person (id, name) WHERE ((id > 0))');
    expectBefore(create.script, 'CREATE TABLE s2.thing', 'CREATE PUBLICATION p_schema FOR TABLES IN SCHEMA s2');
    expect(create.script).toContain("CREATE PUBLICATION p_all FOR ALL TABLES WITH (publish = 'insert'");
    expect(create.script).toContain("COMMENT ON PUBLICATION p_tables IS 'people out';");
    const drop = await roundTrip(engine, x, '');
    expect(drop.remainingScript).toBe('');
    expectBefore(drop.script, 'DROP PUBLICATION p_tables', 'DROP TABLE public.person');
    expectBefore(drop.script, 'DROP PUBLICATION p_schema', 'DROP SCHEMA s2');
  });

  it.skipIf(engine.skip)('adds, drops and sets tables, schemas and options in place; FOR ALL TABLES by drop and create', async () => {
    const before = `${TABLES}
      CREATE PUBLICATION p1 FOR TABLE public.person, public.audit;
      CREATE PUBLICATION p2 FOR TABLES IN SCHEMA s2;
      CREATE PUBLICATION p3 FOR TABLE public.person (id, name) WHERE (id > 0) WITH (publish = 'insert');
      CREATE PUBLICATION p4 FOR ALL TABLES;
      COMMENT ON PUBLICATION p1 IS 'old';`;
    const after = `${TABLES}
      CREATE PUBLICATION p1 FOR TABLE public.person, s3.other;
      CREATE PUBLICATION p2 FOR TABLES IN SCHEMA s2, s3;
      CREATE PUBLICATION p3 FOR TABLE public.person (id, note) WHERE (id > 10) WITH (publish = 'insert, update, delete', publish_via_partition_root = true);
      CREATE PUBLICATION p4 FOR TABLE public.audit;
      COMMENT ON PUBLICATION p1 IS 'new';`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('ALTER PUBLICATION p1 DROP TABLE public.audit;');
    expect(r.script).toContain('ALTER PUBLICATION p1 ADD TABLE s3.other;');
    expect(r.script).toContain('ALTER PUBLICATION p2 ADD TABLES IN SCHEMA s3;');
    expect(r.script).toContain('ALTER PUBLICATION p3 SET TABLE public.person (id, note) WHERE ((id > 10));');
    expect(r.script).toContain("ALTER PUBLICATION p3 SET (publish = 'insert, update, delete', publish_via_partition_root = true);");
    expect(r.script).toContain("COMMENT ON PUBLICATION p1 IS 'new';");
    expectBefore(r.script, 'DROP PUBLICATION p4', 'CREATE PUBLICATION p4 FOR TABLE public.audit');
    expect(r.script).not.toContain('DROP PUBLICATION p1');
    const back = await roundTrip(engine, after, before);
    expect(back.remainingScript).toBe('');
    expect(back.script).toContain('ALTER PUBLICATION p2 DROP TABLES IN SCHEMA s3;');
    expect(back.script).toContain('ALTER PUBLICATION p1 ADD TABLE public.audit;');
  });

  it.skipIf(engine.skip)('lets go of a table or column before it is dropped, retyped or rebuilt, and takes the new one up', async () => {
    const before = `CREATE TABLE public.person (id integer PRIMARY KEY, name text, old text);
      CREATE TABLE public.gone (id integer PRIMARY KEY);
      CREATE TABLE public.ev (id integer, at date NOT NULL);
      CREATE TABLE public.score (id integer PRIMARY KEY, points integer);
      CREATE PUBLICATION keep FOR TABLE public.person (id, old), public.gone, public.ev;
      CREATE PUBLICATION filtered FOR TABLE public.score WHERE (points > 0);`;
    const after = `CREATE TABLE public.person (id integer PRIMARY KEY, name text);
      CREATE TABLE public.ev (id integer, at date NOT NULL) PARTITION BY RANGE (at);
      CREATE TABLE public.score (id integer PRIMARY KEY, points bigint);
      CREATE PUBLICATION keep FOR TABLE public.person (id, name), public.ev WITH (publish_via_partition_root = true);
      CREATE PUBLICATION filtered FOR TABLE public.score WHERE (points > 0);`;
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'DROP PUBLICATION keep', 'DROP TABLE public.gone');
    expectBefore(r.script, 'DROP PUBLICATION keep', 'DROP COLUMN old');
    // The retype swaps in a new column: the old one, which the filter reads, is dropped in contract.
    expectBefore(r.script, 'DROP PUBLICATION filtered', 'DROP COLUMN points;');
    expectBefore(r.script, 'DROP TABLE public.gone', 'CREATE PUBLICATION keep');
    expect(r.script).toContain('CREATE PUBLICATION filtered FOR TABLE public.score WHERE ((points > 0))');
  });

  it.skipIf(engine.skip)('holds those of one managed schema, and the others only when every schema is managed', async () => {
    await engine.withPair(async (a) => {
      await a.exec(`${TABLES}
        CREATE PUBLICATION in_s2 FOR TABLE s2.thing;
        CREATE PUBLICATION s2_schema FOR TABLES IN SCHEMA s2;
        CREATE PUBLICATION across FOR TABLE s2.thing, s3.other;
        CREATE PUBLICATION everything FOR ALL TABLES;
        CREATE PUBLICATION nothing;`);
      const whole = await introspect(a);
      expect([...whole.publication.keys()].sort()).toEqual(
        ['publication:across', 'publication:everything', 'publication:in_s2', 'publication:nothing', 'publication:s2_schema']);
      const s2 = await introspect(a, { schemas: ['s2', 's3'] });
      expect([...s2.publication.keys()].sort()).toEqual(['publication:in_s2', 'publication:s2_schema']);
      // Scoping a model in memory (a desired schema) agrees with reading in that scope.
      expect([...scopeModel(whole, { schemas: ['s2', 's3'] }).publication.keys()].sort()).toEqual(['publication:in_s2', 'publication:s2_schema']);
      const ignored = await introspect(a, { ignore: ['table:s2.thing'] });
      expect([...ignored.publication.keys()].sort()).toEqual(['publication:everything', 'publication:nothing', 'publication:s2_schema']);
    });
  });

  it.skipIf(engine.skip)('holds a drop back as breaking: its subscribers fail until it is back', async () => {
    await engine.withPair(async (a, b) => {
      await a.exec(`${TABLES} CREATE PUBLICATION feed FOR TABLE public.person;`);
      await b.exec(TABLES);
      const plan = diffModels(await introspect(a), await introspect(b), { allowHazards: true }).plan;
      const drop = plan.steps.find((st) => st.op.kind === 'drop-publication');
      expect(drop?.phase).toBe('expand');
      expect(drop?.hazards.map((h) => `${h.kind}:${h.risk}`)).toEqual(['breaking:medium']);
    });
  });
});
