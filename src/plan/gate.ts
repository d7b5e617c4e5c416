import type { Hazard, HazardKind, Plan, Step } from './step.js';

/** What a run approves: every hazard (true), none of medium or high risk (false), or these kinds. */
export type HazardApproval = boolean | readonly HazardKind[];

/**
 * Whether a hazard holds its step back. Low-risk hazards (a CONCURRENTLY build outside a
 * transaction) are information, not a reason to hold a step back; medium and high ones must be
 * approved by kind.
 */
export function holdsBack(hazard: Hazard, approval: HazardApproval): boolean {
  return hazard.risk !== 'low' && approval !== true && (approval === false || !approval.includes(hazard.kind));
}

/** Whether any of a step's hazards holds it back. */
export function isBlocked(step: Pick<Step, 'hazards'>, approval: HazardApproval): boolean {
  return step.hazards.some((h) => holdsBack(h, approval));
}

/** A plan's steps split by the hazard gate, each part in plan order. */
export interface GatedPlan {
  /** The steps the approval lets through. */
  readonly allowed: readonly Step[];
  /** The steps held back, for the caller to report (or to refuse the whole migration). */
  readonly blocked: readonly Step[];
}

/** The hazard gate: which steps of a plan the approval lets through and which it holds back. */
export function gatePlan(plan: Plan, approval: HazardApproval): GatedPlan {
  const allowed: Step[] = [];
  const blocked: Step[] = [];
  for (const step of plan.steps) (isBlocked(step, approval) ? blocked : allowed).push(step);
  return Object.freeze({ allowed: Object.freeze(allowed), blocked: Object.freeze(blocked) });
}
