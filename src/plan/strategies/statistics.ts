import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import type { Statistics } from '../../model/types.js';
import type { ReaderStage } from '../../resolve/index.js';
import { place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname, type CommentTarget, type QName } from '../ops.js';
import type { Slot } from '../slots.js';
import { commentStep } from './comments.js';

const nameOf = (s: Statistics): QName => qname(s.schema, s.name);
const tableOf = (s: Statistics): QName => qname(s.tableSchema, s.tableName);
const commentTarget = (s: Statistics): CommentTarget => ({ on: 'statistics', statistics: nameOf(s) });

const SLOT: Readonly<Record<ReaderStage, Slot>> = {
  expand: 'create-statistics',
  // A column swapped in contract is new: statistics over it can only be made once it is there.
  late: 'create-statistics-late',
  final: 'create-statistics-late',
};

/** Where a statistics object of the desired model is created (resolve/rules-statistics.ts). */
function slotOf(s: Statistics, id: string, ctx: PlanContext): Slot {
  const stage = ctx.resolved.statisticsStages.get(id);
  if (stage === undefined) throw new Error(`statistics: ${id} is not a statistics object of the desired model`);
  return SLOT[stage];
}

function targetStep(change: CreateChange<'statistics'> | AlterChange<'statistics'>, s: Statistics, from: number | null, slot: Slot): Placed[] {
  if (s.target === from) return [];
  return [place(slot, change, op('set-statistics-target', { statistics: nameOf(s), target: s.target }), {
    reverse: op('set-statistics-target', { statistics: nameOf(s), target: from }),
  })];
}

export function createStatistics(change: CreateChange<'statistics'>, ctx: PlanContext): Placed[] {
  const s = change.to;
  const slot = slotOf(s, change.id, ctx);
  return [
    place(slot, change, op('create-statistics', { statistics: s }), {
      reverse: op('drop-statistics', { statistics: nameOf(s), table: tableOf(s) }),
    }),
    ...targetStep(change, s, null, slot),
    ...commentStep(change, commentTarget(s), null, s.comment, slot === 'create-statistics' ? 'comments' : slot),
  ];
}

/**
 * Always dropped first, before the columns it covers change: it holds no data (ANALYZE gathers it
 * again), and a column swapped or dropped later would take it along unannounced.
 */
export function dropStatistics(change: DropChange<'statistics'>): Placed[] {
  const s = change.from;
  return [place('drop-statistics', change, op('drop-statistics', { statistics: nameOf(s), table: tableOf(s) }), {
    reverse: op('create-statistics', { statistics: s }),
  })];
}

export function alterStatistics(change: AlterChange<'statistics'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  const slot = slotOf(to, change.id, ctx);
  return [
    ...targetStep(change, to, from.target, slot),
    ...commentStep(change, commentTarget(to), from.comment, to.comment, slot === 'create-statistics' ? 'comments' : slot),
  ];
}
