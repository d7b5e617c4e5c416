import { routineId } from '../model/ids.js';
import type { EventTrigger, TriggerState } from '../model/types.js';
import { type IntrospectContext, userSchema } from './context.js';

// Event triggers of the whole database whose function is in a schema read (the trigger's scope), and
// not an extension's.
const EVENT_TRIGGERS_SQL = `
SELECT e.evtname AS name,
       e.evtevent AS event,
       coalesce(e.evttags, ARRAY[]::text[]) AS tags,
       n.nspname AS function_schema,
       p.proname AS function_name,
       e.evtenabled AS enabled,
       obj_description(e.oid, 'pg_event_trigger') AS comment
FROM pg_event_trigger e
JOIN pg_proc p ON p.oid = e.evtfoid
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE ${userSchema('n')}
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend ext
    WHERE ext.classid = 'pg_event_trigger'::regclass AND ext.objid = e.oid AND ext.deptype = 'e')
ORDER BY e.evtname`;

interface EventTriggerRow {
  readonly name: string;
  readonly event: string;
  readonly tags: string[];
  readonly function_schema: string;
  readonly function_name: string;
  /** O, D, R, A */
  readonly enabled: string;
  readonly comment: string | null;
}

const STATES: Readonly<Record<string, TriggerState>> = { O: 'origin', D: 'disabled', R: 'replica', A: 'always' };

export async function readEventTriggers(ctx: IntrospectContext): Promise<EventTrigger[]> {
  const { rows } = await ctx.db.query<EventTriggerRow>(EVENT_TRIGGERS_SQL, ctx.params);
  return rows.map((r) => {
    const enabled = STATES[r.enabled];
    if (enabled === undefined) throw new Error(`event trigger ${r.name}: unknown evtenabled '${r.enabled}'`);
    return {
      kind: 'event-trigger',
      name: r.name,
      event: r.event,
      // A filter is a set: the order it was written in means nothing.
      tags: [...r.tags].sort(),
      function: { schema: r.function_schema, name: r.function_name },
      enabled,
      comment: r.comment,
      // An event trigger's function takes no arguments.
      dependsOn: [routineId(r.function_schema, r.function_name, '')],
    };
  });
}
