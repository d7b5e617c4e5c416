import type { AlterChange, CreateChange, DropChange, RenameChange } from '../../diff/change.js';
import type { EnumType } from '../../model/types.js';
import { hazard, place, shareHazards, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname } from '../ops.js';
import { commentStep } from './comments.js';
import { enumRebuild } from './enum-rebuild.js';
import { commentQualified } from '../../sql/ident.js';

const typeOf = (e: EnumType) => qname(e.schema, e.name);

export function createEnum(change: CreateChange<'enum'>): Placed[] {
  const e = change.to;
  return [
    place('create-enums', change, op('create-enum', { type: typeOf(e), values: e.values }), {
      reverse: op('drop-enum', { type: typeOf(e) }),
    }),
    ...commentStep(change, { on: 'type', object: typeOf(e) }, null, e.comment),
  ];
}

export function dropEnum(change: DropChange<'enum'>): Placed[] {
  return [place('drop-enums', change, op('drop-enum', { type: typeOf(change.from) }), { reverse: null })];
}

export function renameEnum(change: RenameChange<'enum'>): Placed[] {
  const { from, to } = change;
  return [place('renames', change, op('rename-enum', { type: typeOf(from), newName: to.name }), {
    hazards: [hazard('breaking', 'high', `queries that name type ${commentQualified(from.schema, from.name)} break`)],
    reverse: op('rename-enum', { type: typeOf(to), newName: from.name }),
  })];
}

/** True when `to` keeps every current value in the same order and only inserts new ones. */
export function onlyAdditions(from: readonly string[], to: readonly string[]): boolean {
  const kept = to.filter((v) => from.includes(v));
  return kept.length === from.length && kept.every((v, i) => v === from[i]);
}

function addValues(change: AlterChange<'enum'>): Placed[] {
  const { from, to } = change;
  const out: Placed[] = [];
  to.values.forEach((value, i) => {
    if (from.values.includes(value)) return;
    // Anchored on the neighbour that exists by then: the previous value, else the next current one.
    const after = i > 0 ? to.values[i - 1]! : null;
    const before = after === null ? (to.values.slice(i + 1).find((v) => from.values.includes(v)) ?? null) : null;
    out.push(place('create-enums', change, op('add-enum-value', { type: typeOf(to), value, before, after }), {
      transactional: false,
      hazards: [hazard('non-transactional', 'low', 'ALTER TYPE … ADD VALUE runs outside a transaction')],
      reverse: null,
    }));
  });
  return out;
}

export function alterEnum(change: AlterChange<'enum'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  const comment = commentStep(change, { on: 'type', object: typeOf(to) }, from.comment, to.comment);
  if (!change.fields.includes('values')) return comment;
  // A rebuild runs in contract, but objects created in expand may already use the new values (a
  // new table's default, a check): so new values are added first, and the rebuild only removes and reorders.
  const values = onlyAdditions(from.values, to.values) ? addValues(change) : [...addValues(change), ...shareHazards(enumRebuild(change, ctx))];
  return [...values, ...comment];
}
