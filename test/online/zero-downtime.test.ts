import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../src/db/postgres.js';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { diff } from '../../src/diff/index.js';
import { compile, foreignKey, integer, sql, table, text, unique } from '../../src/dsl/index.js';
import { introspect } from '../../src/introspect/index.js';
import { renderMigrationFiles } from '../../src/migrations/render-files.js';
import { hashModel } from '../../src/model/index.js';
import { planChanges } from '../../src/plan/index.js';
import { normalizeModel } from '../../src/verify/normalize.js';
import { REPLAY_PHASES, runMigrationFile } from '../../src/verify/replay.js';
import { createTestDatabase, skipWithoutServer, type TestDatabase } from '../helpers/postgres.js';
import { count, ROWS } from './helpers.js';

/**
 * Zero downtime, for real on PostgreSQL: while a writer inserts and updates rows and a reader runs
 * the old application's queries in a loop, expand, migrate and contract run. The old application's
 * queries never fail before contract, the new application's queries work after migrate (and keep
 * working through contract), no application statement waits longer than the lock timeout, and every
 * row the writer committed is there, backfilled, at the end.
 */
const LOCK_TIMEOUT_MS = 3000;
/** Each loop stops by itself after this many statements, even if the test never tells it to. */
const MAX_STATEMENTS = 50_000;
/** Statements each loop runs before, between and after the phases, so that traffic overlaps them all. */
const TRAFFIC_BETWEEN_PHASES = 20;
/** Small batches: the migrate phase runs many short transactions while the application writes. */
const BATCH_SIZE = 500;

interface App {
  /** A write of one new row with this id (an INSERT), then an UPDATE of an existing row. */
  readonly write: (db: Queryable, id: number) => Promise<void>;
  readonly read: (db: Queryable, id: number) => Promise<void>;
}

interface ZeroCase {
  readonly name: string;
  readonly before: string;
  readonly schema: () => Record<string, unknown>;
  readonly oldApp: App;
  readonly newApp: App;
  /** Row checks once everything ran; `written` are the ids the writers committed. */
  readonly verify: (db: Queryable, written: readonly number[]) => Promise<void>;
}

interface LoopResult {
  readonly errors: string[];
  readonly written: number[];
  readonly statements: number;
  readonly slowestMs: number;
}

let nextId = 1_000_000;

/** A bounded loop of writes or reads on its own connection, until stopped or MAX_STATEMENTS. */
function loop(db: Queryable, app: App, kind: 'write' | 'read', stop: { done: boolean }): { live: LoopResult; done: Promise<LoopResult> } {
  const result = { errors: [] as string[], written: [] as number[], statements: 0, slowestMs: 0 };
  const run = async (): Promise<LoopResult> => {
    while (!stop.done && result.statements < MAX_STATEMENTS) {
      const id = kind === 'write' ? nextId++ : 1 + (result.statements % ROWS);
      const started = performance.now();
      try {
        await app[kind](db, id);
        if (kind === 'write') result.written.push(id);
      } catch (err) {
        result.errors.push(err instanceof Error ? err.message : String(err));
      }
      result.slowestMs = Math.max(result.slowestMs, performance.now() - started);
      result.statements++;
      await new Promise((r) => setTimeout(r, 1));
    }
    return result;
  };
  return { live: result, done: run() };
}

/** Waits until every loop has run `n` more statements (bounded: MAX_STATEMENTS stops the loops). */
async function moreTraffic(loops: readonly { live: LoopResult; done: Promise<LoopResult> }[], n: number): Promise<void> {
  const targets = loops.map((l) => l.live.statements + n);
  for (let i = 0; i < 10_000 && loops.some((l, j) => l.live.statements < targets[j]! && l.live.statements < MAX_STATEMENTS); i++) {
    await new Promise((r) => setTimeout(r, 5));
  }
}

