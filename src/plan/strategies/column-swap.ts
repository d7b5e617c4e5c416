import type { ColumnAlter, ColumnRename } from '../../diff/change.js';
import { restoreChildDefaults } from './inherited-defaults.js';
import type { Column, Model } from '../../model/types.js';
import { hazard, place, shareHazards, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { helperName, SHADOW_COLUMN_SUFFIX } from '../names.js';
import { columnDef, op, qname, type QName, type SyncMode, type SyncValue } from '../ops.js';
import type { Hazard } from '../step.js';
import { defaultConversion, zoneDependent } from '../../resolve/type-change.js';
import { rejectsValues } from '../narrowing.js';
import { onlineSetNotNull } from './not-null.js';
import { commentIdent } from '../../sql/ident.js';

interface Shadow {
  readonly source: ColumnRename | ColumnAlter;
  readonly t: QName;
  /** The column that holds the data now. */
  readonly old: string;
  /** The column the data moves to (the new name, or a temporary one that takes the old name in contract). */
  readonly shadow: string;
  readonly to: Column;
  readonly value: SyncValue;
  /** Renames: both application versions write, so the trigger copies both ways. */
  readonly mode: SyncMode;
  /** A type change: the shadow column is renamed to the old name once the old column is dropped. */
  readonly swapTo: string | null;
  readonly hazards: readonly Hazard[];
  readonly batchSize: number;
  /**
   * Sequences the desired schema has OWNED BY the column (a serial's). DROP COLUMN would drop them
   * along with the old column, and the default that names them would then fail: their ownership
   * moves to the shadow column first, so they keep their current value.
   */
  readonly ownedSequences: readonly QName[];
  /** The conversion reads the session's TimeZone: the trigger converts under the migration's. */
  readonly pinTimeZone: boolean;
}

/**
 * The shared online sequence: expand adds the shadow column (nullable, no default, so the trigger
 * can tell who wrote it) and a sync trigger; migrate copies existing rows in batches; contract drops
 * the trigger and the old column, gives the shadow its final name, default and NOT NULL (online).
 */
function shadowSteps(s: Shadow): Placed[] {
  const { source, t, to } = s;
  const trigger = helperName(`${t.name}_${s.shadow}`, '__pgtide_sync');
  const shadowDef = columnDef({ ...to, name: s.shadow, notNull: false, default: null, identity: null, generated: null, comment: null });
  const finalName = s.swapTo ?? s.shadow;
  const out: Placed[] = [
    place('columns', source, op('add-column', { table: t, column: shadowDef }), { reverse: op('drop-column', { table: t, column: s.shadow }) }),
    place('columns', source, op('create-sync-trigger', { table: t, name: trigger, source: s.old, target: s.shadow, value: s.value, mode: s.mode, pinTimeZone: s.pinTimeZone }), {
      reverse: op('drop-sync-trigger', { table: t, name: trigger }),
    }),
    place('backfills', source, op('backfill-copy', { table: t, source: s.old, target: s.shadow, value: s.value, batchSize: s.batchSize }), {
      lock: 'ROW EXCLUSIVE', batch: { size: s.batchSize, table: t }, reverse: null,
    }),
    place('contract-columns', source, op('drop-sync-trigger', { table: t, name: trigger }), { reverse: null }),
    ...s.ownedSequences.map((sequence) => place('contract-columns', source,
      op('set-sequence-owner', { sequence, owner: { schema: t.schema, table: t.name, column: s.shadow } }), { reverse: null })),
    place('contract-columns', source, op('drop-column', { table: t, column: s.old }), {
      hazards: [hazard('breaking', 'low', `column ${commentIdent(s.old)} goes (its values live on in ${commentIdent(finalName)}): the old application version must be gone`)],
      reverse: null,
    }),
  ];
  if (s.swapTo !== null) {
    out.push(place('contract-columns', source, op('rename-column', { table: t, column: s.shadow, newName: s.swapTo }), { reverse: null }));
  }
  if (to.default !== null) {
    out.push(place('contract-columns', source, op('set-default', { table: t, column: finalName, value: to.default }), { reverse: null }));
  }
  if (to.notNull) out.push(...onlineSetNotNull(source, t, finalName, 'contract-columns', to.notNullName));
  const withShared = s.hazards.length === 0 ? out : out.map((p, i) => (i === 0
    ? { slot: p.slot, step: Object.freeze({ ...p.step, hazards: Object.freeze([...p.step.hazards, ...s.hazards]) }) }
    : p));
  return shareHazards(withShared);
}

/** Rename a column online: a new column kept in sync both ways, then the old one dropped. */
export function renameColumnOnline(change: ColumnRename, ctx: PlanContext): Placed[] {
  const t = qname(change.table.schema, change.table.name);
  return shadowSteps({
    source: change, t, old: change.from.name, shadow: change.to.name, to: change.to, value: { kind: 'copy' }, mode: 'both',
    swapTo: null, hazards: [], batchSize: ctx.options.batchSize,
    // The diff reads a sequence OWNED BY the old column as owned by the new one (the rename carries
    // it), so nothing in expand moves its ownership: it moves here, before the old column is dropped.
    ownedSequences: ownedBy(ctx.to, t, change.to.name), pinTimeZone: false,
  });
}

/**
 * The sequences owned by a column in the model. In the desired model these are what the column owns
 * once expand has run: 'sequence-owners' (expand) moved any ownership that changes, and created any
 * new sequence, with OWNED BY the column under its new name.
 */
function ownedBy(model: Model, t: QName, column: string): QName[] {
  return [...model.sequence.values()].flatMap((s) => (s.schema === t.schema && s.ownedBy !== null
    && s.ownedBy.table === t.name && s.ownedBy.column === column ? [qname(s.schema, s.name)] : []));
}

/**
 * A conversion between a zoned and another type (timestamp ↔ timestamptz…) without the schema's
 * USING reads the TimeZone of the session that converts: the values depend on it, so it is said.
 */
export function timeZoneHazard(from: Column, to: Column): Hazard | null {
  if (to.using !== undefined || !zoneDependent(from.type, to.type)) return null;
  const col = commentIdent(to.name);
  const timestamps = [from.type, to.type].every((type) => /^timestamp\b/.test(type));
  const pin = timestamps ? `.using(sql\`${col} AT TIME ZONE 'UTC'\`)` : '.using(sql`…`) with AT TIME ZONE';
  return hazard('data-loss', 'medium',
    `type change ${col}: ${from.type} → ${to.type} converts in the TimeZone of the session that runs the migration `
    + `(SHOW TimeZone; the sync trigger keeps the one expand ran in): the same value becomes another one under another zone. `
    + `To name the zone, give the column ${pin}`);
}

/**
 * Change a column's type online: a shadow column of the new type filled by a trigger and a batched
 * copy (the schema's USING expression, else a cast), swapped in during contract.
 */
export function retypeColumnOnline(change: ColumnAlter, lossy: boolean, ctx: PlanContext): Placed[] {
  const t = qname(change.table.schema, change.table.name);
  const { from, to } = change;
  const value: SyncValue = to.using !== undefined
    ? { kind: 'sql', text: to.using }
    : { kind: 'cast', type: to.type, using: defaultConversion(`${t.schema}.${t.name}`, to.name, from.type, to.type) };
  const hazards = lossy
    ? [hazard('data-loss', 'high', `type change ${commentIdent(to.name)}: ${from.type} → ${to.type}: values that do not convert fail the copy or change`)]
    : [];
  const zone = timeZoneHazard(from, to);
  if (zone !== null) hazards.push(zone);
  if (rejectsValues(from.type, to.type)) {
    // The trigger converts every row the old application version writes from expand on.
    const by = to.using === undefined ? '' : ' (the schema\'s USING expression decides which)';
    hazards.push(hazard('breaking', 'high',
      `type change ${to.name}: ${from.type} → ${to.type} is not backward compatible: from expand until contract, the running application's `
      + `inserts and updates of ${to.name} fail on values ${to.type} cannot hold${by}, as the sync trigger converts them`));
  }
  return [
    ...shadowSteps({
      // By the time the shadow is added, expand's renames ran: the column already has its new name.
      source: change, t, old: to.name, shadow: helperName(to.name, SHADOW_COLUMN_SUFFIX), to, value, mode: 'derive',
      swapTo: to.name, hazards, batchSize: ctx.options.batchSize, ownedSequences: ownedBy(ctx.to, t, to.name),
      pinTimeZone: zoneDependent(from.type, to.type),
    }),
    // The shadow reached the INHERITS children without a default, and the swap's SET DEFAULT then gave them the parent's.
    ...restoreChildDefaults(change, change.table, to.name, ctx, 'contract-columns'),
  ];
}
