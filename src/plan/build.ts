import type { Change } from '../diff/change.js';
import { OP_LOCKS } from './locks.js';
import type { Op } from './ops.js';
import { SLOT_PHASE, type Slot } from './slots.js';
import type { Hazard, HazardKind, LockLevel, Risk, Step } from './step.js';
import { commentText } from '../sql/ident.js';

/**
 * A step before its timeouts: they come from the project's options and are stamped once, when the
 * plan is assembled (plan/index.ts), so nothing can read a default that is later replaced.
 */
export type PlacedStep = Omit<Step, 'timeouts'>;

/** A step and the slot that orders it; strategies return these, the planner sorts them. */
export interface Placed {
  readonly slot: Slot;
  readonly step: PlacedStep;
}

export interface StepOptions {
  readonly hazards?: readonly Hazard[];
  readonly lock?: LockLevel;
  readonly rewrites?: Step['rewrites'];
  readonly transactional?: boolean;
  readonly batch?: Step['batch'];
  readonly reverse: Op | null;
}

/**
 * A reason is written into migration files as a comment line and printed by plan: names in it should
 * be shown with commentIdent, and whatever else it holds still cannot break the line (commentText).
 */
export function hazard(kind: HazardKind, risk: Risk, reason: string): Hazard {
  return Object.freeze({ kind, risk, reason: commentText(reason) });
}

export function place(slot: Slot, source: Change, op: Op, opts: StepOptions): Placed {
  const phase = SLOT_PHASE.get(slot);
  if (phase === undefined) throw new Error(`plan: unknown slot ${slot}`);
  const rewrites = opts.rewrites ?? 'none';
  const step: PlacedStep = Object.freeze({
    phase,
    op,
    hazards: Object.freeze([...(opts.hazards ?? [])]),
    lock: opts.lock ?? OP_LOCKS[op.kind],
    rewrites,
    transactional: opts.transactional ?? true,
    batch: opts.batch ?? null,
    reverse: opts.reverse,
    source,
  });
  return { slot, step };
}

/**
 * Steps that only make sense together (an enum rebuild, a column re-add) share every hazard, so the
 * hazard gate keeps or drops them as one.
 */
export function shareHazards(group: readonly Placed[]): Placed[] {
  const all = new Map<string, Hazard>();
  for (const p of group) for (const h of p.step.hazards) all.set(`${h.kind}\u0000${h.reason}`, h);
  const hazards = Object.freeze([...all.values()]);
  return group.map((p) => ({ slot: p.slot, step: Object.freeze({ ...p.step, hazards }) }));
}
