import type { Client, CustomTypesConfig } from 'pg';
import { runtimeError, usageError } from '../errors.js';
import type { Queryable, QueryResult } from './queryable.js';
import { redactSecrets, redactUrl, requireDatabase, type DbSource } from './url.js';

export interface PostgresOptions {
  /** Every transaction of the session is READ ONLY (introspection, drift, status). */
  readonly readOnly?: boolean;
  readonly applicationName?: string;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

type Pg = typeof import('pg').default;

// Values that do not fit a JS number exactly stay strings, whatever pg's global parsers say.
function typeParsers(pg: Pg): CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => value;
      return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
    }) as CustomTypesConfig['getTypeParser'],
  };
}

const DML_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/**
 * Makes a driver error safe to print: the URL (and the literal password, which some messages echo)
 * is redacted in message and stack, while fields such as `code` and `position` are kept for callers.
 */
export function redactError(err: unknown, url: string, password: string | null = passwordOf(url)): unknown {
  if (!(err instanceof Error)) return err;
  const clean = (text: string): string => {
    let out = redactSecrets(text.split(url).join(redactUrl(url)));
    if (password !== null && password.length >= 4) {
      out = out.split(password).join('***').split(encodeURIComponent(password)).join('***');
    }
    return out;
  };
  err.message = clean(err.message);
  if (err.stack) err.stack = clean(err.stack);
  return err;
}

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

type PostgresSource = Extract<DbSource, { type: 'postgres' }>;

/**
 * Opens one pg.Client session to a PostgreSQL server, given a parsed source or a source string
 * (parsed here; one that does not parse is refused without being echoed).
 */
export async function connectPostgres(source: string | PostgresSource, opts: PostgresOptions = {}): Promise<Queryable> {
  const parsed = typeof source === 'string' ? requireDatabase(source) : source;
  if (parsed.type !== 'postgres') throw usageError('connectPostgres needs a postgres:// URL or a libpq keyword/value string, not a pglite: source.');
  const { url, display: displayName } = parsed;
  const password = parsed.parts.password;
  // Imported here, not at the top: commands that only touch PGlite or files never pay for pg.
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: url,
    application_name: opts.applicationName ?? 'pgtide',
    types: typeParsers(pg),
  });
  // A dropped idle connection is reported as an 'error' event; without a listener Node would crash
  // the process. The next query on the dead client fails with its own error, which is what we report.
  client.on('error', () => undefined);
  try {
    await client.connect();
    if (opts.readOnly) await client.query('SET default_transaction_read_only = on');
    const res = await client.query<{ v: string }>('SELECT current_setting($1) AS v', ['server_version_num']);
    const serverVersion = Number.parseInt(res.rows[0]?.v ?? '', 10);
    if (!Number.isFinite(serverVersion)) throw new Error('the server did not report server_version_num');
    return wrapClient(client, url, password, displayName, serverVersion);
  } catch (err) {
    await client.end().catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    const message =
      `Could not connect to ${displayName}: ${reason}. ` +
      'Check that the server is running and that the URL (--database, DATABASE_URL or the config) is right.';
    throw redactError(runtimeError(message, redactError(err, url, password)), url, password);
  }
}

function wrapClient(client: Client, url: string, password: string | null, displayName: string, serverVersion: number): Queryable {
  let closed = false;
  return {
    engine: 'postgres',
    serverVersion,
    displayName,
    async query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      try {
        const res = await client.query({ text: sql, values: [...params] });
        const affectedRows = DML_COMMANDS.has(res.command) ? res.rowCount : null;
        return { rows: res.rows as R[], affectedRows };
      } catch (err) {
        throw redactError(err, url, password);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        // Without values pg sends a simple Query message, which accepts multi-statement scripts.
        await client.query(sql);
      } catch (err) {
        throw redactError(err, url, password);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await client.end();
    },
  };
}
