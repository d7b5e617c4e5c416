import type { AlterChange, Change, CreateChange, DropChange } from '../../diff/change.js';
import { attributeOrderReachable, retypedAttributes } from '../../diff/composite-types.js';
import { refersTo } from '../../diff/type-names.js';
import type { CompositeType, Model } from '../../model/types.js';
import { commentQualified } from '../../sql/ident.js';
import { hazard, place, shareHazards, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname, type CompositeTypeAction } from '../ops.js';
import type { Slot } from '../slots.js';
import { commentStep } from './comments.js';
import { columnsUsing, rebuildThroughTemporaryType, temporaryName } from './type-rebuild.js';

const nameOf = (t: CompositeType) => qname(t.schema, t.name);

/** Attribute comments take COMMENT ON COLUMN, the type's own COMMENT ON TYPE. */
function comments(change: Change, from: CompositeType | null, to: CompositeType, slot?: Slot): Placed[] {
  const t = nameOf(to);
  const out = commentStep(change, { on: 'type', object: t }, from?.comment ?? null, to.comment, slot);
  for (const a of to.attributes) {
    const was = from?.attributes.find((x) => x.name === a.name)?.comment ?? null;
    out.push(...commentStep(change, { on: 'column', table: t, column: a.name }, was, a.comment, slot));
  }
  return out;
}

/** Before the tables, functions and domains that use it, after the enums and domains its attributes use. */
export function createCompositeType(change: CreateChange<'composite-type'>): Placed[] {
  const t = change.to;
  return [
    place('create-composite-types', change, op('create-composite-type', { type: t }), { reverse: op('drop-composite-type', { type: nameOf(t) }) }),
    ...comments(change, null, t),
  ];
}

/** After the tables, columns, functions and domains that used it. */
export function dropCompositeType(change: DropChange<'composite-type'>): Placed[] {
  return [place('drop-composite-types', change, op('drop-composite-type', { type: nameOf(change.from) }), { reverse: null })];
}

/** True when a column of the model is typed with it (or an array of it): PostgreSQL then refuses to retype an attribute. */
function usedByColumns(model: Model, t: CompositeType): boolean {
  for (const table of model.table.values()) {
    if (table.columns.some((c) => refersTo(c.type, t.schema, t.name) !== null)) return true;
  }
  return false;
}

/**
 * Attributes added in expand; retyped in place in expand while no column uses the type (PostgreSQL
 * refuses it otherwise, CASCADE or not: that reaches only typed tables); dropped in contract, once the
 * old application version no longer writes them. A new order, or a retype under columns, rebuilds it.
 */
export function alterCompositeType(change: AlterChange<'composite-type'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  if (!attributeOrderReachable(from, to) || (retypedAttributes(from, to).length > 0 && usedByColumns(ctx.from, from))) {
    return rebuildCompositeType(change, ctx);
  }
  const t = nameOf(to);
  const what = `composite type ${commentQualified(to.schema, to.name)}`;
  const used = usedByColumns(ctx.to, to);
  const out: Placed[] = [];
  const step = (slot: Slot, action: CompositeTypeAction, reverse: CompositeTypeAction | null, lost: string | null): void => {
    out.push(place(slot, change, op('alter-composite-type', { type: t, action }), {
      hazards: lost === null ? [] : [hazard('data-loss', 'high', lost)],
      reverse: reverse === null ? null : op('alter-composite-type', { type: t, action: reverse }),
    }));
  };
  for (const a of from.attributes) {
    if (to.attributes.some((b) => b.name === a.name)) continue;
    step('drop-composite-attributes', { kind: 'drop-attribute', name: a.name }, null,
      used ? `attribute ${a.name} of ${what} is dropped with its values in every column of the type` : null);
  }
  for (const b of retypedAttributes(from, to)) {
    const a = from.attributes.find((x) => x.name === b.name)!;
    step('alter-composite-types', { kind: 'alter-attribute-type', name: b.name, type: b.type, collation: b.collation },
      { kind: 'alter-attribute-type', name: a.name, type: a.type, collation: a.collation }, null);
  }
  for (const b of to.attributes) {
    if (from.attributes.some((a) => a.name === b.name)) continue;
    step('alter-composite-types', { kind: 'add-attribute', name: b.name, type: b.type, collation: b.collation }, { kind: 'drop-attribute', name: b.name }, null);
  }
  return [...out, ...comments(change, from, to)];
}

/**
 * A type ALTER TYPE cannot bring into its new form. Unused by columns, it is dropped and created
 * again; used, it is rebuilt through a temporary type (type-rebuild.ts), each column converted
 * through the text of its values, which maps attributes by position. In contract, like the
 * rebuilds of enums and domains: the old application version may still write the old form.
 */
function rebuildCompositeType(change: AlterChange<'composite-type'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  const users = columnsUsing(ctx, to.schema, to.name);
  // the new type carries no comments yet, whatever the old one had
  const after = comments(change, null, to, 'rebuild-composite-types');
  const drop = op('drop-composite-type', { type: nameOf(from) });
  if (users.length === 0) {
    return [
      place('rebuild-composite-types', change, drop, { reverse: null }),
      place('rebuild-composite-types', change, op('create-composite-type', { type: to }), { reverse: null }),
      ...after,
    ];
  }
  const what = `composite type ${commentQualified(to.schema, to.name)}`;
  const temp = temporaryName(to.name);
  const steps = rebuildThroughTemporaryType({
    slot: 'rebuild-composite-types',
    change,
    schema: to.schema,
    temp,
    users,
    create: op('create-composite-type', { type: { ...to, name: temp } }),
    dropOld: drop,
    rename: op('alter-composite-type', { type: qname(to.schema, temp), action: { kind: 'rename', newName: to.name } }),
    danger: hazard('data-loss', 'high',
      `${what} changes its attributes' types or order: values are converted through text, attribute by position, and values that do not convert make the migration fail`),
    rewrite: hazard('rewrite', 'high', `columns of ${what} are rewritten under ACCESS EXCLUSIVE`),
  });
  return [...shareHazards(steps), ...after];
}
