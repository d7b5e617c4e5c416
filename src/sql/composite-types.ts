import type { CompositeTypeAction } from '../plan/ops.js';
import { quoteIdent, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';
import { renderCollation, renderType } from './types.js';

const typed = (type: string, collation: string | null): string =>
  collation === null ? renderType(type) : `${renderType(type)} COLLATE ${renderCollation(collation)}`;

function action(a: CompositeTypeAction): string {
  switch (a.kind) {
    case 'add-attribute':
      return `ADD ATTRIBUTE ${quoteIdent(a.name)} ${typed(a.type, a.collation)}`;
    case 'drop-attribute':
      return `DROP ATTRIBUTE ${quoteIdent(a.name)}`;
    case 'alter-attribute-type':
      return `ALTER ATTRIBUTE ${quoteIdent(a.name)} TYPE ${typed(a.type, a.collation)}`;
    case 'rename':
      return `RENAME TO ${quoteIdent(a.newName)}`;
    default: {
      const never: never = a;
      throw new Error(`unknown composite type action ${JSON.stringify(never)}`);
    }
  }
}

export const compositeTypeRenderers: Renderers<'create-composite-type' | 'drop-composite-type' | 'alter-composite-type'> = {
  'create-composite-type': ({ type: t }) =>
    `CREATE TYPE ${quoteQualified(t.schema, t.name)} AS (${t.attributes.map((a) => `${quoteIdent(a.name)} ${typed(a.type, a.collation)}`).join(', ')})`,
  'drop-composite-type': (op) => `DROP TYPE ${quoteQualified(op.type.schema, op.type.name)}`,
  'alter-composite-type': (op) => `ALTER TYPE ${quoteQualified(op.type.schema, op.type.name)} ${action(op.action)}`,
};
