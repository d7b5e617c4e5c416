import type { Model } from '../model/types.js';
import { columnId, relationId, routineId, tableObjectId } from '../model/ids.js';
import type { Placed } from './build.js';
import type { OpOf } from './ops.js';
import { SHADOW_COLUMN_SUFFIX } from './names.js';
import { SLOT_PHASE, type Slot } from './slots.js';

/**
 * A database between the phases of a migration still holds what that migration's expand made for
 * an online strategy: the shadow column and the sync trigger with its function. The diff sees them
 * as objects the schema does not declare (dropped, some only in contract), while the same strategy
 * planned again creates them under the same names in expand: a plan that fails on its first
 * CREATE. Here the plan takes over what exists instead: a shadow column of the planned shape is kept
 * (its copied rows too), a sync function is replaced in place and its trigger kept, and the drops of
 * them go. A shadow column of another shape is dropped in expand, before it is added again.
 */
export function reuseLeftHelpers(placed: readonly Placed[], from: Model): Placed[] {
  const gone = new Set<Placed>();
  const replaced = new Map<Placed, Placed>();
  const dropsOf = (match: (p: Placed) => boolean): Placed[] => placed.filter((p) => !gone.has(p) && match(p));

  for (const p of placed) {
    const op = p.step.op;
    // Only a shadow column is a helper: any other column dropped and added again under its own name
    // (one that becomes generated, say) is real work of this plan.
    if (op.kind === 'add-column' && op.column.name.endsWith(SHADOW_COLUMN_SUFFIX)) {
      const existing = columnOf(from, op.table.schema, op.table.name, op.column.name);
      if (existing === null) continue;
      const drops = dropsOf((d) => d.step.source.kind === 'column.drop' && d.step.source.id === columnId(op.table.schema, op.table.name, op.column.name));
      if (drops.length === 0) continue;
      if (sameShape(existing, op.column)) {
        gone.add(p);
        for (const d of drops) gone.add(d);
      } else {
        for (const d of drops) replaced.set(d, moveTo('drop-expressions', d));
      }
    } else if (op.kind === 'create-sync-trigger') {
      const fnId = routineId(op.table.schema, op.name, '');
      if (!from.function.has(fnId)) continue;
      const triggerId = tableObjectId('trigger', op.table.schema, op.table.name, op.name);
      const hasTrigger = from.trigger.has(triggerId);
      for (const d of dropsOf((d) => d.step.source.kind === 'function.drop' && d.step.source.id === fnId)) gone.add(d);
      if (hasTrigger) for (const d of dropsOf((d) => d.step.source.kind === 'trigger.drop' && d.step.source.id === triggerId)) gone.add(d);
      const left: OpOf<'create-sync-trigger'> = Object.freeze({ ...op, left: hasTrigger ? 'function-and-trigger' : 'function' });
      // CREATE OR REPLACE FUNCTION alone locks no table.
      replaced.set(p, { slot: p.slot, step: Object.freeze({ ...p.step, op: left, lock: hasTrigger ? 'none' : p.step.lock }) });
    }
  }
  return placed.filter((p) => !gone.has(p)).map((p) => replaced.get(p) ?? p);
}

function columnOf(model: Model, schema: string, table: string, column: string) {
  return model.table.get(relationId('table', schema, table))?.columns.find((c) => c.name === column) ?? null;
}

/** The shadow column the strategy would add: nullable, no default, of the planned type. */
function sameShape(existing: NonNullable<ReturnType<typeof columnOf>>, planned: OpOf<'add-column'>['column']): boolean {
  return existing.type === planned.type && existing.collation === planned.collation && existing.notNull === planned.notNull
    && existing.default === null && planned.default === null && existing.identity === null && existing.generated === null
    && planned.generated === null;
}

function moveTo(slot: Slot, p: Placed): Placed {
  const phase = SLOT_PHASE.get(slot)!;
  return { slot, step: Object.freeze({ ...p.step, phase }) };
}
