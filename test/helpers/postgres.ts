import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Real-server tests read PGTIDE_TEST_DATABASE_URL. Each test gets its own database, created from
 * template0 under a unique name and dropped afterwards, so tests never see each other's objects.
 */
export const testServerUrl: string | undefined = process.env.PGTIDE_TEST_DATABASE_URL || undefined;

let noticeShown = false;
/** True when real-server tests must be skipped; prints the reason once per worker. */
export function skipWithoutServer(): boolean {
  if (testServerUrl) return false;
  if (!noticeShown) {
    noticeShown = true;
    console.warn('[pgtide tests] PGTIDE_TEST_DATABASE_URL is not set: tests against a real PostgreSQL server are skipped.');
  }
  return true;
}

function urlForDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  if (!testServerUrl) throw new Error('PGTIDE_TEST_DATABASE_URL is not set');
  const client = new pg.Client({ connectionString: testServerUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates a uniquely named empty database on the test server. */
export async function createTestDatabase(prefix = 'pgtide_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  // The name is generated from [a-z0-9_] only, so it needs no quoting.
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE template0`);
  const url = urlForDatabase(testServerUrl!, name);
  return {
    name,
    url,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Runs fn with a fresh database and always drops it afterwards. */
export async function withTestDatabase<T>(fn: (db: TestDatabase) => Promise<T>, prefix?: string): Promise<T> {
  const db = await createTestDatabase(prefix);
  try {
    return await fn(db);
  } finally {
    await db.drop();
  }
}
