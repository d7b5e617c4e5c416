import type { DomainAction, QName } from '../plan/ops.js';
import { quoteIdent, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';
import { renderCollation, renderType } from './types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);

function action(a: DomainAction): string {
  switch (a.kind) {
    case 'set-default':
      return a.value === null ? 'DROP DEFAULT' : `SET DEFAULT ${a.value}`;
    case 'not-null':
      return a.notNull ? 'SET NOT NULL' : 'DROP NOT NULL';
    case 'add-check':
      // The definition is server-printed `CHECK (…)`.
      return `ADD CONSTRAINT ${quoteIdent(a.name)} ${a.definition}`;
    case 'drop-check':
      return `DROP CONSTRAINT ${quoteIdent(a.name)}`;
    case 'rename':
      return `RENAME TO ${quoteIdent(a.newName)}`;
    default: {
      const never: never = a;
      throw new Error(`unknown domain action ${JSON.stringify(never)}`);
    }
  }
}

export const domainRenderers: Renderers<'create-domain' | 'drop-domain' | 'alter-domain'> = {
  'create-domain': ({ domain: d }) => {
    const parts = [`CREATE DOMAIN ${quoteQualified(d.schema, d.name)} AS ${renderType(d.baseType)}`];
    if (d.collation !== null) parts.push(`COLLATE ${renderCollation(d.collation)}`);
    if (d.default !== null) parts.push(`DEFAULT ${d.default}`);
    if (d.notNull) parts.push('NOT NULL');
    for (const c of d.checks) parts.push(`CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`);
    return parts.join(' ');
  },
  'drop-domain': (op) => `DROP DOMAIN ${q(op.domain)}`,
  'alter-domain': (op) => `ALTER DOMAIN ${q(op.domain)} ${action(op.action)}`,
};
