import type { DefaultGrantFields } from '../plan/ops.js';
import { quoteIdent } from './ident.js';
import type { Renderers } from './render-types.js';

/** `FOR ROLE r [IN SCHEMA s]`: always the role, so the statement means the same whoever runs it. */
function scope(f: DefaultGrantFields): string {
  return `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(f.role)}${f.schema === null ? '' : ` IN SCHEMA ${quoteIdent(f.schema)}`}`;
}

/** Privilege names are keywords from the catalog (SELECT, USAGE, …) and object types the statement's own words. */
function what(f: DefaultGrantFields): string {
  return `${f.privileges === 'ALL' ? 'ALL' : f.privileges.join(', ')} ON ${f.objectType.toUpperCase()}`;
}

const role = (name: string): string => (name === 'public' ? 'PUBLIC' : quoteIdent(name));

export const defaultPrivilegeRenderers: Renderers<'grant-default-privileges' | 'revoke-default-privileges'> = {
  'grant-default-privileges': (op) => `${scope(op)} GRANT ${what(op)} TO ${role(op.grantee)}${op.grantOption ? ' WITH GRANT OPTION' : ''}`,
  'revoke-default-privileges': (op) => `${scope(op)} REVOKE ${op.grantOption ? 'GRANT OPTION FOR ' : ''}${what(op)} FROM ${role(op.grantee)}`,
};
