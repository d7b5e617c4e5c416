import { quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

export const routineRenderers: Renderers<'create-routine' | 'drop-routine'> = {
  // pg_get_functiondef's text: a complete CREATE OR REPLACE statement with every name qualified.
  'create-routine': (op) => op.routine.definition,
  // args are the server-printed identity argument types, which tell overloads apart.
  'drop-routine': (op) => `DROP ${op.procedure ? 'PROCEDURE' : 'FUNCTION'} ${quoteQualified(op.routine.schema, op.routine.name)}(${op.args})`,
};