const cases: ZeroCase[] = [
  {
    name: 'a new NOT NULL column with a backfill',
    before: `CREATE TABLE items (id integer PRIMARY KEY, name text);
INSERT INTO items SELECT g, 'i' || g FROM generate_series(1, ${ROWS}) g;`,
    schema: () => ({ items: table('items', { id: integer().primaryKey(), name: text(), code: text().notNull().backfill(sql`'c' || id`) }) }),
    oldApp: {
      write: async (db, id) => {
        await db.query('INSERT INTO items (id, name) VALUES ($1, $2)', [id, `w${id}`]);
        await db.query('UPDATE items SET name = name WHERE id = $1', [1 + (id % ROWS)]);
      },
      read: async (db, id) => { await db.query('SELECT id, name FROM items WHERE id = $1', [id]); },
    },
    newApp: {
      write: async (db, id) => { await db.query('INSERT INTO items (id, name, code) VALUES ($1, $2, $3)', [id, `n${id}`, `c${id}`]); },
      read: async (db, id) => { await db.query('SELECT id, code FROM items WHERE id = $1', [id]); },
    },
    verify: async (db, written) => {
      expect(await count(db, 'SELECT count(*) AS n FROM items')).toBe(ROWS + written.length);
      expect(await count(db, `SELECT count(*) AS n FROM items WHERE code IS NULL OR (id <= ${ROWS} AND code <> 'c' || id)`)).toBe(0);
    },
  },
  {
    name: 'a column rename',
    before: `CREATE TABLE users (id integer PRIMARY KEY, fullname text);
INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, ${ROWS}) g;`,
    schema: () => ({ users: table('users', { id: integer().primaryKey(), displayName: text().named('display_name').renamedFrom('fullname') }) }),
    oldApp: {
      write: async (db, id) => {
        await db.query('INSERT INTO users (id, fullname) VALUES ($1, $2)', [id, `w${id}`]);
        await db.query('UPDATE users SET fullname = $2 WHERE id = $1', [1 + (id % ROWS), `u${1 + (id % ROWS)}`]);
      },
      read: async (db, id) => { await db.query('SELECT fullname FROM users WHERE id = $1', [id]); },
    },
    newApp: {
      write: async (db, id) => { await db.query('INSERT INTO users (id, display_name) VALUES ($1, $2)', [id, `w${id}`]); },
      read: async (db, id) => { await db.query('SELECT display_name FROM users WHERE id = $1', [id]); },
    },
    verify: async (db, written) => {
      expect(await count(db, 'SELECT count(*) AS n FROM users')).toBe(ROWS + written.length);
      expect(await count(db, `SELECT count(*) AS n FROM users WHERE display_name IS DISTINCT FROM (CASE WHEN id <= ${ROWS} THEN 'u' ELSE 'w' END) || id`)).toBe(0);
    },
  },
  {
    name: 'an incompatible type change (text → integer)',
    before: `CREATE TABLE orders (id integer PRIMARY KEY, qty text NOT NULL);
INSERT INTO orders SELECT g, (g % 10)::text FROM generate_series(1, ${ROWS}) g;`,
    schema: () => ({ orders: table('orders', { id: integer().primaryKey(), qty: integer().notNull() }) }),
    oldApp: {
      write: async (db, id) => {
        await db.query('INSERT INTO orders (id, qty) VALUES ($1, $2)', [id, String(id % 10)]);
        await db.query('UPDATE orders SET qty = $2 WHERE id = $1', [1 + (id % ROWS), String((1 + (id % ROWS)) % 10)]);
      },
      read: async (db, id) => { await db.query('SELECT qty FROM orders WHERE id = $1', [id]); },
    },
    newApp: {
      write: async (db, id) => { await db.query('INSERT INTO orders (id, qty) VALUES ($1, $2)', [id, String(id % 10)]); },
      read: async (db, id) => { await db.query('SELECT qty FROM orders WHERE id = $1', [id]); },
    },
    verify: async (db, written) => {
      expect(await count(db, 'SELECT count(*) AS n FROM orders')).toBe(ROWS + written.length);
      expect(await count(db, 'SELECT count(*) AS n FROM orders WHERE qty IS DISTINCT FROM id % 10')).toBe(0);
      expect(await count(db, `SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'qty' AND data_type = 'integer'`)).toBe(1);
    },
  },
  {
    name: 'a new unique constraint',
    before: `CREATE TABLE accounts (id integer PRIMARY KEY, email text);
INSERT INTO accounts SELECT g, 'a' || g || '@x' FROM generate_series(1, ${ROWS}) g;`,
    schema: () => ({ accounts: table('accounts', { id: integer().primaryKey(), email: text() }, (t) => [unique(t.email).named('accounts_email_key')]) }),
    oldApp: {
      write: async (db, id) => {
        await db.query('INSERT INTO accounts (id, email) VALUES ($1, $2)', [id, `w${id}@x`]);
        await db.query('UPDATE accounts SET email = email WHERE id = $1', [1 + (id % ROWS)]);
      },
      read: async (db, id) => { await db.query('SELECT email FROM accounts WHERE id = $1', [id]); },
    },
    newApp: {
      write: async (db, id) => { await db.query('INSERT INTO accounts (id, email) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING', [id, `w${id}@x`]); },
      read: async (db, id) => { await db.query('SELECT id FROM accounts WHERE email = $1', [`a${id}@x`]); },
    },
    verify: async (db, written) => {
      expect(await count(db, 'SELECT count(*) AS n FROM accounts')).toBe(ROWS + written.length);
      expect(await count(db, `SELECT count(*) AS n FROM pg_constraint WHERE conname = 'accounts_email_key' AND contype = 'u'`)).toBe(1);
    },
  },
  {
    name: 'a new foreign key',
    before: `CREATE TABLE owners (id integer PRIMARY KEY);
INSERT INTO owners SELECT g FROM generate_series(1, ${ROWS}) g;
CREATE TABLE pets (id integer PRIMARY KEY, owner_id integer NOT NULL);
INSERT INTO pets SELECT g, 1 + g % ${ROWS} FROM generate_series(1, ${ROWS}) g;`,
    schema: () => {
      const owners = table('owners', { id: integer().primaryKey() });
      const pets = table('pets', { id: integer().primaryKey(), ownerId: integer().named('owner_id').notNull() },
        (t) => [foreignKey({ columns: [t.ownerId], references: [owners.id], name: 'pets_owner_fk' })]);
      return { owners, pets };
    },
    oldApp: {
      write: async (db, id) => {
        await db.query('INSERT INTO pets (id, owner_id) VALUES ($1, $2)', [id, 1 + (id % ROWS)]);
        await db.query('UPDATE pets SET owner_id = owner_id WHERE id = $1', [1 + (id % ROWS)]);
      },
      read: async (db, id) => { await db.query('SELECT p.id FROM pets p JOIN owners o ON o.id = p.owner_id WHERE p.id = $1', [id]); },
    },
    newApp: {
      write: async (db, id) => { await db.query('INSERT INTO pets (id, owner_id) VALUES ($1, $2)', [id, 1 + (id % ROWS)]); },
      read: async (db, id) => { await db.query('SELECT owner_id FROM pets WHERE id = $1', [id]); },
    },
    verify: async (db, written) => {
      expect(await count(db, 'SELECT count(*) AS n FROM pets')).toBe(ROWS + written.length);
      expect(await count(db, `SELECT count(*) AS n FROM pg_constraint WHERE conname = 'pets_owner_fk' AND convalidated`)).toBe(1);
    },
  },
];

