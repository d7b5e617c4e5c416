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

const CREATE_RULE = 'CREATE RULE ';

/** pg_get_ruledef's text is the complete CREATE RULE statement; OR REPLACE goes after its CREATE. */
function createRule(definition: string, replace: boolean): string {
  if (!replace) return definition;
  if (!definition.startsWith(CREATE_RULE)) throw new Error(`create-rule: a definition that is not a CREATE RULE statement: ${definition.slice(0, 40)}`);
  return `CREATE OR REPLACE RULE ${definition.slice(CREATE_RULE.length)}`;
}

export const ruleRenderers: Renderers<'create-rule' | 'drop-rule' | 'set-rule-state'> = {
  'create-rule': (op) => createRule(op.rule.definition, op.replace),
  'drop-rule': (op) => `DROP RULE ${quoteIdent(op.name)} ON ${q(op.table)}`,
  'set-rule-state': (op) => `ALTER TABLE ${q(op.table)} ${STATE_SQL[op.enabled]} RULE ${quoteIdent(op.name)}`,
};
