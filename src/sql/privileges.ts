import type { GrantTarget } from '../model/types.js';
import { quoteIdent, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

/** Privilege names are keywords from the catalog (SELECT, USAGE, …), rendered as they are. */
function on(t: GrantTarget, privileges: readonly string[]): string {
  switch (t.on) {
    case 'schema':
      return `${privileges.join(', ')} ON SCHEMA ${quoteIdent(t.name)}`;
    case 'table':
    case 'view':
      return `${privileges.join(', ')} ON TABLE ${quoteQualified(t.schema, t.name)}`;
    case 'sequence':
      return `${privileges.join(', ')} ON SEQUENCE ${quoteQualified(t.schema, t.name)}`;
    case 'column':
      return `${privileges.map((p) => `${p} (${quoteIdent(t.column)})`).join(', ')} ON TABLE ${quoteQualified(t.schema, t.table)}`;
    case 'function':
      // ROUTINE covers functions and procedures; args are server-printed identity argument types.
      return `${privileges.join(', ')} ON ROUTINE ${quoteQualified(t.schema, t.name)}(${t.args})`;
    case 'aggregate':
      // GRANT names an aggregate like a function, by its argument types alone (no ORDER BY, no `*`).
      return `${privileges.join(', ')} ON FUNCTION ${quoteQualified(t.schema, t.name)}(${t.argTypes})`;
    default: {
      const never: never = t;
      throw new Error(`unknown grant target ${JSON.stringify(never)}`);
    }
  }
}

const role = (name: string): string => (name === 'public' ? 'PUBLIC' : quoteIdent(name));

export const privilegeRenderers: Renderers<'grant' | 'revoke'> = {
  grant: (op) => `GRANT ${on(op.target, op.privileges)} TO ${role(op.grantee)}${op.grantOption ? ' WITH GRANT OPTION' : ''}`,
  revoke: (op) => `REVOKE ${op.grantOption ? 'GRANT OPTION FOR ' : ''}${on(op.target, op.privileges)} FROM ${role(op.grantee)}`,
};
