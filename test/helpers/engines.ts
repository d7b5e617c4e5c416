import { connectPostgres } from '../../src/db/postgres.js';
import { openPglite, scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { createTestDatabase, skipWithoutServer } from './postgres.js';

/** A fresh database and what ends it: closing, and for a server database dropping it. */
export interface FreshDatabase {
  readonly db: Queryable;
  dispose(): Promise<void>;
}

/** A fresh database that another connection or process opens by its source string. */
export interface TestTarget {
  /** `pglite:<dir>` or a postgres:// URL, as the CLI and apply take it. */
  readonly spec: string;
  open(): Promise<Queryable>;
  drop(): Promise<void>;
}

export interface TestEngine {
  readonly name: 'pglite' | 'postgres';
  /** How test titles name the engine. */
  readonly title: 'PGlite' | 'PostgreSQL';
  /** True where the engine cannot run (no PGTIDE_TEST_DATABASE_URL): its tests are skipped. */
  readonly skip: boolean;
  /** A fresh, empty database; `prefix` names a server database after its suite, `extensions` are PGlite bundles to load. */
  open(opts?: { readonly prefix?: string; readonly extensions?: readonly string[] }): Promise<FreshDatabase>;
  /** Runs fn on a fresh, empty database and ends it afterwards. */
  withDb<T>(fn: (db: Queryable) => Promise<T>, opts?: { readonly prefix?: string; readonly extensions?: readonly string[] }): Promise<T>;
  /** A fresh database another process can open: a PGlite data folder at `dir`, or a new server database. */
  create(opts: { readonly dir: string; readonly prefix?: string }): Promise<TestTarget>;
}

async function withFresh<T>(fresh: FreshDatabase, fn: (db: Queryable) => Promise<T>): Promise<T> {
  try {
    return await fn(fresh.db);
  } finally {
    await fresh.dispose();
  }
}

const pglite: TestEngine = {
  name: 'pglite',
  title: 'PGlite',
  skip: false,
  async open(opts = {}) {
    const db = await scratchPglite({ extensions: opts.extensions ?? [] });
    return { db, dispose: () => db.close() };
  },
  async withDb(fn, opts) {
    return withFresh(await this.open(opts), fn);
  },
  async create({ dir }) {
    return { spec: `pglite:${dir}`, open: () => openPglite({ dir }), drop: async () => undefined };
  },
};

const postgres: TestEngine = {
  name: 'postgres',
  title: 'PostgreSQL',
  skip: skipWithoutServer(),
  async open(opts = {}) {
    const t = await createTestDatabase(opts.prefix);
    try {
      const db = await connectPostgres(t.url);
      return {
        db,
        dispose: async () => {
          try {
            await db.close();
          } finally {
            await t.drop();
          }
        },
      };
    } catch (err) {
      await t.drop();
      throw err;
    }
  },
  async withDb(fn, opts) {
    return withFresh(await this.open(opts), fn);
  },
  async create({ prefix }) {
    const t = await createTestDatabase(prefix);
    return { spec: t.url, open: () => connectPostgres(t.url), drop: () => t.drop() };
  },
};

/**
 * The engines every round-trip suite runs on: PGlite (PostgreSQL 18, in process) and the real server
 * of PGTIDE_TEST_DATABASE_URL (PostgreSQL 15 in CI), skipped when that is not set.
 */
export const ENGINES: readonly TestEngine[] = Object.freeze([pglite, postgres]);
