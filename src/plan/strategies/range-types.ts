import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import { rangeNeedsRebuild } from '../../diff/range-types.js';
import { refersTo } from '../../diff/type-names.js';
import { relationId } from '../../model/ids.js';
import { defaultMultirangeName } from '../../model/naming.js';
import type { RangeType } from '../../model/types.js';
import { commentQualified } from '../../sql/ident.js';
import { hazard, place, shareHazards, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname, type ConstructorArg, type Op } from '../ops.js';
import { commentStep } from './comments.js';
import { columnsUsing, rebuildThroughTemporaryType, temporaryName, type TypeUser } from './type-rebuild.js';

const nameOf = (r: RangeType) => qname(r.schema, r.name);
const multirangeOf = (r: RangeType): string => r.multirangeName ?? defaultMultirangeName(r.name);

/** After the functions it calls and before the tables, functions and domains over it. */
export function createRangeType(change: CreateChange<'range-type'>): Placed[] {
  const r = change.to;
  return [
    place('create-ranges', change, op('create-range-type', { range: r }), { reverse: op('drop-range-type', { range: nameOf(r) }) }),
    ...commentStep(change, { on: 'type', object: nameOf(r) }, null, r.comment),
  ];
}

/** Its multirange, arrays and constructors go with it; what is over it went before (slots.ts). */
export function dropRangeType(change: DropChange<'range-type'>): Placed[] {
  return [place('drop-ranges', change, op('drop-range-type', { range: nameOf(change.from) }), { reverse: null })];
}

/**
 * The constructors the server made for a range and its multirange, named after the types when they
 * were made; ALTER TYPE … RENAME leaves them behind, so they are renamed after the types (`from` →
 * `to`, which name the types as they now are).
 */
function constructorRenames(r: RangeType, from: { range: string; multirange: string }, to: { range: string; multirange: string }): Op[] {
  const arg = (type: string, variadic = false): ConstructorArg => ({ type, variadic });
  const range = `${r.schema}.${to.range}`;
  const rename = (name: string, args: ConstructorArg[], newName: string): Op =>
    op('rename-range-constructor', { routine: qname(r.schema, name), args, newName });
  const out: Op[] = [];
  if (from.range !== to.range) {
    out.push(rename(from.range, [arg(r.subtype), arg(r.subtype)], to.range));
    out.push(rename(from.range, [arg(r.subtype), arg(r.subtype), arg('text')], to.range));
  }
  if (from.multirange !== to.multirange) {
    out.push(rename(from.multirange, [], to.multirange));
    out.push(rename(from.multirange, [arg(range)], to.multirange));
    out.push(rename(from.multirange, [arg(`${range}[]`, true)], to.multirange));
  }
  return out;
}

/** Only the multirange's name changes: ALTER TYPE renames it in place, and its constructors follow. */
function renameMultirange(change: AlterChange<'range-type'>): Placed[] {
  const { from, to } = change;
  const [was, next] = [multirangeOf(from), multirangeOf(to)];
  if (was === next) return [];
  const names = (multirange: string) => ({ range: to.name, multirange });
  const breaks = hazard('breaking', 'medium', `code that names multirange type ${commentQualified(to.schema, was)} or calls its constructor fails once it is renamed to ${commentQualified(next)}`);
  const forward = [op('rename-range-type', { type: qname(to.schema, was), newName: next }), ...constructorRenames(to, names(was), names(next))];
  const backward = [op('rename-range-type', { type: qname(to.schema, next), newName: was }), ...constructorRenames(to, names(next), names(was))];
  return forward.map((o, i) => place('create-ranges', change, o, { hazards: [breaks], reverse: backward[i]! }));
}

/**
 * CREATE TYPE … AS RANGE cannot be altered but for names and its comment. Unused, the range is
 * dropped and created again. Used by columns, it is rebuilt through a temporary type (type-rebuild.ts),
 * its multirange's columns along, and the temporary names (types and constructors) then become the
 * real ones. It runs in expand: functions and views over the range, dropped just before (diff/dependents.ts),
 * come back over the new one after it.
 */
function rebuildRange(change: AlterChange<'range-type'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  const comment = commentStep(change, { on: 'type', object: nameOf(to) }, null, to.comment, 'create-ranges');
  const multi = multirangeOf(to);
  const temp = temporaryName(to.name);
  const tempMulti = temporaryName(multi);
  const oldNames = [from.name, multirangeOf(from)];
  // Only columns that exist now and hold the range or its multirange: new ones are made over the new range
  // later, and a column whose type changes to it is retyped by its own change.
  const holdsOld = (u: TypeUser): boolean => ctx.from.table.get(relationId('table', u.table.schema, u.table.name))?.columns
    .some((c) => c.name === u.column.name && oldNames.some((n) => refersTo(c.type, from.schema, n) !== null)) === true;
  const multiUsers = [...new Set([multirangeOf(from), multi])].flatMap((n) => columnsUsing(ctx, from.schema, n));
  const users = [
    ...columnsUsing(ctx, from.schema, from.name),
    ...multiUsers.map((u) => ({ ...u, temp: tempMulti })),
  ].filter(holdsOld);
  if (users.length === 0) {
    return [
      place('create-ranges', change, op('drop-range-type', { range: nameOf(from) }), { reverse: null }),
      place('create-ranges', change, op('create-range-type', { range: to }), { reverse: null }),
      ...comment,
    ];
  }
  const what = `range type ${commentQualified(to.schema, to.name)}`;
  const danger = hazard('data-loss', 'high', `${what} is created again over ${to.subtype}: values of its columns that the new range does not accept make the migration fail`);
  const rewrite = hazard('rewrite', 'high', `columns of ${what} (and of its multirange) are rewritten under ACCESS EXCLUSIVE`);
  const steps = rebuildThroughTemporaryType({
    slot: 'create-ranges',
    change,
    schema: to.schema,
    temp,
    users,
    create: op('create-range-type', { range: { ...to, name: temp, multirangeName: tempMulti } }),
    dropOld: op('drop-range-type', { range: nameOf(from) }),
    rename: op('rename-range-type', { type: qname(to.schema, temp), newName: to.name }),
    after: [
      op('rename-range-type', { type: qname(to.schema, tempMulti), newName: multi }),
      ...constructorRenames(to, { range: temp, multirange: tempMulti }, { range: to.name, multirange: multi }),
    ],
    danger,
    rewrite,
  });
  return [...shareHazards(steps), ...comment];
}

export function alterRangeType(change: AlterChange<'range-type'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  if (rangeNeedsRebuild(change.fields)) return rebuildRange(change, ctx);
  return [...renameMultirange(change), ...commentStep(change, { on: 'type', object: nameOf(to) }, from.comment, to.comment)];
}
