import type { Change, ColumnAdd, ColumnAlter, ColumnDrop } from '../diff/change.js';
import { compareColumns } from '../diff/columns.js';
import { relationId } from '../model/ids.js';
import type { Column, Model, Table } from '../model/types.js';

/**
 * A column that moves from an INHERITS parent to its child: the parent drops it, the child (which
 * only inherited it, so its model did not list it) declares it as its own. ADD COLUMN on the child
 * fails while the inherited column is there, and dropping it from the parent first would take the
 * child's values with it. `ALTER TABLE ONLY parent DROP COLUMN` does neither: every child keeps its
 * copy, with its values, as a column of its own. Children that do not keep the column then drop it.
 */

const hasColumn = (t: Table, name: string): boolean => t.columns.some((c) => c.name === name);
const inheritsFrom = (t: Table, parent: Table): boolean =>
  (t.inherits ?? []).some((p) => p.schema === parent.schema && p.table === parent.name);
const tableIn = (model: Model, schema: string, name: string): Table | undefined =>
  model.table.get(relationId('table', schema, name));

/** The parent's column the child inherits now, when the parent drops it in this plan. */
function inheritedColumn(child: Table, column: string, models: { from: Model; to: Model }): Column | undefined {
  const before = tableIn(models.from, child.schema, child.name);
  if (before === undefined || hasColumn(before, column)) return undefined;
  for (const p of before.inherits ?? []) {
    const parent = tableIn(models.from, p.schema, p.table);
    const after = tableIn(models.to, p.schema, p.table);
    if (parent === undefined || after === undefined || hasColumn(after, column) || !inheritsFrom(child, parent)) continue;
    const col = parent.columns.find((c) => c.name === column);
    if (col !== undefined) return col;
  }
  return undefined;
}

/** The copy can stay only when ALTER can make it the desired column: same type, collation, expressions. */
function keepable(inherited: Column, wanted: Column): boolean {
  return inherited.type === wanted.type && inherited.collation === wanted.collation
    && inherited.generated === wanted.generated && (inherited.identity === null) === (wanted.identity === null);
}

/** 'keep': the inherited copy stays and becomes the child's own (through this alter); 'replace': added anew. */
export type InheritedAdd = { readonly kind: 'keep'; readonly alter: ColumnAlter } | { readonly kind: 'replace' };

/** A parent's column dropped ONLY, and the children whose copy must still go (not kept, or added anew). */
export interface InheritedDrop {
  readonly release: readonly Table[];
}

/**
 * For a column an INHERITS child gains that its parent drops: 'keep' when the inherited copy stays and
 * becomes the child's own, 'replace' when it is dropped with the parent's and added anew afterwards.
 */
function inheritedAdd(change: ColumnAdd, models: { from: Model; to: Model }): InheritedAdd | null {
  const inherited = inheritedColumn(change.table, change.to.name, models);
  if (inherited === undefined) return null;
  if (!keepable(inherited, change.to)) return { kind: 'replace' };
  // NOT NULL names are not carried over: the inherited copy's constraint is named after the parent.
  const { notNullName: _parents, ...from } = inherited;
  const fields = compareColumns('column', from, change.to).changed.filter((f) => f !== 'notNullName');
  return { kind: 'keep', alter: { kind: 'column.alter', id: change.id, table: change.table, from, to: change.to, fields } };
}

/**
 * How a parent's column drop treats its INHERITS children: null for a plain drop (no child keeps the
 * column); otherwise ONLY, and the children whose copy must still go (not kept, or added anew).
 */
function inheritedDrop(change: ColumnDrop, models: { from: Model; to: Model }): InheritedDrop | null {
  const parent = change.table;
  const column = change.from.name;
  const inherited = change.from;
  const release: Table[] = [];
  let kept = false;
  for (const before of models.from.table.values()) {
    if (!inheritsFrom(before, parent) || hasColumn(before, column)) continue;
    const after = tableIn(models.to, before.schema, before.name);
    if (after === undefined || !inheritsFrom(after, parent)) continue;
    const wanted = after.columns.find((c) => c.name === column);
    if (wanted !== undefined && keepable(inherited, wanted)) kept = true;
    else release.push(after);
  }
  return kept ? { release } : null;
}

/** Column adds and drops (by change id) that move a column between an INHERITS parent and its children. */
export function inheritedColumns(changes: readonly Change[], models: { from: Model; to: Model }): {
  readonly adds: ReadonlyMap<string, InheritedAdd>;
  readonly drops: ReadonlyMap<string, InheritedDrop>;
} {
  const adds = new Map<string, InheritedAdd>();
  const drops = new Map<string, InheritedDrop>();
  for (const change of changes) {
    if (change.kind === 'column.add') {
      const add = inheritedAdd(change, models);
      if (add !== null) adds.set(change.id, add);
    } else if (change.kind === 'column.drop') {
      const drop = inheritedDrop(change, models);
      if (drop !== null) drops.set(change.id, drop);
    }
  }
  return { adds, drops };
}
