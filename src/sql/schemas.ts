import { quoteIdent } from './ident.js';
import type { Renderers } from './render-types.js';

export const schemaRenderers: Renderers<'create-schema' | 'drop-schema'> = {
  'create-schema': (op) => `CREATE SCHEMA ${quoteIdent(op.name)}`,
  'drop-schema': (op) => `DROP SCHEMA ${quoteIdent(op.name)}`,
};
