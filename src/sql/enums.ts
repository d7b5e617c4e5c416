import type { QName } from '../plan/ops.js';
import { quoteIdent, quoteLiteral, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);

export const enumRenderers: Renderers<'create-enum' | 'add-enum-value' | 'rename-enum' | 'drop-enum'> = {
  'create-enum': (op) => `CREATE TYPE ${q(op.type)} AS ENUM (${op.values.map(quoteLiteral).join(', ')})`,
  'add-enum-value': (op) => {
    const anchor = op.after !== null ? ` AFTER ${quoteLiteral(op.after)}`
      : op.before !== null ? ` BEFORE ${quoteLiteral(op.before)}` : '';
    return `ALTER TYPE ${q(op.type)} ADD VALUE ${quoteLiteral(op.value)}${anchor}`;
  },
  'rename-enum': (op) => `ALTER TYPE ${q(op.type)} RENAME TO ${quoteIdent(op.newName)}`,
  'drop-enum': (op) => `DROP TYPE ${q(op.type)}`,
};
