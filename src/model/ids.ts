import type { DbObject, Kind, ObjectId } from './types.js';

/**
 * Stable object ids: `kind:schema.name`, with the table for objects that live inside one.
 * Raw names are joined with dots; ids are keys, never SQL, so no quoting is needed or wanted.
 */
export function objectId(obj: DbObject): ObjectId {
  switch (obj.kind) {
    case 'schema':
      return `schema:${obj.name}`;
    case 'extension':
      return `extension:${obj.name}`;
    case 'enum':
    case 'sequence':
    case 'table':
    case 'index':
    case 'view':
      return `${obj.kind}:${obj.schema}.${obj.name}`;
    case 'constraint':
      return `constraint:${obj.schema}.${obj.table}.${obj.name}`;
    case 'trigger':
    case 'policy':
      return `${obj.kind}:${obj.schema}.${obj.table}.${obj.name}`;
    case 'function':
      return `function:${obj.schema}.${obj.name}(${obj.args})`;
    default: {
      const never: never = obj;
      throw new Error(`objectId: unknown object ${JSON.stringify(never)}`);
    }
  }
}

export function columnId(schema: string, table: string, column: string): ObjectId {
  return `column:${schema}.${table}.${column}`;
}

export function relationId(kind: Kind, schema: string, name: string): ObjectId {
  return `${kind}:${schema}.${name}`;
}

/** `schema.name` for messages (unquoted, human-readable). */
export function displayName(obj: DbObject): string {
  switch (obj.kind) {
    case 'schema':
    case 'extension':
      return obj.name;
    case 'constraint':
    case 'trigger':
    case 'policy':
      return `${obj.name} on ${obj.schema}.${obj.table}`;
    case 'function':
      return `${obj.schema}.${obj.name}(${obj.args})`;
    default:
      return `${obj.schema}.${obj.name}`;
  }
}
