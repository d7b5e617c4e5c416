import { quoteIdent, quoteLiteral } from './ident.js';
import type { Renderers } from './render-types.js';

export const extensionRenderers: Renderers<'create-extension' | 'update-extension' | 'drop-extension'> = {
  'create-extension': (op) =>
    `CREATE EXTENSION ${quoteIdent(op.name)} WITH SCHEMA ${quoteIdent(op.schema)}${op.version === null ? '' : ` VERSION ${quoteLiteral(op.version)}`}`,
  'update-extension': (op) => `ALTER EXTENSION ${quoteIdent(op.name)} UPDATE TO ${quoteLiteral(op.version)}`,
  'drop-extension': (op) => `DROP EXTENSION ${quoteIdent(op.name)}`,
};
