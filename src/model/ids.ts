import type { DbObject, GrantTarget, Kind, ObjectId } from './types.js';

/** The model id of the object a privilege is on. */
export function grantTargetId(t: GrantTarget): ObjectId {
  switch (t.on) {
    case 'schema':
      return `schema:${t.name}`;
    case 'table':
    case 'view':
    case 'sequence':
      return `${t.on}:${t.schema}.${t.name}`;
    case 'column':
      return `column:${t.schema}.${t.table}.${t.column}`;
    case 'function':
      return `function:${t.schema}.${t.name}(${t.args})`;
    case 'aggregate':
      return `aggregate:${t.schema}.${t.name}(${t.args})`;
    default: {
      const never: never = t;
      throw new Error(`grantTargetId: unknown target ${JSON.stringify(never)}`);
    }
  }
}

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
    case 'collation':
    case 'domain':
    case 'composite-type':
    case 'range-type':
      return `${obj.kind}:${obj.schema}.${obj.name}`;
    case 'constraint':
      return `constraint:${obj.schema}.${obj.table}.${obj.name}`;
    case 'trigger':
    case 'policy':
      return `${obj.kind}:${obj.schema}.${obj.table}.${obj.name}`;
    case 'function':
      return `function:${obj.schema}.${obj.name}(${obj.args})`;
    case 'privilege':
      return `privilege:${grantTargetId(obj.target)}:${obj.grantee}`;
    case 'event-trigger':
      return `event-trigger:${obj.name}`;
    case 'default-privileges':
      // The role first: `ignore: ['default-privileges:admin:*']` leaves out every entry of one role.
      return `default-privileges:${obj.role}:${obj.schema === null ? '' : `${obj.schema}.`}${obj.objectType}:${obj.grantee}`;
    // Named in its own schema, whatever its table's.
    case 'statistics':
      return `statistics:${obj.schema}.${obj.name}`;
    // Named on its table or view, like a trigger.
    case 'rule':
      return `rule:${obj.schema}.${obj.table}.${obj.name}`;
    // Its own kind in the id: the server keeps one pg_proc entry per name and argument types, but a
    // function and an aggregate are different objects to drop, create and compare.
    case 'aggregate':
      return `aggregate:${obj.schema}.${obj.name}(${obj.args})`;
    case 'publication':
      return `publication:${obj.name}`;
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

/** The id of a function by its schema, name and argument list (as `objectId` builds it). */
export function routineId(schema: string, name: string, args: string): ObjectId {
  return `function:${schema}.${name}(${args})`;
}

/** The id of an object that lives inside a table: a constraint, trigger or policy. */
export function tableObjectId(kind: 'constraint' | 'trigger' | 'policy', schema: string, table: string, name: string): ObjectId {
  return `${kind}:${schema}.${table}.${name}`;
}
