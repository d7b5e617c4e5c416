import type { Model, Publication } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldEquals, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/**
 * ALTER PUBLICATION adds, drops and sets its tables and schemas and its options in place; FOR ALL
 * TABLES cannot be added or taken away (drop and create).
 */
export const PUBLICATION_RULES: FieldRules<Publication> = {
  allTables: 'recreate',
  tables: 'alter',
  schemas: 'alter',
  publish: 'alter',
  viaRoot: 'alter',
  generatedColumns: 'alter',
  comment: 'alter',
  // Its tables and their columns: they are compared.
  dependsOn: 'alter',
};

const PUBLICATION_EQUALS: FieldEquals<Publication> = {
  dependsOn: () => true,
  // Compared only where both servers have the option (PostgreSQL 18).
  generatedColumns: (a, b) => a === null || b === null || a === b,
};

export function diffPublications(from: Model, to: Model): ObjectDiff<Publication> {
  return diffObjects(from.publication, to.publication, {
    what: 'publication',
    rules: PUBLICATION_RULES,
    equals: PUBLICATION_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'publication.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'publication.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'publication.alter', id, from: a, to: b, fields: fields as ComparedField<Publication>[],
      }),
    },
  });
}
