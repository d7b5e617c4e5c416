/** What ALTER DEFAULT PRIVILEGES is on (pg_default_acl.defaclobjtype), as the statement spells it. */
export type DefaultObjectType = 'tables' | 'sequences' | 'functions' | 'types' | 'schemas';

/**
 * The privileges one role (or `public`) receives on the objects that `role` creates from now on
 * (`ALTER DEFAULT PRIVILEGES FOR ROLE role [IN SCHEMA schema] GRANT … ON objectType TO grantee`),
 * held like a `Privilege` grant: one object per grantee, privilege names as GRANT spells them.
 *
 * With a schema, the entry adds to what the role's objects get anyway, so it holds what was granted.
 * Without one (every schema), the entry replaces the server's built-in defaults (the owner holds
 * everything, PUBLIC holds EXECUTE on functions and USAGE on types): it is read as the grantees whose
 * privileges differ from those defaults, `privileges` empty where a default was revoked. A database
 * without entries for a role therefore has no objects for it, as the server stores none.
 * Roles are assumed to exist.
 */
export interface DefaultPrivilege {
  readonly kind: 'default-privileges';
  /** FOR ROLE: the role whose new objects receive the privileges. */
  readonly role: string;
  /** IN SCHEMA, or null for objects created in any schema. */
  readonly schema: string | null;
  readonly objectType: DefaultObjectType;
  readonly grantee: string;
  /** Sorted. Empty only without a schema: a built-in default revoked. */
  readonly privileges: readonly string[];
  /** Those held WITH GRANT OPTION, sorted. */
  readonly grantable: readonly string[];
}
