import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import type { Trigger } from '../../model/types.js';
import { place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname, type CommentTarget } from '../ops.js';
import { commentStep } from './comments.js';

const tableOf = (t: Trigger) => qname(t.schema, t.table);
const commentTarget = (t: Trigger): CommentTarget => ({ on: 'trigger', table: tableOf(t), name: t.name });

function stateStep(change: CreateChange<'trigger'> | AlterChange<'trigger'>, t: Trigger, from: Trigger['enabled']): Placed[] {
  if (t.enabled === from) return [];
  return [place('create-triggers', change, op('set-trigger-state', { table: tableOf(t), name: t.name, enabled: t.enabled }), {
    reverse: op('set-trigger-state', { table: tableOf(t), name: t.name, enabled: from }),
  })];
}

/** After every table, view and function of expand exists; a new trigger is created enabled, then set. */
export function createTrigger(change: CreateChange<'trigger'>): Placed[] {
  const t = change.to;
  return [
    place('create-triggers', change, op('create-trigger', { trigger: t }), {
      reverse: op('drop-trigger', { table: tableOf(t), name: t.name }),
    }),
    ...stateStep(change, t, 'origin'),
    ...commentStep(change, commentTarget(t), null, t.comment),
  ];
}

/** A trigger goes with its dropped table; otherwise it is dropped first, before what it calls changes. */
export function dropTrigger(change: DropChange<'trigger'>, ctx: PlanContext): Placed[] {
  const t = change.from;
  if (ctx.tableDropped(t.schema, t.table) && !ctx.to.trigger.has(change.id)) return [];
  return [place('drop-triggers', change, op('drop-trigger', { table: tableOf(t), name: t.name }), {
    reverse: op('create-trigger', { trigger: t }),
  })];
}

export function alterTrigger(change: AlterChange<'trigger'>): Placed[] {
  const { from, to } = change;
  return [...stateStep(change, to, from.enabled), ...commentStep(change, commentTarget(to), from.comment, to.comment)];
}
