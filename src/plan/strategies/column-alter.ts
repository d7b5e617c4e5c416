import type { ColumnAlter } from '../../diff/change.js';
import { sameValue } from '../../diff/guard.js';
import type { Column } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import { op, qname, type QName } from '../ops.js';
import type { Slot } from '../slots.js';
import { castForm, classifyTypeChange, defaultConversion, type TypeChangeClass } from '../../resolve/type-change.js';
import type { PlanContext } from '../context.js';
import { retypeColumnOnline, timeZoneHazard } from './column-swap.js';
import { backfillSteps } from './backfill.js';
import { nameNotNull, onlineSetNotNull } from './not-null.js';
import { defaultNotNullName, effectiveNotNullName } from '../../model/not-null.js';
import { changedOptions } from './sequences.js';
import { relationId } from '../../model/ids.js';
import { commentStep } from './comments.js';
import { restoreChildDefaults } from './inherited-defaults.js';
import { commentIdent, commentQualified } from '../../sql/ident.js';

interface AlterCtx {
  readonly change: ColumnAlter;
  readonly t: QName;
  readonly name: string;
  /** Where the column's structural steps go: contract when the type change may lose data. */
  readonly slot: Slot;
  readonly out: Placed[];
}

function typeHazards(cls: TypeChangeClass, from: Column, to: Column) {
  const zone = timeZoneHazard(from, to);
  return zone === null ? classHazards(cls, from, to) : [...classHazards(cls, from, to), zone];
}

function classHazards(cls: TypeChangeClass, from: Column, to: Column) {
  const what = `${commentIdent(from.name)}: ${from.type} → ${to.type}`;
  switch (cls) {
    case 'same':
    case 'binary':
      return [];
    case 'widening':
      return [hazard('rewrite', 'high', `type change ${what} rewrites the table under ACCESS EXCLUSIVE`)];
    case 'lossy':
      return [
        hazard('rewrite', 'high', `type change ${what} rewrites the table under ACCESS EXCLUSIVE`),
        hazard('data-loss', 'high', `type change ${what}: values that do not convert fail or change`),
      ];
    default: {
      const never: never = cls;
      throw new Error(`plan: unknown type change class ${String(never)}`);
    }
  }
}

/** Identity and generation removal come first: they block DROP NOT NULL and default changes. */
function loosen(a: AlterCtx): void {
  const { change, t, name } = a;
  const { from, to } = change;
  if (from.identity !== null && to.identity === null) {
    a.out.push(place(a.slot, change, op('drop-identity', { table: t, column: name }), {
      reverse: op('add-identity', { table: t, column: name, generation: from.identity.generation, options: from.identity.options }),
    }));
  }
  if (from.generated !== null && to.generated === null) {
    const slot = a.slot === 'contract-columns' ? 'drop-generated-columns' : 'drop-expressions';
    a.out.push(place(slot, change, op('drop-expression', { table: t, column: name }), { reverse: null }));
  }
  if (from.notNull && !to.notNull) {
    a.out.push(place(a.slot, change, op('drop-not-null', { table: t, column: name }), {
      reverse: op('set-not-null', { table: t, column: name }),
    }));
  }
}

/** Type (and collation) change; the default is dropped around it because it is typed too. */
function retype(a: AlterCtx, cls: TypeChangeClass): boolean {
  const { change, t, name } = a;
  const { from, to } = change;
  const typeChanged = change.fields.includes('type') || change.fields.includes('collation');
  const defaultChanged = change.fields.includes('default');
  const dropDefault = from.default !== null && (defaultChanged || typeChanged);
  if (dropDefault) {
    a.out.push(place(a.slot, change, op('drop-default', { table: t, column: name }), {
      reverse: op('set-default', { table: t, column: name, value: from.default! }),
    }));
  }
  if (typeChanged) {
    const using = cls === 'binary' || cls === 'same' ? 'none'
      : to.using !== undefined ? { sql: to.using } : defaultConversion(`${t.schema}.${t.name}`, name, from.type, to.type);
    const back = cls === 'lossy' ? null : castForm(to.type, from.type);
    a.out.push(place(a.slot, change, op('alter-column-type', { table: t, column: name, type: to.type, collation: to.collation, using }), {
      hazards: typeHazards(cls, from, to),
      rewrites: cls === 'widening' || cls === 'lossy' ? 'rewrite' : 'none',
      reverse: back === null ? null
        : op('alter-column-type', { table: t, column: name, type: from.type, collation: from.collation, using: back }),
    }));
  }
  if (to.default !== null && (dropDefault || defaultChanged)) {
    const reverse = from.default === null ? op('drop-default', { table: t, column: name }) : null;
    a.out.push(place(a.slot, change, op('set-default', { table: t, column: name, value: to.default }), { reverse }));
  }
  return typeChanged;
}

