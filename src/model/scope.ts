import { objectId } from './ids.js';
import type { DbObject } from './types.js';

/** `*` matches any text (dots included); everything else is literal. */
function patternRegex(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${escaped}$`);
}

/**
 * The objects pgtide manages: those whose id matches no ignore pattern, and whose parent (the table
 * of a column, constraint, index, trigger or policy; the object of a privilege) is not ignored
 * either, so that an ignored table takes everything on it out of scope.
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
    switch (o.kind) {
      case 'constraint':
      case 'index':
      case 'trigger':
      case 'policy':
        return !ignored(parentId(o.schema, o.table));
      case 'privilege':
        return !o.dependsOn.some(ignored);
      default:
        return true;
    }
  });
}
