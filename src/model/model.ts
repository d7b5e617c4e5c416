import { objectId } from './ids.js';
import { KINDS, type DbObject, type Kind, type Model, type ObjectId, type ObjectOf } from './types.js';

type MutableModel = { [K in Kind]: Map<ObjectId, ObjectOf<K>> };

function emptyMutable(): MutableModel {
  return {
    schema: new Map(),
    extension: new Map(),
    enum: new Map(),
    sequence: new Map(),
    table: new Map(),
    constraint: new Map(),
    index: new Map(),
    view: new Map(),
    function: new Map(),
    trigger: new Map(),
    policy: new Map(),
    privilege: new Map(),
    collation: new Map(),
    domain: new Map(),
    'composite-type': new Map(),
    'default-privileges': new Map(),
    'event-trigger': new Map(),
    statistics: new Map(),
    rule: new Map(),
    'range-type': new Map(),
    aggregate: new Map(),
    publication: new Map(),
  };
}

export function emptyModel(): Model {
  return emptyMutable();
}

/**
 * Builds a model from a flat list of objects. Collections are sorted by id so that iteration order,
 * and therefore every output derived from a model, is deterministic whatever the source order.
 * Throws on a duplicate id: callers (DSL, introspection) report duplicates with context first.
 */
export function buildModel(objects: Iterable<DbObject>): Model {
  const byKind = new Map<Kind, DbObject[]>();
  for (const obj of objects) {
    const list = byKind.get(obj.kind) ?? [];
    list.push(obj);
    byKind.set(obj.kind, list);
  }
  const model = emptyMutable();
  for (const kind of KINDS) {
    const list = (byKind.get(kind) ?? []).map((o) => [objectId(o), o] as const);
    list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const target = model[kind] as Map<ObjectId, DbObject>;
    for (const [id, obj] of list) {
      if (target.has(id)) throw new Error(`duplicate object id ${id}`);
      target.set(id, Object.freeze(obj));
    }
  }
  return model;
}

export function allObjects(model: Model): DbObject[] {
  const out: DbObject[] = [];
  for (const kind of KINDS) for (const obj of model[kind].values()) out.push(obj);
  return out;
}

export function objectCount(model: Model): number {
  let n = 0;
  for (const kind of KINDS) n += model[kind].size;
  return n;
}
