import type { ColumnAlter } from '../diff/change.js';
import { objectId } from '../model/ids.js';
import type { ForeignKeyConstraint } from '../model/types.js';
import { columnKey, type ChangeFacts } from './facts.js';
import { classifyTypeChange } from './type-change.js';

/** A foreign key dropped before a type change of one of its columns (either side) and added again after it. */
export interface RefreshedKey {
  readonly fk: ForeignKeyConstraint;
  /** The key as it is now. */
  readonly current: ForeignKeyConstraint;
  /** The first retype of its columns found: where the steps are attributed, and whether they wait for contract. */
  readonly source: ColumnAlter;
}

/** The change behind the first of the key's columns (either side) found in `changed`, by `columnKey`. */
export function touchingColumn<C>(fk: ForeignKeyConstraint, changed: ReadonlyMap<string, C>): C | undefined {
  for (const col of fk.columns) {
    const hit = changed.get(columnKey(fk.schema, fk.table, col));
    if (hit) return hit;
  }
  const ref = fk.references;
  for (const col of ref.columns) {
    const hit = changed.get(columnKey(ref.schema, ref.table, col));
    if (hit) return hit;
  }
  return undefined;
}

/**
 * A foreign key whose columns change type beyond a relabel (on either side) cannot stay while the two
 * sides are altered one after the other: between the statements the types no longer match. Those
 * that stay (not created again by the diff) are refreshed, in the desired model's order.
 */
export function refreshedKeys(f: ChangeFacts): readonly RefreshedKey[] {
  const retyped = new Map<string, ColumnAlter>();
  for (const c of f.retypes) {
    if (!c.fields.includes('type') || classifyTypeChange(c.from.type, c.to.type) === 'binary') continue;
    retyped.set(columnKey(c.table.schema, c.table.name, c.to.name), c);
  }
  if (retyped.size === 0) return [];
  const out: RefreshedKey[] = [];
  for (const fk of f.to.constraint.values()) {
    if (fk.type !== 'foreign-key' || f.createdConstraints.has(objectId(fk))) continue;
    const current = f.from.constraint.get(objectId(fk));
    if (current === undefined || current.type !== 'foreign-key') continue;
    const source = touchingColumn(fk, retyped);
    if (source !== undefined) out.push({ fk, current, source });
  }
  return out;
}
