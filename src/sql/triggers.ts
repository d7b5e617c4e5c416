import type { TriggerState } from '../model/types.js';
import type { QName } from '../plan/ops.js';
import { quoteIdent, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);

const STATE_SQL: Record<TriggerState, string> = {
  origin: 'ENABLE',
  disabled: 'DISABLE',
  replica: 'ENABLE REPLICA',
  always: 'ENABLE ALWAYS',
};

export const triggerRenderers: Renderers<'create-trigger' | 'drop-trigger' | 'set-trigger-state'> = {
  // pg_get_triggerdef's text: the complete CREATE [CONSTRAINT] TRIGGER statement.
  'create-trigger': (op) => op.trigger.definition,
  'drop-trigger': (op) => `DROP TRIGGER ${quoteIdent(op.name)} ON ${q(op.table)}`,
  'set-trigger-state': (op) => `ALTER TABLE ${q(op.table)} ${STATE_SQL[op.enabled]} TRIGGER ${quoteIdent(op.name)}`,
};
