import { objectId } from './ids.js';
import { parentOf, schemaOf } from './kinds.js';
import { allObjects, buildModel } from './model.js';
import type { DbObject, Model } from './types.js';
import { unmanagedId, type UnmanagedObject } from './unmanaged.js';

/** `*` matches any text (dots included); everything else is literal. */
function patternRegex(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${escaped}$`);
}

/**
 * The objects pgtide manages: those whose id matches no ignore pattern, and whose parent (the registry's
 * `parentOf`: the table of a constraint, index, trigger or policy; the object of a privilege) is not
 * ignored either, so that an ignored table takes everything on it out of scope.
 */
export function inScope(objects: readonly DbObject[], ignore: readonly string[]): DbObject[] {
  if (ignore.length === 0) return [...objects];
  const patterns = ignore.map(patternRegex);
  const ignored = (id: string): boolean => patterns.some((p) => p.test(id));
  const views = new Set(objects.filter((o) => o.kind === 'view').map(objectId));
  const parentId = (schema: string, table: string): string =>
    views.has(`view:${schema}.${table}`) ? `view:${schema}.${table}` : `table:${schema}.${table}`;
  return objects.filter((o) => {
    if (ignored(objectId(o))) return false;
    const parent = parentOf(o);
    if (parent === null) return true;
    switch (parent.on) {
      case 'relation':
        return !ignored(parentId(parent.schema, parent.table));
      case 'objects':
        return !parent.ids.some(ignored);
      default: {
        const never: never = parent;
        throw new Error(`inScope: unknown parent ${JSON.stringify(never)}`);
      }
    }
  });
}

/**
 * A model restricted to the config's `schemas` and `ignore`, in memory: the same objects introspection
 * reads with those options. A desired schema is normalized in a scratch database that has more
 * (schema public, at least), and must be compared with a live one read in the same scope.
 */
export function scopeModel(model: Model, scope: { readonly schemas?: readonly string[] | undefined; readonly ignore?: readonly string[] | undefined }): Model {
  if (scope.schemas === undefined && (scope.ignore === undefined || scope.ignore.length === 0)) return model;
  const schemas = scope.schemas === undefined ? null : new Set(scope.schemas);
  const objects = allObjects(model).filter((o) => schemas === null || schemas.has(schemaOf(o)));
  const scoped = buildModel(inScope(objects, scope.ignore ?? []));
  return model.notNullNames === false ? { ...scoped, notNullNames: false } : scoped;
}

/**
 * The unmanaged objects in the config's scope: the same `ignore` patterns, matched against their ids
 * (`operator:public.===(integer, integer)`) and the table or view they live on, so that silencing the note about
 * one object, or ignoring a table, works as it does for managed objects.
 */
export function unmanagedInScope(objects: readonly UnmanagedObject[], ignore: readonly string[]): UnmanagedObject[] {
  if (ignore.length === 0) return [...objects];
  const patterns = ignore.map(patternRegex);
  const ignored = (id: string): boolean => patterns.some((p) => p.test(id));
  return objects.filter((o) => !ignored(unmanagedId(o)) && (o.parent === null || !ignored(o.parent)));
}
