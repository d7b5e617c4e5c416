import { describe, expect, it } from 'vitest';
import { introspectAll, type Introspection, type IntrospectOptions } from '../../src/introspect/index.js';
import { allObjects, objectId } from '../../src/model/index.js';
import { unmanagedId } from '../../src/model/unmanaged.js';
import { ENGINES, type TestEngine } from '../helpers/engines.js';

/**
 * One object of every catalog kind, each with what pgtide must make of it: an object of the model
 * (`managed`) or a line of the unmanaged list (`unmanaged`). Objects the server makes for another
 * (a range's multirange and its casts, array and row types, an operator class's own family) and
 * an extension's members must be neither: the list is compared whole.
 */
const CASES: readonly { readonly sql: string; readonly managed?: readonly string[]; readonly unmanaged?: readonly string[] }[] = [
  { sql: 'CREATE EXTENSION citext', managed: ['extension:citext'] },
  { sql: 'CREATE TABLE person (id int PRIMARY KEY, note text)', managed: ['table:public.person'] },
  { sql: 'CREATE TABLE parted (id int) PARTITION BY RANGE (id)', managed: ['table:public.parted'] },
  { sql: 'CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10)', managed: ['table:public.parted_1'] },
  { sql: 'CREATE VIEW v AS SELECT 1 AS x', managed: ['view:public.v'] },
  { sql: 'CREATE MATERIALIZED VIEW mv AS SELECT 1 AS x', managed: ['view:public.mv'] },
  { sql: 'CREATE SEQUENCE seq', managed: ['sequence:public.seq'] },
  { sql: 'CREATE PROCEDURE proc() LANGUAGE sql AS $$ SELECT 1 $$', managed: ['function:public.proc()'] },
  { sql: "CREATE TYPE mood AS ENUM ('ok')", managed: ['enum:public.mood'] },
  { sql: 'CREATE DOMAIN posint AS int CHECK (VALUE > 0)', managed: ['domain:public.posint'] },
  { sql: 'CREATE FUNCTION g(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1 || $2 $$', managed: ['function:public.g(text, text)'] },
  { sql: 'CREATE AGGREGATE agg(text) (sfunc = g, stype = text)', managed: ['aggregate:public.agg(text)'] },
  { sql: "CREATE FUNCTION rn() RETURNS bigint LANGUAGE internal WINDOW AS 'window_row_number'", unmanaged: ['window-function:public.rn()'] },
  { sql: 'CREATE TYPE addr AS (street text, zip int)', managed: ['composite-type:public.addr'] },
  { sql: 'CREATE TYPE floatrange AS RANGE (subtype = float8)', managed: ['range-type:public.floatrange'] },
  { sql: 'CREATE TYPE shelly', unmanaged: ['shell-type:public.shelly'] },
  {
    sql: `CREATE TYPE myint;
      CREATE FUNCTION myint_in(cstring) RETURNS myint LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
      CREATE FUNCTION myint_out(myint) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
      CREATE TYPE myint (INPUT = myint_in, OUTPUT = myint_out, LIKE = int4)`,
    unmanaged: ['base-type:public.myint'],
  },
  { sql: 'CREATE STATISTICS person_stats (dependencies) ON id, note FROM person', managed: ['statistics:public.person_stats'] },
  { sql: 'CREATE RULE person_no_delete AS ON DELETE TO person DO INSTEAD NOTHING', managed: ['rule:public.person.person_no_delete'] },
  {
    sql: 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC',
    managed: ['default-privileges:$USER:public.tables:public'],
  },
  { sql: 'CREATE PUBLICATION pub FOR TABLE person', managed: ['publication:pub'] },
  {
    sql: `CREATE FUNCTION evt() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
      CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION evt()`,
    managed: ['function:public.evt()', 'event-trigger:et'],
  },
  { sql: 'CREATE FOREIGN DATA WRAPPER dummy_fdw', unmanaged: ['foreign-data-wrapper:dummy_fdw'] },
  { sql: 'CREATE SERVER dummy_srv FOREIGN DATA WRAPPER dummy_fdw', unmanaged: ['server:dummy_srv'] },
  { sql: 'CREATE USER MAPPING FOR PUBLIC SERVER dummy_srv', unmanaged: ['user-mapping:for public server dummy_srv'] },
  { sql: 'CREATE FOREIGN TABLE ft (a int) SERVER dummy_srv', unmanaged: ['foreign-table:public.ft'] },
  { sql: 'CREATE TEXT SEARCH CONFIGURATION my_cfg (COPY = pg_catalog.english)', unmanaged: ['text-search-configuration:public.my_cfg'] },
  { sql: 'CREATE TEXT SEARCH DICTIONARY my_dict (TEMPLATE = pg_catalog.simple)', unmanaged: ['text-search-dictionary:public.my_dict'] },
  {
    sql: 'CREATE TEXT SEARCH PARSER my_prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype)',
    unmanaged: ['text-search-parser:public.my_prs'],
  },
  { sql: 'CREATE TEXT SEARCH TEMPLATE my_tmpl (LEXIZE = dsimple_lexize)', unmanaged: ['text-search-template:public.my_tmpl'] },
  {
    sql: `CREATE FUNCTION int_eq(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 = $2 $$;
      CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int_eq)`,
    managed: ['function:public.int_eq(integer, integer)'],
    unmanaged: ['operator:public.===(integer, integer)'],
  },
  {
    sql: 'CREATE OPERATOR CLASS my_ops FOR TYPE int USING btree AS OPERATOR 1 <, FUNCTION 1 btint4cmp(int, int)',
    unmanaged: ['operator-class:public.my_ops using btree'],
  },
  { sql: 'CREATE OPERATOR FAMILY my_fam USING hash', unmanaged: ['operator-family:public.my_fam using hash'] },
  {
    sql: `CREATE FUNCTION addr_text(addr) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT ($1).street $$;
      CREATE CAST (addr AS text) WITH FUNCTION addr_text(addr)`,
    managed: ['function:public.addr_text(public.addr)'],
    unmanaged: ['cast:(public.addr AS text)'],
  },
  { sql: "CREATE CONVERSION my_conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8", unmanaged: ['conversion:public.my_conv'] },
  { sql: 'CREATE ACCESS METHOD my_am TYPE TABLE HANDLER heap_tableam_handler', unmanaged: ['access-method:my_am'] },
  { sql: 'CREATE LANGUAGE my_lang HANDLER plpgsql_call_handler', unmanaged: ['language:my_lang'] },
  {
    sql: `CREATE FUNCTION tf_from(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
      CREATE FUNCTION tf_to(internal) RETURNS int LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
      CREATE TRANSFORM FOR int LANGUAGE my_lang (FROM SQL WITH FUNCTION tf_from(internal), TO SQL WITH FUNCTION tf_to(internal))`,
    unmanaged: ['transform:for integer language my_lang'],
  },
];

