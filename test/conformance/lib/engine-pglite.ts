import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import { pgliteInstance, scratchPglite } from '../../../src/db/pglite.js';
import type { Queryable } from '../../../src/db/queryable.js';
import type { CorpusCase } from './cases.js';
import type { CaseDatabase, CaseSession, ConformanceEngine } from './engine.js';
import { errorMessage } from './engine.js';
import { splitStatements } from './sql-split.js';

/**
 * A PGlite instance has one session for its whole life, where psql would have opened a new one for
 * every script and pg_dump its own: what a script or pg_dump leaves behind (an open transaction,
 * SET search_path, …) is undone here as closing that session would. ROLLBACK outside a
 * transaction is only a warning.
 */
async function endSession(db: Queryable): Promise<void> {
  await db.exec('ROLLBACK');
  await db.exec('RESET ALL');
}

/** psql's behaviour without psql: one statement per call, so nothing runs in an implicit transaction. */
async function runStatements(db: Queryable, sql: string): Promise<void> {
  try {
    for (const statement of splitStatements(sql)) {
      try {
        await db.exec(statement);
      } catch (err) {
        const first = statement.split('\n').find((l) => l.trim() !== '') ?? statement;
        throw new Error(`${errorMessage(err)} (in: ${first.trim().slice(0, 100)})`, { cause: err });
      }
    }
  } finally {
    await endSession(db);
  }
}

async function dumpOf(db: Queryable): Promise<string> {
  const pg = pgliteInstance(db);
  if (!pg) throw new Error('pg_dump for PGlite needs a Queryable from src/db/pglite.ts');
  try {
    const file = await pgDump({ pg, args: ['--schema-only'] });
    return await file.text();
  } finally {
    // pglite-tools 0.4.8 leaves pg_dump's REPEATABLE READ, READ ONLY transaction open.
    await endSession(db);
  }
}

class PgliteCaseSession implements CaseSession {
  private readonly opened: Queryable[] = [];

  constructor(private readonly c: CorpusCase) {}

  async database(): Promise<CaseDatabase> {
    const db = await scratchPglite({ extensions: this.c.extensions });
    this.opened.push(db);
    // Roles live inside each PGlite instance, so every database of the case gets its own.
    await runStatements(db, this.c.roleSql.map((r) => `CREATE ROLE ${r};`).join('\n'));
    return { db, runScript: (sql) => runStatements(db, sql), dump: () => dumpOf(db) };
  }

  async close(): Promise<void> {
    for (const db of this.opened) await db.close().catch(() => undefined);
  }
}

/**
 * PGlite (PostgreSQL 18 in WASM): a fresh in-memory instance per database of a case, started from
 * the cached template. Instances share the process's one thread, so running several cases at once
 * only overlaps waiting, not work.
 */
export class PgliteEngine implements ConformanceEngine {
  readonly name = 'pglite' as const;
  readonly maxParallel = 1;

  async describe(): Promise<string> {
    const db = await scratchPglite();
    try {
      const res = await db.query<{ v: string }>('SELECT version() AS v');
      return `PGlite ${(res.rows[0]?.v ?? '').split(',')[0]}; pg_dump from @electric-sql/pglite-tools`;
    } finally {
      await db.close();
    }
  }

  async openCase(c: CorpusCase): Promise<CaseSession> {
    return new PgliteCaseSession(c);
  }

  async close(): Promise<void> {}
}
