import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import type { EventTrigger, TriggerState } from '../../model/types.js';
import { place, type Placed } from '../build.js';
import { op, type CommentTarget } from '../ops.js';
import type { Slot } from '../slots.js';
import { commentStep } from './comments.js';

type Source = CreateChange<'event-trigger'> | DropChange<'event-trigger'> | AlterChange<'event-trigger'>;

const commentTarget = (t: EventTrigger): CommentTarget => ({ on: 'event-trigger', name: t.name });

/**
 * An event trigger fires on the migration's own DDL (and may refuse it): it is switched off or
 * dropped before anything else, and created or switched on after everything else.
 */
function stateStep(source: Source, name: string, from: TriggerState, to: TriggerState, slot: Slot): Placed[] {
  if (from === to) return [];
  return [place(slot, source, op('set-event-trigger-state', { name, enabled: to }), {
    reverse: op('set-event-trigger-state', { name, enabled: from }),
  })];
}

/** Last: its function exists by then, and no other statement of the migration fires it. */
export function createEventTrigger(change: CreateChange<'event-trigger'>): Placed[] {
  const t = change.to;
  return [
    place('create-event-triggers', change, op('create-event-trigger', { trigger: t }), {
      reverse: op('drop-event-trigger', { name: t.name }),
    }),
    // Created enabled, then set: CREATE EVENT TRIGGER has no state of its own.
    ...stateStep(change, t.name, 'origin', t.enabled, 'create-event-triggers'),
    ...commentStep(change, commentTarget(t), null, t.comment, 'create-event-triggers'),
  ];
}

/** First: before its function can be dropped, and before it can fire on the migration's statements. */
export function dropEventTrigger(change: DropChange<'event-trigger'>): Placed[] {
  const t = change.from;
  return [place('drop-event-triggers', change, op('drop-event-trigger', { name: t.name }), {
    reverse: op('create-event-trigger', { trigger: t }),
  })];
}

export function alterEventTrigger(change: AlterChange<'event-trigger'>): Placed[] {
  const { from, to } = change;
  return [
    ...stateStep(change, to.name, from.enabled, to.enabled, to.enabled === 'disabled' ? 'drop-event-triggers' : 'create-event-triggers'),
    ...commentStep(change, commentTarget(to), from.comment, to.comment),
  ];
}
