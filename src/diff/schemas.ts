import type { Model, SchemaObj } from '../model/types.js';
import type { Change } from './change.js';
import type { FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

export const SCHEMA_RULES: FieldRules<SchemaObj> = { comment: 'alter' };

export function diffSchemas(from: Model, to: Model): ObjectDiff<SchemaObj> {
  return diffObjects(from.schema, to.schema, {
    what: 'schema',
    rules: SCHEMA_RULES,
    make: {
      create: (id, obj): Change => ({ kind: 'schema.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'schema.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({ kind: 'schema.alter', id, from: a, to: b, fields: fields as (keyof typeof SCHEMA_RULES)[] }),
    },
  });
}