/** The objects of CASES read back, and the role that made them (default privileges name it). */
function readAll(engine: TestEngine, opts: IntrospectOptions = {}): Promise<Introspection & { readonly user: string }> {
  return engine.withDb(async (db) => {
    for (const c of CASES) await db.exec(c.sql);
    const { rows } = await db.query<{ user: string }>('SELECT quote_ident(current_user) AS user');
    return { ...(await introspectAll(db, opts)), user: rows[0]!.user };
  }, { prefix: 'pgtide_unmanaged', extensions: ['citext'] });
}

const ids = (r: Introspection): string[] => r.unmanaged.map(unmanagedId).sort();

describe.each(ENGINES)('objects pgtide does not manage, on $title', (engine) => {
  it.skipIf(engine.skip)('names every object of every catalog kind that the model does not hold, and nothing else', async () => {
    const read = await readAll(engine);
    const modelIds = new Set(allObjects(read.model).map(objectId));
    for (const id of CASES.flatMap((c) => c.managed ?? []).map((id) => id.replace('$USER', read.user))) expect(modelIds, id).toContain(id);
    expect(ids(read)).toEqual(CASES.flatMap((c) => c.unmanaged ?? []).map((id) => id.replace('$USER', read.user)).sort());
    // A range type's constructors (and its multirange's) are the server's, made with the type: they are
    // neither functions to create nor objects of their own.
    expect([...read.model.function.keys()].filter((id) => /floatrange|floatmultirange/.test(id))).toEqual([]);
    // Listed beside the model, never in it: the same objects without the guard read the same model.
    for (const o of read.unmanaged) expect(modelIds.has(unmanagedId(o))).toBe(false);
  });

  it.skipIf(engine.skip)('follows the config scope: schemas leave only the objects of the whole database, ignore silences', async () => {
    const other = await readAll(engine, { schemas: ['other'] });
    expect(ids(other)).toEqual([
      'access-method:my_am', 'cast:(public.addr AS text)', 'foreign-data-wrapper:dummy_fdw',
      'language:my_lang', 'server:dummy_srv', 'transform:for integer language my_lang',
      'user-mapping:for public server dummy_srv',
    ]);
    const ignored = await readAll(engine, { ignore: ['table:public.person', 'operator:*', 'text-search-*'] });
    const left = ids(ignored);
    for (const gone of ['operator:public.===(integer, integer)', 'text-search-parser:public.my_prs']) {
      expect(left).not.toContain(gone);
    }
    // A publication of public's table is of schema public: out of scope with other schemas, and with its table.
    expect(other.model.publication.size).toBe(0);
    // The rule and statistics on the ignored table leave the model with it.
    expect(ignored.model.rule.size).toBe(0);
    expect(ignored.model.publication.size).toBe(0);
    expect(ignored.model.statistics.size).toBe(0);
    expect(left).toContain('shell-type:public.shelly');
  });
});
