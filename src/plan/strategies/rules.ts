import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import type { Rule } from '../../model/types.js';
import type { ReaderStage } from '../../resolve/index.js';
import { commentIdent, commentQualified } from '../../sql/ident.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname, type CommentTarget, type QName } from '../ops.js';
import type { Slot } from '../slots.js';
import { commentStep } from './comments.js';

const tableOf = (r: Rule): QName => qname(r.schema, r.table);
const commentTarget = (r: Rule): CommentTarget => ({ on: 'rule', table: tableOf(r), name: r.name });

const SLOT: Readonly<Record<ReaderStage, Slot>> = {
  expand: 'create-rules',
  late: 'create-rules-late',
  final: 'create-rules-final',
};

/** Where a rule of the desired model is created or replaced (resolve/rules-statistics.ts). */
function slotOf(id: string, ctx: PlanContext): Slot {
  const stage = ctx.resolved.ruleStages.get(id);
  if (stage === undefined) throw new Error(`rule: ${id} is not a rule of the desired model`);
  return SLOT[stage];
}

const commentSlot = (slot: Slot): Slot => (slot === 'create-rules' ? 'comments' : slot);

function stateStep(change: CreateChange<'rule'> | AlterChange<'rule'>, r: Rule, from: Rule['enabled'], slot: Slot): Placed[] {
  if (r.enabled === from) return [];
  return [place(slot, change, op('set-rule-state', { table: tableOf(r), name: r.name, enabled: r.enabled }), {
    reverse: op('set-rule-state', { table: tableOf(r), name: r.name, enabled: from }),
  })];
}

/** After every table, view and function its actions name; created enabled, then set. */
export function createRule(change: CreateChange<'rule'>, ctx: PlanContext): Placed[] {
  const r = change.to;
  const slot = slotOf(change.id, ctx);
  return [
    place(slot, change, op('create-rule', { rule: r, replace: false }), {
      reverse: op('drop-rule', { table: tableOf(r), name: r.name }),
    }),
    ...stateStep(change, r, 'origin', slot),
    ...commentStep(change, commentTarget(r), null, r.comment, commentSlot(slot)),
  ];
}

/**
 * First, in expand, before anything it reads changes (whatever it reads may change there). One on a
 * table that goes for good carries no hazard of its own: the table's drop carries them.
 */
export function dropRule(change: DropChange<'rule'>, ctx: PlanContext): Placed[] {
  const r = change.from;
  const gone = !ctx.to.rule.has(change.id);
  const withTable = gone && ctx.tableDropped(r.schema, r.table);
  return [place('drop-rules', change, op('drop-rule', { table: tableOf(r), name: r.name }), {
    hazards: withTable ? [] : dropHazards(r, gone ? null : slotOf(change.id, ctx)),
    reverse: op('create-rule', { rule: r, replace: false }),
  })];
}

/**
 * A rule that goes for good no longer rewrites queries; one re-created only in the contract phase
 * (after the column or view work it waits for) does not rewrite them in between either, and a missing
 * rule fails nothing: a DO INSTEAD NOTHING that is gone lets the statement through.
 */
function dropHazards(r: Rule, back: Slot | null): Placed['step']['hazards'] {
  const on = commentQualified(r.schema, r.table);
  if (back === null) return [hazard('breaking', 'medium', `queries on ${on} are no longer rewritten by rule ${commentIdent(r.name)}`)];
  if (back === 'create-rules') return [];
  return [hazard('breaking', 'medium', `queries on ${on} are not rewritten by rule ${commentIdent(r.name)} from expand until the contract phase creates it again`)];
}

/** A new definition (event, condition, actions) is CREATE OR REPLACE RULE, which keeps the rule's state. */
export function alterRule(change: AlterChange<'rule'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  const slot = slotOf(change.id, ctx);
  const out: Placed[] = [];
  const replaced = change.fields.includes('definition');
  if (replaced) {
    out.push(place(slot, change, op('create-rule', { rule: to, replace: true }), {
      hazards: [hazard('breaking', 'low', `queries on ${commentQualified(to.schema, to.table)} are rewritten differently by rule ${commentIdent(to.name)}`)],
      reverse: op('create-rule', { rule: from, replace: true }),
    }));
  }
  out.push(...stateStep(change, to, from.enabled, slot));
  return [...out, ...commentStep(change, commentTarget(to), from.comment, to.comment, commentSlot(slot))];
}
