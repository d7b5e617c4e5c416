import type { DbObject, DefaultObjectType, Privilege } from './types.js';

/**
 * What PostgreSQL 15 and later put in every new database: the schema `public`, owned by
 * pg_database_owner, with USAGE (and no longer CREATE) for PUBLIC. Read like any other schema and
 * privilege, so that a GRANT or REVOKE on `public` is compared like one on another schema; but
 * nobody declares these, so they count as neither something a schema holds nor something to pull.
 */
export const PUBLIC_SCHEMA = 'public';

/** server_version_num from which PUBLIC no longer holds CREATE on `public` (CVE-2018-1058). */
const CREATE_ON_PUBLIC_UNTIL = 150000;

/** PUBLIC's privileges on schema `public` in a new database of today's servers. */
export const PUBLIC_SCHEMA_DEFAULT: readonly string[] = ['USAGE'];

/**
 * PUBLIC's privileges on schema `public` as a new database of this server version has them. A
 * database of an older server that kept its default is read as a new one of today (see
 * introspect/privileges.ts), so the two compare equal.
 */
export function publicSchemaDefault(version: number): readonly string[] {
  return version >= CREATE_ON_PUBLIC_UNTIL ? PUBLIC_SCHEMA_DEFAULT : ['CREATE', 'USAGE'];
}

const NOW = PUBLIC_SCHEMA_DEFAULT;

function isDefaultPublicGrant(p: Privilege): boolean {
  return p.target.on === 'schema' && p.target.name === PUBLIC_SCHEMA && p.grantee === 'public'
    && p.grantable.length === 0 && p.privileges.length === NOW.length && p.privileges.every((x, i) => x === NOW[i]);
}

/** The object is one a new database already has (see above). */
export function isServerDefault(o: DbObject): boolean {
  return (o.kind === 'schema' && o.name === PUBLIC_SCHEMA) || (o.kind === 'privilege' && isDefaultPublicGrant(o));
}

/**
 * What a grantee holds on the new objects of `role` when the role has no default privileges for every
 * schema (acldefault): the owner everything, PUBLIC EXECUTE on functions and USAGE on types (which is
 * all there is of each), nobody anything else. 'all' rather than a list, because the list depends on
 * the server version (MAINTAIN on tables from PostgreSQL 17).
 */
export function builtinDefaultPrivileges(objectType: DefaultObjectType, role: string, grantee: string): 'all' | 'none' {
  if (grantee === role) return 'all';
  return grantee === 'public' && (objectType === 'functions' || objectType === 'types') ? 'all' : 'none';
}