async function migrationFiles(db: Queryable, scratch: Queryable, c: ZeroCase) {
  const from = await introspect(db);
  await scratch.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  const desired = await normalizeModel(compile([{ file: `zero/${c.name}.ts`, exports: c.schema() }]).model, scratch);
  const plan = planChanges(diff(from, desired), { from, to: desired }, { batchSize: BATCH_SIZE });
  return renderMigrationFiles(plan, { version: '20260101T000000Z', name: 'zero', fromHash: hashModel(from), toHash: hashModel(desired) }).files;
}

/**
 * Runs loops of one application version around the phases, with traffic before, between and after
 * each of them, and returns what the loops saw.
 */
async function withTraffic(conns: readonly [Queryable, Queryable], app: App, phases: readonly (() => Promise<void>)[]): Promise<LoopResult[]> {
  const stop = { done: false };
  const loops = [loop(conns[0], app, 'write', stop), loop(conns[1], app, 'read', stop)];
  try {
    for (const phase of phases) {
      await moreTraffic(loops, TRAFFIC_BETWEEN_PHASES);
      await phase();
    }
    await moreTraffic(loops, TRAFFIC_BETWEEN_PHASES);
  } finally {
    stop.done = true;
  }
  return Promise.all(loops.map((l) => l.done));
}

describe.skipIf(skipWithoutServer())('zero downtime on PostgreSQL: expand → migrate → contract under live traffic', () => {
  let scratch: Queryable;
  beforeAll(async () => { scratch = await scratchPglite(); });
  afterAll(async () => { await scratch?.close(); });

  for (const c of cases) {
    it(c.name, async () => {
      const tdb: TestDatabase = await createTestDatabase('pgtide_zero');
      const conns: Queryable[] = [];
      try {
        for (let i = 0; i < 5; i++) conns.push(await connectPostgres(tdb.url, { applicationName: `pgtide-zero-${i}` }));
        const [migrator, w1, r1, w2, r2] = conns as [Queryable, Queryable, Queryable, Queryable, Queryable];
        await migrator.exec(c.before);
        const files = await migrationFiles(migrator, scratch, c);
        // A migration statement that cannot get its lock within the timeout fails the test instead of queueing the app.
        await migrator.exec(`SET lock_timeout = ${LOCK_TIMEOUT_MS}`);
        const run = async (phase: (typeof REPLAY_PHASES)[number]) => {
          const text = files[phase];
          if (text) await runMigrationFile(migrator, text, `${c.name}/${phase}.sql`);
        };
        const old = await withTraffic([w1, r1], c.oldApp, [() => run('expand'), () => run('migrate')]);
        for (const r of old) expect(r.errors, `${c.name}: old application errors before contract`).toEqual([]);
        // The new application works once migrate has run …
        await c.newApp.write(w2, nextId++).then(() => undefined);
        const newWritten = [nextId - 1];
        await c.newApp.read(r2, 1);
        // … and keeps working while contract runs.
        const fresh = await withTraffic([w2, r2], c.newApp, [() => run('contract')]);
        for (const r of fresh) expect(r.errors, `${c.name}: new application errors during contract`).toEqual([]);
        const all = [...old, ...fresh];
        expect(all.every((r) => r.statements > 0)).toBe(true);
        for (const r of all) expect(r.slowestMs, `${c.name}: an application statement waited longer than the lock timeout`).toBeLessThan(LOCK_TIMEOUT_MS);
        if (process.env.PGTIDE_ZERO_REPORT) {
          const line = all.map((r) => `${r.statements} statements, slowest ${r.slowestMs.toFixed(0)} ms`).join(' | ');
          console.info(`[zero downtime] ${c.name}: old writer | old reader | new writer | new reader: ${line}`);
        }
        await c.verify(migrator, [...old[0]!.written, ...newWritten, ...fresh[0]!.written]);
      } finally {
        for (const db of conns) await db.close().catch(() => undefined);
        await tdb.drop();
      }
    }, 180_000);
  }
});
