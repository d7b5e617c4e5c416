import type { ColumnAlter, ColumnRename } from '../diff/change.js';
import { sameValue } from '../diff/guard.js';
import type { Column, Constraint, Index, Model } from '../model/types.js';
import { commentIdent } from '../sql/ident.js';
import { mentionsIdentifier } from '../util/sql-lexer.js';
import { fromName, inPlace, type ChangeFacts } from './facts.js';
import { classifyTypeChange, type TypeChangeMethod, type TypeChangeWay } from './type-change.js';

// Read through the lexer, not a pattern: a name with a quote in it is printed with the quote doubled.
const mentions = (text: string | null, column: string): boolean => text !== null && mentionsIdentifier(text, column);

/** A table by schema and name, on one side of the migration. */
export interface TableName {
  readonly schema: string;
  readonly name: string;
}

/**
 * Why a column cannot move to a shadow column online, or null when it can. Indexes and constraints
 * on it would be dropped with the old column; identity and generated columns cannot be copied by a
 * trigger. Those cases keep the direct strategy (flagged), rather than lose an index silently.
 */
export function shadowBlocker(model: Model, t: TableName, column: Column): string | null {
  if (column.identity !== null) return 'it is an identity column';
  if (column.generated !== null) return 'it is a generated column';
  const name = column.name;
  for (const i of model.index.values()) {
    if (i.schema === t.schema && i.table === t.name && indexUses(i, name)) return `index ${commentIdent(i.name)} uses it`;
  }
  for (const c of model.constraint.values()) {
    const own = c.schema === t.schema && c.table === t.name && constraintUses(c, name);
    const referenced = c.type === 'foreign-key' && c.references.schema === t.schema && c.references.table === t.name && c.references.columns.includes(name);
    if (own || referenced) return `constraint ${commentIdent(c.name)} uses it`;
  }
  return null;
}

/** Whether an index of the column's table uses it: as a key, in a key expression, INCLUDE or WHERE. */
export function indexUses(i: Index, name: string): boolean {
  return i.keys.some((k) => k.column === name || mentions(k.expression, name)) || i.include.includes(name) || mentions(i.where, name);
}

/** Whether a constraint of the column's table uses it (its own columns or expression; not what a foreign key references). */
export function constraintUses(c: Constraint, name: string): boolean {
  switch (c.type) {
    case 'check':
      return mentions(c.expression, name);
    case 'exclusion':
      return mentions(c.definition, name);
    default:
      return c.columns.includes(name);
  }
}

/**
 * How a type change runs. One that rewrites the table goes online (shadow column, sync trigger,
 * batched copy, swap in contract) unless the schema asks for `.strategy('direct')` or columnOrder is
 * 'exact' (inPlace), the column cannot be shadowed, or identity or generation change with it; then it
 * is a rewrite under ACCESS EXCLUSIVE, and `why` says what kept it from the shadow column.
 */
function typeChangeWay(change: ColumnAlter, f: ChangeFacts): TypeChangeWay {
  const { from, to } = change;
  const cls = classifyTypeChange(from.type, to.type);
  const way = (method: TypeChangeMethod, why: string | null): TypeChangeWay => Object.freeze({
    schema: change.table.schema, table: change.table.name, column: to.name, from: from.type, to: to.type, class: cls, method, why,
  });
  if (cls !== 'widening' && cls !== 'lossy') return way('in-place', null);
  if (to.strategy === 'direct') return way('rewrite', "the schema asks for .strategy('direct')");
  if (inPlace(f, to)) return way('rewrite', "columnOrder is 'exact': a shadow column would move the column to the end");
  const current = { schema: change.table.schema, name: fromName(f, change.table) };
  const blocker = shadowBlocker(f.from, current, from) ?? shadowBlocker(f.to, { schema: change.table.schema, name: change.table.name }, to);
  if (blocker !== null) return way('rewrite', blocker);
  if (!sameValue(from.identity, to.identity)) return way('rewrite', 'its identity changes too');
  if (from.generated !== to.generated) return way('rewrite', 'its generation expression changes too');
  return way('shadow', null);
}

/** How each column type change (by column.alter id) runs: only changes of the type itself, not of its collation alone. */
export function typeChangeWays(f: ChangeFacts): ReadonlyMap<string, TypeChangeWay> {
  const out = new Map<string, TypeChangeWay>();
  for (const change of f.retypes) if (change.fields.includes('type')) out.set(change.id, typeChangeWay(change, f));
  return out;
}

/** The column.alter ids whose type change goes through a shadow column. */
export function onlineRetypes(ways: ReadonlyMap<string, TypeChangeWay>): ReadonlySet<string> {
  return new Set([...ways].flatMap(([id, w]) => (w.method === 'shadow' ? [id] : [])));
}

/** How a hinted column rename runs. */
export interface RenameWay {
  /** A new column kept in sync, the old one dropped in contract (rather than RENAME COLUMN). */
  readonly online: boolean;
  /** Why it cannot go online though asked to (null: it goes online, or `direct` was asked for). */
  readonly blocker: string | null;
}

/**
 * A hinted rename is online unless it is asked to be in place; one that also changes the column (its
 * type, say) is renamed in place, and the alter follows; so is a column the online way cannot carry.
 */
function renameWay(change: ColumnRename, f: ChangeFacts): RenameWay {
  if (inPlace(f, change.to)) return { online: false, blocker: null };
  const blocker = f.alteredColumns.has(change.id)
    ? 'the column changes in other ways too'
    : shadowBlocker(f.from, { schema: change.table.schema, name: fromName(f, change.table) }, change.from);
  return { online: blocker === null, blocker };
}

/** Every hinted column rename (by the column's desired id) and the way it runs. */
export function renameWays(f: ChangeFacts): ReadonlyMap<string, RenameWay> {
  const out = new Map<string, RenameWay>();
  for (const [id, change] of f.columnRenames) out.set(id, renameWay(change, f));
  return out;
}
