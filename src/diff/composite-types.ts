import { objectId } from '../model/ids.js';
import type { CompositeAttribute, CompositeType, Model, ObjectId } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldRules } from './guard.js';
import { diffObjects } from './objects.js';
import type { RenameContext } from './renames.js';
import { parseTypeRef } from './type-names.js';

/**
 * Attributes are added, dropped, retyped and commented with ALTER TYPE in place; when that cannot
 * reach the new form (another order), the plan rebuilds the type (plan/strategies/composite-types.ts).
 * Either way the change stays one alter, so that the columns of the type are never left without it.
 */
export const COMPOSITE_TYPE_RULES: FieldRules<CompositeType> = { attributes: 'alter', comment: 'alter' };

/**
 * True when dropping the attributes that go and adding the new ones at the end (all ALTER TYPE can
 * do) gives the new order. A row value is positional, so any other order is another type.
 */
export function attributeOrderReachable(from: CompositeType, to: CompositeType): boolean {
  const names = new Set(from.attributes.map((a) => a.name));
  const kept = from.attributes.filter((a) => to.attributes.some((b) => b.name === a.name)).map((a) => a.name);
  const added = to.attributes.filter((b) => !names.has(b.name)).map((b) => b.name);
  const reached = [...kept, ...added];
  return reached.length === to.attributes.length && reached.every((n, i) => n === to.attributes[i]!.name);
}

/** Attributes kept under the same name whose type or collation changes (ALTER ATTRIBUTE … TYPE). */
export function retypedAttributes(from: CompositeType, to: CompositeType): readonly CompositeAttribute[] {
  return to.attributes.filter((b) => {
    const a = from.attributes.find((x) => x.name === b.name);
    return a !== undefined && (a.type !== b.type || a.collation !== b.collation);
  });
}

/**
 * True when the stored values of the type's columns change form: an attribute is retyped, or the
 * order changes. PostgreSQL refuses either while a table column uses the type (ALTER TYPE's
 * CASCADE reaches only typed tables), so such a type is rebuilt with its columns converted.
 */
export function compositeValuesChange(from: CompositeType, to: CompositeType): boolean {
  return !attributeOrderReachable(from, to) || retypedAttributes(from, to).length > 0;
}

/** Attributes (by name) that are dropped or change type, or all of them when the type is rebuilt for its order. */
export function attributesGone(from: CompositeType, to: CompositeType): readonly string[] {
  if (!attributeOrderReachable(from, to)) return from.attributes.map((a) => a.name);
  const dropped = from.attributes.filter((a) => !to.attributes.some((b) => b.name === a.name));
  return [...dropped, ...retypedAttributes(from, to)].map((a) => a.name);
}

/** The composite types among `types` that `t`'s attributes are typed with (or arrays of them). */
function usesOf(t: CompositeType, types: ReadonlyMap<ObjectId, CompositeType>): ObjectId[] {
  const out: ObjectId[] = [];
  for (const a of t.attributes) {
    const ref = parseTypeRef(a.type);
    const id = ref === null ? null : `composite-type:${ref.schema}.${ref.name}`;
    if (id !== null && id !== objectId(t) && types.has(id)) out.push(id);
  }
  return out;
}

/** The types in an order where each comes after the composite types its attributes use. */
function usedFirst(types: ReadonlyMap<ObjectId, CompositeType>): ObjectId[] {
  const order: ObjectId[] = [];
  const seen = new Set<ObjectId>();
  const visit = (id: ObjectId): void => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const used of usesOf(types.get(id)!, types)) visit(used);
    order.push(id);
  };
  for (const id of types.keys()) visit(id);
  return order;
}

/**
 * Composite types keep their diff order within a slot, so the creates are put where each follows
 * the composite types it uses (an attribute of another composite type), and the drops where each
 * goes before them.
 */
function inDependencyOrder(changes: readonly Change[], from: Model, to: Model): Change[] {
  const rank = (order: readonly ObjectId[]): Map<ObjectId, number> => new Map(order.map((id, i) => [id, i]));
  const createRank = rank(usedFirst(to['composite-type']));
  const dropRank = rank([...usedFirst(from['composite-type'])].reverse());
  const creates = changes.filter((c) => c.kind === 'composite-type.create').sort((a, b) => createRank.get(a.id)! - createRank.get(b.id)!);
  const drops = changes.filter((c) => c.kind === 'composite-type.drop').sort((a, b) => dropRank.get(a.id)! - dropRank.get(b.id)!);
  let c = 0;
  let d = 0;
  return changes.map((x) => (x.kind === 'composite-type.create' ? creates[c++]! : x.kind === 'composite-type.drop' ? drops[d++]! : x));
}

export function diffCompositeTypes(from: Model, to: Model, renames: RenameContext): readonly Change[] {
  // an attribute typed with a renamed enum follows the rename: ALTER TYPE … RENAME carries it along
  const project = (t: CompositeType): CompositeType => ({ ...t, attributes: t.attributes.map((a) => ({ ...a, type: renames.type(a.type) })) });
  const { changes } = diffObjects(from['composite-type'], to['composite-type'], {
    what: 'composite type',
    rules: COMPOSITE_TYPE_RULES,
    project,
    make: {
      create: (id, obj): Change => ({ kind: 'composite-type.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'composite-type.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'composite-type.alter', id, from: project(a), to: b, fields: fields as ComparedField<CompositeType>[],
      }),
    },
  });
  return inDependencyOrder(changes, from, to);
}