function identity(a: AlterCtx): void {
  const { change, t, name } = a;
  const { from, to } = change;
  if (to.identity === null || sameValue(from.identity, to.identity)) return;
  if (from.identity === null) {
    // ADD … AS IDENTITY needs the column NOT NULL first.
    if (!from.notNull) a.out.push(place(a.slot, change, op('set-not-null', { table: t, column: name }), {
      hazards: [hazard('validation-scan', 'medium', `SET NOT NULL scans ${commentQualified(t.schema, t.name)}`)], rewrites: 'scan',
      reverse: op('drop-not-null', { table: t, column: name }),
    }));
    a.out.push(place(a.slot, change, op('add-identity', { table: t, column: name, generation: to.identity.generation, options: to.identity.options }), {
      reverse: op('drop-identity', { table: t, column: name }),
    }));
    return;
  }
  const { forward, backward } = changedOptions(from.identity.options, to.identity.options);
  const generation = from.identity.generation === to.identity.generation ? null : to.identity.generation;
  if (generation === null && Object.keys(forward).length === 0) return;
  a.out.push(place(a.slot, change, op('set-identity', { table: t, column: name, generation, options: forward }), {
    reverse: op('set-identity', { table: t, column: name, generation: generation === null ? null : from.identity.generation, options: backward }),
  }));
}

/**
 * SET NOT NULL tightens what the running application may write: contract, after any backfill, and
 * online (a validated check first), so the table is never scanned under ACCESS EXCLUSIVE.
 */
function tighten(a: AlterCtx, batchSize: number): void {
  const { change, t, name } = a;
  const { from, to } = change;
  if (!to.notNull || from.notNull || (to.identity !== null && from.identity === null)) return;
  if (to.backfill !== undefined) a.out.push(...backfillSteps(change, t, name, to.backfill, batchSize));
  a.out.push(...onlineSetNotNull(change, t, name, 'contract-columns', to.notNullName));
}

/**
 * A NOT NULL constraint that stays but has another name than wanted (PostgreSQL 18 keeps the name a
 * table or column rename leaves behind), or one that ADD IDENTITY's direct SET NOT NULL just made.
 * A new constraint of the online path is named there.
 */
function rename(a: AlterCtx, ctx: PlanContext): void {
  const { change, t, name } = a;
  const { from, to } = change;
  // Renamed online, the column is made anew, and its NOT NULL is named where it is made.
  if (!to.notNull || ctx.resolved.renames.get(change.id)?.online === true) return;
  const madeByIdentity = !from.notNull && to.identity !== null && from.identity === null;
  if (!from.notNull && !madeByIdentity) return;
  const target = effectiveNotNullName(t.name, to)!;
  const now = from.notNull ? effectiveNotNullName(ctx.fromName(change.table), from)! : defaultNotNullName(t.name, name);
  if (now !== target) {
    a.out.push(nameNotNull(change, t, name, target, from.notNull ? now : null, a.slot,
      inheritsNotNull(change, ctx) ? { referencedBy: keysToParent(change, ctx) } : null));
  }
}

/**
 * Whether the partition's NOT NULL may be inherited from its parent when it is renamed (the parent's
 * column is NOT NULL before or after), which PostgreSQL 18 renames only with the partition detached.
 */
/** Foreign keys (as they are now) that reference the partition's parent table. */
function keysToParent(change: ColumnAlter, ctx: PlanContext): string[] {
  const parent = change.table.partitionOf;
  if (parent === undefined) return [];
  return [...ctx.from.constraint.values()].flatMap((c) => (c.type === 'foreign-key' && c.references.schema === parent.schema
    && c.references.table === parent.table ? [commentQualified(c.schema, c.table, c.name)] : []));
}

function inheritsNotNull(change: ColumnAlter, ctx: PlanContext): boolean {
  const parent = change.table.partitionOf;
  if (parent === undefined) return false;
  const column = change.to.name;
  return [ctx.from, ctx.to].some((model) => model.table.get(relationId('table', parent.schema, parent.table))
    ?.columns.some((c) => c.name === column && c.notNull) === true);
}

export function alterColumn(change: ColumnAlter, ctx: PlanContext): Placed[] {
  // Dropped and added again in its desired form around a type change it reads (generated.ts).
  if (ctx.resolved.generated.regenerated.has(change.id)) return [];
  const t = qname(change.table.schema, change.table.name);
  const cls = classifyTypeChange(change.from.type, change.to.type);
  const comments = commentStep(change, { on: 'column', table: t, column: change.to.name }, change.from.comment, change.to.comment);
  if (ctx.resolved.onlineRetypes.has(change.id)) {
    // The shadow column that replaces this one in contract starts without a comment: set it there.
    const swapped = commentStep(change, { on: 'column', table: t, column: change.to.name }, null, change.to.comment, 'contract-comments');
    return [...retypeColumnOnline(change, cls === 'lossy', ctx), ...swapped];
  }
  const a: AlterCtx = { change, t, name: change.to.name, slot: cls === 'lossy' ? 'contract-columns' : 'columns', out: [] };
  // An attached partition compares only its constraint names (its columns are its parent's).
  if (change.fields.length === 1 && change.fields[0] === 'notNullName') {
    rename(a, ctx);
    return a.out;
  }
  loosen(a);
  retype(a, cls);
  // SET/DROP DEFAULT (also around a retype) reached the INHERITS children: give theirs back.
  if (a.out.some((s) => s.step.op.kind === 'set-default' || s.step.op.kind === 'drop-default')) {
    a.out.push(...restoreChildDefaults(change, change.table, change.to.name, ctx, a.slot));
  }
  identity(a);
  tighten(a, ctx.options.batchSize);
  rename(a, ctx);
  return [...a.out, ...comments];
}
