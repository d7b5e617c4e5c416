import type { TriggerState } from '../model/types.js';
import { quoteIdent, quoteLiteral, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

const STATE_SQL: Record<TriggerState, string> = {
  origin: 'ENABLE',
  disabled: 'DISABLE',
  replica: 'ENABLE REPLICA',
  always: 'ENABLE ALWAYS',
};

export const eventTriggerRenderers: Renderers<'create-event-trigger' | 'drop-event-trigger' | 'set-event-trigger-state'> = {
  'create-event-trigger': ({ trigger: t }) => {
    const when = t.tags.length === 0 ? '' : ` WHEN TAG IN (${t.tags.map(quoteLiteral).join(', ')})`;
    // The event is a name the server knows (ddl_command_start, …), written as an identifier.
    return `CREATE EVENT TRIGGER ${quoteIdent(t.name)} ON ${quoteIdent(t.event)}${when} EXECUTE FUNCTION ${quoteQualified(t.function.schema, t.function.name)}()`;
  },
  'drop-event-trigger': (op) => `DROP EVENT TRIGGER ${quoteIdent(op.name)}`,
  'set-event-trigger-state': (op) => `ALTER EVENT TRIGGER ${quoteIdent(op.name)} ${STATE_SQL[op.enabled]}`,
};
