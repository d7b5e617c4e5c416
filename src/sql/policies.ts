import type { PolicyCommand } from '../model/types.js';
import type { QName } from '../plan/ops.js';
import { quoteIdent, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);

const COMMAND_SQL: Record<PolicyCommand, string> = { all: 'ALL', select: 'SELECT', insert: 'INSERT', update: 'UPDATE', delete: 'DELETE' };

/** `public` is the PUBLIC pseudo-role (no real role can have that name); others are identifiers. */
function roleList(roles: readonly string[]): string {
  return roles.length === 0 ? 'PUBLIC' : roles.map((r) => (r === 'public' ? 'PUBLIC' : quoteIdent(r))).join(', ');
}

const SETTING_SQL = {
  enable: 'ENABLE ROW LEVEL SECURITY',
  disable: 'DISABLE ROW LEVEL SECURITY',
  force: 'FORCE ROW LEVEL SECURITY',
  'no-force': 'NO FORCE ROW LEVEL SECURITY',
} as const;

export const policyRenderers: Renderers<'create-policy' | 'drop-policy' | 'alter-policy' | 'set-row-security'> = {
  'create-policy': ({ policy: p }) => {
    const parts = [`CREATE POLICY ${quoteIdent(p.name)} ON ${quoteQualified(p.schema, p.table)}`];
    parts.push(`AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${COMMAND_SQL[p.command]} TO ${roleList(p.roles)}`);
    if (p.usingExpression !== null) parts.push(`USING (${p.usingExpression})`);
    if (p.withCheck !== null) parts.push(`WITH CHECK (${p.withCheck})`);
    return parts.join(' ');
  },
  'drop-policy': (op) => `DROP POLICY ${quoteIdent(op.name)} ON ${q(op.table)}`,
  'alter-policy': (op) => {
    const parts = [`ALTER POLICY ${quoteIdent(op.name)} ON ${q(op.table)}`];
    if (op.roles !== null) parts.push(`TO ${roleList(op.roles)}`);
    if (op.usingExpression !== null) parts.push(`USING (${op.usingExpression})`);
    if (op.withCheck !== null) parts.push(`WITH CHECK (${op.withCheck})`);
    return parts.join(' ');
  },
  'set-row-security': (op) => `ALTER TABLE ${q(op.table)} ${SETTING_SQL[op.setting]}`,
};
