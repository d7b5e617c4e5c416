import type { ColumnAlter } from '../diff/change.js';
import { columnId, relationId } from '../model/ids.js';
import type { Column, Table } from '../model/types.js';
import { mentionsIdentifier } from '../util/sql-lexer.js';
import { fromName, tableKey, type ChangeFacts } from './facts.js';
import { classifyTypeChange } from './type-change.js';

/**
 * A stored generated column depends on the columns its expression reads: PostgreSQL computes it
 * against their current types, and refuses to retype them while it exists. So a generated column
 * made by the plan comes after every retype of the columns it reads, and one that exists and stays
 * is dropped before such a retype and added again after it (computed, so nothing is lost).
 */

/** Where a generated column is added (again): in expand after the retypes, or in contract after a late one. */
export type GeneratedSlot = 'generated-columns' | 'readd-columns';

/** A retype and whether it runs in contract (a lossy change, or the online swap) rather than in expand's 'columns'. */
export interface Retype {
  readonly change: ColumnAlter;
  readonly late: boolean;
}

/** What the planner does about generated columns and retypes, table by table, in this order. */
export type GeneratedItem =
  /** A generated column that stays, dropped before the first retype it reads and added again after the last. */
  | { readonly kind: 'regenerate'; readonly table: Table; readonly column: Column; readonly reads: readonly Retype[] }
  /** An old generated column that goes anyway but reads a column expand retypes: DROP EXPRESSION first. */
  | { readonly kind: 'release'; readonly table: Table; readonly column: string; readonly source: ColumnAlter };

export interface GeneratedFacts {
  /** Generated columns the plan adds (by desired id) that must wait for a retype: the slot they are added in. */
  readonly addSlots: ReadonlyMap<string, GeneratedSlot>;
  /** Generated columns that stay but are dropped and added again, with the slot of the re-add (which carries their own changes). */
  readonly regenerated: ReadonlyMap<string, GeneratedSlot>;
  readonly items: readonly GeneratedItem[];
  /** Tables (by `tableKey`) whose generated columns wait for the contract phase. */
  readonly lateTables: ReadonlySet<string>;
}

/** The retypes whose column (by its name on that side) the expression reads, through the lexer. */
function readBy(expression: string, retypes: readonly Retype[], side: 'from' | 'to'): Retype[] {
  return retypes.filter((r) => mentionsIdentifier(expression, r.change[side].name));
}

/** Decided before the strategies run: a generated column moved to contract defers its table's indexes, constraints and views. */
export function generatedFacts(f: ChangeFacts, online: ReadonlySet<string>): GeneratedFacts {
  const byTable = new Map<string, { table: Table; retypes: Retype[] }>();
  for (const change of f.retypes) {
    const k = tableKey(change.table.schema, change.table.name);
    const entry = byTable.get(k) ?? { table: change.table, retypes: [] };
    const late = classifyTypeChange(change.from.type, change.to.type) === 'lossy' || online.has(change.id);
    entry.retypes.push({ change, late });
    byTable.set(k, entry);
  }
  const addSlots = new Map<string, GeneratedSlot>();
  const regenerated = new Map<string, GeneratedSlot>();
  const items: GeneratedItem[] = [];
  const lateTables = new Set<string>();
  for (const { table, retypes } of byTable.values()) {
    const before = f.from.table.get(relationId('table', table.schema, fromName(f, table)));
    if (before === undefined) continue;
    for (const g of table.columns) {
      if (g.generated === null) continue;
      const reads = readBy(g.generated, retypes, 'to');
      if (reads.length === 0) continue;
      const late = reads.some((r) => r.late);
      const id = columnId(table.schema, table.name, g.name);
      // renamed in expand's 'renames', before any of this runs: dropped and added again under its new name
      const oldName = f.columnRenames.get(id)?.from.name ?? g.name;
      const old = before.columns.find((c) => c.name === oldName);
      if (old !== undefined && old.generated === g.generated && !f.recreatedColumns.has(id)) {
        regenerated.set(id, late ? 'readd-columns' : 'generated-columns');
        items.push({ kind: 'regenerate', table, column: g, reads });
      } else {
        addSlots.set(id, late ? 'readd-columns' : 'generated-columns');
      }
      if (late) lateTables.add(tableKey(table.schema, table.name));
    }
    items.push(...releaseGoing(table, before, retypes, f));
  }
  return { addSlots, regenerated, items, lateTables };
}

/**
 * An old generated column that is dropped (or re-created) in contract still reads its columns when
 * expand retypes one: DROP EXPRESSION lets go of them first, and keeps its values for the old
 * application version until the drop.
 */
function releaseGoing(table: Table, before: Table, retypes: readonly Retype[], f: ChangeFacts): GeneratedItem[] {
  const out: GeneratedItem[] = [];
  for (const old of before.columns) {
    if (old.generated === null) continue;
    const goes = !table.columns.some((c) => c.name === old.name) || f.recreatedColumns.has(columnId(table.schema, table.name, old.name));
    if (!goes) continue;
    const early = readBy(old.generated, retypes, 'from').find((r) => !r.late);
    if (early === undefined) continue;
    out.push({ kind: 'release', table, column: old.name, source: early.change });
  }
  return out;
}
