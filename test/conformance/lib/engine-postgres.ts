import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { connectPostgres } from '../../../src/db/postgres.js';
import type { Queryable } from '../../../src/db/queryable.js';
import type { CorpusCase } from './cases.js';
import type { CaseDatabase, CaseSession, ConformanceEngine } from './engine.js';
import { RoleRegistry } from './roles.js';

const execFileAsync = promisify(execFile);

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function urlForDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The first ERROR line psql printed (with its position), else the whole output. */
function psqlError(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  const error = lines.find((l) => /\b(ERROR|FATAL):/.test(l));
  return (error ?? lines.join(' ')).trim();
}

/** Feeds a script to psql on stdin: the runner applies scripts exactly as the CLI contract promises. */
function runPsql(url: string, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', '-'], {
      stdio: ['pipe', 'ignore', 'pipe'],
      // A step that waits on a lock (say, held by a connection pgtide left in a transaction) fails
      // the case with a message instead of hanging the whole run. Scripts may still SET their own.
      env: { ...process.env, PGOPTIONS: `${process.env.PGOPTIONS ?? ''} -c lock_timeout=60s`.trim() },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(psqlError(stderr) || `psql exited with code ${code}`));
    });
    child.stdin.on('error', () => undefined); // psql may exit before reading everything
    child.stdin.end(sql);
  });
}

async function pgDump(url: string): Promise<string> {
  const { stdout } = await execFileAsync('pg_dump', ['--schema-only', '--no-password', '-d', url], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

class PostgresCaseSession implements CaseSession {
  private readonly names: string[] = [];
  private readonly opened: Queryable[] = [];

  constructor(
    private readonly engine: PostgresEngine,
    private readonly roles: readonly string[],
  ) {}

  async database(label: string): Promise<CaseDatabase> {
    // Generated from [a-z0-9_] only, so the name needs no quoting.
    // The pid tells which run left a database behind when a run is killed before its cleanup.
    const name = `pgtide_conf_${process.pid}_${label}_${randomBytes(4).toString('hex')}`;
    await this.engine.admin.exec(`CREATE DATABASE ${name} TEMPLATE template0`);
    this.names.push(name);
    const url = urlForDatabase(this.engine.url, name);
    const db = await connectPostgres(url, { applicationName: 'pgtide-conformance' });
    this.opened.push(db);
    return { db, runScript: (sql) => runPsql(url, sql), dump: () => pgDump(url) };
  }

  async close(): Promise<void> {
    try {
      for (const db of this.opened) await db.close().catch(() => undefined);
      for (const name of this.names) await this.engine.admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      for (const role of this.roles) await this.engine.roles.release(role);
    }
  }
}

/** The PostgreSQL server engine: fresh databases from template0 per case, psql and pg_dump. */
export class PostgresEngine implements ConformanceEngine {
  readonly name = 'pg' as const;
  readonly maxParallel: number;

  private constructor(
    readonly url: string,
    readonly admin: Queryable,
    readonly roles: RoleRegistry,
    maxParallel: number,
  ) {
    this.maxParallel = maxParallel;
  }

  static async open(url: string, maxParallel: number): Promise<PostgresEngine> {
    const admin = await connectPostgres(url, { applicationName: 'pgtide-conformance' });
    return new PostgresEngine(url, admin, new RoleRegistry(admin), maxParallel);
  }

  async describe(): Promise<string> {
    const res = await this.admin.query<{ v: string }>('SELECT version() AS v');
    const { stdout } = await execFileAsync('pg_dump', ['--version']);
    return `${(res.rows[0]?.v ?? '').split(',')[0]} at ${this.admin.displayName}; ${stdout.trim()}`;
  }

  async openCase(c: CorpusCase): Promise<CaseSession> {
    const acquired: string[] = [];
    try {
      for (const role of c.roleSql) {
        await this.roles.acquire(role);
        acquired.push(role);
      }
    } catch (err) {
      for (const role of acquired) await this.roles.release(role);
      throw err;
    }
    return new PostgresCaseSession(this, acquired);
  }

  async close(): Promise<void> {
    await this.admin.close();
  }
}
