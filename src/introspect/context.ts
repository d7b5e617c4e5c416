import type { Queryable } from '../db/queryable.js';

/** What every per-kind reader gets: the open transaction's connection and the shared filters. */
export interface IntrospectContext {
  readonly db: Queryable;
  /** server_version_num; readers branch on it where catalogs differ between 14 and 18. */
  readonly version: number;
  /** Bound to $1 of every query: the schemas to read, or null for all user schemas. */
  readonly params: readonly [readonly string[] | null];
}

/** Major version of PostgreSQL (14 … 18) from server_version_num. */
export function serverVersion(db: Pick<Queryable, 'serverVersion'>): { readonly num: number; readonly major: number } {
  return { num: db.serverVersion, major: Math.floor(db.serverVersion / 10000) };
}

/**
 * The namespace filter, for a pg_namespace alias: no system schemas (names starting with pg_ are
 * reserved for them), no information_schema, no pgtide history schema, no schema an extension
 * created, and only the requested schemas when $1 is not null.
 */
export function userSchema(alias: string): string {
  return `${alias}.nspname NOT LIKE 'pg\\_%'
    AND ${alias}.nspname NOT IN ('information_schema', 'pgtide')
    AND ($1::text[] IS NULL OR ${alias}.nspname = ANY ($1::text[]))
    AND ${notExtensionMember('pg_namespace', `${alias}.oid`)}`;
}

/** Excludes objects that belong to an extension (pg_depend deptype 'e'). */
export function notExtensionMember(catalog: 'pg_namespace' | 'pg_class' | 'pg_type', oid: string): string {
  return `NOT EXISTS (
      SELECT 1 FROM pg_depend ext
      WHERE ext.classid = '${catalog}'::regclass AND ext.objid = ${oid} AND ext.deptype = 'e')`;
}

/** A collation name as the model stores it: bare for pg_catalog, schema-qualified otherwise. */
export function collationName(collation: string, namespace: string): string {
  return `CASE WHEN ${namespace}.nspname = 'pg_catalog' THEN ${collation}.collname::text
      ELSE ${namespace}.nspname || '.' || ${collation}.collname END`;
}

/** The tables the model covers: plain and partitioned tables and partitions. */
export function userTable(alias: string, namespaceAlias: string): string {
  return `${alias}.relkind IN ('r', 'p')
    AND ${userSchema(namespaceAlias)}
    AND ${notExtensionMember('pg_class', `${alias}.oid`)}`;
}
