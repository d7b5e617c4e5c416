import type { Queryable } from '../db/queryable.js';
import { runtimeError, type PgtideError } from '../errors.js';
import { quoteIdent } from '../sql/ident.js';

/**
 * What the connected role may do with pgtide's history schema, read from the catalogs. The
 * catalogs answer even where the role has no privilege at all, so a missing privilege is named
 * before the statement that needs it fails with a bare "permission denied" (and before
 * `CREATE SCHEMA IF NOT EXISTS`, which needs CREATE on the database even when the schema exists).
 */
export type HistoryTable = 'migrations' | 'steps' | 'rollbacks';
export const HISTORY_TABLES: readonly HistoryTable[] = ['migrations', 'steps', 'rollbacks'];

type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
const TABLE_PRIVILEGES: readonly TablePrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

export interface HistoryAccess {
  readonly role: string;
  readonly database: string;
  readonly databaseCreate: boolean;
  readonly schemaExists: boolean;
  readonly schemaUsage: boolean;
  readonly schemaCreate: boolean;
  /** The history tables that exist, with the privileges the role holds on each. */
  readonly tables: ReadonlyMap<HistoryTable, ReadonlySet<TablePrivilege>>;
}

interface AccessRow {
  role: string;
  database: string;
  database_create: boolean;
  schema_exists: boolean;
  schema_usage: boolean;
  schema_create: boolean;
}

interface TableRow {
  name: HistoryTable;
  can_select: boolean;
  can_insert: boolean;
  can_update: boolean;
  can_delete: boolean;
}

export async function historyAccess(db: Queryable): Promise<HistoryAccess> {
  const res = await db.query<AccessRow>(`
    SELECT current_user AS role, current_database() AS database,
      has_database_privilege(current_database(), 'CREATE') AS database_create,
      n.oid IS NOT NULL AS schema_exists,
      coalesce(has_schema_privilege(n.oid, 'USAGE'), false) AS schema_usage,
      coalesce(has_schema_privilege(n.oid, 'CREATE'), false) AS schema_create
    FROM (SELECT 1) AS one LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = 'pgtide'`);
  const row = res.rows[0]!;
  const tables = new Map<HistoryTable, ReadonlySet<TablePrivilege>>();
  if (row.schema_exists) {
    const found = await db.query<TableRow>(`
      SELECT c.relname AS name,
        has_table_privilege(c.oid, 'SELECT') AS can_select, has_table_privilege(c.oid, 'INSERT') AS can_insert,
        has_table_privilege(c.oid, 'UPDATE') AS can_update, has_table_privilege(c.oid, 'DELETE') AS can_delete
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'pgtide' AND c.relname IN ('migrations', 'steps', 'rollbacks') AND c.relkind IN ('r', 'p')`);
    for (const t of found.rows) {
      const held: Record<TablePrivilege, boolean> = { SELECT: t.can_select, INSERT: t.can_insert, UPDATE: t.can_update, DELETE: t.can_delete };
      tables.set(t.name, new Set(TABLE_PRIVILEGES.filter((p) => held[p])));
    }
  }
  return {
    role: row.role,
    database: row.database,
    databaseCreate: row.database_create,
    schemaExists: row.schema_exists,
    schemaUsage: row.schema_usage,
    schemaCreate: row.schema_create,
    tables,
  };
}

const OWNER = 'as the owner of the database (or a superuser)';

function denied(a: HistoryAccess, sentence: string): PgtideError {
  return runtimeError(`Role ${a.role} ${sentence}`);
}

/** Writers (apply, rollback, baseline) read and change migrations and steps, and add to rollbacks. */
const WRITE_NEEDS: Readonly<Record<HistoryTable, readonly TablePrivilege[]>> = {
  migrations: TABLE_PRIVILEGES,
  steps: TABLE_PRIVILEGES,
  rollbacks: ['INSERT'],
};

/**
 * What stops the role from creating (where missing) and writing the history, as an error that
 * names the privilege, what it is needed for and the GRANT that gives it; null when nothing does.
 */
export function writeProblem(a: HistoryAccess): PgtideError | null {
  const role = quoteIdent(a.role);
  if (!a.schemaExists) {
    if (a.databaseCreate) return null;
    return denied(a, `has no CREATE privilege on database ${a.database}, needed to create pgtide's history schema "pgtide". Run GRANT CREATE ON DATABASE ${quoteIdent(a.database)} TO ${role}; ${OWNER}, or create the schema once as an owner (CREATE SCHEMA pgtide AUTHORIZATION ${role};), then run the command again.`);
  }
  if (!a.schemaUsage) {
    return denied(a, `has no USAGE privilege on schema pgtide in database ${a.database}, which holds pgtide's migration history. Run GRANT USAGE ON SCHEMA pgtide TO ${role}; and GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgtide TO ${role}; as the schema's owner, then run the command again.`);
  }
  const missing = HISTORY_TABLES.filter((t) => !a.tables.has(t));
  if (missing.length > 0 && !a.schemaCreate) {
    const names = missing.map((t) => `pgtide.${t}`).join(', ');
    return denied(a, `has no CREATE privilege on schema pgtide in database ${a.database}, needed to create the history table${missing.length > 1 ? 's' : ''} ${names}. Run GRANT CREATE ON SCHEMA pgtide TO ${role}; as the schema's owner, or run pgtide once as that owner to create them, then run the command again.`);
  }
  const lacking = HISTORY_TABLES.flatMap((t) => {
    const held = a.tables.get(t);
    const absent = held === undefined ? [] : WRITE_NEEDS[t].filter((p) => !held.has(p));
    return absent.length === 0 ? [] : [`${absent.join(', ')} on pgtide.${t}`];
  });
  if (lacking.length === 0) return null;
  return denied(a, `lacks ${lacking.join('; ')} in database ${a.database}, which pgtide needs to record the migrations it runs. Run GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgtide TO ${role}; as the owner of the history tables, then run the command again.`);
}

/** Readers (status, drift, plan, baseline) need USAGE on the schema and SELECT on migrations and steps. */
export function readProblem(a: HistoryAccess): PgtideError | null {
  const role = quoteIdent(a.role);
  const lacking = [
    ...(a.schemaUsage ? [] : ['USAGE on schema pgtide']),
    ...(['migrations', 'steps'] as const).filter((t) => !a.tables.get(t)?.has('SELECT')).map((t) => `SELECT on pgtide.${t}`),
  ];
  if (lacking.length === 0) return null;
  return denied(a, `cannot read pgtide's migration history in database ${a.database}: it lacks ${lacking.join(', ')}, which the command needs to know which migrations ran there. Run GRANT USAGE ON SCHEMA pgtide TO ${role}; and GRANT SELECT ON pgtide.migrations, pgtide.steps TO ${role}; as their owner, or connect as a role that has them.`);
}
