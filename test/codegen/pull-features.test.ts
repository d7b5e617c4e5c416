import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { connectPostgres } from '../../src/db/postgres.js';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { introspect } from '../../src/introspect/index.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';
import { pullRoundTrip } from './helpers.js';

vi.mock('pgtide', () => import('../../src/dsl/index.js'));

const FEATURES = new URL('./fixtures/features.sql', import.meta.url);

async function pulledFrom(db: Queryable): Promise<{ left: string[]; files: ReadonlyMap<string, string> }> {
  await db.exec(await readFile(FEATURES, 'utf8'));
  return pullRoundTrip(await introspect(db));
}

describe('pull of every option the model covers', () => {
  it('round-trips on PGlite and writes idiomatic, stable source', async () => {
    const db = await scratchPglite({ extensions: ['pg_trgm'] });
    try {
      const { left, files } = await pulledFrom(db);
      expect(left).toEqual([]);
      expect([...files.keys()]).toEqual(['common.ts', 'billing.ts', 'public.ts', 'index.ts']);
      const pub = files.get('public.ts') ?? '';
      // Keys that clash with table methods keep their column names through .named().
      expect(pub).toContain(`comment_: text().named('comment').comment('A column named comment.'),`);
      expect(pub).toContain(`tags: text().array().notNull().default(sql\`'{}'::text[]\`),`);
      expect(pub).toContain(`quote: text().default('it\\'s \`a\` \${b} \\\\ c'),`);
      expect(pub).toContain(`mood: mood().default('ok'),`);
      expect(pub).toContain("exclude('bookings_no_overlap', sql`USING gist (during WITH &&) INCLUDE (id) WHERE ((NOT cancelled))`).deferrable({ initiallyDeferred: true }).comment('No double booking.')");
      expect(files.get('common.ts')).toContain(`export const currency = billing.enumType('Currency', ['EUR', 'USD', 'it\\'s']).comment('ISO codes');`);
      const billing = files.get('billing.ts') ?? '';
      expect(billing).toContain(`no: bigint().identity('by-default', { start: 100, increment: 2 }),`);
      // A table that refers to itself needs a typed thunk to type-check.
      expect(billing).toContain(`references: (): readonly AnyTableColumn[] => [accounts.region, accounts.no]`);
      expect(billing).toContain(`import { user } from './public.js';`);
    } finally {
      await db.close();
    }
  });

  it.skipIf(skipWithoutServer())('round-trips from PostgreSQL 15 (normalized in PGlite, as plan does)', async () => {
    await withTestDatabase(async (t) => {
      const db = await connectPostgres(t.url);
      try {
        const { left } = await pulledFrom(db);
        expect(left).toEqual([]);
      } finally {
        await db.close();
      }
    });
  });
});

describe('pull of what the DSL does not declare', () => {
  it('writes views, functions, triggers, policies and table options to objects.ts, and round-trips', async () => {
    const db = await scratchPglite();
    try {
      await db.exec(`
        CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL, owner text NOT NULL DEFAULT current_user, updated_at timestamptz);
        ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_notes ON notes USING (owner = current_user);
        CREATE VIEW note_bodies AS SELECT id, body FROM notes;
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
        CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE MATERIALIZED VIEW note_owners AS SELECT owner, count(*) AS notes FROM notes GROUP BY owner;
        CREATE UNIQUE INDEX note_owners_owner ON note_owners (owner);`);
      const { left, files } = await pullRoundTrip(await introspect(db));
      expect(left).toEqual([]);
      const sql = files.get('objects.ts') ?? '';
      // The DSL declares indexes on tables only: one on a materialized view is SQL, after the view.
      expect(sql.search(/CREATE UNIQUE INDEX (CONCURRENTLY )?note_owners_owner ON public\.note_owners/)).toBeGreaterThan(sql.indexOf('CREATE MATERIALIZED VIEW public.note_owners'));
      for (const part of ['CREATE VIEW', 'CREATE OR REPLACE FUNCTION', 'CREATE TRIGGER', 'CREATE POLICY', 'ROW LEVEL SECURITY']) expect(sql).toContain(part);
      expect(sql).toContain("import { sql, sqlDefinitions } from 'pgtide';");
      expect(sql).toContain('export const sqlObjects = sqlDefinitions(sql`');
      // A schema file has no phases: the planner's phase headers are not written.
      expect(sql).not.toContain('-- phase:');
      // index.ts reaches the SQL, so a config that lists index.ts (what init writes) needs no other entry.
      expect(files.get('index.ts')).toContain(`export * from './objects.js';`);
      expect(files.has('objects.sql')).toBe(false);
      expect(files.get('public.ts')).toContain(`export const notes = table('notes', {`);
    } finally {
      await db.close();
    }
  });

  it('writes rules and extended statistics as SQL after what they read, and round-trips', async () => {
    const db = await scratchPglite();
    try {
      await db.exec(`
        CREATE TABLE person (id int PRIMARY KEY, r int, name text);
        CREATE TABLE person_log (id int);
        CREATE VIEW people AS SELECT id, name FROM person;
        CREATE STATISTICS person_stats (dependencies) ON id, r FROM person;
        ALTER STATISTICS person_stats SET STATISTICS 50;
        CREATE RULE person_keep AS ON DELETE TO person DO INSTEAD INSERT INTO person_log VALUES (old.id);
        CREATE RULE people_no_delete AS ON DELETE TO people DO INSTEAD NOTHING;
        ALTER TABLE person DISABLE RULE person_keep;`);
      const { left, files } = await pullRoundTrip(await introspect(db));
      expect(left).toEqual([]);
      const sql = files.get('objects.ts') ?? '';
      for (const part of ['CREATE STATISTICS public.person_stats (dependencies) ON id, r FROM public.person', 'SET STATISTICS 50',
        'CREATE RULE person_keep', 'DISABLE RULE person_keep', 'CREATE RULE people_no_delete']) expect(sql).toContain(part);
      expect(sql.indexOf('CREATE RULE people_no_delete')).toBeGreaterThan(sql.indexOf('CREATE VIEW public.people'));
    } finally {
      await db.close();
    }
  });

  it('writes a range type as SQL, without its constructors, and round-trips with the table over it', async () => {
    const db = await scratchPglite();
    try {
      await db.exec(`
        CREATE TYPE floatrange AS RANGE (subtype = float8, multirange_type_name = floatspans);
        COMMENT ON TYPE floatrange IS 'spans of doubles';
        CREATE TABLE person (id int PRIMARY KEY, r floatrange, m floatspans);`);
      const { left, files } = await pullRoundTrip(await introspect(db));
      expect(left).toEqual([]);
      const sql = files.get('objects.ts') ?? '';
      expect(sql).toContain('CREATE TYPE public.floatrange AS RANGE (SUBTYPE = double precision, MULTIRANGE_TYPE_NAME = public.floatspans)');
      expect(sql).not.toContain('FUNCTION');
    } finally {
      await db.close();
    }
  });

  it('writes CLUSTER ON an index as .clustered() and CLUSTER ON a key\'s index as SQL, and round-trips', async () => {
    const db = await scratchPglite();
    try {
      await db.exec(`
        CREATE TABLE events (id int PRIMARY KEY, at timestamptz);
        CREATE INDEX events_at ON events (at);
        ALTER TABLE events CLUSTER ON events_at;
        CREATE TABLE logs (id int PRIMARY KEY, line text);
        ALTER TABLE logs CLUSTER ON logs_pkey;`);
      const { left, files } = await pullRoundTrip(await introspect(db));
      expect(left).toEqual([]);
      expect(files.get('public.ts')).toContain(`index('events_at').on(t.at).clustered()`);
      expect(files.get('objects.ts')).toContain('ALTER TABLE public.logs CLUSTER ON logs_pkey');
      expect(files.get('objects.ts') ?? '').not.toContain('events');
    } finally {
      await db.close();
    }
  });
  it('writes composite types as SQL, before the tables whose columns use them, and round-trips', async () => {
    const db = await scratchPglite();
    try {
      await db.exec(`
        CREATE TYPE addr AS (street text COLLATE "C", zip int);
        COMMENT ON TYPE addr IS 'An address.';
        COMMENT ON COLUMN addr.zip IS 'Postal code.';
        CREATE TYPE contact AS (name text, home addr);
        CREATE TABLE person (id int PRIMARY KEY, home addr, past addr[], who contact);`);
      const { left, files } = await pullRoundTrip(await introspect(db));
      expect(left).toEqual([]);
      const sql = files.get('objects.ts') ?? '';
      expect(sql).toContain('CREATE TYPE public.addr AS (street text COLLATE "C", zip integer);');
      expect(sql.indexOf('CREATE TYPE public.contact AS (name text, home public.addr);')).toBeGreaterThan(sql.indexOf('CREATE TYPE public.addr'));
      expect(sql).toContain("COMMENT ON COLUMN public.addr.zip IS 'Postal code.';");
      expect(files.get('public.ts')).toContain(`export const person = table('person', {`);
    } finally {
      await db.close();
    }
  });

  it('carries backticks, ${ and backslashes in SQL text through the module unchanged', async () => {
    const db = await scratchPglite();
    try {
      await db.exec(`
        CREATE TABLE t (id int PRIMARY KEY);
        CREATE FUNCTION odd() RETURNS text LANGUAGE sql AS $body$ SELECT E'\`x\` \${y} \\\\ z' || '\\n' $body$;`);
      const { left, files } = await pullRoundTrip(await introspect(db));
      expect(left).toEqual([]);
      expect(files.get('objects.ts')).toContain('\\`x\\` \\${y}');
    } finally {
      await db.close();
    }
  });
});

describe('pull of partitioned and INHERITS tables', () => {
  const SCHEMA = `
    CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL);
    CREATE SEQUENCE payment_id_seq AS integer;
    CREATE TABLE payment (
      id int NOT NULL DEFAULT nextval('payment_id_seq'),
      customer_id int NOT NULL REFERENCES customer (id),
      at timestamptz NOT NULL,
      amount numeric(5,2) NOT NULL,
      PRIMARY KEY (at, id)
    ) PARTITION BY RANGE (at);
    ALTER SEQUENCE payment_id_seq OWNED BY payment.id;
    COMMENT ON TABLE payment IS 'Payments, by month.';
    CREATE INDEX payment_customer_idx ON payment (customer_id);
    CREATE TABLE payment_2022_01 PARTITION OF payment FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00');
    CREATE TABLE payment_2022_02 PARTITION OF payment FOR VALUES FROM ('2022-02-01 00:00:00+00') TO ('2022-03-01 00:00:00+00')
      PARTITION BY HASH (id);
    CREATE TABLE payment_2022_02_a PARTITION OF payment_2022_02 FOR VALUES WITH (modulus 2, remainder 0);
    CREATE TABLE payment_2022_02_b PARTITION OF payment_2022_02 FOR VALUES WITH (modulus 2, remainder 1);
    CREATE TABLE payment_rest PARTITION OF payment DEFAULT;
    CREATE INDEX payment_2022_01_amount_idx ON payment_2022_01 (amount);
    CREATE TABLE refund (id int PRIMARY KEY, payment_at timestamptz NOT NULL, payment_id int NOT NULL,
      FOREIGN KEY (payment_at, payment_id) REFERENCES payment (at, id));
    CREATE VIEW customer_totals AS
      SELECT c.name, sum(p.amount) AS total FROM customer c JOIN payment p ON p.customer_id = c.id GROUP BY c.name;
    CREATE TABLE log (id int PRIMARY KEY, msg text);
    CREATE TABLE log_archive (archived_at date) INHERITS (log);`;

  it('declares them in objects.ts, in an order that creates them, and round-trips', async () => {
    const db = await scratchPglite();
    try {
      await db.exec(SCHEMA);
      const { left, files } = await pullRoundTrip(await introspect(db));
      expect(left).toEqual([]);
      const sql = files.get('objects.ts') ?? '';
      const at = (text: string): number => {
        const i = sql.indexOf(text);
        expect(i, `objects.ts holds ${text}`).toBeGreaterThanOrEqual(0);
        return i;
      };
      const parent = at('CREATE TABLE public.payment (');
      expect(sql).toContain(') PARTITION BY RANGE (at);');
      // PostgreSQL 18 (PGlite) states each partition column's NOT NULL name between the parent and the bound.
      const partition = at('CREATE TABLE public.payment_2022_01 PARTITION OF public.payment');
      const sub = at('CREATE TABLE public.payment_2022_02 PARTITION OF public.payment');
      const subPartition = at('CREATE TABLE public.payment_2022_02_a PARTITION OF public.payment_2022_02');
      const rest = at('CREATE TABLE public.payment_rest PARTITION OF public.payment');
      expect(sql.indexOf(") FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00');", partition)).toBeGreaterThan(partition);
      expect(sql.indexOf(') FOR VALUES WITH (modulus 2, remainder 0);', subPartition)).toBeGreaterThan(subPartition);
      expect(sql.indexOf(') DEFAULT;', rest)).toBeGreaterThan(rest);
      const parentKey = at('ALTER TABLE public.payment ADD CONSTRAINT payment_pkey PRIMARY KEY (at, id);');
      const parentIndex = at('CREATE INDEX payment_customer_idx ON public.payment');
      const ownIndex = at('CREATE INDEX payment_2022_01_amount_idx ON public.payment_2022_01');
      const fromDsl = at('ALTER TABLE public.refund ADD CONSTRAINT refund_payment_at_payment_id_fkey FOREIGN KEY (payment_at, payment_id) REFERENCES public.payment');
      at('ALTER SEQUENCE public.payment_id_seq OWNED BY public.payment.id;');
      at('CREATE TABLE public.log_archive (');
      expect(sql).toContain('INHERITS (public.log)');
      at("COMMENT ON TABLE public.payment IS 'Payments, by month.';");
      expect(parent).toBeLessThan(partition);
      expect(sub).toBeLessThan(subPartition);
      expect(parent).toBeLessThan(parentIndex);
      expect(parentKey).toBeLessThan(fromDsl);
      expect(partition).toBeLessThan(ownIndex);
      expect(parent).toBeLessThan(fromDsl);
      // What the DSL declares stays TypeScript: the tables around the partitioned one, the INHERITS
      // parent, the sequence (its OWNED BY is set in SQL, after the table).
      const pub = files.get('public.ts') ?? '';
      expect(pub).toContain(`export const customer = table('customer', {`);
      expect(pub).toContain(`export const refund = table('refund', {`);
      expect(pub).toContain(`export const log = table('log', {`);
      expect(pub).toContain(`export const paymentIdSeq = sequence('payment_id_seq', { as: 'integer' });`);
      for (const name of ['payment', 'payment_2022_01', 'payment_rest', 'log_archive']) expect(pub).not.toContain(`table('${name}'`);
    } finally {
      await db.close();
    }
  });

  it.skipIf(skipWithoutServer())('round-trips from PostgreSQL 15', async () => {
    await withTestDatabase(async (t) => {
      const db = await connectPostgres(t.url);
      try {
        await db.exec(SCHEMA);
        const { left } = await pullRoundTrip(await introspect(db));
        expect(left).toEqual([]);
      } finally {
        await db.close();
      }
    });
  });
});
